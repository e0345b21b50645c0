/** UDP (RFC 768) over IPv4. */
import type { Ipv4 } from '../addr/ipv4.ts';
import { readU16, writeU16 } from './bytes.ts';
import { internetChecksum, pseudoHeaderSum } from './checksum.ts';
import { IpProto } from './ipv4.ts';

export const UDP_HLEN = 8;

export const UdpField = { SRC_PORT: 0, DST_PORT: 2, LENGTH: 4, CHECKSUM: 6 } as const;

export interface UdpRepr {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/**
 * Parses the UDP datagram in the `len` bytes at `off` (the IP payload). The UDP length field
 * may be shorter than `len` (trailing bytes are ignored) but not longer. The payload is a view.
 */
export function parseUdp(
  buf: Uint8Array,
  off: number,
  len: number,
  src: Ipv4,
  dst: Ipv4,
): UdpRepr | 'truncated' | 'bad-length' | 'bad-checksum' {
  if (len < UDP_HLEN || off + len > buf.length) return 'truncated';
  const udpLength = readU16(buf, off + UdpField.LENGTH);
  if (udpLength < UDP_HLEN || udpLength > len) return 'bad-length';
  // A zero checksum means the sender did not compute one (legal over IPv4).
  if (readU16(buf, off + UdpField.CHECKSUM) !== 0) {
    const initial = pseudoHeaderSum(src, dst, IpProto.UDP, udpLength);
    if (internetChecksum(buf, off, udpLength, initial) !== 0) return 'bad-checksum';
  }
  return {
    srcPort: readU16(buf, off + UdpField.SRC_PORT),
    dstPort: readU16(buf, off + UdpField.DST_PORT),
    payload: buf.subarray(off + UDP_HLEN, off + udpLength),
  };
}

export function udpLength(repr: UdpRepr): number {
  return UDP_HLEN + repr.payload.length;
}

/** Writes header + payload (udpLength(repr) bytes) at `off`, checksum included. */
export function emitUdp(repr: UdpRepr, buf: Uint8Array, off: number, src: Ipv4, dst: Ipv4): void {
  const length = udpLength(repr);
  writeU16(buf, off + UdpField.SRC_PORT, repr.srcPort);
  writeU16(buf, off + UdpField.DST_PORT, repr.dstPort);
  writeU16(buf, off + UdpField.LENGTH, length);
  writeU16(buf, off + UdpField.CHECKSUM, 0);
  buf.set(repr.payload, off + UDP_HLEN);
  const check = internetChecksum(buf, off, length, pseudoHeaderSum(src, dst, IpProto.UDP, length));
  // 0 on the wire means "no checksum", so a computed 0 is sent as its other form, 0xffff.
  writeU16(buf, off + UdpField.CHECKSUM, check === 0 ? 0xffff : check);
}

/** tcpdump style, without addresses: "40000 > 9000: UDP, length 6". */
export function formatUdp(repr: UdpRepr): string {
  return `${repr.srcPort} > ${repr.dstPort}: UDP, length ${repr.payload.length}`;
}
