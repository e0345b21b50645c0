/** TCP segment header (RFC 9293). Of the options only MSS is kept; the rest are skipped. */
import type { Ipv4 } from '../addr/ipv4.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';
import { internetChecksum, pseudoHeaderSum } from './checksum.ts';
import { IpProto } from './ipv4.ts';

export const TCP_HLEN = 20;

/** ECE and CWR are included so a parsed flags byte round-trips unchanged. */
export const TcpFlags = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 } as const;

export const TcpField = {
  SRC_PORT: 0,
  DST_PORT: 2,
  SEQ: 4,
  ACK: 8,
  /** High nibble: data offset in 32-bit words. */
  DATA_OFFSET: 12,
  FLAGS: 13,
  WINDOW: 14,
  CHECKSUM: 16,
  URGENT: 18,
  OPTIONS: 20,
} as const;

export const TcpOption = { END: 0, NOP: 1, MSS: 2 } as const;
const MSS_OPTION_LEN = 4;

export interface TcpRepr {
  srcPort: number;
  dstPort: number;
  /** uint32 */
  seq: number;
  /** uint32; meaningful only with the ACK flag. */
  ack: number;
  flags: number;
  /** As on the wire, before any window scaling. */
  window: number;
  /** MSS option, when present. */
  mss?: number;
  payload: Uint8Array;
}

/**
 * Parses the segment in the `len` bytes at `off` (the IP payload) and verifies its checksum.
 * The MSS is reported whatever the flags; honouring it only on SYN is the caller's business.
 */
export function parseTcp(
  buf: Uint8Array,
  off: number,
  len: number,
  src: Ipv4,
  dst: Ipv4,
): TcpRepr | 'truncated' | 'bad-offset' | 'bad-checksum' {
  if (len < TCP_HLEN || off + len > buf.length) return 'truncated';
  const headerLength = (buf[off + TcpField.DATA_OFFSET] >>> 4) * 4;
  if (headerLength < TCP_HLEN || headerLength > len) return 'bad-offset';
  if (internetChecksum(buf, off, len, pseudoHeaderSum(src, dst, IpProto.TCP, len)) !== 0) {
    return 'bad-checksum';
  }
  const repr: TcpRepr = {
    srcPort: readU16(buf, off + TcpField.SRC_PORT),
    dstPort: readU16(buf, off + TcpField.DST_PORT),
    seq: readU32(buf, off + TcpField.SEQ),
    ack: readU32(buf, off + TcpField.ACK),
    flags: buf[off + TcpField.FLAGS],
    window: readU16(buf, off + TcpField.WINDOW),
    payload: buf.subarray(off + headerLength, off + len),
  };
  const mss = findMss(buf, off + TcpField.OPTIONS, off + headerLength);
  if (mss !== undefined) repr.mss = mss;
  return repr;
}

/**
 * Walks the option list like Linux's tcp_parse_options: a malformed option (length < 2 or
 * running past the header) ends the walk silently instead of rejecting the segment.
 */
function findMss(buf: Uint8Array, start: number, end: number): number | undefined {
  let mss: number | undefined;
  let i = start;
  while (i < end) {
    const kind = buf[i];
    if (kind === TcpOption.END) break;
    if (kind === TcpOption.NOP) {
      i += 1;
      continue;
    }
    if (i + 1 >= end) break;
    const optLen = buf[i + 1];
    if (optLen < 2 || i + optLen > end) break;
    if (kind === TcpOption.MSS && optLen === MSS_OPTION_LEN) mss = readU16(buf, i + 2);
    i += optLen;
  }
  return mss;
}

export function tcpHeaderLength(repr: TcpRepr): number {
  return TCP_HLEN + (repr.mss !== undefined ? MSS_OPTION_LEN : 0);
}

export function tcpLength(repr: TcpRepr): number {
  return tcpHeaderLength(repr) + repr.payload.length;
}

/** Writes tcpLength(repr) bytes at `off`, checksum included. The urgent pointer is always 0. */
export function emitTcp(repr: TcpRepr, buf: Uint8Array, off: number, src: Ipv4, dst: Ipv4): void {
  const headerLength = tcpHeaderLength(repr);
  const length = headerLength + repr.payload.length;
  writeU16(buf, off + TcpField.SRC_PORT, repr.srcPort);
  writeU16(buf, off + TcpField.DST_PORT, repr.dstPort);
  writeU32(buf, off + TcpField.SEQ, repr.seq >>> 0);
  writeU32(buf, off + TcpField.ACK, repr.ack >>> 0);
  buf[off + TcpField.DATA_OFFSET] = (headerLength >>> 2) << 4;
  buf[off + TcpField.FLAGS] = repr.flags & 0xff;
  writeU16(buf, off + TcpField.WINDOW, repr.window);
  writeU16(buf, off + TcpField.CHECKSUM, 0);
  writeU16(buf, off + TcpField.URGENT, 0);
  if (repr.mss !== undefined) {
    buf[off + TcpField.OPTIONS] = TcpOption.MSS;
    buf[off + TcpField.OPTIONS + 1] = MSS_OPTION_LEN;
    writeU16(buf, off + TcpField.OPTIONS + 2, repr.mss);
  }
  buf.set(repr.payload, off + headerLength);
  const initial = pseudoHeaderSum(src, dst, IpProto.TCP, length);
  writeU16(buf, off + TcpField.CHECKSUM, internetChecksum(buf, off, length, initial));
}

/** tcpdump's flag letters, in tcpdump's order (tcp_flag_values); ACK prints as ".". */
const FLAG_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [TcpFlags.FIN, 'F'],
  [TcpFlags.SYN, 'S'],
  [TcpFlags.RST, 'R'],
  [TcpFlags.PSH, 'P'],
  [TcpFlags.ACK, '.'],
  [TcpFlags.URG, 'U'],
  [TcpFlags.ECE, 'E'],
  [TcpFlags.CWR, 'W'],
];

/** "[S]", "[S.]", "[.]", "[R.]", "[F.]", "[P.]"; "[none]" when no flag is set. */
export function formatTcpFlags(flags: number): string {
  let s = '';
  for (const [bit, letter] of FLAG_LETTERS) if (flags & bit) s += letter;
  return `[${s === '' ? 'none' : s}]`;
}

/**
 * tcpdump style, without addresses:
 * "40012 > 8080: Flags [S], seq 972357799, win 64240, options [mss 1460], length 0".
 */
export function formatTcp(repr: TcpRepr): string {
  let s = `${repr.srcPort} > ${repr.dstPort}: Flags ${formatTcpFlags(repr.flags)}, seq ${repr.seq}`;
  if (repr.flags & TcpFlags.ACK) s += `, ack ${repr.ack}`;
  s += `, win ${repr.window}`;
  if (repr.mss !== undefined) s += `, options [mss ${repr.mss}]`;
  return `${s}, length ${repr.payload.length}`;
}
