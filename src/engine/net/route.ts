import { type Ipv4, IPV4_BROADCAST, inPrefix, formatIpv4 } from '../addr/ipv4.ts';
import type { NetDevice } from './device.ts';
import type { Route } from './fib.ts';
import type { NetNs } from './netns.ts';

/** A resolved output route (struct rtable): where a packet to `dst` leaves and from which address. */
export interface OutputRoute {
  type: 'unicast' | 'local' | 'broadcast';
  dev: NetDevice;
  /** The next hop: the gateway, or the destination itself on a connected route. */
  nexthop: Ipv4;
  gateway: Ipv4 | null;
  src: Ipv4;
  /** The path MTU towards dst (the device's MTU, lowered by a learned PMTU). */
  mtu: number;
  route: Route | null;
}

/** connect()'s errno for a destination without a usable route. */
export type RouteError = 'ENETUNREACH' | 'EHOSTUNREACH' | 'EINVAL' | 'EACCES';

/** A send can also fail because netfilter dropped the packet on its way out (NF_DROP → EPERM). */
export type SendError = RouteError | 'EPERM';

export const ROUTE_ERROR_TEXT: Record<SendError, string> = {
  EPERM: 'Operation not permitted',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
};

/**
 * inet_select_addr: a source address for talking to `dst` through `dev`: a primary address
 * of dev in dst's subnet, else dev's first primary, else any global address in the namespace.
 */
export function inetSelectAddr(dev: NetDevice, dst: Ipv4, scope: 'link' | 'global' | 'host'): Ipv4 | null {
  const ok = (s: string): boolean => s === 'global' || s === 'link' || (scope === 'host' && s === 'host');
  let first: Ipv4 | null = null;
  for (const a of dev.addrs) {
    if (a.secondary || !ok(a.scope)) continue;
    if (inPrefix(dst, (a.addr & (a.prefixLen === 0 ? 0 : (0xffffffff << (32 - a.prefixLen)) >>> 0)) as Ipv4, a.prefixLen)) return a.addr;
    if (first === null) first = a.addr;
  }
  if (first !== null) return first;
  for (const d of dev.ns.devices.values()) {
    for (const a of d.addrs) if (!a.secondary && a.scope === 'global') return a.addr;
  }
  return null;
}

/** ip_route_output_key: the route a locally generated packet to `dst` takes. */
export function ipRouteOutput(ns: NetNs, dst: Ipv4, opts: { oif?: NetDevice | null; src?: Ipv4 | null } = {}): OutputRoute | RouteError {
  if (dst === IPV4_BROADCAST) {
    const dev = opts.oif ?? [...ns.devices.values()].find((d) => d.kind !== 'loopback' && d.adminUp && d.addrs.length > 0);
    if (!dev) return 'ENETUNREACH';
    return { type: 'broadcast', dev, nexthop: dst, gateway: null, src: opts.src ?? inetSelectAddr(dev, dst, 'link') ?? (0 as Ipv4), mtu: dev.mtu, route: null };
  }
  if (opts.oif && !opts.oif.adminUp) return 'ENETUNREACH';
  const r = ns.fib.lookup(dst, opts.oif);
  if (!r && opts.oif) {
    // "Apparently, routing tables are wrong. Assume, that the destination is on link."
    const dev = opts.oif;
    const src = opts.src ?? inetSelectAddr(dev, dst, 'link') ?? (0 as Ipv4);
    return { type: 'unicast', dev, nexthop: dst, gateway: null, src, mtu: dev.mtu, route: null };
  }
  if (!r) return 'ENETUNREACH';
  switch (r.type) {
    case 'blackhole':
      return 'EINVAL';
    case 'unreachable':
      return 'EHOSTUNREACH';
    case 'prohibit':
      return 'EACCES';
    case 'local': {
      return { type: 'local', dev: ns.loopback, nexthop: dst, gateway: null, src: opts.src ?? r.prefsrc ?? dst, mtu: ns.loopback.mtu, route: r };
    }
    case 'broadcast':
    case 'unicast': {
      const dev = r.dev as NetDevice;
      const nexthop = r.gateway ?? dst;
      const src = opts.src ?? r.prefsrc ?? inetSelectAddr(dev, nexthop, r.gateway ? 'global' : 'link') ?? (0 as Ipv4);
      const p = ns.pmtu.get(dst);
      let mtu = dev.mtu;
      if (p && p.expires > ns.kernel.now && p.mtu < mtu) mtu = p.mtu;
      return { type: r.type, dev, nexthop, gateway: r.gateway, src, mtu, route: r };
    }
  }
}

/** The result of routing a received packet (ip_route_input_slow). */
export type InputRoute =
  | { kind: 'local' }
  | { kind: 'broadcast' }
  | { kind: 'forward'; out: OutputRoute }
  | { kind: 'error'; reason: 'no-forwarding' | 'no-route' | 'blackhole' | 'unreachable' | 'prohibit' | 'martian-source' };

export function ipRouteInput(ns: NetNs, dst: Ipv4, src: Ipv4, inDev: NetDevice): InputRoute {
  if (dst === IPV4_BROADCAST || dst >>> 28 === 0xe) return { kind: 'broadcast' };
  const r = ns.fib.lookup(dst);
  if (inDev.kind !== 'loopback' && ns.isLocalAddr(src) && ns.sysctl.get('net.ipv4.conf.all.accept_local') !== '1') {
    return { kind: 'error', reason: 'martian-source' };
  }
  if (r && r.type === 'local') return { kind: 'local' };
  if (r && r.type === 'broadcast') return { kind: 'broadcast' };
  const forwarding = ns.ipForward;
  if (!r) return { kind: 'error', reason: forwarding ? 'no-route' : 'no-forwarding' };
  if (r.type === 'blackhole') return { kind: 'error', reason: 'blackhole' };
  if (!forwarding) return { kind: 'error', reason: 'no-forwarding' };
  if (r.type === 'unreachable') return { kind: 'error', reason: 'unreachable' };
  if (r.type === 'prohibit') return { kind: 'error', reason: 'prohibit' };
  const out = ipRouteOutput(ns, dst, {});
  if (typeof out === 'string') return { kind: 'error', reason: 'no-route' };
  return { kind: 'forward', out };
}

export function describeRoute(r: OutputRoute): string {
  return r.gateway ? `via ${formatIpv4(r.gateway)} dev ${r.dev.name}` : `dev ${r.dev.name}`;
}
