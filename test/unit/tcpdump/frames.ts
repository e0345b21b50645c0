/**
 * Hand-built frames that exercise the tcpdump printer beyond what the simulator's own
 * traffic produces (VLAN tags, VXLAN, odd ICMP codes, TCP options, bad checksums, HTTP
 * payloads, truncated quotes). record.ts writes them to a pcap and records what the real
 * tcpdump 4.99 prints for it; decode.test.ts holds the simulator's printer to that text.
 */
import { LinkType, writePcap } from '../../../src/engine/wire/pcap.ts';
import { toSll1, toSll2 } from '../../../src/shell/tcpdump/capture.ts';
import type { CookedPktType } from '../../../src/shell/tcpdump/decode.ts';

export function bytes(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const ip4 = (s: string): number[] => s.split('.').map(Number);
const mac = (s: string): number[] => s.split(':').map((x) => parseInt(x, 16));
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

function csum(b: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i] << 8) | b[i + 1];
  if (b.length % 2) s += b[b.length - 1] << 8;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export const A = '02:00:00:00:00:01';
export const B = '02:00:00:00:00:02';

export function eth(dst: string, src: string, type: number, payload: Uint8Array): Uint8Array {
  return bytes(mac(dst), mac(src), u16(type), payload);
}

export function vlan(dst: string, src: string, vid: number, pcp: number, type: number, payload: Uint8Array, dei = false): Uint8Array {
  return bytes(mac(dst), mac(src), u16(0x8100), u16((pcp << 13) | (dei ? 0x1000 : 0) | vid), u16(type), payload);
}

export interface IpOpts {
  id?: number;
  ttl?: number;
  df?: boolean;
  mf?: boolean;
  offset?: number;
  tos?: number;
  badChecksum?: boolean;
  /** Total length field, when it should lie about the payload. */
  totalLength?: number;
}

export function ipv4(src: string, dst: string, proto: number, payload: Uint8Array, o: IpOpts = {}): Uint8Array {
  const flg = (o.df ?? true ? 0x4000 : 0) | (o.mf ? 0x2000 : 0) | ((o.offset ?? 0) >>> 3);
  const h = new Uint8Array([0x45, o.tos ?? 0, ...u16(o.totalLength ?? 20 + payload.length), ...u16(o.id ?? 0x1234), ...u16(flg), o.ttl ?? 64, proto, 0, 0, ...ip4(src), ...ip4(dst)]);
  const c = o.badChecksum ? 0xbeef : csum(h);
  h[10] = c >>> 8;
  h[11] = c & 0xff;
  return bytes(h, payload);
}

/** An IPv4 header with options (IHL > 5) in front of `payload`. */
export function ipv4WithOptions(src: string, dst: string, proto: number, options: number[], payload: Uint8Array): Uint8Array {
  const hl = 20 + options.length;
  const h = new Uint8Array([0x40 | (hl / 4), 0, ...u16(hl + payload.length), 0x12, 0x34, 0x40, 0, 1, proto, 0, 0, ...ip4(src), ...ip4(dst), ...options]);
  const c = csum(h);
  h[10] = c >>> 8;
  h[11] = c & 0xff;
  return bytes(h, payload);
}

export function icmp(type: number, code: number, rest: number[], data: Uint8Array, badChecksum = false): Uint8Array {
  const m = bytes([type, code, 0, 0], rest, data);
  const c = badChecksum ? 0 : csum(m);
  m[2] = c >>> 8;
  m[3] = c & 0xff;
  return m;
}

function pseudo(src: string, dst: string, proto: number, len: number): number {
  const p = new Uint8Array([...ip4(src), ...ip4(dst), 0, proto, ...u16(len)]);
  return ~csum(p) & 0xffff;
}

export function udp(src: string, dst: string, sp: number, dp: number, payload: Uint8Array, lengthField?: number): Uint8Array {
  const len = 8 + payload.length;
  const d = bytes(u16(sp), u16(dp), u16(lengthField ?? len), [0, 0], payload);
  const c = csum(d, pseudo(src, dst, 17, len)) || 0xffff;
  d[6] = c >>> 8;
  d[7] = c & 0xff;
  return d;
}

export interface TcpOpts {
  seq: number;
  ack?: number;
  flags: number;
  win?: number;
  options?: number[];
  payload?: Uint8Array;
  urg?: number;
  badChecksum?: boolean;
}

export function tcp(src: string, dst: string, sp: number, dp: number, o: TcpOpts): Uint8Array {
  const opts = o.options ?? [];
  const hlen = 20 + opts.length;
  const payload = o.payload ?? new Uint8Array(0);
  const d = bytes(u16(sp), u16(dp), u32(o.seq), u32(o.ack ?? 0), [(hlen / 4) << 4, o.flags], u16(o.win ?? 64240), [0, 0], u16(o.urg ?? 0), opts, payload);
  const c = o.badChecksum ? 0x1431 : csum(d, pseudo(src, dst, 6, d.length));
  d[16] = c >>> 8;
  d[17] = c & 0xff;
  return d;
}

export function arp(op: number, sha: string, spa: string, tha: string, tpa: string): Uint8Array {
  return bytes(u16(1), u16(0x0800), [6, 4], u16(op), mac(sha), ip4(spa), mac(tha), ip4(tpa));
}

const PING_DATA = new Uint8Array(56).map((_, i) => (i + 16) & 0xff);
const echo = (type: number, id: number, seq: number, data = PING_DATA): Uint8Array => icmp(type, 0, [...u16(id), ...u16(seq)], data);
const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };
const LINUX_SYN_OPTS = [2, 4, 0x05, 0xb4, 4, 2, 8, 10, ...u32(3202441699), ...u32(0), 1, 3, 3, 10];

/** A quoted datagram as Linux puts it in an ICMP error (header + leading payload bytes). */
const quote = (proto: number, payload: Uint8Array, src = '10.0.0.2', dst = '10.0.0.9'): Uint8Array => ipv4(src, dst, proto, payload);

function vxlan(flags: number, vni: number, inner: Uint8Array, sport = 40000): Uint8Array {
  const vx = bytes([flags, 0, 0, 0], [(vni >>> 16) & 0xff, (vni >>> 8) & 0xff, vni & 0xff, 0], inner);
  return eth(B, A, 0x0800, ipv4('192.168.1.11', '192.168.1.12', 17, udp('192.168.1.11', '192.168.1.12', sport, 4789, vx)));
}

const INNER = eth('02:00:00:00:0a:02', '02:00:00:00:0a:01', 0x0800, ipv4('10.1.0.1', '10.1.0.2', 1, echo(8, 0x1066, 1)));

/** A DNS name in wire form ("" is the root). */
function dnsName(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split('.').filter((l) => l !== '')) out.push(label.length, ...ascii(label));
  out.push(0);
  return out;
}

interface Rr {
  name: number[];
  type: number;
  cls?: number;
  ttl?: number;
  rdata: number[];
}

function rr(r: Rr): number[] {
  return [...r.name, ...u16(r.type), ...u16(r.cls ?? 1), ...u32(r.ttl ?? 300), ...u16(r.rdata.length), ...r.rdata];
}

/** A DNS message: flags word, then sections (names are built by the caller, pointers allowed). */
function dns(id: number, flags: number, qd: number[][], an: number[][] = [], ns: number[][] = [], ar: number[][] = []): Uint8Array {
  return bytes(u16(id), u16(flags), u16(qd.length), u16(an.length), u16(ns.length), u16(ar.length), ...qd, ...an, ...ns, ...ar);
}

const q = (name: string, type: number, cls = 1): number[] => [...dnsName(name), ...u16(type), ...u16(cls)];
/** A pointer to the question name, at offset 12 of every message built here. */
const PTR12 = [0xc0, 12];
const OPT = rr({ name: [0], type: 41, cls: 1232, ttl: 0, rdata: [] });
const OPT_DO = rr({ name: [0], type: 41, cls: 4096, ttl: 0x8000, rdata: [] });
const dnsUdp = (sport: number, dport: number, msg: Uint8Array, toServer = true): Uint8Array =>
  toServer
    ? eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', sport, dport, msg)))
    : eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 17, udp('10.0.0.2', '10.0.0.1', sport, dport, msg)));

/** DNS queries and answers as resolvers and servers send them. */
export const DNS_FRAMES: Array<{ name: string; frame: Uint8Array }> = [
  { name: 'dns query A', frame: dnsUdp(43614, 53, dns(0x1234, 0x0100, [q('example.com', 1)])) },
  { name: 'dns query A with EDNS', frame: dnsUdp(43614, 53, dns(0x1235, 0x0120, [q('example.com', 1)], [], [], [OPT])) },
  { name: 'dns query AAAA no RD', frame: dnsUdp(43615, 53, dns(7, 0x0000, [q('www.example.org', 28)])) },
  { name: 'dns query PTR', frame: dnsUdp(43616, 53, dns(8, 0x0100, [q('2.0.0.10.in-addr.arpa', 12)])) },
  { name: 'dns query root NS, CH class', frame: dnsUdp(43617, 53, dns(9, 0x0100, [q('', 2, 3)])) },
  { name: 'dns query two questions', frame: dnsUdp(43618, 53, dns(10, 0x0100, [q('a.example', 1), q('b.example', 1)])) },
  { name: 'dns query MX, CD', frame: dnsUdp(43619, 53, dns(11, 0x0110, [q('example.com', 15)])) },
  { name: 'dns response A', frame: dnsUdp(53, 43614, dns(0x1234, 0x8180, [q('example.com', 1)], [rr({ name: PTR12, type: 1, rdata: [93, 184, 216, 34] })]), false) },
  { name: 'dns response CNAME + 2 A, EDNS', frame: dnsUdp(53, 43614, dns(0x1235, 0x8180, [q('www.example.com', 1)], [rr({ name: PTR12, type: 5, rdata: dnsName('web.example.net') }), rr({ name: dnsName('web.example.net'), type: 1, rdata: [10, 0, 0, 5] }), rr({ name: dnsName('web.example.net'), type: 1, rdata: [10, 0, 0, 6] })], [], [OPT_DO]), false) },
  { name: 'dns response NXDomain with SOA', frame: dnsUdp(53, 43615, dns(7, 0x8183, [q('nope.example', 1)], [], [rr({ name: dnsName('example'), type: 6, rdata: [...dnsName('ns.example'), ...dnsName('admin.example'), ...u32(2026112801), ...u32(7200), ...u32(3600), ...u32(1209600), ...u32(300)] })]), false) },
  { name: 'dns response authoritative, no recursion', frame: dnsUdp(53, 43616, dns(8, 0x8400, [q('2.0.0.10.in-addr.arpa', 12)], [rr({ name: PTR12, type: 12, rdata: dnsName('web.example') })]), false) },
  { name: 'dns response AAAA', frame: dnsUdp(53, 43617, dns(12, 0x8180, [q('v6.example', 28)], [rr({ name: PTR12, type: 28, rdata: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] })]), false) },
  { name: 'dns response MX TXT SRV NS', frame: dnsUdp(53, 43619, dns(11, 0x8180, [q('example.com', 15)], [rr({ name: PTR12, type: 15, rdata: [0, 10, ...dnsName('mail.example.com')] }), rr({ name: PTR12, type: 16, rdata: [5, ...ascii('hello'), 3, ...ascii('a b')] }), rr({ name: dnsName('_sip._tcp.example.com'), type: 33, rdata: [0, 1, 0, 2, ...u16(5060), ...dnsName('sip.example.com')] }), rr({ name: PTR12, type: 2, rdata: dnsName('ns1.example.com') })]), false) },
  { name: 'dns response ServFail, truncated flag', frame: dnsUdp(53, 43620, dns(13, 0x8382, [q('example.com', 1)]), false) },
  { name: 'dns response Refused', frame: dnsUdp(53, 43621, dns(14, 0x8105, [q('example.com', 1)]), false) },
  { name: 'dns response unknown type', frame: dnsUdp(53, 43622, dns(15, 0x8180, [q('example.com', 99)], [rr({ name: PTR12, type: 99, rdata: [1, 2, 3] })]), false) },
  { name: 'dns response with answer cut short', frame: dnsUdp(53, 43623, dns(16, 0x8180, [q('example.com', 1)]).subarray(0, 20), false) },
  { name: 'dns over tcp port 53 (length prefix)', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40100, 53, { seq: 1, ack: 1, flags: 0x18, payload: bytes(u16(29), dns(0x77, 0x0100, [q('example.com', 1)])) }))) },
  { name: 'mdns query', frame: eth('01:00:5e:00:00:fb', A, 0x0800, ipv4('10.0.0.1', '224.0.0.251', 17, udp('10.0.0.1', '224.0.0.251', 5353, 5353, dns(0, 0, [q('host.local', 1, 0x8001)])))) },
];

/** Every crafted frame, in capture order (the TCP relative-sequence state depends on it). */
export const CRAFTED: Array<{ name: string; frame: Uint8Array }> = [
  { name: 'arp request', frame: eth('ff:ff:ff:ff:ff:ff', A, 0x0806, arp(1, A, '10.0.0.1', '00:00:00:00:00:00', '10.0.0.2')) },
  { name: 'arp reply', frame: eth(A, B, 0x0806, arp(2, B, '10.0.0.2', A, '10.0.0.1')) },
  { name: 'arp unicast probe with target mac', frame: eth(B, A, 0x0806, arp(1, A, '10.0.0.1', B, '10.0.0.2')) },
  { name: 'gratuitous arp', frame: eth('ff:ff:ff:ff:ff:ff', A, 0x0806, arp(1, A, '10.0.0.1', '00:00:00:00:00:00', '10.0.0.1')) },
  { name: 'arp padded to 60', frame: bytes(eth('ff:ff:ff:ff:ff:ff', A, 0x0806, arp(1, A, '10.0.0.1', '00:00:00:00:00:00', '10.0.0.2')), new Uint8Array(18)) },
  { name: 'echo request', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 4198, 1))) },
  { name: 'echo reply', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, echo(0, 4198, 1), { df: false, id: 45261 })) },
  { name: 'loopback echo', frame: eth('00:00:00:00:00:00', '00:00:00:00:00:00', 0x0800, ipv4('127.0.0.1', '127.0.0.1', 1, echo(8, 7, 1))) },
  { name: 'ecn + tos', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 1, 2), { tos: 0xb9 })) },
  { name: 'bad ip checksum', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 1, 3), { badChecksum: true })) },
  { name: 'ttl 0', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 1, 4), { ttl: 0 })) },
  // A 3000-byte ping cut at MTU 1500: 1480 + 1480 + 48 bytes of ICMP.
  { name: 'fragment 1', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 9, 1, new Uint8Array(3000)).subarray(0, 1480), { id: 12909, mf: true, df: false })) },
  { name: 'fragment 2', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, new Uint8Array(1480), { id: 12909, mf: true, df: false, offset: 1480 })) },
  { name: 'fragment 3', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, new Uint8Array(48), { id: 12909, df: false, offset: 2960 })) },
  { name: 'udp fragment 1', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40001, 9000, new Uint8Array(3000)).subarray(0, 1480), { mf: true, df: false })) },
  { name: 'udp fragment 2', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, new Uint8Array(1480), { mf: true, df: false, offset: 1480 })) },
  { name: 'tcp fragment 2', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, new Uint8Array(64), { df: false, offset: 1480 })) },
  { name: 'unknown protocol', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 99, new Uint8Array(8))) },
  { name: 'protocol 200', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 200, new Uint8Array(8))) },
  { name: 'udp', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40000, 9000, new Uint8Array(ascii('abcdef'))))) },
  { name: 'udp empty', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40000, 9000, new Uint8Array(0)))) },
  { name: 'udp bad length', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40000, 9000, new Uint8Array(6), 40))) },
  { name: 'udp to 53, empty', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 54321, 53, new Uint8Array(0)))) },
  { name: 'udp to 53, short', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 54321, 53, new Uint8Array(5)))) },
  { name: 'udp to a named port', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40000, 3130, new Uint8Array(4)))) },
  { name: 'port unreachable (udp)', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 3, [0, 0, 0, 0], ipv4('10.0.0.1', '10.0.0.2', 17, udp('10.0.0.1', '10.0.0.2', 40000, 53, new Uint8Array(6)))), { df: false, tos: 0xc0 })) },
  { name: 'port unreachable (tcp)', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 3, [0, 0, 0, 0], quote(6, tcp('10.0.0.2', '10.0.0.9', 40000, 80, { seq: 1, flags: F.SYN }).subarray(0, 8))), { df: false })) },
  { name: 'protocol unreachable', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 2, [0, 0, 0, 0], quote(99, new Uint8Array(8))))) },
  { name: 'net unreachable', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 0, [0, 0, 0, 0], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'host unreachable', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 1, [0, 0, 0, 0], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'frag needed', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 4, [0, 0, ...u16(1400)], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'admin prohibited filter', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 13, [0, 0, 0, 0], quote(17, udp('10.0.0.2', '10.0.0.9', 1, 2, new Uint8Array(0)))))) },
  { name: 'host prohibited', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 10, [0, 0, 0, 0], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'unknown unreach code', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(3, 99, [0, 0, 0, 0], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'time exceeded', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(11, 0, [0, 0, 0, 0], quote(17, udp('10.0.0.2', '10.0.0.9', 40000, 33434, new Uint8Array(0)))))) },
  { name: 'reassembly time exceeded', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(11, 1, [0, 0, 0, 0], quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'redirect', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 1, icmp(5, 1, ip4('10.0.0.254'), quote(1, echo(8, 1, 1, new Uint8Array(0)))))) },
  { name: 'wrong icmp checksum', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, icmp(8, 0, [0, 1, 0, 1], new Uint8Array(8), true))) },
  { name: 'icmp timestamp', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, icmp(13, 0, [0, 1, 0, 1], new Uint8Array(12)))) },
  { name: 'icmp mask reply', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, icmp(18, 0, [0, 1, 0, 1], new Uint8Array([255, 255, 255, 0])))) },
  { name: 'icmp unknown type', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, icmp(42, 0, [0, 0, 0, 0], new Uint8Array(0)))) },
  // A TCP conversation: handshake, data, close (relative sequence numbers after the SYN).
  { name: 'syn', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030554, flags: F.SYN, options: LINUX_SYN_OPTS }))) },
  { name: 'syn-ack', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp('10.0.0.2', '10.0.0.1', 80, 33256, { seq: 4259251019, ack: 270030555, flags: F.SYN | F.ACK, win: 65160, options: [2, 4, 0x05, 0xb4] }))) },
  { name: 'ack', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030555, ack: 4259251020, flags: F.ACK, win: 502 }))) },
  { name: 'http request', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030555, ack: 4259251020, flags: F.PSH | F.ACK, win: 502, payload: new Uint8Array(ascii('GET / HTTP/1.1\r\nHost: x\r\n\r\n')) }))) },
  { name: 'http response', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp('10.0.0.2', '10.0.0.1', 80, 33256, { seq: 4259251020, ack: 270030582, flags: F.PSH | F.ACK, win: 509, payload: new Uint8Array(ascii('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')) }))) },
  { name: 'non-http data on 80', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030582, ack: 4259251058, flags: F.PSH | F.ACK, win: 502, payload: new Uint8Array(ascii('hello\n')) }))) },
  { name: 'fin', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030588, ack: 4259251058, flags: F.FIN | F.ACK, win: 502 }))) },
  { name: 'fin-ack', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp('10.0.0.2', '10.0.0.1', 80, 33256, { seq: 4259251058, ack: 270030589, flags: F.FIN | F.ACK, win: 509 }))) },
  { name: 'last ack', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 33256, 80, { seq: 270030589, ack: 4259251059, flags: F.ACK, win: 502 }))) },
  { name: 'syn to closed port', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 48390, 81, { seq: 3237632529, flags: F.SYN, options: [2, 4, 0x05, 0xb4] }))) },
  { name: 'rst-ack', frame: eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp('10.0.0.2', '10.0.0.1', 81, 48390, { seq: 0, ack: 3237632530, flags: F.RST | F.ACK, win: 0 }))) },
  { name: 'tcp data on a plain port', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40000, 9000, { seq: 5, ack: 7, flags: F.PSH | F.ACK, payload: new Uint8Array(10) }))) },
  { name: 'tcp all flags, urg, sack, unknown option', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40001, 9000, { seq: 1, ack: 2, flags: 0xff, urg: 3, options: [1, 1, 5, 10, ...u32(100), ...u32(200), 99, 4, 0xab, 0xcd, 0, 0] }))) },
  { name: 'tcp no flags', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40002, 22, { seq: 1, flags: 0 }))) },
  { name: 'tcp bad checksum', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40003, 9000, { seq: 9, flags: F.SYN, badChecksum: true }))) },
  { name: 'tcp bad option length', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp('10.0.0.1', '10.0.0.2', 40004, 9000, { seq: 9, flags: F.SYN, options: [2, 9, 0, 0] }))) },
  { name: 'vlan icmp', frame: vlan(B, A, 50, 0, 0x0800, ipv4('10.50.0.1', '10.50.0.2', 1, echo(8, 0x1066, 1))) },
  { name: 'vlan arp, pcp 3', frame: vlan(B, A, 50, 3, 0x0806, arp(1, A, '10.50.0.1', '00:00:00:00:00:00', '10.50.0.2')) },
  { name: 'vlan udp, dei', frame: vlan(B, A, 7, 0, 0x0800, ipv4('10.50.0.1', '10.50.0.2', 17, udp('10.50.0.1', '10.50.0.2', 40000, 9000, new Uint8Array(6))), true) },
  { name: 'vxlan', frame: vxlan(0x08, 42, INNER) },
  { name: 'vxlan inner vlan', frame: vxlan(0x08, 42, vlan('02:00:00:00:0a:02', '02:00:00:00:0a:01', 50, 0, 0x0800, ipv4('10.1.0.1', '10.1.0.2', 1, echo(8, 0x1066, 1)))) },
  { name: 'vxlan flags 0x0c, vni 1000', frame: vxlan(0x0c, 1000, INNER) },
  { name: 'vxlan flags 0', frame: vxlan(0x00, 5, INNER) },
  { name: 'vxlan inner arp', frame: vxlan(0x08, 42, eth('ff:ff:ff:ff:ff:ff', '02:00:00:00:0a:01', 0x0806, arp(1, '02:00:00:00:0a:01', '10.1.0.1', '00:00:00:00:00:00', '10.1.0.2'))) },
  { name: 'vxlan short', frame: eth(B, A, 0x0800, ipv4('192.168.1.11', '192.168.1.12', 17, udp('192.168.1.11', '192.168.1.12', 40000, 4789, new Uint8Array(4)))) },
  { name: 'unknown ethertype', frame: eth(B, A, 0x1234, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])) },
  { name: 'cisco oui', frame: eth('00:00:0c:01:02:03', A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 1, 9))) },
  { name: 'multicast mac', frame: eth('01:00:5e:00:00:01', A, 0x0800, ipv4('10.0.0.1', '224.0.0.1', 1, echo(8, 1, 10))) },
  { name: 'ip options: router alert', frame: eth('01:00:5e:00:00:16', A, 0x0800, ipv4WithOptions('10.0.0.1', '224.0.0.22', 1, [148, 4, 0, 0], echo(8, 1, 12))) },
  { name: 'ip options: nop, unknown, eol', frame: eth(B, A, 0x0800, ipv4WithOptions('10.0.0.1', '10.0.0.2', 1, [1, 30, 2, 0], echo(8, 1, 13))) },
  { name: 'truncated ip', frame: eth(B, A, 0x0800, new Uint8Array([0x45, 0, 0, 84, 0, 0])) },
  { name: 'ip total length beyond frame', frame: eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, echo(8, 1, 11), { totalLength: 120 })) },
  { name: 'ipv5', frame: eth(B, A, 0x0800, new Uint8Array([0x55, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2])) },
  { name: 'short ethernet', frame: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) },
  ...DNS_FRAMES,
];

/** The crafted frames as a pcap, one microsecond apart from 1 s (so time stamps are visible). */
export function craftedPcap(): Uint8Array {
  return writePcap(CRAFTED.map((c, i) => ({ t: 1_000_000_000 + i * 1000 + 123_000, frame: c.frame })));
}

/** Frames as an "any" capture records them, with how the device saw each. */
export const COOKED: Array<{ frame: Uint8Array; pkt: CookedPktType }> = [
  { frame: CRAFTED[0].frame, pkt: 'broadcast' },
  { frame: CRAFTED[1].frame, pkt: 'outgoing' },
  { frame: CRAFTED[5].frame, pkt: 'host' },
  { frame: CRAFTED[6].frame, pkt: 'outgoing' },
  { frame: CRAFTED[7].frame, pkt: 'host' },
  { frame: CRAFTED.find((c) => c.name === 'multicast mac')!.frame, pkt: 'multicast' },
  { frame: CRAFTED.find((c) => c.name === 'cisco oui')!.frame, pkt: 'otherhost' },
  { frame: CRAFTED.find((c) => c.name === 'syn')!.frame, pkt: 'host' },
  { frame: CRAFTED.find((c) => c.name === 'vxlan')!.frame, pkt: 'host' },
  { frame: CRAFTED.find((c) => c.name === 'dns response A')!.frame, pkt: 'outgoing' },
];

/** The COOKED frames as a LINUX_SLL2 or LINUX_SLL pcap on ifindex 1 (lo on every machine). */
export function cookedPcap(kind: 'sll2' | 'sll1'): Uint8Array {
  const dev = { ifindex: 1, kind: 'veth' };
  const records = COOKED.map((c, i) => ({ t: 2_000_000_000 + i * 1000, frame: kind === 'sll2' ? toSll2(c.frame, dev, c.pkt) : toSll1(c.frame, dev, c.pkt) }));
  return writePcap(records, kind === 'sll2' ? LinkType.LINUX_SLL2 : LinkType.LINUX_SLL);
}
