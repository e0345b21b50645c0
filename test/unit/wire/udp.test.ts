import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../../src/engine/addr/ipv4.ts';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { buildEthernetFrame, parseEthernet } from '../../../src/engine/wire/ethernet.ts';
import { buildIpv4Packet, IpProto } from '../../../src/engine/wire/ipv4.ts';
import {
  emitUdp,
  formatUdp,
  parseUdp,
  UDP_HLEN,
  UdpField,
  udpLength,
} from '../../../src/engine/wire/udp.ts';
import type { UdpRepr } from '../../../src/engine/wire/udp.ts';
import { L4, toHex, UDP_HELLO, UDP_TO_CLOSED_PORT } from './captures.ts';

function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

const A = ip('10.0.0.1');
const B = ip('10.0.1.1');
const HELLO = new TextEncoder().encode('hello\n');

// `echo hello | nc -u -p 40000 10.0.1.1 9000`
const HELLO_UDP: UdpRepr = { srcPort: 40000, dstPort: 9000, payload: HELLO };

const u16 = (b: Uint8Array, off: number): number => (b[off] << 8) | b[off + 1];

function parsed(frame: Uint8Array): UdpRepr {
  const r = parseUdp(frame, L4, frame.length - L4, A, B);
  if (typeof r === 'string') throw new Error(`parse failed: ${r}`);
  return r;
}

function emitted(repr: UdpRepr, src = A, dst = B): Uint8Array {
  const buf = new Uint8Array(udpLength(repr));
  emitUdp(repr, buf, 0, src, dst);
  return buf;
}

describe('UDP', () => {
  it('deconstruct: fields of the captured datagram', () => {
    const b = UDP_HELLO.subarray(L4);
    expect(u16(b, UdpField.SRC_PORT)).toBe(40000);
    expect(u16(b, UdpField.DST_PORT)).toBe(9000);
    expect(u16(b, UdpField.LENGTH)).toBe(14);
    expect(u16(b, UdpField.CHECKSUM)).toBe(0xe78b);
  });

  it('parse: gives the repr, payload a view into the frame', () => {
    const r = parsed(UDP_HELLO);
    expect(r).toEqual(HELLO_UDP);
    expect(r.payload.buffer).toBe(UDP_HELLO.buffer);
  });

  it('construct: emits exactly the captured bytes, checksum included', () => {
    expect(toHex(emitted(HELLO_UDP))).toBe(toHex(UDP_HELLO.subarray(L4)));
    const x: UdpRepr = { srcPort: 40001, dstPort: 9001, payload: new TextEncoder().encode('x\n') };
    expect(toHex(emitted(x))).toBe(toHex(UDP_TO_CLOSED_PORT.subarray(L4)));
  });

  it('construct: the whole frame, Ethernet to payload', () => {
    const udp = emitted(HELLO_UDP);
    const packet = buildIpv4Packet(
      {
        tos: 0,
        id: 0x2b3c,
        df: true,
        mf: false,
        fragOffset: 0,
        ttl: 64,
        protocol: IpProto.UDP,
        src: A,
        dst: B,
      },
      udp,
    );
    const eth = parseEthernet(UDP_HELLO);
    expect(eth).not.toBeNull();
    if (eth === null) return;
    expect(toHex(buildEthernetFrame(eth, packet))).toBe(toHex(UDP_HELLO));
  });

  it('round-trips: emit(parse(bytes)) is the bytes', () => {
    for (const frame of [UDP_HELLO, UDP_TO_CLOSED_PORT]) {
      const buf = frame.slice();
      buf.fill(0xaa, L4, L4 + UDP_HLEN);
      emitUdp(parsed(frame), buf, L4, A, B);
      expect(toHex(buf)).toBe(toHex(frame));
    }
  });

  it('emit: the payload may already sit in place (a view into the output buffer)', () => {
    const buf = UDP_HELLO.slice();
    emitUdp({ ...HELLO_UDP, payload: buf.subarray(L4 + UDP_HLEN) }, buf, L4, A, B);
    expect(toHex(buf)).toBe(toHex(UDP_HELLO));
  });

  it('a checksum that computes to 0 is sent as 0xffff, and accepted', () => {
    // Choose a 2-byte payload that makes the one's complement sum 0xffff.
    const zero = emitted({ ...HELLO_UDP, payload: new Uint8Array(2) });
    const sumWithoutPayload = ~u16(zero, UdpField.CHECKSUM) & 0xffff;
    const w = 0xffff - sumWithoutPayload;
    const repr: UdpRepr = { ...HELLO_UDP, payload: new Uint8Array([w >>> 8, w & 0xff]) };
    const b = emitted(repr);
    expect(u16(b, UdpField.CHECKSUM)).toBe(0xffff);
    expect(parseUdp(b, 0, b.length, A, B)).toEqual(repr);
  });

  it('a zero checksum means none and is not verified', () => {
    const b = UDP_HELLO.slice(L4);
    b[UdpField.CHECKSUM] = 0;
    b[UdpField.CHECKSUM + 1] = 0;
    b[b.length - 1] ^= 0xff;
    expect(parseUdp(b, 0, b.length, A, B)).not.toBeTypeOf('string');
  });

  it('ignores bytes after the UDP length', () => {
    const padded = new Uint8Array(UDP_HELLO.length + 10);
    padded.set(UDP_HELLO);
    expect(parseUdp(padded, L4, padded.length - L4, A, B)).toEqual(HELLO_UDP);
  });

  describe('parse errors', () => {
    it('truncated', () => {
      expect(parseUdp(UDP_HELLO, L4, 7, A, B)).toBe('truncated');
      expect(parseUdp(UDP_HELLO, L4, 15, A, B)).toBe('truncated');
    });

    it('bad-length: below 8 or beyond the IP payload', () => {
      const b = UDP_HELLO.slice(L4);
      b[UdpField.LENGTH + 1] = 7;
      expect(parseUdp(b, 0, b.length, A, B)).toBe('bad-length');
      expect(parseUdp(UDP_HELLO, L4, 13, A, B)).toBe('bad-length');
    });

    it('bad-checksum: corrupted payload, or the wrong pseudo-header', () => {
      const b = UDP_HELLO.slice(L4);
      b[UDP_HLEN] ^= 0x20;
      expect(parseUdp(b, 0, b.length, A, B)).toBe('bad-checksum');
      expect(parseUdp(UDP_HELLO, L4, 14, A, ip('10.0.1.2'))).toBe('bad-checksum');
    });
  });

  it('formats like tcpdump', () => {
    expect(formatUdp(HELLO_UDP)).toBe('40000 > 9000: UDP, length 6');
  });
});
