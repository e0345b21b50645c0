import { MAC_ZERO } from '../addr/mac.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { LINK_DELAY_NS } from './link.ts';
import { netifReceive, traceXmit, dropSkb } from './dev.ts';
import { DropReason } from '../trace/drop-reasons.ts';

/** `lo` (drivers/net/loopback.c): every frame sent comes straight back in. */
export class Loopback extends NetDevice {
  readonly kind = 'loopback' as const;
  everUp = false;

  constructor(id: number, ns: NetNs, ifindex: number) {
    super(id, ns, ifindex, 'lo', MAC_ZERO, 65536);
  }

  get carrier(): boolean {
    return true;
  }

  transmit(skb: Skb): void {
    if (!this.adminUp) {
      dropSkb(this.ns, skb, DropReason.DEV_READY, 'lo is down', this);
      return;
    }
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    this.ns.kernel.sched.after(LINK_DELAY_NS, () => {
      if (this.ns.alive && this.ns.devices.get(this.ifindex) === this) netifReceive(this, skb);
    });
  }
}
