/**
 * The simulator's pcap files read by the real tools: tshark must dissect them without a
 * warning, and the real tcpdump must print exactly what the simulator's tcpdump printed live.
 * Skipped where the tools are not installed (apt-get install tshark tcpdump).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFileSystem } from '../../../src/shell/fs.ts';
import type { Shell } from '../../../src/shell/shell.ts';
import { pairWorld } from './world.ts';

const TSHARK = '/usr/bin/tshark';
const TCPDUMP = ['/usr/bin/tcpdump', '/usr/sbin/tcpdump'].find((p) => existsSync(p));

/** Ping, a TCP handshake and close, and a ping fragmented at MTU 1500, captured with -w and as text. */
function traffic(): { sh: Shell; file: string; text: string } {
  const sh = pairWorld();
  sh.run('ip netns exec b tcpdump -i eth0 -w /cap.pcap &');
  sh.run('ip netns exec b tcpdump -i eth0 &');
  sh.run('ip netns exec a ping -c 1 10.0.0.2');
  sh.run('ip netns exec b nc -l 80 &');
  sh.run('ip netns exec a nc -z 10.0.0.2 80');
  sh.run('ip netns exec a nc -u -w 1 10.0.0.2 53');
  sh.run('ip netns exec a ping -c 1 -s 3000 10.0.0.2');
  sh.run('kill %1');
  const text = sh.run('kill %2').output.split('\n\n')[0] + '\n';
  const bytes = hostFileSystem(sh.kernel).read('/cap.pcap') as Uint8Array;
  const file = join(mkdtempSync(join(tmpdir(), 'netsim-pcap-')), 'cap.pcap');
  writeFileSync(file, bytes);
  return { sh, file, text };
}

describe('pcap files from the simulator, read by the real tools', () => {
  it.skipIf(!existsSync(TSHARK))('tshark dissects ping, TCP and fragments without warnings or malformed packets', () => {
    const { file } = traffic();
    const fields = spawnSync(TSHARK, ['-r', file, '-T', 'fields', '-e', 'frame.protocols'], { encoding: 'utf8' });
    expect(fields.status).toBe(0);
    expect(fields.stdout.trim().split('\n')).toEqual([
      'eth:ethertype:arp',
      'eth:ethertype:arp',
      'eth:ethertype:ip:icmp:data',
      'eth:ethertype:ip:icmp:data',
      ...Array(7).fill('eth:ethertype:ip:tcp'),
      // nc -u sends an empty datagram to 53: a DNS dissector on zero bytes would say malformed,
      // so tshark leaves it as UDP; the port-unreachable quotes it.
      'eth:ethertype:ip:udp',
      'eth:ethertype:ip:icmp:ip:udp',
      // Two fragments carry data only; the last one completes the echo request (and reply).
      'eth:ethertype:ip:data',
      'eth:ethertype:ip:data',
      'eth:ethertype:ip:icmp:data',
      'eth:ethertype:ip:data',
      'eth:ethertype:ip:data',
      'eth:ethertype:ip:icmp:data',
    ]);
    const plain = spawnSync(TSHARK, ['-r', file], { encoding: 'utf8' });
    expect(plain.status).toBe(0);
    const said = (plain.stdout + plain.stderr).split('\n').filter((l) => !l.startsWith('Running as user "root"'));
    expect(said.filter((l) => /malformed|warning|error|bogus|exception/i.test(l))).toEqual([]);
    // With checksum validation on, the expert system finds no errors or warnings either.
    const expert = spawnSync(TSHARK, ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-r', file, '-z', 'expert', '-q'], { encoding: 'utf8' });
    expect(expert.stdout).not.toMatch(/^(Errors|Warns) \(/m);
  });

  it.skipIf(TCPDUMP === undefined)('the real tcpdump -r prints what the simulated tcpdump printed live', () => {
    const { sh, file, text } = traffic();
    // Time stamps are the simulated wall clock (UTC); ports named from the same /etc/services.
    for (const flags of [[], ['-n'], ['-v'], ['-e', '-n']]) {
      const real = spawnSync(TCPDUMP!, ['-r', file, ...flags], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(real.status).toBe(0);
      if (flags.length === 0) expect(real.stdout).toBe(text);
      else {
        // The simulator's own -r on the same file: the first line is "reading from file".
        const ours = sh.run(`tcpdump -r /cap.pcap ${flags.join(' ')}`);
        expect(ours.output.split('\n').slice(1).join('\n')).toBe(real.stdout);
      }
    }
  });
});
