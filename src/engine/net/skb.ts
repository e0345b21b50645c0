import type { NetDevice } from './device.ts';

/**
 * A packet in flight (a much reduced struct sk_buff). `data` always starts with the
 * Ethernet header; the IPv4 header, when there is one, starts at ETH_HLEN.
 * Whoever receives an skb owns it: code that hands a frame to several places clones it.
 */
export class Skb {
  /** Device the frame arrived on (skb->dev on receive). */
  dev: NetDevice | null = null;
  /** Bridge port it entered by, while it crosses a bridge. */
  brPort: NetDevice | null = null;
  /** Netfilter mark (skb->mark). */
  mark = 0;
  /** Connection tracking entry, attached by the netfilter layer. */
  ct: unknown = null;
  /** Set by the TRACE target: every later rule it meets is logged. */
  nftrace = false;
  /** A REJECT target answered it (its sender hears about it at once). */
  rejected = false;
  /** Went through PREROUTING in the bridge already (br_netfilter); the IP layer skips it. */
  brPrerouted = false;
  /** IPVS handled it (skb->ipvs_property): `-m ipvs --ipvs` matches, IPVS leaves it alone. */
  ipvs = false;

  constructor(
    readonly id: number,
    public data: Uint8Array,
    readonly parent?: number,
  ) {}
}
