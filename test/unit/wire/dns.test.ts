import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import {
  aRecord,
  buildDnsQuery,
  buildDnsReply,
  cnameRecord,
  DnsRcode,
  DnsType,
  emitDns,
  formatDns,
  formatIpv6,
  parseDns,
  reverseName,
  type DnsMessage,
} from '../../../src/engine/wire/dns.ts';
import { hex, toHex } from './captures.ts';

/**
 * Golden DNS messages captured with tcpdump on Linux 6.x (Debian 12) in two network
 * namespaces, client 10.99.0.1 and server 10.99.0.2/.4, not written by hand:
 *
 *   - queries from dig 9.18 (EDNS with a cookie), bind9 nslookup, glibc 2.36's getaddrinfo
 *     (curl: A and AAAA back to back from one socket) and getent;
 *   - answers from dnsmasq 2.90, plain (--host-record, --cname) and as an authoritative zone
 *     (--auth-zone: SOA, NS, PTR records, NXDOMAIN with an SOA, uncompressed names).
 *
 * The frames are in ../apps/pcap/dns-golden.pcap; `TCPDUMP` is what `tcpdump -nr` printed
 * for each of them (tcpdump 4.99, without -v).
 */
const PCAP = new URL('../apps/pcap/dns-golden.pcap', import.meta.url);

const TCPDUMP = [
  '50537+ [1au] A? web. (44)',
  '65141+ [1au] A? www.example.com. (56)',
  '65141* 2/0/1 CNAME db.example.com., A 10.1.2.3 (88)',
  '53124+ [1au] A? nosuch. (47)',
  '53124 NXDomain 0/0/1 (35)',
  '29508+ A? web. (21)',
  '1424+ AAAA? web. (21)',
  '9286+ A? nosuch. (24)',
  '9286 NXDomain 0/0/0 (24)',
  '6383+ A? www.example.com. (33)',
  '6383* 2/0/0 CNAME db.example.com., A 10.1.2.3 (77)',
  '52576+ A? web. (21)',
  '13416+ AAAA? web. (21)',
  '7136+ SOA? example.com. (29)',
  '7136*- 1/1/0 SOA (146)',
  '39727+ NS? example.com. (29)',
  '39727*- 1/0/0 NS ns1.example.com. (69)',
  '58272+ PTR? 3.2.1.10.in-addr.arpa. (39)',
  '58272*- 1/1/0 PTR db.example.com. (115)',
  '13984+ A? nosuch.example.com. (36)',
  '13984 NXDomain*- 0/1/0 (124)',
  '60374+ A? www.example.com. (33)',
  '60374*- 2/1/0 CNAME db.example.com., A 10.1.2.3 (117)',
];

/** UDP payloads of the Ethernet/IPv4/UDP frames of a classic little-endian pcap. */
function udpPayloads(): Uint8Array[] {
  const file = readFileSync(PCAP);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  expect(view.getUint32(0, true)).toBe(0xa1b2c3d4);
  const out: Uint8Array[] = [];
  for (let off = 24; off < file.length; ) {
    const incl = view.getUint32(off + 8, true);
    const frame = new Uint8Array(file.subarray(off + 16, off + 16 + incl));
    const l4 = 14 + (frame[14] & 0xf) * 4;
    out.push(frame.subarray(l4 + 8));
    off += 16 + incl;
  }
  return out;
}

function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

function parsed(b: Uint8Array): DnsMessage {
  const m = parseDns(b);
  if (typeof m === 'string') throw new Error(`parse failed: ${m}`);
  return m;
}

// glibc's getaddrinfo("web"): the A query curl sent (frame 12); its AAAA twin follows (frame 13).
const GLIBC_A_WEB = hex('cd60 0100 0001 0000 0000 0000 03 776562 00 0001 0001');
// dnsmasq's NXDOMAIN for getent's query (frame 9): the question echoed, no records.
const NXDOMAIN_NOSUCH = hex('2446 8183 0001 0000 0000 0000 06 6e6f73756368 00 0001 0001');
// dnsmasq (frame 11): owner names compressed against the question, the CNAME target written out,
// and the A record's owner a pointer into that CNAME rdata (0xc02d).
const CNAME_ANSWER = hex(
  '18ef 8580 0001 0002 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001' +
    'c00c 0005 0001 00000000 0010 026462 076578616d706c65 03636f6d 00' +
    'c02d 0001 0001 00000000 0004 0a010203',
);

describe('DNS golden captures', () => {
  const frames = udpPayloads();

  it('the pcap holds the 23 frames tcpdump printed', () => {
    expect(frames.length).toBe(TCPDUMP.length);
  });

  it('formatDns prints every captured message exactly as tcpdump does', () => {
    expect(frames.map((f) => formatDns(parsed(f), f.length))).toEqual(TCPDUMP);
  });

  it('the hex fixtures are the frames they were copied from', () => {
    expect(toHex(frames[11])).toBe(toHex(GLIBC_A_WEB));
    expect(toHex(frames[8])).toBe(toHex(NXDOMAIN_NOSUCH));
    expect(toHex(frames[10])).toBe(toHex(CNAME_ANSWER));
  });

  it('deconstruct: a glibc query is 12 header bytes, one question, RD only, no EDNS', () => {
    const m = parsed(frames[11]);
    expect(m.header).toEqual({ id: 52576, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, ad: false, cd: false, rcode: 0 });
    expect(m.questions).toEqual([{ name: 'web', type: DnsType.A, class: 1 }]);
    expect(m.answers.length + m.authority.length + m.additional.length).toBe(0);
    expect(parsed(frames[12]).questions[0].type).toBe(DnsType.AAAA);
  });

  it('deconstruct: dig sets AD and adds an OPT record with a cookie, kept as raw rdata', () => {
    const m = parsed(frames[0]);
    expect(m.header.ad).toBe(true);
    expect(m.additional).toHaveLength(1);
    const opt = m.additional[0];
    expect(opt).toMatchObject({ name: '', type: DnsType.OPT, class: 1232, ttl: 0 });
    expect(opt.data.kind).toBe('raw');
    if (opt.data.kind === 'raw') expect(toHex(opt.data.bytes.subarray(0, 4))).toBe('00 0a 00 08');
  });

  it('parse: follows compression pointers in owner names and into rdata', () => {
    const m = parsed(frames[10]);
    expect(m.header).toMatchObject({ qr: true, aa: true, rd: true, ra: true, rcode: 0 });
    expect(m.answers).toEqual([
      { name: 'www.example.com', type: DnsType.CNAME, class: 1, ttl: 0, data: { kind: 'name', target: 'db.example.com' } },
      { name: 'db.example.com', type: DnsType.A, class: 1, ttl: 0, data: { kind: 'a', address: ip('10.1.2.3') } },
    ]);
  });

  it('parse: SOA and NS of an authoritative answer, NXDOMAIN with the SOA in authority', () => {
    const soa = parsed(frames[14]);
    expect(soa.answers[0]).toEqual({
      name: 'example.com',
      type: DnsType.SOA,
      class: 1,
      ttl: 600,
      data: { kind: 'soa', mname: 'ns1.example.com', rname: 'hostmaster.ns1.example.com', serial: 1795831565, refresh: 1200, retry: 180, expire: 1209600, minimum: 600 },
    });
    expect(soa.authority[0]).toMatchObject({ name: 'example.com', type: DnsType.NS, data: { kind: 'name', target: 'ns1.example.com' } });
    const nx = parsed(frames[20]);
    expect(nx.header.rcode).toBe(DnsRcode.NXDOMAIN);
    expect(nx.authority[0].type).toBe(DnsType.SOA);
    const ptr = parsed(frames[18]);
    expect(ptr.questions[0].name).toBe(reverseName(ip('10.1.2.3')));
    expect(ptr.answers[0].data).toEqual({ kind: 'name', target: 'db.example.com' });
  });

  it('construct: emits every query and every uncompressed answer byte for byte', () => {
    // Queries carry no names to compress; dnsmasq's NS and NXDOMAIN answers are uncompressed.
    const exact = [0, 1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 17, 19, 20, 21];
    for (const i of exact) expect(toHex(emitDns(parsed(frames[i]))), TCPDUMP[i]).toBe(toHex(frames[i]));
  });

  it('construct: compressed answers round-trip to the same message', () => {
    for (const i of [2, 10, 14, 18, 22]) {
      const m = parsed(frames[i]);
      const again = emitDns(m, { compress: true });
      expect(parsed(again), TCPDUMP[i]).toEqual(m);
      // Full compression is never longer than what the server sent.
      expect(again.length).toBeLessThanOrEqual(frames[i].length);
    }
  });
});

describe('DNS construction', () => {
  it('buildDnsQuery makes the glibc query', () => {
    expect(toHex(emitDns(buildDnsQuery(0x7344, 'web', DnsType.A)))).toBe('73 44 01 00 00 01 00 00 00 00 00 00 03 77 65 62 00 00 01 00 01');
  });

  it('a Docker-style answer: RD copied, RA set, not authoritative, TTL 600, names written out', () => {
    const q = buildDnsQuery(0x7344, 'web', DnsType.A);
    const r = buildDnsReply(q, { ra: true, answers: [aRecord('web', ip('172.18.0.2'))] });
    const b = emitDns(r);
    expect(toHex(b)).toBe(
      '73 44 81 80 00 01 00 01 00 00 00 00 03 77 65 62 00 00 01 00 01 ' +
        '03 77 65 62 00 00 01 00 01 00 00 02 58 00 04 ac 12 00 02',
    );
    expect(formatDns(parsed(b), b.length)).toBe('29508 1/0/0 A 172.18.0.2 (40)');
    // With compression the owner name becomes a pointer to the question (offset 12).
    const c = emitDns(r, { compress: true });
    expect(c.length).toBe(37);
    expect(toHex(c.subarray(21, 23))).toBe('c0 0c');
  });

  it('compression shares suffixes across names and rdata, case-insensitively', () => {
    const q = buildDnsQuery(1, 'www.Example.com', DnsType.A);
    const r = buildDnsReply(q, { answers: [cnameRecord('www.Example.com', 'db.example.com', 0), aRecord('db.example.com', ip('10.1.2.3'), 0)] });
    const b = emitDns(r, { compress: true });
    const m = parsed(b);
    expect(m.answers.map((a) => a.name)).toEqual(['www.Example.com', 'db.Example.com']);
    // "db" + pointer to "Example.com" (offset 16), then the A owner points at the CNAME target.
    expect(b.length).toBe(12 + 21 + 2 + 10 + 5 + 2 + 10 + 4);
  });
});

describe('DNS parse errors', () => {
  it('short header, truncated question, forward pointer, pointer loop', () => {
    expect(parseDns(new Uint8Array(11))).toBe('truncated');
    const q = emitDns(buildDnsQuery(1, 'web', DnsType.A));
    expect(parseDns(q.subarray(0, q.length - 1))).toBe('truncated');
    const fwd = q.slice();
    fwd[12] = 0xc0;
    fwd[13] = 0x20;
    expect(parseDns(fwd)).toBe('bad-pointer');
    const loop = q.slice();
    loop[12] = 0xc0;
    loop[13] = 12;
    expect(parseDns(loop)).toBe('bad-pointer');
  });

  it('an A record whose rdata is not 4 bytes', () => {
    const b = emitDns(buildDnsReply(buildDnsQuery(1, 'a', DnsType.A), { answers: [{ name: 'a', type: DnsType.A, class: 1, ttl: 1, data: { kind: 'raw', bytes: new Uint8Array(3) } }] }));
    expect(parseDns(b)).toBe('bad-rdata');
  });
});

describe('formatIpv6', () => {
  it('collapses the longest zero run', () => {
    expect(formatIpv6(hex('20010db8000000000000000000000001'))).toBe('2001:db8::1');
    expect(formatIpv6(hex('00000000000000000000000000000001'))).toBe('::1');
    expect(formatIpv6(hex('fe800000000000000000000000000000'))).toBe('fe80::');
  });
});
