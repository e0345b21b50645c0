import IPCIDR from 'ip-cidr';
import { type Ipv4, formatIpv4, networkOf, parseIpv4 } from '../engine/addr/ipv4.ts';
import type { NetNs } from '../engine/net/netns.ts';
import type { NetDevice } from '../engine/net/device.ts';
import { type Mac, formatMac } from '../engine/addr/mac.ts';
import type { Kernel } from '../engine/net/kernel.ts';
import { SEC } from '../engine/sim/scheduler.ts';
import { FileSystem, hostFileSystem } from '../shell/fs.ts';
import type { Shell } from '../shell/shell.ts';
import { AddressPool, type Subnet, contains, defaultPoolSubnets, formatSubnet, overlaps } from './ipam.ts';
import { findImage, imageProcessTree } from './images.ts';
import type { Container, Endpoint, Network, NetworkMode, PortBinding } from './model.ts';
import { startContainerServices, startInternetServices } from './services.ts';
import { Swarm, type SwarmNode, advertiseAddress, swarmOf, swarmsOf } from './swarm.ts';
import { attachOverlay, detachOverlay, holdGateway, releaseGateway } from './overlay.ts';
import { syncLoadBalancing } from './service.ts';

/** An error the daemon answers with ("Error response from daemon: ..."). */
export class DockerError extends Error {}

/** One command Docker ran, and where: what `netsim explain` prints. */
export interface DockerStep {
  /** "host", or the container whose namespace it ran in. */
  where: string;
  cmd: string;
  /** Set on the step that made (or removed) a container's namespace, owned by process `pid`. */
  netns?: { op: 'add' | 'del'; pid: number };
}

export interface NetworkCreateOptions {
  name: string;
  driver: string;
  subnet: string | null;
  gateway: string | null;
  ipRange: string | null;
  aux: Record<string, string>;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
}

export interface ContainerCreateOptions {
  name: string | null;
  image: string;
  hostname: string | null;
  network: string | null;
  aliases: string[];
  ip: string | null;
  ports: string[];
  publishAll: boolean;
  links: string[];
  dns: string[];
  env: string[];
  cmd: string[];
  autoRemove: boolean;
  interactive: boolean;
}

/** The virtual clock's zero, as a date: Docker prints timestamps, the engine has none. */
export const DOCKER_EPOCH_MS = Date.UTC(2026, 10, 28, 0, 0, 0);

export function dockerTime(t: number): string {
  const ms = DOCKER_EPOCH_MS + Math.floor(t / 1e6);
  const ns = String(Math.floor(t % 1e9)).padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${ns}Z`);
}

/**
 * Docker Engine 27's networking, driving the simulated kernel only through shell commands
 * (ip, bridge, iptables, sysctl) as dockerd drives the real one through netlink, and keeping
 * the list of those commands.
 */
export class DockerDaemon {
  readonly networks = new Map<string, Network>();
  readonly containers = new Map<string, Container>();
  readonly steps: DockerStep[] = [];
  started = false;
  /** The stand-in internet behind the host's eth0, when the daemon made it. */
  uplink: { ns: NetNs; pid: number } | null = null;
  private readonly allocatedPorts = new Set<string>();
  /** Parents (VLAN sub-interfaces) an ipvlan network created, by network id: removed with it. */
  private readonly createdParents = new Map<string, string>();
  private lastEphemeral = 0;

  constructor(
    readonly shell: Shell,
    /** The host this daemon runs on: the machine's root namespace, or a namespace acting as another host. */
    readonly hostNs: NetNs = shell.kernel.root,
    readonly hostFs: FileSystem = hostFileSystem(shell.kernel),
  ) {}

  get kernel(): Kernel {
    return this.shell.kernel;
  }

  // ---- the commands Docker runs ----------------------------------------------------

  private run(where: string, cmd: string, c?: Container): void {
    this.steps.push({ where, cmd });
    const r = c && c.ns ? this.shell.run(cmd, c.ns, c.fs) : this.shell.run(cmd, this.hostNs, this.hostFs);
    if (r.exitCode !== 0) throw new Error(`docker model: "${cmd}" in ${where} failed (${r.exitCode}): ${r.output.trim()}`);
  }

  host(cmd: string): void {
    this.run(this.hostLabel(), cmd);
  }

  inside(c: Container, cmd: string): void {
    this.run(c.name, cmd, c);
  }

  /** A command in some other namespace Docker owns (an overlay network's), recorded under `label`. */
  runNs(label: string, ns: NetNs, cmd: string): void {
    this.steps.push({ where: label, cmd });
    const r = this.shell.run(cmd, ns, this.hostFs);
    if (r.exitCode !== 0) throw new Error(`docker model: "${cmd}" in ${label} failed (${r.exitCode}): ${r.output.trim()}`);
  }

  /** How explain names this daemon's host. */
  hostLabel(): string {
    return this.hostNs === this.kernel.root ? 'host' : this.hostNs.name;
  }

  /** For the services module: a command Docker runs in a container's namespace. */
  runInContainer(c: Container, cmd: string): void {
    this.inside(c, cmd);
  }

  /** The host's first nameserver: where the embedded DNS forwards other names. */
  upstreamDns(): Ipv4 {
    const conf = this.shell.run('cat /etc/resolv.conf', this.hostNs, this.hostFs, { still: true }).output;
    return parseIpv4(/^nameserver\s+(\S+)/m.exec(conf)?.[1] ?? '8.8.8.8') ?? (0x08080808 as Ipv4);
  }

  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.kernel.rng.u32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  // ---- daemon start -------------------------------------------------------------------

  /** dockerd's start: the default networks, ip_forward, and the classic iptables layout. */
  start(): void {
    if (this.started) return;
    this.started = true;
    ensureUplink(this);
    this.host('sysctl -w net.ipv4.ip_forward=1');
    this.host('iptables -P FORWARD DROP');
    this.host('iptables -t nat -N DOCKER');
    this.host('iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER');
    this.host('iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER');
    this.host('iptables -N DOCKER');
    this.host('iptables -N DOCKER-ISOLATION-STAGE-1');
    this.host('iptables -N DOCKER-ISOLATION-STAGE-2');
    this.host('iptables -A DOCKER-ISOLATION-STAGE-1 -j RETURN');
    this.host('iptables -A DOCKER-ISOLATION-STAGE-2 -j RETURN');
    this.addNetwork({ name: 'none', driver: 'null', isDefault: false });
    this.addNetwork({ name: 'host', driver: 'host', isDefault: false });
    const bridge = this.addNetwork({ name: 'bridge', driver: 'bridge', isDefault: true, bridgeName: 'docker0', subnet: this.pickSubnet(null) });
    this.setupBridge(bridge);
    this.host('iptables -N DOCKER-USER');
    this.host('iptables -A DOCKER-USER -j RETURN');
    this.ensureJumps();
  }

  /** EnsureJumpRule: DOCKER-USER and DOCKER-ISOLATION-STAGE-1 stay first in FORWARD. */
  private ensureJumps(): void {
    for (const chain of ['DOCKER-ISOLATION-STAGE-1', 'DOCKER-USER']) {
      const check = this.shell.run(`iptables -C FORWARD -j ${chain}`, this.hostNs, this.hostFs);
      if (check.exitCode === 0) this.host(`iptables -D FORWARD -j ${chain}`);
      this.host(`iptables -I FORWARD -j ${chain}`);
    }
  }

  private addNetwork(p: { name: string; driver: Network['driver']; isDefault: boolean; bridgeName?: string; subnet?: Subnet | null; gateway?: Ipv4 | null; ipRange?: Subnet | null; internal?: boolean; attachable?: boolean; options?: Record<string, string>; labels?: Record<string, string>; aux?: Record<string, Ipv4> }): Network {
    const id = this.hex(64);
    const subnet = p.subnet ?? null;
    const pool = subnet ? new AddressPool(subnet, p.ipRange ?? null) : null;
    let gateway: Ipv4 | null = null;
    if (pool) {
      if (p.gateway) pool.reserve(p.gateway);
      gateway = p.gateway ?? pool.allocate();
      for (const a of Object.values(p.aux ?? {})) pool.reserve(a);
    }
    const options = p.options ?? {};
    const isDefault = p.isDefault;
    const n: Network = {
      id,
      name: p.name,
      driver: p.driver,
      scope: 'local',
      created: this.kernel.now,
      subnet,
      ipRange: p.ipRange ?? null,
      gateway,
      aux: p.aux ?? {},
      pool,
      internal: p.internal ?? false,
      attachable: p.attachable ?? false,
      bridge: p.driver === 'bridge' ? (options['com.docker.network.bridge.name'] ?? p.bridgeName ?? `br-${id.slice(0, 12)}`) : null,
      icc: (options['com.docker.network.bridge.enable_icc'] ?? 'true') !== 'false',
      masquerade: (options['com.docker.network.bridge.enable_ip_masquerade'] ?? 'true') !== 'false',
      mtu: options['com.docker.network.driver.mtu'] ? Number(options['com.docker.network.driver.mtu']) : null,
      options: isDefault
        ? {
            'com.docker.network.bridge.default_bridge': 'true',
            'com.docker.network.bridge.enable_icc': 'true',
            'com.docker.network.bridge.enable_ip_masquerade': 'true',
            'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
            'com.docker.network.bridge.name': 'docker0',
            'com.docker.network.driver.mtu': '1500',
          }
        : options,
      labels: p.labels ?? {},
      isDefault,
    };
    if (isDefault) n.mtu = 1500;
    this.networks.set(id, n);
    return n;
  }

  /** The lowest default-pool subnet that overlaps no network and no route of the host. */
  private pickSubnet(exclude: Subnet | null): Subnet {
    const taken: Subnet[] = [...this.networks.values()].filter((n) => n.subnet).map((n) => n.subnet as Subnet);
    if (exclude) taken.push(exclude);
    for (const r of this.hostNs.fib.routes) if (r.table === 254 && r.dev && r.len > 0) taken.push({ addr: r.dst, len: r.len });
    for (const s of defaultPoolSubnets()) if (!taken.some((t) => overlaps(t, s))) return s;
    throw new DockerError('all predefined address pools have been fully subnetted');
  }

  /** The Linux bridge and the iptables rules of a bridge network (setupIPTablesInternal & co). */
  private setupBridge(n: Network): void {
    const br = n.bridge as string;
    const subnet = n.subnet as Subnet;
    this.host(`ip link add ${br} type bridge`);
    this.host(`ip link set ${br} address 02:42:${this.hex(8).replace(/(..)(?!$)/g, '$1:')}`);
    if (n.mtu && n.mtu !== 1500) this.host(`ip link set ${br} mtu ${n.mtu}`);
    if (n.gateway !== null) this.host(`ip addr add ${formatIpv4(n.gateway)}/${subnet.len} brd + dev ${br}`);
    this.host(`ip link set ${br} up`);
    const s = formatSubnet(subnet);
    if (!n.internal) {
      if (n.masquerade) this.host(`iptables -t nat -A POSTROUTING -s ${s} ! -o ${br} -j MASQUERADE`);
      this.host(`iptables -t nat -I DOCKER -i ${br} -j RETURN`);
      this.host(`iptables -I FORWARD -i ${br} ! -o ${br} -j ACCEPT`);
    } else {
      this.host(`iptables -I DOCKER-ISOLATION-STAGE-1 ! -s ${s} -o ${br} -j DROP`);
      this.host(`iptables -I DOCKER-ISOLATION-STAGE-1 ! -d ${s} -i ${br} -j DROP`);
    }
    this.host(`iptables -A FORWARD -i ${br} -o ${br} -j ${n.icc ? 'ACCEPT' : 'DROP'}`);
    if (!n.internal) {
      this.host(`iptables -I FORWARD -o ${br} -j DOCKER`);
      this.host(`iptables -I FORWARD -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
      this.host(`iptables -I DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`);
      this.host(`iptables -I DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`);
    }
  }

  private teardownBridge(n: Network): void {
    const br = n.bridge as string;
    const s = formatSubnet(n.subnet as Subnet);
    if (!n.internal) {
      if (n.masquerade) this.host(`iptables -t nat -D POSTROUTING -s ${s} ! -o ${br} -j MASQUERADE`);
      this.host(`iptables -t nat -D DOCKER -i ${br} -j RETURN`);
      this.host(`iptables -D FORWARD -i ${br} ! -o ${br} -j ACCEPT`);
      this.host(`iptables -D FORWARD -o ${br} -j DOCKER`);
      this.host(`iptables -D FORWARD -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
      this.host(`iptables -D DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`);
      this.host(`iptables -D DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`);
    } else {
      this.host(`iptables -D DOCKER-ISOLATION-STAGE-1 ! -s ${s} -o ${br} -j DROP`);
      this.host(`iptables -D DOCKER-ISOLATION-STAGE-1 ! -d ${s} -i ${br} -j DROP`);
    }
    this.host(`iptables -D FORWARD -i ${br} -o ${br} -j ${n.icc ? 'ACCEPT' : 'DROP'}`);
    this.host(`ip link del ${br}`);
  }

  // ---- networks -----------------------------------------------------------------------

  /** Local networks, then the swarm's overlay networks if this node is in one. */
  visibleNetworks(): Network[] {
    return [...this.networks.values(), ...(swarmOf(this)?.networks ?? [])];
  }

  findNetwork(ref: string): Network | null {
    const all = this.visibleNetworks();
    for (const n of all) if (n.name === ref || n.id === ref) return n;
    const byPrefix = all.filter((n) => n.id.startsWith(ref));
    return byPrefix.length === 1 ? byPrefix[0] : null;
  }

  // ---- swarm ----------------------------------------------------------------------------

  swarmInit(advertise: string | null): Swarm {
    this.start();
    if (swarmOf(this)) throw new DockerError('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
    const addr = advertiseAddress(this, advertise);
    if (typeof addr === 'string') throw new DockerError(addr);
    const token = (): string => `SWMTKN-1-${this.hex(50).replace(/[0-9]/g, (x) => 'abcdefghij'[Number(x)])}-${this.hex(25)}`;
    const s = new Swarm(this.hex(25), token(), token());
    s.nodes.push({ id: this.hex(25), daemon: this, addr, role: 'manager', leader: true });
    swarmsOf(this.kernel).push(s);
    // The ingress network every swarm has (10.0.0.0/24, VXLAN 4096), for the routing mesh.
    const ingress = this.makeOverlay(s, { name: 'ingress', subnet: null, attachable: false, vni: 4096, index: 0 });
    ingress.labels = {};
    return s;
  }

  swarmJoin(token: string, remote: string): SwarmNode {
    this.start();
    if (swarmOf(this)) throw new DockerError('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
    const s = swarmsOf(this.kernel).find((x) => x.workerToken === token || x.managerToken === token);
    const ip = parseIpv4(remote.replace(/:\d+$/, ''));
    const manager = s?.nodes.find((n) => n.role === 'manager' && n.addr === ip);
    if (!s || !manager) throw new DockerError(ip === null || !manager ? `Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.` : 'invalid join token');
    const addr = advertiseAddress(this, null);
    if (typeof addr === 'string') throw new DockerError(addr);
    const node: SwarmNode = { id: this.hex(25), daemon: this, addr, role: token === s.managerToken ? 'manager' : 'worker', leader: false };
    s.nodes.push(node);
    // A node joining a swarm with published ports gets its part of the routing mesh.
    syncLoadBalancing(this);
    return node;
  }

  /** An overlay network: swarm-scoped, 10.0.N.0/24 and a VXLAN id from 4097 by default. */
  overlayCreate(o: NetworkCreateOptions): Network {
    const s = swarmOf(this);
    if (!s) throw new DockerError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
    if (s.nodeOf(this)?.role !== 'manager') throw new DockerError('Cannot create a multi-host network from a worker node. Please create the network from a manager node.');
    if (this.visibleNetworks().some((n) => n.name === o.name)) throw new DockerError(`network with name ${o.name} already exists`);
    const subnet = o.subnet ? parseCidr(o.subnet) : null;
    if (o.subnet && !subnet) throw new DockerError(`invalid subnet ${o.subnet}: invalid CIDR address: ${o.subnet}`);
    return this.makeOverlay(s, { name: o.name, subnet: subnet ? { addr: networkOf(subnet.addr, subnet.len), len: subnet.len } : null, attachable: o.attachable, vni: s.nextVni++, index: null, internal: o.internal });
  }

  private makeOverlay(s: Swarm, p: { name: string; subnet: Subnet | null; attachable: boolean; vni: number; index: number | null; internal?: boolean }): Network {
    const subnet = p.subnet ?? { addr: ((10 << 24) + (p.index ?? s.nextSubnet++) * 256) as Ipv4, len: 24 };
    const pool = new AddressPool(subnet);
    const gateway = pool.allocate();
    const n: Network = {
      id: this.hex(25),
      name: p.name,
      driver: 'overlay',
      scope: 'swarm',
      created: this.kernel.now,
      subnet,
      ipRange: null,
      gateway,
      aux: {},
      pool,
      internal: p.internal ?? false,
      attachable: p.attachable,
      bridge: null,
      icc: true,
      masquerade: false,
      mtu: 1450,
      options: { 'com.docker.network.driver.overlay.vxlanid_list': String(p.vni) },
      labels: {},
      isDefault: false,
    };
    s.networks.push(n);
    return n;
  }

  networkCreate(o: NetworkCreateOptions): Network {
    this.start();
    if (this.visibleNetworks().some((n) => n.name === o.name)) throw new DockerError(`network with name ${o.name} already exists`);
    if (o.driver === 'overlay') return this.overlayCreate(o);
    if (o.driver !== 'bridge' && o.driver !== 'macvlan' && o.driver !== 'ipvlan') throw new DockerError(`plugin "${o.driver}" not found`);
    // drivers/ipvlan parseNetworkOptions: checked before any address is allocated.
    if (o.driver === 'ipvlan') validateIpvlanOptions(o.options);
    let subnet: Subnet | null = null;
    if (o.subnet) {
      const p = parseCidr(o.subnet);
      if (!p) throw new DockerError(`invalid subnet ${o.subnet}: invalid CIDR address: ${o.subnet}`);
      subnet = { addr: networkOf(p.addr, p.len), len: p.len };
      for (const n of this.networks.values()) if (n.subnet && overlaps(n.subnet, subnet)) throw new DockerError('invalid pool request: Pool overlaps with other one on this address space');
    } else subnet = this.pickSubnet(null);
    let gateway: Ipv4 | null = null;
    if (o.gateway) {
      gateway = parseIpv4(o.gateway);
      if (gateway === null) throw new DockerError(`invalid gateway address ${o.gateway}`);
      if (!contains(subnet, gateway)) throw new DockerError(`no matching subnet for gateway ${o.gateway}`);
    }
    let ipRange: Subnet | null = null;
    if (o.ipRange) {
      const p = parseCidr(o.ipRange);
      if (!p || !contains(subnet, p.addr)) throw new DockerError(`no matching subnet for range ${o.ipRange}`);
      ipRange = { addr: networkOf(p.addr, p.len), len: p.len };
    }
    const aux: Record<string, Ipv4> = {};
    for (const [k, v] of Object.entries(o.aux)) {
      const a = parseIpv4(v);
      if (a === null || !contains(subnet, a)) throw new DockerError(`no matching subnet for aux-address ${v}`);
      aux[k] = a;
    }
    if (o.driver === 'macvlan') return this.createMacvlanNetwork(o, subnet, gateway, ipRange, aux);
    if (o.driver === 'ipvlan') return this.createIpvlanNetwork(o, subnet, gateway, ipRange, aux);
    const n = this.addNetwork({ name: o.name, driver: 'bridge', isDefault: false, subnet, gateway, ipRange, internal: o.internal, attachable: o.attachable, options: o.options, labels: o.labels, aux });
    const br = n.bridge as string;
    if (this.hostNs.device(br)) {
      this.networks.delete(n.id);
      throw new DockerError(`bridge ${br} already exists`);
    }
    this.setupBridge(n);
    if (!n.icc) this.host('sysctl -w net.bridge.bridge-nf-call-iptables=1');
    this.ensureJumps();
    return n;
  }

  /**
   * A macvlan network: no bridge and no iptables rules; containers get a macvlan on the
   * parent (a VLAN sub-interface like eth0.50 is created when it does not exist yet).
   */
  private createMacvlanNetwork(o: NetworkCreateOptions, subnet: Subnet, gateway: Ipv4 | null, ipRange: Subnet | null, aux: Record<string, Ipv4>): Network {
    const parent = o.options.parent;
    if (!parent) throw new DockerError('this simulator needs -o parent=IFACE for a macvlan network (Docker would create a dummy parent)');
    const mode = o.options.macvlan_mode ?? 'bridge';
    if (!['bridge', 'private', 'vepa', 'passthru'].includes(mode)) throw new DockerError(`requested macvlan mode '${mode}' is not valid, 'bridge' mode is the macvlan driver default`);
    const root = this.hostNs;
    if (!root.device(parent)) {
      const m = /^(.+)\.(\d+)$/.exec(parent);
      if (!m || !root.device(m[1])) throw new DockerError(`-o parent interface was not found on the host: ${parent}`);
      this.host(`ip link add link ${m[1]} name ${parent} type vlan id ${m[2]}`);
      this.host(`ip link set ${parent} up`);
    }
    // The gateway is a router on the LAN, not an address of this host: reserve it, assign nothing.
    const n = this.addNetwork({ name: o.name, driver: 'macvlan', isDefault: false, subnet, gateway, ipRange, internal: o.internal, attachable: o.attachable, options: { ...o.options, macvlan_mode: mode }, labels: o.labels, aux });
    return n;
  }

  /**
   * An ipvlan network (drivers/ipvlan): like macvlan, no bridge and no iptables rules, and a
   * parent such as eth0.50 is created as a VLAN sub-interface. Every container's interface
   * is an ipvlan slave of the parent and carries the parent's MAC address.
   */
  private createIpvlanNetwork(o: NetworkCreateOptions, subnet: Subnet, gateway: Ipv4 | null, ipRange: Subnet | null, aux: Record<string, Ipv4>): Network {
    const parent = o.options.parent;
    if (!parent) throw new DockerError('this simulator needs -o parent=IFACE for an ipvlan network (Docker would create a dummy parent)');
    // createNetwork: one ipvlan network per parent, named in the error by its dummy-link name.
    for (const other of this.networks.values())
      if (other.driver === 'ipvlan' && other.options.parent === parent) throw new DockerError(`network di-${other.id.slice(0, 12)} is already using parent interface ${parent}`);
    const root = this.hostNs;
    let created = false;
    if (!root.device(parent)) {
      const m = /^(.+)\.(\d+)$/.exec(parent);
      if (!m || !root.device(m[1])) throw new DockerError(`-o parent interface was not found on the host: ${parent}`);
      this.host(`ip link add link ${m[1]} name ${parent} type vlan id ${m[2]}`);
      this.host(`ip link set ${parent} up`);
      created = true;
    }
    // Options are kept as given (inspect shows the user's -o); the driver defaults apply at join.
    const n = this.addNetwork({ name: o.name, driver: 'ipvlan', isDefault: false, subnet, gateway, ipRange, internal: o.internal, attachable: o.attachable, options: { ...o.options }, labels: o.labels, aux });
    if (created) this.createdParents.set(n.id, parent);
    return n;
  }

  networkRm(ref: string): Network {
    const n = this.findNetwork(ref);
    if (!n) throw new DockerError(`network ${ref} not found`);
    if (n.driver === 'overlay') {
      const s = swarmOf(this);
      if (n.name === 'ingress') throw new DockerError('ingress network cannot be removed');
      const inUse = allDaemonsOf(this).some((dd) => [...dd.containers.values()].some((c) => c.endpoints.some((e) => e.network === n)));
      if (inUse) throw new DockerError(`rpc error: code = FailedPrecondition desc = network ${n.id} is in use by task`);
      if (s) s.networks.splice(s.networks.indexOf(n), 1);
      return n;
    }
    if (n.driver === 'host' || n.driver === 'null' || n.isDefault) throw new DockerError(`${n.name} is a pre-defined network and cannot be removed`);
    const users = [...this.containers.values()].filter((c) => c.endpoints.some((e) => e.network === n));
    if (users.length > 0) throw new DockerError(`error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    if (n.driver === 'bridge') this.teardownBridge(n);
    // A VLAN parent the driver created goes with its network (delVlanLink).
    const createdParent = this.createdParents.get(n.id);
    if (createdParent !== undefined) {
      this.createdParents.delete(n.id);
      if (this.hostNs.device(createdParent)) this.host(`ip link del ${createdParent}`);
    }
    this.networks.delete(n.id);
    return n;
  }

  // ---- containers ---------------------------------------------------------------------

  findContainer(ref: string): Container | null {
    for (const c of this.containers.values()) if (c.name === ref || c.id === ref) return c;
    const byPrefix = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
    return byPrefix.length === 1 ? byPrefix[0] : null;
  }

  mustContainer(ref: string): Container {
    const c = this.findContainer(ref);
    if (!c) throw new DockerError(`No such container: ${ref}`);
    return c;
  }

  containerCreate(o: ContainerCreateOptions): Container {
    this.start();
    const image = findImage(o.image);
    if (!image) throw new DockerError(`pull access denied for ${o.image.replace(/:.*/, '')}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    const id = this.hex(64);
    const name = o.name ?? randomName(this);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new DockerError(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const clash = [...this.containers.values()].find((c) => c.name === name);
    if (clash) throw new DockerError(`Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    const mode = parseMode(o.network);
    const networks: Container['networks'] = [];
    if (mode.kind === 'bridge' || mode.kind === 'named') {
      const n = this.findNetwork(mode.network);
      if (!n) throw new DockerError(`network ${mode.network} not found`);
      if (o.aliases.length && n.isDefault) throw new DockerError('network-scoped alias is supported only for containers in user defined networks');
      let ip: Ipv4 | null = null;
      if (o.ip) {
        if (n.isDefault) throw new DockerError('user specified IP address is supported on user defined networks only');
        ip = parseIpv4(o.ip);
        if (ip === null) throw new DockerError(`invalid IPv4 address: ${o.ip}`);
      }
      networks.push({ network: n, aliases: o.aliases, ip });
    }
    if (mode.kind === 'container' && !this.findContainer(mode.of)) throw new DockerError(`No such container: ${mode.of}`);
    const portSpecs = o.ports.flatMap((p) => parsePortSpec(p));
    const links = o.links.map((l) => {
      const [ln, alias] = l.split(':');
      if (!this.findContainer(ln)) throw new DockerError(`could not get container for ${ln}`);
      return { name: ln, alias: alias ?? ln };
    });
    const fs = new FileSystem();
    if (image.busybox) fs.write('/bin/busybox', '');
    const c: Container = {
      id,
      name,
      imageRef: o.image,
      image,
      hostname: o.hostname ?? id.slice(0, 12),
      created: this.kernel.now,
      state: 'created',
      exitCode: 0,
      startedAt: null,
      finishedAt: null,
      mode,
      networks,
      endpoints: [],
      ports: [],
      portSpecs,
      publishAll: o.publishAll,
      links,
      dns: o.dns.map((d) => parseIpv4(d)).filter((d): d is Ipv4 => d !== null),
      env: o.env,
      cmd: o.cmd,
      ns: null,
      pid: null,
      fs,
      logs: [],
      procs: [],
      autoRemove: o.autoRemove,
      interactive: o.interactive,
      cleanups: [],
    };
    this.containers.set(id, c);
    return c;
  }

  containerStart(c: Container): void {
    if (c.state === 'running') return;
    const k = this.kernel;
    // containerd-shim starts first; it is the parent of the container's first process.
    const shim = k.allocPid();
    if (c.mode.kind === 'host') {
      c.ns = k.root;
      c.pid = null;
    } else if (c.mode.kind === 'container') {
      const other = this.mustContainer(c.mode.of);
      if (other.state !== 'running' || !other.ns) throw new DockerError(`cannot join network of a non running container: ${other.id}`);
      c.ns = other.ns;
    } else {
      const { ns, pid } = k.addProcessNs(c.name);
      c.ns = ns;
      c.pid = pid;
      this.steps.push({ where: 'host', cmd: `# the runtime creates the network namespace of ${c.name} (pid ${pid})`, netns: { op: 'add', pid } });
      this.inside(c, 'ip link set lo up');
    }
    c.state = 'running';
    c.startedAt = k.now;
    // The container's processes: the first one is the one that made the namespace.
    c.procs = [];
    for (const p of imageProcessTree(c.image, c.cmd)) {
      const pid = p.parent === null && c.pid !== null && c.procs.length === 0 ? c.pid : k.allocPid();
      c.procs.push({ uid: p.uid, pid, ppid: p.parent === null ? shim : c.procs[p.parent].pid, cmd: p.cmd });
    }
    try {
      holdGateway(c);
      for (const [i, att] of c.networks.entries()) this.attach(c, att.network, att.aliases, att.ip, i);
      releaseGateway(this, c);
      this.publishPorts(c);
    } catch (e) {
      this.containerStop(c, 128);
      throw e;
    }
    writeEtcFiles(this, c);
    startContainerServices(this, c);
    if (c.endpoints.some((e) => e.network.driver === 'overlay')) syncLoadBalancing(this);
    if (!c.image.longRunning && !c.interactive && c.cmd.length === 0) this.containerStop(c, 0);
  }

  /** Connect a running container to a bridge network: veth pair, address, routes. */
  attach(c: Container, n: Network, aliases: string[], wantIp: Ipv4 | null, index: number): Endpoint {
    if (n.driver === 'overlay') {
      // Swarm tasks join their service's networks (ingress too); other containers need --attachable.
      if (!n.attachable && c.service === undefined) throw new DockerError(`Could not attach to network ${n.name}: rpc error: code = PermissionDenied desc = network ${n.name} not manually attachable`);
      return attachOverlay(this, c, n, aliases, wantIp, index);
    }
    if ((n.driver !== 'bridge' && n.driver !== 'macvlan' && n.driver !== 'ipvlan') || !n.pool || !n.subnet) throw new DockerError(`network ${n.name} cannot be attached to`);
    let ip: Ipv4 | null;
    if (wantIp !== null) {
      if (!contains(n.subnet, wantIp)) throw new DockerError(`no configured subnet or ip-range contain the IP address ${formatIpv4(wantIp)}`);
      if (!n.pool.reserve(wantIp)) throw new DockerError(`Address already in use`);
      ip = wantIp;
    } else ip = n.pool.allocate();
    if (ip === null) throw new DockerError(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
    const mac = macFromIp(ip);
    const ifname = `eth${index}`;
    const hostVeth = `veth${this.hex(7)}`;
    const tmp = `veth${this.hex(7)}`;
    const ep: Endpoint = { id: this.hex(64), network: n, ip, mac, ifname, hostVeth: n.driver === 'macvlan' || n.driver === 'ipvlan' ? null : hostVeth, aliases, links: c.links };
    const ipvlanMode = n.options.ipvlan_mode ?? 'l2';
    if (n.driver === 'ipvlan') {
      // createIPVlan: an ipvlan slave of the parent, moved into the container. It keeps the
      // parent's MAC (the driver refuses a MAC of its own), so none is set below.
      this.host(`ip link add ${tmp} link ${n.options.parent} type ipvlan mode ${ipvlanMode} ${n.options.ipvlan_flag ?? 'bridge'}`);
      ep.mac = (this.hostNs.device(tmp) as NetDevice).mac;
    } else if (n.driver === 'macvlan') {
      // The macvlan is made on the host's parent, then moved into the container.
      ep.hostVeth = null;
      this.host(`ip link add ${tmp} link ${n.options.parent} type macvlan mode ${n.options.macvlan_mode ?? 'bridge'}`);
    } else {
      const br = n.bridge as string;
      this.host(`ip link add ${hostVeth} type veth peer name ${tmp}`);
      if (n.mtu && n.mtu !== 1500) {
        this.host(`ip link set ${hostVeth} mtu ${n.mtu}`);
        this.host(`ip link set ${tmp} mtu ${n.mtu}`);
      }
      this.host(`ip link set ${hostVeth} master ${br}`);
      this.host(`ip link set ${hostVeth} up`);
    }
    this.host(`ip link set ${tmp} netns ${c.pid}`);
    this.inside(c, `ip link set ${tmp} name ${ifname}`);
    if (n.driver !== 'ipvlan') this.inside(c, `ip link set ${ifname} address ${formatMac(mac)}`);
    this.inside(c, `ip addr add ${formatIpv4(ip)}/${n.subnet.len} brd + dev ${ifname}`);
    this.inside(c, `ip link set ${ifname} up`);
    // The first non-internal bridge-like network gives the default route (never an overlay).
    const firstGateway = !n.internal && !c.endpoints.some((e) => !e.network.internal && e.network.driver !== 'overlay');
    // ipvlan L3/L3S: DisableGatewayService and a connected default route, `default dev eth0`.
    if (n.driver === 'ipvlan' && ipvlanMode !== 'l2') {
      if (firstGateway) this.inside(c, `ip route add default dev ${ifname}`);
    } else if (firstGateway && n.gateway !== null) this.inside(c, `ip route add default via ${formatIpv4(n.gateway)}`);
    c.endpoints.push(ep);
    return ep;
  }

  detach(c: Container, ep: Endpoint): void {
    if (ep.network.driver === 'overlay') {
      detachOverlay(this, c, ep);
      return;
    }
    if (ep.hostVeth && this.hostNs.device(ep.hostVeth)) this.host(`ip link del ${ep.hostVeth}`);
    else if (!ep.hostVeth && c.ns && c.ns.device(ep.ifname)) this.inside(c, `ip link del ${ep.ifname}`);
    ep.network.pool?.release(ep.ip);
    c.endpoints = c.endpoints.filter((e) => e !== ep);
  }

  containerStop(c: Container, exitCode = 0): void {
    if (c.state !== 'running') return;
    for (const f of c.cleanups.splice(0)) f();
    this.unpublishPorts(c);
    for (const ep of [...c.endpoints]) this.detach(c, ep);
    if (c.pid !== null) {
      this.steps.push({ where: 'host', cmd: `# ${c.name} exits: its network namespace goes (pid ${c.pid})`, netns: { op: 'del', pid: c.pid } });
      this.kernel.releaseProcessNs(c.pid);
    }
    c.ns = null;
    c.pid = null;
    c.procs = [];
    c.state = 'exited';
    c.exitCode = exitCode;
    c.finishedAt = this.kernel.now;
    if (c.autoRemove) this.containers.delete(c.id);
  }

  containerRm(c: Container, force: boolean): void {
    if (c.state === 'running') {
      if (!force) throw new DockerError(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
      this.containerStop(c, 137);
    }
    this.containers.delete(c.id);
  }

  /** `docker network connect`. */
  connect(c: Container, n: Network, aliases: string[], ip: Ipv4 | null): void {
    if (c.networks.some((x) => x.network === n)) throw new DockerError(`endpoint with name ${c.name} already exists in network ${n.name}`);
    c.networks.push({ network: n, aliases, ip });
    if (c.state === 'running') this.attach(c, n, aliases, ip, c.endpoints.length);
    writeEtcFiles(this, c);
  }

  disconnect(c: Container, n: Network): void {
    const i = c.networks.findIndex((x) => x.network === n);
    if (i < 0) throw new DockerError(`container ${c.id} is not connected to network ${n.name}`);
    c.networks.splice(i, 1);
    const ep = c.endpoints.find((e) => e.network === n);
    if (ep) this.detach(c, ep);
  }

  // ---- ports --------------------------------------------------------------------------

  private allocatePort(proto: string, want: number, hostIp: Ipv4 | null): number {
    const key = (p: number): string => `${proto}/${hostIp ?? 0}/${p}`;
    const anyKey = (p: number): string => `${proto}/0/${p}`;
    if (want !== 0) {
      if (this.allocatedPorts.has(key(want)) || this.allocatedPorts.has(anyKey(want))) throw new DockerError(`Bind for ${hostIp === null ? '0.0.0.0' : formatIpv4(hostIp)}:${want} failed: port is already allocated`);
      this.allocatedPorts.add(key(want));
      return want;
    }
    // Sequential from the start of ip_local_port_range (portallocator).
    const [lo, hi] = (this.hostNs.sysctl.get('net.ipv4.ip_local_port_range') ?? '32768\t60999').split(/\s+/).map(Number);
    for (let i = 0; i <= hi - lo; i++) {
      const p = this.lastEphemeral === 0 ? lo + i : lo + ((this.lastEphemeral - lo + 1 + i) % (hi - lo + 1));
      if (!this.allocatedPorts.has(key(p)) && !this.allocatedPorts.has(anyKey(p))) {
        this.allocatedPorts.add(key(p));
        this.lastEphemeral = p;
        return p;
      }
    }
    throw new DockerError('all ports are allocated');
  }

  private publishPorts(c: Container): void {
    const specs = [...c.portSpecs];
    if (c.publishAll) for (const e of c.image.expose) if (!specs.some((s) => s.containerPort === e.port && s.proto === e.proto)) specs.push({ hostIp: null, hostPort: 0, containerPort: e.port, proto: e.proto });
    if (specs.length === 0) return;
    if (c.mode.kind === 'host') return;
    const ep = c.endpoints.find((e) => e.network.driver === 'bridge' && !e.network.internal);
    if (!ep) return;
    const br = ep.network.bridge as string;
    const ip = formatIpv4(ep.ip);
    for (const s of specs) {
      let hostPort: number;
      try {
        hostPort = this.allocatePort(s.proto, s.hostPort, s.hostIp);
      } catch (e) {
        throw new DockerError(`driver failed programming external connectivity on endpoint ${c.name} (${ep.id}): ${(e as Error).message}`);
      }
      const b: PortBinding = { ...s, hostPort };
      c.ports.push(b);
      const d = s.hostIp === null ? '' : `-d ${formatIpv4(s.hostIp)}/32 `;
      this.host(`iptables -t nat -A DOCKER ${d}! -i ${br} -p ${s.proto} -m ${s.proto} --dport ${hostPort} -j DNAT --to-destination ${ip}:${s.containerPort}`);
      this.host(`iptables -A DOCKER -d ${ip}/32 ! -i ${br} -o ${br} -p ${s.proto} -m ${s.proto} --dport ${s.containerPort} -j ACCEPT`);
      this.host(`iptables -t nat -A POSTROUTING -s ${ip}/32 -d ${ip}/32 -p ${s.proto} -m ${s.proto} --dport ${s.containerPort} -j MASQUERADE`);
    }
  }

  private unpublishPorts(c: Container): void {
    const ep = c.endpoints.find((e) => e.network.driver === 'bridge' && !e.network.internal);
    for (const b of c.ports) {
      this.allocatedPorts.delete(`${b.proto}/${b.hostIp ?? 0}/${b.hostPort}`);
      if (!ep) continue;
      const br = ep.network.bridge as string;
      const ip = formatIpv4(ep.ip);
      const d = b.hostIp === null ? '' : `-d ${formatIpv4(b.hostIp)}/32 `;
      this.host(`iptables -t nat -D DOCKER ${d}! -i ${br} -p ${b.proto} -m ${b.proto} --dport ${b.hostPort} -j DNAT --to-destination ${ip}:${b.containerPort}`);
      this.host(`iptables -D DOCKER -d ${ip}/32 ! -i ${br} -o ${br} -p ${b.proto} -m ${b.proto} --dport ${b.containerPort} -j ACCEPT`);
      this.host(`iptables -t nat -D POSTROUTING -s ${ip}/32 -d ${ip}/32 -p ${b.proto} -m ${b.proto} --dport ${b.containerPort} -j MASQUERADE`);
    }
    c.ports = [];
  }

  /** How long ago, in Docker's words ("2 seconds ago", "About a minute ago"). */
  ago(t: number): string {
    return humanDuration(this.kernel.now - t) + ' ago';
  }
}

/** `02:42:` followed by the IPv4 address (GenerateMACFromIP, Docker ≤ 27). */
export function macFromIp(ip: Ipv4): Mac {
  return (0x0242 * 2 ** 32 + ip) as Mac;
}

/** drivers/ipvlan parseNetworkOptions: the -o options a network is refused for. */
function validateIpvlanOptions(o: Record<string, string>): void {
  const mode = o.ipvlan_mode ?? '';
  if (mode !== '' && mode !== 'l2' && mode !== 'l3' && mode !== 'l3s') throw new DockerError(`requested ipvlan mode '${mode}' is not valid, 'l2' mode is the ipvlan driver default`);
  const flag = o.ipvlan_flag ?? '';
  if (flag !== '' && flag !== 'bridge' && flag !== 'private' && flag !== 'vepa') throw new DockerError(`requested ipvlan flag '${flag}' is not valid, 'bridge' is the ipvlan driver default`);
  if (o.parent === 'lo') throw new DockerError('loopback interface is not a valid ipvlan parent link');
}

/** A CIDR as Docker's --subnet/--ip-range take it (validated with ip-cidr). */
function parseCidr(s: string): { addr: Ipv4; len: number } | null {
  if (!IPCIDR.isValidCIDR(s) || s.includes(':')) return null;
  const c = new IPCIDR(s);
  const a = parseIpv4(s.split('/')[0]);
  return a === null ? null : { addr: a, len: c.addressStart.subnetMask };
}

function parseMode(network: string | null): NetworkMode {
  if (network === null || network === 'bridge' || network === 'default') return { kind: 'bridge', network: 'bridge' };
  if (network === 'host') return { kind: 'host' };
  if (network === 'none') return { kind: 'none' };
  if (network.startsWith('container:')) return { kind: 'container', of: network.slice('container:'.length) };
  return { kind: 'named', network };
}

/** `-p [IP:][HOSTPORT:]CPORT[/proto]`, with ranges on both sides. */
export function parsePortSpec(spec: string): PortBinding[] {
  const [main, protoRaw] = spec.split('/');
  const proto = (protoRaw ?? 'tcp') as 'tcp' | 'udp';
  if (proto !== 'tcp' && proto !== 'udp') throw new DockerError(`invalid proto: ${protoRaw}`);
  const parts = main.split(':');
  let hostIp: Ipv4 | null = null;
  let hostPart = '';
  let cPart: string;
  if (parts.length === 1) cPart = parts[0];
  else if (parts.length === 2) [hostPart, cPart] = parts;
  else if (parts.length === 3) {
    const ip = parseIpv4(parts[0]);
    if (ip === null) throw new DockerError(`invalid IP address: ${parts[0]}`);
    hostIp = ip;
    hostPart = parts[1];
    cPart = parts[2];
  } else throw new DockerError(`invalid publish opts format (should be name=value but got '${spec}')`);
  const range = (s: string): [number, number] | null => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return null;
    return [Number(m[1]), Number(m[2] ?? m[1])];
  };
  const cr = range(cPart);
  if (!cr || cr[0] < 1 || cr[1] > 65535) throw new DockerError(`invalid containerPort: ${cPart}`);
  const hr = hostPart === '' ? null : range(hostPart);
  if (hostPart !== '' && !hr) throw new DockerError(`invalid hostPort: ${hostPart}`);
  const out: PortBinding[] = [];
  for (let p = cr[0]; p <= cr[1]; p++) out.push({ hostIp, hostPort: hr ? hr[0] + (p - cr[0]) : 0, containerPort: p, proto });
  return out;
}

function humanDuration(ns: number): string {
  const s = Math.floor(ns / SEC);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  return h === 1 ? 'About an hour' : `${h} hours`;
}

export function humanUp(ns: number): string {
  return humanDuration(ns);
}

const ADJECTIVES = ['admiring', 'brave', 'clever', 'dazzling', 'eager', 'focused', 'gracious', 'happy', 'jolly', 'keen', 'loving', 'modest', 'nifty', 'optimistic', 'peaceful', 'quirky', 'relaxed', 'serene', 'trusting', 'vibrant', 'wizardly', 'zealous'];
const SCIENTISTS = ['albattani', 'bohr', 'curie', 'darwin', 'einstein', 'feynman', 'galileo', 'hopper', 'johnson', 'kepler', 'lovelace', 'meitner', 'newton', 'noether', 'pasteur', 'ritchie', 'shannon', 'tesla', 'turing', 'wozniak'];

/** namesgenerator.GetRandomName: adjective_scientist, from the seeded RNG. */
function randomName(d: DockerDaemon): string {
  for (;;) {
    const n = `${ADJECTIVES[d.kernel.rng.u32() % ADJECTIVES.length]}_${SCIENTISTS[d.kernel.rng.u32() % SCIENTISTS.length]}`;
    if (!d.findContainer(n)) return n;
  }
}

/** /etc/hosts, /etc/resolv.conf and /etc/hostname as Docker writes them for a container. */
export function writeEtcFiles(d: DockerDaemon, c: Container): void {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::\tip6-localnet', 'ff00::\tip6-mcastprefix', 'ff02::1\tip6-allnodes', 'ff02::2\tip6-allrouters'];
  for (const l of c.links) {
    const other = d.findContainer(l.name);
    const ep = other?.endpoints[0];
    // "<ip>\t<alias> <hostname> <name>", each name once (e.g. "172.17.0.5\twebdb 6e5cdeb2d300 db").
    if (other && ep) lines.push(`${formatIpv4(ep.ip)}\t${[...new Set([l.alias, other.hostname, other.name])].join(' ')}`);
  }
  if (c.mode.kind === 'host') {
    c.fs.write('/etc/hosts', d.hostFs.readText('/etc/hosts') ?? '');
  } else {
    for (const ep of c.endpoints) lines.push(`${formatIpv4(ep.ip)}\t${c.hostname}`);
    c.fs.write('/etc/hosts', lines.join('\n') + '\n');
  }
  c.fs.write('/etc/hostname', `${c.hostname}\n`);
  const userDefined = c.endpoints.some((e) => !e.network.isDefault);
  if (userDefined) {
    // --dns servers replace the host's as the embedded resolver's upstreams (ExtServers).
    const ext = c.dns.length ? c.dns.map((x) => formatIpv4(x)) : [formatIpv4(d.upstreamDns())];
    const overrides = c.dns.length ? 'nameservers' : '';
    c.fs.write('/etc/resolv.conf', `# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver 127.0.0.11\noptions ndots:0\n\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n# ExtServers: [${ext.join(' ')}]\n# Overrides: [${overrides}]\n# Option ndots from: internal\n`);
  } else {
    const servers = c.dns.length ? c.dns.map((x) => formatIpv4(x)) : ['8.8.8.8'];
    c.fs.write('/etc/resolv.conf', servers.map((s) => `nameserver ${s}`).join('\n') + '\n');
  }
}

/**
 * The host's uplink: a fresh machine has eth0 on a LAN (192.168.1.0/24) whose router leads
 * to a stand-in internet (a DNS server at 8.8.8.8, a web server at 93.184.216.34).
 */
function ensureUplink(d: DockerDaemon): void {
  const k = d.kernel;
  // Other hosts (namespaces) are wired by the scenario; only the machine itself gets a default uplink.
  if (d.hostNs !== k.root || k.root.device('eth0')) return;
  const sh = d.shell;
  const must = (cmd: string, ns = k.root): void => {
    const r = sh.run(cmd, ns);
    if (r.exitCode !== 0) throw new Error(`uplink: ${cmd}: ${r.output}`);
  };
  const { ns: inet, pid } = k.addProcessNs('internet');
  must(`ip link add eth0 type veth peer name lan0`);
  must(`ip link set lan0 netns ${pid}`);
  must('ip addr add 192.168.1.11/24 dev eth0');
  must('ip link set eth0 up');
  must('ip link set lo up');
  must('ip route add default via 192.168.1.1');
  must('ip link set lo up', inet);
  must('ip addr add 192.168.1.1/24 dev lan0', inet);
  must('ip link set lan0 up', inet);
  must('ip addr add 8.8.8.8/32 dev lo', inet);
  // Other public resolvers a tutorial may pass with --dns.
  must('ip addr add 1.1.1.1/32 dev lo', inet);
  must('ip addr add 9.9.9.9/32 dev lo', inet);
  must('ip addr add 93.184.216.34/32 dev lo', inet);
  d.uplink = { ns: inet, pid };
  startInternetServices(d);
}

/**
 * What Docker did, as a script a person can replay on a real machine: container namespaces
 * become named ones (`ip netns add NAME`), commands inside them run with `ip netns exec`.
 */
export function explainSteps(steps: DockerStep[]): string {
  const names = new Map<number, string>();
  const out: string[] = [];
  for (const s of steps) {
    if (s.netns) {
      const name = s.cmd.match(/of (\S+) \(pid|# (\S+) exits/)?.slice(1).find((x) => x) ?? `pid${s.netns.pid}`;
      if (s.netns.op === 'add') {
        names.set(s.netns.pid, name);
        out.push(`ip netns add ${name}`);
      } else out.push(`ip netns del ${names.get(s.netns.pid) ?? name}`);
      continue;
    }
    let cmd = s.cmd.replace(/ netns (\d+)$/, (m, pid: string) => ` netns ${names.get(Number(pid)) ?? pid}`);
    if (s.where !== 'host') cmd = `ip netns exec ${s.where} ${cmd}`;
    out.push(cmd);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** Every daemon of the machine's swarm-capable hosts (for overlay bookkeeping). */
export function allDaemonsOf(d: DockerDaemon): DockerDaemon[] {
  const s = swarmOf(d);
  return s ? s.nodes.map((n) => n.daemon) : [d];
}
