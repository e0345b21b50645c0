/**
 * How iptables 1.8.9 shows rules: the `-L` table (print_firewall and each extension's
 * print), the `-S`/iptables-save form (each extension's save), and the one-line form
 * `-v` prints for a rule being added or deleted. Column widths, stray spaces and the
 * nf_tables backend's quirks (protocol numbers under -n, "CT" for NOTRACK) are kept.
 */
import { formatIpv4 } from '../../engine/addr/ipv4.ts';
import type { AddrMatch, Chain, IfaceMatch, Match, NatRange, PortMatch, PortRange, Rule, RuleSpec, Target } from '../../engine/netfilter/rules.ts';
import { ADDR_TYPES, icmpTypeName } from './matches.ts';
import { type HostsDb, LOG_LEVEL_NAMES, TCP_FLAGS, hostsDb, networkName, protocolName, serviceName } from './names.ts';

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  /** The one-line form of `-v -A ...` (FMT_NOTABLE): no padding, labels instead of columns. */
  notable?: boolean;
  /** The machine's /etc/hosts, for names of addresses. */
  hosts?: HostsDb;
}

const defaultHosts = hostsDb();

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

/** xtables_print_num: exact, or rounded to K/M/G/T so it fits five columns. */
export function printNum(n: number, exact: boolean, notable = false): string {
  if (exact) return notable ? `${n} ` : `${lpad(String(n), 8)} `;
  if (n <= 99999) return notable ? `${n} ` : `${lpad(String(n), 5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return notable ? `${v}${unit} ` : `${lpad(String(v), 4)}${unit} `;
  }
  v = Math.floor((v + 500) / 1000);
  return notable ? `${v}T ` : `${lpad(String(v), 4)}T `;
}

function maskSuffix(len: number): string {
  return len === 32 ? '' : `/${len}`;
}

/** xtables_ipaddr_to_anyname: /etc/hosts, then /etc/networks, else the number. */
function anyName(addr: number, hosts: HostsDb): string {
  return hosts.byAddr(addr) ?? networkName(addr) ?? formatIpv4(addr);
}

/** A source or destination cell of `-L`: "anywhere", a name or an address, with its mask. */
function addrCell(a: AddrMatch | null, fmt: ListFormat): string {
  if (!a) return fmt.numeric ? '0.0.0.0/0' : 'anywhere';
  return (fmt.numeric ? formatIpv4(a.addr) : anyName(a.addr, fmt.hosts ?? defaultHosts)) + maskSuffix(a.len);
}

function ifaceName(i: IfaceMatch): string {
  return i.name + (i.wildcard ? '+' : '');
}

function ifaceCell(i: IfaceMatch | null, numeric: boolean): string {
  if (!i) return numeric ? '*' : 'any';
  return (i.invert ? '!' : '') + ifaceName(i);
}

/** The name in the target column: a verdict, a chain, or the extension (NOTRACK is CT in nf_tables). */
export function targetName(t: Target | null): string {
  if (!t) return '';
  if (t.kind === 'jump') return t.chain;
  if (t.kind === 'NOTRACK') return 'CT';
  return t.kind;
}

/** The prot column: `-n` shows numbers in iptables-nft 1.8.9, the one-line -v form names. */
function protoCell(spec: RuleSpec, fmt: ListFormat): string {
  const num = spec.proto?.num ?? 0;
  if (fmt.numeric && !fmt.notable) return String(num);
  if (num === 0) return 'all';
  return protocolName(num) ?? String(num);
}

/** One rule as `-L` prints it (nft_ipv4_print_rule). */
export function listRule(rule: Rule, num: number, fmt: ListFormat): string {
  const nt = fmt.notable ?? false;
  let line = '';
  if (fmt.lineNumbers) line += nt ? `${num} ` : `${pad(String(num), 4)} `;
  if (fmt.verbose && !nt) line += printNum(rule.packets, fmt.exact) + printNum(rule.bytes, fmt.exact);
  const target = targetName(rule.target);
  line += nt ? `${target} ` : `${pad(target, 9)} `;
  line += rule.proto?.invert ? '!' : ' ';
  const prot = protoCell(rule, fmt);
  line += nt ? `${prot} ` : `${pad(prot, 4)} `;
  if (nt) line += 'opt ';
  line += `${rule.fragment?.invert ? '!' : '-'}${rule.fragment ? 'f' : '-'} `;
  if (fmt.verbose) {
    const inCell = ifaceCell(rule.in, fmt.numeric);
    const outCell = ifaceCell(rule.out, fmt.numeric);
    line += nt ? `in ${inCell} out ${outCell} ` : ` ${pad(inCell, 6)} ${pad(outCell, 6)} `;
  }
  const src = addrCell(rule.src, fmt);
  const dst = addrCell(rule.dst, fmt);
  line += (rule.src?.invert ? '!' : ' ') + (nt ? `${src} ` : `${pad(src, 19)} `);
  line += (rule.dst?.invert ? '!' : ' ') + (nt ? `-> ${dst}` : `${pad(dst, 19)} `);
  if (nt) line += '  ';
  if (rule.target?.kind === 'jump' && rule.target.goto) line += '[goto] ';
  for (const m of rule.matches) line += printMatch(m, rule, fmt.numeric, fmt.hosts ?? defaultHosts);
  if (rule.target) line += printTarget(rule.target, fmt.numeric);
  return `${line}\n`;
}

/** The header of a chain in `-L`, its column titles included. */
export function listChainHeader(chain: Chain, refs: number, fmt: ListFormat): string {
  let out = `Chain ${chain.name}`;
  if (chain.policy) {
    out += ` (policy ${chain.policy}`;
    if (fmt.verbose) out += ` ${printNum(chain.packets, fmt.exact, true)}packets, ${printNum(chain.bytes, fmt.exact, true)}bytes`;
    out += ')\n';
  } else out += ` (${refs} references)\n`;
  if (fmt.lineNumbers) out += 'num  ';
  if (fmt.verbose) out += fmt.exact ? `${lpad('pkts', 8)} ${lpad('bytes', 10)} ` : `${lpad('pkts', 5)} ${lpad('bytes', 5)} `;
  out += `${pad('target', 9)} `;
  out += ' prot opt';
  if (fmt.verbose) out += ` ${pad('in', 6)} ${pad('out', 6)} `;
  out += ` ${pad('source', 19)} `;
  out += ` ${pad('destination', 19)} \n`;
  return out;
}

// ---------------------------------------------------------------- matches, -L form

function printPort(port: number, proto: 'tcp' | 'udp' | null, numeric: boolean): string {
  if (numeric || !proto) return String(port);
  return serviceName(port, proto) ?? String(port);
}

/** " spt:ssh", " dpts:1000:2000", " dpt:!80"; nothing for "any port". */
function printPorts(label: string, p: PortMatch | undefined, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (!p) return '';
  const { lo, hi } = p.range;
  if (lo === 0 && hi === 0xffff && !p.invert) return '';
  const inv = p.invert ? '!' : '';
  if (lo === hi) return ` ${label}:${inv}${printPort(lo, proto, numeric)}`;
  return ` ${label}s:${inv}${printPort(lo, proto, numeric)}:${printPort(hi, proto, numeric)}`;
}

function tcpFlagNames(bits: number): string {
  const names: string[] = [];
  let flags = bits;
  while (flags) {
    const f = TCP_FLAGS.find((t) => (flags & t.bit) !== 0) as (typeof TCP_FLAGS)[number];
    names.push(f.name);
    flags &= ~f.bit;
  }
  return names.length ? names.join(',') : 'NONE';
}

const hex2 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

function printIcmp(icmpType: Extract<Match, { kind: 'icmp' }>['icmpType'], numeric: boolean): string {
  if (!icmpType) return ' icmp';
  const { type, code, invert } = icmpType;
  const name = numeric ? null : icmpTypeName(type, code);
  if (name) return ` icmp ${invert ? '!' : ''}${name}`;
  // libxt_icmp prints "type" right after "icmp", with no space unless inverted.
  return ` icmp${invert ? ' !' : ''}type ${type}${code !== null ? ` code ${code}` : ''}`;
}

function portProto(rule: RuleSpec): 'tcp' | 'udp' | null {
  const n = rule.proto?.num;
  return n === 6 ? 'tcp' : n === 17 ? 'udp' : null;
}

function printAddrAny(a: AddrMatch, numeric: boolean, hosts: HostsDb): string {
  if (!numeric && a.addr === 0) return 'anywhere';
  return (numeric ? formatIpv4(a.addr) : anyName(a.addr, hosts)) + maskSuffix(a.len);
}

function ctPorts(r: PortRange): string {
  return r.lo === r.hi ? `${r.lo}` : `${r.lo}:${r.hi}`;
}

function printConntrack(m: Extract<Match, { kind: 'conntrack' }>, numeric: boolean, prefix: string, hosts: HostsDb | null): string {
  let out = '';
  const inv = (i: boolean) => (i ? ' !' : '');
  const addr = (a: AddrMatch) => (hosts ? printAddrAny(a, numeric, hosts) : formatIpv4(a.addr) + maskSuffix(a.len));
  // conntrack_dump's order.
  if (m.ctstate) out += `${inv(m.ctstate.invert)} ${prefix}ctstate ${m.ctstate.states.join(',')}`;
  if (m.ctproto) out += `${inv(m.ctproto.invert)} ${prefix}ctproto ${m.ctproto.num}`;
  if (m.ctorigsrc) out += `${inv(m.ctorigsrc.invert)} ${prefix}ctorigsrc ${addr(m.ctorigsrc)}`;
  if (m.ctorigdst) out += `${inv(m.ctorigdst.invert)} ${prefix}ctorigdst ${addr(m.ctorigdst)}`;
  if (m.ctreplsrc) out += `${inv(m.ctreplsrc.invert)} ${prefix}ctreplsrc ${addr(m.ctreplsrc)}`;
  if (m.ctrepldst) out += `${inv(m.ctrepldst.invert)} ${prefix}ctrepldst ${addr(m.ctrepldst)}`;
  if (m.ctstatus) out += `${inv(m.ctstatus.invert)} ${prefix}ctstatus ${m.ctstatus.statuses.join(',')}`;
  if (m.ctorigsrcport) out += `${inv(m.ctorigsrcport.invert)} ${prefix}ctorigsrcport ${ctPorts(m.ctorigsrcport.range)}`;
  if (m.ctorigdstport) out += `${inv(m.ctorigdstport.invert)} ${prefix}ctorigdstport ${ctPorts(m.ctorigdstport.range)}`;
  if (m.ctreplsrcport) out += `${inv(m.ctreplsrcport.invert)} ${prefix}ctreplsrcport ${ctPorts(m.ctreplsrcport.range)}`;
  if (m.ctrepldstport) out += `${inv(m.ctrepldstport.invert)} ${prefix}ctrepldstport ${ctPorts(m.ctrepldstport.range)}`;
  if (m.ctexpire) out += `${inv(m.ctexpire.invert)} ${prefix}ctexpire ${m.ctexpire.lo === m.ctexpire.hi ? m.ctexpire.lo : `${m.ctexpire.lo}:${m.ctexpire.hi}`}`;
  if (m.ctdir) out += ` ${prefix}ctdir ${m.ctdir}`;
  return out;
}

function printPhysdev(m: Extract<Match, { kind: 'physdev' }>): string {
  const inv = (i: boolean) => (i ? ' !' : '');
  let out = '';
  if (m.isIn) out += `${inv(m.isIn.invert)} --physdev-is-in`;
  if (m.physdevIn) out += `${inv(m.physdevIn.invert)} --physdev-in ${ifaceName(m.physdevIn)}`;
  if (m.isOut) out += `${inv(m.isOut.invert)} --physdev-is-out`;
  if (m.physdevOut) out += `${inv(m.physdevOut.invert)} --physdev-out ${ifaceName(m.physdevOut)}`;
  if (m.isBridged) out += `${inv(m.isBridged.invert)} --physdev-is-bridged`;
  return out;
}

function multiportList(m: Extract<Match, { kind: 'multiport' }>, proto: 'tcp' | 'udp' | null, numeric: boolean): string {
  return m.ports.map((r) => (r.lo === r.hi ? printPort(r.lo, proto, numeric) : `${printPort(r.lo, proto, numeric)}:${printPort(r.hi, proto, numeric)}`)).join(',');
}

function markValue(value: number, mask: number): string {
  return `0x${value.toString(16)}${mask === 0xffffffff ? '' : `/0x${mask.toString(16)}`}`;
}

/** A match as the trailing column of `-L` shows it (each extension's print, leading space included). */
export function printMatch(m: Match, rule: RuleSpec, numeric: boolean, hosts: HostsDb = defaultHosts): string {
  switch (m.kind) {
    case 'tcp': {
      let out = ' tcp' + printPorts('spt', m.sport, 'tcp', numeric) + printPorts('dpt', m.dport, 'tcp', numeric);
      if (m.flags && (m.flags.mask || m.flags.invert)) {
        const f = m.flags;
        out += ` flags:${f.invert ? '!' : ''}` + (numeric ? `${hex2(f.mask)}/${hex2(f.comp)}` : `${tcpFlagNames(f.mask)}/${tcpFlagNames(f.comp)}`);
      }
      if (m.option) out += ` option=${m.option.invert ? '!' : ''}${m.option.num}`;
      return out;
    }
    case 'udp':
      return ' udp' + printPorts('spt', m.sport, 'udp', numeric) + printPorts('dpt', m.dport, 'udp', numeric);
    case 'icmp':
      return printIcmp(m.icmpType, numeric);
    case 'multiport':
      return ` multiport ${m.dir} ${m.invert ? ' !' : ''}${multiportList(m, portProto(rule), numeric)}`;
    case 'conntrack':
      return printConntrack(m, numeric, '', hosts);
    case 'state':
      return `${m.invert ? ' !' : ''} state ${m.states.join(',')}`;
    case 'addrtype': {
      let out = ' ADDRTYPE match';
      if (m.srcType) out += ` src-type ${m.srcType.invert ? '!' : ''}${orderTypes(m.srcType.types)}`;
      if (m.dstType) out += ` dst-type ${m.dstType.invert ? '!' : ''}${orderTypes(m.dstType.types)}`;
      if (m.limitIfaceIn) out += ' limit-in';
      if (m.limitIfaceOut) out += ' limit-out';
      return out;
    }
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'mark':
      return ` mark match${m.invert ? ' !' : ''} ${markValue(m.value, m.mask)}`;
    case 'connmark':
      return ` connmark match ${m.invert ? '!' : ''}${markValue(m.value, m.mask)}`;
    case 'length':
      return ` length ${m.invert ? '!' : ''}${lengthSpan(m)}`;
    case 'ipvs':
      return `${m.invert ? ' !' : ''} ipvs`;
    case 'physdev':
      return ' PHYSDEV match' + printPhysdev(m);
  }
}

function lengthSpan(m: Extract<Match, { kind: 'length' }>): string {
  return m.lo === m.hi ? `${m.lo}` : `${m.lo}:${m.hi}`;
}

/** CONNMARK as libxt_CONNMARK (revision 2) prints it in `-L`. */
function connmarkAction(t: Extract<Target, { kind: 'CONNMARK' }>): string {
  const masks = t.nfmask === 0xffffffff && t.ctmask === 0xffffffff ? '' : ` mask 0x${t.mode === 'save' ? t.nfmask.toString(16) : t.ctmask.toString(16)}`;
  if (t.mode === 'save') return ` CONNMARK save${masks}`;
  if (t.mode === 'restore') return ` CONNMARK restore${masks}`;
  if (t.value === 0) return ` CONNMARK and 0x${(~t.ctmask >>> 0).toString(16)}`;
  if (t.value === t.ctmask) return ` CONNMARK or 0x${t.value.toString(16)}`;
  if (t.ctmask === 0) return ` CONNMARK xor 0x${t.value.toString(16)}`;
  if (t.ctmask === 0xffffffff) return ` CONNMARK set 0x${t.value.toString(16)}`;
  return ` CONNMARK xset 0x${t.value.toString(16)}/0x${t.ctmask.toString(16)}`;
}

/** LOG's flags (XT_LOG_*) by their -L and -S names. */
const LOG_FLAGS: readonly [number, string][] = [
  [0x01, 'tcp-sequence'],
  [0x02, 'tcp-options'],
  [0x04, 'ip-options'],
  [0x08, 'uid'],
  [0x20, 'macdecode'],
];

function natFlags(t: Extract<Target, { kind: 'DNAT' | 'SNAT' }>, dashes: string): string {
  let out = '';
  if (t.random) out += ` ${dashes}random`;
  if (t.kind === 'SNAT' && t.randomFully) out += ` ${dashes}random-fully`;
  if (t.persistent) out += ` ${dashes}persistent`;
  return out;
}

function orderTypes(types: readonly string[]): string {
  return ADDR_TYPES.filter((t) => types.includes(t)).join(',');
}

function natRange(r: NatRange): string {
  let out = '';
  if (r.minAddr !== null) {
    out += formatIpv4(r.minAddr);
    if (r.maxAddr !== null && r.maxAddr !== r.minAddr) out += `-${formatIpv4(r.maxAddr)}`;
  }
  if (r.ports) out += `:${portSpan(r.ports)}`;
  return out;
}

function portSpan(p: PortRange): string {
  return p.lo === p.hi ? `${p.lo}` : `${p.lo}-${p.hi}`;
}

/** MARK as the kernel holds it, named the way libxt_MARK names the cases. */
function markAction(value: number, mask: number): string {
  if (value === 0) return `MARK and 0x${(~mask >>> 0).toString(16)}`;
  if (value === mask) return `MARK or 0x${value.toString(16)}`;
  if (mask === 0) return `MARK xor 0x${value.toString(16)}`;
  if (mask === 0xffffffff) return `MARK set 0x${value.toString(16)}`;
  return `MARK xset 0x${value.toString(16)}/0x${mask.toString(16)}`;
}

/** A target's options as the trailing column of `-L` shows them. */
export function printTarget(t: Target, numeric: boolean): string {
  switch (t.kind) {
    case 'REJECT':
      return ` reject-with ${t.with}`;
    case 'LOG': {
      const level = t.level ?? 4;
      const flags = t.flags ?? 0;
      let out = numeric ? ` LOG flags ${flags} level ${level}` : ` LOG level ${LOG_LEVEL_NAMES[level] ?? level}`;
      if (!numeric) for (const [bit, name] of LOG_FLAGS) if (flags & bit) out += ` ${name}`;
      if (t.prefix) out += ` prefix "${t.prefix}"`;
      return out;
    }
    case 'DNAT':
    case 'SNAT':
      return ` to:${natRange(t.to)}${natFlags(t, '')}`;
    case 'NFLOG': {
      let out = '';
      if (t.prefix) out += ` nflog-prefix ${saveString(t.prefix)}`;
      if (t.group) out += ` nflog-group ${t.group}`;
      if (t.range !== null) out += ` nflog-size ${t.range}`;
      if (t.threshold !== null) out += ` nflog-threshold ${t.threshold}`;
      return out;
    }
    case 'CONNMARK':
      return connmarkAction(t);
    case 'CT':
      return ` CT zone ${t.zone}`;
    case 'MASQUERADE':
      return t.toPorts ? ` masq ports: ${portSpan(t.toPorts)}` : '';
    case 'REDIRECT':
      return t.toPorts ? ` redir ports ${portSpan(t.toPorts)}` : '';
    case 'MARK':
      return ` ${markAction(t.value, markMask(t))}`;
    case 'NOTRACK':
      return ' NOTRACK';
    default:
      return '';
  }
}

/** The kernel's (value, mask) pair for any MARK operation of the model. */
function markMask(t: Extract<Target, { kind: 'MARK' }>): number {
  switch (t.op) {
    case 'set':
      return (t.value | t.mask) >>> 0;
    case 'and':
      return ~t.value >>> 0;
    case 'or':
      return t.value;
    case 'xor':
      return 0;
    default:
      return t.mask;
  }
}

function markPair(t: Extract<Target, { kind: 'MARK' }>): [number, number] {
  return [t.op === 'and' ? 0 : t.value, markMask(t)];
}

// ---------------------------------------------------------------- -S / iptables-save form

/** xtables_save_string: bare when safe, else double-quoted with " \ ' escaped. */
export function saveString(s: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(s)) return s;
  return `"${s.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function saveAddr(letter: string, a: AddrMatch | null): string {
  if (!a) return '';
  return `${a.invert ? ' !' : ''} -${letter} ${formatIpv4(a.addr)}/${a.len}`;
}

function saveIface(letter: string, i: IfaceMatch | null): string {
  if (!i) return '';
  return `${i.invert ? ' !' : ''} -${letter} ${ifaceName(i)}`;
}

function savePorts(option: string, p: PortMatch | undefined): string {
  if (!p || (p.range.lo === 0 && p.range.hi === 0xffff)) return '';
  const r = p.range.lo === p.range.hi ? `${p.range.lo}` : `${p.range.lo}:${p.range.hi}`;
  return `${p.invert ? ' !' : ''} --${option} ${r}`;
}

/** A match in `-S` form: " -m NAME OPTIONS". */
export function saveMatch(m: Match): string {
  const inv = (i: boolean) => (i ? ' !' : '');
  switch (m.kind) {
    case 'tcp': {
      let out = ' -m tcp' + savePorts('sport', m.sport) + savePorts('dport', m.dport);
      if (m.flags && (m.flags.mask || m.flags.invert)) out += `${inv(m.flags.invert)} --tcp-flags ${tcpFlagNames(m.flags.mask)} ${tcpFlagNames(m.flags.comp)}`;
      if (m.option) out += `${inv(m.option.invert)} --tcp-option ${m.option.num}`;
      return out;
    }
    case 'udp':
      return ' -m udp' + savePorts('sport', m.sport) + savePorts('dport', m.dport);
    case 'icmp': {
      const t = m.icmpType;
      if (!t) return ' -m icmp';
      const value = t.type === 0xff ? 'any' : t.code === null ? `${t.type}` : `${t.type}/${t.code}`;
      return ` -m icmp${inv(t.invert)} --icmp-type ${value}`;
    }
    case 'multiport':
      return ` -m multiport${inv(m.invert)} --${m.dir} ${multiportList(m, null, true)}`;
    case 'conntrack':
      return ' -m conntrack' + printConntrack(m, true, '--', null);
    case 'state':
      return ` -m state${inv(m.invert)} --state ${m.states.join(',')}`;
    case 'addrtype': {
      let out = ' -m addrtype';
      if (m.srcType) out += `${inv(m.srcType.invert)} --src-type ${orderTypes(m.srcType.types)}`;
      if (m.dstType) out += `${inv(m.dstType.invert)} --dst-type ${orderTypes(m.dstType.types)}`;
      if (m.limitIfaceIn) out += ' --limit-iface-in';
      if (m.limitIfaceOut) out += ' --limit-iface-out';
      return out;
    }
    case 'comment':
      return ` -m comment --comment ${saveString(m.comment)}`;
    case 'mark':
      return ` -m mark${inv(m.invert)} --mark ${markValue(m.value, m.mask)}`;
    case 'connmark':
      return ` -m connmark${inv(m.invert)} --mark ${markValue(m.value, m.mask)}`;
    case 'length':
      return ` -m length${inv(m.invert)} --length ${lengthSpan(m)}`;
    case 'ipvs':
      return ` -m ipvs${inv(m.invert)} --ipvs`;
    case 'physdev':
      return ' -m physdev' + printPhysdev(m);
  }
}

/** A target in `-S` form: " -j NAME OPTIONS" or " -g CHAIN". */
export function saveTarget(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return ` ${t.goto ? '-g' : '-j'} ${t.chain}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${t.with}`;
    case 'LOG': {
      let out = ' -j LOG';
      if (t.prefix) out += ` --log-prefix ${saveString(t.prefix)}`;
      if (t.level !== null && t.level !== 4) out += ` --log-level ${t.level}`;
      for (const [bit, name] of LOG_FLAGS) if ((t.flags ?? 0) & bit) out += ` --log-${name}`;
      return out;
    }
    case 'DNAT':
      return ` -j DNAT --to-destination ${natRange(t.to)}${natFlags(t, '--')}`;
    case 'SNAT':
      return ` -j SNAT --to-source ${natRange(t.to)}${natFlags(t, '--')}`;
    case 'NFLOG': {
      let out = ' -j NFLOG';
      if (t.prefix) out += ` --nflog-prefix ${saveString(t.prefix)}`;
      if (t.group) out += ` --nflog-group ${t.group}`;
      if (t.range !== null) out += ` --nflog-size ${t.range}`;
      if (t.threshold !== null) out += ` --nflog-threshold ${t.threshold}`;
      return out;
    }
    case 'CONNMARK':
      if (t.mode === 'set') return ` -j CONNMARK --set-xmark 0x${t.value.toString(16)}/0x${t.ctmask.toString(16)}`;
      return ` -j CONNMARK --${t.mode}-mark --nfmask 0x${t.nfmask.toString(16)} --ctmask 0x${t.ctmask.toString(16)}`;
    case 'CT':
      return ` -j CT --zone ${t.zone}`;
    case 'MASQUERADE':
    case 'REDIRECT':
      return ` -j ${t.kind}${t.toPorts ? ` --to-ports ${portSpan(t.toPorts)}` : ''}`;
    case 'MARK': {
      const [value, mask] = markPair(t);
      return ` -j MARK --set-xmark 0x${value.toString(16)}/0x${mask.toString(16)}`;
    }
    default:
      return ` -j ${t.kind}`;
  }
}

/** The rule spec in iptables' canonical order: -s -d -i -o -p -f, matches, counters, target. */
export function saveSpec(spec: RuleSpec, counters: { packets: number; bytes: number } | null = null): string {
  let out = saveAddr('s', spec.src) + saveAddr('d', spec.dst) + saveIface('i', spec.in) + saveIface('o', spec.out);
  if (spec.proto && spec.proto.num !== 0) out += `${spec.proto.invert ? ' !' : ''} -p ${protocolName(spec.proto.num) ?? spec.proto.num}`;
  if (spec.fragment) out += `${spec.fragment.invert ? ' !' : ''} -f`;
  for (const m of spec.matches) out += saveMatch(m);
  if (counters) out += ` -c ${counters.packets} ${counters.bytes}`;
  if (spec.target) out += saveTarget(spec.target);
  return out;
}

/** "-A CHAIN ..." as `-S` and iptables-save print a rule. */
export function saveRule(chain: string, rule: Rule, withCounters = false): string {
  return `-A ${chain}${saveSpec(rule, withCounters ? rule : null)}\n`;
}
