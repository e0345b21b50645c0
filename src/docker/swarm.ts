import { type Ipv4, formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import type { Kernel } from '../engine/net/kernel.ts';
import type { DockerDaemon } from './daemon.ts';
import type { Network } from './model.ts';

/**
 * A swarm: the nodes (daemons on different hosts) and what the control plane shares
 * between them: overlay networks, with every endpoint's address, MAC and host, so each
 * node can program its VXLAN FDB and neighbour entries for its peers (Docker's gossip).
 */
export interface SwarmNode {
  id: string;
  daemon: DockerDaemon;
  addr: Ipv4;
  role: 'manager' | 'worker';
  leader: boolean;
}

export class Swarm {
  readonly nodes: SwarmNode[] = [];
  /** Swarm-scoped (overlay) networks, visible on every node. */
  readonly networks: Network[] = [];
  /** The next VXLAN id for an overlay network (ingress took 4096). */
  nextVni = 4097;
  /** The next /24 of 10.0.0.0/8 for an overlay network (ingress took 10.0.0.0/24). */
  nextSubnet = 1;

  constructor(
    readonly id: string,
    readonly workerToken: string,
    readonly managerToken: string,
  ) {}

  nodeOf(d: DockerDaemon): SwarmNode | undefined {
    return this.nodes.find((n) => n.daemon === d);
  }
}

const swarms = new WeakMap<Kernel, Swarm[]>();

export function swarmsOf(kernel: Kernel): Swarm[] {
  let list = swarms.get(kernel);
  if (!list) swarms.set(kernel, (list = []));
  return list;
}

export function swarmOf(d: DockerDaemon): Swarm | undefined {
  return swarmsOf(d.kernel).find((s) => s.nodeOf(d));
}

/** The address a node advertises: the flag, or its only global address. */
export function advertiseAddress(d: DockerDaemon, flag: string | null): Ipv4 | string {
  if (flag) {
    const ip = parseIpv4(flag.replace(/:\d+$/, ''));
    if (ip !== null) return ip;
    const dev = d.hostNs.device(flag);
    const a = dev?.addrs.find((x) => !x.secondary)?.addr;
    if (a === undefined) return `advertise address must be a non-zero IP address or network interface (with a single IP address)`;
    return a;
  }
  const candidates: { dev: string; addr: Ipv4 }[] = [];
  for (const dev of d.hostNs.devices.values())
    for (const a of dev.addrs) if (a.scope === 'global' && !a.secondary && dev.kind !== 'bridge') candidates.push({ dev: dev.name, addr: a.addr });
  if (candidates.length === 1) return candidates[0].addr;
  if (candidates.length === 0) return 'could not choose an IP address to advertise since this system has no global unicast addresses';
  return `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${candidates.map((c) => `${formatIpv4(c.addr)} on ${c.dev}`).join(' and ')})`;
}
