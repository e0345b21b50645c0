import { formatMac, isGroupMac, MAC_BROADCAST, readMac } from '../addr/mac.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import type { NetDevice } from './device.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { EtherType } from '../wire/ethernet.ts';
import { arpRcv } from './arp.ts';
import { ipRcv } from './ip-input.ts';
import { brHandleFrame, Bridge } from './bridge.ts';
import { summarizeFrame } from './summary.ts';
import { tapFrame } from './capture.ts';
import { vlanReceive } from './vlan.ts';
import { macvlanHandleFrame } from './macvlan.ts';
import { ipvlanHandleFrame } from './ipvlan.ts';

/** skb->pkt_type as eth_type_trans() classifies a received frame. */
export type PktType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

export function classifyFrame(dev: NetDevice, data: Uint8Array): PktType {
  const dst = readMac(data, 0);
  if (dst === dev.mac || dev.kind === 'loopback') return 'host';
  if (dst === MAC_BROADCAST) return 'broadcast';
  if (isGroupMac(dst)) return 'multicast';
  return 'otherhost';
}

/** __netif_receive_skb: a frame arrived on `dev`. A bridge port hands it to its bridge. */
export function netifReceive(dev: NetDevice, skb: Skb): void {
  skb.dev = dev;
  dev.stats.rxPackets++;
  dev.stats.rxBytes += skb.data.length;
  tapFrame(dev, skb.data, 'in');
  const k = dev.ns.kernel;
  if (k.trace) k.emit({ type: 'rcv', t: k.now, ns: dev.ns.label, pkt: skb.id, parent: skb.parent, dev: dev.name, bytes: skb.data.slice(), summary: summarizeFrame(skb.data) });
  // __netif_receive_skb_core: VLAN tags first, then the device's rx_handler (bridge, macvlan, ipvlan).
  if (skb.data.length >= 18 && skb.data[12] === 0x81 && skb.data[13] === 0x00 && dev.vlans) {
    vlanReceive(dev, skb);
    return;
  }
  if (dev.master instanceof Bridge) {
    brHandleFrame(dev.master, dev, skb);
    return;
  }
  if (dev.macvlans && dev.macvlans.length > 0 && macvlanHandleFrame(dev, skb)) return;
  if (dev.ipvlanPort && ipvlanHandleFrame(dev, skb)) return;
  deliverToProtocol(dev, skb);
}

/** The protocol handlers registered with dev_add_pack: ARP and IPv4. */
export function deliverToProtocol(dev: NetDevice, skb: Skb, pktTypeOverride?: PktType): void {
  const data = skb.data;
  if (data.length < 14) {
    dropSkb(dev.ns, skb, DropReason.PKT_TOO_SMALL, 'frame shorter than an Ethernet header', dev);
    return;
  }
  const type = (data[12] << 8) | data[13];
  const pktType = pktTypeOverride ?? classifyFrame(dev, data);
  if (type === EtherType.IPv4) ipRcv(dev, skb, pktType);
  else if (type === EtherType.ARP) arpRcv(dev, skb, pktType);
  else dropSkb(dev.ns, skb, DropReason.NOT_SPECIFIED, `no handler for EtherType 0x${type.toString(16).padStart(4, '0')}`, dev);
}

/** dev_queue_xmit: hand a complete frame to the device's driver. */
export function devQueueXmit(dev: NetDevice, skb: Skb): void {
  if (!dev.adminUp) {
    dev.stats.txDropped++;
    dropSkb(dev.ns, skb, DropReason.DEV_READY, `${dev.name} is down`, dev);
    return;
  }
  dev.transmit(skb);
}

export function traceXmit(dev: NetDevice, skb: Skb): void {
  tapFrame(dev, skb.data, 'out');
  const k = dev.ns.kernel;
  if (k.trace) k.emit({ type: 'xmit', t: k.now, ns: dev.ns.label, pkt: skb.id, parent: skb.parent, dev: dev.name, bytes: skb.data.slice(), summary: summarizeFrame(skb.data) });
}

/** kfree_skb_reason: the packet dies here, and the trace says why. */
export function dropSkb(ns: NetNs, skb: Skb, reason: DropReason, detail: string, dev?: NetDevice | null): void {
  const k = ns.kernel;
  if (k.trace) k.emit({ type: 'drop', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, dev: dev?.name, reason, detail });
}

export function macString(data: Uint8Array, off: number): string {
  return formatMac(readMac(data, off));
}
