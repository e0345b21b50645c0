/**
 * The page's pure parts that read engine output: the frame decoder and pcap writer, the
 * timeline (where frames move, flood groups, a packet's journey), the two views of a world,
 * and a scenario's narrative. Fed by a real engine session, so they follow the engine's bytes.
 */
import { describe, expect, it } from 'vitest';
import { createEngineSession } from '../../src/api/session.ts';
import type { TraceEvent } from '../../src/api/types.ts';
import { decodeFrame, packetKind } from '../../src/ui/decode/frame.ts';
import { LINKTYPE_ETHERNET, PCAP_MAGIC, writePcap } from '../../src/ui/decode/pcap.ts';
import { narrativeOf } from '../../src/ui/scenarios.ts';
import { Timeline } from '../../src/ui/timeline.ts';
import { drawingFor } from '../../src/ui/views.ts';
import { topologyElements } from '../../src/ui/topology-graph.ts';
import defaultScenario from '../../scenarios/default.sh?raw';
import overlayScenario from '../../scenarios/bridge-vs-overlay.sh?raw';

function commands(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** Runs a scenario; returns the session and each command's events. */
function run(text: string) {
  const session = createEngineSession(1);
  const results = commands(text).map((line) => ({ line, ...session.exec(line) }));
  return { session, results };
}

const defaultWorld = run(defaultScenario);
const pingEvents = defaultWorld.results.find((r) => r.line.includes('ping -c 1 -W 1 10.0.0.3'))!.events!;
const frames = pingEvents.filter((e): e is Extract<TraceEvent, { type: 'xmit' }> => e.type === 'xmit');

describe('decodeFrame', () => {
  it('reads an ARP request field by field, with byte offsets', () => {
    const arp = frames.find((f) => f.summary.startsWith('ARP, Request'))!;
    const layers = decodeFrame(arp.bytes);
    expect(layers.map((l) => l.name)).toEqual(['Ethernet II', 'ARP']);
    expect(layers[0].fields.find((f) => f.name === 'Destination')).toMatchObject({ value: 'ff:ff:ff:ff:ff:ff', offset: 0, length: 6 });
    expect(layers[1].summary).toBe('ARP, who has 10.0.0.3? Tell 10.0.0.2');
    expect(layers[1].fields.find((f) => f.name === 'Target IP')).toMatchObject({ value: '10.0.0.3', offset: 38, length: 4 });
    expect(packetKind(arp.bytes)).toBe('arp');
  });

  it('reads an ICMP echo request down to its payload', () => {
    const echo = frames.find((f) => f.summary.includes('ICMP echo request'))!;
    const layers = decodeFrame(echo.bytes);
    expect(layers.map((l) => l.name)).toEqual(['Ethernet II', 'IPv4', 'ICMP', 'Data']);
    expect(layers[1].fields.find((f) => f.name === 'Source')).toMatchObject({ value: '10.0.0.2', offset: 26, length: 4 });
    expect(layers[2].summary).toMatch(/^ICMP, Echo request, id \d+, seq 1$/);
    expect(packetKind(echo.bytes)).toBe('icmp');
  });

  it('unwraps VXLAN into the inner frame', () => {
    const { results } = run(overlayScenario);
    const outer = results.flatMap((r) => r.events!).find((e): e is Extract<TraceEvent, { type: 'xmit' }> => e.type === 'xmit' && e.summary.includes('4789'))!;
    const layers = decodeFrame(outer.bytes);
    expect(layers.map((l) => l.name).slice(0, 6)).toEqual(['Ethernet II', 'IPv4', 'UDP', 'VXLAN', 'Ethernet (inner)', 'ARP']);
    expect(layers[3].fields.find((f) => f.name === 'VNI')?.value).toBe('42');
    expect(packetKind(outer.bytes)).toBe('vxlan');
  });

  it('says a frame is too short instead of throwing', () => {
    expect(decodeFrame(new Uint8Array([1, 2, 3]))[0].summary).toContain('truncated');
    const cut = frames.find((f) => f.summary.includes('ICMP echo request'))!.bytes.slice(0, 20);
    expect(decodeFrame(cut).map((l) => l.name)).toEqual(['Ethernet II', 'IPv4']);
  });
});

describe('writePcap', () => {
  it('writes the classic header and one record per frame', () => {
    const bytes = writePcap(frames.slice(0, 2).map((f) => ({ t: f.t, bytes: f.bytes })));
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(PCAP_MAGIC);
    expect(view.getUint16(4, true)).toBe(2);
    expect(view.getUint32(20, true)).toBe(LINKTYPE_ETHERNET);
    expect(view.getUint32(24 + 8, true)).toBe(frames[0].bytes.length);
    expect(bytes.length).toBe(24 + 32 + frames[0].bytes.length + frames[1].bytes.length);
    expect(view.getUint32(24, true) * 1e6 + view.getUint32(28, true)).toBe(Math.floor(frames[0].t / 1000));
  });
});

describe('Timeline', () => {
  const timeline = new Timeline();
  timeline.add('ping', 'test', 0, pingEvents);

  it('moves a received frame from its sender, and a forwarded one through the bridge', () => {
    const rcv = timeline.events.find((e) => e.event.type === 'rcv' && e.ns === 'host')!;
    expect(rcv.from).toEqual({ ns: 'c1', dev: 'eth0' });
    expect(rcv.at).toEqual({ ns: 'host', dev: 'veth-c1' });
    const forwarded = timeline.events.find((e) => e.event.type === 'xmit' && e.ns === 'host')!;
    expect(forwarded.from).toEqual({ ns: 'host', dev: 'veth-c1' });
    expect(forwarded.via).toEqual({ ns: 'host', dev: 'br0' });
    expect(timeline.events.find((e) => e.event.type === 'xmit' && e.ns === 'c1')!.from).toBeUndefined();
  });

  it('colours by what the packet carries and groups every event', () => {
    expect(new Set(timeline.events.filter((e) => e.key !== undefined).map((e) => e.kind))).toEqual(new Set(['arp', 'icmp']));
    const covered = timeline.groups.reduce((n, g) => n + g.end - g.start, 0);
    expect(covered).toBe(timeline.length);
  });

  it('follows a packet hop by hop', () => {
    const request = timeline.events.find((e) => e.event.type === 'rcv' && e.kind === 'icmp' && e.ns === 'c2')!;
    const path = timeline.journey(request.index);
    expect(path.filter((e) => e.event.type === 'xmit' || e.event.type === 'rcv').map((e) => `${e.event.type}@${e.ns}`)).toEqual(['xmit@c1', 'rcv@host', 'xmit@host', 'rcv@c2']);
  });

  it('wraps at one VTEP and unwraps at the other', () => {
    const t = new Timeline();
    for (const r of run(overlayScenario).results) t.add(r.line, 'test', r.exitCode, r.events!);
    const decap = t.events.find((e) => e.event.type === 'decap')!;
    expect(decap.from).toEqual({ ns: 'host2', dev: 'eth0' });
    expect(decap.at).toEqual({ ns: 'host2', dev: 'vxlan42' });
    const underlay = t.events.find((e) => e.event.type === 'xmit' && e.kind === 'vxlan')!;
    expect(underlay.from).toEqual({ ns: 'host1', dev: 'vxlan42' });
    expect(t.innerKindOf(underlay.key)).toBe('arp');
  });
});

describe('drawingFor', () => {
  it('draws every namespace in the kernel view, leaving out an idle root', () => {
    const drawing = drawingFor(defaultWorld.session.topology(), 'kernel');
    expect(drawing.namespaces.map((ns) => ns.name).sort()).toEqual(['c1', 'c2', 'host']);
    expect(drawing.locate('host', 'veth-c1')).toBe('dev:host/veth-c1');
  });

  it('draws containers wired to their network bridge in the Docker view', () => {
    const session = createEngineSession(1);
    for (const line of ['docker run -d --name web nginx', 'docker run -d --name client alpine sleep 1000']) session.exec(line);
    const topology = session.topology();
    if (!topology.docker || topology.docker.containers.length < 2) return; // Docker not in this engine yet
    const drawing = drawingFor(topology, 'docker');
    const web = drawing.namespaces.find((ns) => ns.name === 'web')!;
    expect(web.devices.map((d) => d.name)).toEqual(['eth0']);
    expect(web.devices[0].peer).toEqual({ netns: '', device: 'docker0' });
    expect(drawing.extras.namespaceLabels?.get('web')).toBe('web · nginx');
    expect(drawing.extras.deviceLabels?.get('dev:/docker0')).toContain('network "bridge"');
    const hostVeth = topology.docker.containers.find((c) => c.name === 'web')!.endpoints[0].hostVeth!;
    expect(drawing.locate('', hostVeth)).toBe('dev:/docker0');
    const edges = topologyElements(drawing.namespaces, drawing.extras).filter((e) => e.group === 'edges');
    expect(edges.some((e) => e.data.source === 'dev:web/eth0' && e.data.target === 'dev:/docker0')).toBe(true);
  });

  it('draws a VXLAN tunnel between endpoints with the same VNI', () => {
    const { session } = run(overlayScenario);
    const drawing = drawingFor(session.topology(), 'kernel');
    const edges = topologyElements(drawing.namespaces, drawing.extras).filter((e) => e.group === 'edges');
    expect(edges.find((e) => String(e.classes).startsWith('tunnel'))?.data).toMatchObject({ source: 'dev:host1/vxlan42', target: 'dev:host2/vxlan42', label: 'VXLAN 42' });
  });
});

describe('narrativeOf', () => {
  it('attaches comments to the command below them, the first block being the introduction', () => {
    const text = '# Title\n# more\n\n# make it\nip netns add a\n\nip netns add b\n# then\n\nip -n a link set lo up\n';
    const n = narrativeOf(text, [
      { line: 5, command: 'ip netns add a' },
      { line: 7, command: 'ip netns add b' },
      { line: 10, command: 'ip -n a link set lo up' },
    ]);
    expect(n.intro).toEqual(['Title', 'more']);
    expect(n.steps.map((s) => s.notes)).toEqual([['make it'], [], ['then']]);
  });
});
