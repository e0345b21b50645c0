import { type Mac, isGroupMac, readMac } from '../addr/mac.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { devQueueXmit, dropSkb, netifReceive, traceXmit } from './dev.ts';
import { LINK_DELAY_NS } from './link.ts';

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';

/**
 * A macvlan device (drivers/net/macvlan.c): its own MAC on its lower device's wire.
 * Frames between two bridge-mode siblings are switched inside the driver; everything else
 * leaves by the lower device, so a macvlan never talks to the lower device's own stack.
 */
export class Macvlan extends NetDevice {
  readonly kind = 'macvlan' as const;

  constructor(
    id: number,
    ns: NetNs,
    ifindex: number,
    name: string,
    mac: Mac,
    readonly lower: NetDevice,
    public mode: MacvlanMode,
  ) {
    super(id, ns, ifindex, name, mac, lower.mtu);
  }

  get carrier(): boolean {
    return this.lower.running;
  }

  transmit(skb: Skb): void {
    traceXmit(this, skb);
    this.stats.txPackets++;
    this.stats.txBytes += skb.data.length;
    const dst = readMac(skb.data, 0);
    if (this.mode === 'bridge') {
      const siblings = (this.lower.macvlans ?? []).filter((m): m is Macvlan => m instanceof Macvlan && m !== this && m.mode === 'bridge' && m.running);
      if (isGroupMac(dst)) {
        // macvlan_broadcast to bridge-mode siblings, and out on the wire as well.
        for (const s of siblings) deliver(s, this.ns.kernel.newSkb(skb.data.slice(), skb.id));
      } else {
        const to = siblings.find((s) => s.mac === dst);
        if (to) {
          deliver(to, skb);
          return;
        }
      }
    }
    devQueueXmit(this.lower, skb);
  }
}

function deliver(dev: Macvlan, skb: Skb): void {
  dev.ns.kernel.sched.after(LINK_DELAY_NS, () => netifReceive(dev, skb));
}

/**
 * macvlan_handle_frame: the rx_handler of a lower device with macvlans. Unicast to a
 * macvlan's MAC goes to it; broadcasts go to every macvlan (except, in private and VEPA
 * modes, back to the sender) and to the lower device too. Returns true if it took the frame.
 */
export function macvlanHandleFrame(lower: NetDevice, skb: Skb): boolean {
  const list = lower.macvlans ?? [];
  const d = skb.data;
  const dst = readMac(d, 0);
  const src = readMac(d, 6);
  const passthru = list.find((m) => (m as Macvlan).mode === 'passthru');
  if (passthru) {
    // Passthru: the one macvlan owns the lower device and sees all its traffic.
    if (!passthru.running) return false;
    netifReceive(passthru, skb);
    return true;
  }
  const from = list.find((m) => m.mac === src);
  if (isGroupMac(dst)) {
    for (const m of list) {
      if (!m.running || m === from) continue;
      if (from && (m as Macvlan).mode === 'private') continue;
      if (from && (m as Macvlan).mode === 'bridge' && (from as Macvlan).mode === 'bridge') continue;
      netifReceive(m, lower.ns.kernel.newSkb(d.slice(), skb.id));
    }
    return false;
  }
  const to = list.find((m) => m.mac === dst);
  if (!to) return false;
  if (from && ((to as Macvlan).mode === 'private' || (from as Macvlan).mode === 'private')) {
    dropSkb(lower.ns, skb, DropReason.NOT_SPECIFIED, 'macvlan private mode: siblings never talk', lower);
    return true;
  }
  if (!to.running) {
    dropSkb(lower.ns, skb, DropReason.DEV_READY, `${to.name} is down`, to);
    return true;
  }
  netifReceive(to, skb);
  return true;
}
