import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IcmpType, IcmpUnreachCode } from '../wire/icmp.ts';
import { IpProto, ipv4Dst, ipv4HeaderLength, ipv4Src, ipv4TotalLength } from '../wire/ipv4.ts';
import { UDP_HLEN, emitUdp, parseUdp } from '../wire/udp.ts';
import type { NetDevice } from '../net/device.ts';
import { dropSkb } from '../net/dev.ts';
import { icmpSend } from '../net/icmp.ts';
import { buildIpPacket, ipLocalOut } from '../net/ip-output.ts';
import type { NetNs } from '../net/netns.ts';
import { ipRouteOutput, type SendError } from '../net/route.ts';
import type { Skb } from '../net/skb.ts';
import { vxlanRcv } from '../net/vxlan.ts';
import { type IcmpErrorInfo, pickEphemeralPort } from './table.ts';

/** A UDP socket bound to a port (and optionally one local address). */
export class UdpSocket {
  received = 0;
  receivedBytes = 0;
  lastError: IcmpErrorInfo | null = null;
  /** `to` is the datagram's destination address (IP_PKTINFO's ipi_addr). */
  onDatagram: ((from: Ipv4, sport: number, payload: Uint8Array, to: Ipv4) => void) | null = null;

  constructor(
    readonly ns: NetNs,
    readonly port: number,
    readonly addr: Ipv4,
  ) {}

  onError(info: IcmpErrorInfo, _dst: Ipv4, _dport: number): void {
    this.lastError = info;
  }

  /** sendto(): route, build and send one datagram; `src` as IP_PKTINFO's ipi_spec_dst on a wildcard socket. */
  sendTo(dst: Ipv4, dport: number, payload: Uint8Array, opts: { ttl?: number; oif?: NetDevice | null; src?: Ipv4 } = {}): SendError | null {
    const rt = ipRouteOutput(this.ns, dst, { oif: opts.oif, src: this.addr === 0 ? (opts.src ?? null) : this.addr });
    if (typeof rt === 'string') return rt;
    const src = rt.src;
    const port = this.port;
    const len = UDP_HLEN + payload.length;
    const skb = buildIpPacket(this.ns, {
      src,
      dst,
      protocol: IpProto.UDP,
      ttl: opts.ttl,
      df: len + 20 <= rt.mtu,
      length: len,
      write: (b, off) => emitUdp({ srcPort: port, dstPort: dport, payload }, b, off, src, dst),
    });
    return ipLocalOut(this.ns, skb, rt) ? null : 'EPERM';
  }

  close(): void {
    if (this.ns.sockets.udp.get(this.port) === this) this.ns.sockets.udp.delete(this.port);
  }
}

/** bind(): port 0 picks an ephemeral one. Returns null when the port is taken (EADDRINUSE). */
export function udpBind(ns: NetNs, port: number, addr: Ipv4 = 0 as Ipv4): UdpSocket | null {
  if (port === 0) port = pickEphemeralPort(ns, (p) => ns.sockets.udp.has(p));
  if (ns.sockets.udp.has(port)) return null;
  const s = new UdpSocket(ns, port, addr);
  ns.sockets.udp.set(port, s);
  return s;
}

/** udp_rcv: hand the datagram to the socket bound to its port, or answer port unreachable. */
export function udpRcv(ns: NetNs, skb: Skb, dev: NetDevice, broadcast: boolean): void {
  const d = skb.data;
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const tl = ipv4TotalLength(d, ETH_HLEN);
  const src = ipv4Src(d, ETH_HLEN);
  const dst = ipv4Dst(d, ETH_HLEN);
  const u = parseUdp(d, ETH_HLEN + hl, tl - hl, src, dst);
  if (typeof u === 'string') {
    dropSkb(ns, skb, u === 'bad-checksum' ? DropReason.UDP_CSUM : DropReason.PKT_TOO_SMALL, `UDP ${u}`, dev);
    return;
  }
  if (vxlanRcv(ns, u.dstPort, src, dst, u.payload, skb)) return;
  const s = ns.sockets.udp.get(u.dstPort);
  if (!s || (s.addr !== 0 && s.addr !== dst)) {
    if (!broadcast) icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.Port, 0);
    dropSkb(ns, skb, DropReason.NO_SOCKET, `no UDP socket on port ${u.dstPort}`, dev);
    return;
  }
  s.received++;
  s.receivedBytes += u.payload.length;
  const k = ns.kernel;
  if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, proto: 'udp', to: `socket ${formatIpv4(dst)}:${u.dstPort}` });
  s.onDatagram?.(src, u.srcPort, u.payload, dst);
}
