/**
 * Several Docker hosts in one world (scenarios/docker-swarm-overlay.sh): namespaces that share
 * a label on different hosts ("1-<id>" on every swarm node) are told apart by their host, in
 * the topology and in trace events; the Docker view draws each host as a box with its
 * containers and its overlay namespace, the overlay as a band between them and the VXLAN
 * tunnel between the hosts' underlay addresses; the timeline wraps the frame on the sending
 * host's vxlan0 and moves the outer packet out of its eth0.
 */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { createEngineSession } from '../../src/api/session.ts';
import { normalizeTopology } from '../../src/ui/names.ts';
import { Timeline } from '../../src/ui/timeline.ts';
import { deviceNodeId, topologyElements } from '../../src/ui/topology-graph.ts';
import { drawingFor } from '../../src/ui/views.ts';
import swarmScenario from '../../scenarios/docker-swarm-overlay.sh?raw';

const lines = swarmScenario.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
const session = createEngineSession(1);
const timeline = new Timeline();
for (const line of lines) {
  const r = session.exec(line);
  timeline.add(line, 'test', r.exitCode, r.events ?? []);
}
const topology = normalizeTopology(session.topology());
const sandbox = topology.namespaces.find((ns) => ns.name.startsWith('1-'))!.name.replace(/@.*$/, '');

describe('namespaces with one label on two hosts', () => {
  it('are named label@host in the topology, with references to them', () => {
    const names = topology.namespaces.map((ns) => ns.name);
    expect(names).toEqual(expect.arrayContaining(['lan', 'host1', 'host2', 'web@host1', 'client@host2', `${sandbox}@host1`, `${sandbox}@host2`]));
    expect(new Set(names).size).toBe(names.length);
    const client = topology.namespaces.find((ns) => ns.name === 'client@host2')!;
    expect(client.devices.find((d) => d.name === 'eth0')!.peer!.netns).toBe(`${sandbox}@host2`);
    expect(topology.docker!.containers.find((c) => c.name === 'web')!.netns).toBe('web@host1');
  });

  it('are told apart in trace events, hop by hop', () => {
    const ping = timeline.commands.find((c) => c.line.endsWith('docker exec client ping -c 1 -W 1 web'))!;
    const events = timeline.events.slice(ping.first, ping.end);
    const request = events.filter((e) => e.kind === 'icmp' && (e.event.type === 'rcv' || e.event.type === 'xmit')).map((e) => `${e.event.type}@${e.ns}`);
    expect(request.slice(0, 3)).toEqual(['xmit@client@host2', `rcv@${sandbox}@host2`, `xmit@${sandbox}@host2`]);
    expect(request).toEqual(expect.arrayContaining([`rcv@${sandbox}@host1`, 'rcv@web@host1', 'xmit@web@host1']));
    const decaps = events.filter((e) => e.event.type === 'decap').map((e) => e.ns);
    expect(decaps).toEqual([`${sandbox}@host1`, `${sandbox}@host2`]);
  });

  it('wraps the frame on the vxlan0 it left by, and sends the outer packet out of that host', () => {
    const encap = timeline.events.find((e) => e.event.type === 'encap')!;
    expect(encap.ns).toBe('host2');
    expect(encap.at).toEqual({ ns: `${sandbox}@host2`, dev: 'vxlan0' });
    const out = timeline.events.find((e) => e.key === encap.key && e.event.type === 'xmit')!;
    expect(out.at).toEqual({ ns: 'host2', dev: 'eth0' });
    expect(out.from).toEqual({ ns: `${sandbox}@host2`, dev: 'vxlan0' });
  });

  it('gives each its own tables', () => {
    expect(session.tables(`${sandbox}@host2`).fdb).toContain('dst 192.168.1.11');
    expect(session.tables(`${sandbox}@host1`).fdb).toContain('dst 192.168.1.12');
  });
});

describe('the Docker view of two hosts', () => {
  const drawing = drawingFor(topology, 'docker');
  const elements = topologyElements(drawing.namespaces, drawing.extras);
  const byId = new Map(elements.map((e) => [e.data.id, e]));

  it('draws each host as a box named with its underlay address, holding its containers and overlay namespace', () => {
    expect(byId.get('ns:host1')?.data.label).toBe('host1 · 192.168.1.11');
    expect(byId.get('ns:host2')?.data.label).toBe('host2 · 192.168.1.12');
    expect(byId.get('ns:web@host1')?.data.parent).toBe('ns:host1');
    expect(byId.get('ns:client@host2')?.data.parent).toBe('ns:host2');
    expect(byId.get(`ns:${sandbox}@host1`)?.data.parent).toBe('ns:host1');
    expect(byId.get(`ns:${sandbox}@host2`)?.data.parent).toBe('ns:host2');
    expect(String(byId.get('ns:lan')?.data.parent ?? '')).toBe('');
    // Cytoscape takes the definitions' position objects as its own: give it copies.
    const cy = cytoscape({ headless: true, elements: structuredClone(elements) });
    expect(cy.getElementById('ns:host1').descendants('.namespace').map((n) => n.id()).sort()).toEqual([`ns:${sandbox}@host1`, 'ns:web@host1']);
    cy.destroy();
  });

  it('wires containers straight to the overlay br0 and to docker_gwbridge, with the overlay MTU', () => {
    const edges = elements.filter((e) => e.group === 'edges');
    const linked = (a: string, b: string) => edges.some((e) => (e.data.source === a && e.data.target === b) || (e.data.source === b && e.data.target === a));
    expect(linked(deviceNodeId('client@host2', 'eth0'), deviceNodeId(`${sandbox}@host2`, 'br0'))).toBe(true);
    expect(linked(deviceNodeId('client@host2', 'eth1'), deviceNodeId('host2', 'docker_gwbridge'))).toBe(true);
    expect(drawing.extras.deviceLabels?.get(deviceNodeId('client@host2', 'eth0'))).toContain('mtu 1450');
  });

  it('draws the overlay as a band between its namespaces and the VXLAN tunnel between the underlay addresses', () => {
    const band = elements.find((e) => String(e.classes).includes('overlay-band'))!;
    expect([band.data.source, band.data.target]).toEqual([`ns:${sandbox}@host1`, `ns:${sandbox}@host2`]);
    expect(band.data.label).toBe('overlay app-net · 10.0.1.0/24');
    const tunnel = elements.find((e) => String(e.classes).includes('host-tunnel'))!;
    expect([tunnel.data.source, tunnel.data.target]).toEqual([deviceNodeId('host1', 'eth0'), deviceNodeId('host2', 'eth0')]);
    expect(tunnel.data.label).toContain('192.168.1.11 ⇄ 192.168.1.12');
    expect(tunnel.data.label).toContain('VXLAN 4097');
    expect(elements.some((e) => e.data.id === `encap:${deviceNodeId(`${sandbox}@host1`, 'vxlan0')}` && e.data.target === deviceNodeId('host1', 'eth0'))).toBe(true);
  });

  it('shows every event of the ping somewhere, the sandbox ports on their br0', () => {
    const ping = timeline.commands.find((c) => c.line.endsWith('docker exec client ping -c 1 -W 1 web'))!;
    for (const e of timeline.events.slice(ping.first, ping.end)) {
      if (e.at) expect(drawing.locate(e.at.ns, e.at.dev), `${e.event.type} at ${e.at.ns}/${e.at.dev}`).toBeDefined();
    }
    const port = topology.namespaces.find((ns) => ns.name === `${sandbox}@host2`)!.devices.find((d) => d.kind === 'veth')!;
    expect(drawing.locate(`${sandbox}@host2`, port.name)).toBe(deviceNodeId(`${sandbox}@host2`, 'br0'));
  });

  it('keeps the hosts side by side, every device inside its own host, the LAN between them', () => {
    const at = (id: string) => elements.find((e) => e.data.id === id)!.position!;
    expect(at(deviceNodeId('host1', 'eth0')).x).toBeLessThan(at(deviceNodeId('host2', 'eth0')).x);
    const xs = (ns: string) => elements.filter((e) => e.group === 'nodes' && String(e.data.id).startsWith(`dev:${ns}`)).map((e) => e.position!.x);
    const host1 = [...xs('host1/'), ...xs('web@host1/'), ...xs(`${sandbox}@host1/`)];
    const host2 = [...xs('host2/'), ...xs('client@host2/'), ...xs(`${sandbox}@host2/`)];
    expect(Math.max(...host1)).toBeLessThan(Math.min(...host2));
    // The LAN switch between them, level with their eth0s.
    expect(at(deviceNodeId('lan', 'br0')).x).toBeGreaterThan(at(deviceNodeId('host1', 'eth0')).x);
    expect(at(deviceNodeId('lan', 'br0')).x).toBeLessThan(at(deviceNodeId('host2', 'eth0')).x);
    expect(at(deviceNodeId('lan', 'br0')).y).toBe(at(deviceNodeId('host1', 'eth0')).y);
  });
});
