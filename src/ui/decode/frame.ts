/**
 * A frame's layers, read from its bytes for the inspector: Ethernet, 802.1Q, ARP, IPv4, ICMP,
 * UDP, TCP, DNS and VXLAN with the inner frame. Every field knows where its bytes are, so the
 * hex dump can highlight it. The UI may not import the engine's wire/ code at run time, hence
 * this small reader of its own; it never throws on short or odd bytes, it stops and says so.
 */

export interface Field {
  readonly name: string;
  readonly value: string;
  /** Absolute byte offset in the frame, and how many bytes hold the field (bits share a byte). */
  readonly offset: number;
  readonly length: number;
}

export interface Layer {
  readonly name: string;
  /** One line: "IPv4, 10.0.0.2 > 10.0.0.3, ttl 64". */
  readonly summary: string;
  readonly offset: number;
  readonly length: number;
  readonly fields: Field[];
}

export const VXLAN_PORT = 4789;
export const DNS_PORT = 53;

const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q', 0x86dd: 'IPv6' };
const IP_PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };
const ICMP_TYPES: Record<number, string> = { 0: 'Echo reply', 3: 'Destination unreachable', 5: 'Redirect', 8: 'Echo request', 11: 'Time exceeded' };
const UNREACH_CODES: Record<number, string> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  4: 'fragmentation needed',
  9: 'net prohibited',
  10: 'host prohibited',
  13: 'administratively prohibited',
};
const DNS_TYPES: Record<number, string> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV' };
const DNS_RCODES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, '0')}`;
const mac = (b: Uint8Array, at: number): string => [...b.subarray(at, at + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ipv4 = (b: Uint8Array, at: number): string => [...b.subarray(at, at + 4)].join('.');
const u16 = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u32 = (b: Uint8Array, at: number): number => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

class Reader {
  readonly fields: Field[] = [];
  constructor(
    readonly b: Uint8Array,
    readonly start: number,
  ) {}
  has(at: number, length: number): boolean {
    return this.start + at + length <= this.b.length;
  }
  field(name: string, at: number, length: number, value: string): void {
    this.fields.push({ name, value, offset: this.start + at, length });
  }
}

function truncated(name: string, b: Uint8Array, start: number): Layer {
  return {
    name,
    summary: `${name} (truncated: ${b.length - start} bytes)`,
    offset: start,
    length: b.length - start,
    fields: [{ name: 'bytes', value: `${b.length - start} bytes, too short for a ${name} header`, offset: start, length: b.length - start }],
  };
}

function payload(b: Uint8Array, start: number, end: number, name = 'Data'): Layer[] {
  if (end <= start) return [];
  const ascii = [...b.subarray(start, Math.min(end, start + 32))].map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '.')).join('');
  return [{ name, summary: `${name} (${end - start} bytes)`, offset: start, length: end - start, fields: [{ name: 'bytes', value: `${end - start} bytes: ${ascii}${end - start > 32 ? '…' : ''}`, offset: start, length: end - start }] }];
}

/** Decodes an Ethernet frame (with any 802.1Q tags, and VXLAN's inner frames) into layers. */
export function decodeFrame(b: Uint8Array, start = 0, depth = 0): Layer[] {
  if (b.length - start < 14) return [truncated('Ethernet', b, start)];
  const r = new Reader(b, start);
  r.field('Destination', 0, 6, mac(b, start));
  r.field('Source', 6, 6, mac(b, start + 6));
  let at = 12;
  let type = u16(b, start + at);
  r.field('Type', at, 2, `${ETHERTYPES[type] ?? 'unknown'} (${hex(type, 4)})`);
  const layers: Layer[] = [
    { name: depth > 0 ? 'Ethernet (inner)' : 'Ethernet II', summary: `Ethernet II, ${mac(b, start + 6)} > ${mac(b, start)}`, offset: start, length: 14, fields: r.fields },
  ];
  at += 2;
  while (type === 0x8100) {
    if (!r.has(at, 4)) return [...layers, truncated('802.1Q', b, start + at)];
    const q = new Reader(b, start + at);
    const tci = u16(b, start + at);
    q.field('Priority (PCP)', 0, 2, String(tci >> 13));
    q.field('Drop eligible (DEI)', 0, 2, String((tci >> 12) & 1));
    q.field('VLAN id', 0, 2, String(tci & 0xfff));
    type = u16(b, start + at + 2);
    q.field('Type', 2, 2, `${ETHERTYPES[type] ?? 'unknown'} (${hex(type, 4)})`);
    layers.push({ name: '802.1Q', summary: `802.1Q VLAN, id ${tci & 0xfff}`, offset: start + at, length: 4, fields: q.fields });
    at += 4;
  }
  const next = start + at;
  if (type === 0x0806) return [...layers, ...decodeArp(b, next)];
  if (type === 0x0800) return [...layers, ...decodeIpv4(b, next, depth)];
  return [...layers, ...payload(b, next, b.length)];
}

function decodeArp(b: Uint8Array, start: number): Layer[] {
  if (b.length - start < 28) return [truncated('ARP', b, start)];
  const r = new Reader(b, start);
  const op = u16(b, start + 6);
  r.field('Hardware type', 0, 2, u16(b, start) === 1 ? 'Ethernet (1)' : String(u16(b, start)));
  r.field('Protocol type', 2, 2, `${ETHERTYPES[u16(b, start + 2)] ?? 'unknown'} (${hex(u16(b, start + 2), 4)})`);
  r.field('Hardware size', 4, 1, String(b[start + 4]));
  r.field('Protocol size', 5, 1, String(b[start + 5]));
  r.field('Opcode', 6, 2, op === 1 ? 'request (1)' : op === 2 ? 'reply (2)' : String(op));
  r.field('Sender MAC', 8, 6, mac(b, start + 8));
  r.field('Sender IP', 14, 4, ipv4(b, start + 14));
  r.field('Target MAC', 18, 6, mac(b, start + 18));
  r.field('Target IP', 24, 4, ipv4(b, start + 24));
  const summary =
    op === 1
      ? `ARP, who has ${ipv4(b, start + 24)}? Tell ${ipv4(b, start + 14)}`
      : op === 2
        ? `ARP, ${ipv4(b, start + 14)} is at ${mac(b, start + 8)}`
        : `ARP, opcode ${op}`;
  return [{ name: 'ARP', summary, offset: start, length: 28, fields: r.fields }, ...payload(b, start + 28, b.length, 'Padding')];
}

function decodeIpv4(b: Uint8Array, start: number, depth: number, quoted = false): Layer[] {
  if (b.length - start < 20) return [truncated('IPv4', b, start)];
  const r = new Reader(b, start);
  const ihl = (b[start] & 0x0f) * 4;
  const total = u16(b, start + 2);
  const flagsFrag = u16(b, start + 6);
  const proto = b[start + 9];
  const frag = flagsFrag & 0x1fff;
  const mf = (flagsFrag & 0x2000) !== 0;
  const df = (flagsFrag & 0x4000) !== 0;
  r.field('Version', 0, 1, String(b[start] >> 4));
  r.field('Header length', 0, 1, `${ihl} bytes (${ihl / 4})`);
  r.field('DSCP / ECN', 1, 1, `${hex(b[start + 1] >> 2, 2)} / ${b[start + 1] & 3}`);
  r.field('Total length', 2, 2, String(total));
  r.field('Identification', 4, 2, `${hex(u16(b, start + 4), 4)} (${u16(b, start + 4)})`);
  r.field('Flags', 6, 1, [df ? "DF (don't fragment)" : '', mf ? 'MF (more fragments)' : ''].filter(Boolean).join(', ') || 'none');
  r.field('Fragment offset', 6, 2, `${frag * 8} bytes`);
  r.field('Time to live', 8, 1, String(b[start + 8]));
  r.field('Protocol', 9, 1, `${IP_PROTOCOLS[proto] ?? 'unknown'} (${proto})`);
  r.field('Header checksum', 10, 2, hex(u16(b, start + 10), 4));
  r.field('Source', 12, 4, ipv4(b, start + 12));
  r.field('Destination', 16, 4, ipv4(b, start + 16));
  if (ihl > 20) r.field('Options', 20, ihl - 20, `${ihl - 20} bytes`);
  const end = quoted ? b.length : Math.min(b.length, start + Math.max(total, ihl));
  const fragNote = frag > 0 || mf ? `, fragment at ${frag * 8}${mf ? ' (more follow)' : ' (last)'}` : '';
  const layer: Layer = {
    name: quoted ? 'IPv4 (quoted)' : 'IPv4',
    summary: `IPv4, ${ipv4(b, start + 12)} > ${ipv4(b, start + 16)}, ttl ${b[start + 8]}, ${IP_PROTOCOLS[proto] ?? `proto ${proto}`}${fragNote}`,
    offset: start,
    length: ihl,
    fields: r.fields,
  };
  const body = start + ihl;
  // Only the first fragment carries the transport header.
  if (frag > 0) return [layer, ...payload(b, body, end, 'Fragment data')];
  const trailer = quoted ? [] : payload(b, end, b.length, 'Padding');
  if (proto === 1) return [layer, ...decodeIcmp(b, body, end, depth), ...trailer];
  if (proto === 17) return [layer, ...decodeUdp(b, body, end, depth, quoted), ...trailer];
  if (proto === 6) return [layer, ...decodeTcp(b, body, end, quoted), ...trailer];
  return [layer, ...payload(b, body, end), ...trailer];
}

function decodeIcmp(b: Uint8Array, start: number, end: number, depth: number): Layer[] {
  if (end - start < 8) return [truncated('ICMP', b, start)];
  const r = new Reader(b, start);
  const type = b[start];
  const code = b[start + 1];
  r.field('Type', 0, 1, `${ICMP_TYPES[type] ?? 'unknown'} (${type})`);
  r.field('Code', 1, 1, type === 3 ? `${UNREACH_CODES[code] ?? 'unknown'} (${code})` : type === 11 ? `${code === 0 ? 'TTL exceeded in transit' : 'fragment reassembly time exceeded'} (${code})` : String(code));
  r.field('Checksum', 2, 2, hex(u16(b, start + 2), 4));
  let summary = `ICMP, ${ICMP_TYPES[type] ?? `type ${type}`}`;
  if (type === 0 || type === 8) {
    r.field('Identifier', 4, 2, String(u16(b, start + 4)));
    r.field('Sequence', 6, 2, String(u16(b, start + 6)));
    summary += `, id ${u16(b, start + 4)}, seq ${u16(b, start + 6)}`;
    return [{ name: 'ICMP', summary, offset: start, length: 8, fields: r.fields }, ...payload(b, start + 8, end)];
  }
  if (type === 3 || type === 11) {
    if (type === 3 && code === 4) r.field('Next-hop MTU', 6, 2, String(u16(b, start + 6)));
    else r.field('Unused', 4, 4, hex(u32(b, start + 4), 8));
    summary += type === 3 ? `, ${UNREACH_CODES[code] ?? `code ${code}`}` : '';
    const quoted = start + 8 < end ? decodeIpv4(b.subarray(0, end), start + 8, depth, true) : [];
    return [{ name: 'ICMP', summary, offset: start, length: 8, fields: r.fields }, ...quoted];
  }
  r.field('Rest of header', 4, 4, hex(u32(b, start + 4), 8));
  return [{ name: 'ICMP', summary, offset: start, length: 8, fields: r.fields }, ...payload(b, start + 8, end)];
}

function decodeUdp(b: Uint8Array, start: number, end: number, depth: number, quoted: boolean): Layer[] {
  if (end - start < 8) return [truncated('UDP', b, start)];
  const r = new Reader(b, start);
  const sport = u16(b, start);
  const dport = u16(b, start + 2);
  const length = u16(b, start + 4);
  r.field('Source port', 0, 2, String(sport));
  r.field('Destination port', 2, 2, String(dport));
  r.field('Length', 4, 2, String(length));
  r.field('Checksum', 6, 2, u16(b, start + 6) === 0 ? '0x0000 (none)' : hex(u16(b, start + 6), 4));
  const layer: Layer = { name: 'UDP', summary: `UDP, ${sport} > ${dport}, length ${length}`, offset: start, length: 8, fields: r.fields };
  const body = start + 8;
  const bodyEnd = quoted ? end : Math.min(end, start + Math.max(length, 8));
  if (quoted) return [layer, ...payload(b, body, bodyEnd)];
  if (dport === VXLAN_PORT && depth < 3) return [layer, ...decodeVxlan(b.subarray(0, bodyEnd), body, depth)];
  if (sport === DNS_PORT || dport === DNS_PORT) return [layer, ...decodeDns(b, body, bodyEnd, 0)];
  return [layer, ...payload(b, body, bodyEnd)];
}

function decodeVxlan(b: Uint8Array, start: number, depth: number): Layer[] {
  if (b.length - start < 8) return [truncated('VXLAN', b, start)];
  const r = new Reader(b, start);
  const vni = (b[start + 4] << 16) | (b[start + 5] << 8) | b[start + 6];
  r.field('Flags', 0, 1, `${hex(b[start], 2)}${b[start] & 0x08 ? ' (VNI valid)' : ''}`);
  r.field('Reserved', 1, 3, hex((b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3], 6));
  r.field('VNI', 4, 3, String(vni));
  r.field('Reserved', 7, 1, hex(b[start + 7], 2));
  return [{ name: 'VXLAN', summary: `VXLAN, VNI ${vni}`, offset: start, length: 8, fields: r.fields }, ...decodeFrame(b, start + 8, depth + 1)];
}

const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

function decodeTcp(b: Uint8Array, start: number, end: number, quoted: boolean): Layer[] {
  if (end - start < (quoted ? 8 : 20)) return [truncated('TCP', b, start)];
  const r = new Reader(b, start);
  const sport = u16(b, start);
  const dport = u16(b, start + 2);
  r.field('Source port', 0, 2, String(sport));
  r.field('Destination port', 2, 2, String(dport));
  r.field('Sequence number', 4, 4, String(u32(b, start + 4)));
  if (end - start < 20) return [{ name: 'TCP (quoted)', summary: `TCP, ${sport} > ${dport}`, offset: start, length: end - start, fields: r.fields }];
  const doff = (b[start + 12] >> 4) * 4;
  const flags = b[start + 13];
  const names = TCP_FLAGS.filter((_, i) => flags & (1 << i));
  r.field('Acknowledgment number', 8, 4, String(u32(b, start + 8)));
  r.field('Header length', 12, 1, `${doff} bytes`);
  r.field('Flags', 13, 1, `${hex(flags, 2)} (${names.join(', ') || 'none'})`);
  r.field('Window', 14, 2, String(u16(b, start + 14)));
  r.field('Checksum', 16, 2, hex(u16(b, start + 16), 4));
  r.field('Urgent pointer', 18, 2, String(u16(b, start + 18)));
  if (doff > 20) r.field('Options', 20, Math.min(doff, end - start) - 20, `${doff - 20} bytes`);
  const layer: Layer = {
    name: 'TCP',
    summary: `TCP, ${sport} > ${dport} [${names.join(', ')}] seq ${u32(b, start + 4)}${flags & 0x10 ? ` ack ${u32(b, start + 8)}` : ''}`,
    offset: start,
    length: Math.min(doff, end - start),
    fields: r.fields,
  };
  const body = start + doff;
  // DNS over TCP: a 2-byte length, then the message.
  if ((sport === DNS_PORT || dport === DNS_PORT) && end - body > 2) {
    const len = new Reader(b, body);
    len.field('Length', 0, 2, String(u16(b, body)));
    return [layer, { name: 'DNS length', summary: `DNS message length ${u16(b, body)}`, offset: body, length: 2, fields: len.fields }, ...decodeDns(b, body + 2, end, 0)];
  }
  return [layer, ...payload(b, body, end)];
}

/** A domain name at `at` (with compression pointers), and where the name's bytes end. */
function dnsName(b: Uint8Array, at: number, end: number): { name: string; next: number } | undefined {
  const labels: string[] = [];
  let next = -1;
  let hops = 0;
  while (at < end) {
    const len = b[at];
    if (len === 0) {
      if (next < 0) next = at + 1;
      return { name: labels.length ? labels.join('.') : '<root>', next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= end || ++hops > 16) return undefined;
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | b[at + 1];
      continue;
    }
    if (at + 1 + len > end) return undefined;
    labels.push(String.fromCharCode(...b.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return undefined;
}

function decodeDns(b: Uint8Array, start: number, end: number, _depth: number): Layer[] {
  if (end - start < 12) return [truncated('DNS', b, start)];
  // Names point back into the message: read them relative to its first byte.
  const m = b.subarray(start, end);
  const r = new Reader(b, start);
  const flags = u16(m, 2);
  const qr = flags >> 15;
  const rcode = flags & 0xf;
  const counts = [u16(m, 4), u16(m, 6), u16(m, 8), u16(m, 10)];
  r.field('Transaction id', 0, 2, hex(u16(m, 0), 4));
  r.field('Flags', 2, 2, `${hex(flags, 4)} (${qr ? 'response' : 'query'}${flags & 0x0400 ? ', AA' : ''}${flags & 0x0200 ? ', TC' : ''}${flags & 0x0100 ? ', RD' : ''}${flags & 0x0080 ? ', RA' : ''}, ${DNS_RCODES[rcode] ?? `rcode ${rcode}`})`);
  r.field('Questions', 4, 2, String(counts[0]));
  r.field('Answers', 6, 2, String(counts[1]));
  r.field('Authority', 8, 2, String(counts[2]));
  r.field('Additional', 10, 2, String(counts[3]));
  let at = 12;
  const names: string[] = [];
  for (let q = 0; q < counts[0] && at < m.length; q++) {
    const n = dnsName(m, at, m.length);
    if (!n || n.next + 4 > m.length) break;
    const type = u16(m, n.next);
    r.field(`Query ${q + 1}`, at, n.next + 4 - at, `${n.name} ${DNS_TYPES[type] ?? `type ${type}`} class ${u16(m, n.next + 2)}`);
    names.push(`${DNS_TYPES[type] ?? type}? ${n.name}`);
    at = n.next + 4;
  }
  const sections = ['Answer', 'Authority', 'Additional'];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1] && at < m.length; i++) {
      const n = dnsName(m, at, m.length);
      if (!n || n.next + 10 > m.length) break;
      const type = u16(m, n.next);
      const ttl = u32(m, n.next + 4);
      const rdlen = u16(m, n.next + 8);
      const rdata = n.next + 10;
      if (rdata + rdlen > m.length) break;
      let value = `${rdlen} bytes`;
      if (type === 1 && rdlen === 4) value = ipv4(m, rdata);
      else if (type === 5 || type === 12 || type === 2) value = dnsName(m, rdata, m.length)?.name ?? value;
      r.field(`${sections[s]} ${i + 1}`, at, rdata + rdlen - at, `${n.name} ${DNS_TYPES[type] ?? `type ${type}`} ttl ${ttl}: ${value}`);
      if (s === 0) names.push(`${DNS_TYPES[type] ?? type} ${value}`);
      at = rdata + rdlen;
    }
  }
  const summary = `DNS ${qr ? 'response' : 'query'} ${hex(u16(m, 0), 4)}${qr ? ` ${DNS_RCODES[rcode] ?? rcode}` : ''}: ${names.join(', ') || 'no records'}`;
  return [{ name: 'DNS', summary, offset: start, length: end - start, fields: r.fields }];
}

/** What a frame carries, for colours and filters: its innermost interesting protocol. */
export type PacketKind = 'arp' | 'icmp' | 'tcp' | 'udp' | 'dns' | 'vxlan' | 'other';

export const PACKET_KINDS: readonly PacketKind[] = ['arp', 'icmp', 'tcp', 'udp', 'dns', 'vxlan', 'other'];

/** A quick look at the headers only (no full decode): the kind the animation colours by. */
export function packetKind(b: Uint8Array): PacketKind {
  if (b.length < 14) return 'other';
  let at = 12;
  let type = u16(b, at);
  while (type === 0x8100 && b.length >= at + 6) {
    at += 4;
    type = u16(b, at);
  }
  at += 2;
  if (type === 0x0806) return 'arp';
  if (type !== 0x0800 || b.length < at + 20) return 'other';
  const ihl = (b[at] & 0x0f) * 4;
  const proto = b[at + 9];
  const first = (u16(b, at + 6) & 0x1fff) === 0;
  const l4 = at + ihl;
  if (proto === 1) return 'icmp';
  if (proto === 17) {
    if (!first || b.length < l4 + 4) return 'udp';
    const sport = u16(b, l4);
    const dport = u16(b, l4 + 2);
    if (dport === VXLAN_PORT) return 'vxlan';
    return sport === DNS_PORT || dport === DNS_PORT ? 'dns' : 'udp';
  }
  if (proto === 6) {
    if (!first || b.length < l4 + 4) return 'tcp';
    return u16(b, l4) === DNS_PORT || u16(b, l4 + 2) === DNS_PORT ? 'dns' : 'tcp';
  }
  return 'other';
}
