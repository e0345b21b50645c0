/**
 * Ethernet II framing. Frames in the simulator carry no preamble or FCS, and are not padded
 * to the 60-byte minimum: nothing on a simulated link needs it, and the bytes stay as a
 * capture on a Linux veth would show them.
 */
import { formatMac, readMac, writeMac } from '../addr/mac.ts';
import type { Mac } from '../addr/mac.ts';
import { readU16, writeU16 } from './bytes.ts';

export const EtherType = { IPv4: 0x0800, ARP: 0x0806, VLAN: 0x8100 } as const;

export const ETH_HLEN = 14;

/** Field offsets within the header. */
export const EthField = { DST: 0, SRC: 6, ETHERTYPE: 12 } as const;

export interface EthernetRepr {
  dst: Mac;
  src: Mac;
  ethertype: number;
}

export function parseEthernet(frame: Uint8Array): EthernetRepr | null {
  if (frame.length < ETH_HLEN) return null;
  return {
    dst: readMac(frame, EthField.DST),
    src: readMac(frame, EthField.SRC),
    ethertype: readU16(frame, EthField.ETHERTYPE),
  };
}

export function emitEthernet(repr: EthernetRepr, buf: Uint8Array, off = 0): void {
  writeMac(buf, off + EthField.DST, repr.dst);
  writeMac(buf, off + EthField.SRC, repr.src);
  writeU16(buf, off + EthField.ETHERTYPE, repr.ethertype);
}

export function buildEthernetFrame(repr: EthernetRepr, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(ETH_HLEN + payload.length);
  emitEthernet(repr, frame, 0);
  frame.set(payload, ETH_HLEN);
  return frame;
}

/** Allocation-free accessors for the switching hot path (the caller checks length ≥ 14). */
export function ethDst(frame: Uint8Array, off = 0): Mac {
  return readMac(frame, off + EthField.DST);
}

export function ethSrc(frame: Uint8Array, off = 0): Mac {
  return readMac(frame, off + EthField.SRC);
}

export function ethType(frame: Uint8Array, off = 0): number {
  return readU16(frame, off + EthField.ETHERTYPE);
}

/** The payload as a view into the frame (no copy). */
export function ethPayload(frame: Uint8Array): Uint8Array {
  return frame.subarray(ETH_HLEN);
}

const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  [EtherType.IPv4]: 'IPv4',
  [EtherType.ARP]: 'ARP',
  [EtherType.VLAN]: '802.1Q',
};

export function formatEthertype(ethertype: number): string {
  return ETHERTYPE_NAMES[ethertype] ?? `0x${ethertype.toString(16).padStart(4, '0')}`;
}

/** tcpdump -e style: "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)". */
export function formatEthernet(repr: EthernetRepr): string {
  const hex = `0x${repr.ethertype.toString(16).padStart(4, '0')}`;
  const name = ETHERTYPE_NAMES[repr.ethertype] ?? 'Unknown';
  return `${formatMac(repr.src)} > ${formatMac(repr.dst)}, ethertype ${name} (${hex})`;
}
