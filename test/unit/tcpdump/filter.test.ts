import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError, tokenize } from '../../../src/shell/tcpdump/filter.ts';
import { formatTimestamp } from '../../../src/shell/tcpdump/decode.ts';
import { CRAFTED } from './frames.ts';

/** Real tcpdump -r crafted.pcap -n EXPR: the time stamps of the frames kept, or the error (record.ts). */
interface GoldenFilter {
  expr: string;
  rc: number;
  kept?: string[];
  error?: string;
}
const golden = (JSON.parse(readFileSync(new URL('./golden/crafted.json', import.meta.url), 'utf8')) as { filters: GoldenFilter[] }).filters;
const stamps = CRAFTED.map((_, i) => formatTimestamp(1_000_000_000 + i * 1000 + 123_000));

/** Indexes of the frames the filter keeps, or "tcpdump: message". */
function apply(expr: string): number[] | string {
  try {
    const f = compileFilter(expr);
    return CRAFTED.flatMap((c, i) => (f(c.frame) ? [i] : []));
  } catch (e) {
    if (e instanceof FilterError) return `tcpdump: ${e.message}`;
    throw e;
  }
}

const byName = (name: string): number => CRAFTED.findIndex((c) => c.name === name);

describe('filter expressions select what libpcap 1.10 selects', () => {
  for (const g of golden) {
    it(`${JSON.stringify(g.expr)}${g.rc === 0 ? '' : ' (error)'}`, () => {
      const real = g.rc === 0 ? g.kept!.map((t) => stamps.indexOf(t)) : g.error!;
      expect(apply(g.expr)).toEqual(real);
    });
  }
});

describe('the parser', () => {
  it('tokenizes addresses, MACs, dashed keywords and operators', () => {
    expect(tokenize('tcp[tcpflags] & tcp-syn != 0 && host 10.0.0.1').map((t) => t.text)).toEqual(['tcp', '[', 'tcpflags', ']', '&', 'tcp-syn', '!=', '0', '&&', 'host', '10.0.0.1']);
    expect(tokenize('ether host 02:00:00:00:00:01 or net 10.0.0.0/24').map((t) => t.text)).toEqual(['ether', 'host', '02:00:00:00:00:01', 'or', 'net', '10.0.0.0', '/', '24']);
    expect(tokenize('tcp[0:2]').map((t) => t.text)).toEqual(['tcp', '[', '0', ':', '2', ']']);
    expect(tokenize('portrange 1-1023').map((t) => t.text)).toEqual(['portrange', '1-1023']);
  });

  it('"and" and "or" have equal precedence, left to right; "not" binds tightest', () => {
    // (icmp or arp) and host 10.0.0.2, not icmp or (arp and host 10.0.0.2).
    expect(apply('icmp or arp and host 10.0.0.2')).toEqual(apply('(icmp or arp) and host 10.0.0.2'));
    expect(apply('icmp or arp and host 10.0.0.2')).not.toEqual(apply('icmp or (arp and host 10.0.0.2)'));
    expect(apply('not icmp and not arp')).toEqual(apply('not (icmp or arp)'));
  });

  it('a bare value takes the previous qualifiers, and vlan shifts what follows it', () => {
    expect(apply('host 10.0.0.1 or 10.0.0.9')).toEqual(apply('host 10.0.0.1 or host 10.0.0.9'));
    expect(apply('port 80 or 9000')).toEqual(apply('port 80 or port 9000'));
    const vlanIcmp = apply('vlan 50 and icmp');
    expect(vlanIcmp).toEqual([byName('vlan icmp')]);
    // Without vlan, an 802.1Q frame's EtherType is 0x8100: icmp does not look inside.
    expect(apply('icmp')).not.toContain(byName('vlan icmp'));
  });

  it('host also matches ARP sender and target; port only first fragments; tcp every fragment', () => {
    expect(apply('host 10.0.0.2')).toContain(byName('arp request'));
    expect(apply('ip host 10.0.0.2')).not.toContain(byName('arp request'));
    expect(apply('udp')).toContain(byName('udp fragment 2'));
    expect(apply('port 9000')).toContain(byName('udp fragment 1'));
    expect(apply('port 9000')).not.toContain(byName('udp fragment 2'));
  });

  it('names resolve through the resolver given (the machine\'s /etc/hosts)', () => {
    const f = compileFilter('host web', (n) => (n === 'web' ? [0x0a000002] : []));
    expect(f(CRAFTED[byName('echo request')].frame)).toBe(true);
    expect(() => compileFilter('host nowhere', () => [])).toThrow("unknown host 'nowhere'");
  });

  it('reports what tcpdump reports for mistakes', () => {
    expect(apply('host')).toBe("tcpdump: can't parse filter expression: syntax error");
    expect(apply('port 70000')).toBe('tcpdump: illegal port number 70000 > 65535');
    expect(apply('vlan 5000')).toBe('tcpdump: VLAN tag 5000 greater than maximum 4095');
    expect(apply('udp and tcp')).toBe('tcpdump: expression rejects all packets');
  });
});
