/** Rules written with the iptables command act on packets, and their counters show in -L -v. */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import { Shell } from '../../../src/shell/shell.ts';

/** in1 — gw — out1: a router between two subnets, with listeners on out1. */
function routed(): Shell {
  const sh = new Shell(new Kernel(7));
  for (const c of [
    'ip netns add gw',
    'ip netns add in1',
    'ip netns add out1',
    'ip -n gw link add lan0 type veth peer name eth0 netns in1',
    'ip -n gw link add wan0 type veth peer name eth0 netns out1',
    'ip -n gw addr add 10.60.0.1/24 dev lan0',
    'ip -n gw addr add 10.61.0.1/24 dev wan0',
    'ip -n gw link set lan0 up',
    'ip -n gw link set wan0 up',
    'ip -n in1 addr add 10.60.0.2/24 dev eth0',
    'ip -n out1 addr add 10.61.0.2/24 dev eth0',
    'ip -n in1 link set eth0 up',
    'ip -n out1 link set eth0 up',
    'ip -n in1 route add default via 10.60.0.1',
    'ip -n out1 route add default via 10.61.0.1',
    'ip netns exec gw sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec out1 nc -lk 8443 &',
    'ip netns exec out1 nc -lk 9000 &',
  ])
    expect(sh.run(c).exitCode, c).toBe(0);
  return sh;
}

const gw = (sh: Shell, args: string) => sh.run(`ip netns exec gw iptables ${args}`);

describe('iptables in the packet path', () => {
  it('a FORWARD DROP added with -A blocks its port until -D removes it', () => {
    const sh = routed();
    expect(gw(sh, '-A FORWARD -p tcp --dport 8443 -j DROP').exitCode).toBe(0);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 8443').exitCode).toBe(1);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 9000').exitCode).toBe(0);
    expect(gw(sh, '-D FORWARD -p tcp -m tcp --dport 8443 -j DROP').exitCode).toBe(0);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 8443').exitCode).toBe(0);
  });

  it('counts packets per rule and per policy', () => {
    const sh = routed();
    gw(sh, '-A FORWARD -p icmp --icmp-type echo-request -j ACCEPT');
    expect(sh.run('ip netns exec in1 ping -c 2 -W 1 10.61.0.2').exitCode).toBe(0);
    const lines = gw(sh, '-L FORWARD -v -n -x').output.split('\n');
    expect(lines[0]).toMatch(/^Chain FORWARD \(policy ACCEPT 2 packets, 168 bytes\)$/);
    expect(lines[2]).toMatch(/^ {7}2 {6}168 ACCEPT {5}1 {4}-- {2}\* {6}\* {7}0\.0\.0\.0\/0 {12}0\.0\.0\.0\/0 {12}icmptype 8$/);
    expect(gw(sh, '-Z FORWARD').exitCode).toBe(0);
    expect(gw(sh, '-L FORWARD -v -n').output).toContain('(policy ACCEPT 0 packets, 0 bytes)');
  });

  it('REJECT --reject-with tcp-reset refuses a connection at once', () => {
    const sh = routed();
    gw(sh, '-A FORWARD -p tcp --dport 9000 -j REJECT --reject-with tcp-reset');
    const r = sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 9000');
    expect(r.exitCode).toBe(1);
    expect(gw(sh, '-S FORWARD').output).toBe('-P FORWARD ACCEPT\n-A FORWARD -p tcp -m tcp --dport 9000 -j REJECT --reject-with tcp-reset\n');
  });

  it('a user chain reached by -j, with a policy DROP behind it', () => {
    const sh = routed();
    for (const c of ['-N LAN', '-A LAN -s 10.60.0.0/24 -j ACCEPT', '-A FORWARD -i lan0 -j LAN', '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-P FORWARD DROP'])
      expect(gw(sh, c).exitCode, c).toBe(0);
    expect(sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2').exitCode).toBe(0);
    expect(sh.run('ip netns exec out1 ping -c 1 -W 1 10.60.0.2').exitCode).toBe(1);
    expect(gw(sh, '-L LAN -n').output).toBe(
      'Chain LAN (1 references)\ntarget     prot opt source               destination         \nACCEPT     0    --  10.60.0.0/24         0.0.0.0/0           \n',
    );
  });

  it('DNAT to another port, then MASQUERADE on the way out', () => {
    const sh = routed();
    sh.run('ip -n out1 route del default');
    expect(gw(sh, '-t nat -A PREROUTING -i lan0 -p tcp --dport 80 -j DNAT --to-destination 10.61.0.2:9000').exitCode).toBe(0);
    expect(gw(sh, '-t nat -A POSTROUTING -o wan0 -j MASQUERADE').exitCode).toBe(0);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.1 80').exitCode).toBe(0);
    // Only the connection's first packet goes through the nat table.
    expect(gw(sh, '-t nat -L PREROUTING -v -n').output).toMatch(/\n {4}1 +\d+ DNAT {7}6 {4}-- {2}lan0 {3}\* {7}0\.0\.0\.0\/0 {12}0\.0\.0\.0\/0 {12}tcp dpt:80 to:10\.61\.0\.2:9000\n/);
  });
});
