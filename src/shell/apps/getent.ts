/**
 * getent hosts, as glibc's getent does it: gethostbyname2() for AF_INET6 first (so a DNS
 * AAAA query goes out even for names /etc/hosts knows only as IPv4), then AF_INET; each
 * address printed as "%-15s %s" with the canonical name and aliases. Exit 2 when not found.
 */
import { formatIpv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { DnsType } from '../../engine/wire/dns.ts';
import type { Command, CommandContext } from '../context.ts';
import { parseHostsFile, resolveHost, reverseLookup } from './resolver.ts';

const HELP = "Try `getent --help' or `getent --usage' for more information.\n";

function line(addr: string, names: string[]): string {
  return `${addr.padEnd(15)} ${names.join(' ')}\n`;
}

/** The IPv6 lines of /etc/hosts, kept as text: the simulator does not route IPv6. */
function hostsV6(ctx: CommandContext, name: string): string | null {
  const want = name.toLowerCase();
  for (const raw of (ctx.fs.readText('/etc/hosts') ?? '').split('\n')) {
    const [addr, ...names] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (addr !== undefined && addr.includes(':') && names.some((n) => n.toLowerCase() === want)) return line(addr, names);
  }
  return null;
}

function lookup(ctx: CommandContext, key: string): string | null {
  const addr = parseIpv4(key);
  if (addr !== null) {
    // gethostbyaddr(): hosts file (every name of the line), then PTR.
    const hit = parseHostsFile(ctx.fs.readText('/etc/hosts')).find((e) => e.address === addr);
    if (hit) return line(key, hit.names);
    const name = reverseLookup(ctx, addr);
    return name === null ? null : line(key, [name]);
  }
  const v6 = hostsV6(ctx, key);
  if (v6 !== null) return v6;
  // AF_INET6 over DNS: only AAAA (answers would be IPv6, which the simulator leaves out).
  resolveHost(ctx, key, { qtypes: [DnsType.AAAA], hostsFile: false });
  const r = resolveHost(ctx, key, { qtypes: [DnsType.A] });
  if (r === null || !r.ok) return null;
  return r.addresses.map((a) => line(formatIpv4(a), [r.name, ...r.aliases])).join('');
}

export const getentCommand: Command = (ctx, argv) => {
  const db = argv[1];
  if (db === undefined) {
    ctx.err(`getent: wrong number of arguments\n${HELP}`);
    return 1;
  }
  if (db !== 'hosts') {
    ctx.err(`Unknown database: ${db}\n${HELP}`);
    return 1;
  }
  const keys = argv.slice(2);
  if (keys.length === 0) {
    // Enumeration lists the file only (DNS cannot be enumerated).
    for (const e of parseHostsFile(ctx.fs.readText('/etc/hosts'))) ctx.out(line(formatIpv4(e.address), e.names));
    return 0;
  }
  let code = 0;
  for (const k of keys) {
    const out = lookup(ctx, k);
    if (out === null) code = 2;
    else ctx.out(out);
  }
  return code;
};
