import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { type Mac, MAC_ZERO, formatMac, isGroupMac, readMac } from '../addr/mac.ts';
import { SEC } from '../sim/scheduler.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IpProto } from '../wire/ipv4.ts';
import { UDP_HLEN, emitUdp } from '../wire/udp.ts';
import { ArpOp, emitArp, parseArp } from '../wire/arp.ts';
import { emitEthernet } from '../wire/ethernet.ts';
import { LINK_DELAY_NS } from './link.ts';
import { VXLAN_HLEN, emitVxlan, parseVxlan } from '../wire/vxlan.ts';
import { NetDevice } from './device.ts';
import { dropSkb, netifReceive, traceXmit } from './dev.ts';
import { buildIpPacket, ipLocalOut } from './ip-output.ts';
import type { NetNs } from './netns.ts';
import { ipRouteOutput } from './route.ts';
import type { Skb } from './skb.ts';

/** Outer Ethernet + IPv4 + UDP + VXLAN: what encapsulation adds to every frame. */
export const VXLAN_OVERHEAD = 14 + 20 + UDP_HLEN + VXLAN_HLEN;
/** The kernel's default destination port when none is given (pre-IANA, not 4789). */
export const VXLAN_LINUX_DEFAULT_PORT = 8472;

/** One remote of the VXLAN forwarding table (struct vxlan_fdb + vxlan_rdst). */
export interface VxlanFdbEntry {
  mac: Mac;
  dst: Ipv4;
  /** Added by a user or by `remote`: never ages. Learned entries age like a bridge's. */
  permanent: boolean;
  /** The entry `remote` created carries the device too (`via DEV` in bridge fdb show). */
  viaLower?: boolean;
  updated: number;
}

export interface VxlanConfig {
  vni: number;
  dstport: number;
  local: Ipv4 | null;
  remote: Ipv4 | null;
  lower: NetDevice | null;
  learning: boolean;
  ttl: number;
  df: 'set' | 'unset' | 'inherit';
  /** `ttl inherit`: the outer TTL copies the inner packet's (IFLA_VXLAN_TTL_INHERIT). */
  ttlInherit?: boolean;
  /** `proxy`: answer ARP requests from the device's neighbour table instead of flooding them. */
  proxy?: boolean;
}

/** A VXLAN tunnel endpoint (drivers/net/vxlan): Ethernet frames in, UDP packets out. */
export class Vxlan extends NetDevice {
  readonly kind = 'vxlan' as const;
  readonly fdb: VxlanFdbEntry[] = [];
  ageing = 300 * SEC;
  /** The namespace whose UDP port the tunnel listens on (where it was created). */
  readonly netOfSocket: NetNs;

  constructor(
    id: number,
    ns: NetNs,
    ifindex: number,
    name: string,
    mac: Mac,
    readonly cfg: VxlanConfig,
  ) {
    // With a lower device the MTU leaves room for the 50 bytes of encapsulation.
    super(id, ns, ifindex, name, mac, cfg.lower ? cfg.lower.mtu - VXLAN_OVERHEAD : 1500);
    this.netOfSocket = ns;
    ns.vxlanSockets.push(this);
    if (cfg.remote !== null) this.fdb.push({ mac: MAC_ZERO, dst: cfg.remote, permanent: true, updated: 0, viaLower: cfg.lower !== null });
  }

  get carrier(): boolean {
    return true;
  }

  /** Live entries (expired learned ones removed). */
  fdbEntries(): VxlanFdbEntry[] {
    const now = this.ns.kernel.now;
    for (let i = this.fdb.length - 1; i >= 0; i--) {
      const e = this.fdb[i];
      if (!e.permanent && now - e.updated > this.ageing) this.fdb.splice(i, 1);
    }
    return this.fdb;
  }

  /** vxlan_xmit: find the remote VTEP(s) for the inner destination MAC, wrap, send. */
  transmit(skb: Skb): void {
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    if (this.cfg.proxy && arpReduce(this, skb)) return;
    const dst = readMac(skb.data, 0);
    const entries = this.fdbEntries();
    let remotes = isGroupMac(dst) ? [] : entries.filter((e) => e.mac === dst).map((e) => e.dst);
    // Unknown unicast, broadcast and multicast go to every all-zeros (default) entry.
    if (remotes.length === 0) remotes = entries.filter((e) => e.mac === MAC_ZERO).map((e) => e.dst);
    if (remotes.length === 0) {
      this.stats.txDropped++;
      dropSkb(this.ns, skb, DropReason.VXLAN_NO_REMOTE, `no VXLAN remote for ${formatMac(dst)} on ${this.name}`, this);
      return;
    }
    for (let i = 0; i < remotes.length; i++) {
      const inner = i === remotes.length - 1 ? skb : this.ns.kernel.newSkb(skb.data.slice(), skb.id);
      this.encapXmit(inner, remotes[i]);
    }
  }

  private encapXmit(skb: Skb, remote: Ipv4): void {
    const ns = this.netOfSocket;
    const rt = ipRouteOutput(ns, remote, { oif: this.cfg.lower, src: this.cfg.local });
    if (typeof rt === 'string') {
      dropSkb(ns, skb, DropReason.IP_OUTNOROUTES, `no underlay route to VTEP ${formatIpv4(remote)}`, this);
      return;
    }
    const inner = skb.data;
    // skb_tunnel_check_pmtu: an inner packet too big for the tunnel still goes (the outer one
    // is fragmented unless DF is set), but the inner route learns the smaller path MTU; a
    // bridge port instead drops a too-big inner packet that may not be fragmented.
    const encapMtu = rt.mtu - VXLAN_OVERHEAD;
    const isIpv4 = inner.length >= ETH_HLEN + 20 && ((inner[12] << 8) | inner[13]) === 0x0800;
    if (isIpv4 && inner.length - ETH_HLEN > encapMtu) {
      const innerDst = ((inner[ETH_HLEN + 16] << 24) | (inner[ETH_HLEN + 17] << 16) | (inner[ETH_HLEN + 18] << 8) | inner[ETH_HLEN + 19]) >>> 0;
      if (this.master) {
        if (inner[ETH_HLEN + 6] & 0x40) {
          dropSkb(ns, skb, DropReason.PKT_TOO_BIG, `inner packet of ${inner.length - ETH_HLEN} bytes with DF exceeds the tunnel MTU ${encapMtu}`, this);
          return;
        }
      } else {
        const own = this.ns.pmtu.get(innerDst as Ipv4);
        if (!own || own.mtu > encapMtu || own.expires <= ns.kernel.now) this.ns.pmtu.set(innerDst as Ipv4, { mtu: encapMtu, expires: ns.kernel.now + 600 * SEC });
      }
    }
    const src = this.cfg.local ?? rt.src;
    const sport = vxlanSourcePort(ns, inner);
    const vni = this.cfg.vni;
    const dport = this.cfg.dstport;
    const innerDf = inner.length >= ETH_HLEN + 20 && ((inner[12] << 8) | inner[13]) === 0x0800 && (inner[ETH_HLEN + 6] & 0x40) !== 0;
    const df = this.cfg.df === 'set' || (this.cfg.df === 'inherit' && innerDf);
    const payload = new Uint8Array(VXLAN_HLEN + inner.length);
    emitVxlan({ vni }, payload, 0);
    payload.set(inner, VXLAN_HLEN);
    const outer = buildIpPacket(ns, {
      src,
      dst: remote,
      protocol: IpProto.UDP,
      ttl: this.cfg.ttlInherit && isIpv4 ? inner[ETH_HLEN + 8] : this.cfg.ttl || undefined,
      df,
      length: UDP_HLEN + payload.length,
      // The outer UDP checksum is computed (udpcsum is on by default for IPv4 VXLAN).
      write: (b, off) => emitUdp({ srcPort: sport, dstPort: dport, payload }, b, off, src, remote),
    });
    const k = ns.kernel;
    if (k.trace) k.emit({ type: 'encap', t: k.now, ns: ns.label, pkt: outer.id, parent: skb.id, dev: this.name, vni, outerSrc: formatIpv4(src), outerDst: formatIpv4(remote), sport, dport });
    ipLocalOut(ns, outer, rt);
  }
}

/**
 * udp_flow_src_port: the outer source port comes from a hash of the inner flow, scaled into
 * the local port range, so one flow keeps one port and different flows spread out.
 */
export function vxlanSourcePort(ns: NetNs, inner: Uint8Array): number {
  const [lo, hi] = (ns.sysctl.get('net.ipv4.ip_local_port_range') ?? '32768\t60999').split(/\s+/).map(Number);
  let h = 0x811c9dc5;
  const mix = (b: number): void => {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  const type = (inner[12] << 8) | inner[13];
  if (type === 0x0800 && inner.length >= ETH_HLEN + 20) {
    for (let i = ETH_HLEN + 12; i < ETH_HLEN + 20; i++) mix(inner[i]);
    mix(inner[ETH_HLEN + 9]);
    const l4 = ETH_HLEN + (inner[ETH_HLEN] & 15) * 4;
    if ((inner[ETH_HLEN + 9] === 6 || inner[ETH_HLEN + 9] === 17) && inner.length >= l4 + 4) for (let i = l4; i < l4 + 4; i++) mix(inner[i]);
  } else for (let i = 0; i < 12; i++) mix(inner[i]);
  return lo + Math.floor((h * (hi - lo)) / 2 ** 32);
}

/**
 * vxlan_rcv: a UDP datagram to a VXLAN port. Returns false if no VXLAN device listens on
 * that port in this namespace (the datagram is then an ordinary one).
 */
export function vxlanRcv(ns: NetNs, dport: number, outerSrc: Ipv4, outerDst: Ipv4, payload: Uint8Array, parent: Skb): boolean {
  const devs = vxlanListeners(ns, dport);
  if (devs.length === 0) return false;
  // ip_check_mc_rcu: a multicast datagram is only taken if this host joined the group (a VXLAN
  // device with that `group` joins it while up).
  if (outerDst >>> 28 === 0xe && !devs.some((d) => d.cfg.remote === outerDst)) {
    dropSkb(ns, parent, DropReason.NO_SOCKET, `not a member of multicast group ${formatIpv4(outerDst)}`, null);
    return true;
  }
  const hdr = parseVxlan(payload);
  if (!hdr) {
    dropSkb(ns, parent, DropReason.VXLAN_INVALID_HDR, 'VXLAN header without the I flag', null);
    return true;
  }
  const dev = devs.find((d) => d.cfg.vni === hdr.vni);
  if (!dev) {
    dropSkb(ns, parent, DropReason.VXLAN_VNI_NOT_FOUND, `no VXLAN device with VNI ${hdr.vni} on port ${dport}`, null);
    return true;
  }
  const inner = payload.slice(VXLAN_HLEN);
  if (inner.length < ETH_HLEN) {
    dropSkb(ns, parent, DropReason.PKT_TOO_SMALL, 'VXLAN payload shorter than an Ethernet header', dev);
    return true;
  }
  const k = ns.kernel;
  const skb = k.newSkb(inner, parent.id);
  if (k.trace) k.emit({ type: 'decap', t: k.now, ns: dev.ns.label, pkt: skb.id, parent: parent.id, dev: dev.name, vni: hdr.vni, outerSrc: formatIpv4(outerSrc) });
  const src = readMac(inner, 6);
  if (dev.cfg.learning && !isGroupMac(src)) vxlanLearn(dev, src, outerSrc);
  netifReceive(dev, skb);
  return true;
}

/** The VXLAN devices whose UDP tunnel socket in `ns` takes this port (on any address). */
function vxlanListeners(ns: NetNs, dport: number): Vxlan[] {
  const socks = ns.vxlanSockets;
  if (socks.length === 0) return socks as Vxlan[];
  // The tunnel socket is bound to INADDR_ANY: `local` only picks the outer source address.
  return (socks as Vxlan[]).filter((d) => d.adminUp && d.cfg.dstport === dport);
}

/** vxlan_snoop: remember which VTEP an inner source MAC lives behind. */
function vxlanLearn(dev: Vxlan, mac: Mac, from: Ipv4): void {
  const now = dev.ns.kernel.now;
  const e = dev.fdb.find((x) => x.mac === mac);
  if (e) {
    if (e.permanent) return;
    e.dst = from;
    e.updated = now;
    return;
  }
  dev.fdb.push({ mac, dst: from, permanent: false, updated: now });
}

/**
 * arp_reduce: with `proxy`, an ARP request for an address the VXLAN device has a neighbour
 * entry for is answered on the spot (Docker's overlay programs one per remote container),
 * so no broadcast crosses the tunnel. Returns true when the request was consumed.
 */
function arpReduce(dev: Vxlan, skb: Skb): boolean {
  const d = skb.data;
  if (d.length < ETH_HLEN + 28 || ((d[12] << 8) | d[13]) !== 0x0806) return false;
  const arp = parseArp(d, ETH_HLEN);
  if (!arp || arp.op !== ArpOp.Request) return false;
  const n = dev.ns.neigh.get(dev, arp.tpa);
  const k = dev.ns.kernel;
  if (!n || n.mac === null) {
    // l3miss: nobody to answer for; the request goes no further.
    dropSkb(dev.ns, skb, DropReason.NEIGH_FAILED, `VXLAN proxy has no neighbour entry for ${formatIpv4(arp.tpa)}`, dev);
    return true;
  }
  const reply = new Uint8Array(ETH_HLEN + 28);
  emitEthernet({ dst: arp.sha, src: n.mac, ethertype: 0x0806 }, reply, 0);
  emitArp({ op: ArpOp.Reply, sha: n.mac, spa: arp.tpa, tha: arp.sha, tpa: arp.spa }, reply, ETH_HLEN);
  const out = k.newSkb(reply, skb.id);
  if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: dev.ns.label, pkt: skb.id, parent: skb.parent, proto: 'arp', to: `answered by the VXLAN proxy: ${formatIpv4(arp.tpa)} is-at ${formatMac(n.mac)}` });
  k.sched.after(LINK_DELAY_NS, () => netifReceive(dev, out));
  return true;
}
