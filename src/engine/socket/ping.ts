import type { Ipv4 } from '../addr/ipv4.ts';
import type { NetNs } from '../net/netns.ts';
import type { IcmpErrorInfo } from './table.ts';

/** An ICMP echo socket (what `ping` opens): replies and errors come back by identifier. */
export interface PingSocket {
  id: number;
  onReply(from: Ipv4, seq: number, ttl: number, bytes: number, data: Uint8Array): void;
  onError(info: IcmpErrorInfo, seq: number, origDst: Ipv4): void;
}

export function openPingSocket(ns: NetNs, make: (id: number) => PingSocket): PingSocket {
  let id = ns.kernel.rng.u32() & 0xffff;
  while (ns.sockets.ping.has(id)) id = (id + 1) & 0xffff;
  const s = make(id);
  ns.sockets.ping.set(id, s);
  return s;
}

export function closePingSocket(ns: NetNs, s: PingSocket): void {
  if (ns.sockets.ping.get(s.id) === s) ns.sockets.ping.delete(s.id);
}
