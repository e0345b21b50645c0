/**
 * The pcap-filter(7) language, as libpcap 1.10 compiles it, for the protocols the simulator
 * carries: a tokenizer, a recursive-descent parser and a compiler from the parse to a
 * predicate over Ethernet frames. No regular expressions decide the grammar.
 *
 * Grammar (libpcap's, restricted):
 *   expr      := unary ( ("and" | "&&" | "or" | "||") unary )*   equal precedence, left to right
 *   unary     := ("not" | "!") unary | "(" expr ")" | relation | primitive
 *   primitive := [proto] [dir] [type] ID        host/net/port/portrange, ether host
 *              | proto                          ip, arp, rarp, tcp, udp, icmp
 *              | "vlan" [NUM] | "less" NUM | "greater" NUM | "broadcast" | "multicast"
 *              | ["ether"|"ip"] "proto" NUM
 *              | ID                             qualifiers carried over from the previous primitive
 *   relation  := arith relop arith              tcp[13] & 2 != 0, len > 100, ip[6:2] & 0x1fff = 0
 *
 * Semantics follow libpcap's code generator: `host` also matches ARP sender/target addresses,
 * `port` only TCP/UDP first fragments, `tcp`/`udp`/`icmp` every fragment, and `vlan` moves the
 * link-layer offset of everything parsed after it by 4 bytes (libpcap's documented quirk).
 * Errors use tcpdump's messages, e.g. "can't parse filter expression: syntax error".
 */
import { parseMac } from '../../engine/addr/mac.ts';
import { readU16, readU32 } from '../../engine/wire/bytes.ts';
import { portNumber } from './services.ts';

/** A compiled filter: true to keep the frame. */
export type FrameFilter = (frame: Uint8Array) => boolean;

export class FilterError extends Error {}

const SYNTAX = "can't parse filter expression: syntax error";

// ---- tokens ---------------------------------------------------------------------------

type Tok = { kind: 'id'; text: string } | { kind: 'op'; text: string };

const OPS = ['&&', '||', '!=', '==', '<=', '>=', '<<', '>>', '(', ')', '[', ']', ':', '/', '!', '=', '<', '>', '+', '-', '*', '%', '&', '|', '^'];
const MAC_RE = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_.\-:\\]/.test(c);
}

/**
 * Splits an expression the way libpcap's scanner does for this subset: words may contain
 * "-" and "." (tcp-syn, 10.0.0.1, 1-1023) and ":" only as a MAC address; everything else
 * is an operator.
 */
export function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (/[A-Za-z0-9_\\]/.test(c)) {
      let j = i;
      while (j < text.length && isWordChar(text[j])) j++;
      let word = text.slice(i, j);
      // "0:2" inside brackets is three tokens; a MAC address is one.
      if (word.includes(':') && !MAC_RE.test(word)) word = word.slice(0, word.indexOf(':'));
      // A word never ends in "-" (that is a minus sign: "tcp[0]-1").
      while (word.length > 1 && word.endsWith('-')) word = word.slice(0, -1);
      toks.push({ kind: 'id', text: word });
      i += word.length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new FilterError(SYNTAX);
    toks.push({ kind: 'op', text: op });
    i += op.length;
  }
  return toks;
}

// ---- frame access ---------------------------------------------------------------------

/** Thrown by an out-of-bounds load: BPF then rejects the whole packet, not just the test. */
class Reject extends Error {}

const ETHERTYPE_IP = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_RARP = 0x8035;
const VLAN_TPIDS = [0x8100, 0x88a8, 0x9100];

/** A checked load: out of the captured bytes, BPF stops and rejects the packet. */
function ld8(f: Uint8Array, off: number): number {
  if (off + 1 > f.length) throw new Reject();
  return f[off];
}

function ld16(f: Uint8Array, off: number): number {
  if (off + 2 > f.length) throw new Reject();
  return readU16(f, off);
}

function ld32(f: Uint8Array, off: number): number {
  if (off + 4 > f.length) throw new Reject();
  return readU32(f, off);
}

/** `lo` is the offset of the EtherType field: 12, plus 4 for each `vlan` parsed before. */
function etherType(f: Uint8Array, lo: number): number {
  return ld16(f, lo);
}

/** Offset of the IPv4 header, or -1 when the frame does not carry IPv4 there. */
function ipAt(f: Uint8Array, lo: number): number {
  return etherType(f, lo) === ETHERTYPE_IP ? lo + 2 : -1;
}

function isFirstFragment(f: Uint8Array, ip: number): boolean {
  return (ld16(f, ip + 6) & 0x1fff) === 0;
}

function transportAt(f: Uint8Array, ip: number): number {
  return ip + (ld8(f, ip) & 0x0f) * 4;
}

/**
 * What a match implies, for spotting expressions that can never match (libpcap's optimizer
 * reports "expression rejects all packets"): the EtherTypes allowed at each link offset and
 * the IP protocols allowed in the IPv4 header after it. Conservative: unknown means no entry.
 */
interface Req {
  eth: Map<number, ReadonlySet<number>>;
  proto: Map<number, ReadonlySet<number>>;
  never: boolean;
}

interface Node {
  test: (f: Uint8Array) => boolean;
  req: Req;
}

const noReq = (): Req => ({ eth: new Map(), proto: new Map(), never: false });

function req(lo: number, eth: number[], proto?: number[]): Req {
  const r = noReq();
  r.eth.set(lo, new Set(eth));
  if (proto !== undefined) r.proto.set(lo, new Set(proto));
  return r;
}

function mergeMaps(a: Map<number, ReadonlySet<number>>, b: Map<number, ReadonlySet<number>>, and: boolean): { m: Map<number, ReadonlySet<number>>; empty: boolean } {
  const m = new Map<number, ReadonlySet<number>>();
  let empty = false;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (vb === undefined) {
      if (and) m.set(k, va);
      continue;
    }
    const v = and ? new Set([...va].filter((x) => vb.has(x))) : new Set([...va, ...vb]);
    if (v.size === 0) empty = true;
    m.set(k, v);
  }
  if (and) for (const [k, vb] of b) if (!a.has(k)) m.set(k, vb);
  return { m, empty };
}

function combine(a: Req, b: Req, and: boolean): Req {
  const eth = mergeMaps(a.eth, b.eth, and);
  const proto = mergeMaps(a.proto, b.proto, and);
  const never = and ? a.never || b.never || eth.empty || proto.empty : a.never && b.never;
  if (!and && (a.never || b.never)) return a.never ? b : a;
  return { eth: eth.m, proto: proto.m, never };
}

// ---- parser ---------------------------------------------------------------------------

type Proto = 'ether' | 'ip' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'icmp';
type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst';
type Type = 'host' | 'net' | 'port' | 'portrange';

interface Quals {
  proto: Proto | null;
  dir: Dir | null;
  type: Type | null;
}

const PROTOS: ReadonlySet<string> = new Set(['ether', 'ip', 'arp', 'rarp', 'tcp', 'udp', 'icmp', 'link']);
const TYPES: ReadonlySet<string> = new Set(['host', 'net', 'port', 'portrange']);
const IPPROTO: Readonly<Record<string, number>> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, sctp: 132 };
const ETHERPROTO: Readonly<Record<string, number>> = { ip: 0x0800, arp: 0x0806, rarp: 0x8035, ip6: 0x86dd };

/** Named constants usable in relations (pcap-filter(7)). */
const CONSTANTS: Readonly<Record<string, number>> = {
  icmptype: 0,
  icmpcode: 1,
  tcpflags: 13,
  'tcp-fin': 0x01,
  'tcp-syn': 0x02,
  'tcp-rst': 0x04,
  'tcp-push': 0x08,
  'tcp-ack': 0x10,
  'tcp-urg': 0x20,
  'tcp-ece': 0x40,
  'tcp-cwr': 0x80,
  'icmp-echoreply': 0,
  'icmp-unreach': 3,
  'icmp-sourcequench': 4,
  'icmp-redirect': 5,
  'icmp-echo': 8,
  'icmp-routeradvert': 9,
  'icmp-routersolicit': 10,
  'icmp-timxceed': 11,
  'icmp-paramprob': 12,
  'icmp-tstamp': 13,
  'icmp-tstampreply': 14,
  'icmp-ireq': 15,
  'icmp-ireqreply': 16,
  'icmp-maskreq': 17,
  'icmp-maskreply': 18,
};

const KEYWORDS: ReadonlySet<string> = new Set([
  ...PROTOS, ...TYPES, 'src', 'dst', 'and', 'or', 'not', 'vlan', 'less', 'greater', 'broadcast',
  'multicast', 'proto', 'len', 'mask', 'gateway',
]);

type Arith = (f: Uint8Array) => number;

/**
 * An address as libpcap's scanner reads it. "10.1" (an HID, with dots) is a network of the
 * parts given, 10.1.0.0/16; a bare number (NUM) is a 32-bit value: "host 10" is 0.0.0.10.
 */
function parseAddr(text: string): { addr: number; bits: number; dotted: boolean } | null {
  if (/^\d+(\.\d+){1,3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) throw new FilterError(`invalid IPv4 address '${text}'`);
    let addr = 0;
    for (const p of parts) addr = addr * 256 + p;
    return { addr: (addr * 2 ** (8 * (4 - parts.length))) >>> 0, bits: parts.length * 8, dotted: true };
  }
  const n = parseNumber(text);
  return n === null ? null : { addr: n >>> 0, bits: 32, dotted: false };
}

function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

function parseNumber(text: string): number | null {
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text, 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^\d+$/.test(text)) return Number(text);
  return null;
}

class Parser {
  private pos = 0;
  /** Offset of the EtherType field; `vlan` moves it for everything parsed later. */
  private lo = 12;
  /** The qualifiers of the last primitive, for "host a or b". */
  private last: Quals | null = null;

  constructor(
    private readonly toks: Tok[],
    private readonly resolve: (name: string) => number[],
  ) {}

  parse(): Node {
    if (this.toks.length === 0) return { test: () => true, req: noReq() };
    const n = this.expr();
    if (this.pos < this.toks.length) throw new FilterError(SYNTAX);
    return n;
  }

  private peek(k = 0): Tok | undefined {
    return this.toks[this.pos + k];
  }

  private isId(t: Tok | undefined, text?: string): boolean {
    return t !== undefined && t.kind === 'id' && (text === undefined || t.text === text);
  }

  private isOp(t: Tok | undefined, text: string): boolean {
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private next(): Tok {
    const t = this.toks[this.pos++];
    if (t === undefined) throw new FilterError(SYNTAX);
    return t;
  }

  private expectOp(text: string): void {
    if (!this.isOp(this.next(), text)) throw new FilterError(SYNTAX);
  }

  private expr(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const and = this.isId(t, 'and') || this.isOp(t, '&&');
      const or = this.isId(t, 'or') || this.isOp(t, '||');
      if (!and && !or) return left;
      this.pos++;
      const right = this.unary();
      const l = left.test;
      const r = right.test;
      left = { test: and ? (f) => l(f) && r(f) : (f) => l(f) || r(f), req: combine(left.req, right.req, and) };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (this.isId(t, 'not') || this.isOp(t, '!')) {
      this.pos++;
      const inner = this.unary().test;
      return { test: (f) => !inner(f), req: noReq() };
    }
    const rel = this.tryRelation();
    if (rel !== null) return { test: rel, req: noReq() };
    if (this.isOp(t, '(')) {
      this.pos++;
      const inner = this.expr();
      this.expectOp(')');
      return inner;
    }
    return this.primitive();
  }

  // ---- relations --------------------------------------------------------------------

  /** A comparison, or null (position restored) when the tokens are not one. */
  private tryRelation(): ((f: Uint8Array) => boolean) | null {
    const save = this.pos;
    const saveLo = this.lo;
    const restore = (): null => {
      this.pos = save;
      this.lo = saveLo;
      return null;
    };
    let left: Arith;
    try {
      left = this.arith();
    } catch (e) {
      if (e instanceof FilterError && e.message === SYNTAX) return restore();
      throw e;
    }
    const op = this.peek();
    const relops = ['=', '==', '!=', '<', '<=', '>', '>='];
    if (op === undefined || op.kind !== 'op' || !relops.includes(op.text)) return restore();
    this.pos++;
    const right = this.arith();
    const cmp = op.text;
    return (f) => {
      let a: number;
      let b: number;
      try {
        a = left(f) >>> 0;
        b = right(f) >>> 0;
      } catch (e) {
        if (e instanceof NotThisProto) return false;
        throw e;
      }
      switch (cmp) {
        case '=':
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        default:
          return a >= b;
      }
    };
  }

  private arith(): Arith {
    return this.arithLevel(0);
  }

  /** Binary operators from loosest to tightest binding, as in C. */
  private static readonly LEVELS: ReadonlyArray<ReadonlyArray<string>> = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private arithLevel(level: number): Arith {
    if (level >= Parser.LEVELS.length) return this.arithTerm();
    let left = this.arithLevel(level + 1);
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind !== 'op' || !Parser.LEVELS[level].includes(t.text)) return left;
      this.pos++;
      const right = this.arithLevel(level + 1);
      const l = left;
      const op = t.text;
      left = (f) => {
        const a = l(f) >>> 0;
        const b = right(f) >>> 0;
        switch (op) {
          case '|': return (a | b) >>> 0;
          case '^': return (a ^ b) >>> 0;
          case '&': return (a & b) >>> 0;
          case '<<': return (a << b) >>> 0;
          case '>>': return a >>> b;
          case '+': return (a + b) >>> 0;
          case '-': return (a - b) >>> 0;
          case '*': return Math.imul(a, b) >>> 0;
          // BPF rejects the packet on division by zero.
          case '/': if (b === 0) throw new Reject(); return Math.floor(a / b);
          default: if (b === 0) throw new Reject(); return a % b;
        }
      };
    }
  }

  private arithTerm(): Arith {
    const t = this.next();
    if (t.kind === 'op') {
      if (t.text === '(') {
        const inner = this.arith();
        this.expectOp(')');
        return inner;
      }
      if (t.text === '-') {
        const inner = this.arithTerm();
        return (f) => (-inner(f)) >>> 0;
      }
      throw new FilterError(SYNTAX);
    }
    const n = parseNumber(t.text);
    if (n !== null) return () => n;
    if (t.text in CONSTANTS) {
      const v = CONSTANTS[t.text];
      return () => v;
    }
    if (t.text === 'len') return (f) => f.length;
    const proto = t.text === 'link' ? 'ether' : t.text;
    if (PROTOS.has(proto) && this.isOp(this.peek(), '[')) {
      this.pos++;
      const index = this.arith();
      let size = 1;
      if (this.isOp(this.peek(), ':')) {
        this.pos++;
        const st = this.next();
        const sz = st.kind === 'id' ? parseNumber(st.text) : null;
        if (sz === null) throw new FilterError(SYNTAX);
        if (sz !== 1 && sz !== 2 && sz !== 4) throw new FilterError('data size must be 1, 2, or 4');
        size = sz;
      }
      this.expectOp(']');
      return this.load(proto as Proto, index, size);
    }
    throw new FilterError(SYNTAX);
  }

  /** proto[index:size], relative to that header; a relation on a missing header is false. */
  private load(proto: Proto, index: Arith, size: number): Arith {
    const lo = this.lo;
    const base = (f: Uint8Array): number => {
      switch (proto) {
        case 'ether':
          return 0;
        case 'ip':
        case 'arp':
        case 'rarp': {
          const want = proto === 'ip' ? ETHERTYPE_IP : proto === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_RARP;
          if (etherType(f, lo) !== want) throw new NotThisProto();
          return lo + 2;
        }
        default: {
          const ip = ipAt(f, lo);
          if (ip < 0 || ld8(f, ip + 9) !== IPPROTO[proto] || !isFirstFragment(f, ip)) throw new NotThisProto();
          return transportAt(f, ip);
        }
      }
    };
    return (f) => {
      const off = base(f) + index(f);
      return size === 1 ? ld8(f, off) : size === 2 ? ld16(f, off) : ld32(f, off);
    };
  }

  // ---- primitives -------------------------------------------------------------------

  private primitive(): Node {
    const t = this.peek();
    if (t === undefined || t.kind !== 'id') throw new FilterError(SYNTAX);
    switch (t.text) {
      case 'vlan':
        return this.vlan();
      case 'less':
      case 'greater': {
        this.pos++;
        const n = this.number();
        return { test: t.text === 'less' ? (f) => f.length <= n : (f) => f.length >= n, req: noReq() };
      }
      case 'broadcast':
        this.pos++;
        return { test: (f) => ld32(f, 0) === 0xffffffff && ld16(f, 4) === 0xffff, req: noReq() };
      case 'multicast':
        this.pos++;
        return { test: (f) => (ld8(f, 0) & 1) === 1, req: noReq() };
      case 'gateway':
        throw new FilterError("'gateway' requires a name");
      case 'proto':
        this.pos++;
        return this.protoNumber('ip');
    }
    const q: Quals = { proto: null, dir: null, type: null };
    let any = false;
    if (PROTOS.has(t.text)) {
      q.proto = (t.text === 'link' ? 'ether' : t.text) as Proto;
      this.pos++;
      any = true;
      const n = this.peek();
      if (this.isId(n, 'proto') && (q.proto === 'ether' || q.proto === 'ip')) {
        this.pos++;
        return this.protoNumber(q.proto);
      }
      if (q.proto === 'ether' && (this.isId(n, 'broadcast') || this.isId(n, 'multicast'))) return this.primitive();
    }
    if (this.isId(this.peek(), 'src') || this.isId(this.peek(), 'dst')) {
      const first = (this.next() as { text: string }).text;
      q.dir = first as Dir;
      // "src or dst" / "src and dst" is one qualifier when the other direction follows.
      const c = this.peek();
      const other = first === 'src' ? 'dst' : 'src';
      if ((this.isId(c, 'or') || this.isId(c, 'and')) && this.isId(this.peek(1), other)) {
        q.dir = this.isId(c, 'or') ? 'src or dst' : 'src and dst';
        this.pos += 2;
      }
      any = true;
    }
    const ty = this.peek();
    if (ty !== undefined && ty.kind === 'id' && TYPES.has(ty.text)) {
      q.type = ty.text as Type;
      this.pos++;
      any = true;
    }
    if (!any) {
      // A bare value takes the previous primitive's qualifiers (libpcap's "host a or b").
      if (this.last === null || KEYWORDS.has(t.text)) throw new FilterError(SYNTAX);
      return this.value({ ...this.last });
    }
    const v = this.peek();
    const hasValue = v !== undefined && v.kind === 'id' && !KEYWORDS.has(v.text);
    if (q.dir === null && q.type === null && q.proto !== null && !hasValue) {
      this.last = q;
      return this.protoOnly(q.proto);
    }
    return this.value(q);
  }

  private number(): number {
    const t = this.next();
    const n = t.kind === 'id' ? parseNumber(t.text) : null;
    if (n === null) throw new FilterError(SYNTAX);
    return n;
  }

  private vlan(): Node {
    this.pos++;
    const lo = this.lo;
    let vid: number | null = null;
    const n = this.peek();
    if (n !== undefined && n.kind === 'id' && !KEYWORDS.has(n.text)) {
      vid = this.number();
      if (vid > 4095) throw new FilterError(`VLAN tag ${vid} greater than maximum 4095`);
    }
    this.lo += 4;
    const want = vid;
    return {
      test: (f) => {
        if (!VLAN_TPIDS.includes(etherType(f, lo))) return false;
        return want === null || (ld16(f, lo + 2) & 0x0fff) === want;
      },
      req: req(lo, VLAN_TPIDS),
    };
  }

  private protoNumber(kind: 'ether' | 'ip'): Node {
    const t = this.next();
    if (t.kind !== 'id') throw new FilterError(SYNTAX);
    let n = parseNumber(t.text);
    if (n === null && t.text.startsWith('\\')) {
      const name = t.text.slice(1);
      n = (kind === 'ip' ? IPPROTO : ETHERPROTO)[name] ?? null;
      if (n === null) throw new FilterError(`unknown ${kind} proto '${name}'`);
    }
    if (n === null) throw new FilterError(SYNTAX);
    const lo = this.lo;
    const v = n;
    if (kind === 'ether') return { test: (f) => etherType(f, lo) === v, req: req(lo, [v]) };
    return {
      test: (f) => {
        const ip = ipAt(f, lo);
        return ip >= 0 && ld8(f, ip + 9) === v;
      },
      req: req(lo, [ETHERTYPE_IP], [v]),
    };
  }

  private protoOnly(proto: Proto): Node {
    const lo = this.lo;
    switch (proto) {
      case 'ether':
        throw new FilterError(SYNTAX);
      case 'ip':
      case 'arp':
      case 'rarp': {
        const et = proto === 'ip' ? ETHERTYPE_IP : proto === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_RARP;
        return { test: (f) => etherType(f, lo) === et, req: req(lo, [et]) };
      }
      default: {
        const p = IPPROTO[proto];
        return {
          test: (f) => {
            const ip = ipAt(f, lo);
            return ip >= 0 && ld8(f, ip + 9) === p;
          },
          req: req(lo, [ETHERTYPE_IP], [p]),
        };
      }
    }
  }

  /** The ID after qualifiers: an address, network, port or MAC, checked as libpcap does. */
  private value(q: Quals): Node {
    const t = this.next();
    if (t.kind !== 'id') throw new FilterError(SYNTAX);
    this.last = q;
    const text = t.text;
    const type = q.type ?? 'host';
    if (q.proto === 'ether') {
      if (type !== 'host') throw new FilterError(SYNTAX);
      if (parseAddr(text) !== null) throw new FilterError('illegal link layer address');
      const mac = MAC_RE.test(text) ? parseMac(text) : null;
      if (mac === null) throw new FilterError(`unknown ether host '${text}'`);
      return { test: this.etherHost(mac, q.dir), req: noReq() };
    }
    if (type === 'port' || type === 'portrange') return this.port(q, type, text);
    if (MAC_RE.test(text)) throw new FilterError('ethernet address used in non-ether expression');
    if (q.proto === 'tcp' || q.proto === 'udp' || q.proto === 'icmp') throw new FilterError(`'${q.proto}' modifier applied to ${type}`);
    let addr: number;
    let mask: number;
    const a = parseAddr(text);
    if (a !== null) {
      addr = a.addr;
      mask = maskOf(a.bits);
      // A bare number as a network is "promoted": net 10 is 10.0.0.0/8.
      if (!a.dotted && type === 'net') {
        while (addr !== 0 && (addr & 0xff000000) === 0) {
          addr = (addr << 8) >>> 0;
          mask = (mask << 8) >>> 0;
        }
      }
    } else {
      // A name: every address the resolver gives for it (libpcap ORs them).
      const addrs = type === 'host' ? this.resolve(text) : [];
      if (addrs.length === 0) throw new FilterError(`unknown host '${text}'`);
      if (this.isOp(this.peek(), '/') || this.isId(this.peek(), 'mask')) throw new FilterError(SYNTAX);
      const nodes = addrs.map((x) => this.hostNet(x >>> 0, 0xffffffff, q));
      return { test: (f) => nodes.some((n) => n.test(f)), req: nodes[0].req };
    }
    if (this.isOp(this.peek(), '/')) {
      this.pos++;
      const n = this.next();
      const len = n.kind === 'id' ? parseNumber(n.text) : null;
      if (len === null || !a.dotted) throw new FilterError(SYNTAX);
      if (len > 32) throw new FilterError('mask length must be <= 32');
      mask = maskOf(len);
      if ((addr & ~mask) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${text}/${len}"`);
    } else if (this.isId(this.peek(), 'mask')) {
      this.pos++;
      const m = this.next();
      const ma = m.kind === 'id' ? parseAddr(m.text) : null;
      if (ma === null || !ma.dotted || !a.dotted) throw new FilterError(SYNTAX);
      mask = ma.addr;
      if ((addr & ~mask) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${text} mask ${m.text}"`);
    }
    return this.hostNet(addr, mask, q);
  }

  private hostNet(addr: number, mask: number, q: Quals): Node {
    const lo = this.lo;
    const dir = q.dir ?? 'src or dst';
    const proto = q.proto;
    const match = (x: number): boolean => ((x & mask) >>> 0) === addr;
    const pair = (s: number, d: number): boolean => {
      switch (dir) {
        case 'src': return match(s);
        case 'dst': return match(d);
        case 'src and dst': return match(s) && match(d);
        default: return match(s) || match(d);
      }
    };
    const ip = proto === null || proto === 'ip';
    const arp = proto === null || proto === 'arp';
    const rarp = proto === null || proto === 'rarp';
    const types = [ip ? ETHERTYPE_IP : -1, arp ? ETHERTYPE_ARP : -1, rarp ? ETHERTYPE_RARP : -1].filter((x) => x >= 0);
    const off = lo + 2;
    return {
      test: (f) => {
        const et = etherType(f, lo);
        if (et === ETHERTYPE_IP && ip) return pair(ld32(f, off + 12), ld32(f, off + 16));
        // ARP/RARP: the sender and target protocol addresses.
        if ((et === ETHERTYPE_ARP && arp) || (et === ETHERTYPE_RARP && rarp)) return pair(ld32(f, off + 14), ld32(f, off + 24));
        return false;
      },
      req: req(lo, types),
    };
  }

  private etherHost(mac: number, dir: Dir | null): (f: Uint8Array) => boolean {
    const d = dir ?? 'src or dst';
    const at = (f: Uint8Array, off: number): number => ld16(f, off) * 2 ** 32 + ld32(f, off + 2);
    return (f) => {
      const src = (): boolean => at(f, 6) === mac;
      const dst = (): boolean => at(f, 0) === mac;
      return d === 'src' ? src() : d === 'dst' ? dst() : d === 'src and dst' ? src() && dst() : src() || dst();
    };
  }

  private port(q: Quals, type: 'port' | 'portrange', text: string): Node {
    if (q.proto !== null && q.proto !== 'tcp' && q.proto !== 'udp') throw new FilterError(`illegal qualifier of '${type}'`);
    const proto = q.proto;
    let lo: number;
    let hi: number;
    if (type === 'port') {
      lo = hi = this.portValue(text, proto, (m) => m);
    } else {
      const dash = text.indexOf('-');
      if (dash <= 0) throw new FilterError(SYNTAX);
      const unknown = (): string => `unknown port in range '${text}'`;
      const a = this.portValue(text.slice(0, dash), proto, unknown);
      const b = this.portValue(text.slice(dash + 1), proto, unknown);
      [lo, hi] = a <= b ? [a, b] : [b, a];
    }
    const dir = q.dir ?? 'src or dst';
    const link = this.lo;
    const inRange = (p: number): boolean => p >= lo && p <= hi;
    const protos = proto === 'tcp' ? [6] : proto === 'udp' ? [17] : [6, 17];
    return {
      test: (f) => {
        const ip = ipAt(f, link);
        if (ip < 0) return false;
        if (!protos.includes(ld8(f, ip + 9))) return false;
        if (!isFirstFragment(f, ip)) return false;
        const th = transportAt(f, ip);
        const sp = (): boolean => inRange(ld16(f, th));
        const dp = (): boolean => inRange(ld16(f, th + 2));
        return dir === 'src' ? sp() : dir === 'dst' ? dp() : dir === 'src and dst' ? sp() && dp() : sp() || dp();
      },
      req: req(link, [ETHERTYPE_IP], protos),
    };
  }

  /** A port number or service name; `unknown` words the error for a name that is neither. */
  private portValue(text: string, proto: Proto | null, unknown: (m: string) => string): number {
    if (text.includes('.') && /^[\d.]+$/.test(text)) throw new FilterError("'port' modifier applied to ip host");
    const n = parseNumber(text);
    if (n !== null) {
      if (n > 65535) throw new FilterError(`illegal port number ${n} > 65535`);
      return n;
    }
    const tcp = portNumber('tcp', text);
    const udp = portNumber('udp', text);
    if (proto === 'udp' && udp === undefined && tcp !== undefined) throw new FilterError(`port '${text}' is tcp`);
    if (proto === 'tcp' && tcp === undefined && udp !== undefined) throw new FilterError(`port '${text}' is udp`);
    const v = proto === 'udp' ? udp : tcp ?? udp;
    if (v === undefined) throw new FilterError(unknown(`unknown port '${text}'`));
    return v;
  }
}

/** With no /etc/hosts to read, only "localhost" has an address. */
function defaultResolve(name: string): number[] {
  return name === 'localhost' ? [0x7f000001] : [];
}

/** A relation on a header the packet does not have is false (libpcap tests the protocol first). */
class NotThisProto extends Error {}

/**
 * Compiles tcpdump's expression (its words joined with spaces, as tcpdump does).
 * Throws FilterError with tcpdump's message (without the "tcpdump: " prefix).
 */
export function compileFilter(expression: string, resolve: (name: string) => number[] = defaultResolve): FrameFilter {
  const n = new Parser(tokenize(expression), resolve).parse();
  if (n.req.never) throw new FilterError('expression rejects all packets');
  const test = n.test;
  return (frame) => {
    try {
      return test(frame);
    } catch (e) {
      if (e instanceof Reject) return false;
      throw e;
    }
  };
}
