import { type Ipv4, formatIpv4 } from '../addr/ipv4.ts';
import { dropSkb } from '../net/dev.ts';
import { icmpSend } from '../net/icmp.ts';
import { ipLocalOut } from '../net/ip-output.ts';
import { nfRegisterHook } from '../net/netfilter-hooks.ts';
import { NfHook, type NetNs, type NfHookState, type NfVerdict } from '../net/netns.ts';
import { ipRouteOutput } from '../net/route.ts';
import type { Kernel } from '../net/kernel.ts';
import type { Skb } from '../net/skb.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { IcmpTimeExceededCode, IcmpType } from '../wire/icmp.ts';
import { IpProto, Ipv4Field, decrementTtl } from '../wire/ipv4.ts';
import type { SkbCt } from './conntrack.ts';
import { readPacket } from './packet.ts';
import { mangleAddrPort } from './nat.ts';

/**
 * IPVS (net/netfilter/ipvs), the kernel's layer-4 load balancer, in NAT ("masquerading")
 * mode with round robin: a virtual service (an address and port, or a firewall mark) is
 * spread over real servers; a connection keeps its real server both ways. Docker's service
 * VIPs are fwmark services in each container's namespace.
 *
 * Two paths, as in net/netfilter/ipvs/ip_vs_core.c:
 * - a connection this namespace opens (LOCAL_OUT request, LOCAL_IN reply), as a container
 *   reaching a service VIP;
 * - a connection that arrives (ip_vs_remote_request4 at LOCAL_IN, just before nat INPUT):
 *   the packet is rewritten to the real server (ip_vs_nat_xmit), marked as IPVS-handled and
 *   sent out through LOCAL_OUT and POSTROUTING, where `-m ipvs --ipvs` rules (Docker's SNAT in
 *   ingress-sbox) see it. The reply is routed back (FORWARD once conntrack undid the SNAT) and
 *   ip_vs_out (ip_vs_reply4 at FORWARD) gives it the virtual address again. With
 *   net.ipv4.vs.conntrack=1 the connection stays tracked and its reply tuple is the real
 *   server's (ip_vs_update_conntrack); with 0 the packet leaves untracked and no NAT applies.
 */
export interface IpvsReal {
  addr: Ipv4;
  /** 0: the port the client asked for. */
  port: number;
  weight: number;
}

export interface IpvsService {
  fwmark: number | null;
  proto: number | null;
  addr: Ipv4 | null;
  port: number;
  scheduler: 'rr';
  reals: IpvsReal[];
  next: number;
}

interface IpvsConn {
  service: IpvsService;
  client: Ipv4;
  cport: number;
  vaddr: Ipv4;
  vport: number;
  real: IpvsReal;
  dport: number;
  /** TCP until a FIN or RST is seen: ipvsadm's ActiveConn; the rest count as InActConn. */
  active: boolean;
}

export class Ipvs {
  readonly services: IpvsService[] = [];
  private readonly conns = new Map<string, IpvsConn>();
  private readonly replies = new Map<string, IpvsConn>();

  constructor(readonly ns: NetNs) {
    loaded.add(ns.kernel);
    // ip_vs_local_request4 right after DNAT in OUTPUT; ip_vs_reply4 before SNAT on INPUT;
    // ip_vs_remote_request4 just after it on INPUT; ip_vs_reply4 again on FORWARD.
    nfRegisterHook(ns, NfHook.LOCAL_OUT, { priority: -99, name: 'ipvs', fn: (_ns, skb) => this.request(skb) });
    nfRegisterHook(ns, NfHook.LOCAL_IN, { priority: 98, name: 'ipvs', fn: (_ns, skb) => this.reply(skb) });
    nfRegisterHook(ns, NfHook.LOCAL_IN, { priority: 99, name: 'ipvs', fn: (_ns, skb, state) => this.remoteRequest(skb, state) });
    nfRegisterHook(ns, NfHook.FORWARD, { priority: 100, name: 'ipvs', fn: (_ns, skb) => this.reply(skb) });
  }

  private find(skb: Skb, p: ReturnType<typeof readPacket>): IpvsService | undefined {
    return this.services.find((s) => (s.fwmark !== null ? s.fwmark === skb.mark : s.addr === p.dst && s.port === p.dport && s.proto === p.proto));
  }

  /** ip_vs_in's lookup-or-schedule: the connection of a packet to a virtual service, or null. */
  private connFor(skb: Skb, hook: NfHook): IpvsConn | null {
    const p = readPacket(skb.data);
    // IPVS balances TCP and UDP; anything else to a virtual address is not its business.
    if (p.proto !== IpProto.TCP && p.proto !== IpProto.UDP) return null;
    const key = `${p.proto}|${p.src}|${p.sport}|${p.dst}|${p.dport}`;
    let c = this.conns.get(key);
    if (!c) {
      const s = this.find(skb, p);
      if (!s || s.reals.length === 0) return null;
      const real = s.reals[s.next % s.reals.length];
      s.next = (s.next + 1) % s.reals.length;
      c = { service: s, client: p.src, cport: p.sport, vaddr: p.dst, vport: p.dport, real, dport: real.port || p.dport, active: p.proto === IpProto.TCP };
      this.conns.set(key, c);
      this.replies.set(`${p.proto}|${real.addr}|${c.dport}|${p.src}|${p.sport}`, c);
      const k = this.ns.kernel;
      if (k.trace) k.emit({ type: 'nf', t: k.now, ns: this.ns.label, pkt: skb.id, parent: skb.parent, hook, table: 'ipvs', chain: s.fwmark !== null ? `fwmark ${s.fwmark}` : `${formatIpv4(s.addr ?? 0)}:${s.port}`, rule: 0, verdict: `round robin to ${formatIpv4(real.addr)}` });
    }
    if (closing(skb.data)) c.active = false;
    return c;
  }

  private request(skb: Skb): NfVerdict {
    if (this.services.length === 0 || skb.ipvs) return 'accept';
    const c = this.connFor(skb, NfHook.LOCAL_OUT);
    if (c) rewrite(skb.data, 'dst', c.real.addr, c.dport);
    return 'accept';
  }

  /**
   * ip_vs_remote_request4 + ip_vs_nat_xmit: a packet that arrived for a virtual service goes
   * to its real server, through LOCAL_OUT and POSTROUTING; this hook steals it from INPUT.
   */
  private remoteRequest(skb: Skb, state: NfHookState): NfVerdict {
    if (this.services.length === 0 || skb.ipvs) return 'accept';
    const c = this.connFor(skb, NfHook.LOCAL_IN);
    if (!c) return 'accept';
    const ns = this.ns;
    const d = skb.data;
    const r = ipRouteOutput(ns, c.real.addr, {});
    if (typeof r === 'string' || r.type === 'local') {
      dropSkb(ns, skb, DropReason.IP_OUTNOROUTES, `IPVS: no route to real server ${formatIpv4(c.real.addr)}`, state.in);
      return 'stolen';
    }
    // __ip_vs_get_out_rt: a forwarded packet loses one hop.
    if (d[ETH_HLEN + Ipv4Field.TTL] <= 1) {
      icmpSend(ns, skb, IcmpType.TimeExceeded, IcmpTimeExceededCode.TtlInTransit, 0);
      dropSkb(ns, skb, DropReason.IP_INHDR, 'TTL exceeded in transit (IPVS)', state.in);
      return 'stolen';
    }
    decrementTtl(d, ETH_HLEN);
    rewrite(d, 'dst', c.real.addr, c.dport);
    skb.ipvs = true;
    // ip_vs_nat_send_or_cont: keep the connection tracked (vs.conntrack=1) with the real server
    // in its reply tuple, or leave it untracked.
    const sct = skb.ct as SkbCt | null;
    if (ns.sysctl.get('net.ipv4.vs.conntrack') === '1') {
      const e = sct?.entry;
      if (e && !e.confirmed) e.reply = { ...e.reply, src: c.real.addr, sport: c.dport };
    } else skb.ct = { entry: null, dir: 'orig', info: 'UNTRACKED' } satisfies SkbCt;
    ipLocalOut(ns, skb, r);
    return 'stolen';
  }

  private reply(skb: Skb): NfVerdict {
    if (this.replies.size === 0 || skb.ipvs) return 'accept';
    const p = readPacket(skb.data);
    const c = this.replies.get(`${p.proto}|${p.src}|${p.sport}|${p.dst}|${p.dport}`);
    if (!c) return 'accept';
    if (closing(skb.data)) c.active = false;
    rewrite(skb.data, 'src', c.vaddr, c.vport);
    return 'accept';
  }

  /** Connections to a real server: [ActiveConn, InActConn] as ipvsadm -L counts them. */
  connCounts(s: IpvsService, r: IpvsReal): [number, number] {
    let act = 0;
    let inact = 0;
    for (const c of this.conns.values()) {
      if (c.service !== s || c.real !== r) continue;
      if (c.active) act++;
      else inact++;
    }
    return [act, inact];
  }
}

/** A TCP segment with FIN or RST ends the connection's active life. */
function closing(d: Uint8Array): boolean {
  const off = 14;
  if (d[off + 9] !== IpProto.TCP) return false;
  const flags = d[off + (d[off] & 15) * 4 + 13];
  return (flags & 0x05) !== 0;
}

/** Rewrite an address (and port) and fix the checksums, as ip_vs_nat_xmit does. */
function rewrite(d: Uint8Array, which: 'src' | 'dst', addr: Ipv4, port: number | null): void {
  mangleAddrPort(d, ETH_HLEN, which, addr, port);
}

const states = new WeakMap<NetNs, Ipvs>();
/** Machines whose kernel has the ip_vs module loaded (some namespace used IPVS). */
const loaded = new WeakSet<Kernel>();

/** The ip_vs module is loaded: the net.ipv4.vs.* sysctls exist. */
export function ipvsLoaded(kernel: Kernel): boolean {
  return loaded.has(kernel);
}

export function ipvsOf(ns: NetNs): Ipvs {
  let s = states.get(ns);
  if (!s) states.set(ns, (s = new Ipvs(ns)));
  return s;
}
