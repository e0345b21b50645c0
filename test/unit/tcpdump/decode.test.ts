import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PacketPrinter, Stamper, formatTimestamp } from '../../../src/shell/tcpdump/decode.ts';
import { COOKED, CRAFTED } from './frames.ts';

/** What the real tcpdump 4.99.3 printed for frames.ts (recorded by record.ts). */
interface Golden {
  version: string;
  runs: { flags: string[]; stdout: string }[];
  cooked: { kind: 'sll2' | 'sll1'; runs: { flags: string[]; stdout: string }[] }[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/crafted.json', import.meta.url), 'utf8')) as Golden;

/** The printer configured as tcpdump is by these flags (on a machine whose /etc/hosts names 127.0.0.1). */
function printerFor(flags: string[]): PacketPrinter {
  const verbose = flags.filter((f) => /^-v+$/.test(f)).reduce((n, f) => n + f.length - 1, 0);
  return new PacketPrinter({ numeric: flags.includes('-n'), link: flags.includes('-e'), quiet: flags.includes('-q'), verbose, hostNames: new Map([[0x7f000001, 'localhost']]) });
}

describe('the printer matches tcpdump 4.99.3 line for line', () => {
  it('the golden file is from the version the printer follows', () => {
    expect(golden.version).toBe('tcpdump version 4.99.3');
  });

  for (const run of golden.runs) {
    it(`tcpdump -r ${run.flags.join(' ') || '(no flags)'}: ${CRAFTED.length} frames (ARP, ICMP errors, fragments, TCP, UDP, DNS, VLAN, VXLAN, oddities)`, () => {
      const p = printerFor(run.flags);
      const ours = CRAFTED.map((c, i) => `${formatTimestamp(1_000_000_000 + i * 1000 + 123_000)} ${p.ethernet(c.frame)}\n`).join('');
      expect(ours.split('\n')).toEqual(run.stdout.split('\n'));
    });
  }

  for (const c of golden.cooked) {
    for (const run of c.runs) {
      it(`Linux cooked (${c.kind}, as -i any captures) with ${run.flags.join(' ')}`, () => {
        const p = printerFor(run.flags);
        const ours = COOKED.map((x, i) => `${formatTimestamp(2_000_000_000 + i * 1000)} ${c.kind === 'sll2' ? p.cookedV2(x.frame, 'lo', 1, x.pkt) : p.cookedV1(x.frame, x.pkt)}\n`).join('');
        expect(ours.split('\n')).toEqual(run.stdout.split('\n'));
      });
    }
  }

  it('spot checks against lines captured live from Linux (ping, ARP, nc, VXLAN, 802.1Q)', () => {
    const text = (flags: string[], name: string): string => printerFor(flags).ethernet(CRAFTED.find((c) => c.name === name)!.frame);
    expect(text(['-n'], 'echo request')).toBe('IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4198, seq 1, length 64');
    expect(text(['-n'], 'arp request')).toBe('ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
    expect(text([], 'arp reply')).toBe('ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02 (oui Unknown), length 28');
    expect(text(['-n'], 'syn')).toBe('IP 10.0.0.1.33256 > 10.0.0.2.80: Flags [S], seq 270030554, win 64240, options [mss 1460,sackOK,TS val 3202441699 ecr 0,nop,wscale 10], length 0');
    expect(text([], 'syn')).toContain('10.0.0.2.http: Flags [S]');
    expect(text(['-n'], 'vxlan')).toBe('IP 192.168.1.11.40000 > 192.168.1.12.4789: VXLAN, flags [I] (0x08), vni 42\nIP 10.1.0.1 > 10.1.0.2: ICMP echo request, id 4198, seq 1, length 64');
    expect(text(['-n', '-e'], 'vlan icmp')).toBe(
      '02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802.1Q (0x8100), length 102: vlan 50, p 0, ethertype IPv4 (0x0800), 10.50.0.1 > 10.50.0.2: ICMP echo request, id 4198, seq 1, length 64',
    );
    expect(text(['-n'], 'fragment 2')).toBe('IP 10.0.0.1 > 10.0.0.2: ip-proto-1');
    expect(text([], 'fragment 2')).toBe('IP 10.0.0.1 > 10.0.0.2: icmp');
  });

  it('relative TCP sequence numbers are per printer (per capture), and -S turns them off', () => {
    const names = ['syn', 'syn-ack', 'ack'];
    const frames = names.map((n) => CRAFTED.find((c) => c.name === n)!.frame);
    const rel = printerFor(['-n']);
    expect(frames.map((f) => rel.ethernet(f))[2]).toBe('IP 10.0.0.1.33256 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0');
    const abs = new PacketPrinter({ numeric: true, link: false, quiet: false, verbose: 0, absoluteSeq: true });
    expect(frames.map((f) => abs.ethernet(f))[2]).toBe('IP 10.0.0.1.33256 > 10.0.0.2.80: Flags [.], ack 4259251020, win 502, length 0');
  });

  it('time stamps for each -t count, as tcpdump -r prints them in UTC', () => {
    // Real tcpdump -r on a capture made at 2026-11-28 02:01:21.007227 UTC, then 12 µs later.
    const lines = (mode: number): string[] => {
      const s = new Stamper(mode);
      return [s.stamp(1795831281, 7227), s.stamp(1795831281, 7239)];
    };
    expect(lines(0)).toEqual(['02:01:21.007227 ', '02:01:21.007239 ']);
    expect(lines(1)).toEqual(['', '']);
    expect(lines(2)).toEqual(['1795831281.007227 ', '1795831281.007239 ']);
    expect(lines(3)).toEqual([' 00:00:00.000000 ', ' 00:00:00.000012 ']);
    expect(lines(4)).toEqual(['2026-11-28 02:01:21.007227 ', '2026-11-28 02:01:21.007239 ']);
    expect(lines(5)).toEqual([' 00:00:00.000000 ', ' 00:00:00.000012 ']);
    expect(formatTimestamp(1_000_123_999)).toBe('00:00:01.000123');
  });

  it('never throws on arbitrary bytes', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const p = new PacketPrinter({ numeric: true, link: true, quiet: false, verbose: 2 });
    for (let i = 0; i < 2000; i++) {
      const base = CRAFTED[rnd() % CRAFTED.length].frame;
      const f = base.slice(0, rnd() % (base.length + 1));
      for (let k = 0; k < 3; k++) if (f.length > 0) f[rnd() % f.length] = rnd() % 256;
      expect(typeof p.ethernet(f)).toBe('string');
    }
  });
});
