import type { Mac } from '../addr/mac.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { LINK_DELAY_NS } from './link.ts';
import { netifReceive, traceXmit, dropSkb } from './dev.ts';
import { DropReason } from '../trace/drop-reasons.ts';

/** One end of a veth pair (drivers/net/veth.c): what one end sends, the other receives. */
export class Veth extends NetDevice {
  readonly kind = 'veth' as const;
  peer: Veth | null = null;
  everUp = false;

  constructor(id: number, ns: NetNs, ifindex: number, name: string, mac: Mac) {
    super(id, ns, ifindex, name, mac, 1500);
  }

  /** A veth has carrier when both ends are administratively up. */
  get carrier(): boolean {
    return this.peer !== null && this.adminUp && this.peer.adminUp;
  }

  /** Called when the peer goes up or down: our carrier follows. */
  onPeerChange(): void {
    if (this.master && 'portStateChanged' in this.master) (this.master as { portStateChanged(): void }).portStateChanged();
  }

  transmit(skb: Skb): void {
    const peer = this.peer;
    if (!this.running || !peer) {
      this.stats.txDropped++;
      dropSkb(this.ns, skb, DropReason.DEV_READY, `${this.name} has no carrier`, this);
      return;
    }
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    this.ns.kernel.sched.after(LINK_DELAY_NS, () => {
      // veth_forward_skb: the peer must still exist, be up, and accept the frame's size.
      if (this.peer !== peer || !peer.adminUp || !peer.ns.alive) {
        dropSkb(this.ns, skb, DropReason.DEV_READY, `${peer.name} went away or down`, peer);
        return;
      }
      // skb_scrub_packet: a frame crossing a veth leaves its conntrack entry, trace flag and
      // bridge-netfilter state behind; crossing namespaces it loses its mark too.
      skb.ct = null;
      skb.nftrace = false;
      skb.brPrerouted = false;
      skb.rejected = false;
      if (peer.ns !== this.ns) skb.mark = 0;
      if (skb.data.length > peer.maxFrame) {
        peer.stats.rxDropped++;
        dropSkb(peer.ns, skb, DropReason.PKT_TOO_BIG, `frame of ${skb.data.length} bytes exceeds ${peer.name}'s MTU ${peer.mtu}`, peer);
        return;
      }
      netifReceive(peer, skb);
    });
  }
}
