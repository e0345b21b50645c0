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
export const LinkType = { ETHERNET: 1, LINUX_SLL: 113, LINUX_SLL2: 276 } as const;

export interface PcapRecord {
  /** Virtual time in nanoseconds. */
  t: number;
  frame: Uint8Array;
}

export interface PcapReadRecord extends PcapRecord {
  /** The length on the wire (orig_len); equals frame.length unless the capture truncated it. */
  origLen: number;
  /** The time stamp as stored (`t` is their sum in ns, inexact for dates far from 1970). */
  sec: number;
  usec: number;
}

export interface PcapFile {
  linkType: number;
  snaplen: number;
  versionMajor: number;
  versionMinor: number;
  records: PcapReadRecord[];
  /** Set when the file ends inside a record: libpcap's message for it. */
  truncated?: string;
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

/**
 * One record: header (ts_sec, ts_usec, incl_len, orig_len) followed by the (snapped) frame.
 * `epochSec` is added to ts_sec: the wall-clock second virtual time 0 stands for (kept apart
 * from `t` because epoch nanoseconds do not fit a double exactly).
 */
export function pcapRecord(t: number, frame: Uint8Array, snaplen = PCAP_SNAPLEN, epochSec = 0): Uint8Array {
  const incl = Math.min(frame.length, snaplen);
  const b = new Uint8Array(PCAP_RECORD_HLEN + incl);
  const v = new DataView(b.buffer);
  // Microsecond resolution, truncated (not rounded) like the kernel's timestamp conversion.
  const usTotal = Math.floor(t / 1000);
  v.setUint32(0, epochSec + Math.floor(usTotal / 1_000_000), true);
  v.setUint32(4, usTotal % 1_000_000, true);
  v.setUint32(8, incl, true);
  v.setUint32(12, frame.length, true);
  b.set(frame.subarray(0, incl), PCAP_RECORD_HLEN);
  return b;
}

/** A whole file from a list of frames with their virtual times. */
export function writePcap(records: readonly PcapRecord[], linkType: number = LinkType.ETHERNET, epochSec = 0): Uint8Array {
  const parts = [pcapGlobalHeader(linkType), ...records.map((r) => pcapRecord(r.t, r.frame, PCAP_SNAPLEN, epochSec))];
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

  constructor(
    linkType: number = LinkType.ETHERNET,
    private readonly snaplen = PCAP_SNAPLEN,
    private readonly epochSec = 0,
  ) {
    this.buf = new Uint8Array(4096);
    this.append(pcapGlobalHeader(linkType, snaplen));
  }

  add(t: number, frame: Uint8Array): void {
    this.append(pcapRecord(t, frame, this.snaplen, this.epochSec));
    this.count++;
  }

  /** A record with its time stamp as stored in another file (copying between files). */
  addStamped(sec: number, usec: number, frame: Uint8Array, origLen = frame.length): void {
    const incl = Math.min(frame.length, this.snaplen);
    const rec = new Uint8Array(PCAP_RECORD_HLEN + incl);
    const v = new DataView(rec.buffer);
    v.setUint32(0, sec, true);
    v.setUint32(4, usec, true);
    v.setUint32(8, incl, true);
    v.setUint32(12, Math.max(origLen, incl), true);
    rec.set(frame.subarray(0, incl), PCAP_RECORD_HLEN);
    this.append(rec);
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
 * Reads a classic pcap file in either byte order (the nanosecond variant, magic 0xa1b23c4d,
 * too). A bad global header is an error string worded as libpcap words it; a file cut short
 * in the middle keeps the records before the cut and says where it was in `truncated`.
 */
export function readPcap(bytes: Uint8Array): PcapFile | string {
  if (bytes.length < 4) return `truncated dump file; tried to read 4 file header bytes, only got ${bytes.length}`;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le: boolean;
  let nano = false;
  const m = v.getUint32(0, true);
  if (m === PCAP_MAGIC) le = true;
  else if (m === 0xa1b23c4d) [le, nano] = [true, true];
  else if (v.getUint32(0, false) === PCAP_MAGIC) le = false;
  else if (v.getUint32(0, false) === 0xa1b23c4d) [le, nano] = [false, true];
  else return 'unknown file format';
  // libpcap reads the magic, then the rest of the header, and reports what the second read got.
  if (bytes.length < PCAP_GLOBAL_HLEN) return `truncated dump file; tried to read ${PCAP_GLOBAL_HLEN} file header bytes, only got ${bytes.length - 4}`;
  const file: PcapFile = {
    versionMajor: v.getUint16(4, le),
    versionMinor: v.getUint16(6, le),
    snaplen: v.getUint32(16, le),
    linkType: v.getUint32(20, le),
    records: [],
  };
  let off = PCAP_GLOBAL_HLEN;
  while (off < bytes.length) {
    if (off + PCAP_RECORD_HLEN > bytes.length) {
      file.truncated = `truncated dump file; tried to read ${PCAP_RECORD_HLEN} header bytes, only got ${bytes.length - off}`;
      break;
    }
    const sec = v.getUint32(off, le);
    const frac = v.getUint32(off + 4, le);
    const incl = v.getUint32(off + 8, le);
    const origLen = v.getUint32(off + 12, le);
    off += PCAP_RECORD_HLEN;
    if (off + incl > bytes.length) {
      file.truncated = `truncated dump file; tried to read ${incl} captured bytes, only got ${bytes.length - off}`;
      break;
    }
    const t = sec * 1_000_000_000 + (nano ? frac : frac * 1000);
    const usec = nano ? Math.floor(frac / 1000) : frac;
    file.records.push({ t, sec, usec, frame: bytes.slice(off, off + incl), origLen });
    off += incl;
  }
  return file;
}
