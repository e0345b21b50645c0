/**
 * The classic libpcap file format (what `tcpdump -w` writes and Wireshark/tshark read):
 * a 24-byte global header, then per packet a 16-byte record header and the frame bytes.
 *
 * Fields are written little-endian, as libpcap does on x86 (it writes in host order and
 * readers detect the order from the magic number), so files match real captures byte for byte.
 * Timestamps come from the simulator's virtual clock (nanoseconds since it started): the
 * files show the run as if it had begun at the Unix epoch.
 */

export const PCAP_MAGIC = 0xa1b2c3d4;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
/** tcpdump's default snapshot length since 4.99 (MAXIMUM_SNAPLEN). */
export const PCAP_SNAPLEN = 262144;
export const PCAP_GLOBAL_HLEN = 24;
export const PCAP_RECORD_HLEN = 16;

/** The link-layer header types the simulator writes (www.tcpdump.org/linktypes.html). */
export const LinkType = { ETHERNET: 1, LINUX_SLL2: 276 } as const;

export interface PcapRecord {
  /** Virtual time in nanoseconds. */
  t: number;
  frame: Uint8Array;
}

export interface PcapReadRecord extends PcapRecord {
  /** The length on the wire (orig_len); equals frame.length unless the capture truncated it. */
  origLen: number;
}

export interface PcapFile {
  linkType: number;
  snaplen: number;
  versionMajor: number;
  versionMinor: number;
  records: PcapReadRecord[];
}

/** The 24-byte global header. */
export function pcapGlobalHeader(linkType: number = LinkType.ETHERNET, snaplen = PCAP_SNAPLEN): Uint8Array {
  const b = new Uint8Array(PCAP_GLOBAL_HLEN);
  const v = new DataView(b.buffer);
  v.setUint32(0, PCAP_MAGIC, true);
  v.setUint16(4, PCAP_VERSION_MAJOR, true);
  v.setUint16(6, PCAP_VERSION_MINOR, true);
  v.setInt32(8, 0, true); // thiszone: timestamps are UTC
  v.setUint32(12, 0, true); // sigfigs: always 0 in practice
  v.setUint32(16, snaplen, true);
  v.setUint32(20, linkType, true);
  return b;
}

/** One record: header (ts_sec, ts_usec, incl_len, orig_len) followed by the (snapped) frame. */
export function pcapRecord(t: number, frame: Uint8Array, snaplen = PCAP_SNAPLEN): Uint8Array {
  const incl = Math.min(frame.length, snaplen);
  const b = new Uint8Array(PCAP_RECORD_HLEN + incl);
  const v = new DataView(b.buffer);
  // Microsecond resolution, truncated (not rounded) like the kernel's timestamp conversion.
  const usTotal = Math.floor(t / 1000);
  v.setUint32(0, Math.floor(usTotal / 1_000_000), true);
  v.setUint32(4, usTotal % 1_000_000, true);
  v.setUint32(8, incl, true);
  v.setUint32(12, frame.length, true);
  b.set(frame.subarray(0, incl), PCAP_RECORD_HLEN);
  return b;
}

/** A whole file from a list of frames with their virtual times. */
export function writePcap(records: readonly PcapRecord[], linkType: number = LinkType.ETHERNET): Uint8Array {
  const parts = [pcapGlobalHeader(linkType), ...records.map((r) => pcapRecord(r.t, r.frame))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * An append-only pcap file that stays cheap to snapshot while a capture runs: `bytes()` is a
 * view of a buffer that grows by doubling, so writing after every packet is not quadratic.
 */
export class PcapWriter {
  private buf: Uint8Array;
  private len = 0;
  count = 0;

  constructor(linkType: number = LinkType.ETHERNET) {
    this.buf = new Uint8Array(4096);
    this.append(pcapGlobalHeader(linkType));
  }

  add(t: number, frame: Uint8Array): void {
    this.append(pcapRecord(t, frame));
    this.count++;
  }

  /** The file so far (a view: copy it if the writer will keep growing and you keep it). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private append(p: Uint8Array): void {
    if (this.len + p.length > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.len + p.length) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(p, this.len);
    this.len += p.length;
  }
}

/**
 * Reads a classic pcap file in either byte order (microsecond magic only; the nanosecond
 * variant 0xa1b23c4d is accepted too). Returns an error string for anything else.
 */
export function readPcap(bytes: Uint8Array): PcapFile | string {
  if (bytes.length < PCAP_GLOBAL_HLEN) return 'truncated global header';
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le: boolean;
  let nano = false;
  const m = v.getUint32(0, true);
  if (m === PCAP_MAGIC) le = true;
  else if (m === 0xa1b23c4d) [le, nano] = [true, true];
  else if (v.getUint32(0, false) === PCAP_MAGIC) le = false;
  else if (v.getUint32(0, false) === 0xa1b23c4d) [le, nano] = [false, true];
  else return `bad magic 0x${m.toString(16).padStart(8, '0')}`;
  const file: PcapFile = {
    versionMajor: v.getUint16(4, le),
    versionMinor: v.getUint16(6, le),
    snaplen: v.getUint32(16, le),
    linkType: v.getUint32(20, le),
    records: [],
  };
  let off = PCAP_GLOBAL_HLEN;
  while (off < bytes.length) {
    if (off + PCAP_RECORD_HLEN > bytes.length) return `truncated record header at offset ${off}`;
    const sec = v.getUint32(off, le);
    const frac = v.getUint32(off + 4, le);
    const incl = v.getUint32(off + 8, le);
    const origLen = v.getUint32(off + 12, le);
    off += PCAP_RECORD_HLEN;
    if (off + incl > bytes.length) return `truncated record at offset ${off - PCAP_RECORD_HLEN}`;
    const t = sec * 1_000_000_000 + (nano ? frac : frac * 1000);
    file.records.push({ t, frame: bytes.slice(off, off + incl), origLen });
    off += incl;
  }
  return file;
}
