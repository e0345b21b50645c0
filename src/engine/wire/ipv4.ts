/** IPv4 header (RFC 791). Options are carried through by length but never interpreted. */
import { formatIpv4 } from '../addr/ipv4.ts';
import type { Ipv4 } from '../addr/ipv4.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';
import { internetChecksum, updateChecksum16 } from './checksum.ts';

export const IPV4_HLEN = 20;

export const IpProto = { ICMP: 1, TCP: 6, UDP: 17 } as const;

export const Ipv4Field = {
  VER_IHL: 0,
  TOS: 1,
  LENGTH: 2,
  IDENT: 4,
  FLG_OFF: 6,
  TTL: 8,
  PROTOCOL: 9,
  CHECKSUM: 10,
  SRC: 12,
  DST: 16,
} as const;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const FRAG_OFFSET_MASK = 0x1fff;

export interface Ipv4Repr {
  tos: number;
  totalLength: number;
  id: number;
  df: boolean;
  mf: boolean;
  /** In bytes (the wire field is in 8-byte units), so always a multiple of 8. */
  fragOffset: number;
  ttl: number;
  protocol: number;
  src: Ipv4;
  dst: Ipv4;
  /** Bytes; 20 without options. */
  headerLength: number;
}

export type Ipv4ParseError =
  | 'truncated'
  | 'bad-version'
  | 'bad-header-length'
  | 'bad-checksum'
  | 'bad-total-length';

/**
 * Validates in the order of Linux's ip_rcv_core (version/IHL, then the header is present, then
 * the checksum, then total length), so the reported reason matches which counter Linux bumps.
 * Bytes beyond totalLength (Ethernet padding) are allowed; the caller trims to totalLength.
 */
export function parseIpv4Header(buf: Uint8Array, off = 0): Ipv4Repr | Ipv4ParseError {
  const avail = buf.length - off;
  if (avail < IPV4_HLEN) return 'truncated';
  const verIhl = buf[off + Ipv4Field.VER_IHL];
  if (verIhl >>> 4 !== 4) return 'bad-version';
  const headerLength = (verIhl & 0x0f) * 4;
  if (headerLength < IPV4_HLEN) return 'bad-header-length';
  if (avail < headerLength) return 'truncated';
  if (internetChecksum(buf, off, headerLength) !== 0) return 'bad-checksum';
  const totalLength = readU16(buf, off + Ipv4Field.LENGTH);
  if (totalLength < headerLength || totalLength > avail) return 'bad-total-length';
  const flgOff = readU16(buf, off + Ipv4Field.FLG_OFF);
  return {
    tos: buf[off + Ipv4Field.TOS],
    totalLength,
    id: readU16(buf, off + Ipv4Field.IDENT),
    df: (flgOff & FLAG_DF) !== 0,
    mf: (flgOff & FLAG_MF) !== 0,
    fragOffset: (flgOff & FRAG_OFFSET_MASK) * 8,
    ttl: buf[off + Ipv4Field.TTL],
    protocol: buf[off + Ipv4Field.PROTOCOL],
    src: readU32(buf, off + Ipv4Field.SRC) as Ipv4,
    dst: readU32(buf, off + Ipv4Field.DST) as Ipv4,
    headerLength,
  };
}

/** Writes the header (options area zeroed) and its checksum. The payload is not touched. */
export function emitIpv4Header(repr: Ipv4Repr, buf: Uint8Array, off = 0): void {
  const hl = repr.headerLength;
  buf[off + Ipv4Field.VER_IHL] = 0x40 | ((hl >>> 2) & 0x0f);
  buf[off + Ipv4Field.TOS] = repr.tos;
  writeU16(buf, off + Ipv4Field.LENGTH, repr.totalLength);
  writeU16(buf, off + Ipv4Field.IDENT, repr.id);
  // fragOffset is in bytes; the field counts 8-byte blocks (>>> 3).
  const flgOff =
    (repr.df ? FLAG_DF : 0) | (repr.mf ? FLAG_MF : 0) | ((repr.fragOffset >>> 3) & FRAG_OFFSET_MASK);
  writeU16(buf, off + Ipv4Field.FLG_OFF, flgOff);
  buf[off + Ipv4Field.TTL] = repr.ttl;
  buf[off + Ipv4Field.PROTOCOL] = repr.protocol;
  writeU16(buf, off + Ipv4Field.CHECKSUM, 0);
  writeU32(buf, off + Ipv4Field.SRC, repr.src);
  writeU32(buf, off + Ipv4Field.DST, repr.dst);
  buf.fill(0, off + IPV4_HLEN, off + hl);
  writeU16(buf, off + Ipv4Field.CHECKSUM, internetChecksum(buf, off, hl));
}

/** A fresh option-less packet: 20-byte header followed by a copy of the payload. */
export function buildIpv4Packet(
  repr: Omit<Ipv4Repr, 'totalLength' | 'headerLength'>,
  payload: Uint8Array,
): Uint8Array {
  const packet = new Uint8Array(IPV4_HLEN + payload.length);
  emitIpv4Header({ ...repr, headerLength: IPV4_HLEN, totalLength: packet.length }, packet, 0);
  packet.set(payload, IPV4_HLEN);
  return packet;
}

// ---- In-place accessors for the forwarding hot path: no allocation, no validation (the
// ---- packet has already been through parseIpv4Header once on ingress).

export function ipv4Src(buf: Uint8Array, off: number): Ipv4 {
  return readU32(buf, off + Ipv4Field.SRC) as Ipv4;
}

export function ipv4Dst(buf: Uint8Array, off: number): Ipv4 {
  return readU32(buf, off + Ipv4Field.DST) as Ipv4;
}

export function ipv4Ttl(buf: Uint8Array, off: number): number {
  return buf[off + Ipv4Field.TTL];
}

export function ipv4Protocol(buf: Uint8Array, off: number): number {
  return buf[off + Ipv4Field.PROTOCOL];
}

export function ipv4HeaderLength(buf: Uint8Array, off: number): number {
  return (buf[off + Ipv4Field.VER_IHL] & 0x0f) * 4;
}

export function ipv4TotalLength(buf: Uint8Array, off: number): number {
  return readU16(buf, off + Ipv4Field.LENGTH);
}

/**
 * Decrements the TTL and patches the checksum incrementally (RFC 1624), as a router does,
 * instead of re-summing the header. Returns the new TTL. A TTL of 0 is left alone rather than
 * wrapped to 255: the caller should have answered with Time Exceeded before getting here.
 */
export function decrementTtl(buf: Uint8Array, off: number): number {
  const ttl = buf[off + Ipv4Field.TTL];
  if (ttl === 0) return 0;
  // TTL is the high byte of the 16-bit word it shares with the protocol.
  const oldWord = readU16(buf, off + Ipv4Field.TTL);
  const newWord = oldWord - 0x100;
  buf[off + Ipv4Field.TTL] = ttl - 1;
  const check = readU16(buf, off + Ipv4Field.CHECKSUM);
  writeU16(buf, off + Ipv4Field.CHECKSUM, updateChecksum16(check, oldWord, newWord));
  return ttl - 1;
}

/** Rewrites the source address (SNAT) and recomputes the header checksum. */
export function setIpv4Src(buf: Uint8Array, off: number, a: Ipv4): void {
  writeU32(buf, off + Ipv4Field.SRC, a);
  recomputeIpv4Checksum(buf, off);
}

/** Rewrites the destination address (DNAT) and recomputes the header checksum. */
export function setIpv4Dst(buf: Uint8Array, off: number, a: Ipv4): void {
  writeU32(buf, off + Ipv4Field.DST, a);
  recomputeIpv4Checksum(buf, off);
}

/** Full recompute over the header, options included. */
export function recomputeIpv4Checksum(buf: Uint8Array, off: number): void {
  writeU16(buf, off + Ipv4Field.CHECKSUM, 0);
  writeU16(buf, off + Ipv4Field.CHECKSUM, internetChecksum(buf, off, ipv4HeaderLength(buf, off)));
}

const PROTO_NAMES: Readonly<Record<number, string>> = {
  [IpProto.ICMP]: 'ICMP',
  [IpProto.TCP]: 'TCP',
  [IpProto.UDP]: 'UDP',
};

export function formatIpProto(protocol: number): string {
  return PROTO_NAMES[protocol] ?? 'unknown';
}

/**
 * tcpdump -v style: "IP (tos 0x0, ttl 64, id 60069, offset 0, flags [DF], proto ICMP (1),
 * length 84) 10.0.0.1 > 10.0.0.2". Flag order and separator follow tcpdump's ip_frag_values.
 */
export function formatIpv4Header(repr: Ipv4Repr): string {
  const flagNames = [repr.mf ? '+' : '', repr.df ? 'DF' : ''].filter((f) => f !== '');
  const flags = flagNames.length > 0 ? flagNames.join(', ') : 'none';
  return (
    `IP (tos 0x${repr.tos.toString(16)}, ttl ${repr.ttl}, id ${repr.id}, ` +
    `offset ${repr.fragOffset}, flags [${flags}], ` +
    `proto ${formatIpProto(repr.protocol)} (${repr.protocol}), length ${repr.totalLength}) ` +
    `${formatIpv4(repr.src)} > ${formatIpv4(repr.dst)}`
  );
}
