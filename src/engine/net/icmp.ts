import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { ICMP_QUOTE_MAX_LINUX, IcmpType, emitIcmp, formatIcmp, icmpLength, icmpQuote, parseIcmp, type IcmpRepr } from '../wire/icmp.ts';
import { IpProto, Ipv4Field, ipv4Dst, ipv4HeaderLength, ipv4Src, ipv4TotalLength, ipv4Ttl } from '../wire/ipv4.ts';
import type { NetDevice } from './device.ts';
import { dropSkb } from './dev.ts';
import { buildIpPacket, ipLocalOut } from './ip-output.ts';
import type { NetNs } from './netns.ts';
import { ipRouteOutput } from './route.ts';
import type { Skb } from './skb.ts';
import { deliverIcmpError } from '../socket/table.ts';

const ERROR_TYPES = new Set<number>([IcmpType.DestUnreachable, IcmpType.TimeExceeded, 4, 5, 12]);

/** icmp_rcv: answer echo requests, hand replies and errors to the sockets they concern. */
export function icmpRcv(ns: NetNs, skb: Skb, dev: NetDevice, broadcast: boolean): void {
  const d = skb.data;
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const tl = ipv4TotalLength(d, ETH_HLEN);
  const icmp = parseIcmp(d, ETH_HLEN + hl, tl - hl);
  if (typeof icmp === 'string') {
    dropSkb(ns, skb, icmp === 'bad-checksum' ? DropReason.NOT_SPECIFIED : DropReason.PKT_TOO_SMALL, `ICMP ${icmp}`, dev);
    return;
  }
  const src = ipv4Src(d, ETH_HLEN);
  const dst = ipv4Dst(d, ETH_HLEN);
  const k = ns.kernel;
  const trace = (to: string): void => {
    if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, proto: 'icmp', to });
  };
  if (icmp.kind === 'echo') {
    if (icmp.type === IcmpType.EchoRequest) {
      if (ns.sysctl.get('net.ipv4.icmp_echo_ignore_all') === '1' || (broadcast && ns.sysctl.get('net.ipv4.icmp_echo_ignore_broadcasts') === '1')) {
        dropSkb(ns, skb, DropReason.NOT_SPECIFIED, 'echo request ignored (icmp_echo_ignore sysctl)', dev);
        return;
      }
      trace(`echo reply to ${formatIpv4(src)}`);
      icmpReply(ns, src, broadcast ? null : dst, { kind: 'echo', type: 0, id: icmp.id, seq: icmp.seq, data: icmp.data.slice() });
      return;
    }
    const sock = ns.sockets.ping.get(icmp.id);
    if (!sock) {
      dropSkb(ns, skb, DropReason.NO_SOCKET, `no ping socket with id ${icmp.id}`, dev);
      return;
    }
    trace(`ping socket id ${icmp.id}`);
    sock.onReply(src, icmp.seq, ipv4Ttl(d, ETH_HLEN), icmpLength(icmp), icmp.data);
    return;
  }
  if (icmp.kind === 'unreachable' || icmp.kind === 'time-exceeded') {
    const type = icmp.kind === 'unreachable' ? IcmpType.DestUnreachable : IcmpType.TimeExceeded;
    const orig = icmp.original;
    const mtu = icmp.kind === 'unreachable' ? icmp.mtu : 0;
    if (orig.length < 20) {
      dropSkb(ns, skb, DropReason.PKT_TOO_SMALL, 'ICMP error quotes too little', dev);
      return;
    }
    if (type === IcmpType.DestUnreachable && icmp.code === 4 && mtu > 0) {
      // ip_rt_update_pmtu: remember the smaller MTU towards that destination for 10 minutes.
      const innerDst = ipv4Dst(orig, 0);
      ns.pmtu.set(innerDst, { mtu: Math.max(552, mtu), expires: k.now + 600e9 });
    }
    const delivered = deliverIcmpError(ns, orig, { from: src, type, code: icmp.code, mtu });
    if (delivered) trace(`${formatIcmp(icmp)} to the socket it concerns`);
    else dropSkb(ns, skb, DropReason.NO_SOCKET, 'ICMP error about a packet no socket here sent', dev);
    return;
  }
  dropSkb(ns, skb, DropReason.NOT_SPECIFIED, `ICMP type ${icmp.type} not handled`, dev);
}

/** Send an ICMP message from `src` (or the address routing picks) to `dst`. */
function icmpReply(ns: NetNs, dst: Ipv4, src: Ipv4 | null, repr: IcmpRepr, parent?: number): void {
  const rt = ipRouteOutput(ns, dst, { src });
  if (typeof rt === 'string') return;
  const len = icmpLength(repr);
  const skb = buildIpPacket(ns, { src: src ?? rt.src, dst, protocol: IpProto.ICMP, df: false, length: len, write: (b, off) => emitIcmp(repr, b, off) });
  const k = ns.kernel;
  if (parent !== undefined && k.trace) k.emit({ type: 'icmp-out', t: k.now, ns: ns.label, pkt: skb.id, parent, icmp: formatIcmp(repr), to: formatIpv4(dst) });
  ipLocalOut(ns, skb, rt);
}

/**
 * icmp_send: report an error about `skbIn` to its sender. Never about an ICMP error, a
 * fragment other than the first, or a packet from no one or to a broadcast.
 */
export function icmpSend(ns: NetNs, skbIn: Skb, type: number, code: number, mtu: number): void {
  const d = skbIn.data;
  if (d.length < ETH_HLEN + 20) return;
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const fragOff = ((d[ETH_HLEN + Ipv4Field.FLG_OFF] & 0x1f) << 8) | d[ETH_HLEN + Ipv4Field.FLG_OFF + 1];
  if (fragOff !== 0) return;
  const src = ipv4Src(d, ETH_HLEN);
  const dst = ipv4Dst(d, ETH_HLEN);
  if (src === 0 || src === 0xffffffff || src >>> 28 === 0xe || dst === 0xffffffff || dst >>> 28 === 0xe) return;
  if (d[ETH_HLEN + Ipv4Field.PROTOCOL] === IpProto.ICMP && d.length >= ETH_HLEN + hl + 1) {
    if (ERROR_TYPES.has(d[ETH_HLEN + hl])) return;
  }
  if (!icmpRateAllow(ns, src, type, code)) {
    const k = ns.kernel;
    if (k.trace) k.emit({ type: 'icmp-out', t: k.now, ns: ns.label, pkt: skbIn.id, icmp: `suppressed by icmp_ratelimit (type ${type} code ${code})`, to: formatIpv4(src) });
    return;
  }
  const original = icmpQuote(d, ETH_HLEN, ICMP_QUOTE_MAX_LINUX);
  const repr: IcmpRepr =
    type === IcmpType.TimeExceeded ? { kind: 'time-exceeded', code, original } : { kind: 'unreachable', code, mtu, original };
  // The source is our address if the packet was for us, else whatever routing picks back.
  icmpReply(ns, src, ns.isLocalAddr(dst) ? dst : null, repr, skbIn.id);
}

export function icmpSendHostUnreach(ns: NetNs, skb: Skb): void {
  icmpSend(ns, skb, IcmpType.DestUnreachable, 1, 0);
}

/** Per-destination token buckets of icmpv4_xrlim_allow (struct inet_peer's rate_tokens). */
const peers = new WeakMap<NetNs, Map<number, { tokens: number; last: number }>>();
const XRLIM_BURST_FACTOR = 6;

/**
 * icmpv4_xrlim_allow: error types in icmp_ratemask are limited per destination to one per
 * icmp_ratelimit ms, with a burst of six; "fragmentation needed" and errors to ourselves
 * over loopback are never limited.
 */
function icmpRateAllow(ns: NetNs, dst: Ipv4, type: number, code: number): boolean {
  const mask = Number(ns.sysctl.get('net.ipv4.icmp_ratemask') ?? 6168);
  if (!((1 << type) & mask)) return true;
  if (type === IcmpType.DestUnreachable && code === 4) return true;
  if (ns.isLocalAddr(dst)) return true;
  const timeout = Number(ns.sysctl.get('net.ipv4.icmp_ratelimit') ?? 1000) * 1e6;
  if (timeout <= 0) return true;
  let m = peers.get(ns);
  if (!m) peers.set(ns, (m = new Map()));
  const now = ns.kernel.now;
  // A new peer's last time is a minute ago: it starts with a full burst.
  const p = m.get(dst) ?? { tokens: 0, last: now - 60e9 };
  m.set(dst, p);
  let token = p.tokens + (now - p.last);
  p.last = now;
  if (token > XRLIM_BURST_FACTOR * timeout) token = XRLIM_BURST_FACTOR * timeout;
  const allow = token >= timeout;
  if (allow) token -= timeout;
  p.tokens = token;
  return allow;
}
