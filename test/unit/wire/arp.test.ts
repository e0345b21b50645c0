import { describe, expect, it } from 'vitest';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { MAC_BROADCAST, MAC_ZERO } from '../../../src/engine/addr/mac.ts';
import type { Mac } from '../../../src/engine/addr/mac.ts';
import { ARP_LEN, ArpField, ArpOp, emitArp, formatArp, parseArp } from '../../../src/engine/wire/arp.ts';
import type { ArpRepr } from '../../../src/engine/wire/arp.ts';
import { buildEthernetFrame, EtherType } from '../../../src/engine/wire/ethernet.ts';
import { ARP_REPLY, ARP_REQUEST, concat, L3, toHex } from './captures.ts';

const MAC_A = 0x020000000001 as Mac;
const MAC_R = 0x020000000002 as Mac;
const IP_A = 0x0a000001 as Ipv4;
const IP_R = 0x0a000002 as Ipv4;

// What Linux sent when A first pinged R, and R's answer.
const REQUEST: ArpRepr = { op: ArpOp.Request, sha: MAC_A, spa: IP_A, tha: MAC_ZERO, tpa: IP_R };
const REPLY: ArpRepr = { op: ArpOp.Reply, sha: MAC_R, spa: IP_R, tha: MAC_A, tpa: IP_A };

describe('ARP', () => {
  it('deconstruct: fixed Ethernet/IPv4 fields sit at the named offsets', () => {
    const p = ARP_REQUEST.subarray(L3);
    expect((p[ArpField.HTYPE] << 8) | p[ArpField.HTYPE + 1]).toBe(1);
    expect((p[ArpField.PTYPE] << 8) | p[ArpField.PTYPE + 1]).toBe(EtherType.IPv4);
    expect(p[ArpField.HLEN]).toBe(6);
    expect(p[ArpField.PLEN]).toBe(4);
    expect(p[ArpField.OPER + 1]).toBe(ArpOp.Request);
    expect(toHex(p.subarray(ArpField.TPA, ArpField.TPA + 4))).toBe('0a 00 00 02');
  });

  it('parse: request and reply give their reprs', () => {
    expect(parseArp(ARP_REQUEST, L3)).toEqual(REQUEST);
    expect(parseArp(ARP_REPLY, L3)).toEqual(REPLY);
  });

  it('construct: emits exactly the captured bytes', () => {
    for (const [repr, frame] of [
      [REQUEST, ARP_REQUEST],
      [REPLY, ARP_REPLY],
    ] as const) {
      const buf = new Uint8Array(ARP_LEN);
      emitArp(repr, buf);
      expect(toHex(buf)).toBe(toHex(frame.subarray(L3)));
    }
  });

  it('construct: a whole broadcast request frame', () => {
    const body = new Uint8Array(ARP_LEN);
    emitArp(REQUEST, body);
    const frame = buildEthernetFrame({ dst: MAC_BROADCAST, src: MAC_A, ethertype: EtherType.ARP }, body);
    expect(toHex(frame)).toBe(toHex(ARP_REQUEST));
  });

  it('round-trips: emit(parse(bytes)) is the bytes', () => {
    for (const frame of [ARP_REQUEST, ARP_REPLY]) {
      const repr = parseArp(frame, L3);
      expect(repr).not.toBeNull();
      if (repr === null) return;
      const buf = new Uint8Array(L3 + ARP_LEN);
      buf.set(frame.subarray(0, L3));
      emitArp(repr, buf, L3);
      expect(toHex(buf)).toBe(toHex(frame));
    }
  });

  it('ignores Ethernet padding after the 28 bytes', () => {
    const padded = concat(ARP_REQUEST, new Uint8Array(18));
    expect(parseArp(padded, L3)).toEqual(REQUEST);
  });

  it('rejects truncated and non Ethernet/IPv4 packets', () => {
    expect(parseArp(ARP_REQUEST.subarray(0, L3 + ARP_LEN - 1), L3)).toBeNull();
    const mutate = (i: number, v: number): Uint8Array => {
      const b = ARP_REQUEST.slice(L3);
      b[i] = v;
      return b;
    };
    expect(parseArp(mutate(ArpField.HTYPE + 1, 6))).toBeNull(); // IEEE 802
    expect(parseArp(mutate(ArpField.PTYPE, 0x86))).toBeNull(); // 0x8600, not IPv4
    expect(parseArp(mutate(ArpField.HLEN, 8))).toBeNull();
    expect(parseArp(mutate(ArpField.PLEN, 16))).toBeNull();
  });

  it('formats like tcpdump', () => {
    expect(formatArp(REQUEST)).toBe('Request who-has 10.0.0.2 tell 10.0.0.1');
    expect(formatArp(REPLY)).toBe('Reply 10.0.0.2 is-at 02:00:00:00:00:02');
  });
});
