/**
 * A small DNS server on the simulated UDP stack, shaped after Docker's embedded DNS server
 * (libnetwork's resolver, built on Go's miekg/dns): it answers what the caller's `answer`
 * function knows and forwards everything else to an upstream server from its own namespace,
 * relaying the upstream reply unchanged (so with the client's original id).
 *
 * Replies it builds itself look like Docker's: id, opcode, RD and CD copied from the query,
 * QR and RA set, AA clear, the question echoed, no EDNS record, names uncompressed, and the
 * answers trimmed with TC set when they exceed 512 bytes (or the client's EDNS buffer size).
 */
import { type Ipv4, formatIpv4 } from '../../engine/addr/ipv4.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import { type Nanos, SEC, type Timer } from '../../engine/sim/scheduler.ts';
import { type UdpSocket, udpBind } from '../../engine/socket/udp.ts';
import {
  buildDnsReply,
  DNS_UDP_MAX,
  DnsRcode,
  DnsType,
  dnsRcodeName,
  dnsTypeName,
  emitDns,
  formatIpv6,
  fqdn,
  parseDns,
  type DnsMessage,
  type DnsRecord,
} from '../../engine/wire/dns.ts';

/** What the server does with one question. */
export type DnsAnswer =
  /** NOERROR with these records; an empty list is NODATA (the name exists, not with this type). */
  | { kind: 'records'; records: DnsRecord[]; authoritative?: boolean }
  | { kind: 'nxdomain' }
  | { kind: 'servfail' }
  | { kind: 'refused' }
  /** Re-send the query to `server` and relay its reply. */
  /** Re-send the query to `server` (from namespace `via`, default the server's own) and relay the reply. */
  | { kind: 'forward'; server: Ipv4; port?: number; via?: NetNs };

export interface DnsQueryInfo {
  from: Ipv4;
  fromPort: number;
  /** The query as parsed (for its header flags or EDNS record). */
  query: DnsMessage;
}

export interface DnsQueryLogEntry {
  /** Virtual time the query arrived. */
  t: Nanos;
  /** Virtual time the reply left (null if none was sent). */
  answeredAt: Nanos | null;
  id: number;
  name: string;
  qtype: number;
  /** "A", "AAAA", "PTR", ... */
  type: string;
  from: Ipv4;
  fromPort: number;
  /** What the client got, for people: "A 172.18.0.2", "NXDOMAIN", "NODATA", "forwarded to 8.8.8.8: NXDOMAIN". */
  answer: string;
}

export interface DnsServerOptions {
  /** The address to answer on; 0 for every local address. */
  addr: Ipv4;
  port?: number;
  /** `name` is as the client wrote it (no trailing dot, case kept): match case-insensitively. */
  answer(name: string, qtype: number, info: DnsQueryInfo): DnsAnswer;
  /** Compress names in the replies it builds. Default false, as miekg/dns packs Docker's answers. */
  compress?: boolean;
  /** How long to wait for an upstream reply before answering SERVFAIL (Docker's extIOTimeout). */
  forwardTimeout?: Nanos;
  /** Told about every query once its answer is known, for the UI. */
  onQuery?: (e: DnsQueryLogEntry) => void;
  /** Entries kept in `log` (oldest dropped first). Default 1000. */
  logLimit?: number;
}

export interface DnsServer {
  readonly ns: NetNs;
  readonly addr: Ipv4;
  readonly port: number;
  readonly socket: UdpSocket;
  /** Queries seen, oldest first. */
  readonly log: DnsQueryLogEntry[];
  stop(): void;
}

const FORWARD_TIMEOUT = 4 * SEC;

/** "A 172.18.0.2, A 172.18.0.3" for the log. */
export function describeRecords(records: DnsRecord[]): string {
  if (records.length === 0) return 'NODATA';
  return records
    .map((r) => {
      const d = r.data;
      const v = d.kind === 'a' ? formatIpv4(d.address) : d.kind === 'name' ? fqdn(d.target) : d.kind === 'soa' ? fqdn(d.mname) : r.type === DnsType.AAAA && d.bytes.length === 16 ? formatIpv6(d.bytes) : `${d.bytes.length} bytes`;
      return `${dnsTypeName(r.type)} ${v}`;
    })
    .join(', ');
}

function describeReply(m: DnsMessage): string {
  return m.header.rcode !== DnsRcode.NOERROR ? dnsRcodeName(m.header.rcode) : describeRecords(m.answers);
}

/**
 * Binds UDP `port` (53 by default) at `addr` in `ns` and serves queries until stop().
 * Returns null when the port is already taken (EADDRINUSE).
 */
export function startDnsServer(ns: NetNs, opts: DnsServerOptions): DnsServer | null {
  const port = opts.port ?? 53;
  const sock = udpBind(ns, port, opts.addr);
  if (!sock) return null;
  const k = ns.kernel;
  const log: DnsQueryLogEntry[] = [];
  const limit = opts.logLimit ?? 1000;
  const forwards = new Set<{ sock: UdpSocket; timer: Timer }>();
  let stopped = false;

  const record = (e: DnsQueryLogEntry): void => {
    log.push(e);
    if (log.length > limit) log.splice(0, log.length - limit);
    opts.onQuery?.(e);
  };

  // Replies leave from the address the query came to, as a resolver on a wildcard socket does with IP_PKTINFO.
  const reply = (to: Ipv4, toPort: number, m: DnsMessage, query: DnsMessage, local: Ipv4): void => {
    // Docker trims answers until the reply fits what the client can take (miekg's Truncate).
    const opt = query.additional.find((r) => r.type === DnsType.OPT);
    const max = Math.max(DNS_UDP_MAX, opt ? opt.class : 0);
    let bytes = emitDns(m, { compress: opts.compress });
    while (bytes.length > max && m.answers.length > 0) {
      m.header.tc = true;
      m.answers.pop();
      bytes = emitDns(m, { compress: opts.compress });
    }
    sock.sendTo(to, toPort, bytes, { src: local });
  };

  const forward = (entry: DnsQueryLogEntry, query: DnsMessage, raw: Uint8Array, server: Ipv4, sport: number, via: NetNs, local: Ipv4): void => {
    const up = udpBind(via, 0);
    const fail = (why: string): void => {
      if (stopped) return;
      reply(entry.from, entry.fromPort, buildDnsReply(query, { rcode: DnsRcode.SERVFAIL, ra: true }), query, local);
      record({ ...entry, answeredAt: k.now, answer: `SERVFAIL (${why})` });
    };
    if (!up) return fail('no local port');
    const pending = { sock: up, timer: k.sched.after(opts.forwardTimeout ?? FORWARD_TIMEOUT, () => {
      done();
      fail(`no answer from ${formatIpv4(server)}`);
    }) };
    const done = (): void => {
      pending.timer.cancelled = true;
      up.close();
      forwards.delete(pending);
    };
    forwards.add(pending);
    up.onDatagram = (from, fport, payload) => {
      if (from !== server || fport !== sport) return;
      const m = parseDns(payload);
      if (typeof m === 'string' || !m.header.qr || m.header.id !== query.header.id) return;
      done();
      if (stopped) return;
      // Relayed as received: the upstream answered the client's own id.
      sock.sendTo(entry.from, entry.fromPort, payload, { src: local });
      record({ ...entry, answeredAt: k.now, answer: `forwarded to ${formatIpv4(server)}: ${describeReply(m)}` });
    };
    // An ICMP error (nothing listening upstream, no route) fails the exchange at once.
    const base = up.onError.bind(up);
    up.onError = (info, dst, dport) => {
      base(info, dst, dport);
      if (!forwards.has(pending)) return;
      done();
      fail(`${formatIpv4(server)} ${info.type === 3 && info.code === 3 ? 'refused' : 'unreachable'}`);
    };
    if (up.sendTo(server, sport, raw) !== null) {
      done();
      fail(`no route to ${formatIpv4(server)}`);
    }
  };

  sock.onDatagram = (from, fromPort, payload, local) => {
    if (stopped) return;
    const query = parseDns(payload);
    if (typeof query === 'string' || query.header.qr || query.questions.length === 0) return;
    const q = query.questions[0];
    const entry: DnsQueryLogEntry = { t: k.now, answeredAt: null, id: query.header.id, name: q.name, qtype: q.type, type: dnsTypeName(q.type), from, fromPort, answer: '' };
    let a: DnsAnswer;
    try {
      a = opts.answer(q.name, q.type, { from, fromPort, query });
    } catch {
      // A bug in the caller's answer function must not take the simulation down.
      a = { kind: 'servfail' };
    }
    switch (a.kind) {
      case 'records':
        reply(from, fromPort, buildDnsReply(query, { ra: true, aa: a.authoritative ?? false, answers: a.records }), query, local);
        record({ ...entry, answeredAt: k.now, answer: describeRecords(a.records) });
        return;
      case 'nxdomain':
      case 'servfail':
      case 'refused': {
        const rcode = a.kind === 'nxdomain' ? DnsRcode.NXDOMAIN : a.kind === 'servfail' ? DnsRcode.SERVFAIL : DnsRcode.REFUSED;
        reply(from, fromPort, buildDnsReply(query, { ra: true, rcode }), query, local);
        record({ ...entry, answeredAt: k.now, answer: dnsRcodeName(rcode) });
        return;
      }
      case 'forward':
        forward(entry, query, payload.slice(), a.server, a.port ?? 53, a.via ?? ns, local);
        return;
    }
  };

  return {
    ns,
    addr: opts.addr,
    port,
    socket: sock,
    log,
    stop: () => {
      stopped = true;
      sock.close();
      for (const f of forwards) {
        f.timer.cancelled = true;
        f.sock.close();
      }
      forwards.clear();
    },
  };
}
