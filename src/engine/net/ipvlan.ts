import type { Ipv4 } from '../addr/ipv4.ts';
import { type Mac, MAC_BROADCAST, isGroupMac, readMac } from '../addr/mac.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN, EtherType } from '../wire/ethernet.ts';
import { ipv4Dst, ipv4Src } from '../wire/ipv4.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { devQueueXmit, dropSkb, netifReceive, traceXmit } from './dev.ts';
import { LINK_DELAY_NS } from './link.ts';
import { ipRouteOutput } from './route.ts';
import { ipLocalOut } from './ip-output.ts';

/** enum ipvlan_mode: IPVLAN_MODE_L2, IPVLAN_MODE_L3, IPVLAN_MODE_L3S. */
export type IpvlanMode = 'l2' | 'l3' | 'l3s';
/** IFLA_IPVLAN_FLAGS: none (bridge), IPVLAN_F_PRIVATE, IPVLAN_F_VEPA. */
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';

/** The all-hosts groups every IPv4/IPv6 device has joined (ipvlan's mac_filters hold them). */
const ALL_HOSTS_MACS = new Set<Mac>([0x01005e000001 as Mac, 0x333300000001 as Mac]);

/**
 * struct ipvl_port: hung on the lower ("master", phy_dev) device while it has ipvlan slaves.
 * Mode and flags belong to the port, not to a slave: the latest `ip link add|set ... type
 * ipvlan` wins for every slave of the same parent (ipvlan_set_port_mode).
 */
export class IpvlanPort {
  /** ipvlan_port_create starts in L3; ipvlan_link_new then applies the requested mode. */
  mode: IpvlanMode = 'l3';
  flag: IpvlanFlag = 'bridge';
  readonly slaves: Ipvlan[] = [];
  /** dev_id allocation (ida between 1 and 0xFFFE, starting after the last one given). */
  private readonly ids = new Set<number>();
  private idStart = 1;

  constructor(readonly dev: NetDevice) {}

  allocDevId(): number {
    if (this.idStart === 0xfffe) this.idStart = 1;
    let id = -1;
    for (let i = this.idStart; i < 0xfffe; i++)
      if (!this.ids.has(i)) {
        id = i;
        break;
      }
    if (id < 0)
      for (let i = 1; i < this.idStart; i++)
        if (!this.ids.has(i)) {
          id = i;
          break;
        }
    this.ids.add(id);
    this.idStart = id + 1;
    return id;
  }

  freeDevId(id: number): void {
    this.ids.delete(id);
  }

  /**
   * ipvlan_ht_addr_lookup: the slave owning `ip`. Only slaves that are up have their
   * addresses in the port's hash (ipvlan_open adds them, ipvlan_stop takes them out).
   */
  lookup(ip: Ipv4): Ipvlan | null {
    for (const s of this.slaves) if (s.adminUp && s.addrs.some((a) => a.addr === ip)) return s;
    return null;
  }

  /** ipvlan_addr_busy: any slave of the port (up or not) already has the address. */
  addrBusy(ip: Ipv4): boolean {
    return this.slaves.some((s) => s.addrs.some((a) => a.addr === ip));
  }
}

/**
 * An ipvlan device (drivers/net/ipvlan): it shares its lower device's MAC address, and the
 * port on the lower device tells slaves apart by their IP addresses. In L2 mode a slave does
 * its own ARP; in L3 and L3S modes it is NOARP and its packets are routed by the lower
 * device's namespace.
 */
export class Ipvlan extends NetDevice {
  readonly kind = 'ipvlan' as const;

  constructor(
    id: number,
    ns: NetNs,
    ifindex: number,
    name: string,
    readonly port: IpvlanPort,
    /** dev->dev_id: makes the EUI-64 of slaves sharing one MAC differ. */
    readonly devId: number,
  ) {
    // eth_hw_addr_set(dev, phy_dev->dev_addr); ipvlan_adjust_mtu.
    super(id, ns, ifindex, name, port.dev.mac, port.dev.mtu);
  }

  /** The lower device (ipvlan->phy_dev). */
  get lower(): NetDevice {
    return this.port.dev;
  }

  /** netif_stacked_transfer_operstate: the carrier of the lower device. */
  get carrier(): boolean {
    return this.port.dev.running;
  }

  /** ipvlan_set_port_mode / ipvlan_open: IFF_NOARP in L3 and L3S modes. */
  override get noarp(): boolean {
    return this.port.mode !== 'l2';
  }

  /** ipvlan_start_xmit → ipvlan_queue_xmit. */
  transmit(skb: Skb): void {
    traceXmit(this, skb);
    if (skb.data.length < ETH_HLEN) {
      this.stats.txDropped++;
      dropSkb(this.ns, skb, DropReason.PKT_TOO_SMALL, 'frame shorter than an Ethernet header', this);
      return;
    }
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    if (this.port.mode === 'l2') this.xmitL2(skb);
    else this.xmitL3(skb);
  }

  /** ipvlan_xmit_mode_l2. */
  private xmitL2(skb: Skb): void {
    const port = this.port;
    const dst = readMac(skb.data, 0);
    const src = readMac(skb.data, 6);
    if (port.flag !== 'vepa' && dst === src) {
      // Addressed to the shared MAC: a sibling slave, or else the lower device itself.
      const ip = l3Addr(skb.data, true);
      const to = ip === null ? null : port.lookup(ip);
      if (to) {
        if (port.flag === 'private') {
          dropSkb(this.ns, skb, DropReason.NOT_SPECIFIED, 'ipvlan private mode: slaves never talk to each other', this);
          return;
        }
        rcvLocal(this, to, skb);
        return;
      }
      // dev_forward_skb(phy_dev): "the dest is local", the lower device's stack takes it.
      forwardSkb(this, port.dev, skb);
      return;
    }
    if (isGroupMac(dst)) {
      multicastEnqueue(port, skb, this);
      return;
    }
    // Unicast to another MAC: out through the lower device, with the shared MAC as source.
    skb.dev = port.dev;
    devQueueXmit(port.dev, skb);
  }

  /** ipvlan_xmit_mode_l3 (also L3S). */
  private xmitL3(skb: Skb): void {
    const port = this.port;
    const ip = l3Addr(skb.data, true);
    if (ip !== null && port.flag !== 'vepa') {
      const to = port.lookup(ip);
      if (to) {
        if (port.flag === 'private') {
          dropSkb(this.ns, skb, DropReason.NOT_SPECIFIED, 'ipvlan private mode: slaves never talk to each other', this);
          return;
        }
        rcvLocal(this, to, skb);
        return;
      }
    }
    // ipvlan_skb_crossing_ns(skb, phy_dev).
    scrub(skb, this.ns !== port.dev.ns);
    skb.dev = port.dev;
    processOutbound(this, skb);
  }
}

/**
 * ipvlan_get_L3_hdr + ipvlan_addr_lookup's choice of address: for IPv4 the destination (or
 * source) address, for ARP the target (or sender) protocol address. Null for anything else.
 */
function l3Addr(d: Uint8Array, useDest: boolean): Ipv4 | null {
  if (d.length < ETH_HLEN) return null;
  const type = (d[12] << 8) | d[13];
  if (type === EtherType.IPv4) {
    if (d.length < ETH_HLEN + 20) return null;
    const vihl = d[ETH_HLEN];
    if (vihl >> 4 !== 4 || (vihl & 15) < 5) return null;
    const totLen = (d[ETH_HLEN + 2] << 8) | d[ETH_HLEN + 3];
    if (d.length - ETH_HLEN < totLen || totLen < (vihl & 15) * 4) return null;
    return useDest ? ipv4Dst(d, ETH_HLEN) : ipv4Src(d, ETH_HLEN);
  }
  if (type === EtherType.ARP) {
    if (d.length < ETH_HLEN + 28) return null;
    // sha(6) spa(4) tha(6) tpa(4) after the 8-byte fixed header.
    const off = ETH_HLEN + 8 + (useDest ? 16 : 6);
    return (((d[off] << 24) | (d[off + 1] << 16) | (d[off + 2] << 8) | d[off + 3]) >>> 0) as Ipv4;
  }
  return null;
}

/** skb_scrub_packet(skb, xnet): conntrack and trace state go; crossing namespaces, the mark too. */
function scrub(skb: Skb, xnet: boolean): void {
  skb.ct = null;
  skb.nftrace = false;
  skb.brPrerouted = false;
  skb.rejected = false;
  if (xnet) skb.mark = 0;
}

/** dev_forward_skb: the frame is received by `to` as if it had come in on a wire. */
function forwardSkb(from: NetDevice, to: NetDevice, skb: Skb): void {
  // __dev_forward_skb: skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(skb->dev))).
  scrub(skb, from.ns !== to.ns);
  to.ns.kernel.sched.after(LINK_DELAY_NS, () => {
    if (!to.adminUp || !to.ns.alive) {
      dropSkb(to.ns, skb, DropReason.DEV_READY, `${to.name} is down`, to);
      return;
    }
    if (skb.data.length > to.maxFrame) {
      to.stats.rxDropped++;
      dropSkb(to.ns, skb, DropReason.PKT_TOO_BIG, `frame of ${skb.data.length} bytes exceeds ${to.name}'s MTU ${to.mtu}`, to);
      return;
    }
    netifReceive(to, skb);
  });
}

/** ipvlan_rcv_frame(local = true): a slave's packet for a sibling slave on the same port. */
function rcvLocal(from: Ipvlan, to: Ipvlan, skb: Skb): void {
  if (!to.adminUp) {
    dropSkb(from.ns, skb, DropReason.DEV_READY, `${to.name} is down`, to);
    return;
  }
  forwardSkb(from, to, skb);
}

/** ipvlan_mac_hash filter: broadcast and the all-hosts groups pass, other groups are not joined. */
function macFilterPasses(dst: Mac): boolean {
  return dst === MAC_BROADCAST || ALL_HOSTS_MACS.has(dst);
}

/**
 * ipvlan_multicast_enqueue + ipvlan_process_multicast (run later from a work queue): every
 * slave that is up gets a copy, except the sender; a frame a slave sent then leaves by the
 * lower device. Private and VEPA do not apply here.
 */
function multicastEnqueue(port: IpvlanPort, skb: Skb, sender: Ipvlan | null): void {
  const k = port.dev.ns.kernel;
  // The transmit path calls ipvlan_skb_crossing_ns(skb, NULL) first: xnet, so the mark goes too.
  if (sender) scrub(skb, true);
  k.sched.after(LINK_DELAY_NS, () => {
    const dst = readMac(skb.data, 0);
    for (const s of [...port.slaves]) {
      if (sender && s === sender) continue;
      if (!macFilterPasses(dst)) continue;
      if (!s.adminUp || !s.ns.alive) continue;
      const copy = k.newSkb(skb.data.slice(), skb.id);
      netifReceive(s, copy);
    }
    if (sender) {
      skb.dev = port.dev;
      devQueueXmit(port.dev, skb);
    }
  });
}

/**
 * ipvlan_process_outbound → ipvlan_process_v4_outbound: the L2 header is dropped and the
 * packet is routed in the lower device's namespace, out of the lower device (ip_local_out:
 * OUTPUT and POSTROUTING of that namespace, its neighbour table).
 */
function processOutbound(from: Ipvlan, skb: Skb): void {
  const phy = from.port.dev;
  const ns = phy.ns;
  const d = skb.data;
  if (isGroupMac(readMac(d, 0))) {
    dropSkb(ns, skb, DropReason.NOT_SPECIFIED, 'ipvlan L3 mode drops broadcast and multicast', phy);
    return;
  }
  const type = (d[12] << 8) | d[13];
  if (type !== EtherType.IPv4 || l3Addr(d, true) === null) {
    dropSkb(ns, skb, DropReason.NOT_SPECIFIED, `ipvlan dropped outbound packet type=${type.toString(16)}`, phy);
    return;
  }
  const dst = ipv4Dst(d, ETH_HLEN);
  const src = ipv4Src(d, ETH_HLEN);
  // flowi4_oif = phy_dev, FLOWI_FLAG_ANYSRC: the slave's source address is kept.
  const rt = ipRouteOutput(ns, dst, { oif: phy, src, anySrc: true });
  if (typeof rt === 'string' || (rt.type !== 'unicast' && rt.type !== 'local')) {
    from.stats.txDropped++;
    dropSkb(ns, skb, DropReason.IP_OUTNOROUTES, `no unicast route to the destination through ${phy.name}`, phy);
    return;
  }
  ipLocalOut(ns, skb, rt);
}

/**
 * ipvlan_external_frame: a group frame is external unless it carries the port's MAC as its
 * source and a slave's address as its sender.
 */
function externalFrame(port: IpvlanPort, skb: Skb): boolean {
  if (readMac(skb.data, 6) === port.dev.mac) {
    const ip = l3Addr(skb.data, false);
    if (ip === null) return true;
    if (port.lookup(ip)) return false;
  }
  return true;
}

/**
 * ipvlan_handle_frame: the rx_handler of a device with ipvlan slaves. A frame for a slave's
 * address goes to that slave (RX_HANDLER_ANOTHER); in L2 mode a group frame from outside is
 * copied to every slave and still seen by the lower device. Returns true if it took the frame.
 */
export function ipvlanHandleFrame(dev: NetDevice, skb: Skb): boolean {
  const port = dev.ipvlanPort;
  if (!port || skb.data.length < ETH_HLEN) return false;
  switch (port.mode) {
    case 'l2':
      if (isGroupMac(readMac(skb.data, 0))) {
        if (externalFrame(port, skb)) {
          const copy = dev.ns.kernel.newSkb(skb.data.slice(), skb.id);
          scrub(copy, true);
          multicastEnqueue(port, copy, null);
        }
        return false;
      }
      return handleModeL3(port, skb);
    case 'l3':
      return handleModeL3(port, skb);
    case 'l3s':
      // The kernel returns RX_HANDLER_PASS here: the packet goes through the lower device's
      // PREROUTING and its l3mdev hook (ipvlan_l3_rcv) hands it to the slave, with INPUT run
      // in the lower device's namespace. Not modelled: delivered as in L3 mode, so the lower
      // namespace's netfilter hooks do not see L3S ingress traffic here.
      return handleModeL3(port, skb);
  }
}

/** ipvlan_handle_mode_l3 + ipvlan_rcv_frame(local = false). */
function handleModeL3(port: IpvlanPort, skb: Skb): boolean {
  const ip = l3Addr(skb.data, true);
  if (ip === null) return false;
  const to = port.lookup(ip);
  if (!to) return false;
  // skb->dev = slave; __netif_receive_skb_core goes round again on the slave.
  netifReceive(to, skb);
  return true;
}
