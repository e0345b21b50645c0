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
export function ipRouteOutput(ns: NetNs, dst: Ipv4, opts: { oif?: NetDevice | null; src?: Ipv4 | null; anySrc?: boolean } = {}): OutputRoute | RouteError {
  if (opts.src) {
    // ip_route_output_key_hash_rcu: a given source must be a usable local address
    // (__ip_dev_find, which falls back to table local so a prefix on lo counts), unless the
    // flow has FLOWI_FLAG_ANYSRC.
    if (opts.src >>> 28 === 0xe || opts.src === IPV4_BROADCAST || opts.src >>> 24 === 0) return 'EINVAL';
    if (!opts.anySrc && !ns.isLocalAddr(opts.src) && ns.fib.lookup(opts.src)?.type !== 'local') return 'ENETUNREACH';
  }
  if (dst === IPV4_BROADCAST) {
    // ip_route_output_key_hash_rcu: the limited broadcast leaves by the given device, or the
    // device that owns the given source address; otherwise it takes an ordinary FIB lookup
    // (usually the default route) and becomes a broadcast on that route's device.
    let dev: NetDevice | null | undefined = opts.oif;
    if (!dev && opts.src) dev = [...ns.devices.values()].find((d) => d.addrs.some((a) => a.addr === opts.src));
    if (!dev) {
      const r = ns.fib.lookup(dst);
      if (!r) return 'ENETUNREACH';
      if (r.type === 'blackhole') return 'EINVAL';
      if (r.type === 'unreachable') return 'EHOSTUNREACH';
      if (r.type === 'prohibit') return 'EACCES';
      dev = r.type === 'local' ? ns.loopback : r.dev;
    }
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
  | { kind: 'error'; reason: 'no-forwarding' | 'no-route' | 'blackhole' | 'unreachable' | 'prohibit' | 'martian-source' | 'martian-destination' | 'rp-filter' };

/**
 * fib_validate_source with rp_filter = max(conf.all, conf.DEV): does the reverse route to `src`
 * allow a packet from it on `inDev`? 1 (strict) wants the route to leave by inDev, 2 (loose)
 * any unicast route; 0 checks nothing (the own-address martian check is done separately).
 */
function rpFilterOk(ns: NetNs, src: Ipv4, inDev: NetDevice): boolean {
  const rpf = ns.confMax(inDev.name, 'rp_filter');
  if (rpf === 0 || src === 0 || inDev.kind === 'loopback') return true;
  const rev = ns.fib.lookup(src);
  if (!rev) return false;
  if (rev.type !== 'unicast' && !(rev.type === 'local' && ns.confMax(inDev.name, 'accept_local') !== 0)) return false;
  if (rev.dev === inDev) return true;
  if (inDev.addrs.length === 0) return false;
  return rpf !== 1;
}

export function ipRouteInput(ns: NetNs, dst: Ipv4, src: Ipv4, inDev: NetDevice): InputRoute {
  if (dst === IPV4_BROADCAST || dst >>> 28 === 0xe) return rpFilterOk(ns, src, inDev) ? { kind: 'broadcast' } : { kind: 'error', reason: 'rp-filter' };
  const r = ns.fib.lookup(dst);
  if (inDev.kind !== 'loopback' && ns.isLocalAddr(src) && ns.sysctl.get('net.ipv4.conf.all.accept_local') !== '1') {
    return { kind: 'error', reason: 'martian-source' };
  }
  // ip_route_input_slow: 127/8 arriving on a real device is a martian unless route_localnet.
  if (dst >>> 24 === 127 && inDev.kind !== 'loopback' && ns.confMax(inDev.name, 'route_localnet') === 0) return { kind: 'error', reason: 'martian-destination' };
  if (r && (r.type === 'local' || r.type === 'broadcast') && !rpFilterOk(ns, src, inDev)) return { kind: 'error', reason: 'rp-filter' };
  if (r && r.type === 'local') return { kind: 'local' };
  if (r && r.type === 'broadcast') return { kind: 'broadcast' };
  // ip_route_input_slow forwards only if the ingress device has forwarding on.
  const forwarding = ns.devForwarding(inDev);
  if (!r) return { kind: 'error', reason: forwarding ? 'no-route' : 'no-forwarding' };
  if (r.type === 'blackhole') return { kind: 'error', reason: 'blackhole' };
  if (!forwarding) return { kind: 'error', reason: 'no-forwarding' };
  if (r.type === 'unreachable') return { kind: 'error', reason: 'unreachable' };
  if (r.type === 'prohibit') return { kind: 'error', reason: 'prohibit' };
  if (!rpFilterOk(ns, src, inDev)) return { kind: 'error', reason: 'rp-filter' };
  const out = ipRouteOutput(ns, dst, {});
  if (typeof out === 'string') return { kind: 'error', reason: 'no-route' };
  return { kind: 'forward', out };
}

export function describeRoute(r: OutputRoute): string {
  return r.gateway ? `via ${formatIpv4(r.gateway)} dev ${r.dev.name}` : `dev ${r.dev.name}`;
}
