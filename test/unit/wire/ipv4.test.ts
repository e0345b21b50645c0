import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../../src/engine/addr/ipv4.ts';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { internetChecksum } from '../../../src/engine/wire/checksum.ts';
import {
  buildIpv4Packet,
  decrementTtl,
  emitIpv4Header,
  formatIpv4Header,
  IPV4_HLEN,
  ipv4Dst,
  Ipv4Field,
  ipv4HeaderLength,
  ipv4Protocol,
  ipv4Src,
  ipv4TotalLength,
  ipv4Ttl,
  IpProto,
  parseIpv4Header,
  setIpv4Dst,
  setIpv4Src,
} from '../../../src/engine/wire/ipv4.ts';
import type { Ipv4Repr } from '../../../src/engine/wire/ipv4.ts';
import * as cap from './captures.ts';
import { L3, toHex } from './captures.ts';

function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

function parsed(buf: Uint8Array, off = 0): Ipv4Repr {
  const r = parseIpv4Header(buf, off);
  if (typeof r === 'string') throw new Error(`parse failed: ${r}`);
  return r;
}

const checksumField = (b: Uint8Array, off: number): number =>
  (b[off + Ipv4Field.CHECKSUM] << 8) | b[off + Ipv4Field.CHECKSUM + 1];

// `ping 10.0.0.2` from 10.0.0.1: id 0xeaa5, DF, ttl 64, 84 bytes.
const ECHO_REQUEST_IP: Ipv4Repr = {
  tos: 0,
  totalLength: 84,
  id: 0xeaa5,
  df: true,
  mf: false,
  fragOffset: 0,
  ttl: 64,
  protocol: IpProto.ICMP,
  src: ip('10.0.0.1'),
  dst: ip('10.0.0.2'),
  headerLength: 20,
};

/** Every complete captured IPv4 frame (the *_PREFIX constants are cut short), for round trips. */
const IPV4_FRAMES: Array<[string, Uint8Array]> = Object.entries(cap).flatMap(([name, v]) =>
  v instanceof Uint8Array && !name.endsWith('_PREFIX') && v[12] === 0x08 && v[13] === 0x00
    ? [[name, v] as [string, Uint8Array]]
    : [],
);

describe('IPv4 header', () => {
  it('deconstruct: hot-path getters read the captured echo request', () => {
    const b = cap.ICMP_ECHO_REQUEST;
    expect(b[L3 + Ipv4Field.VER_IHL]).toBe(0x45);
    expect(ipv4HeaderLength(b, L3)).toBe(20);
    expect(ipv4TotalLength(b, L3)).toBe(84);
    expect(ipv4Ttl(b, L3)).toBe(64);
    expect(ipv4Protocol(b, L3)).toBe(IpProto.ICMP);
    expect(ipv4Src(b, L3)).toBe(ip('10.0.0.1'));
    expect(ipv4Dst(b, L3)).toBe(ip('10.0.0.2'));
    expect(checksumField(b, L3)).toBe(0x3c01);
  });

  it('parse: gives the repr', () => {
    expect(parseIpv4Header(cap.ICMP_ECHO_REQUEST, L3)).toEqual(ECHO_REQUEST_IP);
    // The reply has DF clear and Linux's own id.
    expect(parseIpv4Header(cap.ICMP_ECHO_REPLY, L3)).toEqual({
      ...ECHO_REQUEST_IP,
      id: 0x1313,
      df: false,
      src: ip('10.0.0.2'),
      dst: ip('10.0.0.1'),
    });
    // ICMP errors go out with TOS 0xc0 (internetwork control).
    expect(parsed(cap.ICMP_PORT_UNREACHABLE, L3).tos).toBe(0xc0);
  });

  it('construct: emits exactly the captured header, checksum included', () => {
    const buf = new Uint8Array(IPV4_HLEN);
    emitIpv4Header(ECHO_REQUEST_IP, buf);
    expect(toHex(buf)).toBe(toHex(cap.ICMP_ECHO_REQUEST.subarray(L3, L3 + IPV4_HLEN)));
  });

  it('construct: buildIpv4Packet computes the total length', () => {
    const withoutLengths: Omit<Ipv4Repr, 'totalLength' | 'headerLength'> = {
      tos: 0,
      id: 0xeaa5,
      df: true,
      mf: false,
      fragOffset: 0,
      ttl: 64,
      protocol: IpProto.ICMP,
      src: ip('10.0.0.1'),
      dst: ip('10.0.0.2'),
    };
    const packet = buildIpv4Packet(withoutLengths, cap.ICMP_ECHO_REQUEST.subarray(cap.L4));
    expect(toHex(packet)).toBe(toHex(cap.ICMP_ECHO_REQUEST.subarray(L3)));
  });

  it.each(IPV4_FRAMES)('round-trips %s', (_name, frame) => {
    const repr = parsed(frame, L3);
    const buf = frame.slice();
    buf.fill(0xaa, L3, L3 + IPV4_HLEN);
    emitIpv4Header(repr, buf, L3);
    expect(toHex(buf)).toBe(toHex(frame));
  });

  describe('fragments', () => {
    // Second of three fragments of `ping -s 3000`: 1480 bytes at offset 1480, more to come.
    const frag = cap.FRAGMENT_MF_1480;

    it('parses MF and the offset in bytes', () => {
      expect(parseIpv4Header(frag, L3)).toEqual({
        tos: 0,
        totalLength: 1500,
        id: 0xef36,
        df: false,
        mf: true,
        fragOffset: 1480,
        ttl: 64,
        protocol: IpProto.ICMP,
        src: ip('10.0.0.1'),
        dst: ip('10.0.0.2'),
        headerLength: 20,
      });
      // On the wire the offset is 185 eight-byte blocks: 0x2000 | 0xb9.
      expect(toHex(frag.subarray(L3 + Ipv4Field.FLG_OFF, L3 + Ipv4Field.FLG_OFF + 2))).toBe('20 b9');
    });

    it('emits MF and the offset exactly as captured', () => {
      const repr = parsed(frag, L3);
      const buf = new Uint8Array(IPV4_HLEN);
      emitIpv4Header(repr, buf);
      expect(toHex(buf)).toBe(toHex(frag.subarray(L3, L3 + IPV4_HLEN)));
    });

    it('formats the flags like tcpdump', () => {
      expect(formatIpv4Header(parsed(frag, L3))).toBe(
        'IP (tos 0x0, ttl 64, id 61238, offset 1480, flags [+], proto ICMP (1), length 1500) ' +
          '10.0.0.1 > 10.0.0.2',
      );
      expect(formatIpv4Header({ ...ECHO_REQUEST_IP, mf: true })).toContain('flags [+, DF]');
      expect(formatIpv4Header({ ...ECHO_REQUEST_IP, df: false })).toContain('flags [none]');
    });
  });

  it('options: headerLength 24 is emitted with a zeroed options area and parsed back', () => {
    const repr: Ipv4Repr = { ...ECHO_REQUEST_IP, headerLength: 24, totalLength: 24 };
    const buf = new Uint8Array(24).fill(0xee);
    emitIpv4Header(repr, buf);
    expect(buf[0]).toBe(0x46);
    expect(toHex(buf.subarray(20))).toBe('00 00 00 00');
    expect(internetChecksum(buf, 0, 24)).toBe(0);
    expect(parseIpv4Header(buf)).toEqual(repr);
  });

  describe('errors', () => {
    const header = (): Uint8Array => cap.ICMP_ECHO_REQUEST.slice(L3);

    it('truncated', () => {
      expect(parseIpv4Header(header().subarray(0, 19))).toBe('truncated');
      const withOptions = header().subarray(0, 20);
      withOptions[0] = 0x46; // claims 24 bytes of header, only 20 present
      expect(parseIpv4Header(withOptions)).toBe('truncated');
    });

    it('bad-version', () => {
      const b = header();
      b[0] = 0x65;
      expect(parseIpv4Header(b)).toBe('bad-version');
    });

    it('bad-header-length', () => {
      const b = header();
      b[0] = 0x44;
      expect(parseIpv4Header(b)).toBe('bad-header-length');
    });

    it('bad-checksum', () => {
      const b = header();
      b[Ipv4Field.TTL] ^= 1;
      expect(parseIpv4Header(b)).toBe('bad-checksum');
      // Payload corruption is not the IP header's business.
      const p = header();
      p[40] ^= 0xff;
      expect(typeof parseIpv4Header(p)).toBe('object');
    });

    it('bad-total-length: longer than the bytes present, or shorter than the header', () => {
      expect(parseIpv4Header(header().subarray(0, 83))).toBe('bad-total-length');
      const b = header();
      emitIpv4Header({ ...ECHO_REQUEST_IP, totalLength: 19 }, b);
      expect(parseIpv4Header(b)).toBe('bad-total-length');
    });

    it('accepts trailing bytes (Ethernet padding) beyond the total length', () => {
      const padded = new Uint8Array(100);
      padded.set(header());
      expect(parseIpv4Header(padded)).toEqual(ECHO_REQUEST_IP);
    });
  });

  describe('decrementTtl', () => {
    it('matches what a Linux router did to a forwarded packet', () => {
      // UDP_TO_CLOSED_PORT left A with ttl 64, checksum 0xedf1. B quoted it in its port
      // unreachable after R forwarded it: ttl 63, checksum 0xeef1.
      const b = cap.UDP_TO_CLOSED_PORT.slice(L3);
      expect(decrementTtl(b, 0)).toBe(63);
      const quoted = cap.ICMP_PORT_UNREACHABLE.subarray(cap.L4 + 8, cap.L4 + 8 + IPV4_HLEN);
      expect(checksumField(quoted, 0)).toBe(0xeef1);
      expect(toHex(b.subarray(0, IPV4_HLEN))).toBe(toHex(quoted));
    });

    it('equals a full checksum recompute (random headers, every TTL)', () => {
      let seed = 7;
      const next = (): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed >>> 16;
      };
      for (let n = 0; n < 20000; n++) {
        const repr: Ipv4Repr = {
          ...ECHO_REQUEST_IP,
          tos: next() & 0xff,
          id: next(),
          df: (n & 1) === 0,
          ttl: 1 + (n % 255),
          protocol: next() & 0xff,
          src: (((next() << 16) | next()) >>> 0) as Ipv4,
          dst: (((next() << 16) | next()) >>> 0) as Ipv4,
          totalLength: 20 + (next() & 0x3ff),
        };
        const b = new Uint8Array(IPV4_HLEN);
        emitIpv4Header(repr, b);
        decrementTtl(b, 0);
        const expected = new Uint8Array(IPV4_HLEN);
        emitIpv4Header({ ...repr, ttl: repr.ttl - 1 }, expected);
        expect(checksumField(b, 0)).toBe(checksumField(expected, 0));
      }
    });

    it('works at an offset and leaves ttl 0 alone', () => {
      const b = cap.ICMP_ECHO_TTL1.slice();
      expect(decrementTtl(b, L3)).toBe(0);
      expect(parsed(b, L3).ttl).toBe(0);
      const before = toHex(b);
      expect(decrementTtl(b, L3)).toBe(0);
      expect(toHex(b)).toBe(before);
    });
  });

  it('setIpv4Src / setIpv4Dst rewrite the address and keep the checksum valid', () => {
    const b = cap.ICMP_ECHO_REQUEST.slice();
    setIpv4Src(b, L3, ip('192.168.1.7'));
    setIpv4Dst(b, L3, ip('172.16.0.9'));
    expect(parseIpv4Header(b, L3)).toEqual({
      ...ECHO_REQUEST_IP,
      src: ip('192.168.1.7'),
      dst: ip('172.16.0.9'),
    });
    const expected = new Uint8Array(IPV4_HLEN);
    emitIpv4Header({ ...ECHO_REQUEST_IP, src: ip('192.168.1.7'), dst: ip('172.16.0.9') }, expected);
    expect(toHex(b.subarray(L3, L3 + IPV4_HLEN))).toBe(toHex(expected));
  });
});
