import type { Ipv4 } from '../addr/ipv4.ts';

/**
 * The rule model shared by the `iptables` command and the packet path: what a rule matches
 * and what it does, as iptables' own structures (ipt_entry + matches + target) hold it.
 * Matches keep the order they were given in, so `iptables -S` prints them back the same way.
 */

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

export type BuiltinChainName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** The built-in chains of each table, in the order `iptables -L` lists them. */
export const BUILTIN_CHAINS: Record<TableName, readonly BuiltinChainName[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** `-s 10.0.0.0/8`, `! -d 1.2.3.4`. */
export interface AddrMatch {
  addr: Ipv4;
  len: number;
  invert: boolean;
}

/** `-i eth0`, `-o veth+` (a trailing + matches any suffix), `! -i lo`. */
export interface IfaceMatch {
  name: string;
  /** The name ended with `+`: `name` holds the prefix. */
  wildcard: boolean;
  invert: boolean;
}

export interface PortRange {
  lo: number;
  hi: number;
}

export interface PortMatch {
  range: PortRange;
  invert: boolean;
}

/** Conntrack status bits `--ctstatus` can test, in libxt_conntrack's printing order. */
export type CtStatusName = 'EXPECTED' | 'SEEN_REPLY' | 'ASSURED' | 'CONFIRMED';

export type CtStateName = 'INVALID' | 'NEW' | 'ESTABLISHED' | 'RELATED' | 'UNTRACKED' | 'SNAT' | 'DNAT';
export type AddrTypeName = 'UNSPEC' | 'UNICAST' | 'LOCAL' | 'BROADCAST' | 'ANYCAST' | 'MULTICAST' | 'BLACKHOLE' | 'UNREACHABLE' | 'PROHIBIT' | 'THROW' | 'NAT' | 'XRESOLVE';

export type Match =
  | { kind: 'tcp'; sport?: PortMatch; dport?: PortMatch; flags?: { mask: number; comp: number; invert: boolean }; option?: { num: number; invert: boolean } }
  | { kind: 'udp'; sport?: PortMatch; dport?: PortMatch }
  | { kind: 'icmp'; icmpType?: { type: number; code: number | null; invert: boolean; name: string } }
  | { kind: 'multiport'; dir: 'sports' | 'dports' | 'ports'; ports: PortRange[]; invert: boolean }
  | {
      kind: 'conntrack';
      ctstate?: { states: CtStateName[]; invert: boolean };
      ctproto?: { num: number; invert: boolean };
      ctorigsrc?: AddrMatch;
      ctorigdst?: AddrMatch;
      ctreplsrc?: AddrMatch;
      ctrepldst?: AddrMatch;
      ctstatus?: { statuses: CtStatusName[]; invert: boolean };
      ctorigsrcport?: PortMatch;
      ctorigdstport?: PortMatch;
      ctreplsrcport?: PortMatch;
      ctrepldstport?: PortMatch;
      ctexpire?: { lo: number; hi: number; invert: boolean };
      ctdir?: 'ORIGINAL' | 'REPLY';
    }
  /** `-m connmark --mark V[/M]`: the connection's mark. */
  | { kind: 'connmark'; value: number; mask: number; invert: boolean }
  /** `-m length --length LO[:HI]`: the IP total length. */
  | { kind: 'length'; lo: number; hi: number; invert: boolean }
  | { kind: 'state'; states: CtStateName[]; invert: boolean }
  | { kind: 'addrtype'; srcType?: { types: AddrTypeName[]; invert: boolean }; dstType?: { types: AddrTypeName[]; invert: boolean }; limitIfaceIn?: boolean; limitIfaceOut?: boolean }
  | { kind: 'comment'; comment: string }
  | { kind: 'mark'; value: number; mask: number; invert: boolean }
  /** `-m ipvs --ipvs`: the packet was handled by IPVS (skb->ipvs_property). */
  | { kind: 'ipvs'; invert: boolean }
  | { kind: 'physdev'; physdevIn?: IfaceMatch; physdevOut?: IfaceMatch; isIn?: { invert: boolean }; isOut?: { invert: boolean }; isBridged?: { invert: boolean } };

export type RejectWith =
  | 'icmp-net-unreachable'
  | 'icmp-host-unreachable'
  | 'icmp-port-unreachable'
  | 'icmp-proto-unreachable'
  | 'icmp-net-prohibited'
  | 'icmp-host-prohibited'
  | 'icmp-admin-prohibited'
  | 'tcp-reset';

/** A NAT target's range: `--to-destination 10.0.0.2[-10.0.0.9][:80[-90]]`. */
export interface NatRange {
  minAddr: Ipv4 | null;
  maxAddr: Ipv4 | null;
  ports: PortRange | null;
}

export type Target =
  | { kind: 'ACCEPT' }
  | { kind: 'DROP' }
  | { kind: 'RETURN' }
  /** `-j CHAIN` (jump) or `-g CHAIN` (goto: do not come back here). */
  | { kind: 'jump'; chain: string; goto: boolean }
  | { kind: 'REJECT'; with: RejectWith }
  | { kind: 'LOG'; prefix: string | null; level: number | null; flags?: number }
  /** NFLOG hands the packet to a netlink group (nothing listens in the simulator). */
  | { kind: 'NFLOG'; group: number; prefix: string | null; range: number | null; threshold: number | null }
  /** ULOG passes the parser but nf_tables has no such expression: the commit fails. */
  | { kind: 'ULOG' }
  /** CONNMARK: set ct mark = (ctmark & ~ctmask) ^ value; save/restore copy between packet and connection. */
  | { kind: 'CONNMARK'; mode: 'set' | 'save' | 'restore'; value: number; ctmask: number; nfmask: number }
  /** CT with options other than --notrack (a conntrack zone); only the zone is kept. */
  | { kind: 'CT'; zone: number }
  | { kind: 'DNAT'; to: NatRange; random?: boolean; persistent?: boolean }
  | { kind: 'SNAT'; to: NatRange; random?: boolean; randomFully?: boolean; persistent?: boolean }
  | { kind: 'MASQUERADE'; toPorts: PortRange | null }
  | { kind: 'REDIRECT'; toPorts: PortRange | null }
  | { kind: 'MARK'; op: 'set' | 'xset' | 'and' | 'or' | 'xor'; value: number; mask: number }
  | { kind: 'TRACE' }
  | { kind: 'NOTRACK' };

/** Everything a rule says, without its counters: what `-D` and `-C` compare. */
export interface RuleSpec {
  src: AddrMatch | null;
  dst: AddrMatch | null;
  in: IfaceMatch | null;
  out: IfaceMatch | null;
  /** `-p`: 0 for `all`; `name` as typed (tcp, udp, icmp, all, or a number). */
  proto: { num: number; name: string; invert: boolean } | null;
  /** `-f` / `! -f`: second and later fragments. */
  fragment: { invert: boolean } | null;
  matches: Match[];
  /** No target: the rule only counts. */
  target: Target | null;
}

export interface Rule extends RuleSpec {
  packets: number;
  bytes: number;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains have none. */
  policy: 'ACCEPT' | 'DROP' | null;
  /** Counters of the policy (packets that fell off the end of a built-in chain). */
  packets: number;
  bytes: number;
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /** Built-in chains first in their fixed order, then user chains in creation order. */
  chains: Map<string, Chain>;
}

export function emptyRuleSpec(): RuleSpec {
  return { src: null, dst: null, in: null, out: null, proto: null, fragment: null, matches: [], target: null };
}

/** Structural equality of two specs (counters aside), as iptables compares rules for -D and -C. */
export function sameRuleSpec(a: RuleSpec, b: RuleSpec): boolean {
  return canonical(specOf(a)) === canonical(specOf(b));
}

function specOf(s: RuleSpec): unknown {
  return {
    src: s.src,
    dst: s.dst,
    in: s.in,
    out: s.out,
    proto: s.proto ? { num: s.proto.num, invert: s.proto.invert } : null,
    fragment: s.fragment,
    matches: s.matches,
    target: s.target,
  };
}

/** JSON with object keys sorted, so the order fields were set in does not matter. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
