import type { Ipv4 } from '../addr/ipv4.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IcmpType, IcmpUnreachCode } from '../wire/icmp.ts';
import { IPV4_HLEN, Ipv4Field, emitIpv4Header, ipv4Dst } from '../wire/ipv4.ts';
import { ipRouteOutput } from './route.ts';
import { neighOutput } from './arp.ts';
import { dropSkb } from './dev.ts';
import { icmpSend } from './icmp.ts';
import { ipFragment } from './ip-fragment.ts';
import { nfHook } from './netfilter-hooks.ts';
import { NfHook, type NetNs } from './netns.ts';
import type { OutputRoute } from './route.ts';
import type { Skb } from './skb.ts';

export interface IpSendParams {
  src: Ipv4;
  dst: Ipv4;
  protocol: number;
  ttl?: number;
  tos?: number;
  df: boolean;
  /** Writes the transport payload of `length` bytes at `off` in `buf`. */
  length: number;
  write: (buf: Uint8Array, off: number) => void;
}

/** Allocate a frame with room for the Ethernet header, and write the IPv4 header. */
export function buildIpPacket(ns: NetNs, p: IpSendParams): Skb {
  const frame = new Uint8Array(ETH_HLEN + IPV4_HLEN + p.length);
  emitIpv4Header(
    {
      tos: p.tos ?? 0,
      totalLength: IPV4_HLEN + p.length,
      id: (ns.ipId = (ns.ipId + 1) & 0xffff),
      df: p.df,
      mf: false,
      fragOffset: 0,
      ttl: p.ttl ?? Number(ns.sysctl.get('net.ipv4.ip_default_ttl') ?? 64),
      protocol: p.protocol,
      src: p.src,
      dst: p.dst,
      headerLength: IPV4_HLEN,
    },
    frame,
    ETH_HLEN,
  );
  p.write(frame, ETH_HLEN + IPV4_HLEN);
  return ns.kernel.newSkb(frame);
}

/**
 * ip_local_out: a locally generated packet passes OUTPUT, then goes out. Returns false when
 * netfilter dropped it on the way (the sender's sendmsg() then fails with EPERM).
 */
export function ipLocalOut(ns: NetNs, skb: Skb, rt: OutputRoute): boolean {
  const dst = ipv4Dst(skb.data, ETH_HLEN);
  let sent = true;
  const went = nfHook(ns, NfHook.LOCAL_OUT, skb, null, rt.dev, false, () => {
    // ip_route_me_harder: DNAT in OUTPUT changed the destination, so route again.
    let route = rt;
    const now = ipv4Dst(skb.data, ETH_HLEN);
    if (now !== dst) {
      const r = ipRouteOutput(ns, now, {});
      if (typeof r === 'string') {
        dropSkb(ns, skb, DropReason.IP_OUTNOROUTES, 'no route after DNAT in OUTPUT', rt.dev);
        sent = false;
        return;
      }
      route = r;
    }
    sent = ipOutput(ns, skb, route);
  });
  return went && sent;
}

/** ip_output: POSTROUTING, then ip_finish_output. */
export function ipOutput(ns: NetNs, skb: Skb, rt: OutputRoute): boolean {
  return nfHook(ns, NfHook.POST_ROUTING, skb, null, rt.dev, false, () => ipFinishOutput(ns, skb, rt));
}

/** ip_finish_output: fragment what is bigger than the MTU (unless DF), then to the neighbour. */
function ipFinishOutput(ns: NetNs, skb: Skb, rt: OutputRoute): void {
  const len = skb.data.length - ETH_HLEN;
  const broadcast = rt.type === 'broadcast';
  if (len <= rt.mtu) {
    neighOutput(rt.dev, rt.nexthop, skb, broadcast);
    return;
  }
  const df = (skb.data[ETH_HLEN + Ipv4Field.FLG_OFF] & 0x40) !== 0;
  if (df) {
    icmpSend(ns, skb, IcmpType.DestUnreachable, IcmpUnreachCode.FragNeeded, rt.mtu);
    dropSkb(ns, skb, DropReason.PKT_TOO_BIG, `${len} bytes with DF set exceed the MTU ${rt.mtu} of ${rt.dev.name}`, rt.dev);
    return;
  }
  const frags = ipFragment(ns, skb, rt.mtu);
  const k = ns.kernel;
  if (k.trace) k.emit({ type: 'fragment', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, dev: rt.dev.name, mtu: rt.mtu, count: frags.length });
  for (const f of frags) neighOutput(rt.dev, rt.nexthop, f, broadcast);
}
