import { formatIpv4 } from '../addr/ipv4.ts';
import { formatMac, readMac } from '../addr/mac.ts';
import { formatArp, parseArp } from '../wire/arp.ts';
import { ETH_HLEN, EtherType } from '../wire/ethernet.ts';
import { formatIcmp, parseIcmp } from '../wire/icmp.ts';
import { IpProto, Ipv4Field, parseIpv4Header } from '../wire/ipv4.ts';
import { formatTcpFlags } from '../wire/tcp.ts';

/** A one-line, tcpdump-like description of a frame, for traces and the event list. */
export function summarizeFrame(d: Uint8Array): string {
  if (d.length < ETH_HLEN) return 'runt frame';
  const type = (d[12] << 8) | d[13];
  if (type === EtherType.ARP) {
    const a = parseArp(d, ETH_HLEN);
    return a ? `ARP, ${formatArp(a)}` : 'ARP, malformed';
  }
  if (type !== EtherType.IPv4) return `${formatMac(readMac(d, 6))} > ${formatMac(readMac(d, 0))} ethertype 0x${type.toString(16)}`;
  const h = parseIpv4Header(d, ETH_HLEN);
  if (typeof h === 'string') return `IP, ${h}`;
  const src = formatIpv4(h.src);
  const dst = formatIpv4(h.dst);
  const off = ETH_HLEN + h.headerLength;
  const plen = h.totalLength - h.headerLength;
  const frag = h.mf || h.fragOffset > 0 ? ` (frag ${h.id}:${plen}@${h.fragOffset}${h.mf ? '+' : ''})` : '';
  if (h.fragOffset > 0) return `IP ${src} > ${dst}: ${protoName(h.protocol)}${frag}`;
  if (h.protocol === IpProto.ICMP) {
    const i = parseIcmp(d, off, Math.min(plen, d.length - off));
    return `IP ${src} > ${dst}: ${typeof i === 'string' ? `ICMP ${i}` : formatIcmp(i)}${frag}`;
  }
  if ((h.protocol === IpProto.UDP || h.protocol === IpProto.TCP) && d.length >= off + 4) {
    const sport = (d[off] << 8) | d[off + 1];
    const dport = (d[off + 2] << 8) | d[off + 3];
    if (h.protocol === IpProto.UDP) return `IP ${src}.${sport} > ${dst}.${dport}: UDP, length ${plen - 8}${frag}`;
    const flags = d.length >= off + 14 ? formatTcpFlags(d[off + 13]) : '[?]';
    const dataOff = d.length >= off + 13 ? (d[off + 12] >> 4) * 4 : 20;
    return `IP ${src}.${sport} > ${dst}.${dport}: Flags ${flags}, length ${plen - dataOff}${frag}`;
  }
  return `IP ${src} > ${dst}: ${protoName(h.protocol)}, length ${plen}${frag} ttl ${d[ETH_HLEN + Ipv4Field.TTL]}`;
}

function protoName(p: number): string {
  return p === IpProto.ICMP ? 'ICMP' : p === IpProto.TCP ? 'TCP' : p === IpProto.UDP ? 'UDP' : `ip-proto-${p}`;
}
