import { IpProto } from '../engine/wire/ipv4.ts';
import { ensureNetfilter } from '../engine/netfilter/netfilter.ts';
import { formatConntrackEntry } from '../engine/netfilter/conntrack.ts';
import type { Command } from './context.ts';

const VERSION = 'conntrack v1.4.7 (conntrack-tools)';
const PROTOS: Record<string, number> = { tcp: IpProto.TCP, udp: IpProto.UDP, icmp: IpProto.ICMP };

/** conntrack-tools' `conntrack`: list (-L), count (-C) and flush (-F) the connection table. */
export const conntrackCommand: Command = (ctx, argv) => {
  let cmd: 'L' | 'C' | 'F' | null = null;
  let proto: number | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-L' || a === '--dump') cmd = 'L';
    else if (a === '-C' || a === '--count') cmd = 'C';
    else if (a === '-F' || a === '--flush') cmd = 'F';
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
  const table = ensureNetfilter(ctx.ns).conntrack;
  switch (cmd ?? 'L') {
    case 'L': {
      const entries = table.entries().filter((e) => proto === null || e.orig.proto === proto);
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
