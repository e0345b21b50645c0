import { type Ipv4, formatIpv4, networkOf, parseIpv4, parsePrefix } from '../../engine/addr/ipv4.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import { RT_TABLE, type Route, type RouteProto, type RouteScope, type RouteType } from '../../engine/net/fib.ts';
import { ipRouteOutput, ROUTE_ERROR_TEXT } from '../../engine/net/route.ts';
import { SEC } from '../../engine/sim/scheduler.ts';
import { matches } from '../argv.ts';
import { type IpCtx, EXIT_PARSE, devArg, incomplete, nlFail, noDevice } from './common.ts';

const TYPES: RouteType[] = ['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit'];

export function ipRoute(ctx: IpCtx, argv: string[]): number {
  const sub = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (matches(sub, 'add')) return routeModify(ctx, rest, 'add');
  if (matches(sub, 'change')) return routeModify(ctx, rest, 'change');
  if (matches(sub, 'replace')) return routeModify(ctx, rest, 'replace');
  if (matches(sub, 'prepend')) return routeModify(ctx, rest, 'prepend');
  if (matches(sub, 'append')) return routeModify(ctx, rest, 'append');
  if (matches(sub, 'delete')) return routeModify(ctx, rest, 'del');
  if (matches(sub, 'show') || matches(sub, 'list') || matches(sub, 'lst')) return routeShow(ctx, rest);
  if (matches(sub, 'get')) return routeGet(ctx, rest);
  if (matches(sub, 'flush')) return routeFlush(ctx, rest);
  ctx.err(`Command "${sub}" is unknown, try "ip route help".\n`);
  return EXIT_PARSE;
}

function parseTable(v: string): number | null {
  if (v === 'main') return RT_TABLE.main;
  if (v === 'default') return 253;
  if (v === 'local') return RT_TABLE.local;
  if (/^\d+$/.test(v)) return Number(v);
  return null;
}

interface RouteArgs {
  type: RouteType;
  prefix: { addr: Ipv4; len: number } | null;
  via: Ipv4 | null;
  dev: NetDevice | null;
  src: Ipv4 | null;
  metric: number | null;
  proto: RouteProto | null;
  scope: RouteScope | null;
  table: number | null;
  /** A type keyword was given (RTM_DELROUTE without one matches any type). */
  typeGiven: boolean;
}

function parseRouteArgs(ctx: IpCtx, argv: string[]): RouteArgs | number {
  const r: RouteArgs = { type: 'unicast', prefix: null, via: null, dev: null, src: null, metric: null, proto: null, scope: null, table: null, typeGiven: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === 'via') {
      let v = next();
      if (v === 'inet') v = next();
      if (v === null) return incomplete(ctx);
      const g = parseIpv4(v);
      if (g === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return 1;
      }
      r.via = g;
    } else if (a === 'dev' || a === 'oif') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const d = ctx.ns.device(v);
      if (!d) return noDevice(ctx, v);
      r.dev = d;
    } else if (a === 'src') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const s = parseIpv4(v);
      if (s === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return 1;
      }
      r.src = s;
    } else if (a === 'metric' || a === 'priority' || a === 'preference') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v)) {
        ctx.err(`Error: argument "${v}" is wrong: "metric" value is invalid\n\n`);
        return EXIT_PARSE;
      }
      r.metric = Number(v);
    } else if (a === 'proto' || a === 'protocol') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.proto = v === 'kernel' || v === 'static' || v === 'boot' ? v : 'static';
    } else if (a === 'scope') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.scope = v === 'host' || v === 'link' ? v : 'global';
    } else if (a === 'table') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const t = parseTable(v);
      if (t === null) {
        ctx.err(`Error: argument "${v}" is wrong: "table" value is invalid\n\n`);
        return EXIT_PARSE;
      }
      r.table = t;
    } else if (a === 'onlink' || a === 'mtu' || a === 'advmss' || a === 'initcwnd') {
      if (a !== 'onlink') next();
    } else if (TYPES.includes(a as RouteType) && r.prefix === null) {
      r.type = a as RouteType;
      r.typeGiven = true;
    } else if (a === 'to') {
      continue;
    } else {
      if (r.prefix !== null) {
        ctx.err(`Error: either "to" is duplicate, or "${a}" is a garbage.\n`);
        return EXIT_PARSE;
      }
      if (a === 'default' || a === 'all' || a === 'any') r.prefix = { addr: 0 as Ipv4, len: 0 };
      else {
        const p = parsePrefix(a, true);
        if (p === null) {
          ctx.err(`Error: inet prefix is expected rather than "${a}".\n`);
          return 1;
        }
        if (networkOf(p.addr, p.len) !== p.addr) {
          ctx.err('Error: Invalid prefix for given prefix length.\n');
          return 2;
        }
        r.prefix = p;
      }
    }
  }
  return r;
}

function routeModify(ctx: IpCtx, argv: string[], op: 'add' | 'replace' | 'change' | 'append' | 'prepend' | 'del'): number {
  const r = parseRouteArgs(ctx, argv);
  if (typeof r === 'number') return r;
  if (r.prefix === null) {
    ctx.err('Error: either "to" is duplicate, or "" is a garbage.\n');
    return EXIT_PARSE;
  }
  const table = r.table ?? (r.type === 'local' || r.type === 'broadcast' ? RT_TABLE.local : RT_TABLE.main);
  const k = ctx.kernel;
  if (op === 'del') {
    const res = k.delRoute(ctx.ns, { table, dst: r.prefix.addr, len: r.prefix.len, type: r.typeGiven ? r.type : undefined, gateway: r.via, dev: r.dev, metric: r.metric ?? undefined });
    return res.ok ? 0 : nlFail(ctx, res.error);
  }
  if ((r.type === 'blackhole' || r.type === 'unreachable' || r.type === 'prohibit') && (r.via !== null || r.dev !== null)) {
    // fib_create_info: reject types take no nexthop.
    ctx.err('Error: Gateway, device and multipath can not be specified for this route type.\n');
    return 2;
  }
  if (r.type === 'unicast' && r.via === null && r.dev === null) {
    ctx.err('RTNETLINK answers: No such device\n');
    return 2;
  }
  const defaultScope: RouteScope = r.type === 'local' ? 'host' : r.type === 'broadcast' ? 'link' : r.type === 'unicast' && r.via === null ? 'link' : 'global';
  const route: Route = {
    table,
    type: r.type,
    dst: r.prefix.addr,
    len: r.prefix.len,
    gateway: r.via,
    dev: r.type === 'blackhole' || r.type === 'unreachable' || r.type === 'prohibit' ? null : r.dev,
    proto: r.proto ?? 'boot',
    scope: r.scope ?? defaultScope,
    prefsrc: r.src,
    metric: r.metric ?? 0,
  };
  if (r.src !== null && !ctx.ns.isLocalAddr(r.src)) {
    ctx.err('Error: Invalid prefsrc address.\n');
    return 2;
  }
  const res = k.addRoute(ctx.ns, route, op);
  return res.ok ? 0 : nlFail(ctx, res.error);
}

/** One route as `ip route show` prints it (every item followed by a space). */
export function formatRoute(r: Route, opts: { showTable: boolean; hideDev: boolean }): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.len === 0 ? 'default' : r.len === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.len}`);
  if (r.gateway !== null) parts.push('via', formatIpv4(r.gateway));
  if (r.dev && !opts.hideDev) parts.push('dev', r.dev.name);
  if (opts.showTable && r.table !== RT_TABLE.main) parts.push('table', r.table === RT_TABLE.local ? 'local' : String(r.table));
  if (r.proto !== 'boot') parts.push('proto', r.proto);
  const defaultScope = r.gateway !== null || r.type === 'blackhole' || r.type === 'unreachable' || r.type === 'prohibit' ? 'global' : null;
  if (r.scope !== 'global' && r.scope !== (defaultScope as string | null)) parts.push('scope', r.scope);
  if (r.prefsrc !== null) parts.push('src', formatIpv4(r.prefsrc));
  if (r.metric !== 0) parts.push('metric', String(r.metric));
  if (r.dev && r.type !== 'local' && r.dev.kind !== 'loopback' && !r.dev.carrier) parts.push('linkdown');
  return parts.join(' ') + ' ';
}

function routeShow(ctx: IpCtx, argv: string[]): number {
  let table: number | 'all' = RT_TABLE.main;
  let dev: NetDevice | null = null;
  let prefix: { addr: Ipv4; len: number } | null = null;
  let typeFilter: RouteType | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'table') {
      const v = argv[++i];
      if (v === undefined) return incomplete(ctx);
      if (v === 'all') table = 'all';
      else {
        const t = parseTable(v);
        if (t === null) {
          ctx.err(`Error: argument "${v}" is wrong: table id value is invalid\n\n`);
          return EXIT_PARSE;
        }
        table = t;
        if (!ctx.ns.fib.tables.has(t)) {
          // A strict dump of a table that was never created (a flushed one still exists).
          ctx.err('Error: ipv4: FIB table does not exist.\nDump terminated\n');
          return 2;
        }
      }
    } else if (a === 'dev') {
      const d = devArg(ctx, argv[++i]);
      if (typeof d === 'number') return d;
      dev = d;
    } else if (TYPES.includes(a as RouteType)) typeFilter = a as RouteType;
    else if (a === 'default') prefix = { addr: 0 as Ipv4, len: 0 };
    else if (a === 'proto' || a === 'scope' || a === 'src' || a === 'via') i++;
    else {
      const p = parsePrefix(a, true);
      if (p) prefix = p;
    }
  }
  let routes = table === 'all' ? [...ctx.ns.fib.list(RT_TABLE.main), ...ctx.ns.fib.list(RT_TABLE.local), ...ctx.ns.fib.routes.filter((r) => r.table !== RT_TABLE.main && r.table !== RT_TABLE.local)] : ctx.ns.fib.list(table);
  if (dev) routes = routes.filter((r) => r.dev === dev);
  if (prefix) routes = routes.filter((r) => r.dst === prefix.addr && r.len === prefix.len);
  if (typeFilter) routes = routes.filter((r) => r.type === typeFilter);
  for (const r of routes) ctx.out(formatRoute(r, { showTable: table === 'all', hideDev: dev !== null }) + '\n');
  return 0;
}

function routeGet(ctx: IpCtx, argv: string[]): number {
  let dst: Ipv4 | null = null;
  let src: Ipv4 | null = null;
  let oif: NetDevice | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'from') {
      const v = argv[++i];
      if (v === undefined) return incomplete(ctx);
      const p = parsePrefix(v, true);
      if (p === null) {
        ctx.err(`Error: inet prefix is expected rather than "${v}".\n`);
        return 1;
      }
      src = p.addr;
    } else if (a === 'oif' || a === 'dev') {
      const d = devArg(ctx, argv[++i]);
      if (typeof d === 'number') return d;
      oif = d;
    } else if (a === 'to') continue;
    else if (a === 'iif' || a === 'mark' || a === 'tos' || a === 'uid' || a === 'ipproto' || a === 'sport' || a === 'dport') i++;
    else if (a === 'fibmatch' || a === 'connected') continue;
    else {
      const p = parsePrefix(a, true);
      if (p === null) {
        ctx.err(`Error: inet prefix is expected rather than "${a}".\n`);
        return 1;
      }
      dst = p.addr;
    }
  }
  if (dst === null) {
    ctx.err('need at least a destination address\n');
    return 1;
  }
  const rt = ipRouteOutput(ctx.ns, dst, { oif, src });
  if (typeof rt === 'string') {
    ctx.err(`RTNETLINK answers: ${ROUTE_ERROR_TEXT[rt]}\n`);
    return 2;
  }
  const head = rt.type === 'local' ? 'local ' : rt.type === 'broadcast' ? 'broadcast ' : '';
  const via = rt.gateway !== null ? ` via ${formatIpv4(rt.gateway)}` : '';
  ctx.out(`${head}${formatIpv4(dst)}${via} dev ${rt.dev.name} src ${formatIpv4(rt.src)} uid 0 \n`);
  const p = ctx.ns.pmtu.get(dst);
  let cache = rt.type === 'local' ? '<local> ' : rt.type === 'broadcast' ? '<local,brd> ' : '';
  if (rt.type === 'unicast' && p && p.expires > ctx.kernel.now) cache = `expires ${Math.floor((p.expires - ctx.kernel.now) / SEC)}sec mtu ${p.mtu} `;
  ctx.out(`    cache ${cache}\n`);
  return 0;
}

function routeFlush(ctx: IpCtx, argv: string[]): number {
  if (argv.length === 0) {
    ctx.err('"ip route flush" requires arguments.\n');
    return 1;
  }
  let dev: NetDevice | null = null;
  let table = RT_TABLE.main as number;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') {
      const v = argv[++i];
      const d = v === undefined ? undefined : ctx.ns.device(v);
      if (!d) return noDevice(ctx, v ?? '');
      dev = d;
    } else if (argv[i] === 'table') table = parseTable(argv[++i] ?? '') ?? RT_TABLE.main;
  }
  ctx.ns.fib.remove((r) => r.table === table && (dev === null || r.dev === dev));
  return 0;
}
