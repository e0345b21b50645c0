import { IpProto } from '../engine/wire/ipv4.ts';
import { ensureNetfilter } from '../engine/netfilter/netfilter.ts';
import { type CtEntry, formatConntrackEntry } from '../engine/netfilter/conntrack.ts';
import { parseIpv4 } from '../engine/addr/ipv4.ts';
import type { Command } from './context.ts';

const VERSION = 'conntrack v1.4.7 (conntrack-tools)';
const PROTOS: Record<string, number> = { tcp: IpProto.TCP, udp: IpProto.UDP, icmp: IpProto.ICMP };

/** Filters on the original and reply tuples: -s -d -r -q, and --sport --dport (after -p). */
type Filter = (e: CtEntry) => boolean;
const ADDR_FILTERS: Record<string, (e: CtEntry) => number> = {
  '-s': (e) => e.orig.src,
  '--src': (e) => e.orig.src,
  '--orig-src': (e) => e.orig.src,
  '-d': (e) => e.orig.dst,
  '--dst': (e) => e.orig.dst,
  '--orig-dst': (e) => e.orig.dst,
  '-r': (e) => e.reply.src,
  '--reply-src': (e) => e.reply.src,
  '-q': (e) => e.reply.dst,
  '--reply-dst': (e) => e.reply.dst,
};
const LONG: Record<string, string> = { '-s': '--src', '-d': '--dst', '-r': '--reply-src', '-q': '--reply-dst' };
const PORT_FILTERS: Record<string, (e: CtEntry) => number> = {
  '--sport': (e) => e.orig.sport,
  '--orig-port-src': (e) => e.orig.sport,
  '--dport': (e) => e.orig.dport,
  '--orig-port-dst': (e) => e.orig.dport,
  '--reply-port-src': (e) => e.reply.sport,
  '--reply-port-dst': (e) => e.reply.dport,
};

/** conntrack-tools' `conntrack`: list (-L), count (-C), delete (-D) and flush (-F) the connection table. */
export const conntrackCommand: Command = (ctx, argv) => {
  let cmd: 'L' | 'C' | 'F' | 'D' | null = null;
  let proto: number | null = null;
  const filters: Filter[] = [];
  const filterNames: string[] = [];
  const usage = (msg: string): number => {
    ctx.err(`${VERSION}: ${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
    return 2;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-L' || a === '--dump') cmd = 'L';
    else if (a === '-C' || a === '--count') cmd = 'C';
    else if (a === '-F' || a === '--flush') cmd = 'F';
    else if (a === '-D' || a === '--delete') cmd = 'D';
    else if (a in ADDR_FILTERS) {
      const v = argv[++i];
      const ip = v === undefined ? null : parseIpv4(v);
      if (ip === null) return v === undefined ? usage(`option \`${a}' requires an argument`) : usage(`can't parse address \`${v}'`);
      const get = ADDR_FILTERS[a];
      filters.push((e) => get(e) === ip);
      filterNames.push(LONG[a] ?? a);
    } else if (a in PORT_FILTERS && (proto === IpProto.TCP || proto === IpProto.UDP)) {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return usage(v === undefined ? `option \`${a}' requires an argument` : `invalid port \`${v}'`);
      const get = PORT_FILTERS[a];
      filters.push((e) => get(e) === Number(v));
    }
    else if (a === '-p' || a === '--proto') {
      const v = argv[++i];
      if (v === undefined || !(v in PROTOS)) {
        ctx.err(`${VERSION}: unknown protocol \`${v ?? ''}'\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
        return 2;
      }
      proto = PROTOS[v];
    } else if (a === '-n' || a === '-o' || a === '--output') {
      if (a !== '-n') i++;
    } else {
      ctx.err(`${VERSION}: unknown option \`${a}'\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
      return 2;
    }
  }
  // -C counts the whole table: it takes no filters.
  if (cmd === 'C' && filterNames.length > 0) return usage(`Illegal option \`${filterNames[0]}' with this command`);
  const table = ensureNetfilter(ctx.ns).conntrack;
  const selected = (): CtEntry[] => table.entries().filter((e) => (proto === null || e.orig.proto === proto) && filters.every((f) => f(e)));
  switch (cmd ?? 'L') {
    case 'D': {
      const entries = selected();
      for (const e of entries) {
        ctx.out(formatConntrackEntry(e, ctx.kernel.now) + '\n');
        table.remove(e);
      }
      if (entries.length === 0) {
        ctx.err(`${VERSION}: 0 flow entries have been deleted.\n`);
        return 1;
      }
      ctx.err(`${VERSION}: ${entries.length} flow entries have been deleted.\n`);
      return 0;
    }
    case 'L': {
      const entries = selected();
      for (const e of entries) ctx.out(formatConntrackEntry(e, ctx.kernel.now) + '\n');
      ctx.err(`${VERSION}: ${entries.length} flow entries have been shown.\n`);
      return 0;
    }
    case 'C':
      ctx.out(`${table.entries().length}\n`);
      return 0;
    case 'F':
      table.flush();
      ctx.err(`${VERSION}: connection tracking table has been emptied.\n`);
      return 0;
  }
  return 0;
};
