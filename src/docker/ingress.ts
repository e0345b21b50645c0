import { type Ipv4, formatIpv4 } from '../engine/addr/ipv4.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { FileSystem } from '../shell/fs.ts';
import { type DockerDaemon, DockerError } from './daemon.ts';
import { formatSubnet } from './ipam.ts';
import type { Container, Network } from './model.ts';
import { attachOverlay, overlayNetnsByKey, registerLbSandbox } from './overlay.ts';
import type { SwarmService } from './service.ts';
import { type Swarm, swarmOf } from './swarm.ts';

/**
 * The swarm routing mesh (libnetwork service_linux.go, Engine 27): a service's published
 * port answers on every node. Each node has a load-balancer namespace, ingress-sbox, with
 * eth0 on the `ingress` overlay (10.0.0.0/24) and eth1 on docker_gwbridge. The host DNATs
 * the published port to ingress-sbox's docker_gwbridge address (nat DOCKER-INGRESS); there
 * mangle PREROUTING marks it with the service's fwmark, IPVS balances the mark round robin
 * over the tasks' ingress addresses on all nodes, and `-m ipvs --ipvs` SNAT makes the replies
 * come back through it. Each task REDIRECTs the published port to its target port.
 *
 * ingress-sbox is made on a node when the node first needs it (the first published port in
 * the swarm, or joining a swarm that has one); real Docker makes it at init/join.
 */

/** One `--publish` of a service: the port every node answers on, and the task's port. */
export interface IngressPort {
  proto: 'tcp' | 'udp';
  /** 0 until the swarm picks one (a `-p TARGET` without a published port). */
  published: number;
  target: number;
}

/** `-p [PUBLISHED:]TARGET[/PROTO]` or `published=P,target=T[,protocol=tcp|udp][,mode=ingress]`. */
export function parsePublish(spec: string): IngressPort {
  if (spec.includes('=')) {
    const kv = new Map<string, string>();
    for (const part of spec.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) throw new DockerError(`invalid field '${part}' must be a key=value pair`);
      kv.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    for (const k of kv.keys()) if (!['published', 'target', 'protocol', 'mode'].includes(k)) throw new DockerError(`invalid field key ${k}`);
    const mode = kv.get('mode') ?? 'ingress';
    if (mode !== 'ingress') throw new DockerError(`publish mode "${mode}" is not modelled by this simulator: only the ingress routing mesh (mode=ingress)`);
    const proto = (kv.get('protocol') ?? 'tcp').toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp') throw new DockerError(`invalid protocol value '${proto}'`);
    const target = port(kv.get('target') ?? '', 'target');
    if (target === 0) throw new DockerError('missing mandatory field "target"');
    const published = kv.has('published') ? port(kv.get('published')!, 'published') : 0;
    return { proto, published, target };
  }
  const m = /^(?:(\d+):)?(\d+)(?:\/(\w+))?$/.exec(spec);
  if (!m) throw new DockerError(`invalid argument "${spec}" for "-p, --publish" flag: invalid publish opts format (should be name=value but got '${spec}')`);
  const proto = (m[3] ?? 'tcp').toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp') throw new DockerError(`invalid argument "${spec}" for "-p, --publish" flag: invalid proto: ${proto}`);
  return { proto, published: m[1] === undefined ? 0 : port(m[1], 'published'), target: port(m[2], 'target') };
}

function port(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new DockerError(`invalid ${what} port: ${text}`);
  return n;
}

/** `*:8080->80/tcp`, as `docker service ls` shows the ports. */
export function formatIngressPorts(ports: readonly IngressPort[]): string {
  return ports.map((p) => `*:${p.published}->${p.target}/${p.proto}`).join(', ');
}

/** Fill in dynamic published ports (from 30000, as swarm's port allocator) and refuse clashes. */
export function allocateIngressPorts(services: readonly SwarmService[], ports: IngressPort[]): IngressPort[] {
  const used = new Map<string, SwarmService>();
  for (const svc of services) for (const p of svc.ports) used.set(`${p.published}/${p.proto}`, svc);
  const out: IngressPort[] = [];
  for (const p of ports) {
    let published = p.published;
    if (published === 0) {
      published = 30000;
      while (used.has(`${published}/${p.proto}`) || out.some((o) => o.published === published && o.proto === p.proto)) published++;
      if (published > 32767) throw new DockerError('rpc error: code = ResourceExhausted desc = no more dynamic ports available');
    }
    const other = used.get(`${published}/${p.proto}`);
    if (other) throw new DockerError(`rpc error: code = InvalidArgument desc = port '${published}' is already in use by service '${other.name}' (${other.id}) as an ingress port`);
    if (out.some((o) => o.published === published && o.proto === p.proto)) throw new DockerError(`rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports provided`);
    out.push({ ...p, published });
  }
  return out;
}

export function ingressNetwork(s: Swarm): Network | undefined {
  return s.networks.find((n) => n.name === 'ingress');
}

/** A service's load balancing as programmed in one node's ingress-sbox. */
interface ProgrammedService {
  vip: Ipv4;
  ports: IngressPort[];
  reals: Ipv4[];
}

interface IngressSandbox {
  /** The sandbox, held like a container's (not one of the daemon's containers). */
  c: Container;
  /** Its address on the ingress network (eth0): the source of what it sends to the tasks. */
  ip: Ipv4;
  /** Its address on docker_gwbridge (eth1): where the host DNATs published ports. */
  gwIp: Ipv4;
  subnet: string;
  hostReady: boolean;
  snat: boolean;
  /** Published ports whose host rules are in place, by "PORT/PROTO". */
  ports: Map<string, IngressPort>;
  services: Map<SwarmService, ProgrammedService>;
}

const sboxes = new WeakMap<DockerDaemon, IngressSandbox>();

const SANDBOX_IMAGE = { name: 'ingress-sbox', expose: [], serves: null, cmd: '', busybox: false, longRunning: true } as const;

/** This node's ingress-sbox, made (namespace, eth0 on ingress, eth1 on docker_gwbridge) if needed. */
export function ensureIngressSandbox(d: DockerDaemon): IngressSandbox {
  const have = sboxes.get(d);
  if (have) return have;
  const s = swarmOf(d);
  const n = s ? ingressNetwork(s) : undefined;
  if (!s || !n || !n.subnet) throw new DockerError('network ingress not found');
  const { ns, pid } = d.kernel.addProcessNs('ingress_sbox');
  d.steps.push({ where: d.hostLabel(), cmd: `# the routing mesh's load balancer gets the network namespace of ingress-sbox (pid ${pid})`, netns: { op: 'add', pid } });
  const now = d.kernel.now;
  const c: Container = {
    id: d.hex(64),
    name: 'ingress-sbox',
    imageRef: '',
    image: { ...SANDBOX_IMAGE, expose: [] },
    hostname: '',
    created: now,
    state: 'running',
    exitCode: 0,
    startedAt: now,
    finishedAt: null,
    mode: { kind: 'named', network: 'ingress' },
    networks: [],
    endpoints: [],
    ports: [],
    portSpecs: [],
    publishAll: false,
    links: [],
    dns: [],
    env: [],
    cmd: [],
    ns,
    pid,
    fs: new FileSystem(),
    logs: [],
    autoRemove: false,
    interactive: false,
    cleanups: [],
    procs: [],
  };
  registerLbSandbox(d, c);
  d.inside(c, 'ip link set lo up');
  // eth0 "ingress-endpoint" on the overlay; attaching it adds eth1 on docker_gwbridge.
  const ep = attachOverlay(d, c, n, [], null, 0);
  const gw = c.endpoints.find((e) => e.network.name === 'docker_gwbridge');
  if (!gw) throw new Error('docker model: ingress-sbox has no docker_gwbridge endpoint');
  // Replies from the tasks are routed back out of eth1 (IPVS's ip_vs_out works on FORWARD).
  d.inside(c, 'sysctl -w net.ipv4.ip_forward=1');
  const sb: IngressSandbox = { c, ip: ep.ip, gwIp: gw.ip, subnet: formatSubnet(n.subnet), hostReady: false, snat: false, ports: new Map(), services: new Map() };
  sboxes.set(d, sb);
  return sb;
}

/** The network namespace behind /var/run/docker/netns/KEY on this node (nsenter --net=). */
export function dockerNetnsByKey(d: DockerDaemon, key: string): NetNs | undefined {
  if (key === 'ingress_sbox') return sboxes.get(d)?.c.ns ?? undefined;
  for (const c of d.containers.values()) if (c.pid !== null && c.ns && c.id.slice(0, 12) === key) return c.ns;
  return overlayNetnsByKey(d, key);
}

/** The ingress-sbox of a node, if it has one (for `docker network inspect ingress`). */
export function ingressSandboxEndpoint(d: DockerDaemon): { id: string; ep: Container['endpoints'][number] } | undefined {
  const sb = sboxes.get(d);
  const ep = sb?.c.endpoints.find((e) => e.network.name === 'ingress');
  return sb && ep ? { id: sb.c.id, ep } : undefined;
}

/** A command that only looks (iptables -C/-L): not one of Docker's recorded steps. */
function quietly(d: DockerDaemon, cmd: string, ns: NetNs = d.hostNs): boolean {
  return d.shell.run(cmd, ns, d.hostFs, { still: true }).exitCode === 0;
}

/** initIngressConfiguration: the DOCKER-INGRESS chains and jumps, once per node. */
function initHost(d: DockerDaemon, sb: IngressSandbox): void {
  if (sb.hostReady) return;
  sb.hostReady = true;
  if (!quietly(d, 'iptables -t nat -n -L DOCKER-INGRESS')) {
    d.host('iptables -t nat -N DOCKER-INGRESS');
    d.host('iptables -t nat -A DOCKER-INGRESS -j RETURN');
  }
  for (const chain of ['OUTPUT', 'PREROUTING']) {
    const rule = `${chain} -m addrtype --dst-type LOCAL -j DOCKER-INGRESS`;
    if (!quietly(d, `iptables -t nat -C ${rule}`)) d.host(`iptables -t nat -I ${rule}`);
  }
  if (!quietly(d, 'iptables -n -L DOCKER-INGRESS')) {
    d.host('iptables -N DOCKER-INGRESS');
    d.host('iptables -A DOCKER-INGRESS -j RETURN');
  }
  // arrangeIngressFilterRule, then arrangeUserFilterRule: DOCKER-USER first, DOCKER-INGRESS next.
  if (quietly(d, 'iptables -C FORWARD -j DOCKER-INGRESS')) d.host('iptables -D FORWARD -j DOCKER-INGRESS');
  d.host('iptables -I FORWARD -j DOCKER-INGRESS');
  if (quietly(d, 'iptables -C FORWARD -j DOCKER-USER')) {
    d.host('iptables -D FORWARD -j DOCKER-USER');
    d.host('iptables -I FORWARD -j DOCKER-USER');
  }
  // Connections from the host itself (curl localhost:8080) leave with docker_gwbridge's address.
  d.host('sysctl -w net.ipv4.conf.docker_gwbridge.route_localnet=1');
  const masq = 'POSTROUTING -m addrtype --src-type LOCAL -o docker_gwbridge -j MASQUERADE';
  if (!quietly(d, `iptables -t nat -C ${masq}`)) d.host(`iptables -t nat -I ${masq}`);
}

/** The three host rules of a published port (programIngress, inserted at the chains' top). */
function hostPortRules(sb: IngressSandbox, p: IngressPort): string[] {
  return [
    `-t nat %s DOCKER-INGRESS -p ${p.proto} --dport ${p.published} -j DNAT --to-destination ${formatIpv4(sb.gwIp)}:${p.published}`,
    `%s DOCKER-INGRESS -m state -p ${p.proto} --sport ${p.published} --state ESTABLISHED,RELATED -j ACCEPT`,
    `%s DOCKER-INGRESS -p ${p.proto} --dport ${p.published} -j ACCEPT`,
  ];
}

function addHostPort(d: DockerDaemon, sb: IngressSandbox, p: IngressPort): void {
  const key = `${p.published}/${p.proto}`;
  if (sb.ports.has(key)) return;
  initHost(d, sb);
  for (const r of hostPortRules(sb, p)) d.host(`iptables ${r.replace('%s', '-I')}`);
  sb.ports.set(key, p);
}

function delHostPort(d: DockerDaemon, sb: IngressSandbox, p: IngressPort): void {
  const key = `${p.published}/${p.proto}`;
  if (!sb.ports.delete(key)) return;
  for (const r of hostPortRules(sb, p)) d.host(`iptables ${r.replace('%s', '-D')}`);
}

function inSbox(d: DockerDaemon, sb: IngressSandbox, cmd: string): void {
  d.inside(sb.c, cmd);
}

/** addLBBackend's first backend: the VIP alias, the host's ports, the marks, the IPVS service. */
function addService(d: DockerDaemon, sb: IngressSandbox, svc: SwarmService): ProgrammedService {
  const vip = svc.ingressVip!;
  const mark = svc.fwmark;
  inSbox(d, sb, `ip addr add ${formatIpv4(vip)}/32 dev eth0`);
  for (const p of svc.ports) addHostPort(d, sb, p);
  // configureFWMark: mark the published ports (and the VIP); SNAT what IPVS sends to the tasks.
  for (const p of svc.ports) inSbox(d, sb, `iptables -t mangle -A PREROUTING -p ${p.proto} --dport ${p.published} -j MARK --set-mark ${mark}`);
  if (!sb.snat) {
    sb.snat = true;
    inSbox(d, sb, `iptables -t nat -A POSTROUTING -m ipvs --ipvs -d ${sb.subnet} -j SNAT --to-source ${formatIpv4(sb.ip)}`);
  }
  inSbox(d, sb, `iptables -t mangle -A INPUT -d ${formatIpv4(vip)}/32 -j MARK --set-mark ${mark}`);
  inSbox(d, sb, `ipvsadm -A -f ${mark} -s rr`);
  // Keep the connection tracked through IPVS, so that the SNAT above is undone on the replies.
  if (d.shell.run('sysctl -n net.ipv4.vs.conntrack', sb.c.ns!, d.hostFs, { still: true }).output.trim() !== '1') inSbox(d, sb, 'sysctl -w net.ipv4.vs.conntrack=1');
  const ps: ProgrammedService = { vip, ports: [...svc.ports], reals: [] };
  sb.services.set(svc, ps);
  return ps;
}

/** rmLBBackend for the last backend: the IPVS service, the host's ports, the marks, the alias. */
function removeService(d: DockerDaemon, sb: IngressSandbox, svc: SwarmService, ps: ProgrammedService): void {
  const mark = svc.fwmark;
  for (const r of ps.reals) inSbox(d, sb, `ipvsadm -d -f ${mark} -r ${formatIpv4(r)}:0`);
  inSbox(d, sb, `ipvsadm -D -f ${mark}`);
  for (const p of ps.ports) delHostPort(d, sb, p);
  for (const p of ps.ports) inSbox(d, sb, `iptables -t mangle -D PREROUTING -p ${p.proto} --dport ${p.published} -j MARK --set-mark ${mark}`);
  inSbox(d, sb, `iptables -t mangle -D INPUT -d ${formatIpv4(ps.vip)}/32 -j MARK --set-mark ${mark}`);
  inSbox(d, sb, `ip addr del ${formatIpv4(ps.vip)}/32 dev eth0`);
  sb.services.delete(svc);
}

/** The ingress addresses of a service's running tasks, on every node: IPVS's real servers. */
function taskAddrs(svc: SwarmService, ingress: Network): Ipv4[] {
  const out: Ipv4[] = [];
  for (const t of svc.tasks) {
    if (t.container.state !== 'running') continue;
    const ep = t.container.endpoints.find((e) => e.network === ingress);
    if (ep) out.push(ep.ip);
  }
  return out;
}

/**
 * Bring every node's routing mesh in line with the swarm's published services: ingress-sbox,
 * the host's DOCKER-INGRESS rules, and per service the marks and the IPVS service with one
 * real server per running task. The last published port goes without taking ingress-sbox.
 */
export function syncIngress(d: DockerDaemon, services: readonly SwarmService[]): void {
  const s = swarmOf(d);
  const ingress = s ? ingressNetwork(s) : undefined;
  if (!s || !ingress) return;
  const published = services.filter((x) => x.ports.length > 0 && x.ingressVip !== null);
  for (const node of s.nodes) {
    const nd = node.daemon;
    let sb = sboxes.get(nd);
    if (!sb) {
      if (published.length === 0) continue;
      sb = ensureIngressSandbox(nd);
    }
    for (const [svc, ps] of [...sb.services]) if (!published.includes(svc)) removeService(nd, sb, svc, ps);
    for (const svc of published) {
      const ps = sb.services.get(svc) ?? addService(nd, sb, svc);
      const want = taskAddrs(svc, ingress);
      for (const r of ps.reals.filter((x) => !want.includes(x))) inSbox(nd, sb, `ipvsadm -d -f ${svc.fwmark} -r ${formatIpv4(r)}:0`);
      for (const r of want.filter((x) => !ps.reals.includes(x))) inSbox(nd, sb, `ipvsadm -a -f ${svc.fwmark} -r ${formatIpv4(r)}:0 -m`);
      ps.reals = want;
    }
  }
}

/**
 * addRedirectRules in a task: the published port, arriving on the task's ingress address,
 * goes to the target port; only those connections may use the ingress address.
 */
export function programTaskRedirect(d: DockerDaemon, c: Container, ingress: Network, ports: readonly IngressPort[]): void {
  const ep = c.endpoints.find((e) => e.network === ingress);
  if (!ep || !c.ns || ports.length === 0) return;
  const ip = formatIpv4(ep.ip);
  for (const p of ports) {
    d.inside(c, `iptables -t nat -A PREROUTING -d ${ip} -p ${p.proto} --dport ${p.published} -j REDIRECT --to-port ${p.target}`);
    d.inside(c, `iptables -I INPUT -d ${ip} -p ${p.proto} --dport ${p.target} -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT`);
    d.inside(c, `iptables -I OUTPUT -s ${ip} -p ${p.proto} --sport ${p.target} -m conntrack --ctstate ESTABLISHED -j ACCEPT`);
  }
  for (const proto of ['sctp', 'udp', 'tcp']) {
    if (!quietly(d, `iptables -C INPUT -d ${ip} -p ${proto} -j DROP`, c.ns)) d.inside(c, `iptables -A INPUT -d ${ip} -p ${proto} -j DROP`);
    if (!quietly(d, `iptables -C OUTPUT -s ${ip} -p ${proto} -j DROP`, c.ns)) d.inside(c, `iptables -A OUTPUT -s ${ip} -p ${proto} -j DROP`);
  }
}
