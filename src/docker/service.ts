import { type Ipv4, formatIpv4 } from '../engine/addr/ipv4.ts';
import { type DockerDaemon, DockerError, allDaemonsOf } from './daemon.ts';
import type { Container, Network } from './model.ts';
import { type Swarm, swarmOf } from './swarm.ts';
import { type IngressPort, allocateIngressPorts, ensureIngressSandbox, ingressNetwork, programTaskRedirect, syncIngress } from './ingress.ts';

/**
 * Swarm services: N tasks (containers) spread over the nodes, and a virtual IP per network
 * that every container on the network reaches through IPVS in its own namespace (Docker
 * marks VIP traffic in mangle OUTPUT and balances the mark round robin over the tasks).
 * `tasks.NAME` resolves to the tasks themselves; `--endpoint-mode dnsrr` skips the VIP.
 */
export interface SwarmTask {
  id: string;
  slot: number;
  daemon: DockerDaemon;
  container: Container;
}

export interface SwarmService {
  id: string;
  name: string;
  image: string;
  replicas: number;
  networks: Network[];
  endpointMode: 'vip' | 'dnsrr';
  vips: Map<Network, Ipv4>;
  fwmark: number;
  /** Published ports (the routing mesh), and the service's VIP on the ingress network. */
  ports: IngressPort[];
  ingressVip: Ipv4 | null;
  tasks: SwarmTask[];
  cmd: string[];
  created: number;
}

interface SwarmServices {
  list: SwarmService[];
  nextMark: number;
}

const registry = new WeakMap<Swarm, SwarmServices>();

export function servicesOf(s: Swarm): SwarmServices {
  let r = registry.get(s);
  if (!r) registry.set(s, (r = { list: [], nextMark: 0x100 }));
  return r;
}

function managerSwarm(d: DockerDaemon): Swarm {
  const s = swarmOf(d);
  if (!s || s.nodeOf(d)?.role !== 'manager') throw new DockerError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
  return s;
}

export function findService(d: DockerDaemon, ref: string): SwarmService {
  const s = managerSwarm(d);
  const svc = servicesOf(s).list.find((x) => x.name === ref || x.id === ref || x.id.startsWith(ref));
  if (!svc) throw new DockerError(`service ${ref} not found`);
  return svc;
}

export function serviceCreate(d: DockerDaemon, o: { name: string | null; image: string; replicas: number; networks: string[]; endpointMode: 'vip' | 'dnsrr'; cmd: string[]; ports?: IngressPort[] }): SwarmService {
  const s = managerSwarm(d);
  const reg = servicesOf(s);
  const name = o.name ?? `svc_${d.hex(6)}`;
  if (reg.list.some((x) => x.name === name)) throw new DockerError(`rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${name} already exists`);
  const networks = o.networks.map((ref) => {
    const n = d.findNetwork(ref);
    if (!n) throw new DockerError(`network ${ref} not found`);
    if (n.driver !== 'overlay') throw new DockerError(`network ${ref} is not a swarm-scoped network`);
    return n;
  });
  const ports = allocateIngressPorts(reg.list, o.ports ?? []);
  if (ports.length && o.endpointMode === 'dnsrr') throw new DockerError('rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can\'t be used with dnsrr mode');
  const svc: SwarmService = { id: d.hex(25), name, image: o.image, replicas: o.replicas, networks, endpointMode: o.endpointMode, vips: new Map(), fwmark: reg.nextMark++, ports, ingressVip: null, tasks: [], cmd: o.cmd, created: d.kernel.now };
  if (ports.length) {
    // Every node's load balancer first (10.0.0.2, 10.0.0.3, ...), then the service's ingress VIP.
    for (const node of s.nodes) ensureIngressSandbox(node.daemon);
    svc.ingressVip = ingressNetwork(s)!.pool!.allocate();
  }
  if (o.endpointMode === 'vip') for (const n of networks) svc.vips.set(n, n.pool!.allocate()!);
  reg.list.push(svc);
  scale(d, svc, o.replicas);
  return svc;
}

/** Start or stop tasks until there are `n`, placing new ones round robin over the nodes. */
export function scale(d: DockerDaemon, svc: SwarmService, n: number): void {
  const s = managerSwarm(d);
  svc.replicas = n;
  while (svc.tasks.length > n) {
    const t = svc.tasks.pop()!;
    t.daemon.containerRm(t.container, true);
  }
  while (svc.tasks.length < n) {
    const slot = svc.tasks.length + 1;
    const node = s.nodes[(slot - 1) % s.nodes.length];
    const id = d.hex(25);
    // A published service's tasks are on ingress first (eth0), then on the service's networks.
    const ingress = svc.ports.length ? ingressNetwork(s) : undefined;
    const nets = ingress ? [ingress, ...svc.networks] : svc.networks;
    const first = nets[0];
    const c = node.daemon.containerCreate({ name: `${svc.name}.${slot}.${id}`, image: svc.image, hostname: id.slice(0, 12), network: first ? first.name : null, aliases: [], ip: null, ports: [], publishAll: false, links: [], dns: [], env: [], cmd: svc.cmd, autoRemove: false, interactive: false });
    for (const extra of nets.slice(1)) c.networks.push({ network: extra, aliases: [], ip: null });
    c.service = svc.name;
    svc.tasks.push({ id, slot, daemon: node.daemon, container: c });
    node.daemon.containerStart(c);
    if (ingress) programTaskRedirect(node.daemon, c, ingress, svc.ports);
  }
  syncLoadBalancing(d);
}

export function serviceRm(d: DockerDaemon, svc: SwarmService): void {
  scale(d, svc, 0);
  const s = managerSwarm(d);
  const reg = servicesOf(s);
  reg.list.splice(reg.list.indexOf(svc), 1);
  for (const [n, vip] of svc.vips) n.pool?.release(vip);
  if (svc.ingressVip !== null) ingressNetwork(s)?.pool?.release(svc.ingressVip);
  syncLoadBalancing(d);
}

/**
 * Program every container on a service's network: a mangle mark for the VIP and an IPVS
 * fwmark service whose real servers are the service's tasks (what Docker's sandbox LB does).
 */
export function syncLoadBalancing(d: DockerDaemon): void {
  const s = swarmOf(d);
  if (!s) return;
  syncIngress(d, servicesOf(s).list);
  const services = servicesOf(s).list.filter((x) => x.endpointMode === 'vip');
  for (const daemon of allDaemonsOf(d))
    for (const c of daemon.containers.values()) {
      if (c.state !== 'running' || !c.ns) continue;
      const mine = services.filter((svc) => c.endpoints.some((e) => svc.vips.has(e.network)));
      if (mine.length === 0 && !c.lbProgrammed) continue;
      c.lbProgrammed = mine.length > 0;
      daemon.runInContainer(c, 'ipvsadm -C');
      for (const svc of mine) {
        const ep = c.endpoints.find((e) => svc.vips.has(e.network))!;
        const vip = svc.vips.get(ep.network)!;
        const mark = `0x${svc.fwmark.toString(16)}/0xffffffff`;
        const rule = `-t mangle -A OUTPUT -d ${formatIpv4(vip)}/32 -j MARK --set-xmark ${mark}`;
        if (daemon.shell.run(`iptables ${rule.replace('-A', '-C')}`, c.ns, c.fs, { still: true }).exitCode !== 0) daemon.runInContainer(c, `iptables ${rule}`);
        daemon.runInContainer(c, `ipvsadm -A -f ${svc.fwmark} -s rr`);
        for (const t of svc.tasks) {
          const tip = t.container.endpoints.find((e) => e.network === ep.network)?.ip;
          if (tip !== undefined) daemon.runInContainer(c, `ipvsadm -a -f ${svc.fwmark} -r ${formatIpv4(tip)} -m -w 1`);
        }
      }
    }
}

/** What the embedded DNS says for a service name on network `n` (null: not a service). */
export function resolveServiceName(d: DockerDaemon, n: Network, name: string): Ipv4[] | null {
  const s = swarmOf(d);
  if (!s) return null;
  for (const svc of servicesOf(s).list) {
    if (!svc.networks.includes(n)) continue;
    const tasks = (): Ipv4[] => svc.tasks.map((t) => t.container.endpoints.find((e) => e.network === n)?.ip).filter((x): x is Ipv4 => x !== undefined);
    if (name === `tasks.${svc.name}`) return tasks();
    if (name === svc.name) return svc.endpointMode === 'vip' ? [svc.vips.get(n)!] : tasks();
  }
  return null;
}
