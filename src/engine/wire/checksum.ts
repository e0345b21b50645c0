/**
 * The Internet checksum (RFC 1071) and the incremental update of RFC 1624.
 *
 * Sums are accumulated in a plain JS number: doubles are exact to 2^53, so even a 64 KiB
 * buffer of 0xffff words cannot lose precision and the carries can be folded once at the end.
 */
import type { Ipv4 } from '../addr/ipv4.ts';

/** Folds a partial sum to 16 bits with end-around carry (one's complement addition). */
export function foldChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * One's complement sum of `len` bytes at `off`, plus `initial`, folded to 16 bits but not
 * complemented. An odd trailing byte is padded with a zero low byte, as RFC 1071 requires.
 */
export function onesComplementSum(buf: Uint8Array, off: number, len: number, initial = 0): number {
  let sum = initial;
  const end = off + len - 1;
  let i = off;
  for (; i < end; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  if (i === end) sum += buf[i] << 8;
  return foldChecksum(sum);
}

/**
 * The checksum to write into a header: the complement of the one's complement sum. Computing
 * it over a region that already contains a valid checksum yields 0, which is how parsers verify.
 */
export function internetChecksum(buf: Uint8Array, off: number, len: number, initial = 0): number {
  return ~onesComplementSum(buf, off, len, initial) & 0xffff;
}

/**
 * Sum of the UDP/TCP pseudo-header (RFC 768 / RFC 793): source, destination, zero+protocol and
 * the L4 length. Not complemented: it is the `initial` for internetChecksum over the segment.
 * (This is also exactly what Linux leaves in the checksum field when it offloads the rest.)
 */
export function pseudoHeaderSum(src: Ipv4, dst: Ipv4, protocol: number, length: number): number {
  return foldChecksum(
    (src >>> 16) + (src & 0xffff) +
      (dst >>> 16) + (dst & 0xffff) +
      (protocol & 0xff) + (length & 0xffff),
  );
}

/**
 * RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'): the new checksum after one 16-bit word changes from
 * `oldWord` to `newWord`. Unlike the older RFC 1141 form it never produces 0xffff (-0), so the
 * result equals a full recompute — needed for TTL decrement and NAT rewrites on the fast path.
 */
export function updateChecksum16(check: number, oldWord: number, newWord: number): number {
  const sum = (~check & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
  return ~foldChecksum(sum) & 0xffff;
}

/**
 * updateChecksum16 for a 32-bit field (an IPv4 address), as two 16-bit words. For UDP the
 * caller must keep the RFC 768 conventions: skip when the old checksum is 0 (none), and write
 * 0xffff if the result is 0.
 */
export function updateChecksum32(check: number, oldValue: number, newValue: number): number {
  const sum =
    (~check & 0xffff) +
    (~(oldValue >>> 16) & 0xffff) + (~oldValue & 0xffff) +
    (newValue >>> 16) + (newValue & 0xffff);
  return ~foldChecksum(sum) & 0xffff;
}
