import { type Ipv4, broadcastOf, formatIpv4, networkOf, parseIpv4 } from '../addr/ipv4.ts';
import { type Mac, MAC_ZERO } from '../addr/mac.ts';
import { Rng } from '../sim/rng.ts';
import { Scheduler } from '../sim/scheduler.ts';
import type { TraceEvent, TraceSink } from '../trace/events.ts';
import type { NetDevice, IfAddr } from './device.ts';
import { RT_TABLE, type Route } from './fib.ts';
import { NetNs } from './netns.ts';
import { Skb } from './skb.ts';
import { Loopback } from './loopback.ts';
import { Veth } from './veth.ts';
import { Bridge } from './bridge.ts';
import { Vlan } from './vlan.ts';
import { Macvlan, type MacvlanMode } from './macvlan.ts';
import { Ipvlan, IpvlanPort, type IpvlanFlag, type IpvlanMode } from './ipvlan.ts';
import { VXLAN_OVERHEAD, Vxlan, type VxlanConfig } from './vxlan.ts';
import { neighFlushDev } from './arp.ts';
import { closeNamespaceSockets } from '../socket/table.ts';
import type { CaptureTap } from './capture.ts';

/** An error as rtnetlink reports it: errno name plus the extack message, if any. */
export interface NlError {
  errno: 'EEXIST' | 'ENOENT' | 'ENODEV' | 'EINVAL' | 'ENETDOWN' | 'ESRCH' | 'EADDRNOTAVAIL' | 'EADDRINUSE' | 'ENETUNREACH' | 'EBUSY' | 'EOPNOTSUPP' | 'ERANGE' | 'ELOOP';
  /** The extack text iproute2 prints as "Error: ...". */
  extack?: string;
}

export type NlResult<T = void> = { ok: true; value: T } | { ok: false; error: NlError };

const ok = <T>(value: T): NlResult<T> => ({ ok: true, value });
const fail = (errno: NlError['errno'], extack?: string): NlResult<never> => ({ ok: false, error: { errno, extack } });

/** Sysctls a new namespace starts with (the kernel's defaults, not the host's). */
const NETNS_SYSCTL_DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.conf.all.forwarding': '0',
  'net.ipv4.conf.default.forwarding': '0',
  'net.ipv4.ip_default_ttl': '64',
  'net.ipv4.icmp_echo_ignore_all': '0',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv4.ip_no_pmtu_disc': '0',
  'net.ipv4.icmp_ratelimit': '1000',
  'net.ipv4.icmp_ratemask': '6168',
  'net.ipv4.icmp_msgs_per_sec': '1000',
  'net.ipv4.icmp_msgs_burst': '50',
  'net.ipv4.icmp_errors_use_inbound_ifaddr': '0',
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.conf.default.rp_filter': '0',
  'net.ipv4.conf.all.accept_local': '0',
  'net.ipv4.conf.all.route_localnet': '0',
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.ipv4.tcp_syn_retries': '6',
  'net.ipv4.neigh.default.base_reachable_time_ms': '30000',
  'net.ipv4.neigh.default.retrans_time_ms': '1000',
  'net.ipv4.neigh.default.mcast_solicit': '3',
  'net.ipv4.neigh.default.ucast_solicit': '3',
  'net.ipv4.neigh.default.delay_first_probe_time': '5',
  'net.ipv4.neigh.default.gc_stale_time': '60',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
  'net.bridge.bridge-nf-call-arptables': '1',
  'net.netfilter.nf_conntrack_udp_timeout': '30',
  'net.netfilter.nf_conntrack_udp_timeout_stream': '120',
  'net.netfilter.nf_conntrack_icmp_timeout': '30',
  'net.netfilter.nf_conntrack_tcp_timeout_established': '432000',
  'net.core.somaxconn': '4096',
};

/** A random locally administered unicast MAC, as eth_random_addr() makes. */
export function randomMac(rng: Rng): Mac {
  const hi = (rng.u32() & 0xffff & ~0x0100) | 0x0200;
  return (hi * 0x100000000 + rng.u32()) as Mac;
}

/**
 * The simulated machine: its namespaces, the clock, the RNG and the trace sink.
 * Every change to the world goes through these methods (what rtnetlink does for `ip`).
 */
export class Kernel {
  readonly sched = new Scheduler();
  readonly rng: Rng;
  trace: TraceSink | null = null;
  /** Named namespaces (/run/netns); the root namespace is `root`. */
  readonly netns = new Map<string, NetNs>();
  readonly root: NetNs;
  /** Packet sockets capturing on devices (tcpdump). */
  readonly captures = new Set<CaptureTap>();
  /** The kernel log ring (`dmesg`): one buffer for the whole machine, as on Linux. */
  readonly log: { t: number; text: string }[] = [];
  private nextNsId = 0;
  /** Namespaces held by processes, not by a name in /run/netns (containers): pid → namespace. */
  readonly processNs = new Map<number, NetNs>();
  private nextPid = 4000;
  private nextDevId = 0;
  private nextPktId = 0;

  constructor(seed = 1) {
    this.rng = new Rng(seed);
    this.root = this.createNs('');
    // Only the initial namespace has this one (LOG in other namespaces is off by default).
    this.root.sysctl.set('net.netfilter.nf_log_all_netns', '0');
  }

  get now(): number {
    return this.sched.now;
  }

  emit(e: TraceEvent): void {
    this.trace?.emit(e);
  }

  newSkb(data: Uint8Array, parent?: number): Skb {
    return new Skb(this.nextPktId++, data, parent);
  }

  allocDevId(): number {
    return this.nextDevId++;
  }

  /** Every namespace, the root one first, then named ones, then those of processes. */
  allNamespaces(): NetNs[] {
    return [this.root, ...this.netns.values(), ...this.processNs.values()];
  }

  private createNs(name: string): NetNs {
    const ns = new NetNs(this, this.nextNsId++, name);
    for (const [k, v] of Object.entries(NETNS_SYSCTL_DEFAULTS)) ns.sysctl.set(k, v);
    const lo = new Loopback(this.allocDevId(), ns, ns.allocIfindex());
    ns.devices.set(lo.ifindex, lo);
    return ns;
  }

  // ---- namespaces -------------------------------------------------------------------

  addNetns(name: string): NlResult<NetNs> {
    if (this.netns.has(name)) return fail('EEXIST');
    const ns = this.createNs(name);
    this.netns.set(name, ns);
    return ok(ns);
  }

  /**
   * A namespace for a new process (as `unshare --net` or a container runtime makes): not in
   * /run/netns, reachable through the process's pid (`ip link set DEV netns PID`).
   */
  addProcessNs(label: string): { ns: NetNs; pid: number } {
    const ns = this.createNs(label);
    ns.hidden = true;
    const pid = this.nextPid++;
    this.processNs.set(pid, ns);
    return { ns, pid };
  }

  /** A pid for a process that keeps its parent's network namespace (a server's workers). */
  allocPid(): number {
    return this.nextPid++;
  }

  /** The process exited: its namespace goes as `ip netns del` would take it. */
  releaseProcessNs(pid: number): void {
    const ns = this.processNs.get(pid);
    if (!ns) return;
    this.processNs.delete(pid);
    this.destroyNs(ns);
  }

  /** `ip netns del`: the namespace dies with its devices; veth peers elsewhere die too. */
  delNetns(name: string): NlResult {
    const ns = this.netns.get(name);
    if (!ns) return fail('ENOENT');
    this.netns.delete(name);
    this.destroyNs(ns);
    return ok(undefined);
  }

  private destroyNs(ns: NetNs): void {
    for (const d of [...ns.devices.values()].reverse()) {
      if (d.kind !== 'loopback') this.unregister(d);
    }
    closeNamespaceSockets(ns);
    ns.alive = false;
  }

  // ---- links ------------------------------------------------------------------------

  private register(d: NetDevice): void {
    d.ns.devices.set(d.ifindex, d);
  }

  checkNewName(ns: NetNs, name: string): NlResult {
    if (name.length === 0 || name.length > 15 || /[\s/:]/.test(name) || name === '.' || name === '..')
      return fail('EINVAL', 'Attribute failed policy validation.');
    if (ns.device(name)) return fail('EEXIST');
    return ok(undefined);
  }

  addVeth(ns: NetNs, name: string, peerNs: NetNs, peerName: string): NlResult<Veth> {
    const c1 = this.checkNewName(ns, name);
    if (!c1.ok) return c1;
    const c2 = this.checkNewName(peerNs, peerName);
    if (!c2.ok) return c2;
    if (ns === peerNs && name === peerName) return fail('EEXIST');
    // veth_newlink registers the peer first, so it gets the lower ifindex.
    const peer = new Veth(this.allocDevId(), peerNs, peerNs.allocIfindex(), peerName, randomMac(this.rng));
    const dev = new Veth(this.allocDevId(), ns, ns.allocIfindex(), name, randomMac(this.rng));
    dev.peer = peer;
    peer.peer = dev;
    this.register(peer);
    this.register(dev);
    return ok(dev);
  }

  addBridge(ns: NetNs, name: string): NlResult<Bridge> {
    const c = this.checkNewName(ns, name);
    if (!c.ok) return c;
    const br = new Bridge(this.allocDevId(), ns, ns.allocIfindex(), name, randomMac(this.rng));
    this.register(br);
    return ok(br);
  }

  /** `ip link add link LOWER name NAME type vlan id VID`. */
  addVlan(ns: NetNs, name: string, lower: NetDevice, vid: number): NlResult<Vlan> {
    const c = this.checkNewName(ns, name);
    if (!c.ok) return c;
    if (vid < 0 || vid > 4094) return fail('ERANGE', '8021q: VLAN id out of range');
    if (lower.kind === 'loopback') return fail('EOPNOTSUPP', '8021q: VLANs not supported on device');
    if (lower.vlans?.has(vid)) return fail('EEXIST');
    const dev = new Vlan(this.allocDevId(), ns, ns.allocIfindex(), name, lower.mac, lower, vid);
    (lower.vlans ??= new Map()).set(vid, dev);
    this.register(dev);
    return ok(dev);
  }

  /** `ip link add NAME link LOWER type macvlan mode MODE`. */
  addMacvlan(ns: NetNs, name: string, lower: NetDevice, mode: MacvlanMode): NlResult<Macvlan> {
    const c = this.checkNewName(ns, name);
    if (!c.ok) return c;
    // macvlan_common_newlink: a macvlan's `link` is resolved to its real lower device.
    if (lower instanceof Macvlan) lower = lower.lower;
    if (lower.kind === 'loopback') return fail('EINVAL');
    // macvlan_port_create: netdev_is_rx_handler_busy (an ipvlan port, an ipvlan slave's
    // IFF_NO_RX_HANDLER, or a bridge port: the bridge holds the rx_handler).
    if (lower.ipvlanPort || lower instanceof Ipvlan || (!lower.macvlans?.length && lower.master instanceof Bridge)) return fail('EBUSY');
    const siblings = lower.macvlans ?? [];
    if (mode === 'passthru' && siblings.length > 0) return fail('EINVAL');
    if (siblings.some((m) => m instanceof Macvlan && m.mode === 'passthru')) return fail('EINVAL');
    if (lower instanceof Macvlan && lower.mode === 'passthru') return fail('EINVAL');
    // A passthru macvlan takes over its lower device, MAC included.
    const mac = mode === 'passthru' ? lower.mac : randomMac(this.rng);
    const dev = new Macvlan(this.allocDevId(), ns, ns.allocIfindex(), name, mac, lower, mode);
    (lower.macvlans ??= []).push(dev);
    this.register(dev);
    return ok(dev);
  }

  /** `ip link set DEV type macvlan mode M`: passthru can be neither left nor entered. */
  setMacvlanMode(dev: Macvlan, mode: MacvlanMode): NlResult {
    if (mode === dev.mode) return ok(undefined);
    if (mode === 'passthru' || dev.mode === 'passthru' || mode === 'source') return fail('EINVAL');
    dev.mode = mode;
    return ok(undefined);
  }

  /**
   * `ip link add NAME link LOWER type ipvlan [mode M] [FLAG]` (ipvlan_link_new). iproute2
   * always sends the flags; the mode defaults to L3 in the kernel. Both apply to the port,
   * so to every slave of LOWER.
   */
  addIpvlan(ns: NetNs, name: string, link: NetDevice, mode: IpvlanMode, flag: IpvlanFlag): NlResult<Ipvlan> {
    const c = this.checkNewName(ns, name);
    if (!c.ok) return c;
    let lower = link;
    if (lower instanceof Ipvlan) lower = lower.lower;
    else if (!lower.ipvlanPort) {
      // "Master is either lo or non-ether device" / "Device is already in use."
      if (lower.kind === 'loopback') {
        this.klog(`${lower.name}: Master is either lo or non-ether device`);
        return fail('EINVAL');
      }
      if (lower.master instanceof Bridge || (lower.macvlans?.length ?? 0) > 0) {
        this.klog(`${lower.name}: Device is already in use.`);
        return fail('EBUSY');
      }
    }
    const port = (lower.ipvlanPort ??= new IpvlanPort(lower));
    const dev = new Ipvlan(this.allocDevId(), ns, ns.allocIfindex(), name, port, port.allocDevId());
    this.register(dev);
    port.flag = flag;
    this.setIpvlanPortMode(port, mode);
    port.slaves.push(dev);
    return ok(dev);
  }

  /**
   * ipvlan_set_port_mode: the NOARP flag of every slave changes with it, and a flags change
   * on an up device (NETDEV_CHANGE) makes ARP forget its neighbours.
   */
  private setIpvlanPortMode(port: IpvlanPort, mode: IpvlanMode): void {
    if (mode === port.mode) return;
    port.mode = mode;
    for (const s of port.slaves) if (s.adminUp) neighFlushDev(s.ns, s);
  }

  /** `ip link set DEV type ipvlan [mode M] [FLAG]` (ipvlan_nl_changelink): the port's mode and flags. */
  setIpvlan(dev: Ipvlan, mode: IpvlanMode | null, flag: IpvlanFlag): NlResult {
    if (mode !== null) this.setIpvlanPortMode(dev.port, mode);
    dev.port.flag = flag;
    return ok(undefined);
  }

  private klog(text: string): void {
    this.log.push({ t: this.now, text });
  }

  /** `ip link add NAME type vxlan id VNI ...`. */
  addVxlan(ns: NetNs, name: string, cfg: VxlanConfig): NlResult<Vxlan> {
    const c = this.checkNewName(ns, name);
    if (!c.ok) return c;
    if (cfg.vni < 0 || cfg.vni >= 1 << 24) return fail('ERANGE', 'VXLAN ID must be lower than 16777216');
    // vxlan_vni_in_use walks the devices created in this namespace (vxlan->net), wherever they
    // live now: a VXLAN moved elsewhere keeps its VNI here, and one moved in does not count.
    for (const d of ns.vxlanSockets)
      // Same VNI and port, and the local addresses could overlap.
      if (d instanceof Vxlan && d.cfg.vni === cfg.vni && d.cfg.dstport === cfg.dstport && (d.cfg.local === null || cfg.local === null || d.cfg.local === cfg.local))
        return fail('EEXIST', 'A VXLAN device with the specified VNI already exists.');
    const dev = new Vxlan(this.allocDevId(), ns, ns.allocIfindex(), name, randomMac(this.rng), cfg);
    this.register(dev);
    return ok(dev);
  }

  /** `ip link del`: a veth takes its peer with it; a bridge releases its ports. */
  delLink(dev: NetDevice): NlResult {
    if (dev.kind === 'loopback') return fail('EOPNOTSUPP');
    this.unregister(dev);
    return ok(undefined);
  }

  /** What leaving a namespace does to a device (unregister or move): unbound, down, no addresses. */
  private detach(dev: NetDevice): void {
    if (dev instanceof Bridge) for (const p of [...dev.ports]) this.setMaster(p, null);
    if (dev.master) this.setMaster(dev, null);
    this.linkDown(dev);
    this.purgeAddrs(dev);
    dev.ns.fib.remove((r) => r.dev === dev);
    dev.ns.devices.delete(dev.ifindex);
  }

  private unregister(dev: NetDevice): void {
    if (dev.ns.devices.get(dev.ifindex) !== dev) return;
    // Devices stacked on this one go first (VLANs, macvlans, VXLANs using it as their link).
    for (const ns of this.allNamespaces())
      for (const d of [...ns.devices.values()])
        if ((d instanceof Vlan || d instanceof Macvlan || d instanceof Ipvlan) && d.lower === dev) this.unregister(d);
        else if (d instanceof Vxlan && d.cfg.lower === dev) this.unregister(d);
    if (dev instanceof Vlan && dev.lower.vlans?.get(dev.vid) === dev) dev.lower.vlans.delete(dev.vid);
    if (dev instanceof Macvlan && dev.lower.macvlans) dev.lower.macvlans = dev.lower.macvlans.filter((m) => m !== dev);
    if (dev instanceof Ipvlan) {
      // ipvlan_link_delete; ipvlan_uninit destroys the port with its last slave.
      const port = dev.port;
      port.slaves.splice(port.slaves.indexOf(dev), 1);
      port.freeDevId(dev.devId);
      if (port.slaves.length === 0 && port.dev.ipvlanPort === port) port.dev.ipvlanPort = null;
    }
    if (dev instanceof Vxlan) {
      const socks = dev.netOfSocket.vxlanSockets;
      socks.splice(socks.indexOf(dev), 1);
    }
    this.detach(dev);
    if (dev instanceof Veth && dev.peer) {
      const peer = dev.peer;
      dev.peer = null;
      peer.peer = null;
      this.unregister(peer);
    }
  }

  setLinkUp(dev: NetDevice, up: boolean): NlResult {
    if (up === dev.adminUp) return ok(undefined);
    if (up) this.linkUp(dev);
    else this.linkDown(dev);
    return ok(undefined);
  }

  private linkUp(dev: NetDevice): void {
    dev.adminUp = true;
    if ('everUp' in dev) (dev as { everUp: boolean }).everUp = true;
    for (const ifa of dev.addrs) this.addIfaRoutes(dev, ifa);
    const loopback = parseIpv4('127.0.0.1') as Ipv4;
    if (dev.kind === 'loopback' && !dev.addrs.some((a) => a.addr === loopback && a.prefixLen === 8)) {
      // inetdev_event(NETDEV_UP) gives loopback 127.0.0.1/8 each time it comes up without it.
      this.addAddrRaw(dev, { addr: loopback, prefixLen: 8, broadcast: 0 as Ipv4, scope: 'host', label: 'lo', secondary: false });
    }
    this.carrierChanged(dev);
  }

  private linkDown(dev: NetDevice): void {
    if (!dev.adminUp) return;
    dev.adminUp = false;
    // fib_disable_ip: every route through the device goes, except the local ones.
    dev.ns.fib.remove((r) => r.dev === dev && !(r.table === RT_TABLE.local && r.type === 'local'));
    neighFlushDev(dev.ns, dev);
    dev.ns.pmtu.clear();
    this.carrierChanged(dev);
  }

  /** Something changed a device's carrier or admin state: tell whoever depends on it. */
  carrierChanged(dev: NetDevice): void {
    if (dev instanceof Veth && dev.peer) dev.peer.onPeerChange();
    if (dev.master instanceof Bridge) dev.master.portStateChanged();
    // Upper devices (VLANs, macvlans) follow their lower device's state.
    for (const up of [...(dev.vlans?.values() ?? []), ...(dev.macvlans ?? [])]) if (up.master instanceof Bridge) up.master.portStateChanged();
  }

  setMaster(dev: NetDevice, br: NetDevice | null): NlResult {
    if (br === null) {
      if (dev.master instanceof Bridge) dev.master.delPort(dev);
      dev.master = null;
      return ok(undefined);
    }
    if (!(br instanceof Bridge)) return fail('EOPNOTSUPP', 'Device does not allow enslaving to a master.');
    if (br === dev) return fail('ELOOP', 'Can not enslave a bridge to itself.');
    if (dev instanceof Bridge) return fail('ELOOP', 'Can not enslave a bridge to a bridge.');
    if (dev.kind === 'loopback') return fail('EINVAL', 'Can not enslave loopback to a bridge.');
    // br_add_if → netdev_rx_handler_register: the ipvlan port's rx_handler, or a slave's IFF_NO_RX_HANDLER.
    if (dev.master !== br && (dev.ipvlanPort || dev instanceof Ipvlan || (dev.macvlans?.length ?? 0) > 0)) return fail('EBUSY');
    if (dev.master === br) return ok(undefined);
    if (dev.master instanceof Bridge) dev.master.delPort(dev);
    br.addPort(dev);
    return ok(undefined);
  }

  setMtu(dev: NetDevice, mtu: number): NlResult {
    if (dev instanceof Vxlan) {
      // vxlan_change_mtu: at most the lower device's MTU less the encapsulation.
      const max = dev.cfg.lower ? dev.cfg.lower.mtu - VXLAN_OVERHEAD : 65535;
      if (mtu < 68 || mtu > max) return fail('EINVAL');
    }
    const [min, max] = dev.kind === 'loopback' ? [68, 2 ** 31 - 1] : dev.kind === 'bridge' ? [68, 65535] : [68, 65535];
    if (mtu < min) return fail('EINVAL', `mtu less than device minimum.`);
    if (mtu > max) return fail('EINVAL', `mtu greater than device maximum.`);
    if (dev instanceof Bridge) dev.mtuSetByUser = true;
    dev.mtu = mtu;
    // ipvlan_device_event(NETDEV_CHANGEMTU): every slave takes the lower device's MTU.
    if (dev.ipvlanPort) for (const s of dev.ipvlanPort.slaves) s.mtu = mtu;
    if (dev.master instanceof Bridge) dev.master.portStateChanged();
    dev.ns.pmtu.clear();
    return ok(undefined);
  }

  setMac(dev: NetDevice, mac: Mac): NlResult {
    // ipvlan has no ndo_set_mac_address: a slave always carries its lower device's MAC.
    // (lo has eth_mac_addr and IFF_LIVE_ADDR_CHANGE: it takes any valid address.)
    if (dev instanceof Ipvlan) return fail('EOPNOTSUPP');
    if (mac % 0x20000000000 >= 0x10000000000 || mac === MAC_ZERO) return fail('EADDRNOTAVAIL');
    // NETDEV_CHANGEADDR → neigh_changeaddr: a live device forgets its neighbours, so it ARPs
    // again and the peers learn the new MAC from the request.
    if (dev.mac !== mac && dev.adminUp) neighFlushDev(dev.ns, dev);
    dev.mac = mac;
    dev.macSetByUser = true;
    // ipvlan_device_event(NETDEV_CHANGEADDR): the slaves follow.
    if (dev.ipvlanPort) for (const s of dev.ipvlanPort.slaves) s.mac = mac;
    if (dev.master instanceof Bridge) dev.master.portStateChanged();
    if (dev instanceof Bridge) dev.refreshLocalFdb();
    return ok(undefined);
  }

  renameLink(dev: NetDevice, name: string): NlResult {
    // Since Linux 6.2 dev_change_name() allows renaming a device that is up (IFF_LIVE_RENAME_OK
    // is no longer required), so only the name itself is checked.
    const c = this.checkNewName(dev.ns, name);
    if (!c.ok) return c;
    dev.name = name;
    return ok(undefined);
  }

  /** `ip link set DEV netns NS`: the device arrives down and without addresses. */
  moveToNs(dev: NetDevice, target: NetNs): NlResult {
    if (dev.kind === 'loopback') return fail('EINVAL');
    if (target === dev.ns) return ok(undefined);
    if (target.device(dev.name)) return fail('EEXIST');
    this.detach(dev);
    dev.ns = target;
    if (target.devices.has(dev.ifindex)) dev.ifindex = target.allocIfindex();
    else target.reserveIfindex(dev.ifindex);
    target.devices.set(dev.ifindex, dev);
    this.carrierChanged(dev);
    return ok(undefined);
  }

  // ---- addresses --------------------------------------------------------------------

  addAddr(dev: NetDevice, addr: Ipv4, prefixLen: number, opts: { broadcast?: Ipv4; scope?: IfAddr['scope']; label?: string; peer?: Ipv4 } = {}): NlResult {
    if (dev.addrs.some((a) => a.addr === addr && a.prefixLen === prefixLen)) return fail('EEXIST', 'ipv4: Address already assigned.');
    // ipvlan_addr4_validator_event: one address, one slave, across the whole port.
    if (dev instanceof Ipvlan && dev.port.addrBusy(addr)) return fail('EADDRINUSE', 'Address already assigned to an ipvlan device.');
    // __inet_insert_ifa: secondary when an address with the same mask covers ifa_address.
    const ifaAddress = opts.peer ?? addr;
    const secondary = dev.addrs.some((a) => a.prefixLen === prefixLen && networkOf(a.peer ?? a.addr, prefixLen) === networkOf(ifaAddress, prefixLen));
    const scope = opts.scope ?? (addr >>> 24 === 127 ? 'host' : 'global');
    const ifa: IfAddr = { addr, prefixLen, broadcast: opts.broadcast ?? (0 as Ipv4), scope, label: opts.label ?? dev.name, secondary };
    if (opts.peer !== undefined && opts.peer !== addr) ifa.peer = opts.peer;
    this.addAddrRaw(dev, ifa);
    return ok(undefined);
  }

  private addAddrRaw(dev: NetDevice, ifa: IfAddr): void {
    // Primaries before secondaries, each group in insertion order (as ip addr shows them).
    if (ifa.secondary) dev.addrs.push(ifa);
    else {
      const i = dev.addrs.findIndex((a) => a.secondary);
      if (i < 0) dev.addrs.push(ifa);
      else dev.addrs.splice(i, 0, ifa);
    }
    const primary = this.primaryFor(dev, ifa);
    // fib_add_ifaddr: the local route always; connected and broadcast ones only while up.
    dev.ns.fib.add(this.kernelRoute(RT_TABLE.local, 'local', ifa.addr, 32, dev, 'host', primary.addr));
    if (dev.adminUp) this.addIfaRoutes(dev, ifa);
  }

  private primaryFor(dev: NetDevice, ifa: IfAddr): IfAddr {
    if (!ifa.secondary) return ifa;
    return dev.addrs.find((a) => !a.secondary && a.prefixLen === ifa.prefixLen && networkOf(a.addr, a.prefixLen) === networkOf(ifa.addr, ifa.prefixLen)) ?? ifa;
  }

  private kernelRoute(table: number, type: Route['type'], dst: Ipv4, len: number, dev: NetDevice, scope: Route['scope'], src: Ipv4): Route {
    return { table, type, dst, len, gateway: null, dev, proto: 'kernel', scope, prefsrc: src, metric: 0 };
  }

  private addIfaRoutes(dev: NetDevice, ifa: IfAddr): void {
    const fib = dev.ns.fib;
    const src = this.primaryFor(dev, ifa).addr;
    if (!fib.routes.some((r) => r.table === RT_TABLE.local && r.type === 'local' && r.dst === ifa.addr && r.len === 32 && r.dev === dev))
      fib.add(this.kernelRoute(RT_TABLE.local, 'local', ifa.addr, 32, dev, 'host', src));
    if (ifa.broadcast !== 0) this.addOnce(this.kernelRoute(RT_TABLE.local, 'broadcast', ifa.broadcast, 32, dev, 'link', src));
    // fib_add_ifaddr: no prefix route for a zeronet prefix (e.g. /0), nor for a /32 without a peer.
    const net = networkOf(ifa.peer ?? ifa.addr, ifa.prefixLen);
    if (ifa.secondary || (ifa.prefixLen >= 32 && ifa.peer === undefined) || net === 0) return;
    if (dev.kind === 'loopback') {
      this.addOnce(this.kernelRoute(RT_TABLE.local, 'local', net, ifa.prefixLen, dev, 'host', src));
    } else {
      this.addOnce(this.kernelRoute(RT_TABLE.main, 'unicast', net, ifa.prefixLen, dev, 'link', src));
    }
    if (ifa.prefixLen < 31) {
      const brd = broadcastOf(ifa.peer ?? ifa.addr, ifa.prefixLen);
      if (brd !== ifa.broadcast) this.addOnce(this.kernelRoute(RT_TABLE.local, 'broadcast', brd, 32, dev, 'link', src));
    }
  }

  private addOnce(r: Route): void {
    if (!r.dev!.ns.fib.routes.some((x) => x.table === r.table && x.type === r.type && x.dst === r.dst && x.len === r.len && x.dev === r.dev))
      r.dev!.ns.fib.add(r);
  }

  delAddr(dev: NetDevice, addr: Ipv4, prefixLen: number | null): NlResult {
    const ifa = dev.addrs.find((a) => a.addr === addr && (prefixLen === null || a.prefixLen === prefixLen));
    if (!ifa) return fail('EADDRNOTAVAIL', 'ipv4: Address not found.');
    const primary = !ifa.secondary;
    const sameNet = (a: IfAddr): boolean => a.secondary && a.prefixLen === ifa.prefixLen && networkOf(a.addr, a.prefixLen) === networkOf(ifa.addr, ifa.prefixLen);
    // __inet_del_ifa: deleting a primary deletes its secondaries too, unless promote_secondaries
    // (conf.all OR conf.DEV) is set: then the first secondary becomes the primary.
    const promote = primary && dev.ns.confMax(dev.name, 'promote_secondaries') !== 0 ? dev.addrs.find(sameNet) : undefined;
    const gone = dev.addrs.filter((a) => a === ifa || (primary && !promote && sameNet(a)));
    for (const g of gone) this.removeIfa(dev, g);
    if (promote) {
      promote.secondary = false;
      dev.addrs = [...dev.addrs.filter((a) => !a.secondary), ...dev.addrs.filter((a) => a.secondary)];
      // NETDEV_UP for the promoted address, then fib_add_ifaddr() again for the remaining
      // secondaries of the subnet, whose routes now take the new primary as their source.
      for (const a of [promote, ...dev.addrs.filter(sameNet)]) {
        if (!dev.ns.fib.routes.some((r) => r.table === RT_TABLE.local && r.type === 'local' && r.dst === a.addr && r.len === 32 && r.dev === dev))
          dev.ns.fib.add(this.kernelRoute(RT_TABLE.local, 'local', a.addr, 32, dev, 'host', promote.addr));
        if (dev.adminUp) this.addIfaRoutes(dev, a);
      }
    }
    return ok(undefined);
  }

  private removeIfa(dev: NetDevice, ifa: IfAddr): void {
    dev.addrs = dev.addrs.filter((a) => a !== ifa);
    const fib = dev.ns.fib;
    const stillHere = (a: Ipv4): boolean => dev.addrs.some((x) => x.addr === a);
    fib.remove((r) => r.table === RT_TABLE.local && r.type === 'local' && r.dst === ifa.addr && r.len === 32 && r.dev === dev && !stillHere(ifa.addr));
    // Routes that used this address as their source go with it (fib_sync_down_addr), unless
    // another device still has it (inet_addr_type_dev_table still finds it local).
    fib.remove((r) => r.prefsrc === ifa.addr && !dev.ns.isLocalAddr(ifa.addr));
    if (!ifa.secondary) {
      const net = networkOf(ifa.peer ?? ifa.addr, ifa.prefixLen);
      const stillCovered = dev.addrs.some((a) => a.prefixLen === ifa.prefixLen && networkOf(a.peer ?? a.addr, a.prefixLen) === net);
      if (!stillCovered) {
        fib.remove((r) => r.dev === dev && r.proto === 'kernel' && r.dst === net && r.len === ifa.prefixLen);
        fib.remove((r) => r.dev === dev && r.type === 'broadcast' && r.dst === broadcastOf(ifa.peer ?? ifa.addr, ifa.prefixLen));
      }
    }
    if (ifa.broadcast !== 0 && !dev.addrs.some((a) => a.broadcast === ifa.broadcast))
      fib.remove((r) => r.dev === dev && r.type === 'broadcast' && r.dst === ifa.broadcast);
  }

  private purgeAddrs(dev: NetDevice): void {
    for (const ifa of [...dev.addrs]) this.removeIfa(dev, ifa);
    dev.addrs = [];
  }

  flushAddrs(dev: NetDevice): void {
    this.purgeAddrs(dev);
  }

  // ---- routes -----------------------------------------------------------------------

  /**
   * `ip route add|replace|change|append|prepend` (fib_table_insert). Routes of one table with
   * the same prefix and metric form a list of aliases; the first one is used.
   * add = CREATE|EXCL, replace = CREATE|REPLACE, change = REPLACE, append = CREATE|APPEND,
   * prepend = CREATE (insert before the existing aliases).
   */
  addRoute(ns: NetNs, r: Route, mode: boolean | 'add' | 'replace' | 'change' | 'append' | 'prepend' = 'add'): NlResult {
    if (mode === true) mode = 'replace';
    else if (mode === false) mode = 'add';
    if (r.type === 'unicast') {
      if (r.gateway !== null) {
        // fib_check_nh: the gateway must be reachable directly (a link-scope route).
        const via = ns.fib.lookup(r.gateway, r.dev);
        const direct = via && via.type === 'unicast' && via.gateway === null && via.scope === 'link';
        if (!direct || (ns.isLocalAddr(r.gateway) && via?.type !== 'unicast')) return fail('EINVAL', 'Nexthop has invalid gateway.');
        if (r.dev && via.dev !== r.dev) return fail('EINVAL', 'Nexthop has invalid gateway.');
        r.dev = via.dev;
      }
      if (!r.dev) return fail('EINVAL', 'Nexthop has invalid gateway.');
      if (!r.dev.adminUp) return fail('ENETDOWN', 'Device for nexthop is not up.');
      if (r.gateway === null && r.scope === 'global' && !r.prefsrc) r.scope = 'link';
    }
    const aliases = ns.fib.routes.filter((x) => x.table === r.table && x.dst === r.dst && x.len === r.len && x.metric === r.metric);
    const first = aliases[0];
    if (first) {
      if (mode === 'add') return fail('EEXIST');
      // fa_match: an alias with the same type and the same fib_info (nexthop, source, ...).
      const match = aliases.find(
        (x) => x.type === r.type && x.gateway === r.gateway && x.dev === r.dev && x.prefsrc === r.prefsrc && x.proto === r.proto && x.scope === r.scope,
      );
      if (mode === 'replace' || mode === 'change') {
        if (match) return match === first ? ok(undefined) : fail('EEXIST');
        ns.fib.add(r, first);
        ns.fib.remove((x) => x === first);
        return ok(undefined);
      }
      if (match) return fail('EEXIST');
      ns.fib.add(r, mode === 'prepend' ? first : undefined);
      return ok(undefined);
    }
    if (mode === 'change') return fail('ENOENT');
    ns.fib.add(r);
    return ok(undefined);
  }

  delRoute(ns: NetNs, match: { table: number; dst: Ipv4; len: number; type?: Route['type']; gateway?: Ipv4 | null; dev?: NetDevice | null; metric?: number }): NlResult {
    const r = ns.fib.routes.find(
      (x) =>
        x.table === match.table &&
        x.dst === match.dst &&
        x.len === match.len &&
        (match.type === undefined || x.type === match.type) &&
        (match.gateway == null || x.gateway === match.gateway) &&
        (match.dev == null || x.dev === match.dev) &&
        (match.metric === undefined || x.metric === match.metric),
    );
    if (!r) return fail('ESRCH');
    ns.fib.remove((x) => x === r);
    return ok(undefined);
  }

  describe(): string {
    return this.allNamespaces()
      .map((ns) => `${ns.label}: ${[...ns.devices.values()].map((d) => `${d.name}${d.addrs.map((a) => ' ' + formatIpv4(a.addr)).join('')}`).join(', ')}`)
      .join('\n');
  }
}
