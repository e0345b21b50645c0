import { describe, expect, it } from 'vitest';
import { PcapWriter, pcapGlobalHeader, readPcap, writePcap, LinkType } from '../../../src/engine/wire/pcap.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('classic pcap files', () => {
  it('writes the global header as libpcap does on x86 (the bytes tcpdump -w wrote in the capture)', () => {
    // From a file the real tcpdump 4.99.3 wrote: magic d4c3b2a1, 2.4, zone 0, sigfigs 0, snaplen 262144, EN10MB.
    expect(hex(pcapGlobalHeader())).toBe('d4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 00 00 04 00 01 00 00 00');
  });

  it('golden bytes: records carry the virtual time as seconds and microseconds, then the frame', () => {
    const bytes = writePcap([
      { t: 1_500_000_123, frame: new Uint8Array([1, 2, 3]) },
      { t: 4_000_999_999, frame: new Uint8Array([0xaa]) },
    ]);
    expect(hex(bytes)).toBe(
      [
        'd4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 00 00 04 00 01 00 00 00',
        // 1.500000123 s: ts_sec 1, ts_usec 500000 (0x07a120), 3 of 3 bytes; nanoseconds truncated.
        '01 00 00 00 20 a1 07 00 03 00 00 00 03 00 00 00 01 02 03',
        // 4.000999999 s: ts_usec 999 (0x03e7).
        '04 00 00 00 e7 03 00 00 01 00 00 00 01 00 00 00 aa',
      ].join(' '),
    );
  });

  it('adds a wall-clock epoch to ts_sec without losing the microseconds', () => {
    const bytes = writePcap([{ t: 2_000_123_456, frame: new Uint8Array([7]) }], LinkType.ETHERNET, 1_795_824_000);
    const f = readPcap(bytes);
    if (typeof f === 'string') throw new Error(f);
    expect(f.records[0]).toMatchObject({ sec: 1_795_824_002, usec: 123, origLen: 1 });
  });

  it('reads back what it writes, in either byte order, and the incremental writer agrees', () => {
    const records = [1, 2, 3].map((i) => ({ t: i * 1_000_001_000, frame: new Uint8Array(60 + i).fill(i) }));
    const bytes = writePcap(records, LinkType.LINUX_SLL2);
    const w = new PcapWriter(LinkType.LINUX_SLL2);
    for (const r of records) w.add(r.t, r.frame);
    expect(w.bytes()).toEqual(bytes);
    const f = readPcap(bytes);
    if (typeof f === 'string') throw new Error(f);
    expect(f.linkType).toBe(276);
    expect(f.snaplen).toBe(262144);
    expect([f.versionMajor, f.versionMinor]).toEqual([2, 4]);
    expect(f.records.map((r) => [r.t, r.frame])).toEqual(records.map((r) => [r.t, r.frame]));
    // A big-endian file (as written on a SPARC) reads the same.
    const be = new Uint8Array(bytes.length);
    const src = new DataView(bytes.buffer);
    const dst = new DataView(be.buffer);
    dst.setUint32(0, src.getUint32(0, true));
    dst.setUint16(4, src.getUint16(4, true));
    dst.setUint16(6, src.getUint16(6, true));
    for (const o of [8, 12, 16, 20]) dst.setUint32(o, src.getUint32(o, true));
    for (let off = 24; off < bytes.length; ) {
      for (const o of [0, 4, 8, 12]) dst.setUint32(off + o, src.getUint32(off + o, true));
      const incl = src.getUint32(off + 8, true);
      be.set(bytes.subarray(off + 16, off + 16 + incl), off + 16);
      off += 16 + incl;
    }
    const g = readPcap(be);
    if (typeof g === 'string') throw new Error(g);
    expect(g.records.map((r) => r.frame)).toEqual(records.map((r) => r.frame));
  });

  it('snaps frames longer than the snapshot length, keeping the wire length', () => {
    const w = new PcapWriter(LinkType.ETHERNET, 64);
    w.add(0, new Uint8Array(100));
    const f = readPcap(w.bytes());
    if (typeof f === 'string') throw new Error(f);
    expect(f.snaplen).toBe(64);
    expect(f.records[0].frame.length).toBe(64);
    expect(f.records[0].origLen).toBe(100);
  });

  it('reports bad and cut files with libpcap 1.10 wording', () => {
    const good = writePcap([{ t: 0, frame: new Uint8Array(42) }]);
    expect(readPcap(new Uint8Array(0))).toBe('truncated dump file; tried to read 4 file header bytes, only got 0');
    expect(readPcap(new TextEncoder().encode('127.0.0.1 localhost\n'))).toBe('unknown file format');
    expect(readPcap(good.subarray(0, 10))).toBe('truncated dump file; tried to read 24 file header bytes, only got 6');
    const cutHeader = readPcap(good.subarray(0, 30));
    expect(typeof cutHeader !== 'string' && cutHeader.truncated).toBe('truncated dump file; tried to read 16 header bytes, only got 6');
    const cutData = readPcap(good.subarray(0, 50));
    expect(typeof cutData !== 'string' && cutData.truncated).toBe('truncated dump file; tried to read 42 captured bytes, only got 10');
  });
});
