import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../../src/engine/addr/ipv4.ts';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { internetChecksum, pseudoHeaderSum } from '../../../src/engine/wire/checksum.ts';
import { buildEthernetFrame, parseEthernet } from '../../../src/engine/wire/ethernet.ts';
import { buildIpv4Packet, IpProto, ipv4Dst, ipv4Src } from '../../../src/engine/wire/ipv4.ts';
import {
  emitTcp,
  formatTcp,
  formatTcpFlags,
  parseTcp,
  TCP_HLEN,
  TcpField,
  TcpFlags,
  tcpLength,
} from '../../../src/engine/wire/tcp.ts';
import type { TcpRepr } from '../../../src/engine/wire/tcp.ts';
import * as cap from './captures.ts';
import { L3, L4, toHex } from './captures.ts';

function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

const A = ip('10.0.0.1');
const B = ip('10.0.1.1');
const { FIN, SYN, RST, PSH, ACK, URG, ECE, CWR } = TcpFlags;
const NONE = new Uint8Array(0);

/** Source and destination addresses of a captured frame, for the pseudo-header. */
const endpoints = (frame: Uint8Array): [Ipv4, Ipv4] => [ipv4Src(frame, L3), ipv4Dst(frame, L3)];

function parsed(frame: Uint8Array): TcpRepr {
  const r = parseTcp(frame, L4, frame.length - L4, ...endpoints(frame));
  if (typeof r === 'string') throw new Error(`parse failed: ${r}`);
  return r;
}

function emitted(repr: TcpRepr, src: Ipv4, dst: Ipv4): Uint8Array {
  const buf = new Uint8Array(tcpLength(repr));
  emitTcp(repr, buf, 0, src, dst);
  return buf;
}

/** Recomputes the checksum of a hand-edited segment at offset 0. */
function fixChecksum(seg: Uint8Array, src: Ipv4, dst: Ipv4): void {
  seg[TcpField.CHECKSUM] = 0;
  seg[TcpField.CHECKSUM + 1] = 0;
  const c = internetChecksum(seg, 0, seg.length, pseudoHeaderSum(src, dst, IpProto.TCP, seg.length));
  seg[TcpField.CHECKSUM] = c >>> 8;
  seg[TcpField.CHECKSUM + 1] = c & 0xff;
}

// The second connection (sack, timestamps and window scaling off, so only MSS is sent):
// nc 10.0.0.1:40014 → 10.0.1.1:8082, ISNs 0xacfef001 and 0xf12beb99.
const ISN_A = 0xacfef001;
const ISN_B = 0xf12beb99;
const SYN_MSS: TcpRepr = {
  srcPort: 40014,
  dstPort: 8082,
  seq: ISN_A,
  ack: 0,
  flags: SYN,
  window: 64240,
  mss: 1460,
  payload: NONE,
};
const SYNACK_MSS: TcpRepr = {
  srcPort: 8082,
  dstPort: 40014,
  seq: ISN_B,
  ack: ISN_A + 1,
  flags: SYN | ACK,
  window: 64240,
  mss: 1460,
  payload: NONE,
};
const HANDSHAKE_ACK: TcpRepr = {
  srcPort: 40014,
  dstPort: 8082,
  seq: ISN_A + 1,
  ack: ISN_B + 1,
  flags: ACK,
  window: 64240,
  payload: NONE,
};
const PSH_X: TcpRepr = { ...HANDSHAKE_ACK, flags: PSH | ACK, payload: new TextEncoder().encode('x') };
const FIN_ACK: TcpRepr = { ...HANDSHAKE_ACK, seq: ISN_A + 2, flags: FIN | ACK };
// Connection refused: 10.0.1.1:8081 answers the SYN (seq 0x9a0ce060) with RST,ACK.
const RST_ACK: TcpRepr = {
  srcPort: 8081,
  dstPort: 40013,
  seq: 0,
  ack: 0x9a0ce061,
  flags: RST | ACK,
  window: 0,
  payload: NONE,
};

const GOLDEN: Array<[string, Uint8Array, TcpRepr]> = [
  ['SYN <mss>', cap.TCP_SYN_MSS, SYN_MSS],
  ['SYN-ACK <mss>', cap.TCP_SYNACK_MSS, SYNACK_MSS],
  ['ACK', cap.TCP_ACK, HANDSHAKE_ACK],
  ['PSH-ACK with data', cap.TCP_PSH, PSH_X],
  ['FIN-ACK', cap.TCP_FIN, FIN_ACK],
  ['RST-ACK', cap.TCP_RST_ACK, RST_ACK],
];

describe('TCP', () => {
  it('deconstruct: fields of the captured SYN', () => {
    const b = cap.TCP_SYN_MSS.subarray(L4);
    const u16 = (o: number): number => (b[o] << 8) | b[o + 1];
    expect(u16(TcpField.SRC_PORT)).toBe(40014);
    expect(u16(TcpField.DST_PORT)).toBe(8082);
    expect(toHex(b.subarray(TcpField.SEQ, TcpField.SEQ + 4))).toBe('ac fe f0 01');
    expect(b[TcpField.DATA_OFFSET] >>> 4).toBe(6);
    expect(b[TcpField.FLAGS]).toBe(SYN);
    expect(u16(TcpField.WINDOW)).toBe(64240);
    expect(u16(TcpField.CHECKSUM)).toBe(0x2f53);
    expect(toHex(b.subarray(TcpField.OPTIONS))).toBe('02 04 05 b4');
  });

  it.each(GOLDEN)('parse: %s gives its repr', (_name, frame, repr) => {
    expect(parsed(frame)).toEqual(repr);
  });

  it.each(GOLDEN)('construct: %s emits exactly the captured bytes', (_name, frame, repr) => {
    expect(toHex(emitted(repr, ...endpoints(frame)))).toBe(toHex(frame.subarray(L4)));
  });

  it.each(GOLDEN)('round-trips: %s', (_name, frame) => {
    const buf = frame.slice();
    buf.fill(0xaa, L4, L4 + TCP_HLEN);
    emitTcp(parsed(frame), buf, L4, ...endpoints(frame));
    expect(toHex(buf)).toBe(toHex(frame));
  });

  it('construct: the whole SYN frame, Ethernet to options', () => {
    const packet = buildIpv4Packet(
      {
        tos: 0,
        id: 0x1d5c,
        df: true,
        mf: false,
        fragOffset: 0,
        ttl: 64,
        protocol: IpProto.TCP,
        src: A,
        dst: B,
      },
      emitted(SYN_MSS, A, B),
    );
    const eth = parseEthernet(cap.TCP_SYN_MSS);
    expect(eth).not.toBeNull();
    if (eth === null) return;
    expect(toHex(buildEthernetFrame(eth, packet))).toBe(toHex(cap.TCP_SYN_MSS));
  });

  describe('options', () => {
    it('finds MSS among SACK-permitted, timestamps, NOP and window scale', () => {
      // <mss 1460, sackOK, TS val 3357040110 ecr 0, nop, wscale 10>
      expect(parsed(cap.TCP_SYN_FULL_OPTIONS)).toEqual({
        srcPort: 40012,
        dstPort: 8080,
        seq: 972357799,
        ack: 0,
        flags: SYN,
        window: 64240,
        mss: 1460,
        payload: NONE,
      });
      expect(parsed(cap.TCP_SYNACK_FULL_OPTIONS).mss).toBe(1460);
    });

    it('skips NOP NOP timestamps and finds the payload after them', () => {
      const r = parsed(cap.TCP_PSH_TS);
      expect(r.mss).toBeUndefined();
      expect(new TextDecoder().decode(r.payload)).toBe('hi\n');
      expect(r.payload.buffer).toBe(cap.TCP_PSH_TS.buffer); // a view, not a copy
    });

    it('re-emitting a segment with other options keeps only MSS, and stays valid', () => {
      const r = parsed(cap.TCP_SYN_FULL_OPTIONS);
      const b = emitted(r, A, B);
      expect(b.length).toBe(24);
      expect(parseTcp(b, 0, b.length, A, B)).toEqual(r);
    });

    it('stops at a malformed option instead of rejecting the segment (as Linux does)', () => {
      const seg = emitted({ ...HANDSHAKE_ACK, payload: NONE }, A, B);
      const withOpts = new Uint8Array(28);
      withOpts.set(seg);
      withOpts[TcpField.DATA_OFFSET] = 7 << 4;
      withOpts.set([8, 0, 0, 0, 2, 4, 5, 0xb4], 20); // kind 8 with length 0, then an MSS
      fixChecksum(withOpts, A, B);
      const r = parseTcp(withOpts, 0, withOpts.length, A, B);
      expect(r).toEqual({ ...HANDSHAKE_ACK, payload: NONE });
    });

    it('stops at End of Option List', () => {
      const withOpts = new Uint8Array(24);
      withOpts.set(emitted(HANDSHAKE_ACK, A, B));
      withOpts[TcpField.DATA_OFFSET] = 6 << 4;
      withOpts.set([0, 2, 4, 5], 20);
      fixChecksum(withOpts, A, B);
      expect(parseTcp(withOpts, 0, 24, A, B)).toEqual(HANDSHAKE_ACK);
    });
  });

  it('keeps seq and ack as uint32 across the 2^31 and 2^32 boundaries', () => {
    for (const seq of [0x7fffffff, 0x80000000, 0xffffffff]) {
      const repr: TcpRepr = { ...HANDSHAKE_ACK, seq, ack: (seq + 1) >>> 0 };
      const b = emitted(repr, A, B);
      expect(parseTcp(b, 0, b.length, A, B)).toEqual(repr);
    }
    // A caller doing sequence arithmetic may hand over 2^32 + n; it is written modulo 2^32.
    const b = emitted({ ...HANDSHAKE_ACK, seq: 0x100000005 }, A, B);
    expect(toHex(b.subarray(TcpField.SEQ, TcpField.SEQ + 4))).toBe('00 00 00 05');
  });

  describe('parse errors', () => {
    it('truncated', () => {
      expect(parseTcp(cap.TCP_ACK, L4, 19, A, B)).toBe('truncated');
      expect(parseTcp(cap.TCP_ACK, L4, 21, A, B)).toBe('truncated');
    });

    it('bad-offset: data offset below 5 words or past the segment', () => {
      const low = cap.TCP_ACK.slice(L4);
      low[TcpField.DATA_OFFSET] = 4 << 4;
      expect(parseTcp(low, 0, low.length, A, B)).toBe('bad-offset');
      const high = cap.TCP_ACK.slice(L4);
      high[TcpField.DATA_OFFSET] = 6 << 4;
      expect(parseTcp(high, 0, high.length, A, B)).toBe('bad-offset');
    });

    it('bad-checksum: corrupted data, or the wrong pseudo-header', () => {
      const b = cap.TCP_PSH.slice(L4);
      b[b.length - 1] ^= 0x01;
      expect(parseTcp(b, 0, b.length, A, B)).toBe('bad-checksum');
      // (Swapping source and destination would not do: the pseudo-header sum is symmetric.)
      expect(parseTcp(cap.TCP_PSH, L4, 21, A, ip('10.0.1.2'))).toBe('bad-checksum');
    });
  });

  it('formatTcpFlags prints tcpdump letters in tcpdump order', () => {
    expect(formatTcpFlags(SYN)).toBe('[S]');
    expect(formatTcpFlags(SYN | ACK)).toBe('[S.]');
    expect(formatTcpFlags(ACK)).toBe('[.]');
    expect(formatTcpFlags(RST | ACK)).toBe('[R.]');
    expect(formatTcpFlags(FIN | ACK)).toBe('[F.]');
    expect(formatTcpFlags(PSH | ACK)).toBe('[P.]');
    expect(formatTcpFlags(FIN | PSH | ACK)).toBe('[FP.]');
    expect(formatTcpFlags(SYN | ECE | CWR)).toBe('[SEW]');
    expect(formatTcpFlags(URG | ACK)).toBe('[.U]');
    expect(formatTcpFlags(0)).toBe('[none]');
  });

  it('formats like tcpdump', () => {
    expect(formatTcp(SYN_MSS)).toBe(
      '40014 > 8082: Flags [S], seq 2902388737, win 64240, options [mss 1460], length 0',
    );
    expect(formatTcp(PSH_X)).toBe(
      '40014 > 8082: Flags [P.], seq 2902388738, ack 4046187418, win 64240, length 1',
    );
  });
});
