/**
 * Records what the real tcpdump 4.99 prints for the crafted frames in frames.ts, so the unit
 * tests can hold the simulator's printer to it without tcpdump installed:
 *
 *   npx tsx test/unit/tcpdump/record.ts
 *
 * It writes the frames to a pcap and runs `TZ=UTC tcpdump -r FILE FLAGS` for each flag set;
 * the pcap's time stamps are virtual times from the epoch, so in UTC they print exactly as
 * the simulator prints virtual time. Output goes to golden/crafted.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cookedPcap, craftedPcap } from './frames.ts';

/** The option sets the tests compare; each is a separate real tcpdump run. */
export const FLAG_SETS: string[][] = [[], ['-n'], ['-e'], ['-n', '-e'], ['-n', '-v'], ['-v'], ['-n', '-q'], ['-n', '-q', '-e'], ['-n', '-e', '-v'], ['-n', '-vv']];

const here = dirname(new URL(import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'tcpdump-golden-'));
const file = join(dir, 'crafted.pcap');
writeFileSync(file, craftedPcap());
const runs = FLAG_SETS.map((flags) => {
  const r = spawnSync('tcpdump', ['-r', file, ...flags], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) throw new Error(`tcpdump ${flags.join(' ')} failed: ${r.stderr}`);
  return { flags, stdout: r.stdout, stderr: r.stderr };
});
/** Filter expressions run over the same file: which frames they keep, or the error. */
export const FILTERS: string[] = [
  'icmp', 'arp', 'tcp', 'udp', 'ip', 'rarp', 'not ip', '! arp',
  'host 10.0.0.1', 'src host 10.0.0.1', 'dst host 10.0.0.1', 'host 10.0.0.9', 'ip host 10.0.0.1', 'arp host 10.0.0.2',
  'src or dst host 10.0.0.2', 'src and dst host 10.0.0.1', 'src 10.0.0.2', 'dst 10.0.0.2', 'host localhost', 'host 10.0.0',
  'net 10.0.0.0/24', 'net 10.50.0.0/16', 'src net 192.168.0.0/16', 'net 10.1', 'net 10.0.0.0 mask 255.255.255.0', 'net 10.0.0.0',
  'port 80', 'port http', 'tcp port 80', 'udp port 80', 'src port 80', 'dst port 80', 'port 53', 'udp port domain', 'tcp port domain',
  'portrange 9000-9001', 'tcp portrange 80-81', 'port 9000', 'port 4789',
  'host 10.0.0.1 or 10.0.0.9', 'port 80 or 81', 'port 80 or 9000 and tcp', 'tcp and port 80 or icmp', 'not tcp and not udp',
  'icmp or arp and host 10.0.0.2', '(icmp or arp) and host 10.0.0.2', 'icmp or (arp and host 10.0.0.2)', 'not (icmp or arp)',
  'tcp && !port 80', 'udp || arp', 'not not ip',
  'vlan', 'vlan 50', 'vlan 7', 'vlan 50 and icmp', 'vlan and arp', 'icmp and vlan', 'vlan or arp', 'not vlan',
  'ether host 02:00:00:00:00:01', 'ether src 02:00:00:00:00:02', 'ether dst ff:ff:ff:ff:ff:ff', 'ether broadcast', 'broadcast', 'multicast',
  'ether proto 0x0806', 'ip proto 17', 'proto 6', 'ip proto 99', 'ip proto \\udp',
  'less 60', 'greater 1000', 'len > 1000', 'len <= 42',
  'tcp[tcpflags] & tcp-syn != 0', 'tcp[13] & 2 != 0', 'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0', 'tcp[tcpflags] == tcp-syn',
  'icmp[icmptype] == icmp-echo', 'icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply', 'icmp[0] = 3 and icmp[1] = 3',
  'ip[6:2] & 0x1fff != 0', 'ip[6:2] & 0x3fff != 0', 'ip[9] = 1', 'ether[12:2] = 0x8100', 'ip[8] = 0', 'tcp[0:2] > 40000',
  'udp[2:2] = 4789', 'ip[2:2] > 100 and icmp', 'tcp[100] = 1 or icmp', 'ip[1] & 3 = 1', 'tcp[13] = 0x18', 'ip[0] & 0xf > 5',
  'tcp[12] >> 4 > 5', 'len - 14 = 84', '1 + 1 = 2 and arp', 'udp[8:4] / 256 = 42', 'icmp[0] % 8 = 0 and icmp',
  // errors
  '', 'host', 'foo', 'port abc', 'host 1.2.3.4 and', '( host 1.2.3.4', 'host 1.2.3.4 )', 'net 10.0.0.1/8', 'vlan 5000',
  'port 70000', 'host 300.1.1.1', 'src foo', 'dst port', 'net 10.0.0.0/33', 'not not', 'and', '()', 'host 1.2.3.4/24',
  'port 1.2', 'tcp host 1.2.3.4', 'icmp port 80', 'arp port 80', 'tcp[100:3] = 1', 'ether host zz', 'ether host 1.2.3.4',
  'host 02:00:00:00:00:01', 'udp port ssh', 'portrange a-b', 'portrange 1-70000', 'port 8080-8081', '1.2.3.4', '80', 'ip proto icmp',
  'vlan x', 'less', 'tcp[] = 1', 'ip[1] = x', 'gateway 1.2.3.4', 'net 10/8', 'host 1.2.3.4.5', 'ip proto \\nope',
];

// Only what identifies the frames kept (their time stamps) or the error, to keep the file small.
const filters = FILTERS.map((expr) => {
  const r = spawnSync('tcpdump', ['-r', file, '-n', ...(expr === '' ? [] : [expr])], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) return { expr, rc: r.status, error: r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('reading from file')).join(' | ') };
  return { expr, rc: 0, kept: r.stdout.split('\n').filter((l) => /^\d\d:/.test(l)).map((l) => l.slice(0, 15)) };
});

/** Linux cooked captures (what -i any writes): interface index 1 is lo on any machine. */
export const COOKED_FLAG_SETS: string[][] = [['-n'], ['-n', '-e'], ['-n', '-q', '-e'], ['-e', '-v'], ['-n', '-q']];
const cooked = (['sll2', 'sll1'] as const).map((kind) => {
  const f = join(dir, `${kind}.pcap`);
  writeFileSync(f, cookedPcap(kind));
  return {
    kind,
    runs: COOKED_FLAG_SETS.map((flags) => {
      const r = spawnSync('tcpdump', ['-r', f, ...flags], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      return { flags, stdout: r.stdout, stderr: r.stderr };
    }),
  };
});

const version = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
writeFileSync(join(here, 'golden', 'crafted.json'), JSON.stringify({ version, runs, filters, cooked }, null, 1) + '\n');
console.log(`recorded ${runs.length} runs with ${version}`);
