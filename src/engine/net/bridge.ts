import { type Mac, MAC_ZERO, formatMac, isGroupMac, readMac, writeMac } from '../addr/mac.ts';
import { SEC } from '../sim/scheduler.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { deliverToProtocol, devQueueXmit, dropSkb, traceXmit } from './dev.ts';
import { nfHook } from './netfilter-hooks.ts';
import { NfHook } from './netns.ts';
import { EtherType } from '../wire/ethernet.ts';
import { tapFrame } from './capture.ts';
import { macvlanHandleFrame } from './macvlan.ts';

/** Default forwarding-database ageing time (BR_DEFAULT_AGEING_TIME, 300 s). */
export const BR_AGEING_TIME = 300 * SEC;

/** One FDB entry (struct net_bridge_fdb_entry). `port` null means the bridge itself. */
export interface FdbEntry {
  mac: Mac;
  port: NetDevice | null;
  /** The address of the bridge or of one of its ports: frames to it go up the stack. */
  isLocal: boolean;
  /** Added by a user (`bridge fdb add ... static|permanent`), never ages. */
  isStatic: boolean;
  /** Added by a user. */
  addedByUser: boolean;
  /** Added with `permanent` (BR_FDB_LOCAL): unlike a `static` entry it never moves to another port. */
  permanent?: boolean;
  updated: number;
}

/** A Linux bridge (net/bridge): a learning switch that is also a network device. */
export class Bridge extends NetDevice {
  readonly kind = 'bridge' as const;
  readonly ports: NetDevice[] = [];
  readonly fdb = new Map<Mac, FdbEntry>();
  mtuSetByUser = false;
  everUp = false;
  ageingTime = BR_AGEING_TIME;
  /** Set once a port has been added: with no ports left the bridge id falls back to zero. */
  private hadPorts = false;

  constructor(id: number, ns: NetNs, ifindex: number, name: string, mac: Mac) {
    super(id, ns, ifindex, name, mac, 1500);
    this.refreshLocalFdb();
  }

  /** The bridge has carrier while at least one port is forwarding. */
  get carrier(): boolean {
    return this.ports.some((p) => p.running);
  }

  portForwarding(p: NetDevice): boolean {
    return this.adminUp && p.running;
  }

  addPort(p: NetDevice): void {
    this.ports.push(p);
    p.master = this;
    this.hadPorts = true;
    this.portStateChanged();
  }

  delPort(p: NetDevice): void {
    const i = this.ports.indexOf(p);
    if (i >= 0) this.ports.splice(i, 1);
    p.master = null;
    for (const [mac, e] of this.fdb) if (e.port === p) this.fdb.delete(mac);
    this.portStateChanged();
  }

  /**
   * br_mtu_auto_adjust and br_stp_recalculate_bridge_id: unless set by hand, the MTU is the
   * smallest port MTU and the MAC the lowest port MAC.
   */
  portStateChanged(): void {
    if (!this.mtuSetByUser && this.ports.length > 0) this.mtu = Math.min(...this.ports.map((p) => p.mtu));
    if (!this.macSetByUser) {
      if (this.ports.length > 0) this.mac = Math.min(...this.ports.map((p) => p.mac)) as Mac;
      else if (this.hadPorts) this.mac = MAC_ZERO;
    }
    this.refreshLocalFdb();
  }

  /** Local (permanent) entries: one per port MAC, and the bridge's own. */
  refreshLocalFdb(): void {
    for (const [mac, e] of this.fdb) if (e.isLocal && !e.addedByUser) this.fdb.delete(mac);
    for (const p of this.ports) this.fdb.set(p.mac, { mac: p.mac, port: p, isLocal: true, isStatic: true, addedByUser: false, updated: this.ns.kernel.now });
    if (this.mac !== MAC_ZERO && !this.fdb.has(this.mac))
      this.fdb.set(this.mac, { mac: this.mac, port: null, isLocal: true, isStatic: true, addedByUser: false, updated: this.ns.kernel.now });
  }

  /** br_fdb_find with ageing applied: an expired dynamic entry is gone. */
  fdbFind(mac: Mac): FdbEntry | undefined {
    const e = this.fdb.get(mac);
    if (e && !e.isStatic && this.ns.kernel.now - e.updated > this.ageingTime) {
      this.fdb.delete(mac);
      return undefined;
    }
    return e;
  }

  /** Live entries, expired dynamic ones removed first (what `bridge fdb show` sees). */
  fdbEntries(): FdbEntry[] {
    for (const mac of [...this.fdb.keys()]) this.fdbFind(mac);
    return [...this.fdb.values()];
  }

  /** br_dev_xmit: the bridge device itself sends (its own IP traffic). */
  transmit(skb: Skb): void {
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    const dst = readMac(skb.data, 0);
    if (isGroupMac(dst)) {
      brFlood(this, skb, null);
      return;
    }
    const e = this.fdbFind(dst);
    this.traceLookup(skb, dst, e);
    if (e && e.port) brForward(this, e.port, skb, null);
    else if (e && e.isLocal) deliverToProtocol(this, skb, 'host');
    else brFlood(this, skb, null);
  }

  traceLookup(skb: Skb, mac: Mac, e: FdbEntry | undefined): void {
    const k = this.ns.kernel;
    if (k.trace) k.emit({ type: 'fdb-lookup', t: k.now, ns: this.ns.label, pkt: skb.id, parent: skb.parent, bridge: this.name, mac: formatMac(mac), port: e ? (e.port?.name ?? this.name) : null });
  }
}

/** br_fdb_update: learn (or move) the source address of a frame that came in on `port`. */
function brFdbUpdate(br: Bridge, port: NetDevice, mac: Mac): void {
  const now = br.ns.kernel.now;
  const e = br.fdb.get(mac);
  if (e) {
    // Only local (and sticky) entries are protected: a user's static entry moves too.
    if (e.isLocal || e.permanent) return;
    if (e.port === port) {
      e.updated = now;
      return;
    }
    e.port = port;
    e.updated = now;
  } else {
    br.fdb.set(mac, { mac, port, isLocal: false, isStatic: false, addedByUser: false, updated: now });
  }
  const k = br.ns.kernel;
  if (k.trace) k.emit({ type: 'fdb-learn', t: now, ns: br.ns.label, bridge: br.name, port: port.name, mac: formatMac(mac) });
}

/** br_handle_frame + br_handle_frame_finish: a frame arrived on a bridge port. */
export function brHandleFrame(br: Bridge, port: NetDevice, skb: Skb): void {
  if (!br.portForwarding(port)) {
    dropSkb(br.ns, skb, DropReason.BRIDGE_PORT_DISABLED, br.adminUp ? `port ${port.name} is not forwarding` : `bridge ${br.name} is down`, port);
    return;
  }
  skb.brPort = port;
  const data = skb.data;
  const src = readMac(data, 6);
  if (!isGroupMac(src)) brFdbUpdate(br, port, src);
  const dst = readMac(data, 0);
  if (isGroupMac(dst)) {
    // Broadcast and multicast go to every other port and up to the bridge's own stack.
    const up = br.ns.kernel.newSkb(data.slice(), skb.id);
    brFlood(br, skb, port);
    brPassFrameUp(br, up, classifyGroup(dst));
    return;
  }
  // A macvlan stacked on the bridge device has its MAC synced as a local entry
  // (dev_uc_add → br_fdb_sync_static): frames to it go up to the bridge and on to the macvlan.
  const e = br.fdbFind(dst) ?? (br.macvlans?.some((m) => m.mac === dst) ? { mac: dst, port: null, isLocal: true, isStatic: true, addedByUser: false, updated: br.ns.kernel.now } : undefined);
  br.traceLookup(skb, dst, e);
  if (bridgeNfActive(br, skb)) {
    // br_nf_pre_routing: every IPv4 frame meets PREROUTING (conntrack, DNAT) before the
    // bridge decides, with the bridge as -i and the port as --physdev-in. The IP layer
    // then skips its own PREROUTING for it (ip_sabotage_in).
    const dstIp = ipv4DstOf(skb);
    skb.brPrerouted = true;
    nfHook(br.ns, NfHook.PRE_ROUTING, skb, br, null, false, () => brNfPreRoutingFinish(br, port, skb, e, dstIp), { in: port, out: null });
    return;
  }
  brSwitch(br, port, skb, e);
}

/** br_handle_frame_finish's decision: up to the host, to the port that has the MAC, or everywhere. */
function brSwitch(br: Bridge, port: NetDevice, skb: Skb, e: FdbEntry | undefined): void {
  if (e && e.isLocal) brPassFrameUp(br, skb, 'host');
  else if (e && e.port) brForward(br, e.port, skb, port);
  else brFlood(br, skb, port);
}

function ipv4DstOf(skb: Skb): number {
  const d = skb.data;
  return ((d[30] << 24) | (d[31] << 16) | (d[32] << 8) | d[33]) >>> 0;
}

/**
 * br_nf_pre_routing_finish: if DNAT changed the destination, the frame goes where the new
 * address lives: up to this host, or to the MAC the bridge's neighbour table knows for it.
 */
function brNfPreRoutingFinish(br: Bridge, port: NetDevice, skb: Skb, e: FdbEntry | undefined, oldDst: number): void {
  const newDst = ipv4DstOf(skb);
  if (newDst === oldDst) return brSwitch(br, port, skb, e);
  const toHost = (): void => {
    writeMac(skb.data, 0, br.mac);
    brPassFrameUp(br, skb, 'host');
  };
  const r = br.ns.fib.lookup(newDst as never);
  if (!r || r.type !== 'unicast' || r.dev !== br) return toHost();
  // "Bridged DNAT": the new destination lives on this bridge, so the frame stays in the
  // bridge and leaves by the port that has its MAC, which may be the one it came in by
  // (then only with hairpin on).
  const n = br.ns.neigh.get(br, (r.gateway ?? newDst) as never);
  if (!n || n.mac === null) return toHost();
  writeMac(skb.data, 0, n.mac);
  const e2 = br.fdbFind(n.mac);
  if (e2 && e2.isLocal) return toHost();
  br.traceLookup(skb, n.mac, e2);
  brSwitch(br, port, skb, e2);
}

function classifyGroup(dst: Mac): 'broadcast' | 'multicast' {
  return dst === 0xffffffffffff ? 'broadcast' : 'multicast';
}

/** br_pass_frame_up: the frame is for this host; it enters the stack as received on the bridge. */
function brPassFrameUp(br: Bridge, skb: Skb, pktType: 'host' | 'broadcast' | 'multicast'): void {
  skb.dev = br;
  tapFrame(br, skb.data, 'in');
  br.stats.rxPackets++;
  br.stats.rxBytes += skb.data.length;
  // netif_receive_skb(br): a macvlan stacked on the bridge is its rx_handler.
  if (br.macvlans && br.macvlans.length > 0 && macvlanHandleFrame(br, skb)) return;
  deliverToProtocol(br, skb, pktType);
}

function shouldDeliver(br: Bridge, to: NetDevice, from: NetDevice | null): boolean {
  return br.portForwarding(to) && (to !== from || to.hairpin);
}

/**
 * br_forward: send the frame out of one port. IPv4 frames cross the FORWARD and
 * POSTROUTING hooks of the bridge's namespace first when br_netfilter is on.
 */
export function brForward(br: Bridge, to: NetDevice, skb: Skb, from: NetDevice | null): void {
  if (!shouldDeliver(br, to, from)) {
    dropSkb(br.ns, skb, DropReason.BRIDGE_PORT_DISABLED, to === from ? `would leave by its ingress port ${to.name} (hairpin off)` : `port ${to.name} is not forwarding`, to);
    return;
  }
  if (from && bridgeNfActive(br, skb)) {
    // br_nf_forward_ip and br_nf_post_routing: the bridge is -i/-o, the ports are physdev.
    const ns = br.ns;
    const phys = { in: from, out: to };
    nfHook(ns, NfHook.FORWARD, skb, br, br, true, () => nfHook(ns, NfHook.POST_ROUTING, skb, null, br, true, () => brDevQueuePushXmit(br, to, skb), phys), phys);
    return;
  }
  brDevQueuePushXmit(br, to, skb);
}

function bridgeNfActive(br: Bridge, skb: Skb): boolean {
  if (br.ns.hooks.size === 0) return false;
  const t = (skb.data[12] << 8) | skb.data[13];
  return t === EtherType.IPv4 && br.ns.sysctl.get('net.bridge.bridge-nf-call-iptables') === '1';
}

/** br_dev_queue_push_xmit: a frame bigger than the egress port takes is dropped, silently. */
function brDevQueuePushXmit(br: Bridge, to: NetDevice, skb: Skb): void {
  if (skb.data.length > to.maxFrame) {
    to.stats.txDropped++;
    dropSkb(br.ns, skb, DropReason.PKT_TOO_BIG, `frame of ${skb.data.length} bytes is larger than ${to.name}'s MTU ${to.mtu}`, to);
    return;
  }
  devQueueXmit(to, skb);
}

/** br_flood: copies of the frame to every forwarding port except the one it came in on. */
export function brFlood(br: Bridge, skb: Skb, from: NetDevice | null): void {
  const targets = br.ports.filter((p) => shouldDeliver(br, p, from));
  const k = br.ns.kernel;
  if (k.trace) k.emit({ type: 'flood', t: k.now, ns: br.ns.label, pkt: skb.id, parent: skb.parent, bridge: br.name, ports: targets.map((p) => p.name) });
  if (targets.length === 0) {
    // A broadcast also went up to the bridge itself; only a unicast flood goes nowhere.
    if (!isGroupMac(readMac(skb.data, 0))) dropSkb(br.ns, skb, DropReason.NOT_SPECIFIED, `no other forwarding port on ${br.name} to flood to`, from);
    return;
  }
  for (let i = 0; i < targets.length; i++) {
    const copy = i === targets.length - 1 ? skb : k.newSkb(skb.data.slice(), skb.id);
    brForward(br, targets[i], copy, from);
  }
}
