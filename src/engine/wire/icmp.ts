/** ICMPv4 (RFC 792), with the next-hop MTU of RFC 1191 for Fragmentation Needed. */
import { formatIpv4 } from '../addr/ipv4.ts';
import { readU16, readU32, writeU16 } from './bytes.ts';
import { internetChecksum } from './checksum.ts';
import { IpProto, Ipv4Field } from './ipv4.ts';

export const ICMP_HLEN = 8;

export const IcmpType = { EchoReply: 0, DestUnreachable: 3, EchoRequest: 8, TimeExceeded: 11 } as const;

export const IcmpUnreachCode = {
  Net: 0,
  Host: 1,
  Protocol: 2,
  Port: 3,
  FragNeeded: 4,
  NetProhibited: 9,
  HostProhibited: 10,
  AdminProhibited: 13,
} as const;

export const IcmpTimeExceededCode = { TtlInTransit: 0, FragReassembly: 1 } as const;

export const IcmpField = {
  TYPE: 0,
  CODE: 1,
  CHECKSUM: 2,
  /** Echo: identifier and sequence number. */
  ECHO_IDENT: 4,
  ECHO_SEQNO: 6,
  /** Destination Unreachable / Fragmentation Needed: next-hop MTU (RFC 1191). */
  NEXT_HOP_MTU: 6,
  /** Start of echo data, or of the quoted datagram in error messages. */
  DATA: 8,
} as const;

/**
 * Linux quotes as much of the offending datagram as fits a 576-byte error
 * (576 - 20 IP - 8 ICMP), not just RFC 792's header + 8 bytes.
 */
export const ICMP_QUOTE_MAX_LINUX = 548;

export type IcmpRepr =
  | { kind: 'echo'; type: 0 | 8; id: number; seq: number; data: Uint8Array }
  | {
      kind: 'unreachable';
      code: number;
      /** Next-hop MTU; 0 unless code is FragNeeded. */
      mtu: number;
      /** Offending IP header + at least the first 8 bytes of its payload. */
      original: Uint8Array;
    }
  | { kind: 'time-exceeded'; code: number; original: Uint8Array }
  /** `rest` is everything after the checksum: the 4 type-specific header bytes, then data. */
  | { kind: 'other'; type: number; code: number; rest: Uint8Array };

/**
 * Parses the ICMP message occupying `len` bytes at `off` (the IP payload). Data, original and
 * rest are views into `buf`, not copies. For errors, header bytes 4-7 other than the MTU are
 * dropped: they are unused in RFC 792, and RFC 4884 extensions are not modelled.
 */
export function parseIcmp(
  buf: Uint8Array,
  off: number,
  len: number,
): IcmpRepr | 'truncated' | 'bad-checksum' {
  if (len < ICMP_HLEN || off + len > buf.length) return 'truncated';
  if (internetChecksum(buf, off, len) !== 0) return 'bad-checksum';
  const type = buf[off + IcmpField.TYPE];
  const code = buf[off + IcmpField.CODE];
  const body = buf.subarray(off + IcmpField.DATA, off + len);
  switch (type) {
    case IcmpType.EchoReply:
    case IcmpType.EchoRequest:
      return {
        kind: 'echo',
        type,
        id: readU16(buf, off + IcmpField.ECHO_IDENT),
        seq: readU16(buf, off + IcmpField.ECHO_SEQNO),
        data: body,
      };
    case IcmpType.DestUnreachable:
      return {
        kind: 'unreachable',
        code,
        mtu: code === IcmpUnreachCode.FragNeeded ? readU16(buf, off + IcmpField.NEXT_HOP_MTU) : 0,
        original: body,
      };
    case IcmpType.TimeExceeded:
      return { kind: 'time-exceeded', code, original: body };
    default:
      return { kind: 'other', type, code, rest: buf.subarray(off + 4, off + len) };
  }
}

export function icmpLength(repr: IcmpRepr): number {
  switch (repr.kind) {
    case 'echo':
      return ICMP_HLEN + repr.data.length;
    case 'unreachable':
    case 'time-exceeded':
      return ICMP_HLEN + repr.original.length;
    case 'other':
      return 4 + repr.rest.length;
  }
}

/** Writes icmpLength(repr) bytes at `off`, checksum included. */
export function emitIcmp(repr: IcmpRepr, buf: Uint8Array, off = 0): void {
  const len = icmpLength(repr);
  switch (repr.kind) {
    case 'echo':
      buf[off + IcmpField.TYPE] = repr.type;
      buf[off + IcmpField.CODE] = 0;
      writeU16(buf, off + IcmpField.ECHO_IDENT, repr.id);
      writeU16(buf, off + IcmpField.ECHO_SEQNO, repr.seq);
      buf.set(repr.data, off + IcmpField.DATA);
      break;
    case 'unreachable':
      buf[off + IcmpField.TYPE] = IcmpType.DestUnreachable;
      buf[off + IcmpField.CODE] = repr.code;
      // Bytes 4-5 are unused (must be zero); 6-7 carry the MTU only for FragNeeded.
      writeU16(buf, off + 4, 0);
      const mtu = repr.code === IcmpUnreachCode.FragNeeded ? repr.mtu : 0;
      writeU16(buf, off + IcmpField.NEXT_HOP_MTU, mtu);
      buf.set(repr.original, off + IcmpField.DATA);
      break;
    case 'time-exceeded':
      buf[off + IcmpField.TYPE] = IcmpType.TimeExceeded;
      buf[off + IcmpField.CODE] = repr.code;
      buf.fill(0, off + 4, off + 8);
      buf.set(repr.original, off + IcmpField.DATA);
      break;
    case 'other':
      buf[off + IcmpField.TYPE] = repr.type;
      buf[off + IcmpField.CODE] = repr.code;
      buf.set(repr.rest, off + 4);
      break;
  }
  writeU16(buf, off + IcmpField.CHECKSUM, 0);
  writeU16(buf, off + IcmpField.CHECKSUM, internetChecksum(buf, off, len));
}

/**
 * Copies the part of an offending IPv4 packet (at `off`) that an ICMP error quotes: by default
 * the header plus 8 payload bytes (RFC 792), or up to `maxBytes` (e.g. ICMP_QUOTE_MAX_LINUX).
 * Never reads past the packet's total length or the buffer.
 */
export function icmpQuote(packet: Uint8Array, off = 0, maxBytes?: number): Uint8Array {
  const headerLength = (packet[off + Ipv4Field.VER_IHL] & 0x0f) * 4;
  const totalLength = readU16(packet, off + Ipv4Field.LENGTH);
  const want = maxBytes ?? headerLength + 8;
  const n = Math.max(0, Math.min(want, totalLength, packet.length - off));
  return packet.slice(off, off + n);
}

/** tcpdump style, e.g. "ICMP echo request, id 5007, seq 1, length 64". */
export function formatIcmp(repr: IcmpRepr): string {
  const length = `, length ${icmpLength(repr)}`;
  switch (repr.kind) {
    case 'echo': {
      const dir = repr.type === IcmpType.EchoRequest ? 'request' : 'reply';
      return `ICMP echo ${dir}, id ${repr.id}, seq ${repr.seq}${length}`;
    }
    case 'unreachable':
      return `ICMP ${describeUnreachable(repr.code, repr.mtu, repr.original)}${length}`;
    case 'time-exceeded':
      return repr.code === IcmpTimeExceededCode.FragReassembly
        ? `ICMP ip reassembly time exceeded${length}`
        : `ICMP time exceeded in-transit${length}`;
    case 'other':
      return `ICMP type ${repr.type}, code ${repr.code}${length}`;
  }
}

/** Wording from tcpdump's print-icmp.c, reading the quoted header defensively (it may be short). */
function describeUnreachable(code: number, mtu: number, original: Uint8Array): string {
  const hasDst = original.length >= Ipv4Field.DST + 4;
  const dst = hasDst ? formatIpv4(readU32(original, Ipv4Field.DST)) : '?';
  const proto = original.length > Ipv4Field.PROTOCOL ? original[Ipv4Field.PROTOCOL] : -1;
  switch (code) {
    case IcmpUnreachCode.Net:
      return `net ${dst} unreachable`;
    case IcmpUnreachCode.Host:
      return `host ${dst} unreachable`;
    case IcmpUnreachCode.Protocol:
      return `${dst} protocol ${proto} unreachable`;
    case IcmpUnreachCode.Port: {
      const hl = original.length > 0 ? (original[0] & 0x0f) * 4 : 0;
      const name = proto === IpProto.UDP ? 'udp' : proto === IpProto.TCP ? 'tcp' : `proto ${proto}`;
      const port = original.length >= hl + 4 && hl >= 20 ? String(readU16(original, hl + 2)) : '?';
      return `${dst} ${name} port ${port} unreachable`;
    }
    case IcmpUnreachCode.FragNeeded:
      return `${dst} unreachable - need to frag (mtu ${mtu})`;
    case IcmpUnreachCode.NetProhibited:
      return `net ${dst} unreachable - admin prohibited`;
    case IcmpUnreachCode.HostProhibited:
      return `host ${dst} unreachable - admin prohibited`;
    case IcmpUnreachCode.AdminProhibited:
      return `${dst} unreachable - admin prohibited filter`;
    default:
      return `${dst} unreachable - #${code}`;
  }
}
