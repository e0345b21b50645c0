/**
 * nslookup in two flavours: BusyBox's (Alpine and busybox images, when the filesystem has
 * /bin/busybox) and ISC BIND 9's (Debian's dnsutils). Both send real queries on the simulated
 * network; the output and exit codes follow BusyBox 1.35 and BIND 9.18, checked on a terminal.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { SEC } from '../../engine/sim/scheduler.ts';
import {
  DnsRcode,
  DnsType,
  dnsRcodeName,
  dnsTypeFromName,
  formatIpv6,
  reverseName,
  type DnsMessage,
  type DnsRecord,
} from '../../engine/wire/dns.ts';
import type { Command, CommandContext } from '../context.ts';
import { dnsExchange, type ExchangeOutcome, type IcmpFailure, isBusybox, readResolvConf } from './resolver.ts';

export const nslookupCommand: Command = (ctx, argv) => (isBusybox(ctx.fs) ? busyboxNslookup(ctx, argv) : bindNslookup(ctx, argv));

const LOCALHOST = 0x7f000001 as Ipv4;

/** Runs the exchange to completion in virtual time. */
function runExchange(ctx: CommandContext, questions: { name: string; type: number }[], opts: Parameters<typeof dnsExchange>[2]): ExchangeOutcome[] {
  let result: ExchangeOutcome[] | null = null;
  dnsExchange(ctx, questions, opts, (o) => (result = o));
  if (result === null) ctx.kernel.sched.runUntil(ctx.kernel.now + 3600 * SEC, () => result !== null);
  return result ?? questions.map(() => ({ kind: 'timeout' }));
}

// ---------------------------------------------------------------- BusyBox

const BB_USAGE = `BusyBox v1.36.1 multi-call binary.

Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
`;

/** BusyBox's parse_reply(): the answer records, in its words. */
function busyboxRecords(m: DnsMessage): string {
  let s = m.header.aa ? '' : 'Non-authoritative answer:\n';
  for (const r of m.answers) s += busyboxRecord(r);
  return s;
}

function busyboxRecord(r: DnsRecord): string {
  const d = r.data;
  if (d.kind === 'a') return `Name:\t${r.name}\nAddress: ${formatIpv4(d.address)}\n`;
  if (r.type === DnsType.AAAA && d.kind === 'raw' && d.bytes.length === 16) return `Name:\t${r.name}\nAddress: ${formatIpv6(d.bytes)}\n`;
  if (d.kind === 'name') {
    const what = r.type === DnsType.NS ? 'nameserver' : r.type === DnsType.CNAME ? 'canonical name' : 'name';
    return `${r.name}\t${what} = ${d.target}\n`;
  }
  if (d.kind === 'soa') return `${r.name}\n\torigin = ${d.mname}\n\tmail addr = ${d.rname}\n\tserial = ${d.serial}\n\trefresh = ${d.refresh}\n\tretry = ${d.retry}\n\texpire = ${d.expire}\n\tminimum = ${d.minimum}\n`;
  return '';
}

function busyboxNslookup(ctx: CommandContext, argv: string[]): number {
  let types: number[] = [];
  let port = 53;
  let retry = 2;
  let timeout = 5;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const [opt, val = ''] = argv[i].slice(1).split('=');
    if (opt === 'type' || opt === 'querytype' || opt === 'query' || opt === 'q') {
      const t = dnsTypeFromName(val);
      if (t === null) {
        ctx.err(`nslookup: invalid query type "${val}"\n`);
        return 1;
      }
      types.push(t);
    } else if (opt === 'port' && /^\d+$/.test(val)) port = Number(val);
    else if (opt === 'retry' && /^\d+$/.test(val)) retry = Math.max(1, Number(val));
    else if ((opt === 'timeout' || opt === 't') && /^\d+$/.test(val)) timeout = Math.max(1, Number(val));
    else if (opt !== 'debug') {
      ctx.err(BB_USAGE);
      return 1;
    }
  }
  const name = argv[i];
  const serverArg = argv[i + 1];
  if (name === undefined || argv.length > i + 2) {
    ctx.err(BB_USAGE);
    return 1;
  }
  const asAddr = parseIpv4(name);
  let questions: { name: string; type: number }[];
  if (types.length === 0 && asAddr !== null) questions = [{ name: reverseName(asAddr), type: DnsType.PTR }];
  else {
    if (types.length === 0) types = [DnsType.A, DnsType.AAAA];
    questions = types.map((type) => ({ name, type }));
  }
  let servers: Ipv4[];
  if (serverArg !== undefined) {
    const s = parseIpv4(serverArg);
    if (s === null) {
      ctx.err(`nslookup: bad address '${serverArg}'\n`);
      return 1;
    }
    servers = [s];
  } else {
    servers = readResolvConf(ctx.fs).nameservers;
    if (servers.length === 0) servers = [LOCALHOST];
  }
  let failed = false;
  for (const server of servers) {
    const text = formatIpv4(server);
    let replies = 0;
    const outcomes = runExchange(ctx, questions, {
      server,
      port,
      tries: retry,
      // send_queries(): one timeout in all, retransmitting every timeout/retry.
      tryTimeout: (timeout * SEC) / retry,
      icmpEndsTry: false,
      // The connected socket remembers an ICMP error: the retransmission's write() reports it.
      onTryEnd: (_attempt, _why, icmp) => {
        if (icmp === 'refused') {
          ctx.err(`nslookup: write to '${text}': Connection refused\n`);
          return false;
        }
        return true;
      },
      onReply: (qi, m) => {
        if (replies++ === 0) ctx.out(`Server:\t\t${text}\nAddress:\t${text}:${port}\n\n`);
        if (m.header.rcode !== DnsRcode.NOERROR) {
          failed = true;
          ctx.out(`** server can't find ${questions[qi].name}: ${dnsRcodeName(m.header.rcode)}\n\n`);
        } else ctx.out(`${busyboxRecords(m)}\n`);
      },
    });
    if (replies === 0) continue;
    const missing = outcomes.map((o, qi) => (o.kind === 'reply' ? '' : `*** Can't find ${questions[qi].name}: No answer\n`)).join('');
    if (missing !== '') ctx.out(`${missing}\n`);
    return failed ? 1 : 0;
  }
  ctx.out(';; connection timed out; no servers could be reached\n\n');
  return 1;
}

// ---------------------------------------------------------------- BIND 9

export function bindIcmpEndsTry(attempt: number, kind: IcmpFailure): boolean {
  return kind === 'refused' && attempt > 1;
}

/** BIND's nslookup prints names in the answer with their trailing dot, owner names without. */
function bindRecord(r: DnsRecord): string {
  const d = r.data;
  if (d.kind === 'a') return `Name:\t${r.name}\nAddress: ${formatIpv4(d.address)}\n`;
  if (r.type === DnsType.AAAA && d.kind === 'raw' && d.bytes.length === 16) return `Name:\t${r.name}\nAddress: ${formatIpv6(d.bytes)}\n`;
  if (d.kind === 'name') {
    const what = r.type === DnsType.NS ? 'nameserver' : r.type === DnsType.CNAME ? 'canonical name' : 'name';
    return `${r.name}\t${what} = ${d.target}.\n`;
  }
  if (d.kind === 'soa') return `${r.name}\n\torigin = ${d.mname}.\n\tmail addr = ${d.rname}.\n\tserial = ${d.serial}\n\trefresh = ${d.refresh}\n\tretry = ${d.retry}\n\texpire = ${d.expire}\n\tminimum = ${d.minimum}\n`;
  return '';
}

function bindNslookup(ctx: CommandContext, argv: string[]): number {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const typeOpt = argv.slice(1).find((a) => /^-(type|querytype|query|q)=/.test(a));
  const name = args[0];
  if (name === undefined) {
    // Without arguments BIND's nslookup goes interactive; the simulated shell has no stdin.
    ctx.out('\n');
    return 1;
  }
  let server: Ipv4 | null;
  if (args[1] !== undefined) {
    server = parseIpv4(args[1]);
    if (server === null) {
      ctx.err(`nslookup: couldn't get address for '${args[1]}': not found\n`);
      return 1;
    }
  } else server = readResolvConf(ctx.fs).nameservers[0] ?? LOCALHOST;
  const srv = formatIpv4(server);
  const asAddr = parseIpv4(name);
  const ask = (qname: string, type: number): DnsMessage | null => {
    const [o] = runExchange(ctx, [{ name: qname, type }], {
      server: server as Ipv4,
      tries: 3,
      tryTimeout: 5 * SEC,
      // As BIND 9.18 behaves: a port unreachable cuts short every try but the first; a host
      // unreachable (no ARP answer) never does.
      icmpEndsTry: bindIcmpEndsTry,
      onTryEnd: (_a, why) => {
        ctx.out(`;; communications error to ${srv}#53: ${why === 'timeout' ? 'timed out' : why === 'refused' ? 'connection refused' : 'host unreachable'}\n`);
        return true;
      },
    });
    return o.kind === 'reply' ? o.msg : null;
  };
  const header = `Server:\t\t${srv}\nAddress:\t${srv}#53\n\n`;
  const typeName = typeOpt?.split('=')[1];
  const explicitType = typeName !== undefined ? dnsTypeFromName(typeName) : null;
  if (asAddr !== null && explicitType === null) {
    const m = ask(reverseName(asAddr), DnsType.PTR);
    if (m === null) {
      ctx.out(';; no servers could be reached\n\n');
      return 1;
    }
    if (m.header.rcode !== DnsRcode.NOERROR) {
      ctx.out(`** server can't find ${reverseName(asAddr)}: ${dnsRcodeName(m.header.rcode)}\n\n`);
      return 1;
    }
    ctx.out(`${m.header.aa ? '' : 'Non-authoritative answer:\n'}${m.answers.map(bindRecord).join('')}\n`);
    return 0;
  }
  const first = ask(name, explicitType ?? DnsType.A);
  if (first === null) {
    ctx.out(';; no servers could be reached\n\n');
    return 1;
  }
  ctx.out(header);
  if (first.header.rcode !== DnsRcode.NOERROR) {
    ctx.out(`** server can't find ${name}: ${dnsRcodeName(first.header.rcode)}\n\n`);
    return 1;
  }
  let out = first.header.aa ? '' : 'Non-authoritative answer:\n';
  out += first.answers.map(bindRecord).join('');
  let code = 0;
  if (explicitType === null) {
    // Then AAAA, for the end of the CNAME chain.
    let target = name;
    for (const r of first.answers) if (r.type === DnsType.CNAME && r.data.kind === 'name') target = r.data.target;
    const second = ask(target, DnsType.AAAA);
    if (second !== null && second.header.rcode !== DnsRcode.NOERROR) {
      out += `** server can't find ${target}: ${dnsRcodeName(second.header.rcode)}\n`;
      code = 1;
    } else if (second !== null) out += second.answers.filter((r) => r.type === DnsType.AAAA).map(bindRecord).join('');
  } else if (first.answers.length === 0) out += `*** Can't find ${name}: No answer\n`;
  ctx.out(`${out}\n`);
  return code;
}
