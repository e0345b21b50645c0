/**
 * The stub resolver a program links against: /etc/hosts first, then DNS over UDP to the
 * first nameserver of /etc/resolv.conf, with real query and reply packets on the simulated
 * network and the libc's timeouts in virtual time. Two flavours, picked from the
 * filesystem the program sees: glibc (Debian hosts and images) and musl (Alpine/BusyBox
 * images, recognised by /bin/busybox).
 */
import { type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import type { Kernel } from '../../engine/net/kernel.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import { type Nanos, SEC, type Timer } from '../../engine/sim/scheduler.ts';
import type { IcmpErrorInfo } from '../../engine/socket/table.ts';
import { udpBind } from '../../engine/socket/udp.ts';
import {
  buildDnsQuery,
  DnsRcode,
  DnsType,
  emitDns,
  parseDns,
  reverseName,
  type DnsMessage,
} from '../../engine/wire/dns.ts';
import type { CommandContext } from '../context.ts';
import type { FileSystem } from '../fs.ts';

/** What a resolver needs from the program's context. */
export interface ResolverEnv {
  kernel: Kernel;
  ns: NetNs;
  fs: FileSystem;
}

export type LibcFlavor = 'glibc' | 'musl';

/** BusyBox-based images (Alpine, busybox) are musl; anything else is taken as glibc. */
export function isBusybox(fs: FileSystem): boolean {
  return fs.exists('/bin/busybox');
}

export function libcOf(fs: FileSystem): LibcFlavor {
  return isBusybox(fs) ? 'musl' : 'glibc';
}

export const DNS_PORT = 53;
/** Where glibc and musl send queries when resolv.conf names no server. */
const LOCALHOST = 0x7f000001 as Ipv4;

export interface ResolvConf {
  nameservers: Ipv4[];
  search: string[];
  ndots: number;
  /** Seconds. */
  timeout: number;
  attempts: number;
}

/** resolv.conf(5) as glibc reads it: the last search/domain line wins, options are clamped. */
export function parseResolvConf(text: string | undefined): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'nameserver' && rest[0] !== undefined) {
      const a = parseIpv4(rest[0]);
      // MAXNS is 3; IPv6 servers are skipped: the simulator has no IPv6.
      if (a !== null && conf.nameservers.length < 3) conf.nameservers.push(a);
    } else if (key === 'search') conf.search = rest.filter((d) => d !== '').slice(0, 6);
    else if (key === 'domain' && rest[0] !== undefined) conf.search = [rest[0]];
    else if (key === 'options') {
      for (const o of rest) {
        const m = /^(ndots|timeout|attempts):(\d+)$/.exec(o);
        if (!m) continue;
        const v = Number(m[2]);
        if (m[1] === 'ndots') conf.ndots = Math.min(v, 15);
        else if (m[1] === 'timeout') conf.timeout = Math.min(Math.max(v, 1), 30);
        else conf.attempts = Math.min(Math.max(v, 1), 5);
      }
    }
  }
  return conf;
}

export function readResolvConf(fs: FileSystem): ResolvConf {
  return parseResolvConf(fs.readText('/etc/resolv.conf'));
}

export interface HostsEntry {
  address: Ipv4;
  names: string[];
}

/** The IPv4 lines of /etc/hosts (IPv6 ones such as ::1 are skipped). */
export function parseHostsFile(text: string | undefined): HostsEntry[] {
  const out: HostsEntry[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const [addr, ...names] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    const a = addr === undefined ? null : parseIpv4(addr);
    if (a !== null && names.length > 0 && names[0] !== '') out.push({ address: a, names });
  }
  return out;
}

/** Every line naming `name` (case-insensitively), in file order: Debian's host.conf has "multi on". */
export function lookupHostsFile(fs: FileSystem, name: string): { addresses: Ipv4[]; canonical: string; aliases: string[] } | null {
  const want = name.replace(/\.$/, '').toLowerCase();
  const hits = parseHostsFile(fs.readText('/etc/hosts')).filter((e) => e.names.some((n) => n.toLowerCase() === want));
  if (hits.length === 0) return null;
  return { addresses: hits.map((e) => e.address), canonical: hits[0].names[0], aliases: hits[0].names.slice(1) };
}

export type IcmpFailure = 'refused' | 'unreachable';

/** What became of one question of an exchange. */
export type ExchangeOutcome = { kind: 'reply'; msg: DnsMessage; length: number } | { kind: 'timeout' } | { kind: IcmpFailure };

export interface ExchangeOptions {
  server: Ipv4;
  port?: number;
  /** Transmissions of each unanswered question. */
  tries: number;
  /** How long each try waits for the answers. */
  tryTimeout: Nanos;
  /**
   * Whether an ICMP error about a query (port or host unreachable) ends the try at once, as on
   * glibc's connected socket; musl's unconnected socket never hears of it and just waits.
   * A function decides per try (1-based) and kind of error.
   */
  icmpEndsTry: boolean | ((attempt: number, kind: IcmpFailure) => boolean);
  /**
   * Called when a try ends short of all answers, by its timer ('timeout') or by an ICMP error;
   * with the ICMP error heard during the try if any; returning false gives up.
   */
  onTryEnd?: (attempt: number, why: 'timeout' | IcmpFailure, icmp: IcmpFailure | null) => boolean;
  /** Called as each reply arrives, in arrival order. */
  onReply?: (index: number, msg: DnsMessage, length: number) => void;
}

export interface Pending {
  cancel(): void;
}

function icmpKind(info: IcmpErrorInfo): IcmpFailure {
  return info.type === 3 && info.code === 3 ? 'refused' : 'unreachable';
}

/**
 * Sends each question as its own query from one ephemeral UDP socket (glibc and musl both
 * send A and AAAA back to back this way), then waits for the replies, retransmitting the
 * unanswered ones each try. A reply counts when it comes from the server's address and port
 * with a query's id and question. Each question gets a random id that stays the same across
 * retransmissions, as libc reuses its query buffer.
 */
export function dnsExchange(env: ResolverEnv, questions: { name: string; type: number }[], opts: ExchangeOptions, done: (outcomes: ExchangeOutcome[]) => void): Pending {
  const k = env.kernel;
  const port = opts.port ?? DNS_PORT;
  const sock = udpBind(env.ns, 0);
  const outcomes: (ExchangeOutcome | null)[] = questions.map(() => null);
  const ids: number[] = [];
  for (let i = 0; i < questions.length; i++) {
    let id: number;
    do id = k.rng.u32() & 0xffff;
    while (ids.includes(id));
    ids.push(id);
  }
  const packets = questions.map((q, i) => emitDns(buildDnsQuery(ids[i], q.name, q.type)));
  let attempt = 0;
  let timer: Timer | null = null;
  let finished = false;
  /** The last ICMP error heard: what an unanswered question failed of, even if the try ran out. */
  let icmpSeen: IcmpFailure | null = null;
  let icmpThisTry: IcmpFailure | null = null;

  const finish = (why: 'timeout' | IcmpFailure): void => {
    if (finished) return;
    finished = true;
    if (timer) timer.cancelled = true;
    sock?.close();
    const failure = why === 'timeout' && icmpSeen !== null ? icmpSeen : why;
    done(outcomes.map((o) => o ?? { kind: failure }));
  };
  const endTry = (why: 'timeout' | IcmpFailure): void => {
    if (finished) return;
    if (timer) timer.cancelled = true;
    timer = null;
    attempt++;
    const goOn = opts.onTryEnd ? opts.onTryEnd(attempt, why, icmpThisTry) : true;
    icmpThisTry = null;
    if (!goOn || attempt >= opts.tries) finish(why);
    else sendTry();
  };
  const sendTry = (): void => {
    if (!sock) return endTry('unreachable');
    for (let i = 0; i < questions.length; i++) {
      if (outcomes[i] !== null) continue;
      // A routing error is sendto() failing at once (ENETUNREACH): as good as unreachable.
      if (sock.sendTo(opts.server, port, packets[i]) !== null) {
        icmpSeen = 'unreachable';
        k.sched.after(0, () => endTry('unreachable'));
        return;
      }
    }
    timer = k.sched.after(opts.tryTimeout, () => {
      timer = null;
      endTry('timeout');
    });
  };

  if (sock) {
    sock.onDatagram = (from, sport, payload) => {
      if (finished || from !== opts.server || sport !== port) return;
      const msg = parseDns(payload);
      if (typeof msg === 'string' || !msg.header.qr) return;
      const i = ids.indexOf(msg.header.id);
      if (i < 0 || outcomes[i] !== null) return;
      const q = msg.questions[0];
      if (q && (q.type !== questions[i].type || q.name.toLowerCase() !== questions[i].name.toLowerCase())) return;
      outcomes[i] = { kind: 'reply', msg, length: payload.length };
      opts.onReply?.(i, msg, payload.length);
      if (outcomes.every((o) => o !== null)) finish('timeout');
    };
    // UdpSocket reports ICMP errors through this method; wrap it to hear about them as they come.
    const base = sock.onError.bind(sock);
    sock.onError = (info, dst, dport) => {
      base(info, dst, dport);
      if (finished) return;
      const kind = icmpKind(info);
      icmpSeen = kind;
      icmpThisTry = kind;
      const ends = typeof opts.icmpEndsTry === 'function' ? opts.icmpEndsTry(attempt + 1, kind) : opts.icmpEndsTry;
      if (ends) endTry(kind);
    };
  }
  sendTry();
  return {
    cancel: () => {
      finished = true;
      if (timer) timer.cancelled = true;
      sock?.close();
    },
  };
}

export type ResolveError =
  /** The name does not exist (NXDOMAIN for every candidate). */
  | 'nxdomain'
  /** The name exists but has no IPv4 address. */
  | 'nodata'
  /** The server answered SERVFAIL or REFUSED. */
  | 'servfail'
  /** No answer within the timeouts. */
  | 'timeout'
  /** Nothing listens at the server's address, or it cannot be reached (ICMP errors). */
  | 'no-server';

export type ResolveResult =
  | {
      ok: true;
      addresses: Ipv4[];
      /** The canonical name (the end of a CNAME chain, or the first name of a hosts line). */
      name: string;
      /** The other names met on the way (the queried name when a CNAME was followed). */
      aliases: string[];
      source: 'literal' | 'hosts' | 'dns';
      server: Ipv4 | null;
    }
  | { ok: false; error: ResolveError; server: Ipv4 | null };

export interface ResolveOptions {
  /** Default: from the filesystem (musl when /bin/busybox exists). */
  flavor?: LibcFlavor;
  /** Query types sent together for each candidate name. Default A and AAAA, as getaddrinfo(AF_UNSPEC). */
  qtypes?: number[];
  /** Consult /etc/hosts first (nsswitch "hosts: files dns"). Default true. */
  hostsFile?: boolean;
}

/** Names to try for `name`, in order, per resolv.conf's search list and ndots. */
export function searchCandidates(name: string, conf: ResolvConf, flavor: LibcFlavor): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  // musl tries the search list only for names with fewer than ndots dots.
  if (flavor === 'musl' && dots >= conf.ndots) return [name];
  const out: string[] = [];
  if (dots >= conf.ndots) out.push(name);
  for (const d of conf.search) out.push(`${name}.${d}`);
  if (dots < conf.ndots) out.push(name);
  return out;
}

/** The A addresses a reply gives for `qname`, following its CNAME chain inside the answer section. */
export function addressesFromReply(msg: DnsMessage, qname: string): { addresses: Ipv4[]; name: string; aliases: string[] } {
  let cur = qname.toLowerCase();
  let canonical = qname;
  const aliases: string[] = [];
  for (let hops = 0; hops < 16; hops++) {
    const c = msg.answers.find((r) => r.type === DnsType.CNAME && r.name.toLowerCase() === cur);
    if (!c || c.data.kind !== 'name') break;
    aliases.push(canonical);
    canonical = c.data.target;
    cur = canonical.toLowerCase();
  }
  const addresses: Ipv4[] = [];
  for (const r of msg.answers) if (r.type === DnsType.A && r.data.kind === 'a' && r.name.toLowerCase() === cur) addresses.push(r.data.address);
  return { addresses, name: canonical, aliases };
}

/** The exchange parameters of each libc. */
export function libcExchange(conf: ResolvConf, flavor: LibcFlavor): Pick<ExchangeOptions, 'tries' | 'tryTimeout' | 'icmpEndsTry'> {
  // glibc: `attempts` tries of `timeout` seconds each (one server). musl: `timeout` in total,
  // retransmitting every timeout/attempts.
  return flavor === 'glibc'
    ? { tries: conf.attempts, tryTimeout: conf.timeout * SEC, icmpEndsTry: true }
    : { tries: conf.attempts, tryTimeout: (conf.timeout * SEC) / conf.attempts, icmpEndsTry: false };
}

/**
 * getaddrinfo() for IPv4: an IP literal is itself; then /etc/hosts; then DNS, trying the
 * search candidates in turn. `done` runs once, in virtual time, when the answer is known.
 */
export function resolveHostAsync(env: ResolverEnv, name: string, done: (r: ResolveResult) => void, opts: ResolveOptions = {}): Pending {
  const literal = parseIpv4(name);
  if (literal !== null) {
    done({ ok: true, addresses: [literal], name, aliases: [], source: 'literal', server: null });
    return { cancel: () => undefined };
  }
  if (opts.hostsFile ?? true) {
    const h = lookupHostsFile(env.fs, name);
    if (h) {
      done({ ok: true, addresses: h.addresses, name: h.canonical, aliases: h.aliases, source: 'hosts', server: null });
      return { cancel: () => undefined };
    }
  }
  const flavor = opts.flavor ?? libcOf(env.fs);
  const conf = readResolvConf(env.fs);
  const server = conf.nameservers[0] ?? LOCALHOST;
  const qtypes = opts.qtypes ?? [DnsType.A, DnsType.AAAA];
  const candidates = searchCandidates(name, conf, flavor);
  let gotNodata = false;
  let gotServfail = false;
  let current: Pending | null = null;
  let cancelled = false;

  const next = (i: number): void => {
    if (cancelled) return;
    if (i >= candidates.length) {
      done({ ok: false, error: gotNodata ? 'nodata' : gotServfail ? 'servfail' : 'nxdomain', server });
      return;
    }
    const cand = candidates[i];
    const questions = qtypes.map((type) => ({ name: cand, type }));
    current = dnsExchange(env, questions, { server, ...libcExchange(conf, flavor) }, (outcomes) => {
      current = null;
      let nx = false;
      let failed: 'timeout' | 'no-server' | null = null;
      for (const o of outcomes) {
        if (o.kind !== 'reply') {
          failed = o.kind === 'timeout' ? 'timeout' : 'no-server';
          continue;
        }
        const rc = o.msg.header.rcode;
        if (rc === DnsRcode.NXDOMAIN) nx = true;
        else if (rc !== DnsRcode.NOERROR) gotServfail = true;
        else if (o.msg.questions[0]?.type === DnsType.A) {
          const found = addressesFromReply(o.msg, cand);
          if (found.addresses.length > 0) {
            done({ ok: true, ...found, source: 'dns', server });
            return;
          }
        }
      }
      // No reply at all stops the search (res_search gives up on TRY_AGAIN without SERVFAIL).
      if (failed !== null && outcomes.every((o) => o.kind !== 'reply')) {
        done({ ok: false, error: failed, server });
        return;
      }
      if (!nx && !gotServfail) gotNodata = true;
      next(i + 1);
    });
  };
  next(0);
  return {
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}

/** More than a resolution can take (7 search candidates x 5 attempts x 30 s). */
const RESOLVE_BOUND = 3600 * SEC;

/**
 * Runs virtual time until `name` is resolved, like a program blocked in getaddrinfo().
 * With `deadline` (absolute virtual time) it returns null if the answer is not in by then
 * (curl's --max-time), and the lookup is abandoned.
 */
export function resolveHost(env: ResolverEnv, name: string, opts: ResolveOptions & { deadline?: Nanos } = {}): ResolveResult | null {
  let result: ResolveResult | null = null;
  const p = resolveHostAsync(env, name, (r) => (result = r), opts);
  if (result === null) env.kernel.sched.runUntil(opts.deadline ?? env.kernel.now + RESOLVE_BOUND, () => result !== null);
  if (result === null) p.cancel();
  return result;
}

/**
 * getnameinfo() for an IPv4 address: /etc/hosts, then a PTR query. Returns the name, or null
 * when there is none (the caller prints the address). Runs virtual time.
 */
export function reverseLookup(env: ResolverEnv, addr: Ipv4, opts: { flavor?: LibcFlavor } = {}): string | null {
  const hit = parseHostsFile(env.fs.readText('/etc/hosts')).find((e) => e.address === addr);
  if (hit) return hit.names[0];
  const flavor = opts.flavor ?? libcOf(env.fs);
  const conf = readResolvConf(env.fs);
  const server = conf.nameservers[0] ?? LOCALHOST;
  const qname = reverseName(addr);
  let result: string | null | undefined;
  dnsExchange(env, [{ name: qname, type: DnsType.PTR }], { server, ...libcExchange(conf, flavor) }, ([o]) => {
    result = null;
    if (o.kind !== 'reply' || o.msg.header.rcode !== DnsRcode.NOERROR) return;
    const ptr = o.msg.answers.find((r) => r.type === DnsType.PTR && r.data.kind === 'name');
    if (ptr && ptr.data.kind === 'name') result = ptr.data.target;
  });
  if (result === undefined) env.kernel.sched.runUntil(env.kernel.now + RESOLVE_BOUND, () => result !== undefined);
  return result ?? null;
}

/**
 * For ping: an address, or the error line the program prints (without the newline) and its
 * exit code. iputils (glibc) words it after gai_strerror(); BusyBox says "bad address".
 */
export function resolveForPing(ctx: CommandContext, name: string): { ok: Ipv4 } | { error: string; exitCode: number } {
  const r = resolveHost(ctx, name);
  if (r !== null && r.ok) return { ok: r.addresses[0] };
  if (isBusybox(ctx.fs)) return { error: `ping: bad address '${name}'`, exitCode: 1 };
  return { error: `ping: ${name}: ${gaiError(r === null ? 'timeout' : r.error)}`, exitCode: 2 };
}

/** glibc's gai_strerror() text for how a lookup failed. */
export function gaiError(e: ResolveError): string {
  switch (e) {
    case 'nxdomain':
      return 'Name or service not known';
    case 'nodata':
      return 'No address associated with hostname';
    default:
      return 'Temporary failure in name resolution';
  }
}
