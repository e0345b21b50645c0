import { type Ipv4, broadcastOf, parseIpv4, parsePrefix } from '../../engine/addr/ipv4.ts';
import { matches } from '../argv.ts';
import { type IpCtx, EXIT_PARSE, devicesToShow, incomplete, nlFail, noDevice } from './common.ts';
import { formatAddrLines, linkHeader, linkLine2, linkNetns } from './format.ts';

export function ipAddr(ctx: IpCtx, argv: string[]): number {
  const sub = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (matches(sub, 'add') || matches(sub, 'replace') || matches(sub, 'change')) return addrAdd(ctx, rest, sub);
  if (matches(sub, 'delete')) return addrDel(ctx, rest);
  if (matches(sub, 'show') || matches(sub, 'list') || matches(sub, 'lst')) return addrShow(ctx, rest);
  if (matches(sub, 'flush')) return addrFlush(ctx, rest);
  ctx.err(`Command "${sub}" is unknown, try "ip address help".\n`);
  return EXIT_PARSE;
}

interface AddrArgs {
  local: string | null;
  dev: string | null;
  brd: string | null;
  scope: 'host' | 'link' | 'global' | null;
  label: string | null;
  peer: string | null;
}

function parseAddrArgs(ctx: IpCtx, argv: string[]): AddrArgs | number {
  const r: AddrArgs = { local: null, dev: null, brd: null, scope: null, label: null, peer: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === 'dev') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.dev = v;
    } else if (matches(a, 'broadcast') || a === 'brd') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.brd = v;
    } else if (a === 'scope') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (v !== 'host' && v !== 'link' && v !== 'global' && v !== 'universe') {
        ctx.err(`Error: argument "${v}" is wrong: invalid scope value.\n`);
        return EXIT_PARSE;
      }
      r.scope = v === 'universe' ? 'global' : v;
    } else if (a === 'label') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.label = v;
    } else if (a === 'local' || a === 'peer' || a === 'valid_lft' || a === 'preferred_lft' || a === 'metric' || a === 'proto') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (a === 'local') r.local = v;
      if (a === 'peer') r.peer = v;
    } else if (a === 'noprefixroute' || a === 'home' || a === 'nodad') {
      continue;
    } else {
      if (r.local !== null) {
        ctx.err(`Error: either "local" is duplicate, or "${a}" is a garbage.\n`);
        return EXIT_PARSE;
      }
      r.local = a;
    }
  }
  return r;
}

function addrAdd(ctx: IpCtx, argv: string[], sub: string): number {
  const r = parseAddrArgs(ctx, argv);
  if (typeof r === 'number') return r;
  if (r.dev === null) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  if (r.local === null) {
    ctx.err('Not enough information: "local" argument is required.\n');
    return 1;
  }
  const parsed = parsePrefix(r.local, true);
  if (parsed === null) {
    ctx.err(`Error: any valid prefix is expected rather than "${r.local}".\n`);
    return 1;
  }
  const p = { ...parsed };
  // `peer P[/LEN]`: the prefix length (and the prefix route) come from the peer.
  let peer: Ipv4 | undefined;
  if (r.peer !== null) {
    const pp = parsePrefix(r.peer, true);
    if (pp === null) {
      ctx.err(`Error: any valid prefix is expected rather than "${r.peer}".\n`);
      return 1;
    }
    peer = pp.addr;
    p.len = pp.len;
  }
  const dev = ctx.ns.device(r.dev);
  if (!dev) return noDevice(ctx, r.dev);
  let brd: Ipv4 | undefined;
  if (r.brd === '+') brd = broadcastOf(p.addr, p.len);
  else if (r.brd === '-') brd = undefined;
  else if (r.brd !== null) {
    const b = parseIpv4(r.brd);
    if (b === null) {
      ctx.err(`Error: inet address is expected rather than "${r.brd}".\n`);
      return 1;
    }
    brd = b;
  }
  if (!matches(sub, 'add')) {
    const existing = dev.addrs.find((x) => x.addr === p.addr && x.prefixLen === p.len);
    if (existing) return 0;
  }
  const res = ctx.kernel.addAddr(dev, p.addr, p.len, { broadcast: brd, scope: r.scope ?? undefined, label: r.label ?? undefined, peer });
  return res.ok ? 0 : nlFail(ctx, res.error);
}

function addrDel(ctx: IpCtx, argv: string[]): number {
  const r = parseAddrArgs(ctx, argv);
  if (typeof r === 'number') return r;
  if (r.dev === null) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  const dev = ctx.ns.device(r.dev);
  if (!dev) return noDevice(ctx, r.dev);
  if (r.local === null) {
    // iproute2 deletes the first address of the device when none is named.
    const first = dev.addrs[0];
    if (!first) {
      ctx.err('Error: ipv4: Address not found.\n');
      return 2;
    }
    const res = ctx.kernel.delAddr(dev, first.addr, first.prefixLen);
    return res.ok ? 0 : nlFail(ctx, res.error);
  }
  const p = parsePrefix(r.local, true);
  if (p === null) {
    ctx.err(`Error: any valid prefix is expected rather than "${r.local}".\n`);
    return 1;
  }
  const res = ctx.kernel.delAddr(dev, p.addr, r.local.includes('/') ? p.len : null);
  return res.ok ? 0 : nlFail(ctx, res.error);
}

function addrFlush(ctx: IpCtx, argv: string[]): number {
  let devName: string | undefined;
  let label: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') devName = argv[++i];
    else if (argv[i] === 'label') label = argv[++i] ?? null;
    else devName ??= argv[i];
  }
  if (devName === undefined) {
    ctx.err('Flush requires arguments.\n');
    return 1;
  }
  const dev = ctx.ns.device(devName);
  if (!dev) return noDevice(ctx, devName);
  if (label === null) {
    ctx.kernel.flushAddrs(dev);
    return 0;
  }
  // ipaddr_flush with a label filter (fnmatch): one RTM_DELADDR per matching address.
  const re = new RegExp('^' + label.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  for (const a of dev.addrs.filter((x) => re.test(x.label))) {
    if (dev.addrs.includes(a)) ctx.kernel.delAddr(dev, a.addr, a.prefixLen);
  }
  return 0;
}

function addrShow(ctx: IpCtx, argv: string[]): number {
  let devName: string | null = null;
  let upOnly = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') devName = argv[++i] ?? null;
    else if (argv[i] === 'up') upOnly = true;
    else if (argv[i] === 'scope' || argv[i] === 'label' || argv[i] === 'to') i++;
    else devName = argv[i];
  }
  const listed = devicesToShow(ctx, devName);
  if (typeof listed === 'number') return listed;
  let devs = listed;
  if (upOnly) devs = devs.filter((d) => d.adminUp);
  for (const d of devs) {
    const only4 = ctx.opts.family4;
    if (only4 && d.addrs.length === 0) continue;
    if (ctx.opts.brief) {
      const state = linkHeader(d, false).match(/state (\S+)/)?.[1] ?? 'UNKNOWN';
      const name = linkHeader(d, false).split(': ')[1];
      const addrs = d.addrs.map((a) => `${formatIpv4Plain(a.addr)}/${a.prefixLen}`).join(' ');
      ctx.out(`${name.padEnd(16)} ${state.padEnd(14)} ${addrs} \n`);
      continue;
    }
    if (only4) ctx.out(`${linkHeader(d, false)}${linkNetns(d)}\n`);
    else ctx.out(`${linkHeader(d, false)}\n${linkLine2(d)}\n`);
    const lines = formatAddrLines(d, only4);
    if (lines.length) ctx.out(lines.join('\n') + '\n');
  }
  return 0;
}

function formatIpv4Plain(a: number): string {
  return `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}
