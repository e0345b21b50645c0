import { describe, expect, it } from 'vitest';
import { createEngineSession, tablesAt } from '../../src/api/session.ts';

const SETUP = [
  'ip netns add host',
  'ip netns add c1',
  'ip netns add c2',
  'ip -n host link add br0 type bridge',
  'ip -n host link set br0 up',
  'ip -n host link add v1 type veth peer name eth0 netns c1',
  'ip -n host link add v2 type veth peer name eth0 netns c2',
  'ip -n host link set v1 master br0',
  'ip -n host link set v2 master br0',
  'ip -n host link set v1 up',
  'ip -n host link set v2 up',
  'ip -n c1 addr add 10.0.0.2/24 dev eth0',
  'ip -n c2 addr add 10.0.0.3/24 dev eth0',
  'ip -n c1 link set eth0 up',
  'ip -n c2 link set eth0 up',
];
const PING = 'ip netns exec c1 ping -c 1 -W 1 10.0.0.3';

describe('tables at an earlier event', () => {
  it('replays the world to the instant of an event: ARP and FDB entries appear when their frames do', () => {
    const live = createEngineSession(1);
    for (const l of SETUP) live.exec(l);
    const events = live.exec(PING).events ?? [];
    const lines = [...SETUP, PING];
    // c2 takes in c1's ARP request and learns c1's address from it (a STALE entry).
    const learn = events.findIndex((e) => e.type === 'neigh' && e.ns === 'c2');
    expect(learn).toBeGreaterThan(0);
    expect(tablesAt('c2', 1, lines, learn).neighbours).not.toContain('10.0.0.2');
    expect(tablesAt('c2', 1, lines, learn + 1).neighbours).toMatch(/^10\.0\.0\.2 dev eth0 lladdr \S+ STALE/);
    // The bridge learnt c1's MAC on v1 when the request crossed it, c2's only with the reply.
    const reply = events.findIndex((e) => e.type === 'rcv' && e.ns === 'host' && 'dev' in e && e.dev === 'v2');
    const fdbEarly = tablesAt('host', 1, lines, reply).fdb;
    expect(fdbEarly).toMatch(/ dev v1 master br0 \n/);
    expect(fdbEarly).not.toMatch(/ dev v2 master br0 \n/);
    expect(tablesAt('host', 1, lines, reply + 2).fdb).toMatch(/ dev v2 master br0 \n/);
    // Before the command's first event: the state the setup left; after its last: the live state.
    expect(tablesAt('c1', 1, lines, 0).neighbours).toBe('');
    expect(tablesAt('c1', 1, lines, events.length)).toEqual(live.tables('c1'));
  });
});
