/**
 * The two pictures of one world. The kernel view draws every namespace and device. The Docker
 * view draws what `docker network ls` and `docker ps` talk about, host by host: each Docker
 * host (the machine, or a namespace with its own daemon) is a box holding its underlay
 * interface, its Docker bridges (named after their networks), its overlay networks'
 * namespaces (br0 and vxlan0) and its containers, each wired straight to its network; an
 * overlay network is a band between its namespaces on every host, carried by a VXLAN tunnel
 * between the hosts' underlay addresses; the outside world the hosts are linked to (a LAN
 * switch) stands above them. Loopbacks, the host ends of container veths and namespaces
 * Docker did not make are left out. Pure: no DOM.
 */
import type { ElementDefinition } from 'cytoscape';
import type { DeviceSummary, DockerContainerSummary, DockerNetworkSummary, NamespaceSummary, Topology } from '../api/types.ts';
import { layoutDockerScene, type DockerScene } from './docker-layout.ts';
import { hostKey } from './names.ts';
import { deviceNodeId, namespaceNodeId, ROOT_NAMESPACE_LABEL, type DrawingExtras } from './topology-graph.ts';

export type ViewMode = 'docker' | 'kernel';

export interface Drawing {
  readonly mode: ViewMode;
  readonly namespaces: NamespaceSummary[];
  readonly extras: DrawingExtras;
  /**
   * Where a device's events show in this picture: its own node, or what stands for it when
   * it is not drawn (a host veth: its bridge; a loopback: its namespace). Undefined when
   * nothing of it is drawn.
   */
  readonly locate: (namespace: string, device: string | undefined) => string | undefined;
}

/** Trace events name the root namespace "(root)"; summaries name it "". */
export function namespaceFromLabel(label: string): string {
  return label === ROOT_NAMESPACE_LABEL ? '' : label;
}

function containerTitle(c: DockerContainerSummary): string {
  return `${c.name} · ${c.image}${c.state === 'running' ? '' : ` (${c.state})`}`;
}

function bridgeLabel(device: DeviceSummary, network: DockerNetworkSummary): string {
  return [device.name, ...(network.name !== device.name ? [`network "${network.name}"`] : []), ...(network.subnet ? [network.subnet] : device.addresses)].join('\n');
}

export interface DrawingOptions {
  /** Docker view: only these hosts (namespace keys), with what they are wired to. */
  readonly hosts?: readonly string[];
  /** Docker view: only the outside namespaces that join two hosts or more (the LAN between them). */
  readonly sharedOutsideOnly?: boolean;
  /** Docker view: without docker_gwbridge and the containers' interfaces on it (their way out, beside an overlay). */
  readonly hideGateway?: boolean;
}

export function drawingFor(topology: Topology, mode: ViewMode, options: DrawingOptions = {}): Drawing {
  const docker = topology.docker;
  const containers = new Map((docker?.containers ?? []).filter((c) => c.netns !== null).map((c) => [c.netns!, c]));
  const networksByBridge = new Map((docker?.networks ?? []).filter((n) => n.bridge !== null).map((n) => [n.bridge!, n]));
  const namespaceLabels = new Map<string, string>();
  const namespaceClasses = new Map<string, string>();
  const deviceLabels = new Map<string, string>();
  const deviceClasses = new Map<string, string>();
  for (const [netns, c] of containers) {
    namespaceLabels.set(netns, containerTitle(c));
    namespaceClasses.set(netns, `container container-${c.state}`);
  }
  const root = topology.namespaces.find((ns) => ns.name === '');
  if (docker) namespaceLabels.set('', `${ROOT_NAMESPACE_LABEL} host`);
  for (const device of root?.devices ?? []) {
    const network = networksByBridge.get(device.name);
    if (device.kind === 'bridge' && network) {
      deviceLabels.set(deviceNodeId('', device.name), bridgeLabel(device, network));
      deviceClasses.set(deviceNodeId('', device.name), 'docker-bridge');
    }
  }
  const extras: DrawingExtras = { namespaceLabels, namespaceClasses, deviceLabels, deviceClasses };

  if (mode === 'kernel' || !docker) {
    // A root namespace with nothing but its loopback only shrinks the picture: left out
    // while other namespaces exist (it comes back as soon as it gets a device).
    const idle = (ns: NamespaceSummary) => ns.name === '' && ns.devices.every((d) => d.kind === 'loopback');
    const shown = topology.namespaces.length > 1 ? topology.namespaces.filter((ns) => !idle(ns)) : topology.namespaces;
    const drawn = new Set(shown.flatMap((ns) => ns.devices.map((d) => deviceNodeId(ns.name, d.name))));
    const namespaces = new Set(shown.map((ns) => ns.name));
    return {
      mode: 'kernel',
      namespaces: shown,
      extras,
      locate: (ns, device) => {
        if (device !== undefined && drawn.has(deviceNodeId(ns, device))) return deviceNodeId(ns, device);
        return namespaces.has(ns) ? namespaceNodeId(ns) : undefined;
      },
    };
  }

  return dockerDrawing(topology, docker, extras, options);
}

/** The address a host is reached at on its underlay: eth0's, else the first non-bridge interface's. */
function underlayOf(devices: readonly DeviceSummary[], hidden: ReadonlySet<string>): DeviceSummary | undefined {
  const candidates = devices.filter((d) => d.kind !== 'loopback' && d.kind !== 'bridge' && !hidden.has(d.name) && d.addresses.length > 0);
  return candidates.find((d) => d.name === 'eth0') ?? candidates[0];
}

const shortAddress = (cidr: string) => cidr.replace(/\/\d+$/, '');

function dockerDrawing(topology: Topology, docker: NonNullable<Topology['docker']>, base: DrawingExtras, options: DrawingOptions): Drawing {
  const byKey = new Map(topology.namespaces.map((ns) => [ns.name, ns]));
  const order = new Map(topology.namespaces.map((ns, i) => [ns.name, i]));
  const containers = new Map(docker.containers.filter((c) => c.netns !== null && byKey.has(c.netns)).map((c) => [c.netns!, c]));
  // The hosts: every namespace whose daemon has started (each has its local networks).
  const hostSet = new Set<string>();
  for (const n of docker.networks) if (n.host !== undefined && n.host !== null) hostSet.add(hostKey(n.host));
  for (const c of docker.containers) hostSet.add(hostKey(c.host));
  if (options.hosts) for (const h of [...hostSet]) if (!options.hosts.includes(h)) hostSet.delete(h);
  const hosts = [...hostSet].filter((h) => byKey.has(h)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  // An overlay network's namespace on each host is "1-" and the network id's first 10 characters.
  const overlays = new Map(docker.networks.filter((n) => n.driver === 'overlay').map((n) => [`1-${n.id.slice(0, 10)}`, n]));
  const sandboxNetwork = (ns: NamespaceSummary) => (ns.process && !containers.has(ns.name) ? overlays.get(ns.name.replace(/@.*$/, '')) : undefined);
  const parentOf = new Map<string, string>();
  // Containers, overlay networks' namespaces and Docker's other namespaces on a host (the
  // swarm's ingress_sbox) are drawn inside it; other process namespaces (the machine's
  // "internet") stand outside like named ones.
  for (const ns of topology.namespaces) {
    if (!ns.process) continue;
    const c = containers.get(ns.name);
    if (!c && !sandboxNetwork(ns) && !ns.host && !/^ingress_sbox(@|$)/.test(ns.name)) continue;
    const host = c ? hostKey(c.host) : (ns.host ?? '');
    if (hostSet.has(host)) parentOf.set(ns.name, host);
  }
  const isHosted = (key: string) => parentOf.has(key);

  const namespaceLabels = new Map(base.namespaceLabels);
  const namespaceClasses = new Map(base.namespaceClasses);
  const deviceLabels = new Map<string, string>();
  const deviceClasses = new Map<string, string>();
  for (const key of parentOf.keys()) {
    const ns = byKey.get(key)!;
    if (!containers.has(key) && !sandboxNetwork(ns)) namespaceLabels.set(key, key.replace(/@.*$/, ''));
  }

  // A veth whose other end is in a container stands for nothing of its own: the container's
  // interface is drawn wired to the bridge that veth is a port of, and the veth's events show
  // on that bridge.
  const stand = new Map<string, string>();
  const hiddenIn = new Map<string, Set<string>>();
  const kept = new Map<string, DeviceSummary[]>();
  for (const key of [...hosts, ...parentOf.keys()]) {
    const ns = byKey.get(key)!;
    if (containers.has(key)) continue;
    const hidden = new Set<string>();
    for (const d of ns.devices) {
      if (d.kind === 'veth' && d.peer && containers.has(d.peer.netns)) {
        hidden.add(d.name);
        stand.set(deviceNodeId(key, d.name), d.master ? deviceNodeId(key, d.master) : namespaceNodeId(key));
      }
    }
    hiddenIn.set(key, hidden);
    kept.set(key, ns.devices.filter((d) => d.kind !== 'loopback' && !hidden.has(d.name)));
  }

  const bridgeNetworks = new Map<string, DockerNetworkSummary>();
  for (const n of docker.networks) if (n.bridge !== null) bridgeNetworks.set(deviceNodeId(hostKey(n.host ?? undefined), n.bridge), n);

  // Containers: their interfaces, wired straight to the bridge (or overlay br0) behind them.
  for (const [key, c] of containers) {
    if (!isHosted(key)) continue;
    const ns = byKey.get(key)!;
    const devices = ns.devices
      .filter((d) => d.kind !== 'loopback')
      .map((d): DeviceSummary => {
        const peerNs = d.peer ? byKey.get(d.peer.netns) : undefined;
        const hostEnd = peerNs?.devices.find((x) => x.name === d.peer!.device);
        if (!hostEnd?.master || !hiddenIn.get(peerNs!.name)?.has(hostEnd.name)) return d;
        const { peer: _peer, ...rest } = d;
        return { ...rest, peer: { netns: peerNs!.name, device: hostEnd.master } };
      });
    const gateway = (d: DeviceSummary) => options.hideGateway === true && d.peer !== undefined && bridgeNetworks.get(deviceNodeId(d.peer.netns, d.peer.device))?.name === 'docker_gwbridge';
    kept.set(key, devices.filter((d) => !gateway(d)));
    namespaceLabels.set(key, containerTitle(c));
    namespaceClasses.set(key, `container container-${c.state}`);
    for (const d of devices) deviceLabels.set(deviceNodeId(key, d.name), [d.name, ...d.addresses, ...(d.mtu !== 1500 ? [`mtu ${d.mtu}`] : [])].join('\n'));
  }

  const edges: ElementDefinition[] = [];
  const scene: { hosts: DockerScene['hosts'][number][]; outside: string[] } = { hosts: [], outside: [] };
  const uplinkOf = new Map<string, DeviceSummary>();
  for (const host of hosts) {
    const devices = kept.get(host)!;
    const underlay = underlayOf(devices, hiddenIn.get(host)!);
    if (underlay) uplinkOf.set(host, underlay);
    const name = host === '' ? `${ROOT_NAMESPACE_LABEL} host` : host;
    namespaceLabels.set(host, underlay ? `${name} · ${shortAddress(underlay.addresses[0])}` : name);
    namespaceClasses.set(host, 'docker-host');
    for (const d of devices) {
      const id = deviceNodeId(host, d.name);
      const network = bridgeNetworks.get(id);
      if (d.kind === 'bridge' && network) {
        deviceLabels.set(id, bridgeLabel(d, network));
        deviceClasses.set(id, 'docker-bridge');
      }
      if (d === underlay) deviceClasses.set(id, 'underlay');
    }
    const children = [...parentOf.entries()].filter(([, p]) => p === host).map(([k]) => k);
    const sandboxes = children.filter((k) => !containers.has(k));
    // A Docker bridge nothing is attached to (docker0 on a swarm node) is left out while the
    // host has containers to show.
    const ports = new Set(byKey.get(host)!.devices.flatMap((d) => (d.master ? [d.master] : [])));
    const idle = (d: DeviceSummary) => d.kind === 'bridge' && bridgeNetworks.has(deviceNodeId(host, d.name)) && !ports.has(d.name);
    if (children.some((k) => containers.has(k))) kept.set(host, devices.filter((d) => !idle(d)));
    const bridges = kept.get(host)!.filter((d) => d.kind === 'bridge').sort((a, b) => bridgeRank(a, bridgeNetworks.get(deviceNodeId(host, a.name))) - bridgeRank(b, bridgeNetworks.get(deviceNodeId(host, b.name))) || a.name.localeCompare(b.name));
    // With an overlay here, docker_gwbridge (the containers' local way out) stands beside eth0.
    const under = (d: DeviceSummary) => sandboxes.length > 0 && bridgeNetworks.get(deviceNodeId(host, d.name))?.name === 'docker_gwbridge';
    if (options.hideGateway) kept.set(host, kept.get(host)!.filter((d) => !(d.kind === 'bridge' && bridgeNetworks.get(deviceNodeId(host, d.name))?.name === 'docker_gwbridge')));
    scene.hosts.push({
      key: host,
      uplinks: kept.get(host)!.filter((d) => d.kind !== 'bridge').map((d) => d.name),
      bridges: bridges.filter((d) => !under(d) && kept.get(host)!.includes(d)).map((d) => d.name),
      exits: bridges.filter((d) => under(d) && kept.get(host)!.includes(d)).map((d) => d.name),
      sandboxes,
      containers: children
        .filter((k) => containers.has(k))
        .map((k) => {
          const first = kept.get(k)!.find((d) => d.peer);
          return { key: k, attached: first?.peer ? deviceNodeId(first.peer.netns, first.peer.device) : undefined };
        }),
    });
  }

  // Overlay networks: their namespace on each host, a band between them, and the VXLAN tunnel
  // between the hosts' underlay interfaces that carries it.
  const members = new Map<string, { key: string; host: string; vxlan?: DeviceSummary }[]>();
  for (const [key, host] of parentOf) {
    const ns = byKey.get(key)!;
    const network = sandboxNetwork(ns);
    if (!network) continue;
    const vxlan = ns.devices.find((d) => d.kind === 'vxlan');
    const list = members.get(network.id) ?? [];
    list.push({ key, host, ...(vxlan ? { vxlan } : {}) });
    members.set(network.id, list);
    namespaceLabels.set(key, `${network.name} · namespace ${ns.name.replace(/@.*$/, '')}`);
    namespaceClasses.set(key, 'overlay-sandbox');
    for (const d of kept.get(key)!) {
      const id = deviceNodeId(key, d.name);
      if (d.kind === 'bridge') {
        deviceLabels.set(id, [d.name, ...d.addresses, ...(d.mtu !== 1500 ? [`mtu ${d.mtu}`] : [])].join('\n'));
        deviceClasses.set(id, 'docker-bridge');
      }
      if (d.vxlan) deviceLabels.set(id, [d.name, `VNI ${d.vxlan.vni}`].join('\n'));
    }
    const uplink = uplinkOf.get(host);
    if (vxlan && uplink) {
      edges.push({
        group: 'edges',
        data: { id: `encap:${deviceNodeId(key, vxlan.name)}`, source: deviceNodeId(key, vxlan.name), target: deviceNodeId(host, uplink.name), label: `UDP ${vxlan.vxlan?.dstport ?? 4789}` },
        classes: `lower vxlan-lower ${vxlan.up && uplink.up ? 'up' : 'down'}`,
      });
    }
  }
  const tunnels = new Map<string, { a: string; b: string; vnis: Set<number>; up: boolean }>();
  for (const [id, list] of members) {
    const network = docker.networks.find((n) => n.id === id)!;
    list.sort((x, y) => hosts.indexOf(x.host) - hosts.indexOf(y.host));
    for (let i = 0; i + 1 < list.length; i++) {
      const a = list[i];
      const b = list[i + 1];
      edges.push({
        group: 'edges',
        data: { id: `overlay:${id}:${a.key}|${b.key}`, source: namespaceNodeId(a.key), target: namespaceNodeId(b.key), label: `overlay ${network.name}${network.subnet ? ` · ${network.subnet}` : ''}` },
        classes: 'overlay-band',
      });
    }
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i].host, list[j].host];
        if (a === b || !uplinkOf.has(a) || !uplinkOf.has(b)) continue;
        const pair = `${a}|${b}`;
        const t = tunnels.get(pair) ?? { a, b, vnis: new Set<number>(), up: true };
        if (list[i].vxlan?.vxlan) t.vnis.add(list[i].vxlan!.vxlan!.vni);
        t.up &&= (list[i].vxlan?.up ?? false) && (list[j].vxlan?.up ?? false);
        tunnels.set(pair, t);
      }
    }
  }
  for (const t of tunnels.values()) {
    const ua = uplinkOf.get(t.a)!;
    const ub = uplinkOf.get(t.b)!;
    const vnis = [...t.vnis].sort((x, y) => x - y).join(', ');
    edges.push({
      group: 'edges',
      data: {
        id: `tunnel:${deviceNodeId(t.a, ua.name)}|${deviceNodeId(t.b, ub.name)}`,
        source: deviceNodeId(t.a, ua.name),
        target: deviceNodeId(t.b, ub.name),
        label: `VXLAN ${vnis} · UDP 4789\n${shortAddress(ua.addresses[0])} ⇄ ${shortAddress(ub.addresses[0])}`,
      },
      classes: `tunnel host-tunnel ${t.up ? 'up' : 'down'}`,
    });
  }

  // The outside world the hosts are wired to (a LAN switch, a laptop), and what it is wired to.
  const outside: string[] = [];
  const reached = new Set<string>([...hosts, ...parentOf.keys()]);
  let frontier = [...hosts];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const d of byKey.get(key)?.devices ?? []) {
        const peer = d.peer?.netns;
        if (peer === undefined || reached.has(peer) || !byKey.has(peer) || containers.has(peer)) continue;
        reached.add(peer);
        outside.push(peer);
        next.push(peer);
      }
    }
    frontier = next;
  }
  if (options.sharedOutsideOnly) {
    const joins = (key: string) => new Set(byKey.get(key)!.devices.flatMap((d) => (d.peer && hostSet.has(d.peer.netns) ? [d.peer.netns] : []))).size;
    for (let i = outside.length - 1; i >= 0; i--) if (joins(outside[i]) < 2) outside.splice(i, 1);
  }
  outside.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  for (const key of outside) kept.set(key, byKey.get(key)!.devices.filter((d) => d.kind !== 'loopback'));
  scene.outside = outside;

  const drawn = [...outside, ...hosts.flatMap((h) => [h, ...[...parentOf.entries()].filter(([, p]) => p === h).map(([k]) => k)])];
  const namespaces = drawn.map((key) => ({ ...byKey.get(key)!, name: key, devices: kept.get(key) ?? [] }));
  const keptNames = new Map(namespaces.map((ns) => [ns.name, new Set(ns.devices.map((d) => d.name))]));
  const extras: DrawingExtras = {
    namespaceLabels,
    namespaceClasses,
    deviceLabels,
    deviceClasses,
    parents: parentOf,
    edges,
    tunnels: false,
    layout: (list, labelOf) => layoutDockerScene(scene, list, labelOf, (key) => namespaceLabels.get(key) ?? key),
  };
  return {
    mode: 'docker',
    namespaces,
    extras,
    locate: (ns, device) => {
      const devices = keptNames.get(ns);
      if (!devices) return undefined;
      if (device !== undefined && devices.has(device)) return deviceNodeId(ns, device);
      if (device !== undefined) {
        const standIn = stand.get(deviceNodeId(ns, device));
        if (standIn) return standIn;
      }
      return namespaceNodeId(ns);
    },
  };
}

/** docker0 first, then user networks, docker_gwbridge last; bridges Docker did not make after. */
function bridgeRank(device: DeviceSummary, network: DockerNetworkSummary | undefined): number {
  if (!network) return 3;
  if (network.name === 'bridge') return 0;
  if (network.name === 'docker_gwbridge') return 2;
  return 1;
}
