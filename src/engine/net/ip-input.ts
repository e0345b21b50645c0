import { formatIpv4 } from '../addr/ipv4.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IcmpTimeExceededCode, IcmpType, IcmpUnreachCode } from '../wire/icmp.ts';
import { IpProto, Ipv4Field, decrementTtl, parseIpv4Header } from '../wire/ipv4.ts';
import type { NetDevice } from './device.ts';
import { dropSkb, type PktType } from './dev.ts';
import { icmpRcv, icmpSend } from './icmp.ts';
import { ipDefrag, isFragment } from './ip-fragment.ts';
import { ipOutput } from './ip-output.ts';
import { nfHook } from './netfilter-hooks.ts';
import { NfHook, type NetNs } from './netns.ts';
import { ipRouteInput, type OutputRoute } from './route.ts';
import type { Skb } from './skb.ts';
import { udpRcv } from '../socket/udp.ts';
import { tcpRcv } from '../socket/tcp.ts';

/** ip_rcv: sanity-check a received IPv4 packet, then PREROUTING, then route it. */
export function ipRcv(dev: NetDevice, skb: Skb, pktType: PktType): void {
  const ns = dev.ns;
  if (pktType === 'otherhost') {
    dropSkb(ns, skb, DropReason.OTHERHOST, 'frame addressed to another MAC', dev);
    return;
  }
  const h = parseIpv4Header(skb.data, ETH_HLEN);
  if (typeof h === 'string') {
    const reason = h === 'bad-checksum' ? DropReason.IP_CSUM : h === 'truncated' ? DropReason.PKT_TOO_SMALL : DropReason.IP_INHDR;
    dropSkb(ns, skb, reason, `invalid IPv4 header: ${h}`, dev);
    return;
  }
  // Ethernet padding beyond the IP total length is trimmed (pskb_trim_rcsum).
  if (skb.data.length > ETH_HLEN + h.totalLength) skb.data = skb.data.subarray(0, ETH_HLEN + h.totalLength);
  if (skb.brPrerouted) {
    ipRcvFinish(ns, skb, dev, pktType);
    return;
  }
  nfHook(ns, NfHook.PRE_ROUTING, skb, dev, null, false, () => ipRcvFinish(ns, skb, dev, pktType));
}

/** ip_rcv_finish: the routing decision for a received packet. */
function ipRcvFinish(ns: NetNs, skb: Skb, dev: NetDevice, pktType: PktType): void {
  const d = skb.data;
  const src = ((d[ETH_HLEN + 12] << 24) | (d[ETH_HLEN + 13] << 16) | (d[ETH_HLEN + 14] << 8) | d[ETH_HLEN + 15]) >>> 0;
  const dst = ((d[ETH_HLEN + 16] << 24) | (d[ETH_HLEN + 17] << 16) | (d[ETH_HLEN + 18] << 8) | d[ETH_HLEN + 19]) >>> 0;
  const r = ipRouteInput(ns, dst as never, src as never, dev);
  const k = ns.kernel;
  if (k.trace) {
    const result = r.kind === 'error' ? r.reason : r.kind;
    const ev = { type: 'route' as const, t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, dst: formatIpv4(dst), result };
    if (r.kind === 'forward') k.emit({ ...ev, dev: r.out.dev.name, via: r.out.gateway === null ? undefined : formatIpv4(r.out.gateway) });
    else k.emit(ev);
  }
  switch (r.kind) {
    case 'local':
      return ipLocalDeliver(ns, skb, dev, false);
    case 'broadcast':
      return ipLocalDeliver(ns, skb, dev, true);
    case 'forward':
      if (pktType !== 'host') {
        dropSkb(ns, skb, DropReason.OTHERHOST, 'link-layer broadcast is never forwarded', dev);
        return;
      }
      return ipForward(ns, skb, dev, r.out);
    case 'error':
      switch (r.reason) {
        case 'no-forwarding':
          dropSkb(ns, skb, DropReason.IP_INADDRERRORS, `${formatIpv4(dst)} is not local and net.ipv4.ip_forward is 0`, dev);
          return;
        case 'no-route':
          icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.Net, 0);
          dropSkb(ns, skb, DropReason.IP_INNOROUTES, `no route to ${formatIpv4(dst)}`, dev);
          return;
        case 'blackhole':
          dropSkb(ns, skb, DropReason.BLACKHOLE, `blackhole route for ${formatIpv4(dst)}`, dev);
          return;
        case 'unreachable':
          icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.Host, 0);
          dropSkb(ns, skb, DropReason.IP_INNOROUTES, `unreachable route for ${formatIpv4(dst)}`, dev);
          return;
        case 'prohibit':
          icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.AdminProhibited, 0);
          dropSkb(ns, skb, DropReason.IP_INNOROUTES, `prohibit route for ${formatIpv4(dst)}`, dev);
          return;
        case 'martian-source':
          dropSkb(ns, skb, DropReason.IP_INVALID_SOURCE, `martian source ${formatIpv4(src)}: one of our own addresses`, dev);
          return;
        case 'martian-destination':
          dropSkb(ns, skb, DropReason.IP_INADDRERRORS, `martian destination ${formatIpv4(dst)} on ${dev.name} (route_localnet is 0)`, dev);
          return;
        case 'rp-filter':
          dropSkb(ns, skb, DropReason.IP_RPFILTER, `rp_filter: the route back to ${formatIpv4(src)} does not leave by ${dev.name}`, dev);
          return;
      }
  }
}

/** ip_local_deliver: reassemble, INPUT, then the protocol's handler. */
function ipLocalDeliver(ns: NetNs, skb: Skb, dev: NetDevice, broadcast: boolean): void {
  let s: Skb | null = skb;
  if (isFragment(skb.data)) {
    s = ipDefrag(ns, skb);
    if (!s) return;
  }
  const whole = s;
  // br_netfilter keeps the bridge port a bridged frame came in by (nf_bridge->physindev):
  // INPUT sees it as --physdev-in too.
  const phys = whole.brPrerouted && whole.brPort ? { in: whole.brPort, out: null } : undefined;
  nfHook(ns, NfHook.LOCAL_IN, whole, dev, null, false, () => ipLocalDeliverFinish(ns, whole, dev, broadcast), phys);
}

function ipLocalDeliverFinish(ns: NetNs, skb: Skb, dev: NetDevice, broadcast: boolean): void {
  const proto = skb.data[ETH_HLEN + Ipv4Field.PROTOCOL];
  switch (proto) {
    case IpProto.ICMP:
      return icmpRcv(ns, skb, dev, broadcast);
    case IpProto.UDP:
      return udpRcv(ns, skb, dev, broadcast);
    case IpProto.TCP:
      if (broadcast) {
        dropSkb(ns, skb, DropReason.OTHERHOST, 'TCP to a broadcast address', dev);
        return;
      }
      return tcpRcv(ns, skb, dev);
    default:
      if (!broadcast) icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.Protocol, 0);
      dropSkb(ns, skb, DropReason.IP_NOPROTO, `no handler for IP protocol ${proto}`, dev);
  }
}

/** ip_forward: TTL, MTU with DF, then FORWARD and out. */
function ipForward(ns: NetNs, skb: Skb, inDev: NetDevice, out: OutputRoute): void {
  const d = skb.data;
  const ttl = d[ETH_HLEN + Ipv4Field.TTL];
  if (ttl <= 1) {
    icmpSend(ns, skb, IcmpType.TimeExceeded, IcmpTimeExceededCode.TtlInTransit, 0);
    dropSkb(ns, skb, DropReason.IP_INHDR, 'TTL exceeded in transit', inDev);
    return;
  }
  const len = d.length - ETH_HLEN;
  const df = (d[ETH_HLEN + Ipv4Field.FLG_OFF] & 0x40) !== 0;
  if (len > out.mtu && df) {
    icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.FragNeeded, out.mtu);
    dropSkb(ns, skb, DropReason.PKT_TOO_BIG, `${len} bytes with DF set exceed ${out.dev.name}'s MTU ${out.mtu}`, out.dev);
    return;
  }
  decrementTtl(d, ETH_HLEN);
  nfHook(ns, NfHook.FORWARD, skb, inDev, out.dev, false, () => ipOutput(ns, skb, out));
}
