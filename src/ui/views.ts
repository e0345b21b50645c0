/**
 * The two pictures of one world. The kernel view draws every namespace and device. The Docker
 * view draws what `docker network ls` and `docker ps` talk about: the host with its Docker
 * bridges (named after their networks), each container as a card wired straight to its
 * network's bridge, and the outside world the host is linked to; loopbacks, the host ends of
 * container veths and namespaces Docker did not make are left out. Pure: no DOM.
 */
import type { DeviceSummary, DockerContainerSummary, DockerNetworkSummary, NamespaceSummary, Topology } from '../api/types.ts';
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
  return [device.name, `network "${network.name}"`, ...(network.subnet ? [network.subnet] : device.addresses)].join('\n');
}

function containerDeviceLabel(device: DeviceSummary): string {
  return [device.name, ...device.addresses].join('\n');
}

export function drawingFor(topology: Topology, mode: ViewMode): Drawing {
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

  // Docker view. A host veth whose peer is a container's stands for nothing of its own: the
  // container's eth0 is drawn wired to the bridge, and the veth's events show on the bridge.
  const stand = new Map<string, string>();
  const hostVeths = new Set<string>();
  const namespaces: NamespaceSummary[] = [];
  const kept = new Map<string, Set<string>>();
  const rootKept: DeviceSummary[] = [];
  for (const device of root?.devices ?? []) {
    if (device.kind === 'loopback') continue;
    if (device.kind === 'veth' && device.peer && containers.has(device.peer.netns)) {
      hostVeths.add(device.name);
      if (device.master) stand.set(deviceNodeId('', device.name), deviceNodeId('', device.master));
      continue;
    }
    rootKept.push(device);
  }
  if (root) namespaces.push({ ...root, devices: rootKept });
  // Namespaces the host is wired to (the outside world), drawn as they are.
  const linkedToHost = new Set(rootKept.flatMap((d) => (d.peer && !containers.has(d.peer.netns) && d.peer.netns !== '' ? [d.peer.netns] : [])));
  for (const ns of topology.namespaces) {
    if (ns.name === '') continue;
    const container = containers.get(ns.name);
    if (container) {
      const devices = ns.devices
        .filter((d) => d.kind !== 'loopback')
        .map((d): DeviceSummary => {
          const hostEnd = d.peer && d.peer.netns === '' && hostVeths.has(d.peer.device) ? root?.devices.find((h) => h.name === d.peer!.device) : undefined;
          const bridge = hostEnd?.master;
          if (!bridge) return d;
          // Wired straight to the bridge: the veth pair and the port are one link in this view.
          const { peer: _peer, ...rest } = d;
          return { ...rest, peer: { netns: '', device: bridge } };
        });
      for (const d of devices) deviceLabels.set(deviceNodeId(ns.name, d.name), containerDeviceLabel(d));
      namespaces.push({ ...ns, devices });
    } else if (linkedToHost.has(ns.name)) {
      namespaces.push({ ...ns, devices: ns.devices.filter((d) => d.kind !== 'loopback') });
    }
  }
  for (const ns of namespaces) kept.set(ns.name, new Set(ns.devices.map((d) => d.name)));
  return {
    mode: 'docker',
    namespaces,
    extras,
    locate: (ns, device) => {
      const devices = kept.get(ns);
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
