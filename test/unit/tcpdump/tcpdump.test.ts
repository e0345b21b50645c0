import { describe, expect, it } from 'vitest';
import { readPcap } from '../../../src/engine/wire/pcap.ts';
import { hostFileSystem } from '../../../src/shell/fs.ts';
import { pairWorld, runAll } from './world.ts';

/**
 * What the real tcpdump 4.99.3 printed on Linux 6.18 for this script, run in two namespaces
 * joined by a veth pair named eth0 at both ends (MACs 02:00:00:00:00:01/02):
 *
 *   ip netns exec b tcpdump -i eth0 -n &
 *   ip netns exec a ping -c 2 10.0.0.2 > /dev/null
 *   ip netns exec b nc -l 80 &
 *   ip netns exec a nc -z 10.0.0.2 80
 *   kill %1
 *
 * stdout and stderr together, as the terminal showed them.
 */
const REAL = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes
02:24:04.802614 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
02:24:04.802633 ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28
02:24:04.802636 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 14484, seq 1, length 64
02:24:04.802659 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 14484, seq 1, length 64
02:24:05.810798 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 14484, seq 2, length 64
02:24:05.810819 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 14484, seq 2, length 64
02:24:06.383018 IP 10.0.0.1.40852 > 10.0.0.2.80: Flags [S], seq 3353284366, win 64240, options [mss 1460,sackOK,TS val 153175279 ecr 0,nop,wscale 10], length 0
02:24:06.383036 IP 10.0.0.2.80 > 10.0.0.1.40852: Flags [S.], seq 4254594714, ack 3353284367, win 65160, options [mss 1460,sackOK,TS val 1260033360 ecr 153175279,nop,wscale 10], length 0
02:24:06.383051 IP 10.0.0.1.40852 > 10.0.0.2.80: Flags [.], ack 1, win 63, options [nop,nop,TS val 153175279 ecr 1260033360], length 0
02:24:06.383074 IP 10.0.0.1.40852 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 63, options [nop,nop,TS val 153175279 ecr 1260033360], length 0
02:24:06.383267 IP 10.0.0.2.80 > 10.0.0.1.40852: Flags [F.], seq 1, ack 2, win 64, options [nop,nop,TS val 1260033360 ecr 153175279], length 0
02:24:06.383306 IP 10.0.0.1.40852 > 10.0.0.2.80: Flags [.], ack 2, win 63, options [nop,nop,TS val 153175279 ecr 1260033360], length 0

12 packets captured
12 packets received by filter
0 packets dropped by kernel
`;

/** Masks what differs by nature: time of day, ICMP ids, ephemeral ports, initial sequence numbers. */
function mask(text: string): string {
  return text
    .replace(/^\d\d:\d\d:\d\d\.\d{6} /gm, 'TIME ')
    .replace(/id \d+, seq/g, 'id ID, seq')
    .replace(/10\.0\.0\.1\.\d{5}/g, '10.0.0.1.PORT')
    .replace(/seq \d{7,}/g, 'seq ISN')
    .replace(/ack \d{7,}/g, 'ack ISN+1');
}

/**
 * The simulator's TCP differs from Linux's in what it sends, not in how tcpdump prints it:
 * only the MSS option, no window scaling (so the raw window stays 64240), and no delayed ACK
 * (the server acknowledges the FIN before sending its own). Those fields are masked too.
 */
function maskTcpBehaviour(text: string): string {
  return text.replace(/, options \[[^\]]*\]/g, '').replace(/win \d+/g, 'win W');
}

describe('tcpdump in the shell, against a real capture of the same traffic', () => {
  it('background capture of ping and nc, ended with kill %1: the same header, lines and summary', () => {
    const sh = pairWorld();
    const start = sh.run('ip netns exec b tcpdump -i eth0 -n &');
    expect(start.exitCode).toBe(0);
    runAll(sh, ['ip netns exec a ping -c 2 10.0.0.2', 'ip netns exec b nc -l 80 &', 'ip netns exec a nc -z 10.0.0.2 80']);
    const end = sh.run('kill %1');
    expect(end.exitCode).toBe(0);
    const sim = start.output + end.output;
    const simLines = sim.split('\n');
    const realLines = REAL.split('\n');
    // Header, ARP and ICMP: identical once times and ids are masked.
    expect(mask(simLines.slice(0, 8).join('\n'))).toBe(mask(realLines.slice(0, 8).join('\n')));
    // TCP: the real lines, in order, plus the server's separate ACK the simulator sends.
    const real = maskTcpBehaviour(mask(realLines.slice(8, 14).join('\n'))).split('\n');
    expect(maskTcpBehaviour(mask(simLines.slice(8, 15).join('\n'))).split('\n')).toEqual([
      ...real.slice(0, 4),
      'TIME IP 10.0.0.2.80 > 10.0.0.1.PORT: Flags [.], ack 2, win W, length 0',
      ...real.slice(4),
    ]);
    // Ctrl-C/SIGTERM: the newline tcpdump prints when interrupted, then the summary.
    expect(simLines.slice(15).join('\n')).toBe('\n13 packets captured\n13 packets received by filter\n0 packets dropped by kernel\n');
  });

  it('the time stamp is virtual time since the simulation began, as HH:MM:SS.micro', () => {
    const sh = pairWorld();
    sh.run('ip netns exec b tcpdump -i eth0 -n icmp &');
    sh.run('sleep 3600');
    sh.run('ip netns exec a ping -c 1 10.0.0.2');
    const out = sh.run('kill %1').output;
    expect(out).toMatch(/^01:00:00\.0\d{5} IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request/);
  });

  it('-c in the background: the capture ends by itself; wait prints its lines and the exit summary', () => {
    const sh = pairWorld();
    expect(sh.run('ip netns exec b tcpdump -i eth0 -n -c 3 icmp &').output).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
    );
    sh.run('ip netns exec a ping -c 2 10.0.0.2');
    const w = sh.run('wait');
    expect(mask(w.output)).toBe(
      [
        'TIME IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id ID, seq 1, length 64',
        'TIME IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id ID, seq 1, length 64',
        'TIME IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id ID, seq 2, length 64',
        // No blank line: tcpdump was not interrupted. "1 packet" is singular, as tcpdump prints it.
        '3 packets captured',
        '3 packets received by filter',
        '0 packets dropped by kernel',
        '',
      ].join('\n'),
    );
    // Nothing left to wait for: no output, and no virtual time passes (beyond the shell's 1 ms).
    const before = sh.kernel.now;
    expect(sh.run('wait').output).toBe('');
    expect(sh.kernel.now - before).toBe(1_000_000);
  });

  it('kill: job specs, errors and signals as bash and tcpdump treat them', () => {
    const sh = pairWorld();
    sh.run('ip netns exec b tcpdump -i eth0 -n &');
    sh.run('ip netns exec a tcpdump -i eth0 -n arp &');
    expect(sh.run('kill %3')).toEqual({ exitCode: 1, output: 'bash: line 1: kill: %3: no such job\n' });
    expect(sh.run('kill 4242')).toEqual({ exitCode: 1, output: 'bash: line 1: kill: (4242) - No such process\n' });
    expect(sh.run('kill')).toEqual({ exitCode: 2, output: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n' });
    expect(sh.run('kill -FOO %1')).toEqual({ exitCode: 1, output: 'bash: line 1: kill: FOO: invalid signal specification\n' });
    expect(sh.run('kill %tcpdump')).toEqual({ exitCode: 1, output: 'bash: line 1: kill: tcpdump: ambiguous job spec\n' });
    sh.run('ip netns exec a ping -c 1 10.0.0.2');
    // SIGKILL: no cleanup, so no newline and no summary; the lines were on the terminal already.
    expect(mask(sh.run('kill -9 %2').output)).toBe('TIME ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\nTIME ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28\n');
    // SIGINT, like Ctrl-C: the lines, the newline, the summary.
    expect(sh.run('kill -INT %1').output).toMatch(/\n\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n$/);
    // A killed job stays until waited for; killing it again says nothing, as bash.
    expect(sh.run('kill %1')).toEqual({ exitCode: 0, output: '' });
    expect(sh.run('wait %1')).toEqual({ exitCode: 0, output: '' });
    expect(sh.run('wait %1')).toEqual({ exitCode: 127, output: 'bash: line 1: wait: %1: no such job\n' });
  });

  it('wait cannot wait for a capture without -c: it says so and leaves it running', () => {
    const sh = pairWorld();
    sh.run('ip netns exec b tcpdump -i eth0 -n &');
    expect(sh.run('wait').output).toBe('wait: %1 (tcpdump -i eth0 -n) has no -c and runs until it is killed; end it with kill %1\n');
    expect(sh.run('kill %1').output).toContain('0 packets captured');
  });

  it('in the foreground it runs virtual time: -c N ends it, else it stops after 10 s as if interrupted', () => {
    const sh = pairWorld();
    const r = sh.run('ip netns exec a tcpdump -i eth0 -n -c 2');
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
        'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n' +
        '\n' +
        "tcpdump: stopped after 10 s of virtual time (the simulator's Ctrl-C); to capture while other commands run, end the line with &\n" +
        '0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
    );
  });

  it('-i lo shows each looped-back packet once, but counts both copies as received (as libpcap)', () => {
    const sh = pairWorld();
    sh.run('ip netns exec a tcpdump -i lo -c 2 &');
    sh.run('ip netns exec a ping -c 1 127.0.0.1');
    // Real: "IP localhost > localhost: ICMP echo request, ..." then the reply; 2 captured, 4 received.
    expect(mask(sh.run('wait').output)).toBe(
      'TIME IP localhost > localhost: ICMP echo request, id ID, seq 1, length 64\n' +
        'TIME IP localhost > localhost: ICMP echo reply, id ID, seq 1, length 64\n' +
        '2 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n',
    );
  });

  it('-i any: cooked v2 lines with interface and direction, devices created later included', () => {
    const sh = pairWorld();
    expect(sh.run('ip netns exec a tcpdump -i any -n &').output).toBe(
      'tcpdump: data link type LINUX_SLL2\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
        'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n',
    );
    runAll(sh, [
      'ip netns add c',
      'ip -n a link add eth1 type veth peer name eth1 netns c',
      'ip -n a addr add 10.9.0.1/24 dev eth1',
      'ip -n c addr add 10.9.0.2/24 dev eth1',
      'ip -n a link set eth1 up',
      'ip -n c link set eth1 up',
      'ip netns exec a ping -c 1 10.0.0.2',
      'ip netns exec a ping -c 1 10.9.0.2',
      'ip netns exec a ping -c 1 127.0.0.1',
    ]);
    const lines = mask(sh.run('kill %1').output).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'TIME eth0  Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
      'TIME eth0  In  ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28',
      'TIME eth0  Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id ID, seq 1, length 64',
      'TIME eth0  In  IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id ID, seq 1, length 64',
    ]);
    expect(lines.some((l) => l.startsWith('TIME eth1  Out IP 10.0.0.1 > 10.9.0.2') || l.startsWith('TIME eth1  Out IP 10.9.0.1 > 10.9.0.2'))).toBe(true);
    expect(lines.filter((l) => l.includes('lo    In  IP 127.0.0.1 > 127.0.0.1'))).toHaveLength(2);
  });

  it('-e, and names without -n: ports from /etc/services, 127.0.0.1 from /etc/hosts', () => {
    const sh = pairWorld();
    sh.run('ip netns exec b tcpdump -i eth0 -e tcp &');
    sh.run('ip netns exec b nc -l 80 &');
    sh.run('ip netns exec a nc -z 10.0.0.2 80');
    const first = mask(sh.run('kill %1').output).split('\n')[0];
    expect(first).toBe(
      'TIME 02:00:00:00:00:01 (oui Unknown) > 02:00:00:00:00:02 (oui Unknown), ethertype IPv4 (0x0800), length 58: 10.0.0.1.PORT > 10.0.0.2.http: Flags [S], seq ISN, win 64240, options [mss 1460], length 0',
    );
  });

  it('-w writes a pcap into the machine\'s filesystem, which -r reads back as the live capture printed it', () => {
    const sh = pairWorld();
    expect(sh.run('ip netns exec b tcpdump -i eth0 -w /root/cap.pcap &').output).toBe('tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    sh.run('ip netns exec b tcpdump -i eth0 -n &');
    sh.run('ip netns exec a ping -c 2 10.0.0.2');
    // With -w nothing goes to stdout, so no newline when interrupted: only the summary.
    expect(sh.run('kill %1').output).toBe('6 packets captured\n6 packets received by filter\n0 packets dropped by kernel\n');
    const live = sh.run('kill %2').output.split('\n\n')[0] + '\n';
    const file = hostFileSystem(sh.kernel).read('/root/cap.pcap');
    expect(file).toBeInstanceOf(Uint8Array);
    const parsed = readPcap(file as Uint8Array);
    expect(typeof parsed !== 'string' && parsed.records.length).toBe(6);
    const r = sh.run('tcpdump -n -r /root/cap.pcap');
    expect(r.output).toBe(`reading from file /root/cap.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n${live}`);
    expect(sh.run('tcpdump -n -r /root/cap.pcap icmp and src 10.0.0.2').output.split('\n').filter((l) => l.includes('echo reply'))).toHaveLength(2);
    // -r with -w copies what the filter keeps, time stamps included.
    expect(sh.run('tcpdump -r /root/cap.pcap -w /root/arp.pcap arp').output).toBe('reading from file /root/cap.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n');
    expect(sh.run('tcpdump -n -r /root/arp.pcap').output.split('\n').slice(1).join('\n')).toBe(live.split('\n').filter((l) => l.includes('ARP')).join('\n') + '\n');
    expect(sh.run('tcpdump -r /nope.pcap')).toEqual({ exitCode: 1, output: 'tcpdump: /nope.pcap: No such file or directory\n' });
    expect(sh.run('tcpdump -r /etc/hosts')).toEqual({ exitCode: 1, output: 'tcpdump: unknown file format\n' });
  });

  it('VLAN tags on the lower device and VXLAN on the underlay, as the engine sends them', () => {
    const sh = pairWorld([
      'ip -n a link add link eth0 name eth0.50 type vlan id 50',
      'ip -n b link add link eth0 name eth0.50 type vlan id 50',
      'ip -n a addr add 10.50.0.1/24 dev eth0.50',
      'ip -n b addr add 10.50.0.2/24 dev eth0.50',
      'ip -n a link set eth0.50 up',
      'ip -n b link set eth0.50 up',
      'ip -n a link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789',
      'ip -n b link add vx0 type vxlan id 42 remote 10.0.0.1 local 10.0.0.2 dstport 4789',
      'ip -n a addr add 10.1.0.1/24 dev vx0',
      'ip -n b addr add 10.1.0.2/24 dev vx0',
      'ip -n a link set vx0 up',
      'ip -n b link set vx0 up',
    ]);
    sh.run('ip netns exec b tcpdump -i eth0 -n -e vlan 50 and icmp &');
    sh.run('ip netns exec b tcpdump -i eth0 -n udp port 4789 &');
    sh.run('ip netns exec a ping -c 1 10.50.0.2');
    sh.run('ip netns exec a ping -c 1 10.1.0.2');
    const vlan = mask(sh.run('kill %1').output).split('\n');
    expect(vlan[0]).toMatch(/^TIME 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802\.1Q \(0x8100\), length 102: vlan 50, p 0, ethertype IPv4 \(0x0800\), 10\.50\.0\.1 > 10\.50\.0\.2: ICMP echo request, id ID, seq 1, length 64$/);
    const vx = sh.run('kill %2').output.split('\n');
    const i = vx.findIndex((l) => l.includes('VXLAN') && vx[vx.indexOf(l) + 1].includes('ICMP echo request'));
    expect(vx[i]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.4789: VXLAN, flags \[I\] \(0x08\), vni 42$/);
    expect(vx[i + 1]).toMatch(/^IP 10\.1\.0\.1 > 10\.1\.0\.2: ICMP echo request, id \d+, seq 1, length 64$/);
  });

  it('errors worded as tcpdump 4.99 / libpcap 1.10 word them', () => {
    const sh = pairWorld(['ip -n a link add dummy0 type bridge']);
    expect(sh.run('ip netns exec a tcpdump -i nosuch')).toEqual({ exitCode: 1, output: 'tcpdump: nosuch: No such device exists\n(No such device exists)\n' });
    expect(sh.run('ip netns exec a tcpdump -i dummy0')).toEqual({ exitCode: 1, output: 'tcpdump: dummy0: That device is not up\n' });
    expect(sh.run('ip netns exec a tcpdump -i eth0 host')).toEqual({ exitCode: 1, output: "tcpdump: can't parse filter expression: syntax error\n" });
    expect(sh.run('ip netns exec a tcpdump -i eth0 port 99999')).toEqual({ exitCode: 1, output: 'tcpdump: illegal port number 99999 > 65535\n' });
    expect(sh.run('ip netns exec a tcpdump -i eth0 -c 0')).toEqual({ exitCode: 1, output: 'tcpdump: invalid packet count 0\n' });
    expect(sh.run('ip netns exec a tcpdump -i eth0 -s 300000')).toEqual({ exitCode: 1, output: 'tcpdump: invalid snaplen 300000 (must be >= 0 and <= 262144)\n' });
    const bad = sh.run('tcpdump -k');
    expect(bad.exitCode).toBe(1);
    expect(bad.output.split('\n').slice(0, 5)).toEqual([
      "tcpdump: invalid option -- 'k'",
      'tcpdump version 4.99.3',
      'libpcap version 1.10.3 (with TPACKET_V3)',
      'OpenSSL 3.0.19 27 Jan 2026',
      'Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]',
    ]);
    expect(sh.run('tcpdump -i')).toMatchObject({ exitCode: 1, output: expect.stringMatching(/^tcpdump: option requires an argument -- 'i'\n/) });
  });

  it('without -i it picks the first running non-loopback device, else "any" with cooked v1', () => {
    const sh = pairWorld(['ip netns add empty', 'ip -n empty link set lo up']);
    expect(sh.run('ip netns exec a tcpdump -c 1 &').output).toContain('listening on eth0, link-type EN10MB (Ethernet)');
    expect(sh.run('ip netns exec empty tcpdump -c 1 &').output).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on any, link-type LINUX_SLL (Linux cooked v1), snapshot length 262144 bytes\n',
    );
  });
});
