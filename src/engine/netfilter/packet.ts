import type { Ipv4 } from '../addr/ipv4.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IpProto } from '../wire/ipv4.ts';

/**
 * The header fields netfilter looks at, read straight from the bytes (no allocation beyond
 * this object). `sport`/`dport` are the TCP/UDP ports, or for ICMP the echo id and type.
 */
export interface PacketInfo {
  off: number;
  hl: number;
  len: number;
  src: Ipv4;
  dst: Ipv4;
  proto: number;
  ttl: number;
  /** Fragment offset in bytes; non-first fragments carry no transport header. */
  fragOff: number;
  mf: boolean;
  sport: number;
  dport: number;
  tcpFlags: number;
  icmpType: number;
  icmpCode: number;
  /** ICMP echo identifier, or 0. */
  icmpId: number;
}

const u32 = (d: Uint8Array, o: number): number => ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;

export function readPacket(d: Uint8Array, off = ETH_HLEN): PacketInfo {
  const hl = (d[off] & 15) * 4;
  const flags = (d[off + 6] << 8) | d[off + 7];
  const p: PacketInfo = {
    off,
    hl,
    len: (d[off + 2] << 8) | d[off + 3],
    src: u32(d, off + 12) as Ipv4,
    dst: u32(d, off + 16) as Ipv4,
    proto: d[off + 9],
    ttl: d[off + 8],
    fragOff: (flags & 0x1fff) * 8,
    mf: (flags & 0x2000) !== 0,
    sport: 0,
    dport: 0,
    tcpFlags: 0,
    icmpType: -1,
    icmpCode: -1,
    icmpId: 0,
  };
  const t = off + hl;
  if (p.fragOff !== 0) return p;
  if ((p.proto === IpProto.TCP || p.proto === IpProto.UDP) && d.length >= t + 4) {
    p.sport = (d[t] << 8) | d[t + 1];
    p.dport = (d[t + 2] << 8) | d[t + 3];
    if (p.proto === IpProto.TCP && d.length >= t + 14) p.tcpFlags = d[t + 13];
  } else if (p.proto === IpProto.ICMP && d.length >= t + 2) {
    p.icmpType = d[t];
    p.icmpCode = d[t + 1];
    if ((p.icmpType === 0 || p.icmpType === 8) && d.length >= t + 6) p.icmpId = (d[t + 4] << 8) | d[t + 5];
  }
  return p;
}
