import { describe, expect, it } from 'vitest';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import {
  foldChecksum,
  internetChecksum,
  onesComplementSum,
  pseudoHeaderSum,
  updateChecksum16,
  updateChecksum32,
} from '../../../src/engine/wire/checksum.ts';
import { hex, ICMP_ECHO_REQUEST, L3, L4, UDP_CSUM_OFFLOADED, UDP_HELLO } from './captures.ts';

/** Straightforward RFC 1071 reference: fold after every addition. */
function referenceChecksum(buf: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < buf.length; i += 2) {
    sum += (buf[i] << 8) | (i + 1 < buf.length ? buf[i + 1] : 0);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ~sum & 0xffff;
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('internetChecksum', () => {
  it('matches the worked example of RFC 1071 §3', () => {
    const data = hex('00 01 f2 03 f4 f5 f6 f7');
    expect(onesComplementSum(data, 0, data.length)).toBe(0xddf2);
    expect(internetChecksum(data, 0, data.length)).toBe(0x220d);
  });

  it('pads an odd trailing byte with a zero low byte', () => {
    expect(internetChecksum(hex('12 34 56'), 0, 3)).toBe(~(0x1234 + 0x5600) & 0xffff);
  });

  it('is 0 over a captured IPv4 header and reproduces its checksum field', () => {
    const frame = ICMP_ECHO_REQUEST.slice();
    expect(internetChecksum(frame, L3, 20)).toBe(0);
    frame[L3 + 10] = 0;
    frame[L3 + 11] = 0;
    expect(internetChecksum(frame, L3, 20)).toBe(0x3c01);
  });

  it('folds `initial` in, so a sum can be split at any even boundary', () => {
    const next = rng(1);
    const buf = Uint8Array.from({ length: 301 }, () => Math.floor(next() * 256));
    for (const split of [0, 2, 20, 150, 300]) {
      const head = onesComplementSum(buf, 0, split);
      expect(internetChecksum(buf, split, buf.length - split, head)).toBe(
        internetChecksum(buf, 0, buf.length),
      );
    }
  });

  it('agrees with a fold-every-step reference on random and worst-case buffers', () => {
    const next = rng(2);
    for (let n = 0; n < 200; n++) {
      const len = Math.floor(next() * 1600);
      const buf = Uint8Array.from({ length: len }, () => Math.floor(next() * 256));
      expect(internetChecksum(buf, 0, len)).toBe(referenceChecksum(buf));
    }
    const ones = new Uint8Array(65535).fill(0xff);
    expect(internetChecksum(ones, 0, ones.length)).toBe(referenceChecksum(ones));
  });

  it('respects off and len', () => {
    const buf = hex('ff ff 00 01 f2 03 f4 f5 f6 f7 ff ff');
    expect(internetChecksum(buf, 2, 8)).toBe(0x220d);
  });
});

describe('pseudoHeaderSum', () => {
  it('equals the partial sum Linux leaves in the UDP checksum field for offload', () => {
    // 10.0.0.1 → 10.0.1.1, UDP, length 14; the captured field holds 0x1521.
    const src = 0x0a000001 as Ipv4;
    const dst = 0x0a000101 as Ipv4;
    expect(pseudoHeaderSum(src, dst, 17, 14)).toBe(0x1521);
    expect((UDP_CSUM_OFFLOADED[L4 + 6] << 8) | UDP_CSUM_OFFLOADED[L4 + 7]).toBe(0x1521);
  });

  it('verifies a captured UDP datagram to 0', () => {
    const src = 0x0a000001 as Ipv4;
    const dst = 0x0a000101 as Ipv4;
    expect(internetChecksum(UDP_HELLO, L4, 14, pseudoHeaderSum(src, dst, 17, 14))).toBe(0);
  });
});

describe('incremental update (RFC 1624)', () => {
  it('updateChecksum16 equals a full recompute for random single-word changes', () => {
    const next = rng(3);
    for (let n = 0; n < 5000; n++) {
      const buf = Uint8Array.from({ length: 20 }, () => Math.floor(next() * 256));
      // Bias some headers to the edges where the -0 / +0 ambiguity bites. Byte 0 stays 0x45
      // (and its word is never rewritten), as in any IPv4 header: only all-zero data, whose
      // full checksum is 0xffff, could make the two methods differ.
      if (n % 4 === 0) buf.fill(0, 0, 20);
      if (n % 4 === 1) buf.fill(0xff, 0, 20);
      buf[0] = 0x45;
      buf[10] = 0;
      buf[11] = 0;
      const check = internetChecksum(buf, 0, 20);
      const word = [2, 4, 6, 8, 12, 14, 16, 18][Math.floor(next() * 8)];
      const oldWord = (buf[word] << 8) | buf[word + 1];
      const newWord = n % 7 === 0 ? 0 : n % 7 === 1 ? 0xffff : Math.floor(next() * 0x10000);
      buf[word] = newWord >>> 8;
      buf[word + 1] = newWord & 0xff;
      expect(updateChecksum16(check, oldWord, newWord)).toBe(internetChecksum(buf, 0, 20));
    }
  });

  it('updateChecksum32 equals a full recompute for an address rewrite', () => {
    const next = rng(4);
    for (let n = 0; n < 2000; n++) {
      const buf = Uint8Array.from({ length: 20 }, () => Math.floor(next() * 256));
      buf[10] = 0;
      buf[11] = 0;
      const check = internetChecksum(buf, 0, 20);
      const oldAddr = ((buf[12] << 24) | (buf[13] << 16) | (buf[14] << 8) | buf[15]) >>> 0;
      const newAddr = Math.floor(next() * 0x100000000);
      buf[12] = newAddr >>> 24;
      buf[13] = (newAddr >>> 16) & 0xff;
      buf[14] = (newAddr >>> 8) & 0xff;
      buf[15] = newAddr & 0xff;
      expect(updateChecksum32(check, oldAddr, newAddr)).toBe(internetChecksum(buf, 0, 20));
    }
  });

  it('foldChecksum adds carries back in until 16 bits remain', () => {
    expect(foldChecksum(0x1ffff)).toBe(0x1);
    expect(foldChecksum(0xffff)).toBe(0xffff);
    expect(foldChecksum(0x2fffd)).toBe(0xffff);
  });
});
