import { type Ipv4, formatIpv4 } from '../engine/addr/ipv4.ts';
import { formatMac } from '../engine/addr/mac.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { type DockerDaemon, DockerError, macFromIp } from './daemon.ts';
import type { Container, Endpoint, Network } from './model.ts';
import { swarmOf } from './swarm.ts';

/**
 * Docker's overlay driver on one node: per network a namespace ("1-<id>") holding br0 (the
 * subnet's gateway address) and vxlan0 (made in the host namespace so its UDP socket is the
 * host's, then moved in), with no flooding: every remote endpoint gets a static FDB entry
 * (MAC → its host) and a neighbour entry answered by the VXLAN ARP proxy. Containers get
 * eth0 on br0 (MTU 1450) and leave the overlay for the world through docker_gwbridge.
 */
interface Sandbox {
  ns: NetNs;
  pid: number;
  label: string;
  /** Remote endpoints programmed into vxlan0 (libnetwork's peerDB): IP → the entries made. */
  peers: Map<Ipv4, { mac: string; host: Ipv4 }>;
}

const sandboxes = new WeakMap<DockerDaemon, Map<string, Sandbox>>();

function sandboxOf(d: DockerDaemon, n: Network): Sandbox | undefined {
  return sandboxes.get(d)?.get(n.id);
}

/** The namespace of an overlay network's sandbox on this node, by its key ("1-<id>"). */
export function overlayNetnsByKey(d: DockerDaemon, key: string): NetNs | undefined {
  for (const sb of sandboxes.get(d)?.values() ?? []) if (sb.label === key) return sb.ns;
  return undefined;
}

/**
 * Sandboxes that are not containers but have overlay endpoints (ingress-sbox): their
 * endpoints are peers like a container's, programmed on every other node.
 */
const lbSandboxes = new WeakMap<DockerDaemon, Container[]>();

export function registerLbSandbox(d: DockerDaemon, c: Container): void {
  const list = lbSandboxes.get(d) ?? [];
  list.push(c);
  lbSandboxes.set(d, list);
}

/**
 * A container being started joins all its networks before docker_gwbridge, which comes
 * last (eth0 ingress, eth1 the service's network, eth2 docker_gwbridge).
 */
const starting = new WeakSet<Container>();

export function holdGateway(c: Container): void {
  starting.add(c);
}

export function releaseGateway(d: DockerDaemon, c: Container): void {
  if (!starting.delete(c)) return;
  if (c.state === 'running' && c.endpoints.some((e) => e.network.driver === 'overlay')) attachGateway(d, c);
}

function attachGateway(d: DockerDaemon, c: Container): void {
  const gw = ensureGwbridge(d);
  if (!c.endpoints.some((e) => e.network === gw)) {
    const g = d.attach(c, gw, [], null, c.endpoints.length);
    g.hidden = true;
  }
}

function vniOf(n: Network): number {
  return Number(n.options['com.docker.network.driver.overlay.vxlanid_list']);
}

function ensureSandbox(d: DockerDaemon, n: Network): Sandbox {
  let map = sandboxes.get(d);
  if (!map) sandboxes.set(d, (map = new Map()));
  const have = map.get(n.id);
  if (have) return have;
  const label = `1-${n.id.slice(0, 10)}`;
  const { ns, pid } = d.kernel.addProcessNs(label);
  const sb: Sandbox = { ns, pid, label, peers: new Map() };
  map.set(n.id, sb);
  d.steps.push({ where: d.hostLabel(), cmd: `# the overlay network ${n.name} gets its namespace ${label} (pid ${pid})`, netns: { op: 'add', pid } });
  const vni = vniOf(n);
  const tmp = `vx-${vni.toString(16).padStart(6, '0')}-${d.hex(5)}`;
  const len = n.subnet?.len ?? 24;
  d.runNs(label, ns, 'ip link add br0 type bridge');
  if (n.gateway !== null) d.runNs(label, ns, `ip addr add ${formatIpv4(n.gateway)}/${len} dev br0`);
  d.host(`ip link add ${tmp} type vxlan id ${vni} dstport 4789 proxy l2miss l3miss nolearning`);
  d.host(`ip link set ${tmp} netns ${pid}`);
  d.runNs(label, ns, `ip link set ${tmp} name vxlan0`);
  d.runNs(label, ns, 'ip link set vxlan0 mtu 1450');
  d.runNs(label, ns, 'ip link set vxlan0 master br0');
  d.runNs(label, ns, 'ip link set vxlan0 up');
  d.runNs(label, ns, 'ip link set br0 up');
  return sb;
}

/** The bridge network every swarm node uses for containers' traffic leaving an overlay. */
function ensureGwbridge(d: DockerDaemon): Network {
  const have = d.findNetwork('docker_gwbridge');
  if (have) return have;
  return d.networkCreate({
    name: 'docker_gwbridge',
    driver: 'bridge',
    subnet: null,
    gateway: null,
    ipRange: null,
    aux: {},
    internal: false,
    attachable: false,
    options: { 'com.docker.network.bridge.name': 'docker_gwbridge', 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.enable_ip_masquerade': 'true' },
    labels: {},
  });
}

/** The remote side of an endpoint: where its frames must be tunnelled to. */
interface Peer {
  daemon: DockerDaemon;
  ep: Endpoint;
  hostAddr: Ipv4;
}

function peersOf(d: DockerDaemon, n: Network): Peer[] {
  const s = swarmOf(d);
  if (!s) return [];
  const out: Peer[] = [];
  for (const node of s.nodes)
    for (const c of [...node.daemon.containers.values(), ...(lbSandboxes.get(node.daemon) ?? [])]) for (const ep of c.endpoints) if (ep.network === n) out.push({ daemon: node.daemon, ep, hostAddr: node.addr });
  return out;
}

function program(d: DockerDaemon, n: Network, peer: Peer, op: 'add' | 'del'): void {
  const sb = sandboxOf(d, n);
  if (!sb) return;
  const ip = formatIpv4(peer.ep.ip);
  if (op === 'add') {
    // Each local endpoint that joins learns every remote one: program a peer once.
    if (sb.peers.has(peer.ep.ip)) return;
    const mac = formatMac(peer.ep.mac);
    sb.peers.set(peer.ep.ip, { mac, host: peer.hostAddr });
    d.runNs(sb.label, sb.ns, `ip neigh add ${ip} lladdr ${mac} dev vxlan0 nud permanent`);
    d.runNs(sb.label, sb.ns, `bridge fdb add ${mac} dev vxlan0 dst ${formatIpv4(peer.hostAddr)} self permanent`);
  } else {
    const known = sb.peers.get(peer.ep.ip);
    if (!known) return;
    sb.peers.delete(peer.ep.ip);
    d.runNs(sb.label, sb.ns, `ip neigh del ${ip} dev vxlan0`);
    d.runNs(sb.label, sb.ns, `bridge fdb del ${known.mac} dev vxlan0 dst ${formatIpv4(known.host)}`);
  }
}

export function attachOverlay(d: DockerDaemon, c: Container, n: Network, aliases: string[], wantIp: Ipv4 | null, index: number): Endpoint {
  const s = swarmOf(d);
  if (!s || !n.pool || !n.subnet) throw new DockerError(`network ${n.name} not found`);
  const me = s.nodeOf(d)!;
  const sb = ensureSandbox(d, n);
  let ip: Ipv4 | null;
  if (wantIp !== null) {
    if (!n.pool.reserve(wantIp)) throw new DockerError('Address already in use');
    ip = wantIp;
  } else ip = n.pool.allocate();
  if (ip === null) throw new DockerError(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
  const mac = macFromIp(ip);
  const ifname = `eth${index}`;
  const a = `veth${d.hex(7)}`;
  const b = `veth${d.hex(7)}`;
  const ep: Endpoint = { id: d.hex(64), network: n, ip, mac, ifname, hostVeth: null, aliases, links: [] };
  d.host(`ip link add ${a} type veth peer name ${b}`);
  d.host(`ip link set ${a} netns ${sb.pid}`);
  d.host(`ip link set ${b} netns ${c.pid}`);
  d.runNs(sb.label, sb.ns, `ip link set ${a} mtu 1450`);
  d.runNs(sb.label, sb.ns, `ip link set ${a} master br0`);
  d.runNs(sb.label, sb.ns, `ip link set ${a} up`);
  d.inside(c, `ip link set ${b} name ${ifname}`);
  d.inside(c, `ip link set ${ifname} mtu 1450`);
  d.inside(c, `ip link set ${ifname} address ${formatMac(mac)}`);
  d.inside(c, `ip addr add ${formatIpv4(ip)}/${n.subnet.len} brd + dev ${ifname}`);
  d.inside(c, `ip link set ${ifname} up`);
  ep.sandboxVeth = a;
  // Tell every other node about the new endpoint, and this node about theirs.
  for (const p of peersOf(d, n)) {
    if (p.daemon === d) continue;
    program(p.daemon, n, { daemon: d, ep, hostAddr: me.addr }, 'add');
    program(d, n, p, 'add');
  }
  c.endpoints.push(ep);
  // Traffic to the rest of the world leaves by docker_gwbridge (the default route), attached
  // now, or once a starting container has joined all its networks.
  if (!starting.has(c)) attachGateway(d, c);
  return ep;
}

export function detachOverlay(d: DockerDaemon, c: Container, ep: Endpoint): void {
  const n = ep.network;
  const s = swarmOf(d);
  const me = s?.nodeOf(d);
  if (me) for (const p of peersOf(d, n)) if (p.daemon !== d) program(p.daemon, n, { daemon: d, ep, hostAddr: me.addr }, 'del');
  const sb = sandboxOf(d, n);
  if (sb && ep.sandboxVeth && sb.ns.device(ep.sandboxVeth)) d.runNs(sb.label, sb.ns, `ip link del ${ep.sandboxVeth}`);
  n.pool?.release(ep.ip);
  c.endpoints = c.endpoints.filter((e) => e !== ep);
}
