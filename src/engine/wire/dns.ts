/**
 * DNS messages (RFC 1035) as they travel in a UDP payload: the header, the question section
 * and the answer, authority and additional records. A, CNAME, NS, PTR and SOA records are
 * decoded; every other type (AAAA, OPT, TXT, ...) keeps its rdata as raw bytes, which is all
 * the simulator needs to relay or print it. Names are written without the trailing dot
 * ("www.example.com"; the root is "").
 */
import { formatIpv6 } from '../addr/ipv6.ts';
import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';

export const DNS_HLEN = 12;
/** The largest message a client without EDNS accepts over UDP (RFC 1035 §4.2.1). */
export const DNS_UDP_MAX = 512;

export const DnsType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  ANY: 255,
} as const;

export const DnsClass = { IN: 1, CH: 3, HS: 4, ANY: 255 } as const;

export const DnsRcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export const DnsOpcode = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 } as const;

/** Offsets of the fixed header fields. */
export const DnsField = { ID: 0, FLAGS: 2, QDCOUNT: 4, ANCOUNT: 6, NSCOUNT: 8, ARCOUNT: 10 } as const;

/** Bits of the 16-bit flags word. */
export const DnsFlag = { QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100, RA: 0x0080, AD: 0x0020, CD: 0x0010 } as const;

export interface DnsHeader {
  id: number;
  /** Response (true) or query. */
  qr: boolean;
  opcode: number;
  /** Authoritative answer. */
  aa: boolean;
  /** Truncated: the answer did not fit. */
  tc: boolean;
  /** Recursion desired (copied from query to response). */
  rd: boolean;
  /** Recursion available. */
  ra: boolean;
  /** Authentic data and checking disabled (RFC 4035), kept so real queries (dig sets AD) round-trip. */
  ad: boolean;
  cd: boolean;
  rcode: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsSoa {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export type DnsRdata =
  | { kind: 'a'; address: Ipv4 }
  /** The single domain name of a CNAME, NS or PTR record. */
  | { kind: 'name'; target: string }
  | ({ kind: 'soa' } & DnsSoa)
  /** Any other type: the rdata as it was on the wire (a view into the parsed buffer). */
  | { kind: 'raw'; bytes: Uint8Array };

export interface DnsRecord {
  name: string;
  type: number;
  /** For OPT (EDNS) this is the requester's UDP payload size, not a class. */
  class: number;
  /** For OPT this carries the extended rcode, version and flags. */
  ttl: number;
  data: DnsRdata;
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

export type DnsParseError = 'truncated' | 'bad-pointer' | 'bad-label' | 'bad-rdata';

/** Pointers may only go backwards; this also caps a chain, so a loop cannot hang the parser. */
const MAX_NAME_LENGTH = 255;

function readName(buf: Uint8Array, start: number, end: number): { name: string; next: number } | DnsParseError {
  const labels: string[] = [];
  let off = start;
  let next = -1;
  // Pointers must point strictly before the name that uses them (BIND and tcpdump insist too).
  let limit = start;
  let length = 0;
  for (;;) {
    if (off >= end) return 'truncated';
    const len = buf[off];
    if ((len & 0xc0) === 0xc0) {
      if (off + 1 >= end) return 'truncated';
      const target = ((len & 0x3f) << 8) | buf[off + 1];
      if (next < 0) next = off + 2;
      if (target >= limit) return 'bad-pointer';
      limit = target;
      off = target;
      continue;
    }
    // 0x40 and 0x80 are the obsolete extended label types (RFC 6891 §5): never valid here.
    if (len & 0xc0) return 'bad-label';
    if (len === 0) {
      if (next < 0) next = off + 1;
      break;
    }
    if (off + 1 + len > end) return 'truncated';
    length += len + 1;
    if (length > MAX_NAME_LENGTH) return 'bad-label';
    let label = '';
    for (let i = 0; i < len; i++) label += String.fromCharCode(buf[off + 1 + i]);
    labels.push(label);
    off += 1 + len;
  }
  return { name: labels.join('.'), next };
}

function readRdata(buf: Uint8Array, type: number, off: number, len: number, end: number): DnsRdata | DnsParseError {
  const rdEnd = off + len;
  if (rdEnd > end) return 'truncated';
  switch (type) {
    case DnsType.A:
      if (len !== 4) return 'bad-rdata';
      return { kind: 'a', address: readU32(buf, off) as Ipv4 };
    case DnsType.CNAME:
    case DnsType.NS:
    case DnsType.PTR: {
      // A compressed name may point anywhere earlier in the message, but must end inside rdata.
      const n = readName(buf, off, end);
      if (typeof n === 'string') return n;
      if (n.next !== rdEnd) return 'bad-rdata';
      return { kind: 'name', target: n.name };
    }
    case DnsType.SOA: {
      const m = readName(buf, off, end);
      if (typeof m === 'string') return m;
      const r = readName(buf, m.next, end);
      if (typeof r === 'string') return r;
      if (r.next + 20 !== rdEnd) return 'bad-rdata';
      const p = r.next;
      return {
        kind: 'soa',
        mname: m.name,
        rname: r.name,
        serial: readU32(buf, p),
        refresh: readU32(buf, p + 4),
        retry: readU32(buf, p + 8),
        expire: readU32(buf, p + 12),
        minimum: readU32(buf, p + 16),
      };
    }
    default:
      return { kind: 'raw', bytes: buf.subarray(off, rdEnd) };
  }
}

export function parseDnsHeader(buf: Uint8Array, off = 0): DnsHeader | 'truncated' {
  if (buf.length - off < DNS_HLEN) return 'truncated';
  const f = readU16(buf, off + DnsField.FLAGS);
  return {
    id: readU16(buf, off + DnsField.ID),
    qr: (f & DnsFlag.QR) !== 0,
    opcode: (f >> 11) & 0xf,
    aa: (f & DnsFlag.AA) !== 0,
    tc: (f & DnsFlag.TC) !== 0,
    rd: (f & DnsFlag.RD) !== 0,
    ra: (f & DnsFlag.RA) !== 0,
    ad: (f & DnsFlag.AD) !== 0,
    cd: (f & DnsFlag.CD) !== 0,
    rcode: f & 0xf,
  };
}

/** Parses a whole message (a UDP payload). Bytes after the last record are ignored. */
export function parseDns(buf: Uint8Array): DnsMessage | DnsParseError {
  const header = parseDnsHeader(buf);
  if (header === 'truncated') return 'truncated';
  const end = buf.length;
  const qd = readU16(buf, DnsField.QDCOUNT);
  const counts = [readU16(buf, DnsField.ANCOUNT), readU16(buf, DnsField.NSCOUNT), readU16(buf, DnsField.ARCOUNT)];
  let off = DNS_HLEN;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < qd; i++) {
    const n = readName(buf, off, end);
    if (typeof n === 'string') return n;
    if (n.next + 4 > end) return 'truncated';
    questions.push({ name: n.name, type: readU16(buf, n.next), class: readU16(buf, n.next + 2) });
    off = n.next + 4;
  }
  const sections: DnsRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s]; i++) {
      const n = readName(buf, off, end);
      if (typeof n === 'string') return n;
      const p = n.next;
      if (p + 10 > end) return 'truncated';
      const type = readU16(buf, p);
      const rdlen = readU16(buf, p + 8);
      const data = readRdata(buf, type, p + 10, rdlen, end);
      if (typeof data === 'string') return data;
      sections[s].push({ name: n.name, type, class: readU16(buf, p + 2), ttl: readU32(buf, p + 4), data });
      off = p + 10 + rdlen;
    }
  }
  return { header, questions, answers: sections[0], authority: sections[1], additional: sections[2] };
}

export interface DnsEmitOptions {
  /**
   * Name compression (RFC 1035 §4.1.4) of owner names and of the names inside CNAME, NS, PTR
   * and SOA rdata. Off by default: Go's miekg/dns, which Docker's embedded DNS server is built
   * on, packs its own answers uncompressed.
   */
  compress?: boolean;
}

/** Grows as it writes, so callers need not size the message first. */
class Writer {
  buf = new Uint8Array(512);
  len = 0;
  /** Offset of each name suffix written so far (lower-cased: DNS names compare case-insensitively). */
  readonly suffixes = new Map<string, number>();

  constructor(readonly compress: boolean) {}

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
  }

  u16(v: number): void {
    this.ensure(2);
    writeU16(this.buf, this.len, v);
    this.len += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    writeU32(this.buf, this.len, v >>> 0);
    this.len += 4;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  name(name: string): void {
    const labels = name === '' ? [] : name.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.compress ? this.suffixes.get(suffix) : undefined;
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      // A pointer has 14 bits: names beyond 16 KiB can be pointed from, not to.
      if (this.compress && this.len < 0x4000) this.suffixes.set(suffix, this.len);
      const label = labels[i];
      if (label.length === 0 || label.length > 63) throw new Error(`DNS label of ${label.length} bytes in "${name}"`);
      this.u8(label.length);
      for (let j = 0; j < label.length; j++) this.u8(label.charCodeAt(j));
    }
    this.u8(0);
  }

  record(r: DnsRecord): void {
    this.name(r.name);
    this.u16(r.type);
    this.u16(r.class);
    this.u32(r.ttl);
    const lenAt = this.len;
    this.u16(0);
    const d = r.data;
    switch (d.kind) {
      case 'a':
        this.u32(d.address);
        break;
      case 'name':
        this.name(d.target);
        break;
      case 'soa':
        this.name(d.mname);
        this.name(d.rname);
        this.u32(d.serial);
        this.u32(d.refresh);
        this.u32(d.retry);
        this.u32(d.expire);
        this.u32(d.minimum);
        break;
      case 'raw':
        this.bytes(d.bytes);
        break;
    }
    writeU16(this.buf, lenAt, this.len - lenAt - 2);
  }
}

export function dnsFlags(h: DnsHeader): number {
  return (
    (h.qr ? DnsFlag.QR : 0) |
    ((h.opcode & 0xf) << 11) |
    (h.aa ? DnsFlag.AA : 0) |
    (h.tc ? DnsFlag.TC : 0) |
    (h.rd ? DnsFlag.RD : 0) |
    (h.ra ? DnsFlag.RA : 0) |
    (h.ad ? DnsFlag.AD : 0) |
    (h.cd ? DnsFlag.CD : 0) |
    (h.rcode & 0xf)
  );
}

/** Serializes a message into a fresh buffer of exactly its length. */
export function emitDns(msg: DnsMessage, opts: DnsEmitOptions = {}): Uint8Array {
  const w = new Writer(opts.compress ?? false);
  w.u16(msg.header.id);
  w.u16(dnsFlags(msg.header));
  w.u16(msg.questions.length);
  w.u16(msg.answers.length);
  w.u16(msg.authority.length);
  w.u16(msg.additional.length);
  for (const q of msg.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const r of msg.answers) w.record(r);
  for (const r of msg.authority) w.record(r);
  for (const r of msg.additional) w.record(r);
  return w.buf.slice(0, w.len);
}

export function emptyHeader(id: number): DnsHeader {
  return { id, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0 };
}

/**
 * A stub resolver's query, as glibc's res_mkquery and musl build it: one question, RD set,
 * nothing else (no EDNS).
 */
export function buildDnsQuery(id: number, name: string, type: number): DnsMessage {
  return { header: { ...emptyHeader(id), rd: true }, questions: [{ name, type, class: DnsClass.IN }], answers: [], authority: [], additional: [] };
}

export interface DnsReplyOptions {
  rcode?: number;
  answers?: DnsRecord[];
  authority?: DnsRecord[];
  aa?: boolean;
  ra?: boolean;
}

/**
 * The reply to `query` as miekg/dns's SetReply makes it: same id, opcode, RD and CD, the
 * question copied, QR set.
 */
export function buildDnsReply(query: DnsMessage, opts: DnsReplyOptions = {}): DnsMessage {
  const q = query.header;
  return {
    header: { ...emptyHeader(q.id), qr: true, opcode: q.opcode, rd: q.rd, cd: q.cd, aa: opts.aa ?? false, ra: opts.ra ?? false, rcode: opts.rcode ?? DnsRcode.NOERROR },
    questions: query.questions.map((x) => ({ ...x })),
    answers: opts.answers ?? [],
    authority: opts.authority ?? [],
    additional: [],
  };
}

export function aRecord(name: string, address: Ipv4, ttl = 600): DnsRecord {
  return { name, type: DnsType.A, class: DnsClass.IN, ttl, data: { kind: 'a', address } };
}

export function cnameRecord(name: string, target: string, ttl = 600): DnsRecord {
  return { name, type: DnsType.CNAME, class: DnsClass.IN, ttl, data: { kind: 'name', target } };
}

export function ptrRecord(name: string, target: string, ttl = 600): DnsRecord {
  return { name, type: DnsType.PTR, class: DnsClass.IN, ttl, data: { kind: 'name', target } };
}

/** "4.3.2.1.in-addr.arpa" for 1.2.3.4. */
export function reverseName(a: Ipv4): string {
  return `${a & 255}.${(a >>> 8) & 255}.${(a >>> 16) & 255}.${(a >>> 24) & 255}.in-addr.arpa`;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL',
  11: 'WKS', 12: 'PTR', 13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB',
  28: 'AAAA', 29: 'LOC', 33: 'SRV', 35: 'NAPTR', 39: 'DNAME', 41: 'OPT', 43: 'DS', 46: 'RRSIG',
  47: 'NSEC', 48: 'DNSKEY', 50: 'NSEC3', 52: 'TLSA', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF',
  251: 'IXFR', 252: 'AXFR', 255: 'ANY', 256: 'URI', 257: 'CAA',
};

/** tcpdump's and dig's name for a type: "A", "AAAA", or "Type65280" for one it does not know. */
export function dnsTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `Type${type}`;
}

export function dnsTypeFromName(name: string): number | null {
  const up = name.toUpperCase();
  for (const [k, v] of Object.entries(TYPE_NAMES)) if (v === up) return Number(k);
  const m = /^TYPE(\d+)$/.exec(up);
  return m ? Number(m[1]) : null;
}

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

/** dig's and nslookup's rcode mnemonics. */
export function dnsRcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? String(rcode);
}

// tcpdump's print-domain.c tables (non-verbose output).
const TCPDUMP_OPS = ['', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7', ' op8', ' updateA', ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef'];
const TCPDUMP_RCODES = ['', ' FormErr', ' ServFail', ' NXDomain', ' NotImp', ' Refused', ' YXDomain', ' YXRRSet', ' NXRRSet', ' NotAuth', ' NotZone', ' Resp11', ' Resp12', ' Resp13', ' Resp14', ' NoChange'];
const CLASS_NAMES: Record<number, string> = { 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' };

/** tcpdump's fqdn_print: every label followed by a dot, the root as ".". */
export function fqdn(name: string): string {
  return name === '' ? '.' : `${name}.`;
}

function formatRecordShort(r: DnsRecord): string {
  let s = '';
  if (r.class !== DnsClass.IN && r.type !== DnsType.OPT) s += ` ${CLASS_NAMES[r.class] ?? `(Class ${r.class})`}`;
  s += ` ${dnsTypeName(r.type)}`;
  const d = r.data;
  if (d.kind === 'a') s += ` ${formatIpv4(d.address)}`;
  else if (d.kind === 'name') s += ` ${fqdn(d.target)}`;
  else if (r.type === DnsType.AAAA && d.kind === 'raw' && d.bytes.length === 16) s += ` ${formatIpv6(d.bytes)}`;
  else if (r.type === DnsType.OPT) s += ` UDPsize=${r.class}${r.ttl & 0x8000 ? ' DO' : ''}`;
  return s;
}

export { formatIpv6 } from '../addr/ipv6.ts';

/**
 * tcpdump's one-line summary of a DNS message (print-domain.c without -v), with `length`
 * the UDP payload length: `50537+ [1au] A? web. (44)` for a query,
 * `50537 1/0/0 A 172.18.0.2 (37)` for its answer.
 */
export function formatDns(msg: DnsMessage, length: number): string {
  const h = msg.header;
  const an = msg.answers.length;
  const ns = msg.authority.length;
  const ar = msg.additional.length;
  const qd = msg.questions.length;
  let s: string;
  if (h.qr) {
    // The extended rcode's upper bits live in the OPT record's TTL.
    const opt = msg.additional.find((r) => r.type === DnsType.OPT);
    const rcode = h.rcode | (opt ? ((opt.ttl >>> 24) & 0xff) << 4 : 0);
    s = `${h.id}${TCPDUMP_OPS[h.opcode]}${TCPDUMP_RCODES[rcode] ?? ` Resp${rcode}`}${h.aa ? '*' : ''}${h.ra ? '' : '-'}${h.tc ? '|' : ''}${h.ad ? '$' : ''}`;
    if (qd !== 1) s += ` [${qd}q]`;
    s += ` ${an}/${ns}/${ar}`;
    s += msg.answers.map(formatRecordShort).join(',');
  } else {
    s = `${h.id}${TCPDUMP_OPS[h.opcode]}${h.rd ? '+' : ''}${h.cd ? '%' : ''}`;
    const b2 = dnsFlags(h);
    if (b2 & 0x6cf) s += ` [b2&3=0x${b2.toString(16)}]`;
    if (h.opcode === DnsOpcode.IQUERY) {
      if (qd) s += ` [${qd}q]`;
      if (an !== 1) s += ` [${an}a]`;
    } else {
      if (an) s += ` [${an}a]`;
      if (qd !== 1) s += ` [${qd}q]`;
    }
    if (ns) s += ` [${ns}n]`;
    if (ar) s += ` [${ar}au]`;
    for (const q of msg.questions) {
      const cls = q.class !== DnsClass.IN ? ` ${CLASS_NAMES[q.class] ?? `(Class ${q.class})`}` : '';
      s += ` ${dnsTypeName(q.type)}${cls}? ${fqdn(q.name)}`;
    }
  }
  return `${s} (${length})`;
}
