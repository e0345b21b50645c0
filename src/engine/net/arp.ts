import { type Ipv4, formatIpv4, networkOf } from '../addr/ipv4.ts';
import { type Mac, MAC_BROADCAST, MAC_ZERO, formatMac, writeMac } from '../addr/mac.ts';
import { MS } from '../sim/scheduler.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ARP_LEN, ArpOp, emitArp, parseArp } from '../wire/arp.ts';
import { ETH_HLEN, EtherType, emitEthernet } from '../wire/ethernet.ts';
import { ipv4Src } from '../wire/ipv4.ts';
import type { NetDevice } from './device.ts';
import { devQueueXmit, dropSkb, type PktType } from './dev.ts';
import { NEIGH_PARMS, type Neighbour, type NudState } from './neigh.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { icmpSendHostUnreach } from './icmp.ts';
import { inetSelectAddr } from './route.ts';

function traceNeigh(n: Neighbour): void {
  const k = n.dev.ns.kernel;
  if (k.trace) k.emit({ type: 'neigh', t: k.now, ns: n.dev.ns.label, dev: n.dev.name, ip: formatIpv4(n.ip), state: n.state, mac: n.mac === null ? undefined : formatMac(n.mac) });
}

function setState(n: Neighbour, state: NudState): void {
  n.state = state;
  n.updated = n.dev.ns.kernel.now;
  traceNeigh(n);
}

/** The state an entry is in now: REACHABLE silently turns STALE when its time is up. */
export function neighState(n: Neighbour): NudState {
  const now = n.dev.ns.kernel.now;
  if (n.state === 'REACHABLE' && now - n.confirmed >= n.reachableTime) {
    n.state = 'STALE';
    n.updated = n.confirmed + n.reachableTime;
    traceNeigh(n);
  }
  return n.state;
}

function newNeighbour(dev: NetDevice, ip: Ipv4): Neighbour {
  const rng = dev.ns.kernel.rng;
  const base = NEIGH_PARMS.baseReachableMs * MS;
  const n: Neighbour = {
    dev,
    ip,
    mac: null,
    state: 'INCOMPLETE',
    probes: 0,
    queue: [],
    queueBytes: 0,
    confirmed: 0,
    // neigh_rand_reach_time: uniformly in [base/2, 3*base/2).
    reachableTime: base / 2 + (rng.u32() % base),
    timer: null,
    updated: dev.ns.kernel.now,
  };
  if (dev.noarp) {
    // arp_constructor: on an IFF_NOARP device the neighbour is NUD_NOARP, at the device's own address.
    n.state = 'NOARP';
    n.mac = dev.mac;
  }
  dev.ns.neigh.set(n);
  return n;
}

/**
 * The timer wheel (kernel/time/timer.c, HZ=1000): a timer goes into the level whose range
 * holds its timeout and fires at the next tick of that level's granularity (8^level jiffies),
 * never early. So a 1 s retransmit runs up to 64 ms late, the 5 s DELAY timer up to 512 ms.
 */
function wheelDelay(now: number, delay: number): number {
  const jiffy = MS;
  const expires = Math.ceil((now + delay) / jiffy);
  const delta = expires - Math.floor(now / jiffy);
  let shift = 0;
  while (shift < 24 && delta >= 63 << shift) shift += 3;
  const fire = (Math.floor(expires / 2 ** shift) + 1) * 2 ** shift;
  return fire * jiffy - now;
}

function armTimer(n: Neighbour, delay: number): void {
  if (n.timer) n.timer.cancelled = true;
  const k = n.dev.ns.kernel;
  n.timer = k.sched.after(wheelDelay(k.now, delay), () => neighTimer(n));
}

/** neigh_timer_handler: retransmit probes, or give up and fail the entry. */
function neighTimer(n: Neighbour): void {
  n.timer = null;
  const ns = n.dev.ns;
  if (ns.neigh.get(n.dev, n.ip) !== n) return;
  switch (n.state) {
    case 'INCOMPLETE':
      if (n.probes >= NEIGH_PARMS.mcastProbes) return neighFail(n);
      arpSolicit(n, null);
      armTimer(n, NEIGH_PARMS.retransMs * MS);
      return;
    case 'DELAY':
      if (ns.kernel.now - n.confirmed < NEIGH_PARMS.delayFirstProbeMs * MS) {
        n.state = 'REACHABLE';
        traceNeigh(n);
        return;
      }
      setState(n, 'PROBE');
      n.probes = 0;
      arpSolicit(n, null);
      armTimer(n, NEIGH_PARMS.retransMs * MS);
      return;
    case 'PROBE':
      if (n.probes >= NEIGH_PARMS.ucastProbes) return neighFail(n);
      arpSolicit(n, null);
      armTimer(n, NEIGH_PARMS.retransMs * MS);
      return;
    default:
      return;
  }
}

/** Resolution failed: the waiting packets die and their senders hear "host unreachable". */
function neighFail(n: Neighbour): void {
  setState(n, 'FAILED');
  const queued = n.queue;
  n.queue = [];
  n.queueBytes = 0;
  for (const skb of queued) {
    dropSkb(n.dev.ns, skb, DropReason.NEIGH_FAILED, `no ARP reply from ${formatIpv4(n.ip)} on ${n.dev.name}`, n.dev);
    icmpSendHostUnreach(n.dev.ns, skb);
  }
}

/** arp_solicit: broadcast a request (or unicast one to the cached MAC when probing). */
function arpSolicit(n: Neighbour, trigger: Skb | null): void {
  const dev = n.dev;
  n.probes++;
  let sip: Ipv4 | null = null;
  const waiting = trigger ?? n.queue[0];
  // arp_announce 0: use the waiting packet's source if it is ours, else the device's address.
  if (waiting && waiting.data.length >= ETH_HLEN + 20) {
    const s = ipv4Src(waiting.data, ETH_HLEN);
    if (dev.ns.isLocalAddr(s)) sip = s;
  }
  if (sip === null) sip = inetSelectAddr(dev, n.ip, 'link');
  const unicast = n.state === 'PROBE' && n.mac !== null;
  arpSend(dev, ArpOp.Request, unicast ? (n.mac as Mac) : MAC_BROADCAST, sip ?? (0 as Ipv4), unicast ? (n.mac as Mac) : MAC_ZERO, n.ip);
}

function arpSend(dev: NetDevice, op: number, ethDst: Mac, spa: Ipv4, tha: Mac, tpa: Ipv4): void {
  const frame = new Uint8Array(ETH_HLEN + ARP_LEN);
  emitEthernet({ dst: ethDst, src: dev.mac, ethertype: EtherType.ARP }, frame, 0);
  emitArp({ op, sha: dev.mac, spa, tha, tpa }, frame, ETH_HLEN);
  devQueueXmit(dev, dev.ns.kernel.newSkb(frame));
}

/** Fill in the Ethernet header and send. */
function finishOutput(dev: NetDevice, skb: Skb, dst: Mac): void {
  const d = skb.data;
  writeMac(d, 0, dst);
  writeMac(d, 6, dev.mac);
  d[12] = 0x08;
  d[13] = 0x00;
  devQueueXmit(dev, skb);
}

/**
 * neigh_output / neigh_resolve_output: send an IPv4 packet (already at ETH_HLEN in skb.data)
 * to `nexthop` on `dev`, resolving its MAC with ARP first if needed.
 */
export function neighOutput(dev: NetDevice, nexthop: Ipv4, skb: Skb, broadcast: boolean): void {
  if (dev.kind === 'loopback') return finishOutput(dev, skb, MAC_ZERO);
  // arp_constructor gives an IFF_NOARP device its own address even for broadcast routes.
  if (broadcast) return finishOutput(dev, skb, dev.noarp ? dev.mac : MAC_BROADCAST);
  if (nexthop >>> 28 === 0xe) {
    // ip_eth_mc_map: 01:00:5e plus the low 23 bits of the group.
    return finishOutput(dev, skb, (0x01005e000000 + (nexthop & 0x7fffff)) as Mac);
  }
  const ns = dev.ns;
  let n = ns.neigh.get(dev, nexthop);
  if (!n) {
    n = newNeighbour(dev, nexthop);
    traceNeigh(n);
  }
  switch (neighState(n)) {
    case 'REACHABLE':
    case 'PERMANENT':
    case 'NOARP':
    case 'DELAY':
    case 'PROBE':
      return finishOutput(dev, skb, n.mac as Mac);
    case 'STALE':
      setState(n, 'DELAY');
      armTimer(n, NEIGH_PARMS.delayFirstProbeMs * MS);
      return finishOutput(dev, skb, n.mac as Mac);
    case 'FAILED':
      setState(n, 'INCOMPLETE');
      n.probes = 0;
      enqueue(n, skb);
      arpSolicit(n, skb);
      armTimer(n, NEIGH_PARMS.retransMs * MS);
      return;
    case 'INCOMPLETE':
      if (n.probes === 0) {
        enqueue(n, skb);
        arpSolicit(n, skb);
        armTimer(n, NEIGH_PARMS.retransMs * MS);
      } else enqueue(n, skb);
      return;
  }
}

function enqueue(n: Neighbour, skb: Skb): void {
  n.queue.push(skb);
  n.queueBytes += skb.data.length;
  while (n.queueBytes > NEIGH_PARMS.unresQlenBytes && n.queue.length > 1) {
    const old = n.queue.shift() as Skb;
    n.queueBytes -= old.data.length;
    dropSkb(n.dev.ns, old, DropReason.NEIGH_QUEUEFULL, `too many packets waiting for ${formatIpv4(n.ip)}`, n.dev);
  }
}

/** neigh_update: a MAC was learned or confirmed; release anything waiting. */
function neighUpdate(n: Neighbour, mac: Mac, state: 'REACHABLE' | 'STALE'): void {
  if (n.state === 'PERMANENT' || n.state === 'NOARP') return;
  const changed = n.mac !== mac;
  n.mac = mac;
  if (state === 'REACHABLE') n.confirmed = n.dev.ns.kernel.now;
  // A STALE report about an entry we already know with the same MAC changes nothing.
  if (state === 'STALE' && !changed && n.state !== 'INCOMPLETE' && n.state !== 'FAILED') return;
  if (n.timer) {
    n.timer.cancelled = true;
    n.timer = null;
  }
  setState(n, state);
  const queued = n.queue;
  n.queue = [];
  n.queueBytes = 0;
  for (const skb of queued) finishOutput(n.dev, skb, mac);
}

/**
 * arp_ignore(): whether a request for local address `tip` from `sip` received on `dev` goes
 * unanswered, by max(conf.all.arp_ignore, conf.DEV.arp_ignore): 0 answer for any local address;
 * 1 only if tip is configured on dev; 2 as 1 and sip in that address's subnet; 3 not for
 * scope-host addresses; 4-7 answer; 8 never.
 */
function arpIgnore(dev: NetDevice, sip: Ipv4, tip: Ipv4): boolean {
  const mode = dev.ns.confMax(dev.name, 'arp_ignore');
  const inSubnet = (a: Ipv4, ifa: { addr: Ipv4; prefixLen: number }): boolean => networkOf(a, ifa.prefixLen) === networkOf(ifa.addr, ifa.prefixLen);
  switch (mode) {
    case 1:
      return !dev.addrs.some((a) => a.addr === tip);
    case 2:
      return !dev.addrs.some((a) => a.addr === tip) || !dev.addrs.some((a) => inSubnet(tip, a) && inSubnet(sip, a));
    case 3:
      return ![...dev.ns.devices.values()].some((d) => d.addrs.some((a) => a.addr === tip && a.scope !== 'host'));
    case 8:
      return true;
    default:
      return false;
  }
}

/** arp_rcv + arp_process: answer requests for our addresses, learn from what we hear. */
export function arpRcv(dev: NetDevice, skb: Skb, pktType: PktType): void {
  const ns = dev.ns;
  if (dev.noarp) {
    // arp_rcv: an IFF_NOARP device consumes ARP without looking at it.
    const k = ns.kernel;
    if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, proto: 'arp', to: `ignored (${dev.name} is NOARP)` });
    return;
  }
  if (pktType === 'otherhost') {
    dropSkb(ns, skb, DropReason.OTHERHOST, 'ARP frame for another host', dev);
    return;
  }
  const arp = parseArp(skb.data, ETH_HLEN);
  if (!arp) {
    dropSkb(ns, skb, DropReason.PKT_TOO_SMALL, 'malformed ARP packet', dev);
    return;
  }
  if (dev.kind === 'loopback') return;
  const sip = arp.spa;
  const tip = arp.tpa;
  if (tip >>> 28 === 0xe || sip >>> 28 === 0xe) return;
  let n = sip !== 0 ? ns.neigh.get(dev, sip) : undefined;
  // ip_route_input: tip is ours when it routes as local (a prefix on lo makes all of it local).
  const local = arp.op === ArpOp.Request && (ns.isLocalAddr(tip) || ns.fib.lookup(tip)?.type === 'local');
  if (local && arpIgnore(dev, sip, tip)) {
    const k = ns.kernel;
    if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, proto: 'arp', to: `ignored (arp_ignore ${ns.confMax(dev.name, 'arp_ignore')})` });
    return;
  }
  if (local && sip !== 0) {
    // neigh_event_ns: the asker is our neighbour now (STALE), then we reply.
    if (!n) n = newNeighbour(dev, sip);
    neighUpdate(n, arp.sha, 'STALE');
    const k = ns.kernel;
    if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, proto: 'arp', to: `reply ${formatIpv4(tip)} is-at ${formatMac(dev.mac)}` });
    arpSend(dev, ArpOp.Reply, arp.sha, tip, arp.sha, sip);
    return;
  }
  if (arp.op === ArpOp.Request && !local && sip !== 0 && ns.devForwarding(dev) && ns.confMax(dev.name, 'proxy_arp') !== 0) {
    // arp_fwd_proxy: a forwarding device with proxy_arp answers for a target routed out of
    // another device. A broadcast request waits in pneigh_enqueue for up to proxy_delay (0.8 s).
    const rt = ns.fib.lookup(tip);
    if (rt && rt.type === 'unicast' && rt.dev && rt.dev !== dev) {
      if (!n) n = newNeighbour(dev, sip);
      neighUpdate(n, arp.sha, 'STALE');
      const k = ns.kernel;
      if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, proto: 'arp', to: `proxy reply ${formatIpv4(tip)} is-at ${formatMac(dev.mac)}` });
      const sha = arp.sha;
      const reply = (): void => arpSend(dev, ArpOp.Reply, sha, tip, sha, sip);
      if (pktType === 'host') reply();
      else k.sched.after((k.rng.u32() % 800) * MS, reply);
      return;
    }
  }
  if (local && sip === 0) {
    // Duplicate address detection probe: answer it.
    arpSend(dev, ArpOp.Reply, arp.sha, tip, arp.sha, sip);
    return;
  }
  if (n) {
    neighUpdate(n, arp.sha, arp.op === ArpOp.Reply && pktType === 'host' ? 'REACHABLE' : 'STALE');
    return;
  }
  const k = ns.kernel;
  if (k.trace) k.emit({ type: 'deliver', t: k.now, ns: ns.label, pkt: skb.id, proto: 'arp', to: 'ignored (not for us, no entry to update)' });
}

/** Remove a neighbour entry, dropping what waited on it. */
export function neighDestroy(ns: NetNs, n: Neighbour): void {
  ns.neigh.delete(n);
  for (const skb of n.queue) dropSkb(ns, skb, DropReason.NEIGH_DEAD, `neighbour ${formatIpv4(n.ip)} removed`, n.dev);
  n.queue = [];
}

/** neigh_ifdown: the device went down or away; its entries go. */
export function neighFlushDev(ns: NetNs, dev: NetDevice): void {
  for (const n of ns.neigh.all()) if (n.dev === dev) neighDestroy(ns, n);
}

/** Add or replace a permanent entry (`ip neigh add|replace ... lladdr MAC nud permanent`). */
export function neighAddStatic(dev: NetDevice, ip: Ipv4, mac: Mac, state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP' | 'INCOMPLETE'): void {
  let n = dev.ns.neigh.get(dev, ip);
  if (!n) n = newNeighbour(dev, ip);
  if (n.timer) n.timer.cancelled = true;
  n.timer = null;
  if (state === 'INCOMPLETE') {
    // __neigh_update to a state without NUD_VALID: no address, no timer, nothing sent.
    n.mac = null;
    setState(n, state);
    return;
  }
  n.mac = mac;
  n.confirmed = dev.ns.kernel.now;
  setState(n, state);
  const queued = n.queue;
  n.queue = [];
  n.queueBytes = 0;
  for (const skb of queued) finishOutput(dev, skb, mac);
}
