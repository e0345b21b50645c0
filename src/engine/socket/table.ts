import type { Ipv4 } from '../addr/ipv4.ts';
import { IpProto, ipv4Dst, ipv4HeaderLength, ipv4Protocol, ipv4Src } from '../wire/ipv4.ts';
import type { NetNs } from '../net/netns.ts';
import type { PingSocket } from './ping.ts';
import type { UdpSocket } from './udp.ts';
import { TcpTable } from './tcp.ts';

/** What an ICMP error said, as handed to the socket that caused it. */
export interface IcmpErrorInfo {
  from: Ipv4;
  type: number;
  code: number;
  mtu: number;
}

/** The sockets of one namespace, by how incoming packets find them. */
export interface SocketTable {
  /** ICMP echo sockets by identifier. */
  ping: Map<number, PingSocket>;
  /** UDP sockets by local port. */
  udp: Map<number, UdpSocket>;
  tcp: TcpTable;
}

export function createSocketTable(): SocketTable {
  return { ping: new Map(), udp: new Map(), tcp: new TcpTable() };
}

/**
 * Find the socket an ICMP error is about from the packet it quotes (our own packet: its
 * source is us) and report the error to it. Returns whether one was found.
 */
export function deliverIcmpError(ns: NetNs, orig: Uint8Array, info: IcmpErrorInfo): boolean {
  const hl = ipv4HeaderLength(orig, 0);
  if (orig.length < hl + 8) return false;
  const proto = ipv4Protocol(orig, 0);
  const src = ipv4Src(orig, 0);
  const dst = ipv4Dst(orig, 0);
  const p0 = (orig[hl] << 8) | orig[hl + 1];
  const p1 = (orig[hl + 2] << 8) | orig[hl + 3];
  if (proto === IpProto.ICMP) {
    if (orig[hl] !== 8) return false;
    const id = (orig[hl + 4] << 8) | orig[hl + 5];
    const seq = (orig[hl + 6] << 8) | orig[hl + 7];
    const s = ns.sockets.ping.get(id);
    if (!s) return false;
    s.onError(info, seq, dst);
    return true;
  }
  if (proto === IpProto.UDP) {
    const s = ns.sockets.udp.get(p0);
    if (!s) return false;
    s.onError(info, dst, p1);
    return true;
  }
  if (proto === IpProto.TCP) return ns.sockets.tcp.icmpError(src, p0, dst, p1, info);
  return false;
}

/** The namespace is going away: every socket in it is closed without a word on the wire. */
export function closeNamespaceSockets(ns: NetNs): void {
  ns.sockets.ping.clear();
  ns.sockets.udp.clear();
  ns.sockets.tcp.abortAll();
}

/** An ephemeral port from ip_local_port_range that no socket of `inUse` holds. */
export function pickEphemeralPort(ns: NetNs, inUse: (port: number) => boolean): number {
  const [lo, hi] = (ns.sysctl.get('net.ipv4.ip_local_port_range') ?? '32768\t60999').split(/\s+/).map(Number);
  const span = hi - lo + 1;
  const start = ns.kernel.rng.u32() % span;
  for (let i = 0; i < span; i++) {
    const p = lo + ((start + i) % span);
    if (!inUse(p)) return p;
  }
  return 0;
}
