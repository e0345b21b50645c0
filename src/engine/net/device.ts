import type { Ipv4 } from '../addr/ipv4.ts';
import type { Mac } from '../addr/mac.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import type { IpvlanPort } from './ipvlan.ts';

export type DeviceKind = 'loopback' | 'veth' | 'bridge' | 'vlan' | 'macvlan' | 'ipvlan' | 'vxlan';

/** An IPv4 address on an interface, as `ip addr` shows it. */
export interface IfAddr {
  addr: Ipv4;
  prefixLen: number;
  /** Broadcast address, 0 when none was given. */
  broadcast: Ipv4;
  scope: 'host' | 'link' | 'global';
  label: string;
  /** A second address in a subnet the interface already has is secondary. */
  secondary: boolean;
  /** The peer of a point-to-point address (`peer P`, ifa_address): prefix routes use it. */
  peer?: Ipv4;
}

export interface DeviceStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

/**
 * A network device (struct net_device). Subclasses implement the driver's transmit;
 * reception goes through the namespace's netif_receive path.
 */
export abstract class NetDevice {
  abstract readonly kind: DeviceKind;
  /** Unique across the whole world, for events and the UI; never reused. */
  readonly id: number;
  ifindex: number;
  name: string;
  ns: NetNs;
  mac: Mac;
  mtu: number;
  adminUp = false;
  addrs: IfAddr[] = [];
  /** The bridge this device is a port of. */
  master: NetDevice | null = null;
  /** Bridge port flag: frames may leave by the port they came in on. */
  hairpin = false;
  /** The MAC was set with `ip link set address` (a bridge then stops following its ports). */
  macSetByUser = false;
  /** VLAN sub-interfaces on this device, by VLAN id. */
  vlans: Map<number, NetDevice> | null = null;
  /** macvlan devices on this device (it is their lower device). */
  macvlans: NetDevice[] | null = null;
  /** The ipvlan port (struct ipvl_port) while ipvlan devices use this one as their lower device. */
  ipvlanPort: IpvlanPort | null = null;
  readonly stats: DeviceStats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, rxDropped: 0, txDropped: 0 };

  constructor(id: number, ns: NetNs, ifindex: number, name: string, mac: Mac, mtu: number) {
    this.id = id;
    this.ns = ns;
    this.ifindex = ifindex;
    this.name = name;
    this.mac = mac;
    this.mtu = mtu;
  }

  /** Physical-layer carrier (IFF_LOWER_UP). */
  abstract get carrier(): boolean;

  /** IFF_NOARP: no ARP; neighbours resolve to the device's own address (ipvlan L3). */
  get noarp(): boolean {
    return false;
  }

  /** Operationally up: administratively up and with carrier (IFF_RUNNING). */
  get running(): boolean {
    return this.adminUp && this.carrier;
  }

  /** The driver's ndo_start_xmit: put a complete Ethernet frame on the wire. */
  abstract transmit(skb: Skb): void;

  /** The largest frame this device accepts: MTU plus its header (and a VLAN tag's slack). */
  get maxFrame(): number {
    return this.mtu + 14 + 4;
  }
}
