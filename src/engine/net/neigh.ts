import type { Ipv4 } from '../addr/ipv4.ts';
import type { Mac } from '../addr/mac.ts';
import type { Timer } from '../sim/scheduler.ts';
import type { NetDevice } from './device.ts';
import type { Skb } from './skb.ts';

/** NUD states (include/uapi/linux/neighbour.h), as `ip neigh` names them. */
export type NudState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

/** One neighbour entry (struct neighbour) for an IPv4 address on a device. */
export interface Neighbour {
  dev: NetDevice;
  ip: Ipv4;
  mac: Mac | null;
  state: NudState;
  /** Probes sent in the current INCOMPLETE or PROBE round. */
  probes: number;
  /** Packets waiting for the address to resolve (arp_queue). */
  queue: Skb[];
  queueBytes: number;
  /** When the entry was last confirmed (REACHABLE until confirmed + reachableTime). */
  confirmed: number;
  /** This entry's randomized reachable time (base_reachable_time 30 s, ×0.5 to ×1.5). */
  reachableTime: number;
  timer: Timer | null;
  /** Last time the entry was updated (for `ip -s neigh`). */
  updated: number;
}

/** arp_tbl's neigh_parms defaults (net/ipv4/arp.c). */
export const NEIGH_PARMS = {
  baseReachableMs: 30_000,
  retransMs: 1_000,
  delayFirstProbeMs: 5_000,
  mcastProbes: 3,
  ucastProbes: 3,
  appProbes: 0,
  unresQlenBytes: 212_992,
} as const;

/** The neighbour table of a namespace, keyed by device id and address. */
export class NeighTable {
  private entries = new Map<string, Neighbour>();

  static key(dev: NetDevice, ip: Ipv4): string {
    return `${dev.id}/${ip}`;
  }

  get(dev: NetDevice, ip: Ipv4): Neighbour | undefined {
    return this.entries.get(NeighTable.key(dev, ip));
  }

  set(n: Neighbour): void {
    this.entries.set(NeighTable.key(n.dev, n.ip), n);
  }

  delete(n: Neighbour): void {
    this.entries.delete(NeighTable.key(n.dev, n.ip));
    if (n.timer) n.timer.cancelled = true;
  }

  all(): Neighbour[] {
    return [...this.entries.values()];
  }
}
