import { type Ipv4, inPrefix, prefixMask } from '../addr/ipv4.ts';
import type { NetDevice } from './device.ts';

/** Routing table ids as in /etc/iproute2/rt_tables. */
export const RT_TABLE = { main: 254, local: 255 } as const;

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
export type RouteScope = 'host' | 'link' | 'global';
export type RouteProto = 'kernel' | 'boot' | 'static';

/** One entry of a FIB table (struct fib_alias + fib_info, flattened). */
export interface Route {
  table: number;
  type: RouteType;
  dst: Ipv4;
  len: number;
  gateway: Ipv4 | null;
  dev: NetDevice | null;
  proto: RouteProto;
  scope: RouteScope;
  prefsrc: Ipv4 | null;
  metric: number;
}

/**
 * The namespace's routing tables. Lookups follow the default policy rules, with tables local
 * and main merged: the longest prefix wins, then table local, then the lowest metric.
 */
export class Fib {
  routes: Route[] = [];
  /** Tables that exist: main and local always, others once a route was added (fib_new_table). */
  readonly tables = new Set<number>([RT_TABLE.main, RT_TABLE.local]);

  /** Adds a route after its existing aliases, or just before the alias `before`. */
  add(r: Route, before?: Route): void {
    this.tables.add(r.table);
    const i = before ? this.routes.indexOf(before) : -1;
    if (i >= 0) this.routes.splice(i, 0, r);
    else this.routes.push(r);
    // Longest prefix first, then lowest metric; insertion order breaks ties.
    this.routes.sort((a, b) => b.len - a.len || a.metric - b.metric);
  }

  /** The route that `ip route add` would clash with (same table, prefix, metric, tos). */
  findExact(table: number, dst: Ipv4, len: number, metric: number): Route | undefined {
    return this.routes.find((r) => r.table === table && r.dst === dst && r.len === len && r.metric === metric);
  }

  remove(pred: (r: Route) => boolean): Route[] {
    const gone = this.routes.filter(pred);
    if (gone.length > 0) this.routes = this.routes.filter((r) => !pred(r));
    return gone;
  }

  /**
   * fib_lookup: the best route to dst. With `oif`, only routes through that device (or
   * local routes for its addresses) qualify, as for a socket bound with SO_BINDTODEVICE.
   */
  lookup(dst: Ipv4, oif?: NetDevice | null): Route | null {
    // Without custom rules the kernel keeps tables local and main in one trie (fib_unmerge runs
    // only once rules are added): the longest prefix over both wins; at the same prefix the
    // aliases of table local come first (fib_insert_alias orders them by tb_id).
    let best: Route | null = null;
    for (const r of this.routes) {
      if (r.table !== RT_TABLE.local && r.table !== RT_TABLE.main) continue;
      if (best && r.len < best.len) break;
      if (((dst & prefixMask(r.len)) >>> 0) !== r.dst) continue;
      // With an oif, nexthops on other devices are skipped; a local route's nexthop is the
      // device that has the address (lo for 127.0.0.1). Reject routes have no nexthop.
      if (oif && r.dev !== oif && r.type !== 'blackhole' && r.type !== 'unreachable' && r.type !== 'prohibit') continue;
      if (r.table === RT_TABLE.local) return r;
      best ??= r;
    }
    return best;
  }

  /** Routes of a table in the order `ip route show` prints them. */
  list(table: number): Route[] {
    // The kernel walks its trie in key order; at one key, longer prefixes come first.
    return this.routes
      .filter((r) => r.table === table)
      .sort((a, b) => a.dst - b.dst || b.len - a.len || a.metric - b.metric);
  }
}

export function routeCovers(r: Route, a: Ipv4): boolean {
  return inPrefix(a, r.dst, r.len);
}
