import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../../src/engine/addr/ipv4.ts';
import type { Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { buildEthernetFrame, parseEthernet } from '../../../src/engine/wire/ethernet.ts';
import {
  emitIcmp,
  formatIcmp,
  ICMP_HLEN,
  ICMP_QUOTE_MAX_LINUX,
  IcmpField,
  icmpLength,
  icmpQuote,
  IcmpType,
  IcmpUnreachCode,
  parseIcmp,
} from '../../../src/engine/wire/icmp.ts';
import type { IcmpRepr } from '../../../src/engine/wire/icmp.ts';
import { buildIpv4Packet, decrementTtl, IpProto } from '../../../src/engine/wire/ipv4.ts';
import * as cap from './captures.ts';
import { L3, L4, toHex } from './captures.ts';

function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

/** The ICMP message of a captured frame: offset and length (option-less IP headers). */
const icmpOf = (frame: Uint8Array): [number, number] => [L4, frame.length - L4];

function parsed(frame: Uint8Array): IcmpRepr {
  const r = parseIcmp(frame, ...icmpOf(frame));
  if (typeof r === 'string') throw new Error(`parse failed: ${r}`);
  return r;
}

function emitted(repr: IcmpRepr): Uint8Array {
  const buf = new Uint8Array(icmpLength(repr));
  emitIcmp(repr, buf);
  return buf;
}

const ECHO_DATA = cap.ICMP_ECHO_REQUEST.slice(L4 + ICMP_HLEN);

const CAPTURED: Array<[string, Uint8Array]> = [
  ['echo request', cap.ICMP_ECHO_REQUEST],
  ['echo reply', cap.ICMP_ECHO_REPLY],
  ['port unreachable', cap.ICMP_PORT_UNREACHABLE],
  ['time exceeded', cap.ICMP_TIME_EXCEEDED],
  ['fragmentation needed', cap.ICMP_FRAG_NEEDED],
];

describe('ICMP', () => {
  describe('echo', () => {
    it('deconstruct: fields of the captured ping', () => {
      const b = cap.ICMP_ECHO_REQUEST.subarray(L4);
      expect(b[IcmpField.TYPE]).toBe(IcmpType.EchoRequest);
      expect(b[IcmpField.CODE]).toBe(0);
      expect(toHex(b.subarray(IcmpField.CHECKSUM, IcmpField.CHECKSUM + 2))).toBe('c7 ff');
      expect(toHex(b.subarray(IcmpField.ECHO_IDENT, IcmpField.ECHO_IDENT + 4))).toBe('13 8f 00 01');
    });

    it('parse: gives the repr, data as a view into the frame', () => {
      const r = parsed(cap.ICMP_ECHO_REQUEST);
      expect(r).toEqual({ kind: 'echo', type: 8, id: 0x138f, seq: 1, data: ECHO_DATA });
      if (r.kind === 'echo') expect(r.data.buffer).toBe(cap.ICMP_ECHO_REQUEST.buffer);
      expect(parsed(cap.ICMP_ECHO_REPLY)).toEqual({ ...r, type: 0 });
    });

    it('construct: emits exactly the captured request and reply', () => {
      const req: IcmpRepr = {
        kind: 'echo',
        type: IcmpType.EchoRequest,
        id: 0x138f,
        seq: 1,
        data: ECHO_DATA,
      };
      expect(icmpLength(req)).toBe(64);
      expect(toHex(emitted(req))).toBe(toHex(cap.ICMP_ECHO_REQUEST.subarray(L4)));
      const reply: IcmpRepr = { ...req, type: IcmpType.EchoReply };
      expect(toHex(emitted(reply))).toBe(toHex(cap.ICMP_ECHO_REPLY.subarray(L4)));
    });

    it('formats like tcpdump', () => {
      const request = formatIcmp(parsed(cap.ICMP_ECHO_REQUEST));
      expect(request).toBe('ICMP echo request, id 5007, seq 1, length 64');
      const reply = formatIcmp(parsed(cap.ICMP_ECHO_REPLY));
      expect(reply).toBe('ICMP echo reply, id 5007, seq 1, length 64');
    });
  });

  describe('errors', () => {
    it('parse: port unreachable quotes the whole small datagram', () => {
      const r = parsed(cap.ICMP_PORT_UNREACHABLE);
      expect(r).toEqual({
        kind: 'unreachable',
        code: IcmpUnreachCode.Port,
        mtu: 0,
        original: cap.ICMP_PORT_UNREACHABLE.slice(L4 + 8),
      });
      expect(formatIcmp(r)).toBe('ICMP 10.0.1.1 udp port 9001 unreachable, length 38');
    });

    it('parse: time exceeded quotes the expired ping', () => {
      const r = parsed(cap.ICMP_TIME_EXCEEDED);
      expect(r).toEqual({ kind: 'time-exceeded', code: 0, original: cap.ICMP_ECHO_TTL1.slice(L3) });
      expect(formatIcmp(r)).toBe('ICMP time exceeded in-transit, length 92');
    });

    it('parse: fragmentation needed carries the next-hop MTU and a 548-byte quote', () => {
      const r = parsed(cap.ICMP_FRAG_NEEDED);
      expect(r.kind === 'unreachable' && r.mtu).toBe(1000);
      expect(r.kind === 'unreachable' && r.original.length).toBe(ICMP_QUOTE_MAX_LINUX);
      expect(formatIcmp(r)).toBe('ICMP 10.0.1.1 unreachable - need to frag (mtu 1000), length 556');
    });

    it('construct: time exceeded and frag needed from the offending packet, as Linux built them', () => {
      const te: IcmpRepr = {
        kind: 'time-exceeded',
        code: 0,
        original: icmpQuote(cap.ICMP_ECHO_TTL1, L3, ICMP_QUOTE_MAX_LINUX),
      };
      expect(toHex(emitted(te))).toBe(toHex(cap.ICMP_TIME_EXCEEDED.subarray(L4)));
      const fn: IcmpRepr = {
        kind: 'unreachable',
        code: IcmpUnreachCode.FragNeeded,
        mtu: 1000,
        original: icmpQuote(cap.BIG_PING, L3, ICMP_QUOTE_MAX_LINUX),
      };
      expect(toHex(emitted(fn))).toBe(toHex(cap.ICMP_FRAG_NEEDED.subarray(L4)));
    });

    it('construct: a whole port-unreachable frame, from B through the router', () => {
      // B got the UDP datagram after R decremented its TTL, quoted it, and sent the error with
      // TOS 0xc0 and ttl 64; R decremented that to 63 before it reached A.
      const arrived = cap.UDP_TO_CLOSED_PORT.slice(L3);
      decrementTtl(arrived, 0);
      const icmp = emitted({
        kind: 'unreachable',
        code: IcmpUnreachCode.Port,
        mtu: 0,
        original: icmpQuote(arrived, 0, ICMP_QUOTE_MAX_LINUX),
      });
      const packet = buildIpv4Packet(
        {
          tos: 0xc0,
          id: 0x7109,
          df: false,
          mf: false,
          fragOffset: 0,
          ttl: 64,
          protocol: IpProto.ICMP,
          src: ip('10.0.1.1'),
          dst: ip('10.0.0.1'),
        },
        icmp,
      );
      decrementTtl(packet, 0);
      const eth = parseEthernet(cap.ICMP_PORT_UNREACHABLE);
      expect(eth).not.toBeNull();
      if (eth === null) return;
      expect(toHex(buildEthernetFrame(eth, packet))).toBe(toHex(cap.ICMP_PORT_UNREACHABLE));
    });

    it('the MTU field is written only for FragNeeded', () => {
      const b = emitted({
        kind: 'unreachable',
        code: IcmpUnreachCode.Host,
        mtu: 1400,
        original: new Uint8Array(28),
      });
      expect(toHex(b.subarray(4, 8))).toBe('00 00 00 00');
    });
  });

  it('icmpQuote defaults to the IP header plus 8 bytes (RFC 792) and stays inside the packet', () => {
    expect(toHex(icmpQuote(cap.BIG_PING, L3))).toBe(toHex(cap.BIG_PING.subarray(L3, L4 + 8)));
    // A 30-byte datagram cannot yield more than 30 bytes, whatever the limit.
    expect(icmpQuote(cap.UDP_TO_CLOSED_PORT, L3, ICMP_QUOTE_MAX_LINUX).length).toBe(30);
    const q = icmpQuote(cap.BIG_PING, L3);
    q[0] = 0;
    expect(cap.BIG_PING[L3]).toBe(0x45); // a copy, not a view
  });

  it.each(CAPTURED)('round-trips %s', (_name, frame) => {
    const [off, len] = icmpOf(frame);
    const buf = frame.slice();
    buf.fill(0xaa, off, off + ICMP_HLEN);
    emitIcmp(parsed(frame), buf, off);
    expect(toHex(buf)).toBe(toHex(frame));
    expect(icmpLength(parsed(frame))).toBe(len);
  });

  it('round-trips an unknown type through `other`', () => {
    // A timestamp request (type 13): id 1, seq 2, three zeroed timestamps.
    const rest = new Uint8Array(16);
    rest.set([0, 1, 0, 2]);
    const repr: IcmpRepr = { kind: 'other', type: 13, code: 0, rest };
    const b = emitted(repr);
    expect(b.length).toBe(20);
    expect(parseIcmp(b, 0, b.length)).toEqual(repr);
    expect(formatIcmp(repr)).toBe('ICMP type 13, code 0, length 20');
  });

  describe('parse errors', () => {
    it('truncated: shorter than 8 bytes, or len past the buffer', () => {
      expect(parseIcmp(cap.ICMP_ECHO_REQUEST, L4, 7)).toBe('truncated');
      expect(parseIcmp(cap.ICMP_ECHO_REQUEST, L4, 65)).toBe('truncated');
    });

    it('bad-checksum: any flipped bit, and a message cut short', () => {
      const b = cap.ICMP_ECHO_REQUEST.slice();
      b[b.length - 1] ^= 0x01;
      expect(parseIcmp(b, L4, 64)).toBe('bad-checksum');
      expect(parseIcmp(cap.ICMP_ECHO_REQUEST, L4, 63)).toBe('bad-checksum');
    });
  });
});
