import type { Ipv4 } from '../addr/ipv4.ts';
import { SEC, type Timer } from '../sim/scheduler.ts';
import { DropReason } from '../trace/drop-reasons.ts';
import { ETH_HLEN } from '../wire/ethernet.ts';
import { Ipv4Field, ipv4Dst, ipv4HeaderLength, ipv4Protocol, ipv4Src, ipv4TotalLength, recomputeIpv4Checksum } from '../wire/ipv4.ts';
import { IcmpTimeExceededCode, IcmpType } from '../wire/icmp.ts';
import { dropSkb } from './dev.ts';
import type { NetNs } from './netns.ts';
import type { Skb } from './skb.ts';
import { icmpSend } from './icmp.ts';

/** ipfrag_time: how long an incomplete datagram waits for its missing fragments. */
export const IPFRAG_TIME = 30 * SEC;

/** An incomplete datagram being reassembled (struct ipq). */
export interface FragQueue {
  key: string;
  /** Payload pieces by byte offset. */
  pieces: Map<number, Uint8Array>;
  /** The first fragment's skb (offset 0): its header becomes the datagram's. */
  first: Skb | null;
  /** Known once the last fragment (MF clear) arrives. */
  totalPayload: number | null;
  skbs: Skb[];
  timer: Timer;
}

function fragInfo(d: Uint8Array): { mf: boolean; offset: number } {
  const v = (d[ETH_HLEN + Ipv4Field.FLG_OFF] << 8) | d[ETH_HLEN + Ipv4Field.FLG_OFF + 1];
  return { mf: (v & 0x2000) !== 0, offset: (v & 0x1fff) * 8 };
}

export function isFragment(d: Uint8Array): boolean {
  const f = fragInfo(d);
  return f.mf || f.offset !== 0;
}

/**
 * ip_defrag: file a fragment; returns the whole datagram as a new skb once every piece is
 * in, or null while pieces are missing.
 */
export function ipDefrag(ns: NetNs, skb: Skb): Skb | null {
  const d = skb.data;
  const src = ipv4Src(d, ETH_HLEN);
  const dst = ipv4Dst(d, ETH_HLEN);
  const id = (d[ETH_HLEN + Ipv4Field.IDENT] << 8) | d[ETH_HLEN + Ipv4Field.IDENT + 1];
  const proto = ipv4Protocol(d, ETH_HLEN);
  const key = `${src}/${dst}/${id}/${proto}`;
  let q = ns.fragQueues.get(key);
  if (!q) {
    const fq: FragQueue = {
      key,
      pieces: new Map(),
      first: null,
      totalPayload: null,
      skbs: [],
      timer: ns.kernel.sched.after(IPFRAG_TIME, () => fragExpire(ns, fq)),
    };
    q = fq;
    ns.fragQueues.set(key, q);
  }
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const tl = ipv4TotalLength(d, ETH_HLEN);
  const { mf, offset } = fragInfo(d);
  const payload = d.subarray(ETH_HLEN + hl, ETH_HLEN + tl);
  q.pieces.set(offset, payload);
  q.skbs.push(skb);
  if (offset === 0) q.first = skb;
  if (!mf) q.totalPayload = offset + payload.length;
  if (q.first === null || q.totalPayload === null) return null;
  // Complete when the pieces cover [0, total) without a gap.
  const offsets = [...q.pieces.keys()].sort((a, b) => a - b);
  let covered = 0;
  for (const o of offsets) {
    if (o > covered) return null;
    covered = Math.max(covered, o + (q.pieces.get(o) as Uint8Array).length);
  }
  if (covered < q.totalPayload) return null;
  q.timer.cancelled = true;
  ns.fragQueues.delete(key);
  const fd = q.first.data;
  const fhl = ipv4HeaderLength(fd, ETH_HLEN);
  const out = new Uint8Array(ETH_HLEN + fhl + q.totalPayload);
  out.set(fd.subarray(0, ETH_HLEN + fhl), 0);
  for (const o of offsets) out.set(q.pieces.get(o) as Uint8Array, ETH_HLEN + fhl + o);
  const total = fhl + q.totalPayload;
  out[ETH_HLEN + Ipv4Field.LENGTH] = total >> 8;
  out[ETH_HLEN + Ipv4Field.LENGTH + 1] = total & 255;
  out[ETH_HLEN + Ipv4Field.FLG_OFF] &= 0x40; // keep DF, clear MF and the offset
  out[ETH_HLEN + Ipv4Field.FLG_OFF + 1] = 0;
  recomputeIpv4Checksum(out, ETH_HLEN);
  const whole = ns.kernel.newSkb(out, q.first.id);
  whole.dev = skb.dev;
  const k = ns.kernel;
  if (k.trace) k.emit({ type: 'reassembled', t: k.now, ns: ns.label, pkt: whole.id, parent: q.first.id, fragments: q.skbs.length, length: total });
  return whole;
}

function fragExpire(ns: NetNs, q: FragQueue): void {
  if (ns.fragQueues.get(q.key) !== q) return;
  ns.fragQueues.delete(q.key);
  for (const s of q.skbs) dropSkb(ns, s, DropReason.FRAG_REASM_TIMEOUT, 'fragments missing after 30 s', s.dev);
  // Only the first fragment carries enough to quote: without it no ICMP is sent.
  if (q.first) icmpSend(ns, q.first, IcmpType.TimeExceeded, IcmpTimeExceededCode.FragReassembly, 0);
}

/**
 * ip_fragment: split an IPv4 packet (at ETH_HLEN in skb.data) into fragments that fit `mtu`.
 * Each fragment's payload, but the last, is a multiple of 8 bytes.
 */
export function ipFragment(ns: NetNs, skb: Skb, mtu: number): Skb[] {
  const d = skb.data;
  const hl = ipv4HeaderLength(d, ETH_HLEN);
  const tl = ipv4TotalLength(d, ETH_HLEN);
  const payload = d.subarray(ETH_HLEN + hl, ETH_HLEN + tl);
  const { mf: origMf, offset: origOff } = fragInfo(d);
  const chunk = Math.floor((mtu - hl) / 8) * 8;
  const out: Skb[] = [];
  for (let pos = 0; pos < payload.length; pos += chunk) {
    const len = Math.min(chunk, payload.length - pos);
    const last = pos + len >= payload.length;
    const f = new Uint8Array(ETH_HLEN + hl + len);
    f.set(d.subarray(0, ETH_HLEN + hl), 0);
    f.set(payload.subarray(pos, pos + len), ETH_HLEN + hl);
    const total = hl + len;
    f[ETH_HLEN + Ipv4Field.LENGTH] = total >> 8;
    f[ETH_HLEN + Ipv4Field.LENGTH + 1] = total & 255;
    const off8 = (origOff + pos) / 8;
    const mf = !last || origMf;
    const flags = (mf ? 0x2000 : 0) | off8;
    f[ETH_HLEN + Ipv4Field.FLG_OFF] = flags >> 8;
    f[ETH_HLEN + Ipv4Field.FLG_OFF + 1] = flags & 255;
    recomputeIpv4Checksum(f, ETH_HLEN);
    const s = ns.kernel.newSkb(f, skb.id);
    s.mark = skb.mark;
    out.push(s);
  }
  return out;
}

export function fragKeyOf(src: Ipv4, dst: Ipv4, id: number, proto: number): string {
  return `${src}/${dst}/${id}/${proto}`;
}
