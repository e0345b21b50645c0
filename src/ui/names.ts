/**
 * Namespace keys: how the page names a namespace uniquely. A named namespace (and the root,
 * "") is its own name; a process namespace on a host that is itself a named namespace (a
 * container or an overlay network's "1-<id>" namespace on a swarm node) is `name@host`, since
 * such labels repeat across hosts. Trace events carry the same qualifier (`nsHost`), and
 * `tables()` accepts the key. Pure: no DOM.
 */
import type { DeviceSummary, NamespaceSummary, Topology } from '../api/types.ts';

export const ROOT_LABEL = '(root)';

export function namespaceKey(name: string, host?: string): string {
  return host ? `${name}@${host}` : name;
}

/** A host label as Docker's summaries give it ("(root)" for the machine) to a namespace key. */
export function hostKey(label: string | null | undefined): string {
  return label === undefined || label === null || label === ROOT_LABEL ? '' : label;
}

function device(d: DeviceSummary): DeviceSummary {
  if (!d.peer?.host && !d.lower?.host) return d;
  return {
    ...d,
    ...(d.peer ? { peer: { netns: namespaceKey(d.peer.netns, d.peer.host), device: d.peer.device } } : {}),
    ...(d.lower ? { lower: { netns: namespaceKey(d.lower.netns, d.lower.host), device: d.lower.device } } : {}),
  };
}

function namespace(ns: NamespaceSummary): NamespaceSummary {
  if (!ns.host && !ns.devices.some((d) => d.peer?.host || d.lower?.host)) return ns;
  return { ...ns, name: namespaceKey(ns.name, ns.host), devices: ns.devices.map(device) };
}

/**
 * The topology with every namespace (and every reference to one) named by its key. `host`
 * stays on the namespaces that have one, so the views can group them by host.
 */
export function normalizeTopology(topology: Topology): Topology {
  const docker = topology.docker;
  return {
    namespaces: topology.namespaces.map(namespace),
    docker: docker
      ? {
          networks: docker.networks,
          containers: docker.containers.map((c) => (c.netns !== null && hostKey(c.host) !== '' ? { ...c, netns: namespaceKey(c.netns, hostKey(c.host)) } : c)),
        }
      : null,
  };
}
