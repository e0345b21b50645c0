/**
 * BIND 9's host(1) for the common cases: `host NAME [SERVER]` asks for A, AAAA and MX in
 * turn and prints each answer as a sentence; `host ADDRESS` asks for the PTR record.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { SEC } from '../../engine/sim/scheduler.ts';
import { DnsRcode, DnsType, dnsRcodeName, dnsTypeFromName, formatIpv6, reverseName, type DnsMessage, type DnsRecord } from '../../engine/wire/dns.ts';
import type { Command } from '../context.ts';
import { bindIcmpEndsTry } from './nslookup.ts';
import { dnsExchange, type ExchangeOutcome, readResolvConf } from './resolver.ts';

function sentence(r: DnsRecord): string {
  const d = r.data;
  if (d.kind === 'a') return `${r.name} has address ${formatIpv4(d.address)}\n`;
  if (d.kind === 'name') {
    if (r.type === DnsType.CNAME) return `${r.name} is an alias for ${d.target}.\n`;
    if (r.type === DnsType.PTR) return `${r.name} domain name pointer ${d.target}.\n`;
    return `${r.name} name server ${d.target}.\n`;
  }
  if (r.type === DnsType.AAAA && d.kind === 'raw' && d.bytes.length === 16) return `${r.name} has IPv6 address ${formatIpv6(d.bytes)}\n`;
  if (r.type === DnsType.MX && d.kind === 'raw' && d.bytes.length > 2) return `${r.name} mail is handled by ${(d.bytes[0] << 8) | d.bytes[1]} (name)\n`;
  return '';
}

export const hostCommand: Command = (ctx, argv) => {
  const args: string[] = [];
  let only: number | null = null;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-t' && argv[i + 1] !== undefined) {
      only = dnsTypeFromName(argv[++i]);
      if (only === null) {
        ctx.err(`host: invalid type: ${argv[i]}\n`);
        return 1;
      }
    } else if (!argv[i].startsWith('-')) args.push(argv[i]);
  }
  const name = args[0];
  if (name === undefined) {
    ctx.err('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n');
    return 1;
  }
  let server: Ipv4 = readResolvConf(ctx.fs).nameservers[0] ?? (0x7f000001 as Ipv4);
  let prefix = '';
  if (args[1] !== undefined) {
    const s = parseIpv4(args[1]);
    if (s === null) {
      ctx.err(`host: couldn't get address for '${args[1]}': not found\n`);
      return 1;
    }
    server = s;
    prefix = `Using domain server:\nName: ${args[1]}\nAddress: ${args[1]}#53\nAliases: \n\n`;
  }
  const srv = formatIpv4(server);
  const ask = (qname: string, type: number): DnsMessage | null => {
    let result: ExchangeOutcome[] | null = null;
    dnsExchange(ctx, [{ name: qname, type }], {
      server,
      tries: 2,
      tryTimeout: 5 * SEC,
      icmpEndsTry: bindIcmpEndsTry,
      onTryEnd: (_a, why) => {
        ctx.out(`;; communications error to ${srv}#53: ${why === 'timeout' ? 'timed out' : why === 'refused' ? 'connection refused' : 'host unreachable'}\n`);
        return true;
      },
    }, (o) => (result = o));
    if (result === null) ctx.kernel.sched.runUntil(ctx.kernel.now + 3600 * SEC, () => result !== null);
    const o = (result as ExchangeOutcome[] | null)?.[0];
    return o && o.kind === 'reply' ? o.msg : null;
  };
  ctx.out(prefix);
  const addr = parseIpv4(name);
  const types = only !== null ? [only] : addr !== null ? [DnsType.PTR] : [DnsType.A, DnsType.AAAA, DnsType.MX];
  const qname = addr !== null ? reverseName(addr) : name;
  let shownCname = false;
  for (const t of types) {
    const m = ask(qname, t);
    if (m === null) {
      ctx.out(';; no servers could be reached\n');
      return 1;
    }
    if (m.header.rcode !== DnsRcode.NOERROR) {
      ctx.out(`Host ${addr !== null ? `${qname}.` : name} not found: ${m.header.rcode}(${dnsRcodeName(m.header.rcode)})\n`);
      return 1;
    }
    for (const r of m.answers) {
      // The CNAME comes back with every type: host says it once.
      if (r.type === DnsType.CNAME) {
        if (shownCname) continue;
        shownCname = true;
      }
      ctx.out(sentence(r));
    }
  }
  return 0;
};
