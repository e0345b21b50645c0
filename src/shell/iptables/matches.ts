/**
 * The match extensions the simulator supports (-m NAME, and the protocol's own match that
 * `-p tcp --dport` loads), each parsing its options as its libxt_*.so does, messages included.
 * tcp still parses the old way and has its own wording; the others use the x6 framework.
 */
import type { AddrTypeName, CtStateName, CtStatusName, Match, PortMatch, PortRange } from '../../engine/netfilter/rules.ts';
import { type UsageError, usage } from './errors.ts';
import { type ExtOption, MatchExtension, type ParseEnv, type X6Option, X6Match, parseInterface, parseMarkMask, primary, unsupported } from './extension.ts';
import { parseHostMask } from './addresses.ts';
import { ICMP_TYPES, TCP_FLAGS } from './names.ts';
import { anyServicePort, parsePort, strtouiWhole } from './numbers.ts';

/** A port or range for the x6 port type (udp, conntrack): no bounds check, numbers wrap at 16 bits. */
function parseX6PortRange(ext: string, option: string, arg: string): PortRange {
  const parts = arg.split(':');
  if (parts.length > 2) throw usage(`${ext}: Too many components for option "--${option}" (max: 2)\n`);
  const values = parts.map((p, i) => {
    if (p === '') return i === 0 ? 0 : 0xffff;
    if (/^\s*\d+$/.test(p)) return Number(p.trim()) & 0xffff;
    const port = anyServicePort(p);
    if (port === null) throw usage(`Port "${p}" does not resolve to anything.\n`);
    return port;
  });
  return { lo: values[0], hi: values[values.length - 1] };
}

/** libxt_tcp's parse_tcp_ports: "a", "a:b", ":b", "a:". */
function parseTcpPortRange(arg: string): PortRange {
  const port = (text: string): number => {
    const p = parsePort(text, 'tcp');
    if (p === null) throw usage(`invalid port/service \`${text}' specified`);
    return p;
  };
  const colon = arg.indexOf(':');
  if (colon < 0) {
    const p = port(arg);
    return { lo: p, hi: p };
  }
  const lo = colon === 0 ? 0 : port(arg.slice(0, colon));
  const rest = arg.slice(colon + 1);
  const hi = rest === '' ? 0xffff : port(rest);
  if (lo > hi) throw usage('invalid portrange (min > max)');
  return { lo, hi };
}

/** A range that covers every port is no condition at all: iptables leaves it out. */
function portMatch(range: PortRange, invert: boolean): PortMatch | undefined {
  if (range.lo === 0 && range.hi === 0xffff && !invert) return undefined;
  return { range, invert };
}

/** libxt_tcp: parsed the old way, with its own messages. */
class TcpMatch extends MatchExtension {
  readonly name = 'tcp';
  readonly options: readonly ExtOption[] = [
    { name: 'source-port', hasArg: 1, id: 'sport' },
    { name: 'sport', hasArg: 1, id: 'sport' },
    { name: 'destination-port', hasArg: 1, id: 'dport' },
    { name: 'dport', hasArg: 1, id: 'dport' },
    { name: 'syn', hasArg: 0, id: 'syn' },
    { name: 'tcp-flags', hasArg: 1, id: 'flags' },
    { name: 'tcp-option', hasArg: 1, id: 'option' },
  ];
  private option?: { num: number; invert: boolean };
  private sport?: PortMatch;
  private dport?: PortMatch;
  private seenSport = false;
  private seenDport = false;
  private flags?: { mask: number; comp: number; invert: boolean };

  parse(id: string, arg: string | null, invert: boolean, env: ParseEnv): void {
    if (id === 'sport') {
      if (this.seenSport) throw usage("Only one `--source-port' allowed");
      this.sport = portMatch(parseTcpPortRange(arg ?? ''), invert);
      this.seenSport = true;
    } else if (id === 'dport') {
      if (this.seenDport) throw usage("Only one `--destination-port' allowed");
      this.dport = portMatch(parseTcpPortRange(arg ?? ''), invert);
      this.seenDport = true;
    } else if (id === 'option') {
      if (this.option) throw usage("Only one `--tcp-option' allowed");
      const n = strtouiWhole(arg ?? '', 0, 255);
      if (n === null) throw usage(`Bad TCP option \`${arg ?? ''}'`);
      this.option = { num: n, invert };
    } else if (id === 'syn') {
      if (this.flags) throw usage("Only one of `--syn' or `--tcp-flags'  allowed");
      this.flags = { mask: 0x17, comp: 0x02, invert };
    } else {
      if (this.flags) throw usage("Only one of `--syn' or `--tcp-flags'  allowed");
      const comp = env.takeExtraArg();
      if (comp === null) throw usage('--tcp-flags requires two args.');
      this.flags = { mask: parseTcpFlags(arg ?? ''), comp: parseTcpFlags(comp), invert };
    }
  }

  build(): Match {
    const m: Match = { kind: 'tcp' };
    if (this.sport) m.sport = this.sport;
    if (this.dport) m.dport = this.dport;
    if (this.flags) m.flags = this.flags;
    if (this.option) m.option = this.option;
    return m;
  }
}

function parseTcpFlags(list: string): number {
  let bits = 0;
  for (const name of list.split(',')) {
    if (name === '') continue;
    const f = TCP_FLAGS.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!f) throw usage(`Unknown TCP flag \`${name}'`);
    bits |= f.bit;
  }
  return bits;
}

class UdpMatch extends X6Match {
  readonly name = 'udp';
  protected readonly x6: readonly X6Option[] = [
    { name: 'source-port', id: 'sport', hasArg: 1, invert: true },
    { name: 'sport', id: 'sport', hasArg: 1, invert: true },
    { name: 'destination-port', id: 'dport', hasArg: 1, invert: true },
    { name: 'dport', id: 'dport', hasArg: 1, invert: true },
  ];
  private sport?: PortMatch;
  private dport?: PortMatch;

  protected parseValue(id: string, arg: string, invert: boolean): void {
    const range = parseX6PortRange('udp', primary(this.x6, id).name, arg);
    if (id === 'sport') this.sport = portMatch(range, invert);
    else this.dport = portMatch(range, invert);
  }

  build(): Match {
    const m: Match = { kind: 'udp' };
    if (this.sport) m.sport = this.sport;
    if (this.dport) m.dport = this.dport;
    return m;
  }
}

class IcmpMatch extends X6Match {
  readonly name = 'icmp';
  protected readonly x6: readonly X6Option[] = [{ name: 'icmp-type', id: 'type', hasArg: 1, invert: true, mandatory: true }];
  private icmpType?: { type: number; code: number | null; invert: boolean; name: string };

  protected parseValue(_id: string, arg: string, invert: boolean): void {
    const { type, code } = parseIcmpType(arg);
    // The name is derived from type and code, so rules typed differently still compare equal.
    this.icmpType = { type, code, invert, name: icmpTypeName(type, code) ?? (code === null ? `${type}` : `${type}/${code}`) };
  }

  build(): Match {
    return this.icmpType ? { kind: 'icmp', icmpType: this.icmpType } : { kind: 'icmp' };
  }
}

/** libxt_icmp: a name (or unambiguous prefix of one, any case), or TYPE[/CODE]. */
function parseIcmpType(arg: string): { type: number; code: number | null } {
  let found: (typeof ICMP_TYPES)[number] | null = null;
  for (const t of ICMP_TYPES) {
    if (!t.name.toLowerCase().startsWith(arg.toLowerCase())) continue;
    if (found) throw usage(`Ambiguous ICMP type \`${arg}': \`${found.name}' or \`${t.name}'?`);
    found = t;
  }
  if (found) return { type: found.type, code: found.min === found.max ? found.min : null };
  const slash = arg.indexOf('/');
  const type = strtouiWhole(slash < 0 ? arg : arg.slice(0, slash), 0, 255);
  if (type === null) throw usage(`Unknown ICMP type \`${arg}'`);
  if (slash < 0) return { type, code: null };
  const code = strtouiWhole(arg.slice(slash + 1), 0, 255);
  if (code === null) throw usage(`Unknown ICMP code \`${arg}'`);
  return { type, code };
}

/** The first name in libxt_icmp's table for a type and code range, as `iptables -L` shows it. */
export function icmpTypeName(type: number, code: number | null): string | null {
  const min = code ?? 0;
  const max = code ?? 0xff;
  return ICMP_TYPES.find((t) => t.type === type && t.min === min && t.max === max)?.name ?? null;
}

const MULTIPORT_PROTOS = new Set([6, 17, 136, 132, 33]);
const MULTI_PORTS = 15;

class MultiportMatch extends X6Match {
  readonly name = 'multiport';
  protected readonly x6: readonly X6Option[] = [
    { name: 'source-ports', id: 'sports', hasArg: 1, invert: true, excl: ['sports', 'dports', 'ports'] },
    { name: 'sports', id: 'sports', hasArg: 1, invert: true, excl: ['sports', 'dports', 'ports'] },
    { name: 'destination-ports', id: 'dports', hasArg: 1, invert: true, excl: ['sports', 'dports', 'ports'] },
    { name: 'dports', id: 'dports', hasArg: 1, invert: true, excl: ['sports', 'dports', 'ports'] },
    { name: 'ports', id: 'ports', hasArg: 1, invert: true, excl: ['sports', 'dports', 'ports'] },
  ];
  private value?: { dir: 'sports' | 'dports' | 'ports'; ports: PortRange[]; invert: boolean };

  protected parseValue(id: string, arg: string, invert: boolean, env: ParseEnv): void {
    const proto = env.proto;
    if (proto?.invert) throw usage('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
    if (!proto || proto.num === 0) throw usage("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
    if (!MULTIPORT_PROTOS.has(proto.num)) throw usage('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
    const dir = id === 'sports' ? 'sports' : id === 'dports' ? 'dports' : 'ports';
    this.value = { dir, ports: parseMultiPorts(arg, proto.num === 17 ? 'udp' : 'tcp'), invert };
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (xflags.size === 0) throw usage('multiport expection an option');
  }

  build(): Match {
    const v = this.value ?? { dir: 'dports', ports: [], invert: false };
    return { kind: 'multiport', dir: v.dir, ports: v.ports, invert: v.invert };
  }
}

/** Up to 15 ports, a range taking two of the slots. */
function parseMultiPorts(arg: string, proto: 'tcp' | 'udp'): PortRange[] {
  const port = (text: string): number => {
    const p = parsePort(text, proto);
    if (p === null) throw usage(`invalid port/service \`${text}' specified`);
    return p;
  };
  const out: PortRange[] = [];
  let slots = 0;
  for (const item of arg.split(',')) {
    if (slots >= MULTI_PORTS) throw usage('too many ports specified');
    const colon = item.indexOf(':');
    if (colon < 0) {
      const p = port(item);
      out.push({ lo: p, hi: p });
      slots++;
      continue;
    }
    if (slots === MULTI_PORTS - 1) throw usage('too many ports specified');
    const lo = port(item.slice(0, colon));
    const hi = port(item.slice(colon + 1));
    if (lo > hi) throw usage('invalid portrange specified');
    out.push({ lo, hi });
    slots += 2;
  }
  return out;
}

/** Conntrack state names in the order iptables prints them. */
export const CT_STATES: readonly CtStateName[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

/** A comma list where each item may be any-case prefix of a name (strncasecmp with its length). */
function parseNameList<T extends string>(arg: string, names: readonly T[], bad: (rest: string, last: boolean) => UsageError): T[] {
  const found = new Set<T>();
  let rest = arg;
  for (;;) {
    const comma = rest.indexOf(',');
    const item = comma < 0 ? rest : rest.slice(0, comma);
    const name = item === '' ? undefined : names.find((n) => n.toLowerCase().startsWith(item.toLowerCase()));
    if (!name) throw bad(rest, comma < 0);
    found.add(name);
    if (comma < 0) break;
    rest = rest.slice(comma + 1);
  }
  // Kept in the printing order, so rules typed in any order compare equal.
  return names.filter((n) => found.has(n));
}

class ConntrackMatch extends X6Match {
  readonly name = 'conntrack';
  protected readonly x6: readonly X6Option[] = [
    { name: 'ctstate', id: 'ctstate', hasArg: 1, invert: true },
    { name: 'ctproto', id: 'ctproto', hasArg: 1, invert: true },
    { name: 'ctorigsrc', id: 'ctorigsrc', hasArg: 1, invert: true },
    { name: 'ctorigdst', id: 'ctorigdst', hasArg: 1, invert: true },
    { name: 'ctreplsrc', id: 'ctreplsrc', hasArg: 1, invert: true },
    { name: 'ctrepldst', id: 'ctrepldst', hasArg: 1, invert: true },
    { name: 'ctstatus', id: 'ctstatus', hasArg: 1, invert: true },
    { name: 'ctexpire', id: 'ctexpire', hasArg: 1, invert: true },
    { name: 'ctorigsrcport', id: 'ctorigsrcport', hasArg: 1, invert: true },
    { name: 'ctorigdstport', id: 'ctorigdstport', hasArg: 1, invert: true },
    { name: 'ctreplsrcport', id: 'ctreplsrcport', hasArg: 1, invert: true },
    { name: 'ctrepldstport', id: 'ctrepldstport', hasArg: 1, invert: true },
    { name: 'ctdir', id: 'ctdir', hasArg: 1 },
  ];
  private readonly m: Extract<Match, { kind: 'conntrack' }> = { kind: 'conntrack' };

  protected parseValue(id: string, arg: string, invert: boolean, env: ParseEnv): void {
    if (id === 'ctstate') {
      const states = parseNameList(arg, CT_STATES, (rest) => usage(`Bad ctstate "${rest}"`));
      this.m.ctstate = { states, invert };
    } else if (id === 'ctorigsrc') this.m.ctorigsrc = parseHostMask(arg, invert, env.hosts);
    else if (id === 'ctorigdst') this.m.ctorigdst = parseHostMask(arg, invert, env.hosts);
    else if (id === 'ctreplsrc') this.m.ctreplsrc = parseHostMask(arg, invert, env.hosts);
    else if (id === 'ctrepldst') this.m.ctrepldst = parseHostMask(arg, invert, env.hosts);
    else if (id === 'ctorigsrcport' || id === 'ctorigdstport' || id === 'ctreplsrcport' || id === 'ctrepldstport') {
      this.m[id] = { range: parseX6PortRange('conntrack', id, arg), invert };
    } else if (id === 'ctproto') {
      const num = protoNumber(arg);
      if (num === null) throw usage(`unknown protocol "${arg}" specified`);
      if (num === 0) throw usage('conntrack: --ctproto 0 (or all) is not allowed');
      this.m.ctproto = { num, invert };
    } else if (id === 'ctstatus') {
      const statuses = parseNameList(arg, CT_STATUSES, (rest) => usage(`Bad ctstatus "${rest}"`));
      this.m.ctstatus = { statuses, invert };
    } else if (id === 'ctexpire') {
      const parts = arg.split(':');
      const lo = strtouiWhole(parts[0], 0, 0xffffffff);
      const hi = parts.length > 1 ? strtouiWhole(parts[1], 0, 0xffffffff) : lo;
      if (lo === null || hi === null || parts.length > 2) throw usage(`conntrack: bad value for option "--ctexpire"`);
      this.m.ctexpire = { lo, hi, invert };
    } else {
      const dir = arg.toUpperCase();
      if (dir !== 'ORIGINAL' && dir !== 'REPLY') throw usage(`conntrack: Bad value for "--ctdir" option: "${arg}"`);
      this.m.ctdir = dir;
    }
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (xflags.size === 0) throw usage('conntrack: At least one option is required');
  }

  build(): Match {
    return { ...this.m };
  }
}

const CT_STATUSES: readonly CtStatusName[] = ['EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

/** `-p`-style protocol: a number or a name from /etc/protocols. */
function protoNumber(arg: string): number | null {
  const n = strtouiWhole(arg, 0, 255);
  if (n !== null) return n;
  const names: Record<string, number> = { all: 0, icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, sctp: 132, udplite: 136, dccp: 33 };
  return Object.hasOwn(names, arg.toLowerCase()) ? names[arg.toLowerCase()] : null;
}

/** libxt_connmark: `--mark VALUE[/MASK]`. */
class ConnmarkMatch extends X6Match {
  readonly name = 'connmark';
  protected readonly x6: readonly X6Option[] = [{ name: 'mark', id: 'mark', hasArg: 1, invert: true, mandatory: true }];
  private value = 0;
  private mask = 0xffffffff;
  private invert = false;

  protected parseValue(_id: string, arg: string, invert: boolean): void {
    ({ value: this.value, mask: this.mask } = parseMarkMask('connmark', 'mark', arg));
    this.invert = invert;
  }

  build(): Match {
    return { kind: 'connmark', value: this.value, mask: this.mask, invert: this.invert };
  }
}

/** libxt_length: `--length MIN[:MAX]`, 16-bit values. */
class LengthMatch extends X6Match {
  readonly name = 'length';
  protected readonly x6: readonly X6Option[] = [{ name: 'length', id: 'length', hasArg: 1, invert: true, mandatory: true }];
  private lo = 0;
  private hi = 0xffff;
  private invert = false;

  protected parseValue(_id: string, arg: string, invert: boolean): void {
    const parts = arg.split(':');
    if (parts.length > 2) throw usage('length: Too many components for option "--length" (max: 2)\n');
    const v = parts.map((p, i) => (p === '' ? (i === 0 ? 0 : 0xffff) : strtouiWhole(p, 0, 0xffff)));
    if (v.some((x) => x === null)) throw usage(`length: bad value for option "--length", or out of range (0-65535).\n`);
    this.lo = v[0] as number;
    this.hi = v[v.length - 1] as number;
    this.invert = invert;
  }

  build(): Match {
    return { kind: 'length', lo: this.lo, hi: this.hi, invert: this.invert };
  }
}

const STATE_NAMES: readonly CtStateName[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'];

class StateMatch extends X6Match {
  readonly name = 'state';
  protected readonly x6: readonly X6Option[] = [{ name: 'state', id: 'state', hasArg: 1, invert: true, mandatory: true }];
  private states: CtStateName[] = [];
  private invert = false;

  protected parseValue(_id: string, arg: string, invert: boolean): void {
    if (arg === '' || arg.endsWith(',')) throw usage('"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED');
    this.states = parseNameList(arg, STATE_NAMES, () => usage(`Bad state "${arg}"`));
    this.invert = invert;
  }

  build(): Match {
    return { kind: 'state', states: this.states, invert: this.invert };
  }
}

/** Route types in the kernel's order (RTN_*), which is also the printing order. */
export const ADDR_TYPES: readonly AddrTypeName[] = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];

class AddrtypeMatch extends X6Match {
  readonly name = 'addrtype';
  protected readonly x6: readonly X6Option[] = [
    { name: 'src-type', id: 'src', hasArg: 1, invert: true },
    { name: 'dst-type', id: 'dst', hasArg: 1, invert: true },
    { name: 'limit-iface-in', id: 'in', hasArg: 0, excl: ['out'] },
    { name: 'limit-iface-out', id: 'out', hasArg: 0, excl: ['in'] },
  ];
  private readonly m: Extract<Match, { kind: 'addrtype' }> = { kind: 'addrtype' };

  protected parseValue(id: string, arg: string, invert: boolean): void {
    const types = () =>
      parseNameList(arg, ADDR_TYPES, (rest, last) => usage(last ? `addrtype: bad type "${rest}"` : `addrtype: bad type \`${rest}'`));
    if (id === 'src') this.m.srcType = { types: types(), invert };
    else if (id === 'dst') this.m.dstType = { types: types(), invert };
    else if (id === 'in') this.m.limitIfaceIn = true;
    else this.m.limitIfaceOut = true;
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (!xflags.has('src') && !xflags.has('dst')) throw usage('addrtype: you must specify --src-type or --dst-type');
  }

  build(): Match {
    return { ...this.m };
  }
}

class CommentMatch extends X6Match {
  readonly name = 'comment';
  protected readonly x6: readonly X6Option[] = [{ name: 'comment', id: 'comment', hasArg: 1, mandatory: true }];
  private comment = '';

  protected parseValue(_id: string, arg: string): void {
    this.comment = arg;
  }

  build(): Match {
    return { kind: 'comment', comment: this.comment };
  }
}

class MarkMatch extends X6Match {
  readonly name = 'mark';
  protected readonly x6: readonly X6Option[] = [{ name: 'mark', id: 'mark', hasArg: 1, invert: true, mandatory: true }];
  private value = 0;
  private mask = 0xffffffff;
  private invert = false;

  protected parseValue(_id: string, arg: string, invert: boolean): void {
    ({ value: this.value, mask: this.mask } = parseMarkMask('mark', 'mark', arg));
    this.invert = invert;
  }

  build(): Match {
    return { kind: 'mark', value: this.value, mask: this.mask, invert: this.invert };
  }
}

/** libxt_ipvs: only `--ipvs` (handled by IPVS); the virtual-service options are not modelled. */
class IpvsMatch extends X6Match {
  override readonly unsupported = unsupported('vproto', 'vaddr', 'vport', 'vdir', 'vmethod', 'vportctl');
  readonly name = 'ipvs';
  protected readonly x6: readonly X6Option[] = [{ name: 'ipvs', id: 'ipvs', hasArg: 0, invert: true }];
  private invert = false;

  protected parseValue(_id: string, _arg: string, invert: boolean): void {
    this.invert = invert;
  }

  build(): Match {
    return { kind: 'ipvs', invert: this.invert };
  }
}

class PhysdevMatch extends X6Match {
  readonly name = 'physdev';
  protected readonly x6: readonly X6Option[] = [
    { name: 'physdev-in', id: 'in', hasArg: 1, invert: true },
    { name: 'physdev-out', id: 'out', hasArg: 1, invert: true },
    { name: 'physdev-is-in', id: 'isIn', hasArg: 0, invert: true },
    { name: 'physdev-is-out', id: 'isOut', hasArg: 0, invert: true },
    { name: 'physdev-is-bridged', id: 'isBridged', hasArg: 0, invert: true },
  ];
  private readonly m: Extract<Match, { kind: 'physdev' }> = { kind: 'physdev' };

  protected parseValue(id: string, arg: string, invert: boolean, env: ParseEnv): void {
    if (id === 'in') this.m.physdevIn = parseInterface(arg, invert, env);
    else if (id === 'out') this.m.physdevOut = parseInterface(arg, invert, env);
    else if (id === 'isIn') this.m.isIn = { invert };
    else if (id === 'isOut') this.m.isOut = { invert };
    else this.m.isBridged = { invert };
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (xflags.size === 0) throw usage('PHYSDEV: no physdev option specified');
  }

  build(): Match {
    return { ...this.m };
  }
}

const MATCHES: Record<string, () => MatchExtension> = {
  tcp: () => new TcpMatch(),
  udp: () => new UdpMatch(),
  icmp: () => new IcmpMatch(),
  multiport: () => new MultiportMatch(),
  conntrack: () => new ConntrackMatch(),
  state: () => new StateMatch(),
  addrtype: () => new AddrtypeMatch(),
  comment: () => new CommentMatch(),
  mark: () => new MarkMatch(),
  physdev: () => new PhysdevMatch(),
  ipvs: () => new IpvsMatch(),
  connmark: () => new ConnmarkMatch(),
  length: () => new LengthMatch(),
};

/** A new instance of a supported match, or null (the simulator has no other libxt_*.so). */
export function loadMatch(name: string): MatchExtension | null {
  return Object.hasOwn(MATCHES, name) ? MATCHES[name]() : null;
}
