import type { Mac } from '../addr/mac.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { devQueueXmit, dropSkb, netifReceive, traceXmit } from './dev.ts';

export const ETH_P_8021Q = 0x8100;

/**
 * An 802.1Q VLAN sub-interface (net/8021q): what it sends leaves its lower device with a
 * 4-byte tag; tagged frames arriving on the lower device come up through it, untagged.
 */
export class Vlan extends NetDevice {
  readonly kind = 'vlan' as const;

  constructor(
    id: number,
    ns: NetNs,
    ifindex: number,
    name: string,
    mac: Mac,
    readonly lower: NetDevice,
    readonly vid: number,
  ) {
    super(id, ns, ifindex, name, mac, lower.mtu);
  }

  get carrier(): boolean {
    return this.lower.running;
  }

  /** vlan_dev_hard_start_xmit: insert the tag after the MAC addresses, send on the lower device. */
  transmit(skb: Skb): void {
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    const d = skb.data;
    const tagged = new Uint8Array(d.length + 4);
    tagged.set(d.subarray(0, 12), 0);
    tagged[12] = ETH_P_8021Q >> 8;
    tagged[13] = ETH_P_8021Q & 255;
    tagged[14] = (this.vid >> 8) & 0x0f;
    tagged[15] = this.vid & 255;
    tagged.set(d.subarray(12), 16);
    skb.data = tagged;
    devQueueXmit(this.lower, skb);
  }
}

/** vlan_do_receive: a tagged frame on `dev` goes to the VLAN device for its id, untagged. */
export function vlanReceive(dev: NetDevice, skb: Skb): void {
  const d = skb.data;
  const vid = ((d[14] & 0x0f) << 8) | d[15];
  const child = dev.vlans?.get(vid);
  if (!child || !child.adminUp) {
    dropSkb(dev.ns, skb, DropReason.NOT_SPECIFIED, child ? `${child.name} is down` : `no VLAN ${vid} device on ${dev.name}`, dev);
    return;
  }
  const inner = new Uint8Array(d.length - 4);
  inner.set(d.subarray(0, 12), 0);
  inner.set(d.subarray(16), 12);
  skb.data = inner;
  netifReceive(child, skb);
}
