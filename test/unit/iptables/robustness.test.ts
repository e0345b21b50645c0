/** Whatever the arguments, the commands answer with an exit code and never crash. */
import { describe, expect, it } from 'vitest';
import { sandbox } from './replay.ts';

const WORDS = [
  '-A', '-I', '-D', '-R', '-C', '-N', '-X', '-E', '-F', '-Z', '-L', '-S', '-P', 'INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING', 'X', 'Y', '1', '2', '0',
  '-t', 'nat', 'raw', 'mangle', '-p', 'tcp', 'udp', 'icmp', 'all', '!', '-s', '-d', '10.0.0.0/8', '1.2.3.4,5.6.7.8', '-i', '-o', 'eth0', 'veth+', '-j', '-g',
  'ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'TRACE', 'NOTRACK', 'CT', '--notrack', '--to-destination',
  '--to-source', '--to-ports', '80', '8080-8090', '1.1.1.1:80', '--set-mark', '0x1/0xff', '--dport', '--sport', '22:80', '--syn', '--tcp-flags', 'SYN,ACK',
  '--icmp-type', 'echo-request', '3/4', '-m', 'multiport', '--dports', '80,443', 'conntrack', '--ctstate', 'NEW,ESTABLISHED', 'state', '--state', 'addrtype',
  '--dst-type', 'LOCAL', 'comment', '--comment', 'mark', '--mark', 'physdev', '--physdev-is-bridged', '-n', '-v', '-x', '--line-numbers', '-c', '5', '-f', '',
  '/tmp/r', '--noflush', '--test', '--counters', '-T',
];

describe('robustness', () => {
  it('never throws, whatever the arguments', () => {
    const box = sandbox();
    box.write('/tmp/r', '*filter\n:X - [0:0]\n-A INPUT -j X\n-A X -p tcp --dport 80 -j ACCEPT\nCOMMIT\n*nat\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n');
    let seed = 4242;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const programs = ['iptables', 'iptables', 'iptables', 'iptables-save', 'iptables-restore'];
    for (let i = 0; i < 4000; i++) {
      const words = Array.from({ length: 1 + (next() % 9) }, () => WORDS[next() % WORDS.length]);
      const line = [programs[next() % programs.length], ...words].map((w) => (w === '' ? "''" : w)).join(' ');
      const r = box.run(line);
      expect([0, 1, 2, 3, 4], line).toContain(r.rc);
    }
  });
});
