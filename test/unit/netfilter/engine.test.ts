import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../../../src/engine/addr/ipv4.ts';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import type { NetNs } from '../../../src/engine/net/netns.ts';
import { ensureNetfilter } from '../../../src/engine/netfilter/netfilter.ts';
import { emptyRuleSpec, type RuleSpec, type Target } from '../../../src/engine/netfilter/rules.ts';
import { appendRule, getTable, insertRule, setPolicy } from '../../../src/engine/netfilter/tables.ts';
import { MemoryRecorder } from '../../../src/engine/trace/events.ts';
import { Shell } from '../../../src/shell/shell.ts';

const ip = (s: string): Ipv4 => parseIpv4(s) as Ipv4;

/** in1 — gw — out1, as in p04: a router between two subnets. */
function routed(): { sh: Shell; gw: NetNs } {
  const sh = new Shell(new Kernel(5));
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
  return { sh, gw: sh.kernel.netns.get('gw')! };
}

function rule(parts: Partial<RuleSpec> & { target: Target | null }): RuleSpec {
  return { ...emptyRuleSpec(), ...parts };
}

const tcpDport = (port: number): Partial<RuleSpec> => ({
  proto: { num: 6, name: 'tcp', invert: false },
  matches: [{ kind: 'tcp', dport: { range: { lo: port, hi: port }, invert: false } }],
});

describe('netfilter in the packet path', () => {
  it('FORWARD DROP of one port cuts only that port; REJECT answers with port unreachable', () => {
    const { sh, gw } = routed();
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 8443').exitCode).toBe(0);
    appendRule(gw, 'filter', 'FORWARD', rule({ ...tcpDport(8443), target: { kind: 'DROP' } }));
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 8443').exitCode).toBe(1);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 9000').exitCode).toBe(0);
    appendRule(gw, 'filter', 'FORWARD', rule({ proto: { num: 1, name: 'icmp', invert: false }, target: { kind: 'REJECT', with: 'icmp-port-unreachable' } }));
    const r = sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2');
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('From 10.60.0.1 icmp_seq=1 Destination Port Unreachable');
    const fwd = getTable(gw, 'filter').chains.get('FORWARD')!;
    expect(fwd.rules.map((x) => x.packets)).toEqual([1, 1]);
  });

  it('FORWARD policy DROP with conntrack lets replies of allowed connections through only', () => {
    const { sh, gw } = routed();
    setPolicy(gw, 'filter', 'FORWARD', 'DROP');
    expect(sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2').exitCode).toBe(1);
    appendRule(gw, 'filter', 'FORWARD', rule({ in: { name: 'lan0', wildcard: false, invert: false }, target: { kind: 'ACCEPT' } }));
    appendRule(gw, 'filter', 'FORWARD', rule({ in: { name: 'wan0', wildcard: false, invert: false }, matches: [{ kind: 'conntrack', ctstate: { states: ['ESTABLISHED', 'RELATED'], invert: false } }], target: { kind: 'ACCEPT' } }));
    expect(sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2').exitCode).toBe(0);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 9000').exitCode).toBe(0);
    expect(sh.run('ip netns exec out1 ping -c 1 -W 1 10.60.0.2').exitCode).toBe(1);
  });

  it('OUTPUT DROP loses the ping silently; an OUTPUT REJECT says sendmsg failed and reports the ICMP error', () => {
    const { sh, gw } = routed();
    appendRule(gw, 'filter', 'OUTPUT', rule({ dst: { addr: ip('10.61.0.2'), len: 32, invert: false }, target: { kind: 'DROP' } }));
    const dropped = sh.run('ip netns exec gw ping -c 1 -W 1 10.61.0.2');
    expect(dropped.exitCode).toBe(1);
    expect(dropped.output).not.toContain('sendmsg');
    sh.run('ip -n gw link set lo up');
    // Only echo requests: the ICMP error the REJECT sends back crosses OUTPUT too.
    const echoRequest = { proto: { num: 1, name: 'icmp', invert: false }, matches: [{ kind: 'icmp' as const, icmpType: { type: 8, code: null, invert: false, name: 'echo-request' } }] };
    insertRule(gw, 'filter', 'OUTPUT', 1, rule({ ...echoRequest, target: { kind: 'REJECT', with: 'icmp-port-unreachable' } }));
    const rejected = sh.run('ip netns exec gw ping -c 1 -W 1 10.61.0.2');
    expect(rejected.exitCode).toBe(1);
    expect(rejected.output).toContain('ping: sendmsg: Operation not permitted');
    expect(rejected.output).toContain('Destination Port Unreachable');
  });

  it('MASQUERADE rewrites the source and conntrack carries the reply back', () => {
    const { sh, gw } = routed();
    // out1 has no route back to 10.60.0.0/24: only NAT makes the replies find their way.
    sh.run('ip -n out1 route del default');
    expect(sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2').exitCode).toBe(1);
    appendRule(gw, 'nat', 'POSTROUTING', rule({ src: { addr: ip('10.60.0.0'), len: 24, invert: false }, out: { name: 'wan0', wildcard: false, invert: false }, target: { kind: 'MASQUERADE', toPorts: null } }));
    const rec = new MemoryRecorder();
    sh.kernel.trace = rec;
    expect(sh.run('ip netns exec in1 ping -c 1 -W 1 10.61.0.2').exitCode).toBe(0);
    expect(sh.run('ip netns exec in1 nc -z -w 1 10.61.0.2 8443').exitCode).toBe(0);
    const seenByOut1 = rec.events.filter((e) => e.type === 'rcv' && e.ns === 'out1' && e.summary.startsWith('IP '));
    expect(seenByOut1.every((e) => e.type === 'rcv' && e.summary.startsWith('IP 10.61.0.1'))).toBe(true);
    expect(ensureNetfilter(gw).conntrack.entries().length).toBeGreaterThanOrEqual(2);
  });

  it('DNAT publishes a port; the nat table sees only the first packet of a connection', () => {
    const { sh, gw } = routed();
    sh.run('ip netns exec in1 nc -lk 3000 &');
    insertRule(gw, 'nat', 'PREROUTING', 1, rule({ in: { name: 'wan0', wildcard: false, invert: false }, ...tcpDport(8000), target: { kind: 'DNAT', to: { minAddr: ip('10.60.0.2'), maxAddr: ip('10.60.0.2'), ports: { lo: 3000, hi: 3000 } } } }));
    expect(sh.run('ip netns exec out1 nc -z -w 1 10.61.0.1 8000').exitCode).toBe(0);
    expect(sh.run('ip netns exec out1 nc -z -w 1 10.61.0.1 8001').exitCode).toBe(1);
    const pre = getTable(gw, 'nat').chains.get('PREROUTING')!;
    // One SYN of the 8000 connection matched; its ACK and FIN never met the nat table.
    expect(pre.rules[0].packets).toBe(1);
  });
});
