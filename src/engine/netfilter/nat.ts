import type { Ipv4 } from '../addr/ipv4.ts';
import type { NetDevice } from '../net/device.ts';
import type { Skb } from '../net/skb.ts';
import { inetSelectAddr } from '../net/route.ts';
import { IpProto, recomputeIpv4Checksum } from '../wire/ipv4.ts';
import { internetChecksum, pseudoHeaderSum } from '../wire/checksum.ts';
import { type ConntrackTable, type CtEntry, type CtTuple, type SkbCt, invertTuple } from './conntrack.ts';
import type { NatRange, PortRange } from './rules.ts';

/**
 * NAT (net/netfilter/nf_nat_core.c): a binding changes the connection's reply tuple; every
 * packet is then rewritten to look like the inverse of the other direction's tuple, for the
 * address the hook manipulates (destination at PREROUTING/OUTPUT, source at POSTROUTING/INPUT).
 */
export type ManipType = 'src' | 'dst';

/** The hook's manipulation type: DNAT before routing, SNAT after. */
export function manipOfHook(hook: string): ManipType {
  return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'dst' : 'src';
}

/** nf_nat_l4proto_unique_tuple's default port ranges, which keep privileged ports privileged. */
function defaultPortRange(port: number): PortRange {
  if (port < 512) return { lo: 1, hi: 511 };
  if (port < 1024) return { lo: 600, hi: 1023 };
  return { lo: 1024, hi: 65535 };
}

/**
 * nf_nat_setup_info: bind the connection. For SNAT the new source must not clash with an
 * existing connection's reply tuple; if it does, another port from the range is chosen.
 */
export function natSetup(ct: ConntrackTable, e: CtEntry, manip: ManipType, range: NatRange): boolean {
  // The tuple as the packet will look after this manipulation, in the original direction.
  const cur = invertTuple(e.reply);
  const want: CtTuple = { ...cur };
  const hasPorts = cur.proto === IpProto.TCP || cur.proto === IpProto.UDP;
  if (manip === 'dst') {
    if (range.minAddr !== null) want.dst = range.minAddr;
    if (hasPorts && range.ports) want.dport = range.ports.lo;
  } else {
    if (range.minAddr !== null) want.src = range.minAddr;
    if (hasPorts && range.ports) want.sport = range.ports.lo;
  }
  let reply = invertTuple(want);
  let clash = false;
  if (manip === 'src' && hasPorts && ct.tupleTaken(reply)) {
    const r = range.ports ?? defaultPortRange(cur.sport);
    // get_unique_tuple: a single-port range is used as it is, clash or not.
    clash = true;
    if (!range.ports || r.lo !== r.hi) {
      for (let p = r.lo; p <= r.hi && clash; p++) {
        const cand = invertTuple({ ...want, sport: p });
        if (!ct.tupleTaken(cand)) {
          reply = cand;
          clash = false;
        }
      }
      // nf_nat_used_tuple_harder: as a last resort a TCP SYN may evict a source-NATed
      // connection that is already in TIME_WAIT.
      for (let p = r.lo; p <= r.hi && clash && cur.proto === IpProto.TCP; p++) {
        const cand = invertTuple({ ...want, sport: p });
        if (ct.evictTimeWait(cand)) {
          reply = cand;
          clash = false;
        }
      }
    }
  }
  e.reply = reply;
  if (manip === 'dst') {
    e.dstNat = e.orig.dst !== want.dst || e.orig.dport !== want.dport;
    e.dstNatDone = true;
  } else {
    e.srcNat = e.orig.src !== want.src || e.orig.sport !== want.sport;
    e.srcNatDone = true;
  }
  // The tuple still clashes: __nf_conntrack_confirm will refuse the connection (the packet is dropped).
  return !clash;
}

/** MASQUERADE: SNAT to the address the outgoing interface would use for this destination. */
export function masqueradeAddress(out: NetDevice, dst: Ipv4): Ipv4 | null {
  return inetSelectAddr(out, dst, 'global');
}

function statusApplies(e: CtEntry, manip: ManipType, dir: 'orig' | 'reply'): boolean {
  // In the reply direction a source NAT is undone at the destination hook and vice versa.
  const want = dir === 'orig' ? manip : manip === 'src' ? 'dst' : 'src';
  return want === 'src' ? e.srcNat : e.dstNat;
}

/** nf_nat_packet: rewrite the packet (and for ICMP errors the packet they quote). */
export function natPacket(skb: Skb, manip: ManipType): void {
  const sct = skb.ct as SkbCt | null;
  if (!sct || !sct.entry) return;
  const e = sct.entry;
  if (!statusApplies(e, manip, sct.dir)) return;
  const other = sct.dir === 'orig' ? e.reply : e.orig;
  const target = invertTuple(other);
  const d = skb.data;
  const off = 14;
  if (sct.info === 'RELATED') {
    // nf_nat_icmp_reply_translation: the quoted packet travels the other way.
    const innerOff = off + (d[off] & 15) * 4 + 8;
    if (d.length >= innerOff + 20) manipPacket(d, innerOff, other, manip === 'src' ? 'dst' : 'src', true);
    manipPacket(d, off, target, manip, false, true);
    fixIcmpChecksum(d, off);
    return;
  }
  manipPacket(d, off, target, manip, false);
}

function manipPacket(d: Uint8Array, off: number, t: CtTuple, manip: ManipType, quoted: boolean, addressOnly = false): void {
  const src = manip === 'src';
  mangleAddrPort(d, off, manip, src ? t.src : t.dst, addressOnly ? null : src ? t.sport : t.dport, quoted);
}

/**
 * Rewrite a packet's source or destination address (and TCP/UDP port, unless `port` is null)
 * and fix the checksums: what NAT and IPVS's NAT forwarding both do to a packet. A quoted
 * packet (inside an ICMP error) is truncated, so its transport checksum is left alone; a
 * non-first fragment has no ports.
 */
export function mangleAddrPort(d: Uint8Array, off: number, manip: ManipType, addr: Ipv4, port: number | null, quoted = false): void {
  const hl = (d[off] & 15) * 4;
  const proto = d[off + 9];
  writeU32(d, off + (manip === 'src' ? 12 : 16), addr);
  recomputeIpv4Checksum(d, off);
  const fragOff = ((d[off + 6] & 0x1f) << 8) | d[off + 7];
  if (port === null || fragOff !== 0) return;
  if (proto === IpProto.TCP || proto === IpProto.UDP) {
    const portOff = off + hl + (manip === 'src' ? 0 : 2);
    if (d.length >= portOff + 2) {
      d[portOff] = port >> 8;
      d[portOff + 1] = port & 255;
    }
    if (!quoted) fixL4Checksum(d, off);
  }
}

function writeU32(d: Uint8Array, o: number, v: number): void {
  d[o] = (v >>> 24) & 255;
  d[o + 1] = (v >>> 16) & 255;
  d[o + 2] = (v >>> 8) & 255;
  d[o + 3] = v & 255;
}

/** Recompute the TCP/UDP checksum after an address or port changed. */
function fixL4Checksum(d: Uint8Array, off: number): void {
  const hl = (d[off] & 15) * 4;
  const total = (d[off + 2] << 8) | d[off + 3];
  const proto = d[off + 9];
  const l4 = off + hl;
  const len = total - hl;
  if (d.length < l4 + len) return;
  const csOff = l4 + (proto === IpProto.TCP ? 16 : 6);
  if (proto === IpProto.UDP && d[csOff] === 0 && d[csOff + 1] === 0) return;
  d[csOff] = 0;
  d[csOff + 1] = 0;
  const src = (((d[off + 12] << 24) | (d[off + 13] << 16) | (d[off + 14] << 8) | d[off + 15]) >>> 0) as Ipv4;
  const dst = (((d[off + 16] << 24) | (d[off + 17] << 16) | (d[off + 18] << 8) | d[off + 19]) >>> 0) as Ipv4;
  let cs = internetChecksum(d, l4, len, pseudoHeaderSum(src, dst, proto, len));
  if (proto === IpProto.UDP && cs === 0) cs = 0xffff;
  d[csOff] = cs >> 8;
  d[csOff + 1] = cs & 255;
}

function fixIcmpChecksum(d: Uint8Array, off: number): void {
  const hl = (d[off] & 15) * 4;
  const total = (d[off + 2] << 8) | d[off + 3];
  const l4 = off + hl;
  d[l4 + 2] = 0;
  d[l4 + 3] = 0;
  const cs = internetChecksum(d, l4, Math.min(total, d.length - off) - hl);
  d[l4 + 2] = cs >> 8;
  d[l4 + 3] = cs & 255;
}
