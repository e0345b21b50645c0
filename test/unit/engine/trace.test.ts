import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import { MemoryRecorder, type TraceEvent } from '../../../src/engine/trace/events.ts';
import { Shell } from '../../../src/shell/shell.ts';

/** Three namespaces on a bridge, built with the same commands a person would type. */
function bridgeWorld(): { sh: Shell; rec: MemoryRecorder } {
  const sh = new Shell(new Kernel(3));
  const rec = new MemoryRecorder();
  sh.kernel.trace = rec;
  for (const cmd of [
    'ip netns add sw',
    'ip netns add n1',
    'ip netns add n2',
    'ip -n sw link add br0 type bridge',
    'ip -n sw link set br0 up',
    'ip -n sw link add p1 type veth peer name eth0 netns n1',
    'ip -n sw link add p2 type veth peer name eth0 netns n2',
    'ip -n sw link set p1 master br0',
    'ip -n sw link set p2 master br0',
    'ip -n sw link set p1 up',
    'ip -n sw link set p2 up',
    'ip -n n1 addr add 10.0.0.1/24 dev eth0',
    'ip -n n2 addr add 10.0.0.2/24 dev eth0',
    'ip -n n1 link set eth0 up',
    'ip -n n2 link set eth0 up',
  ])
    expect(sh.run(cmd).exitCode, cmd).toBe(0);
  rec.clear();
  return { sh, rec };
}

const ofType = <T extends TraceEvent['type']>(evs: TraceEvent[], type: T): Extract<TraceEvent, { type: T }>[] =>
  evs.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe('trace events', () => {
  it('a first ping floods the ARP broadcast, learns both MACs and then forwards by FDB', () => {
    const { sh, rec } = bridgeWorld();
    expect(sh.run('ip netns exec n1 ping -c 1 -W 1 10.0.0.2').exitCode).toBe(0);
    const floods = ofType(rec.events, 'flood');
    expect(floods[0]).toMatchObject({ ns: 'sw', bridge: 'br0', ports: ['p2'] });
    expect(ofType(rec.events, 'fdb-learn').map((e) => e.port)).toEqual(['p1', 'p2']);
    const lookups = ofType(rec.events, 'fdb-lookup');
    expect(lookups.some((e) => e.port === 'p1')).toBe(true);
    expect(ofType(rec.events, 'neigh').map((e) => `${e.ns} ${e.ip} ${e.state}`)).toEqual(['n1 10.0.0.2 INCOMPLETE', 'n2 10.0.0.1 STALE', 'n1 10.0.0.2 REACHABLE', 'n2 10.0.0.1 DELAY']);
    expect(ofType(rec.events, 'deliver').some((e) => e.ns === 'n2' && e.proto === 'icmp')).toBe(true);
    expect(ofType(rec.events, 'drop')).toEqual([]);
  });

  it('every event carries virtual time in order, and packet ids link copies to their parent', () => {
    const { sh, rec } = bridgeWorld();
    sh.run('ip netns exec n1 ping -c 2 -W 1 10.0.0.2');
    const times = rec.events.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const rcv = ofType(rec.events, 'rcv').filter((e) => e.ns === 'sw' && e.summary.startsWith('ARP'));
    expect(rcv.length).toBeGreaterThan(0);
  });

  it('names the kernel drop reason: TTL exceeded, no forwarding, unresolved neighbour, port down', () => {
    const { sh, rec } = bridgeWorld();
    sh.run('ip -n sw link set p2 down');
    expect(sh.run('ip netns exec n1 ping -c 1 -W 5 10.0.0.2').exitCode).toBe(1);
    const reasons = ofType(rec.events, 'drop').map((e) => e.reason);
    expect(reasons).toContain('NEIGH_FAILED');
    rec.clear();
    sh.run('ip -n n1 route add 10.9.0.0/16 via 10.0.0.2');
    sh.run('ip -n sw link set p2 up');
    sh.run('ip -n n1 neigh flush all');
    expect(sh.run('ip netns exec n1 ping -c 1 -W 1 10.9.1.1').exitCode).toBe(1);
    expect(ofType(rec.events, 'drop').map((e) => e.reason)).toContain('IP_INADDRERRORS');
    rec.clear();
    sh.run('ip netns exec n2 sysctl -w net.ipv4.ip_forward=1');
    sh.run('ip -n n2 route add 10.9.0.0/16 via 10.0.0.1');
    const r = sh.run('ip netns exec n1 ping -c 1 -W 1 -t 1 10.9.1.1');
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('From 10.0.0.2 icmp_seq=1 Time to live exceeded');
    expect(ofType(rec.events, 'drop').map((e) => e.reason)).toContain('IP_INHDR');
  });

  it('fragments a big ping on a small MTU and reassembles it at the far end', () => {
    const { sh, rec } = bridgeWorld();
    const r = sh.run('ip netns exec n1 ping -c 1 -W 1 -M dont -s 3000 10.0.0.2');
    expect(r.exitCode).toBe(0);
    expect(ofType(rec.events, 'fragment')[0]).toMatchObject({ ns: 'n1', mtu: 1500, count: 3 });
    expect(ofType(rec.events, 'reassembled').map((e) => e.ns)).toEqual(['n2', 'n1']);
  });

  it('a TCP connect to a closed port is answered with RST (nc exit 1), to a listener it succeeds', () => {
    const { sh } = bridgeWorld();
    const refused = sh.run('ip netns exec n1 nc -z -w 1 10.0.0.2 80');
    expect(refused).toEqual({ exitCode: 1, output: 'nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection refused\n' });
    expect(sh.run('ip netns exec n2 nc -lk 80 &').exitCode).toBe(0);
    expect(sh.run('ip netns exec n1 nc -z -v -w 1 10.0.0.2 80')).toEqual({ exitCode: 0, output: 'Connection to 10.0.0.2 80 port [tcp/*] succeeded!\n' });
  });

  it('ARP states: INCOMPLETE while probing, FAILED after three probes, and REACHABLE turns STALE', () => {
    const { sh } = bridgeWorld();
    sh.run('ip netns exec n1 ping -c 1 -W 1 10.0.0.99');
    expect(sh.run('ip -n n1 neigh show').output).toBe('10.0.0.99 dev eth0 INCOMPLETE \n');
    sh.run('sleep 3');
    expect(sh.run('ip -n n1 neigh show').output).toBe('10.0.0.99 dev eth0 FAILED \n');
    sh.run('ip -n n1 neigh flush all');
    sh.run('ip netns exec n1 ping -c 1 -W 1 10.0.0.2');
    expect(sh.run('ip -n n1 neigh show').output).toMatch(/^10\.0\.0\.2 dev eth0 lladdr [0-9a-f:]{17} REACHABLE \n$/);
    sh.run('sleep 46');
    expect(sh.run('ip -n n1 neigh show').output).toMatch(/STALE \n$/);
  });
});
