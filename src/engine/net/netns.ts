import type { Ipv4 } from '../addr/ipv4.ts';
import type { Kernel } from './kernel.ts';
import type { NetDevice } from './device.ts';
import { Fib } from './fib.ts';
import { NeighTable } from './neigh.ts';
import type { Skb } from './skb.ts';
import type { SocketTable } from '../socket/table.ts';
import { createSocketTable } from '../socket/table.ts';
import type { FragQueue } from './ip-fragment.ts';
import type { Netfilter } from '../netfilter/netfilter.ts';

/** Netfilter hooks (enum nf_inet_hooks), in the order a packet can meet them. */
export const NfHook = {
  PRE_ROUTING: 'PREROUTING',
  LOCAL_IN: 'INPUT',
  FORWARD: 'FORWARD',
  LOCAL_OUT: 'OUTPUT',
  POST_ROUTING: 'POSTROUTING',
} as const;
export type NfHook = (typeof NfHook)[keyof typeof NfHook];

export interface NfHookState {
  hook: NfHook;
  in: NetDevice | null;
  out: NetDevice | null;
  /** True when the packet is being bridged (br_netfilter), not routed. */
  bridged: boolean;
  /** The bridge ports it came in by and leaves by (for -m physdev). */
  physIn?: NetDevice | null;
  physOut?: NetDevice | null;
}

export type NfVerdict = 'accept' | 'drop' | 'stolen';

/** A function registered on a hook (struct nf_hook_ops), run in priority order. */
export interface NfHookOps {
  priority: number;
  name: string;
  fn: (ns: NetNs, skb: Skb, state: NfHookState) => NfVerdict;
}

/** Per-namespace path MTU learned from ICMP "fragmentation needed" (a route exception). */
export interface PmtuEntry {
  mtu: number;
  expires: number;
}

/** The sysctl values of a namespace; counts its changes so derived values can be cached. */
export class SysctlTable extends Map<string, string> {
  version = 0;

  override set(key: string, value: string): this {
    this.version++;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.version++;
    return super.delete(key);
  }

  override clear(): void {
    this.version++;
    super.clear();
  }
}

/** A network namespace: its own devices, routes, neighbours, sockets and sysctls. */
export class NetNs {
  readonly devices = new Map<number, NetDevice>();
  readonly fib = new Fib();
  readonly neigh = new NeighTable();
  readonly sockets: SocketTable = createSocketTable();
  readonly sysctl = new SysctlTable();
  /** Per-device conf values read on every packet (rp_filter, route_localnet...), until a sysctl changes. */
  private confCache = new Map<string, Map<string, number>>();
  private confCacheVersion = -1;
  readonly hooks = new Map<NfHook, NfHookOps[]>();
  readonly pmtu = new Map<Ipv4, PmtuEntry>();
  readonly fragQueues = new Map<string, FragQueue>();
  /** Peer namespaces' ids as this namespace sees them (`link-netnsid`), allocated on demand. */
  readonly peerIds = new Map<NetNs, number>();
  private nextIfindex = 1;
  ipId: number;
  alive = true;
  /** Not in /run/netns (a container's): tools name it by id, not by name. */
  hidden = false;
  /** VXLAN devices whose UDP tunnel sockets live here (vxlan_sock), so a datagram finds them fast. */
  readonly vxlanSockets: NetDevice[] = [];
  /** The netfilter layer's state (tables, conntrack), created on first use. */
  netfilter: Netfilter | null = null;

  constructor(
    readonly kernel: Kernel,
    /** Unique across the world, never reused. */
    readonly id: number,
    /** The name under /run/netns, or "" for the initial namespace. */
    public name: string,
  ) {
    this.ipId = kernel.rng.u32() & 0xffff;
  }

  allocIfindex(): number {
    return this.nextIfindex++;
  }

  /** Makes sure `ifindex` will not be handed out again (a device moved in kept its index). */
  reserveIfindex(ifindex: number): void {
    if (ifindex >= this.nextIfindex) this.nextIfindex = ifindex + 1;
  }

  device(name: string): NetDevice | undefined {
    for (const d of this.devices.values()) if (d.name === name) return d;
    return undefined;
  }

  get loopback(): NetDevice {
    return this.devices.get(1) as NetDevice;
  }

  /** The namespace's label in events and listings. */
  get label(): string {
    return this.name === '' ? '(root)' : this.name;
  }

  sysctlNum(key: string): number {
    return Number(this.sysctl.get(key) ?? '0');
  }

  /** IN_DEV_MAXCONF: the larger of net.ipv4.conf.all.KEY and net.ipv4.conf.DEV.KEY. */
  confMax(devName: string, key: string): number {
    const byDev = this.confValues(devName);
    let v = byDev.get(key);
    if (v === undefined) {
      v = Math.max(this.sysctlNum(`net.ipv4.conf.all.${key}`), this.sysctlNum(`net.ipv4.conf.${devName}.${key}`));
      byDev.set(key, v);
    }
    return v;
  }

  /**
   * IN_DEV_FORWARD: conf.DEV.forwarding, which ip_forward / conf.all.forwarding set on every
   * device when written; a device never set explicitly has conf.default.forwarding.
   */
  devForwarding(dev: { name: string }): boolean {
    const byDev = this.confValues(dev.name);
    let v = byDev.get('\0forwarding');
    if (v === undefined) {
      v = (this.sysctl.get(`net.ipv4.conf.${dev.name}.forwarding`) ?? this.sysctl.get('net.ipv4.conf.default.forwarding')) === '1' ? 1 : 0;
      byDev.set('\0forwarding', v);
    }
    return v === 1;
  }

  private confValues(devName: string): Map<string, number> {
    if (this.confCacheVersion !== this.sysctl.version) {
      this.confCache.clear();
      this.confCacheVersion = this.sysctl.version;
    }
    let m = this.confCache.get(devName);
    if (!m) this.confCache.set(devName, (m = new Map()));
    return m;
  }

  get ipForward(): boolean {
    return this.sysctl.get('net.ipv4.ip_forward') === '1';
  }

  /** Is `a` one of this namespace's own addresses (any device, up or not)? */
  isLocalAddr(a: Ipv4): boolean {
    for (const d of this.devices.values()) for (const ifa of d.addrs) if (ifa.addr === a) return true;
    return false;
  }

  peerIdOf(other: NetNs): number {
    let id = this.peerIds.get(other);
    if (id === undefined) {
      id = this.peerIds.size;
      this.peerIds.set(other, id);
    }
    return id;
  }
}
