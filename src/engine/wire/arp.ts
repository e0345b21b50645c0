/** ARP (RFC 826), restricted to Ethernet hardware and IPv4 protocol addresses. */
import { formatIpv4 } from '../addr/ipv4.ts';
import type { Ipv4 } from '../addr/ipv4.ts';
import { formatMac, readMac, writeMac } from '../addr/mac.ts';
import type { Mac } from '../addr/mac.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';
import { EtherType } from './ethernet.ts';

export const ARP_LEN = 28;

export const ArpOp = { Request: 1, Reply: 2 } as const;

/** Field offsets for the Ethernet/IPv4 layout (the only one with fixed offsets we accept). */
export const ArpField = {
  HTYPE: 0,
  PTYPE: 2,
  HLEN: 4,
  PLEN: 5,
  OPER: 6,
  SHA: 8,
  SPA: 14,
  THA: 18,
  TPA: 24,
} as const;

const HTYPE_ETHERNET = 1;

export interface ArpRepr {
  op: number;
  sha: Mac;
  spa: Ipv4;
  tha: Mac;
  tpa: Ipv4;
}

/**
 * Returns null for anything but Ethernet/IPv4 ARP, as Linux's arp_rcv drops it. Trailing bytes
 * (Ethernet padding to 60) are ignored.
 */
export function parseArp(buf: Uint8Array, off = 0): ArpRepr | null {
  if (buf.length - off < ARP_LEN) return null;
  if (readU16(buf, off + ArpField.HTYPE) !== HTYPE_ETHERNET) return null;
  if (readU16(buf, off + ArpField.PTYPE) !== EtherType.IPv4) return null;
  if (buf[off + ArpField.HLEN] !== 6 || buf[off + ArpField.PLEN] !== 4) return null;
  return {
    op: readU16(buf, off + ArpField.OPER),
    sha: readMac(buf, off + ArpField.SHA),
    spa: readU32(buf, off + ArpField.SPA) as Ipv4,
    tha: readMac(buf, off + ArpField.THA),
    tpa: readU32(buf, off + ArpField.TPA) as Ipv4,
  };
}

export function emitArp(repr: ArpRepr, buf: Uint8Array, off = 0): void {
  writeU16(buf, off + ArpField.HTYPE, HTYPE_ETHERNET);
  writeU16(buf, off + ArpField.PTYPE, EtherType.IPv4);
  buf[off + ArpField.HLEN] = 6;
  buf[off + ArpField.PLEN] = 4;
  writeU16(buf, off + ArpField.OPER, repr.op);
  writeMac(buf, off + ArpField.SHA, repr.sha);
  writeU32(buf, off + ArpField.SPA, repr.spa);
  writeMac(buf, off + ArpField.THA, repr.tha);
  writeU32(buf, off + ArpField.TPA, repr.tpa);
}

/** tcpdump style: "Request who-has 10.0.0.2 tell 10.0.0.1" / "Reply 10.0.0.2 is-at 02:…". */
export function formatArp(repr: ArpRepr): string {
  switch (repr.op) {
    case ArpOp.Request:
      return `Request who-has ${formatIpv4(repr.tpa)} tell ${formatIpv4(repr.spa)}`;
    case ArpOp.Reply:
      return `Reply ${formatIpv4(repr.spa)} is-at ${formatMac(repr.sha)}`;
    default: {
      const sender = `${formatIpv4(repr.spa)} (${formatMac(repr.sha)})`;
      return `op ${repr.op} ${sender} > ${formatIpv4(repr.tpa)} (${formatMac(repr.tha)})`;
    }
  }
}
