import { describe, expect, it } from 'vitest';
import { MAC_BROADCAST } from '../../../src/engine/addr/mac.ts';
import type { Mac } from '../../../src/engine/addr/mac.ts';
import {
  buildEthernetFrame,
  emitEthernet,
  ETH_HLEN,
  ethDst,
  EtherType,
  ethPayload,
  ethSrc,
  ethType,
  formatEthernet,
  parseEthernet,
} from '../../../src/engine/wire/ethernet.ts';
import type { EthernetRepr } from '../../../src/engine/wire/ethernet.ts';
import { ARP_REQUEST, ICMP_ECHO_REQUEST, toHex } from './captures.ts';

const MAC_A = 0x020000000001 as Mac;
const MAC_R = 0x020000000002 as Mac;

// The ping from A (02:..:01) to R (02:..:02).
const ECHO_ETH: EthernetRepr = { dst: MAC_R, src: MAC_A, ethertype: EtherType.IPv4 };

describe('Ethernet', () => {
  it('deconstruct: reads the fields of a captured ARP broadcast', () => {
    expect(ethDst(ARP_REQUEST)).toBe(MAC_BROADCAST);
    expect(ethSrc(ARP_REQUEST)).toBe(MAC_A);
    expect(ethType(ARP_REQUEST)).toBe(EtherType.ARP);
    expect(ethPayload(ARP_REQUEST).length).toBe(28);
  });

  it('construct: emits exactly the captured header', () => {
    const buf = new Uint8Array(ETH_HLEN);
    emitEthernet(ECHO_ETH, buf);
    expect(toHex(buf)).toBe(toHex(ICMP_ECHO_REQUEST.subarray(0, ETH_HLEN)));
  });

  it('construct: emits at an offset', () => {
    const buf = new Uint8Array(ETH_HLEN + 2);
    emitEthernet(ECHO_ETH, buf, 2);
    expect(toHex(buf.subarray(2))).toBe(toHex(ICMP_ECHO_REQUEST.subarray(0, ETH_HLEN)));
  });

  it('parse: gives the repr', () => {
    expect(parseEthernet(ICMP_ECHO_REQUEST)).toEqual(ECHO_ETH);
    expect(parseEthernet(ARP_REQUEST)).toEqual({
      dst: MAC_BROADCAST,
      src: MAC_A,
      ethertype: EtherType.ARP,
    });
  });

  it('round-trips: buildEthernetFrame(parse(frame), payload) is the frame', () => {
    for (const frame of [ARP_REQUEST, ICMP_ECHO_REQUEST]) {
      const repr = parseEthernet(frame);
      expect(repr).not.toBeNull();
      if (repr === null) return;
      const rebuilt = buildEthernetFrame(repr, frame.subarray(ETH_HLEN));
      expect(toHex(rebuilt)).toBe(toHex(frame));
    }
  });

  it('builds without padding to 60 bytes or an FCS', () => {
    expect(buildEthernetFrame(ECHO_ETH, new Uint8Array(0)).length).toBe(ETH_HLEN);
  });

  it('rejects a frame shorter than the header', () => {
    expect(parseEthernet(ARP_REQUEST.subarray(0, 13))).toBeNull();
    expect(parseEthernet(ARP_REQUEST.subarray(0, 14))).not.toBeNull();
  });

  it('formats like tcpdump -e', () => {
    const repr = parseEthernet(ARP_REQUEST);
    expect(repr && formatEthernet(repr)).toBe(
      '02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)',
    );
    expect(formatEthernet({ ...ECHO_ETH, ethertype: 0x88cc })).toBe(
      '02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x88cc)',
    );
  });
});
