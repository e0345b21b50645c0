import { type Ipv4, formatIpv4, prefixMask } from '../addr/ipv4.ts';
import { formatMac, readMac } from '../addr/mac.ts';
import type { NetDevice } from '../net/device.ts';
import { icmpSend } from '../net/icmp.ts';
import { ipDefrag, isFragment } from '../net/ip-fragment.ts';
import { nfRegisterHook } from '../net/netfilter-hooks.ts';
import { NfHook, type NetNs, type NfHookState, type NfVerdict } from '../net/netns.ts';
import type { Skb } from '../net/skb.ts';
import { IpProto } from '../wire/ipv4.ts';
import { parseTcp } from '../wire/tcp.ts';
import { tcpSendReset } from '../socket/tcp.ts';
import { ConntrackTable, type SkbCt, conntrackIn } from './conntrack.ts';
import { manipOfHook, masqueradeAddress, natPacket, natSetup } from './nat.ts';
import { type PacketInfo, readPacket } from './packet.ts';
import type { AddrMatch, AddrTypeName, Chain, CtStateName, IfaceMatch, Match, PortMatch, RejectWith, Rule, RuleSpec, Table, TableName } from './rules.ts';

/**
 * Where netfilter sits in the IPv4 path: every function registered on a hook, by the
 * kernel's priority numbers (include/uapi/linux/netfilter_ipv4.h). Lower runs first.
 *
 *   in ──► PREROUTING ──► routing ──► FORWARD ──────────────► POSTROUTING ──► out
 *          defrag -400                mangle -150              mangle -150
 *          raw -300                   filter 0                 nat SNAT 100
 *          conntrack -200                                      confirm (last)
 *          mangle -150       │                          ▲
 *          nat DNAT -100     ▼                          │
 *                          INPUT                      OUTPUT ◄── local process
 *                          mangle -150                defrag -400, raw -300
 *                          filter 0                   conntrack -200, mangle -150
 *                          nat SNAT 100               nat DNAT -100, filter 0
 *                          confirm (last)
 *                            │
 *                            ▼ local process
 */
const NF_IP_PRI = { DEFRAG: -400, RAW: -300, CONNTRACK: -200, MANGLE: -150, NAT_DST: -100, FILTER: 0, NAT_SRC: 100, CONNTRACK_CONFIRM: 2 ** 31 - 1 } as const;

type OpKind = TableName | 'defrag' | 'conntrack' | 'confirm';

const HOOK_OPS: readonly [NfHook, number, OpKind][] = [
  [NfHook.PRE_ROUTING, NF_IP_PRI.DEFRAG, 'defrag'],
  [NfHook.PRE_ROUTING, NF_IP_PRI.RAW, 'raw'],
  [NfHook.PRE_ROUTING, NF_IP_PRI.CONNTRACK, 'conntrack'],
  [NfHook.PRE_ROUTING, NF_IP_PRI.MANGLE, 'mangle'],
  [NfHook.PRE_ROUTING, NF_IP_PRI.NAT_DST, 'nat'],
  [NfHook.LOCAL_IN, NF_IP_PRI.MANGLE, 'mangle'],
  [NfHook.LOCAL_IN, NF_IP_PRI.FILTER, 'filter'],
  [NfHook.LOCAL_IN, NF_IP_PRI.NAT_SRC, 'nat'],
  [NfHook.LOCAL_IN, NF_IP_PRI.CONNTRACK_CONFIRM, 'confirm'],
  [NfHook.FORWARD, NF_IP_PRI.MANGLE, 'mangle'],
  [NfHook.FORWARD, NF_IP_PRI.FILTER, 'filter'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.DEFRAG, 'defrag'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.RAW, 'raw'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.CONNTRACK, 'conntrack'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.MANGLE, 'mangle'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.NAT_DST, 'nat'],
  [NfHook.LOCAL_OUT, NF_IP_PRI.FILTER, 'filter'],
  [NfHook.POST_ROUTING, NF_IP_PRI.MANGLE, 'mangle'],
  [NfHook.POST_ROUTING, NF_IP_PRI.NAT_SRC, 'nat'],
  [NfHook.POST_ROUTING, NF_IP_PRI.CONNTRACK_CONFIRM, 'confirm'],
];

/** Per-namespace netfilter state: the iptables tables and the conntrack table. */
export class Netfilter {
  readonly tables = new Map<TableName, Table>();
  readonly conntrack: ConntrackTable;
  /** Conntrack runs once something needs it: a nat table, or a rule matching on state. */
  conntrackOn = false;
  private registered = false;

  constructor(readonly ns: NetNs) {
    this.conntrack = new ConntrackTable(ns);
  }

  tablesChanged(): void {
    if (this.tables.has('nat')) this.conntrackOn = true;
    if (this.registered) return;
    this.registered = true;
    for (const [hook, priority, kind] of HOOK_OPS) {
      nfRegisterHook(this.ns, hook, { priority, name: kind, fn: (ns, skb, state) => this.run(kind, skb, state) });
    }
  }

  rulesChanged(spec: RuleSpec): void {
    // Loading xt_conntrack, xt_state, xt_connmark or xt_CONNMARK pulls in nf_conntrack.
    if (spec.matches.some((m) => m.kind === 'conntrack' || m.kind === 'state' || m.kind === 'connmark')) this.conntrackOn = true;
    if (spec.target?.kind === 'CONNMARK') this.conntrackOn = true;
  }

  private run(kind: OpKind, skb: Skb, state: NfHookState): NfVerdict {
    switch (kind) {
      case 'defrag':
        return this.conntrackOn ? defrag(this.ns, skb) : 'accept';
      case 'conntrack':
        if (this.conntrackOn) conntrackIn(this.conntrack, skb);
        return 'accept';
      case 'confirm': {
        const sct = skb.ct as SkbCt | null;
        if (sct?.entry && !sct.entry.confirmed) this.conntrack.confirm(sct.entry);
        return 'accept';
      }
      case 'nat':
        return this.natHook(skb, state);
      default: {
        const t = this.tables.get(kind);
        return t ? ipDoTable(this.ns, t, skb, state) : 'accept';
      }
    }
  }

  /** nf_nat_ipv4_fn: the nat table sees only a connection's first packet; all get rewritten. */
  private natHook(skb: Skb, state: NfHookState): NfVerdict {
    const sct = skb.ct as SkbCt | null;
    if (!sct || !sct.entry) return 'accept';
    const e = sct.entry;
    const manip = manipOfHook(state.hook);
    const done = manip === 'src' ? e.srcNatDone : e.dstNatDone;
    if (sct.info === 'NEW' && !e.confirmed && !done) {
      const t = this.tables.get('nat');
      const v = t ? ipDoTable(this.ns, t, skb, state) : 'accept';
      if (v !== 'accept') return v;
      // No NAT rule matched: a null binding, so the decision is not taken again.
      if (manip === 'src') e.srcNatDone = true;
      else e.dstNatDone = true;
    }
    natPacket(skb, manip);
    return 'accept';
  }
}

export function ensureNetfilter(ns: NetNs): Netfilter {
  let nf = ns.netfilter as Netfilter | null;
  if (!nf) {
    nf = new Netfilter(ns);
    ns.netfilter = nf;
  }
  return nf;
}

function defrag(ns: NetNs, skb: Skb): NfVerdict {
  if (!isFragment(skb.data)) return 'accept';
  const whole = ipDefrag(ns, skb);
  if (!whole) return 'stolen';
  // Continue with the whole datagram in place of its last fragment.
  skb.data = whole.data;
  return 'accept';
}

// ---- rule evaluation ------------------------------------------------------------------

/** The facts a rule can test, gathered once per table traversal. */
interface MatchContext {
  ns: NetNs;
  skb: Skb;
  p: PacketInfo;
  in: NetDevice | null;
  out: NetDevice | null;
  physIn: NetDevice | null;
  physOut: NetDevice | null;
  bridged: boolean;
}

function ifaceMatches(m: IfaceMatch, dev: NetDevice | null): boolean {
  const name = dev?.name ?? '';
  const hit = m.wildcard ? name.startsWith(m.name) && dev !== null : name === m.name;
  return hit !== m.invert;
}

function addrMatches(m: AddrMatch, a: Ipv4): boolean {
  const mask = prefixMask(m.len);
  return (((a & mask) >>> 0) === ((m.addr & mask) >>> 0)) !== m.invert;
}

function portMatches(m: PortMatch | undefined, port: number): boolean {
  if (!m) return true;
  return (port >= m.range.lo && port <= m.range.hi) !== m.invert;
}

/** tcp_find_option: walk the TCP options looking for one kind. */
function tcpHasOption(d: Uint8Array, t: number, kind: number): boolean {
  if (d.length < t + 20) return false;
  const end = Math.min(d.length, t + (d[t + 12] >> 4) * 4);
  for (let i = t + 20; i < end; ) {
    const k = d[i];
    if (k === kind) return true;
    if (k === 0) return false;
    if (k === 1) {
      i++;
      continue;
    }
    const len = d[i + 1];
    if (!len || len < 2) return false;
    i += len;
  }
  return false;
}

function ctStateOf(skb: Skb): CtStateName {
  const sct = skb.ct as SkbCt | null;
  if (!sct) return 'INVALID';
  return sct.info;
}

function addrType(ns: NetNs, a: Ipv4): AddrTypeName {
  if (a === 0xffffffff) return 'BROADCAST';
  if (a >>> 28 === 0xe) return 'MULTICAST';
  const r = ns.fib.lookup(a);
  if (!r) return 'UNREACHABLE';
  switch (r.type) {
    case 'local':
      return 'LOCAL';
    case 'broadcast':
      return 'BROADCAST';
    case 'blackhole':
      return 'BLACKHOLE';
    case 'unreachable':
      return 'UNREACHABLE';
    case 'prohibit':
      return 'PROHIBIT';
    default:
      return 'UNICAST';
  }
}

function matchOne(m: Match, c: MatchContext): boolean {
  const p = c.p;
  switch (m.kind) {
    case 'tcp':
      if (p.proto !== IpProto.TCP || p.fragOff !== 0) return false;
      if (m.flags && ((p.tcpFlags & m.flags.mask) === m.flags.comp) === m.flags.invert) return false;
      if (m.option && tcpHasOption(c.skb.data, p.off + p.hl, m.option.num) === m.option.invert) return false;
      return portMatches(m.sport, p.sport) && portMatches(m.dport, p.dport);
    case 'udp':
      if (p.proto !== IpProto.UDP || p.fragOff !== 0) return false;
      return portMatches(m.sport, p.sport) && portMatches(m.dport, p.dport);
    case 'icmp': {
      if (p.proto !== IpProto.ICMP || p.fragOff !== 0) return false;
      if (!m.icmpType) return true;
      const t = m.icmpType;
      const hit = t.type === 255 || (p.icmpType === t.type && (t.code === null || p.icmpCode === t.code));
      return hit !== t.invert;
    }
    case 'multiport': {
      if ((p.proto !== IpProto.TCP && p.proto !== IpProto.UDP) || p.fragOff !== 0) return false;
      const inRanges = (port: number): boolean => m.ports.some((r) => port >= r.lo && port <= r.hi);
      const hit = m.dir === 'dports' ? inRanges(p.dport) : m.dir === 'sports' ? inRanges(p.sport) : inRanges(p.sport) || inRanges(p.dport);
      return hit !== m.invert;
    }
    case 'conntrack': {
      const sct = c.skb.ct as SkbCt | null;
      if (m.ctstate) {
        const st = ctStateOf(c.skb);
        const states = new Set<string>(m.ctstate.states);
        let hit = states.has(st);
        if (!hit && sct?.entry) hit = (states.has('SNAT') && sct.entry.srcNat) || (states.has('DNAT') && sct.entry.dstNat);
        if (hit === m.ctstate.invert) return false;
      }
      const e = sct?.entry;
      if (m.ctproto && (!e || (e.orig.proto === m.ctproto.num) === m.ctproto.invert)) return false;
      if (m.ctorigdst && (!e || !addrMatches(m.ctorigdst, e.orig.dst))) return false;
      if (m.ctorigsrc && (!e || !addrMatches(m.ctorigsrc, e.orig.src))) return false;
      if (m.ctreplsrc && (!e || !addrMatches(m.ctreplsrc, e.reply.src))) return false;
      if (m.ctrepldst && (!e || !addrMatches(m.ctrepldst, e.reply.dst))) return false;
      if (m.ctstatus) {
        const has = (st: string): boolean => !!e && (st === 'ASSURED' ? e.assured : st === 'SEEN_REPLY' ? e.seenReply : st === 'CONFIRMED' ? e.confirmed : false);
        if (m.ctstatus.statuses.some(has) === m.ctstatus.invert) return false;
      }
      if (m.ctorigsrcport && (!e || !portMatches(m.ctorigsrcport, e.orig.sport))) return false;
      if (m.ctorigdstport && (!e || !portMatches(m.ctorigdstport, e.orig.dport))) return false;
      if (m.ctreplsrcport && (!e || !portMatches(m.ctreplsrcport, e.reply.sport))) return false;
      if (m.ctrepldstport && (!e || !portMatches(m.ctrepldstport, e.reply.dport))) return false;
      if (m.ctexpire) {
        const left = e ? Math.max(0, Math.floor((e.expires - c.ns.kernel.now) / 1e9)) : 0;
        if (!e || (left >= m.ctexpire.lo && left <= m.ctexpire.hi) === m.ctexpire.invert) return false;
      }
      if (m.ctdir && (!sct || (sct.dir === 'orig') !== (m.ctdir === 'ORIGINAL'))) return false;
      return true;
    }
    case 'state':
      return m.states.includes(ctStateOf(c.skb)) !== m.invert;
    case 'addrtype': {
      // --limit-iface-in/out: inet_dev_addr_type, the type as seen from that device only (an
      // address of another interface is not LOCAL there).
      const dev = m.limitIfaceIn ? c.in : m.limitIfaceOut ? c.out : null;
      const typeOf = (a: Ipv4): AddrTypeName => {
        const t = addrType(c.ns, a);
        return dev && t === 'LOCAL' && !dev.addrs.some((x) => x.addr === a) ? 'UNICAST' : t;
      };
      if (m.srcType && m.srcType.types.includes(typeOf(p.src)) === m.srcType.invert) return false;
      if (m.dstType && m.dstType.types.includes(typeOf(p.dst)) === m.dstType.invert) return false;
      return true;
    }
    case 'comment':
      return true;
    case 'mark':
      return (((c.skb.mark & m.mask) >>> 0) === m.value) !== m.invert;
    case 'connmark': {
      const e = (c.skb.ct as SkbCt | null)?.entry;
      if (!e) return false;
      return (((e.mark & m.mask) >>> 0) === m.value) !== m.invert;
    }
    case 'length':
      return (p.len >= m.lo && p.len <= m.hi) !== m.invert;
    case 'ipvs':
      return c.skb.ipvs !== m.invert;
    case 'physdev': {
      if (m.physdevIn && !ifaceMatches(m.physdevIn, c.physIn)) return false;
      if (m.physdevOut && !ifaceMatches(m.physdevOut, c.physOut)) return false;
      if (m.isIn && (c.physIn !== null) === m.isIn.invert) return false;
      if (m.isOut && (c.physOut !== null) === m.isOut.invert) return false;
      if (m.isBridged && c.bridged === m.isBridged.invert) return false;
      return true;
    }
  }
}

function ruleMatches(r: RuleSpec, c: MatchContext): boolean {
  const p = c.p;
  if (r.src && !addrMatches(r.src, p.src)) return false;
  if (r.dst && !addrMatches(r.dst, p.dst)) return false;
  if (r.in && !ifaceMatches(r.in, c.in)) return false;
  if (r.out && !ifaceMatches(r.out, c.out)) return false;
  if (r.proto && r.proto.num !== 0 && (p.proto === r.proto.num) === r.proto.invert) return false;
  if (r.proto && r.proto.num === 0 && r.proto.invert) return false;
  if (r.fragment && (p.fragOff !== 0) === r.fragment.invert) return false;
  for (const m of r.matches) if (!matchOne(m, c)) return false;
  return true;
}

const REJECT_CODE: Record<Exclude<RejectWith, 'tcp-reset'>, number> = {
  'icmp-net-unreachable': 0,
  'icmp-host-unreachable': 1,
  'icmp-proto-unreachable': 2,
  'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9,
  'icmp-host-prohibited': 10,
  'icmp-admin-prohibited': 13,
};

/** ipt_REJECT: answer with an ICMP error or a TCP reset, then drop. */
function reject(ns: NetNs, skb: Skb, how: RejectWith): void {
  if (how === 'tcp-reset') {
    const d = skb.data;
    const p = readPacket(d);
    if (p.proto !== IpProto.TCP || p.fragOff !== 0) return;
    const seg = parseTcp(d, p.off + p.hl, p.len - p.hl, p.src, p.dst);
    if (typeof seg === 'string') return;
    tcpSendReset(ns, p.src, p.dst, seg);
    return;
  }
  icmpSend(ns, skb, 3, REJECT_CODE[how], 0);
}

interface Frame {
  chain: Chain;
  next: number;
}

/** The kernel log (what `dmesg` shows): LOG and TRACE lines, with the virtual time. */
export function kernelLog(ns: NetNs, text: string): void {
  ns.kernel.log.push({ t: ns.kernel.now, text });
}

/** The part of a LOG / TRACE line after the prefix (nf_log_ip_packet's format). */
export function formatLogPacket(skb: Skb, inDev: NetDevice | null, outDev: NetDevice | null): string {
  const d = skb.data;
  const p = readPacket(d);
  const parts = [`IN=${inDev?.name ?? ''}`, `OUT=${outDev?.name ?? ''}`];
  if (inDev) parts.push(`MAC=${formatMac(readMac(d, 0))}:${formatMac(readMac(d, 6))}:${d[12].toString(16).padStart(2, '0')}:${d[13].toString(16).padStart(2, '0')}`);
  const id = (d[p.off + 4] << 8) | d[p.off + 5];
  const tos = d[p.off + 1];
  parts.push(`SRC=${formatIpv4(p.src)}`, `DST=${formatIpv4(p.dst)}`, `LEN=${p.len}`, `TOS=0x${tos.toString(16).padStart(2, '0').toUpperCase()}`, `PREC=0x${(tos & 0xe0).toString(16).padStart(2, '0').toUpperCase()}`, `TTL=${p.ttl}`, `ID=${id}`);
  if (d[p.off + 6] & 0x40) parts.push('DF');
  if (p.fragOff) parts.push(`FRAG:${p.fragOff / 8}`);
  if (p.proto === IpProto.TCP) {
    parts.push('PROTO=TCP', `SPT=${p.sport}`, `DPT=${p.dport}`, `WINDOW=${(d[p.off + p.hl + 14] << 8) | d[p.off + p.hl + 15]}`, 'RES=0x00');
    const names: [number, string][] = [[32, 'URG'], [16, 'ACK'], [8, 'PSH'], [4, 'RST'], [2, 'SYN'], [1, 'FIN']];
    for (const [bit, n] of names) if (p.tcpFlags & bit) parts.push(n);
    parts.push('URGP=0');
  } else if (p.proto === IpProto.UDP) {
    parts.push('PROTO=UDP', `SPT=${p.sport}`, `DPT=${p.dport}`, `LEN=${p.len - p.hl}`);
  } else if (p.proto === IpProto.ICMP) {
    parts.push('PROTO=ICMP', `TYPE=${p.icmpType}`, `CODE=${p.icmpCode}`);
    if (p.icmpType === 0 || p.icmpType === 8) parts.push(`ID=${p.icmpId}`, `SEQ=${(d[p.off + p.hl + 6] << 8) | d[p.off + p.hl + 7]}`);
  } else parts.push(`PROTO=${p.proto}`);
  return parts.join(' ') + ' ';
}

/**
 * ipt_do_table: walk the hook's chain of this table. Jumps push a return point, gotos do
 * not, RETURN pops; the end of a built-in chain applies its policy.
 */
export function ipDoTable(ns: NetNs, t: Table, skb: Skb, state: NfHookState): NfVerdict {
  const start = t.chains.get(state.hook);
  if (!start) return 'accept';
  const bridged = state.bridged;
  const c: MatchContext = {
    ns,
    skb,
    p: readPacket(skb.data),
    in: state.in,
    out: state.out,
    physIn: state.physIn ?? null,
    physOut: state.physOut ?? null,
    bridged,
  };
  const k = ns.kernel;
  const tracing = k.trace !== null;
  const trace = (chain: string, rule: number, verdict: string): void => {
    if (tracing) k.emit({ type: 'nf', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, hook: state.hook, table: t.name, chain, rule, verdict });
    if (skb.nftrace) kernelLog(ns, `TRACE: ${t.name}:${chain}:${rule === 0 ? (chain === start.name ? 'policy' : 'return') : 'rule'}:${rule === 0 ? ruleCountOf(t, chain) + 1 : rule} ${formatLogPacket(skb, state.in, state.out)}`);
  };
  const stack: Frame[] = [];
  let chain = start;
  let i = 0;
  const len = c.p.len;
  for (;;) {
    if (i >= chain.rules.length) {
      if (chain === start || (stack.length === 0 && chain.policy !== null)) {
        start.packets++;
        start.bytes += len;
        const verdict = start.policy === 'DROP' ? 'drop' : 'accept';
        trace(start.name, 0, `policy ${start.policy}`);
        return verdict;
      }
      const back = stack.pop();
      trace(chain.name, 0, 'return');
      if (!back) {
        // A goto'd chain ran out: the built-in chain's policy decides.
        chain = start;
        i = start.rules.length;
        continue;
      }
      chain = back.chain;
      i = back.next;
      continue;
    }
    const r: Rule = chain.rules[i];
    if (!ruleMatches(r, c)) {
      if (tracing) k.emit({ type: 'nf', t: k.now, ns: ns.label, pkt: skb.id, parent: skb.parent, hook: state.hook, table: t.name, chain: chain.name, rule: i + 1, verdict: 'no match' });
      i++;
      continue;
    }
    r.packets++;
    r.bytes += len;
    const target = r.target;
    if (target === null) {
      trace(chain.name, i + 1, 'match (no target)');
      i++;
      continue;
    }
    trace(chain.name, i + 1, target.kind === 'jump' ? `${target.goto ? 'goto' : 'jump'} ${target.chain}` : target.kind);
    switch (target.kind) {
      case 'ACCEPT':
        return 'accept';
      case 'DROP':
        return 'drop';
      case 'RETURN': {
        const back = stack.pop();
        if (!back) {
          if (chain === start) {
            i = chain.rules.length;
            continue;
          }
          chain = start;
          i = start.rules.length;
          continue;
        }
        chain = back.chain;
        i = back.next;
        continue;
      }
      case 'jump': {
        const dest = t.chains.get(target.chain);
        if (!dest) {
          i++;
          continue;
        }
        if (!target.goto) stack.push({ chain, next: i + 1 });
        chain = dest;
        i = 0;
        continue;
      }
      case 'REJECT':
        skb.rejected = true;
        reject(ns, skb, target.with);
        return 'drop';
      case 'LOG':
        if (ns.name === '' || ns.kernel.root.sysctl.get('net.netfilter.nf_log_all_netns') === '1') kernelLog(ns, `${target.prefix ?? ''}${formatLogPacket(skb, state.in, state.out)}`);
        i++;
        continue;
      case 'MARK': {
        const m = skb.mark >>> 0;
        const v = target.value >>> 0;
        skb.mark = (target.op === 'set' ? v : target.op === 'xset' ? (m & ~target.mask) ^ v : target.op === 'and' ? m & v : target.op === 'or' ? m | v : m ^ v) >>> 0;
        i++;
        continue;
      }
      case 'NFLOG':
      case 'ULOG':
      case 'CT':
        // No netlink listener is modelled; a CT zone is accepted but every zone shares one table.
        i++;
        continue;
      case 'CONNMARK': {
        const e = (skb.ct as SkbCt | null)?.entry;
        if (e) {
          if (target.mode === 'set') e.mark = ((e.mark & ~target.ctmask) ^ target.value) >>> 0;
          else if (target.mode === 'save') e.mark = ((e.mark & ~target.ctmask) ^ (skb.mark & target.nfmask)) >>> 0;
          else skb.mark = ((skb.mark & ~target.nfmask) ^ (e.mark & target.ctmask)) >>> 0;
        }
        i++;
        continue;
      }
      case 'TRACE':
        skb.nftrace = true;
        i++;
        continue;
      case 'NOTRACK':
        skb.ct = { entry: null, dir: 'orig', info: 'UNTRACKED' } satisfies SkbCt;
        i++;
        continue;
      case 'DNAT':
      case 'SNAT':
      case 'MASQUERADE':
      case 'REDIRECT':
        return applyNatTarget(ns, skb, state, target) ? 'accept' : 'drop';
    }
  }
}

function ruleCountOf(t: Table, chain: string): number {
  return t.chains.get(chain)?.rules.length ?? 0;
}

/** Returns false when the binding clashes with another connection (the packet is dropped). */
function applyNatTarget(ns: NetNs, skb: Skb, state: NfHookState, target: Extract<RuleSpec['target'], { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' }>): boolean {
  const sct = skb.ct as SkbCt | null;
  if (!sct?.entry) return true;
  const nf = ensureNetfilter(ns);
  const e = sct.entry;
  switch (target.kind) {
    case 'DNAT':
      return natSetup(nf.conntrack, e, 'dst', target.to);
    case 'SNAT':
      return natSetup(nf.conntrack, e, 'src', target.to);
    case 'MASQUERADE': {
      if (!state.out) return true;
      const a = masqueradeAddress(state.out, e.orig.dst);
      if (a === null) return true;
      return natSetup(nf.conntrack, e, 'src', { minAddr: a, maxAddr: a, ports: target.toPorts });
    }
    case 'REDIRECT': {
      // To the primary address of the incoming interface, or 127.0.0.1 for local traffic.
      const a = state.in ? (state.in.addrs.find((x) => !x.secondary)?.addr ?? null) : (0x7f000001 as Ipv4);
      if (a === null) return true;
      return natSetup(nf.conntrack, e, 'dst', { minAddr: a, maxAddr: a, ports: target.toPorts });
    }
  }
}
