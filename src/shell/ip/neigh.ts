import { type Ipv4, formatIpv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { formatMac, parseMac } from '../../engine/addr/mac.ts';
import { neighAddStatic, neighDestroy, neighState } from '../../engine/net/arp.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import { matches } from '../argv.ts';
import { type IpCtx, EXIT_PARSE, devArg, incomplete, noDevice } from './common.ts';

export function ipNeigh(ctx: IpCtx, argv: string[]): number {
  const sub = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (matches(sub, 'show') || matches(sub, 'list') || matches(sub, 'lst')) return neighShow(ctx, rest, false);
  if (matches(sub, 'flush')) {
    if (rest.length === 0) {
      ctx.err('Flush requires arguments.\n');
      return 1;
    }
    return neighShow(ctx, rest, true);
  }
  if (matches(sub, 'add') || matches(sub, 'replace') || matches(sub, 'change')) return neighAdd(ctx, rest, sub);
  if (matches(sub, 'delete')) return neighDel(ctx, rest);
  ctx.err(`Command "${sub}" is unknown, try "ip neigh help".\n`);
  return EXIT_PARSE;
}

function neighShow(ctx: IpCtx, argv: string[], flush: boolean): number {
  let dev: NetDevice | null = null;
  let to: Ipv4 | null = null;
  let nud: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'dev') {
      const d = devArg(ctx, argv[++i]);
      if (typeof d === 'number') return d;
      dev = d;
    } else if (a === 'nud') {
      nud = (argv[++i] ?? '').toUpperCase();
      if (!['ALL', 'NONE', 'INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'NOARP', 'PERMANENT'].includes(nud)) {
        ctx.err(`Error: argument "${argv[i] ?? ''}" is wrong: nud state is bad\n`);
        return EXIT_PARSE;
      }
    }
    else if (a === 'all' || a === 'to') continue;
    else {
      const ip = parseIpv4(a.split('/')[0]);
      if (ip === null) {
        ctx.err(`Error: any valid prefix is expected rather than "${a}".\n`);
        return 1;
      }
      to = ip;
    }
  }
  const ns = ctx.ns;
  for (const n of ns.neigh.all()) {
    if (dev && n.dev !== dev) continue;
    if (to !== null && n.ip !== to) continue;
    const state = neighState(n);
    if (nud !== null && nud !== 'ALL' && state !== nud) continue;
    if (flush) {
      if (state !== 'PERMANENT' && state !== 'NOARP') neighDestroy(ns, n);
      continue;
    }
    const devPart = dev ? '' : ` dev ${n.dev.name}`;
    const ll = n.mac !== null && state !== 'INCOMPLETE' && state !== 'FAILED' ? ` lladdr ${formatMac(n.mac)}` : '';
    ctx.out(`${formatIpv4(n.ip)}${devPart}${ll} ${state} \n`);
  }
  return 0;
}

function neighAdd(ctx: IpCtx, argv: string[], sub: string): number {
  let ip: Ipv4 | null = null;
  let mac: ReturnType<typeof parseMac> = null;
  let dev: NetDevice | null = null;
  let nud: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP' | 'INCOMPLETE' = 'PERMANENT';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'lladdr') {
      const v = argv[++i];
      if (v === undefined) return incomplete(ctx);
      // ll_addr_a2n takes any number of hex bytes; the kernel only rejects an address shorter
      // than the device's (and keeps the first dev->addr_len bytes of a longer one).
      const bytes = v.split(':');
      mac = bytes.length >= 6 && bytes.every((b) => /^[0-9a-fA-F]{1,2}$/.test(b)) ? parseMac(bytes.slice(0, 6).join(':')) : parseMac(v);
      if (mac === null) {
        ctx.err(`"${v}" is invalid lladdr.\n`);
        return 1;
      }
    } else if (a === 'dev') {
      const d = devArg(ctx, argv[++i]);
      if (typeof d === 'number') return d;
      dev = d;
    } else if (a === 'nud') {
      const v = (argv[++i] ?? '').toUpperCase();
      if (v !== 'PERMANENT' && v !== 'REACHABLE' && v !== 'STALE' && v !== 'NOARP' && v !== 'INCOMPLETE') {
        ctx.err(`Error: argument "${argv[i]}" is wrong: nud state is bad\n`);
        return EXIT_PARSE;
      }
      nud = v;
    } else if (a === 'to') continue;
    else {
      ip = parseIpv4(a);
      if (ip === null) {
        ctx.err(`Error: inet address is expected rather than "${a}".\n`);
        return 1;
      }
    }
  }
  if (ip === null || dev === null) {
    ctx.err('Device and destination are required arguments.\n');
    return EXIT_PARSE;
  }
  if (mac === null) {
    ctx.err('RTNETLINK answers: Invalid argument\n');
    return 2;
  }
  if (matches(sub, 'add') && ctx.ns.neigh.get(dev, ip)) {
    ctx.err('RTNETLINK answers: File exists\n');
    return 2;
  }
  neighAddStatic(dev, ip, mac, nud);
  return 0;
}

function neighDel(ctx: IpCtx, argv: string[]): number {
  let ip: Ipv4 | null = null;
  let dev: NetDevice | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') {
      const v = argv[++i];
      const d = v === undefined ? undefined : ctx.ns.device(v);
      if (!d) return noDevice(ctx, v ?? '');
      dev = d;
    } else if (argv[i] !== 'to') {
      ip = parseIpv4(argv[i]);
      if (ip === null) {
        ctx.err(`Error: any valid address is expected rather than "${argv[i]}".\n`);
        return 1;
      }
    }
  }
  if (ip === null || dev === null) {
    ctx.err('Device and destination are required arguments.\n');
    return EXIT_PARSE;
  }
  const n = ctx.ns.neigh.get(dev, ip);
  if (!n) {
    ctx.err('RTNETLINK answers: No such file or directory\n');
    return 2;
  }
  neighDestroy(ctx.ns, n);
  return 0;
}
