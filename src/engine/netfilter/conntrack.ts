import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { SEC } from '../sim/scheduler.ts';
import { IpProto } from '../wire/ipv4.ts';
import type { NetNs } from '../net/netns.ts';
import type { Skb } from '../net/skb.ts';
import type { PacketInfo } from './packet.ts';
import { readPacket } from './packet.ts';

/**
 * Connection tracking (net/netfilter/nf_conntrack_core.c), reduced to what a learner sees:
 * a connection is two tuples, original and reply; every packet is classified NEW,
 * ESTABLISHED, RELATED or INVALID; NAT is a change of the reply tuple made on the
 * connection's first packet and then applied to every packet both ways.
 */

/** For ICMP, `sport` holds the echo id and `dport` the ICMP type (as the kernel's tuple does). */
export interface CtTuple {
  proto: number;
  src: Ipv4;
  dst: Ipv4;
  sport: number;
  dport: number;
}

export type CtDir = 'orig' | 'reply';
export type CtInfo = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export type TcpCtState = 'NONE' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

export interface CtEntry {
  id: number;
  orig: CtTuple;
  reply: CtTuple;
  confirmed: boolean;
  seenReply: boolean;
  assured: boolean;
  /** NAT bindings made (IPS_SRC_NAT / IPS_DST_NAT) and whether each hook type has decided. */
  srcNat: boolean;
  dstNat: boolean;
  srcNatDone: boolean;
  dstNatDone: boolean;
  tcpState: TcpCtState;
  /** Absolute virtual time at which the entry expires. */
  expires: number;
  mark: number;
}

/** What conntrack attached to a packet (skb->_nfct + ctinfo). */
export interface SkbCt {
  entry: CtEntry | null;
  dir: CtDir;
  info: CtInfo;
}

const TCP_TIMEOUT: Record<TcpCtState, number> = {
  NONE: 10,
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
};

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
/** Request and reply types pair up both ways, so inverting a tuple twice gives it back. */
const ICMP_REPLY_TYPE: Record<number, number> = { 8: 0, 0: 8, 13: 14, 14: 13, 15: 16, 16: 15, 17: 18, 18: 17 };
const ICMP_REQUESTS = new Set([8, 13, 15, 17]);

export function tupleKey(t: CtTuple): string {
  return `${t.proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;
}

export function invertTuple(t: CtTuple): CtTuple {
  if (t.proto === IpProto.ICMP) return { proto: t.proto, src: t.dst, dst: t.src, sport: t.sport, dport: ICMP_REPLY_TYPE[t.dport] ?? t.dport };
  return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

function tupleOf(p: PacketInfo): CtTuple {
  if (p.proto === IpProto.ICMP) return { proto: p.proto, src: p.src, dst: p.dst, sport: p.icmpId, dport: p.icmpType };
  if (p.proto === IpProto.TCP || p.proto === IpProto.UDP) return { proto: p.proto, src: p.src, dst: p.dst, sport: p.sport, dport: p.dport };
  return { proto: p.proto, src: p.src, dst: p.dst, sport: 0, dport: 0 };
}

/** The connection tracking table of one namespace. */
export class ConntrackTable {
  private byTuple = new Map<string, { entry: CtEntry; dir: CtDir }>();
  private nextId = 1;

  constructor(private readonly ns: NetNs) {}

  private now(): number {
    return this.ns.kernel.now;
  }

  nowPlus(ns: number): number {
    return this.ns.kernel.now + ns;
  }

  lookup(t: CtTuple): { entry: CtEntry; dir: CtDir } | undefined {
    const hit = this.byTuple.get(tupleKey(t));
    if (hit && hit.entry.expires <= this.now()) {
      this.remove(hit.entry);
      return undefined;
    }
    return hit;
  }

  /** Is this reply tuple taken by another connection (a NAT clash)? */
  tupleTaken(t: CtTuple): boolean {
    return this.lookup(t) !== undefined;
  }

  /** nf_nat_may_kill: drop the source-NATed TCP connection in TIME_WAIT (or closed) that holds `t`. */
  evictTimeWait(t: CtTuple): boolean {
    const hit = this.lookup(t);
    if (!hit || hit.dir !== 'reply') return false;
    const e = hit.entry;
    if (e.orig.proto !== IpProto.TCP || !e.srcNat || (e.tcpState !== 'TIME_WAIT' && e.tcpState !== 'CLOSE')) return false;
    this.remove(e);
    return true;
  }

  /** __nf_conntrack_confirm: the first packet made it through; the connection becomes real. */
  confirm(e: CtEntry): void {
    if (e.confirmed) return;
    e.confirmed = true;
    this.byTuple.set(tupleKey(e.orig), { entry: e, dir: 'orig' });
    this.byTuple.set(tupleKey(e.reply), { entry: e, dir: 'reply' });
    const k = this.ns.kernel;
    if (k.trace) k.emit({ type: 'nf', t: k.now, ns: this.ns.label, pkt: -1, hook: 'conntrack', table: 'conntrack', chain: 'confirm', rule: 0, verdict: `new connection ${describeTuple(e.orig)}` });
  }

  remove(e: CtEntry): void {
    if (this.byTuple.get(tupleKey(e.orig))?.entry === e) this.byTuple.delete(tupleKey(e.orig));
    if (this.byTuple.get(tupleKey(e.reply))?.entry === e) this.byTuple.delete(tupleKey(e.reply));
  }

  /** Live entries, oldest first (`conntrack -L`). */
  entries(): CtEntry[] {
    const out = new Set<CtEntry>();
    for (const { entry } of [...this.byTuple.values()]) {
      if (entry.expires <= this.now()) this.remove(entry);
      else out.add(entry);
    }
    return [...out].sort((a, b) => a.id - b.id);
  }

  flush(): number {
    const n = this.entries().length;
    this.byTuple.clear();
    return n;
  }

  newEntry(orig: CtTuple): CtEntry {
    return {
      id: this.nextId++,
      orig,
      reply: invertTuple(orig),
      confirmed: false,
      seenReply: false,
      assured: false,
      srcNat: false,
      dstNat: false,
      srcNatDone: false,
      dstNatDone: false,
      tcpState: 'NONE',
      expires: this.now() + 30 * SEC,
      mark: 0,
    };
  }

  /** Refresh the timeout after a packet, by protocol and state. */
  refresh(e: CtEntry): void {
    const ns = this.ns;
    const sysctl = (k: string, d: number): number => Number(ns.sysctl.get(k) ?? d);
    let secs: number;
    if (e.orig.proto === IpProto.TCP) secs = e.tcpState === 'ESTABLISHED' ? sysctl('net.netfilter.nf_conntrack_tcp_timeout_established', 432000) : TCP_TIMEOUT[e.tcpState];
    else if (e.orig.proto === IpProto.UDP) secs = e.seenReply ? sysctl('net.netfilter.nf_conntrack_udp_timeout_stream', 120) : sysctl('net.netfilter.nf_conntrack_udp_timeout', 30);
    else if (e.orig.proto === IpProto.ICMP) secs = sysctl('net.netfilter.nf_conntrack_icmp_timeout', 30);
    else secs = 600;
    e.expires = this.now() + secs * SEC;
  }
}

const TCP_SYN = 2;
const TCP_RST = 4;
const TCP_FIN = 1;
const TCP_ACK = 16;

/** A much simplified tcp_conntracks[][][] walk: enough for handshakes, teardown and RST. */
function tcpUpdate(e: CtEntry, dir: CtDir, flags: number): boolean {
  const s = e.tcpState;
  if (flags & TCP_RST) {
    e.tcpState = 'CLOSE';
    return true;
  }
  if (flags & TCP_SYN) {
    if (dir === 'orig' && (s === 'NONE' || s === 'SYN_SENT' || s === 'CLOSE' || s === 'TIME_WAIT')) e.tcpState = 'SYN_SENT';
    else if (dir === 'reply' && flags & TCP_ACK && (s === 'SYN_SENT' || s === 'SYN_RECV')) e.tcpState = 'SYN_RECV';
    return true;
  }
  if (flags & TCP_FIN) {
    if (s === 'ESTABLISHED' || s === 'SYN_RECV') e.tcpState = 'FIN_WAIT';
    else if (s === 'FIN_WAIT' || s === 'CLOSE_WAIT') e.tcpState = 'LAST_ACK';
    return true;
  }
  if (flags & TCP_ACK) {
    if (s === 'SYN_RECV' && dir === 'orig') {
      e.tcpState = 'ESTABLISHED';
      e.assured = true;
    } else if (s === 'NONE') e.tcpState = 'ESTABLISHED';
    else if (s === 'FIN_WAIT') e.tcpState = 'CLOSE_WAIT';
    else if (s === 'LAST_ACK') e.tcpState = 'TIME_WAIT';
  }
  return true;
}

/**
 * nf_conntrack_in: classify a packet at PREROUTING or OUTPUT and attach its connection.
 * A packet that already carries one (it looped back through lo) keeps it.
 */
export function conntrackIn(ct: ConntrackTable, skb: Skb): void {
  if (skb.ct !== null) return;
  const p = readPacket(skb.data);
  if (p.fragOff !== 0) {
    skb.ct = { entry: null, dir: 'orig', info: 'INVALID' } satisfies SkbCt;
    return;
  }
  if (p.proto === IpProto.ICMP && ICMP_ERRORS.has(p.icmpType)) {
    // An error about a tracked connection is RELATED to it.
    const innerOff = p.off + p.hl + 8;
    const d = skb.data;
    if (d.length >= innerOff + 20) {
      const inner = readPacket(d, innerOff);
      // icmp_error_message: the quoted packet went the other way, so its inverted tuple is the
      // one this error travels as (after NAT the quoted packet shows the translated addresses).
      const hit = ct.lookup(invertTuple(tupleOf(inner)));
      if (hit) {
        skb.ct = { entry: hit.entry, dir: hit.dir, info: 'RELATED' } satisfies SkbCt;
        return;
      }
    }
    skb.ct = { entry: null, dir: 'orig', info: 'INVALID' } satisfies SkbCt;
    return;
  }
  const tuple = tupleOf(p);
  const hit = ct.lookup(tuple);
  if (hit) {
    const e = hit.entry;
    if (hit.dir === 'reply' && !e.seenReply) {
      e.seenReply = true;
      if (e.orig.proto !== IpProto.TCP) e.assured = true;
    }
    if (e.orig.proto === IpProto.TCP) tcpUpdate(e, hit.dir, p.tcpFlags);
    ct.refresh(e);
    // A reset kills the connection: the entry goes once this packet has been classified.
    if (e.orig.proto === IpProto.TCP && p.tcpFlags & TCP_RST) e.expires = ct.nowPlus(0);
    const info: CtInfo = hit.dir === 'reply' || e.seenReply ? 'ESTABLISHED' : 'NEW';
    skb.ct = { entry: e, dir: hit.dir, info } satisfies SkbCt;
    return;
  }
  // tcp_new: from no state only a SYN (or, with nf_conntrack_tcp_loose, a plain ACK) starts a
  // connection; a SYN-ACK, FIN or RST out of nowhere is INVALID.
  const synAck = (p.tcpFlags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
  if (p.proto === IpProto.TCP && (synAck || (!(p.tcpFlags & TCP_SYN) && p.tcpFlags & (TCP_RST | TCP_FIN)))) {
    skb.ct = { entry: null, dir: 'orig', info: 'INVALID' } satisfies SkbCt;
    return;
  }
  if (p.proto === IpProto.ICMP && !ICMP_REQUESTS.has(p.icmpType)) {
    // Only requests open ICMP "connections"; a stray reply is INVALID.
    skb.ct = { entry: null, dir: 'orig', info: 'INVALID' } satisfies SkbCt;
    return;
  }
  const e = ct.newEntry(tuple);
  if (p.proto === IpProto.TCP) tcpUpdate(e, 'orig', p.tcpFlags);
  ct.refresh(e);
  skb.ct = { entry: e, dir: 'orig', info: 'NEW' } satisfies SkbCt;
}

export function describeTuple(t: CtTuple): string {
  const name = t.proto === IpProto.TCP ? 'tcp' : t.proto === IpProto.UDP ? 'udp' : t.proto === IpProto.ICMP ? 'icmp' : `proto ${t.proto}`;
  if (t.proto === IpProto.ICMP) return `${name} ${formatIpv4(t.src)} > ${formatIpv4(t.dst)} id ${t.sport}`;
  return `${name} ${formatIpv4(t.src)}:${t.sport} > ${formatIpv4(t.dst)}:${t.dport}`;
}

/** One line of `conntrack -L`. */
export function formatConntrackEntry(e: CtEntry, now: number): string {
  const name = e.orig.proto === IpProto.TCP ? 'tcp' : e.orig.proto === IpProto.UDP ? 'udp' : e.orig.proto === IpProto.ICMP ? 'icmp' : 'unknown';
  const secs = Math.max(0, Math.floor((e.expires - now) / SEC));
  const tuple = (t: CtTuple): string =>
    t.proto === IpProto.ICMP
      ? `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} type=${t.dport} code=0 id=${t.sport}`
      : `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} sport=${t.sport} dport=${t.dport}`;
  const parts = [name.padEnd(8), String(e.orig.proto).padEnd(2), String(secs)];
  if (e.orig.proto === IpProto.TCP) parts.push(e.tcpState);
  parts.push(tuple(e.orig));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(tuple(e.reply));
  if (e.assured) parts.push('[ASSURED]');
  parts.push(`mark=${e.mark}`, 'use=1');
  return parts.join(' ');
}
