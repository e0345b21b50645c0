/**
 * The page's pure parts, without a browser: namespaces to Cytoscape elements (checked in a
 * headless Cytoscape too) and the store's reducer.
 */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { DeviceSummary, NamespaceSummary } from '../../src/api/types.ts';
import { initialState, reducer, type AppState } from '../../src/ui/store.ts';
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
  const topology = (names: string[]): AppState['topology'] => ({ namespaces: names.map((name) => ({ name, devices: [] })), docker: null });

  it('keeps the selected namespace and terminal target while they exist, else falls back to the host', () => {
    let state = reducer(initialState, { type: 'topology', topology: topology(['', 'c1']) });
    state = reducer(state, { type: 'select-namespace', ns: 'c1' });
    state = reducer(state, { type: 'target', target: { kind: 'netns', name: 'c1' } });
    expect(reducer(state, { type: 'topology', topology: topology(['', 'c1', 'c2']) })).toMatchObject({ selectedNs: 'c1', target: { kind: 'netns', name: 'c1' } });
    expect(reducer(state, { type: 'topology', topology: topology(['']) })).toMatchObject({ selectedNs: '', target: { kind: 'host' } });
  });

  it('follows the world to the Docker view until the user picks one', () => {
    const docker: AppState['topology'] = {
      namespaces: [{ name: '', devices: [] }],
      docker: { networks: [], containers: [{ id: 'x', name: 'web', image: 'nginx', state: 'running', netns: 'web', endpoints: [], ports: '' }] },
    };
    expect(reducer(initialState, { type: 'topology', topology: docker }).view).toBe('docker');
    const chosen = reducer(initialState, { type: 'view', view: 'kernel' });
    expect(reducer(chosen, { type: 'topology', topology: docker }).view).toBe('kernel');
  });

  it('counts scenario steps', () => {
    const scenario = { name: 's.sh', text: 'a\nb\n', narrative: { intro: [], steps: [] }, next: 0 };
    let state = reducer(initialState, { type: 'scenario-error', error: 'x' });
    state = reducer(state, { type: 'scenario-loaded', scenario });
    expect(state.scenarioError).toBeNull();
    expect(reducer(state, { type: 'scenario-step-done' }).scenario?.next).toBe(1);
  });
});
