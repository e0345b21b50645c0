/**
 * Bridge versus overlay, without a browser: the two worlds of scenarios/docker-bridge-vs-overlay.sh
 * (the same container names on the machine's bridge network and on the swarm's overlay), the
 * commands of a conversation in each, and what each conversation did, read from its events.
 * Also: frames that arrive at one instant (a flood's copies) move as one group.
 */
import { describe, expect, it } from 'vitest';
import { createEngineSession } from '../../src/api/session.ts';
import { conversationCommand, conversationOf, factsOf, findWorlds, outcomeOf } from '../../src/ui/compare.ts';
import { normalizeTopology } from '../../src/ui/names.ts';
import { Timeline } from '../../src/ui/timeline.ts';
import { drawingFor } from '../../src/ui/views.ts';
import scenario from '../../scenarios/docker-bridge-vs-overlay.sh?raw';

const commands = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
const session = createEngineSession(1);
// The worlds only: the scenario's own conversations are run below, one by one.
for (const line of commands(scenario).filter((l) => !/docker exec client/.test(l))) expect(session.exec(line).exitCode, line).toBe(0);
const topology = normalizeTopology(session.topology());
const worlds = findWorlds(topology);

function converse(line: string) {
  const r = session.exec(line);
  const timeline = new Timeline();
  timeline.add(line, 'test', r.exitCode, r.events ?? [], r.stdout);
  return { r, timeline };
}

describe('the two worlds', () => {
  it('finds the bridge pair on the machine and the overlay pair across host1 and host2', () => {
    expect(worlds.bridge).toMatchObject({ host: '', hosts: [''], network: { name: 'shop', driver: 'bridge' }, client: { name: 'client', netns: 'client' }, server: { name: 'web', netns: 'web' } });
    expect(worlds.overlay).toMatchObject({ host: 'host2', hosts: ['host1', 'host2'], network: { name: 'shop', driver: 'overlay' }, client: { netns: 'client@host2' }, server: { netns: 'web@host1' } });
  });

  it('runs a conversation as typed on the machine, and knows it again', () => {
    expect(conversationCommand(worlds.bridge!, 'ping')).toBe('docker exec client ping -c 1 -W 1 web');
    expect(conversationCommand(worlds.overlay!, 'http')).toBe('ip netns exec host2 docker exec client wget -qO- http://web/');
    expect(conversationCommand(worlds.overlay!, 'mtu')).toBe('ip netns exec host2 docker exec client ping -c 1 -W 1 -M do -s 1472 web');
    expect(conversationOf('ip netns exec host2 docker exec client wget -qO- http://web/', worlds)).toEqual({ world: 'overlay', conversation: 'http' });
    expect(conversationOf('docker exec client ping -c 1 -W 1 web', worlds)).toEqual({ world: 'bridge', conversation: 'ping' });
    expect(conversationOf('ip link', worlds)).toBeUndefined();
  });
});

describe('what a conversation did', () => {
  const stand = (hosts: readonly string[]) => {
    const drawing = drawingFor(topology, 'docker', { hosts });
    return (ns: string, dev: string) => {
      const id = drawing.locate(ns, dev);
      return id?.startsWith('dev:') ? id.slice(id.lastIndexOf('/') + 1) : dev;
    };
  };

  it('on the bridge: three places, no wrapping, MTU 1500, the events in the machine\'s containers', () => {
    const { r, timeline } = converse(conversationCommand(worlds.bridge!, 'ping'));
    // Same names on host2 and host1: these events are the machine's own containers'.
    expect(new Set(timeline.events.map((e) => e.ns))).toEqual(new Set(['client', '', 'web']));
    const facts = factsOf(timeline, 0, timeline.length, topology, worlds.bridge!, stand(['']));
    expect(facts.path.map((h) => h.place)).toEqual(['client eth0', `host ${topology.docker!.networks.find((n) => n.name === 'shop' && n.driver === 'bridge')!.bridge}`, 'web eth0']);
    expect(facts.encap).toBeUndefined();
    expect(facts).toMatchObject({ mtu: 1500, innerBytes: 98, wireBytes: 98 });
    expect(outcomeOf('ping', r.exitCode, r.stdout)).toMatch(/1 packets received/);
  });

  it('on the overlay: wrapped on host2, across the LAN, unwrapped on host1, 50 bytes more, MTU 1450', () => {
    const { timeline } = converse(conversationCommand(worlds.overlay!, 'ping'));
    const facts = factsOf(timeline, 0, timeline.length, topology, worlds.overlay!, stand(['host1', 'host2']));
    expect(facts.path.map((h) => `${h.place}${h.mark ? ` (${h.mark})` : ''}`)).toEqual([
      'client eth0',
      'host2 overlay br0',
      'host2 overlay vxlan0 (wrap)',
      'host2 eth0',
      'lan p2',
      'lan p1',
      'host1 eth0',
      'host1 overlay vxlan0 (unwrap)',
      'host1 overlay br0',
      'web eth0',
    ]);
    expect(facts.encap).toMatchObject({ vni: 4097, dport: 4789, outerSrc: '192.168.50.12', outerDst: '192.168.50.11' });
    expect(facts).toMatchObject({ mtu: 1450, innerBytes: 98, wireBytes: 148 });
  });

  it('a full-size ping: fits the bridge, too long for the overlay', () => {
    const bridge = converse(conversationCommand(worlds.bridge!, 'mtu'));
    const overlay = converse(conversationCommand(worlds.overlay!, 'mtu'));
    expect(bridge.r.exitCode).toBe(0);
    expect(factsOf(bridge.timeline, 0, bridge.timeline.length, topology, worlds.bridge!).innerBytes).toBe(1514);
    expect(outcomeOf('mtu', overlay.r.exitCode, overlay.r.stdout)).toBe('ping: local error: message too long, mtu=1450');
    expect(factsOf(overlay.timeline, 0, overlay.timeline.length, topology, worlds.overlay!).path).toEqual([]);
  });
});

describe('frames arriving at one instant', () => {
  const s = createEngineSession(1);
  s.exec('docker network create many');
  for (let i = 1; i <= 8; i++) s.exec(`docker run -d --name m${i} --network many alpine sleep 1000`);
  const line = 'docker exec m1 ping -c 1 -W 1 m5';
  const r = s.exec(line);
  const timeline = new Timeline();
  timeline.add(line, 'test', r.exitCode, r.events ?? []);

  it('move as one group: the flood fans out at once, and its copies reach the containers at once', () => {
    const groups = timeline.groups.map((g) => timeline.events.slice(g.start, g.end));
    const fanOut = groups.find((g) => g.filter((e) => e.event.type === 'xmit' && e.ns === '' && e.from).length > 1)!;
    expect(fanOut.filter((e) => e.event.type === 'xmit').length).toBe(7);
    const arrivals = groups.filter((g) => g.filter((e) => e.event.type === 'rcv' && e.from && e.ns.startsWith('m')).length > 1);
    expect(arrivals.length).toBeGreaterThan(0);
    // Every copy arrives in one of them, before the reply leaves.
    const arrived = arrivals.flat().filter((e) => e.event.type === 'rcv' && e.kind === 'arp').map((e) => e.ns);
    expect(arrived.length + 1).toBeGreaterThanOrEqual(7);
    const reply = timeline.events.find((e) => e.event.type === 'xmit' && e.ns === 'm5' && e.kind === 'arp')!;
    const m5 = timeline.events.find((e) => e.event.type === 'rcv' && e.ns === 'm5' && e.kind === 'arp')!;
    expect(m5.group).toBeLessThan(reply.group);
    for (const g of arrivals) expect(g.some((e) => e.event.type === 'xmit')).toBe(false);
  });

  it('covers every event exactly once', () => {
    expect(timeline.groups.reduce((n, g) => n + g.end - g.start, 0)).toBe(timeline.length);
    timeline.events.forEach((e) => expect(timeline.groups[e.group].start <= e.index && e.index < timeline.groups[e.group].end).toBe(true));
  });
});
