/**
 * The page's pure parts, without a browser: namespaces to Cytoscape elements (checked in a
 * headless Cytoscape too) and the store's reducer.
 */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { DeviceSummary, NamespaceSummary } from '../../src/api/types.ts';
import { MAX_TERMINAL_LINES, initialState, reducer, type AppState } from '../../src/ui/store.ts';
import { deviceNodeId, layoutTopology, topologyElements } from '../../src/ui/topology-graph.ts';

let ifindex = 0;
function device(name: string, kind: DeviceSummary['kind'], extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    ifindex: ++ifindex,
    name,
    kind,
    up: true,
    operState: kind === 'loopback' ? 'UNKNOWN' : 'UP',
    mtu: kind === 'loopback' ? 65536 : 1500,
    mac: '02:00:00:00:00:01',
    addresses: [],
    ...extra,
  };
}

/** The default scenario's world: c1 and c2 on br0 in host, plus an untouched root namespace. */
const world: NamespaceSummary[] = [
  { name: '', devices: [device('lo', 'loopback', { up: false, operState: 'DOWN' })] },
  {
    name: 'host',
    devices: [
      device('lo', 'loopback'),
      device('br0', 'bridge', { addresses: ['10.0.0.1/24'] }),
      device('veth-c1', 'veth', { master: 'br0', peer: { netns: 'c1', device: 'eth0' } }),
      device('veth-c2', 'veth', { master: 'br0', peer: { netns: 'c2', device: 'eth0' }, up: false, operState: 'DOWN' }),
    ],
  },
  { name: 'c1', devices: [device('lo', 'loopback'), device('eth0', 'veth', { addresses: ['10.0.0.2/24'], peer: { netns: 'host', device: 'veth-c1' } })] },
  {
    name: 'c2',
    devices: [
      device('lo', 'loopback'),
      device('eth0', 'veth', { addresses: ['10.0.0.3/24'], peer: { netns: 'host', device: 'veth-c2' }, operState: 'LOWERLAYERDOWN' }),
    ],
  },
];

describe('topologyElements', () => {
  const elements = topologyElements(world);
  const byId = new Map(elements.map((element) => [element.data.id, element]));

  it('draws each namespace as a compound node around its devices', () => {
    expect(byId.get('ns:')?.data.label).toBe('(root)');
    expect(byId.get('ns:host')?.data.label).toBe('host');
    expect(byId.get(deviceNodeId('c1', 'eth0'))?.data.parent).toBe('ns:c1');
    expect(byId.get(deviceNodeId('c1', 'eth0'))?.data.label).toBe('eth0\n10.0.0.2/24');
  });

  it('links veth ends once per pair and bridge ports to their bridge', () => {
    const edges = elements.filter((element) => element.group === 'edges');
    expect(edges.map((edge) => [edge.classes, edge.data.source, edge.data.target])).toEqual([
      ['port up', 'dev:host/veth-c1', 'dev:host/br0'],
      ['port down', 'dev:host/veth-c2', 'dev:host/br0'],
      ['veth up', 'dev:c1/eth0', 'dev:host/veth-c1'],
      ['veth down', 'dev:c2/eth0', 'dev:host/veth-c2'],
    ]);
  });

  it('draws a port without carrier as a link that is down', () => {
    const noCarrier: NamespaceSummary[] = [
      {
        name: 'sw',
        devices: [
          device('br0', 'bridge'),
          device('p1', 'veth', { master: 'br0', operState: 'LOWERLAYERDOWN', peer: { netns: 'n1', device: 'eth0' } }),
        ],
      },
      { name: 'n1', devices: [device('eth0', 'veth', { up: false, operState: 'DOWN', peer: { netns: 'sw', device: 'p1' } })] },
    ];
    const port = topologyElements(noCarrier).find((element) => element.data.id === 'port:dev:sw/p1');
    expect(port?.classes).toBe('port down');
  });

  it('colours devices by state: up, up without carrier, down', () => {
    expect(byId.get('dev:host/br0')?.classes).toBe('device bridge up');
    expect(byId.get('dev:c2/eth0')?.classes).toBe('device veth no-carrier');
    expect(byId.get('dev:host/veth-c2')?.classes).toBe('device veth down');
    expect(byId.get('dev:/lo')?.classes).toBe('device loopback down');
  });

  it('loads into a headless Cytoscape with the same structure', () => {
    const cy = cytoscape({ headless: true, elements });
    expect(cy.nodes('.namespace').map((node) => node.id())).toEqual(['ns:', 'ns:host', 'ns:c1', 'ns:c2']);
    expect(cy.getElementById('ns:host').children().map((node) => node.id())).toEqual([
      'dev:host/lo',
      'dev:host/br0',
      'dev:host/veth-c1',
      'dev:host/veth-c2',
    ]);
    expect(cy.edges().length).toBe(4);
    cy.destroy();
  });

  it('ignores a veth whose peer namespace is not listed', () => {
    const orphan: NamespaceSummary[] = [{ name: 'a', devices: [device('x', 'veth', { peer: { netns: 'gone', device: 'y' } })] }];
    expect(topologyElements(orphan).filter((element) => element.group === 'edges')).toEqual([]);
  });
});

describe('layoutTopology', () => {
  const at = layoutTopology(world);
  const point = (ns: string, dev: string) => at.get(deviceNodeId(ns, dev))!;

  it('puts the bridge on top, its ports under it and the containers below', () => {
    expect(point('host', 'br0').y).toBeLessThan(point('host', 'veth-c1').y);
    expect(point('host', 'veth-c1').y).toBeLessThan(point('c1', 'eth0').y);
    expect(point('c1', 'eth0').x).toBeLessThan(point('c2', 'eth0').x);
    expect(point('host', 'veth-c1').x).toBeLessThan(point('host', 'veth-c2').x);
  });

  it('places every device, none on top of another', () => {
    const points = world.flatMap((ns) => ns.devices.map((d) => point(ns.name, d.name)));
    expect(points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(new Set(points.map((p) => `${p.x},${p.y}`)).size).toBe(points.length);
  });

  it('is deterministic', () => {
    expect(layoutTopology(world)).toEqual(at);
  });
});

describe('store reducer', () => {
  const typed = (state: AppState, line: string) => reducer(state, { type: 'command-typed', line });

  it('records a typed command in the terminal and the history, without repeating the last one', () => {
    let state = typed(initialState, 'ip netns add a');
    state = typed(state, 'ip netns add a');
    state = typed(state, 'ip netns list');
    expect(state.history).toEqual(['ip netns add a', 'ip netns list']);
    expect(state.lines).toHaveLength(3);
  });

  it('shows the exit code only when it is not zero', () => {
    let state = reducer(initialState, { type: 'command-finished', result: { exitCode: 0, stdout: 'a\n' } });
    state = reducer(state, { type: 'command-finished', result: { exitCode: 127, stdout: 'bash: x: command not found\n' } });
    expect(state.lines).toEqual([
      { kind: 'output', text: 'a' },
      { kind: 'output', text: 'bash: x: command not found' },
      { kind: 'exit', code: 127 },
    ]);
  });

  it('shows a script step by step, with file and line, and its error', () => {
    const state = reducer(initialState, {
      type: 'script-finished',
      fileName: 'scenarios/x.sh',
      result: { steps: [{ line: 3, command: 'ip netns add a', exitCode: 0, stdout: '' }], error: 'scenarios/x.sh:5: bad' },
    });
    expect(state.lines).toEqual([
      { kind: 'command', text: 'ip netns add a', source: 'scenarios/x.sh:3' },
      { kind: 'error', text: 'scenarios/x.sh:5: bad' },
    ]);
  });

  it('keeps at most MAX_TERMINAL_LINES lines', () => {
    let state = initialState;
    for (let i = 0; i < MAX_TERMINAL_LINES + 10; i++) state = reducer(state, { type: 'note', text: String(i) });
    expect(state.lines).toHaveLength(MAX_TERMINAL_LINES);
    expect(state.lines[0]).toEqual({ kind: 'note', text: '10' });
  });
});
