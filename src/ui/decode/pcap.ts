/**
 * The classic libpcap file format (not pcapng): a 24-byte global header, then per packet a
 * 16-byte record header and the bytes. Little-endian, microsecond timestamps, link type 1
 * (Ethernet), which Wireshark and tcpdump read as is.
 */

export interface PcapPacket {
  /** Virtual time in nanoseconds. */
  readonly t: number;
  readonly bytes: Uint8Array;
}

export const PCAP_MAGIC = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 262144;

export function writePcap(packets: readonly PcapPacket[]): Uint8Array {
  const size = 24 + packets.reduce((sum, p) => sum + 16 + p.bytes.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setInt32(8, 0, true);
  view.setUint32(12, 0, true);
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  for (const p of packets) {
    const micros = Math.floor(p.t / 1000);
    view.setUint32(at, Math.floor(micros / 1e6), true);
    view.setUint32(at + 4, micros % 1e6, true);
    view.setUint32(at + 8, p.bytes.length, true);
    view.setUint32(at + 12, p.bytes.length, true);
    out.set(p.bytes, at + 16);
    at += 16 + p.bytes.length;
  }
  return out;
}
