import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { SEC, type Timer } from '../sim/scheduler.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IpProto, ipv4Dst, ipv4HeaderLength, ipv4Src, ipv4TotalLength } from '../wire/ipv4.ts';
import { TcpFlags, emitTcp, parseTcp, tcpLength, type TcpRepr } from '../wire/tcp.ts';
import type { NetDevice } from '../net/device.ts';
import { dropSkb } from '../net/dev.ts';
import { buildIpPacket, ipLocalOut } from '../net/ip-output.ts';
import type { NetNs } from '../net/netns.ts';
import { ipRouteOutput, type RouteError } from '../net/route.ts';
import type { Skb } from '../net/skb.ts';
import { type IcmpErrorInfo, pickEphemeralPort } from './table.ts';

export type TcpState =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'CLOSING'
  | 'TIME_WAIT'
  | 'CLOSED';

/** How a connection ended or changed, for the program that owns it. */
export type TcpEvent =
  | { kind: 'connected' }
  | { kind: 'data'; data: Uint8Array }
  | { kind: 'eof' }
  | { kind: 'error'; errno: 'ECONNREFUSED' | 'ECONNRESET' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ETIMEDOUT' | 'EPERM' }
  | { kind: 'closed' };

const TCP_TIMEWAIT_LEN = 60 * SEC;
const TCP_INIT_RTO = 1 * SEC;
const TCP_SYNACK_RETRIES = 5;
const TCP_DEFAULT_WINDOW = 64240;

export class TcpListener {
  accepted = 0;
  onAccept: ((c: TcpConn) => void) | null = null;
  constructor(
    readonly ns: NetNs,
    readonly port: number,
    readonly addr: Ipv4,
  ) {}
  close(): void {
    if (this.ns.sockets.tcp.listeners.get(this.port) === this) this.ns.sockets.tcp.listeners.delete(this.port);
  }
}

/** One TCP connection (a struct tcp_sock reduced to the handshake, data and teardown). */
export class TcpConn {
  state: TcpState = 'CLOSED';
  iss: number;
  sndNxt: number;
  sndUna: number;
  rcvNxt = 0;
  private timer: Timer | null = null;
  private retries = 0;
  /** The unacknowledged control segment (SYN, SYN-ACK or FIN) to retransmit. */
  private pending: { flags: number } | null = null;
  onEvent: ((e: TcpEvent) => void) | null = null;
  listener: TcpListener | null = null;

  constructor(
    readonly ns: NetNs,
    readonly localAddr: Ipv4,
    readonly localPort: number,
    readonly remoteAddr: Ipv4,
    readonly remotePort: number,
  ) {
    this.iss = ns.kernel.rng.u32();
    this.sndNxt = this.iss;
    this.sndUna = this.iss;
  }

  get key(): string {
    return connKey(this.localAddr, this.localPort, this.remoteAddr, this.remotePort);
  }

  /** Returns false when netfilter dropped the segment on its way out. */
  send(flags: number, payload: Uint8Array = EMPTY, mss?: number): boolean {
    const seg: TcpRepr = {
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq: this.sndNxt >>> 0,
      ack: flags & TcpFlags.ACK ? this.rcvNxt >>> 0 : 0,
      flags,
      window: TCP_DEFAULT_WINDOW,
      mss,
      payload,
    };
    let adv = payload.length;
    if (flags & (TcpFlags.SYN | TcpFlags.FIN)) adv++;
    this.sndNxt = (this.sndNxt + adv) >>> 0;
    return tcpTransmit(this.ns, this.localAddr, this.remoteAddr, seg);
  }

  private resend(flags: number): void {
    // A retransmission reuses the sequence number of the first attempt.
    this.sndNxt = this.sndUna;
    this.send(flags, EMPTY, flags & TcpFlags.SYN ? this.mss() : undefined);
  }

  mss(): number {
    const rt = ipRouteOutput(this.ns, this.remoteAddr, {});
    return typeof rt === 'string' ? 1460 : rt.mtu - 40;
  }

  /** Send a control segment that must be acknowledged, retransmitting with backoff. */
  sendReliable(flags: number): void {
    this.pending = { flags };
    this.retries = 0;
    // A SYN that OUTPUT drops is retransmitted like a lost one (the EPERM is not reported).
    this.send(flags, EMPTY, flags & TcpFlags.SYN ? this.mss() : undefined);
    this.arm(TCP_INIT_RTO);
  }

  private arm(delay: number): void {
    this.cancelTimer();
    this.timer = this.ns.kernel.sched.after(delay, () => this.onTimer(delay));
  }

  private cancelTimer(): void {
    if (this.timer) this.timer.cancelled = true;
    this.timer = null;
  }

  private onTimer(last: number): void {
    this.timer = null;
    if (this.state === 'TIME_WAIT') return this.destroy();
    if (!this.pending) return;
    const limit = this.state === 'SYN_SENT' ? Number(this.ns.sysctl.get('net.ipv4.tcp_syn_retries') ?? 6) : TCP_SYNACK_RETRIES;
    if (this.retries >= limit) {
      this.fail('ETIMEDOUT');
      return;
    }
    this.retries++;
    this.resend(this.pending.flags);
    this.arm(last * 2);
  }

  acked(ack: number): void {
    if (seqAfter(ack, this.sndUna)) this.sndUna = ack;
    if (this.pending && this.sndUna === this.sndNxt) {
      this.pending = null;
      this.cancelTimer();
    }
  }

  /** close(): send FIN from ESTABLISHED or CLOSE_WAIT; a half-open attempt just goes away. */
  close(): void {
    switch (this.state) {
      case 'ESTABLISHED':
        this.state = 'FIN_WAIT1';
        this.sendReliable(TcpFlags.FIN | TcpFlags.ACK);
        return;
      case 'CLOSE_WAIT':
        this.state = 'LAST_ACK';
        this.sendReliable(TcpFlags.FIN | TcpFlags.ACK);
        return;
      case 'SYN_SENT':
      case 'SYN_RECV':
        this.destroy();
        return;
      default:
        return;
    }
  }

  /** Abort: RST to the peer if synchronized, then gone. */
  abort(): void {
    if (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT' || this.state === 'FIN_WAIT1' || this.state === 'FIN_WAIT2') this.send(TcpFlags.RST | TcpFlags.ACK);
    this.destroy();
  }

  fail(errno: Extract<TcpEvent, { kind: 'error' }>['errno']): void {
    this.destroy();
    this.onEvent?.({ kind: 'error', errno });
  }

  enterTimeWait(): void {
    this.state = 'TIME_WAIT';
    this.pending = null;
    this.arm(TCP_TIMEWAIT_LEN);
    this.onEvent?.({ kind: 'closed' });
  }

  destroy(): void {
    this.cancelTimer();
    this.pending = null;
    const wasOpen = this.state !== 'CLOSED';
    this.state = 'CLOSED';
    const t = this.ns.sockets.tcp;
    if (t.conns.get(this.key) === this) t.conns.delete(this.key);
    if (wasOpen && this.listener === null) return;
  }
}

const EMPTY = new Uint8Array(0);

function connKey(la: number, lp: number, ra: number, rp: number): string {
  return `${la}:${lp}>${ra}:${rp}`;
}

function seqAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

/** The TCP sockets of a namespace: listeners by port, connections by their four-tuple. */
export class TcpTable {
  readonly listeners = new Map<number, TcpListener>();
  readonly conns = new Map<string, TcpConn>();

  find(la: Ipv4, lp: number, ra: Ipv4, rp: number): TcpConn | undefined {
    return this.conns.get(connKey(la, lp, ra, rp));
  }

  portInUse(port: number): boolean {
    if (this.listeners.has(port)) return true;
    for (const c of this.conns.values()) if (c.localPort === port) return true;
    return false;
  }

  icmpError(src: Ipv4, sport: number, dst: Ipv4, dport: number, info: IcmpErrorInfo): boolean {
    const c = this.find(src, sport, dst, dport);
    if (!c) return false;
    // tcp_v4_err: during the handshake, unreachable and time exceeded abort the connect.
    if (info.type === 3 && info.code === 4) return true;
    if (c.state === 'SYN_SENT' || c.state === 'SYN_RECV') {
      const errno = info.type === 11 ? 'EHOSTUNREACH' : info.code === 3 ? 'ECONNREFUSED' : info.code === 0 ? 'ENETUNREACH' : 'EHOSTUNREACH';
      c.fail(errno);
    }
    return true;
  }

  abortAll(): void {
    for (const c of [...this.conns.values()]) c.destroy();
    this.listeners.clear();
  }
}

/** listen(): null if the port is taken (EADDRINUSE). */
export function tcpListen(ns: NetNs, port: number, addr: Ipv4 = 0 as Ipv4): TcpListener | null {
  if (ns.sockets.tcp.listeners.has(port)) return null;
  const l = new TcpListener(ns, port, addr);
  ns.sockets.tcp.listeners.set(port, l);
  return l;
}

/** connect(): route, pick a source port, send SYN. Errors from routing come back at once. */
export function tcpConnect(ns: NetNs, dst: Ipv4, dport: number, onEvent: (e: TcpEvent) => void, opts: { src?: Ipv4 | null; oif?: NetDevice | null; sport?: number | null } = {}): TcpConn | RouteError {
  const rt = ipRouteOutput(ns, dst, { src: opts.src, oif: opts.oif });
  if (typeof rt === 'string') return rt;
  const t = ns.sockets.tcp;
  // A bound source port (bind() before connect(); the caller checked EADDRINUSE) or an ephemeral one.
  const sport = opts.sport || pickEphemeralPort(ns, (p) => t.portInUse(p));
  const c = new TcpConn(ns, rt.src, sport, dst, dport);
  c.onEvent = onEvent;
  c.state = 'SYN_SENT';
  t.conns.set(c.key, c);
  c.sendReliable(TcpFlags.SYN);
  return c;
}

function tcpTransmit(ns: NetNs, src: Ipv4, dst: Ipv4, seg: TcpRepr): boolean {
  const rt = ipRouteOutput(ns, dst, { src });
  if (typeof rt === 'string') return false;
  const len = tcpLength(seg);
  const skb = buildIpPacket(ns, { src, dst, protocol: IpProto.TCP, df: true, length: len, write: (b, off) => emitTcp(seg, b, off, src, dst) });
  return ipLocalOut(ns, skb, rt);
}

/** tcp_v4_send_reset: answer a segment that fits no socket. */
export function tcpSendReset(ns: NetNs, src: Ipv4, dst: Ipv4, seg: TcpRepr): void {
  if (seg.flags & TcpFlags.RST) return;
  let segLen = seg.payload.length;
  if (seg.flags & TcpFlags.SYN) segLen++;
  if (seg.flags & TcpFlags.FIN) segLen++;
  const rst: TcpRepr =
    seg.flags & TcpFlags.ACK
      ? { srcPort: seg.dstPort, dstPort: seg.srcPort, seq: seg.ack, ack: 0, flags: TcpFlags.RST, window: 0, payload: EMPTY }
      : { srcPort: seg.dstPort, dstPort: seg.srcPort, seq: 0, ack: (seg.seq + segLen) >>> 0, flags: TcpFlags.RST | TcpFlags.ACK, window: 0, payload: EMPTY };
  tcpTransmit(ns, dst, src, rst);
}

/** tcp_v4_rcv: find the connection or listener for a segment and run the state machine. */
export function tcpRcv(ns: NetNs, skb: Skb, dev: NetDevice): void {
  const d = skb.data;
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const tl = ipv4TotalLength(d, ETH_HLEN);
  const src = ipv4Src(d, ETH_HLEN);
  const dst = ipv4Dst(d, ETH_HLEN);
  const seg = parseTcp(d, ETH_HLEN + hl, tl - hl, src, dst);
  if (typeof seg === 'string') {
    dropSkb(ns, skb, seg === 'bad-checksum' ? DropReason.TCP_CSUM : DropReason.PKT_TOO_SMALL, `TCP ${seg}`, dev);
    return;
  }
  const k = ns.kernel;
  const deliver = (to: string): void => {
    if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, proto: 'tcp', to });
  };
  const t = ns.sockets.tcp;
  const c = t.find(dst, seg.dstPort, src, seg.srcPort);
  if (c) {
    deliver(`connection ${formatIpv4(dst)}:${seg.dstPort} (${c.state})`);
    tcpRcvStateProcess(c, seg);
    return;
  }
  const l = t.listeners.get(seg.dstPort);
  if (l && (l.addr === 0 || l.addr === dst) && seg.flags & TcpFlags.SYN && !(seg.flags & (TcpFlags.ACK | TcpFlags.RST))) {
    deliver(`listener on port ${seg.dstPort}`);
    const nc = new TcpConn(ns, dst, seg.dstPort, src, seg.srcPort);
    nc.listener = l;
    nc.state = 'SYN_RECV';
    nc.rcvNxt = (seg.seq + 1) >>> 0;
    t.conns.set(nc.key, nc);
    nc.sendReliable(TcpFlags.SYN | TcpFlags.ACK);
    return;
  }
  dropSkb(ns, skb, DropReason.NO_SOCKET, `no TCP socket for port ${seg.dstPort}: answering with RST`, dev);
  tcpSendReset(ns, src, dst, seg);
}

function tcpRcvStateProcess(c: TcpConn, seg: TcpRepr): void {
  const f = seg.flags;
  if (f & TcpFlags.RST) {
    if (c.state === 'SYN_SENT') {
      if (f & TcpFlags.ACK && seg.ack === c.sndNxt) c.fail('ECONNREFUSED');
      return;
    }
    if (c.state === 'TIME_WAIT') return;
    c.fail('ECONNRESET');
    return;
  }
  if (c.state === 'SYN_SENT') {
    if (f & TcpFlags.SYN && f & TcpFlags.ACK && seg.ack === c.sndNxt) {
      c.rcvNxt = (seg.seq + 1) >>> 0;
      c.acked(seg.ack);
      c.state = 'ESTABLISHED';
      c.send(TcpFlags.ACK);
      c.onEvent?.({ kind: 'connected' });
    }
    return;
  }
  if (f & TcpFlags.SYN) {
    // A retransmitted SYN or SYN-ACK: acknowledge again.
    if (c.state !== 'SYN_RECV') c.send(TcpFlags.ACK);
    return;
  }
  if (f & TcpFlags.ACK) c.acked(seg.ack);
  if (c.state === 'SYN_RECV') {
    if (!(f & TcpFlags.ACK) || seg.ack !== c.sndNxt) return;
    c.state = 'ESTABLISHED';
    const l = c.listener;
    if (l) {
      l.accepted++;
      l.onAccept?.(c);
    }
  }
  if (seg.payload.length > 0 && seg.seq === c.rcvNxt && (c.state === 'ESTABLISHED' || c.state === 'FIN_WAIT1' || c.state === 'FIN_WAIT2')) {
    c.rcvNxt = (c.rcvNxt + seg.payload.length) >>> 0;
    c.onEvent?.({ kind: 'data', data: seg.payload.slice() });
    if (!(f & TcpFlags.FIN)) c.send(TcpFlags.ACK);
  }
  const finAcked = c.sndUna === c.sndNxt;
  if (f & TcpFlags.FIN) {
    c.rcvNxt = (c.rcvNxt + 1) >>> 0;
    switch (c.state) {
      case 'ESTABLISHED':
        c.state = 'CLOSE_WAIT';
        c.send(TcpFlags.ACK);
        c.onEvent?.({ kind: 'eof' });
        return;
      case 'FIN_WAIT1':
        c.send(TcpFlags.ACK);
        if (finAcked) c.enterTimeWait();
        else c.state = 'CLOSING';
        return;
      case 'FIN_WAIT2':
        c.send(TcpFlags.ACK);
        c.enterTimeWait();
        return;
      default:
        c.send(TcpFlags.ACK);
        return;
    }
  }
  if (finAcked) {
    if (c.state === 'FIN_WAIT1') c.state = 'FIN_WAIT2';
    else if (c.state === 'CLOSING') c.enterTimeWait();
    else if (c.state === 'LAST_ACK') {
      c.destroy();
      c.onEvent?.({ kind: 'closed' });
    }
  }
}
