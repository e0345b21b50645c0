/**
 * The target extensions the simulator supports (-j NAME), each parsing its options as its
 * libxt_*.so does, messages included.
 */
import type { Ipv4 } from '../../engine/addr/ipv4.ts';
import type { NatRange, PortRange, RejectWith, Target } from '../../engine/netfilter/rules.ts';
import { usage } from './errors.ts';
import { type ExtOption, type ParseEnv, TargetExtension, type X6Option, X6Target, parseMarkMask, unsupported } from './extension.ts';
import { strictIpv4 } from './addresses.ts';
import { LOG_LEVEL_INPUT } from './names.ts';
import { parsePort, strtoul, strtouiWhole } from './numbers.ts';

/** The REJECT types with their short aliases; any prefix of either selects the first that fits. */
const REJECT_TYPES: readonly { name: RejectWith; alias: string }[] = [
  { name: 'icmp-net-unreachable', alias: 'net-unreach' },
  { name: 'icmp-host-unreachable', alias: 'host-unreach' },
  { name: 'icmp-proto-unreachable', alias: 'proto-unreach' },
  { name: 'icmp-port-unreachable', alias: 'port-unreach' },
  { name: 'icmp-net-prohibited', alias: 'net-prohib' },
  { name: 'icmp-host-prohibited', alias: 'host-prohib' },
  { name: 'tcp-reset', alias: 'tcp-rst' },
  { name: 'icmp-admin-prohibited', alias: 'admin-prohib' },
];

class RejectTarget extends X6Target {
  readonly name = 'REJECT';
  protected readonly x6: readonly X6Option[] = [{ name: 'reject-with', id: 'with', hasArg: 1 }];
  private with: RejectWith = 'icmp-port-unreachable';

  protected parseValue(_id: string, arg: string): void {
    const a = arg.toLowerCase();
    const t = REJECT_TYPES.find((r) => r.name.startsWith(a) || r.alias.startsWith(a));
    if (!t) throw usage(`unknown reject type "${arg}"`);
    this.with = t.name;
  }

  build(): Target {
    return { kind: 'REJECT', with: this.with };
  }
}

/** The kernel's log prefix holds 29 characters; longer prefixes are cut, not refused. */
const LOG_PREFIX_MAX = 29;

class LogTarget extends X6Target {
  readonly name = 'LOG';
  protected readonly x6: readonly X6Option[] = [
    { name: 'log-level', id: 'level', hasArg: 1 },
    { name: 'log-prefix', id: 'prefix', hasArg: 1 },
    { name: 'log-tcp-sequence', id: 'tcp-sequence', hasArg: 0 },
    { name: 'log-tcp-options', id: 'tcp-options', hasArg: 0 },
    { name: 'log-ip-options', id: 'ip-options', hasArg: 0 },
    { name: 'log-uid', id: 'uid', hasArg: 0 },
    { name: 'log-macdecode', id: 'macdecode', hasArg: 0 },
  ];
  private level = 4;
  private prefix: string | null = null;
  private flags = 0;

  protected parseValue(id: string, arg: string): void {
    if (Object.hasOwn(LOG_FLAG_BITS, id)) {
      this.flags |= LOG_FLAG_BITS[id];
      return;
    }
    if (id === 'prefix') {
      if (arg === '') throw usage('Argument must have a minimum length of 1 characters\n');
      this.prefix = arg.slice(0, LOG_PREFIX_MAX);
      return;
    }
    const n = strtouiWhole(arg, 0, 7);
    const level = n ?? (Object.hasOwn(LOG_LEVEL_INPUT, arg) ? LOG_LEVEL_INPUT[arg] : null);
    if (level === null) throw usage(`log level "${arg}" unknown\n`);
    this.level = level;
  }

  build(): Target {
    const t: Target = { kind: 'LOG', prefix: this.prefix, level: this.level };
    if (this.flags) t.flags = this.flags;
    return t;
  }
}

/** XT_LOG_* bits. */
const LOG_FLAG_BITS: Record<string, number> = { 'tcp-sequence': 0x01, 'tcp-options': 0x02, 'ip-options': 0x04, uid: 0x08, macdecode: 0x20 };

/** libxt_NFLOG: group, prefix, size (--nflog-range is its old name) and threshold. */
class NflogTarget extends X6Target {
  readonly name = 'NFLOG';
  protected readonly x6: readonly X6Option[] = [
    { name: 'nflog-group', id: 'group', hasArg: 1 },
    { name: 'nflog-prefix', id: 'prefix', hasArg: 1 },
    { name: 'nflog-range', id: 'range', hasArg: 1, excl: ['size'] },
    { name: 'nflog-size', id: 'size', hasArg: 1, excl: ['range'] },
    { name: 'nflog-threshold', id: 'threshold', hasArg: 1 },
  ];
  private t: Extract<Target, { kind: 'NFLOG' }> = { kind: 'NFLOG', group: 0, prefix: null, range: null, threshold: null };

  protected parseValue(id: string, arg: string): void {
    if (id === 'prefix') {
      if (arg === '') throw usage('Argument must have a minimum length of 1 characters\n');
      this.t.prefix = arg.slice(0, 63);
      return;
    }
    const max = id === 'group' || id === 'threshold' ? 0xffff : 0xffffffff;
    const n = strtouiWhole(arg, 0, max);
    if (n === null) throw usage(`NFLOG: bad value for option "--nflog-${id}", or out of range (0-${max}).\n`);
    if (id === 'group') this.t.group = n;
    else if (id === 'threshold') this.t.threshold = n;
    else this.t.range = n;
  }

  build(): Target {
    return { ...this.t };
  }
}

/**
 * ULOG: iptables still parses it (parse.ts warns that the kernel lacks it), but nf_tables has
 * no ULOG, so the commit fails (checks.ts refuses the rule with ENOENT).
 */
class UlogTarget extends TargetExtension {
  readonly name = 'ULOG';
  readonly options: readonly ExtOption[] = [
    { name: 'ulog-nlgroup', hasArg: 1, id: 'nlgroup' },
    { name: 'ulog-prefix', hasArg: 1, id: 'prefix' },
    { name: 'ulog-cprange', hasArg: 1, id: 'cprange' },
    { name: 'ulog-qthreshold', hasArg: 1, id: 'qthreshold' },
  ];

  parse(): void {}

  build(): Target {
    return { kind: 'ULOG' };
  }
}

/** libxt_CONNMARK (revision 2 as iptables 1.8.9 uses it). */
class ConnmarkTarget extends X6Target {
  readonly name = 'CONNMARK';
  protected readonly x6: readonly X6Option[] = [
    { name: 'set-xmark', id: 'set-xmark', hasArg: 1, excl: ['set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] },
    { name: 'set-mark', id: 'set-mark', hasArg: 1, excl: ['set-xmark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] },
    { name: 'and-mark', id: 'and-mark', hasArg: 1, excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'or-mark', 'xor-mark'] },
    { name: 'or-mark', id: 'or-mark', hasArg: 1, excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'xor-mark'] },
    { name: 'xor-mark', id: 'xor-mark', hasArg: 1, excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark'] },
    { name: 'save-mark', id: 'save-mark', hasArg: 0, excl: ['set-xmark', 'set-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] },
    { name: 'restore-mark', id: 'restore-mark', hasArg: 0, excl: ['set-xmark', 'set-mark', 'save-mark', 'and-mark', 'or-mark', 'xor-mark'] },
    { name: 'mask', id: 'mask', hasArg: 1, excl: ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'nfmask', 'ctmask'] },
    { name: 'nfmask', id: 'nfmask', hasArg: 1, excl: ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'mask'] },
    { name: 'ctmask', id: 'ctmask', hasArg: 1, excl: ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'mask'] },
  ];
  private t: Extract<Target, { kind: 'CONNMARK' }> = { kind: 'CONNMARK', mode: 'set', value: 0, ctmask: 0xffffffff, nfmask: 0xffffffff };

  protected parseValue(id: string, arg: string): void {
    const num = (): number => {
      const n = strtoul(arg);
      if (!n || n.end !== arg.length || n.value > 0xffffffff) throw usage(`CONNMARK: bad value for option "--${id}", or out of range (0-4294967295).\n`);
      return n.value;
    };
    if (id === 'set-xmark' || id === 'set-mark') {
      const { value, mask } = parseMarkMask('CONNMARK', id, arg);
      Object.assign(this.t, { mode: 'set', value, ctmask: id === 'set-mark' ? (value | mask) >>> 0 : mask });
    } else if (id === 'and-mark') Object.assign(this.t, { mode: 'set', value: 0, ctmask: ~num() >>> 0 });
    else if (id === 'or-mark') {
      const v = num();
      Object.assign(this.t, { mode: 'set', value: v, ctmask: v });
    } else if (id === 'xor-mark') Object.assign(this.t, { mode: 'set', value: num(), ctmask: 0 });
    else if (id === 'save-mark') this.t.mode = 'save';
    else if (id === 'restore-mark') this.t.mode = 'restore';
    else if (id === 'mask') {
      const m = num();
      this.t.nfmask = m;
      this.t.ctmask = m;
    } else if (id === 'nfmask') this.t.nfmask = num();
    else this.t.ctmask = num();
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (xflags.size === 0) throw usage('CONNMARK target: No operation specified');
  }

  build(): Target {
    return { ...this.t };
  }
}

const PORT_PROTOS = new Set([6, 17, 132, 33, 1]);

function needPortProto(env: ParseEnv): void {
  if (!env.proto || !PORT_PROTOS.has(env.proto.num)) throw usage('Need TCP, UDP, SCTP or DCCP with port specification');
}

/**
 * `--to-ports` of MASQUERADE and REDIRECT, and the port part of `--to-destination`:
 * PORT[-PORT], the first a number or a service name, the second a number.
 */
function parseNatPorts(arg: string): PortRange {
  if (arg.includes(':')) throw usage('Invalid port:port syntax - use dash');
  const first = strtoul(arg);
  if (!first || first.value > 0xffff || /^\s*-/.test(arg)) {
    const service = parsePort(arg, 'tcp');
    if (service === null) throw usage(`Port \`${arg}' not valid`);
    return { lo: service, hi: service };
  }
  const rest = arg.slice(first.end);
  if (rest === '') return { lo: first.value, hi: first.value };
  if (!rest.startsWith('-')) throw usage(`Garbage after port value: \`${rest}'`);
  const hiText = rest.slice(1);
  const hi = strtouiWhole(hiText, 0, 0xffff);
  if (hi === null || hiText === '') throw usage(`Port \`${hiText}' not valid`);
  if (hi < first.value) throw usage(`Port range \`${hiText}' funky`);
  return { lo: first.value, hi };
}

/** `ADDR[-ADDR][:PORT[-PORT]]` of DNAT and SNAT. */
function parseNatRange(arg: string, env: ParseEnv): NatRange {
  if (arg.split(':').length > 2) throw usage(`Bad IP address "${arg}"`);
  const colon = arg.indexOf(':');
  let ports: PortRange | null = null;
  if (colon >= 0) {
    needPortProto(env);
    ports = parseNatPorts(arg.slice(colon + 1));
  }
  const addrs = colon < 0 ? arg : arg.slice(0, colon);
  if (addrs === '' && colon >= 0) return { minAddr: null, maxAddr: null, ports };
  const dash = addrs.indexOf('-');
  const ip = (text: string): Ipv4 => {
    const a = strictIpv4(text);
    if (a === null) throw usage(`Bad IP address "${text}"`);
    return a as Ipv4;
  };
  const minAddr = ip(dash < 0 ? addrs : addrs.slice(0, dash));
  const maxAddr = dash < 0 ? minAddr : ip(addrs.slice(dash + 1));
  return { minAddr, maxAddr, ports };
}

class DnatTarget extends X6Target {
  readonly name: 'DNAT' | 'SNAT';
  protected readonly x6: readonly X6Option[];
  private to: NatRange = { minAddr: null, maxAddr: null, ports: null };

  constructor(kind: 'DNAT' | 'SNAT') {
    super();
    this.name = kind;
    this.x6 = [
      { name: kind === 'DNAT' ? 'to-destination' : 'to-source', id: 'to', hasArg: 1, mandatory: true },
      { name: 'random', id: 'random', hasArg: 0 },
      ...(kind === 'SNAT' ? [{ name: 'random-fully', id: 'random-fully', hasArg: 0 as const }] : []),
      { name: 'persistent', id: 'persistent', hasArg: 0 },
    ];
  }

  private flags = new Set<string>();

  protected parseValue(id: string, arg: string, env: ParseEnv): void {
    if (id === 'to') this.to = parseNatRange(arg, env);
    else this.flags.add(id);
  }

  build(): Target {
    const t: Extract<Target, { kind: 'DNAT' | 'SNAT' }> = { kind: this.name, to: this.to };
    if (this.flags.has('random')) t.random = true;
    if (this.flags.has('random-fully') && t.kind === 'SNAT') t.randomFully = true;
    if (this.flags.has('persistent')) t.persistent = true;
    return t;
  }
}

class PortsTarget extends X6Target {
  readonly name: 'MASQUERADE' | 'REDIRECT';
  protected readonly x6: readonly X6Option[] = [{ name: 'to-ports', id: 'ports', hasArg: 1 }];
  private toPorts: PortRange | null = null;

  constructor(kind: 'MASQUERADE' | 'REDIRECT') {
    super();
    this.name = kind;
    this.unsupported = kind === 'MASQUERADE' ? unsupported('random', 'random-fully') : unsupported('random');
  }

  protected parseValue(_id: string, arg: string, env: ParseEnv): void {
    needPortProto(env);
    this.toPorts = parseNatPorts(arg);
  }

  build(): Target {
    return { kind: this.name, toPorts: this.toPorts };
  }
}

const MARK_OPS = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];

/**
 * MARK keeps what the kernel keeps, a value and a mask applied as
 * mark = (mark & ~mask) ^ value; every option is one such pair, so `op` is always 'xset'.
 */
class MarkTarget extends X6Target {
  readonly name = 'MARK';
  protected readonly x6: readonly X6Option[] = MARK_OPS.map((o) => ({ name: o, id: o, hasArg: 1 as const, excl: MARK_OPS }));
  private value = 0;
  private mask = 0;

  protected parseValue(id: string, arg: string): void {
    if (id === 'set-xmark' || id === 'set-mark') {
      const { value, mask } = parseMarkMask('MARK', id, arg);
      this.value = value;
      this.mask = id === 'set-mark' ? (value | mask) >>> 0 : mask;
      return;
    }
    const n = strtoul(arg);
    if (!n || n.end !== arg.length || n.value > 0xffffffff) throw usage(`MARK: bad value for option "--${id}", or out of range (0-4294967295).\n`);
    if (id === 'and-mark') [this.value, this.mask] = [0, ~n.value >>> 0];
    else if (id === 'or-mark') [this.value, this.mask] = [n.value, n.value];
    else [this.value, this.mask] = [n.value, 0];
  }

  protected override check(xflags: ReadonlySet<string>): void {
    if (xflags.size === 0) throw usage('MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
  }

  build(): Target {
    return { kind: 'MARK', op: 'xset', value: this.value, mask: this.mask };
  }
}

/** A target without options (TRACE, NOTRACK). */
class PlainTarget extends TargetExtension {
  readonly options: readonly ExtOption[] = [];

  constructor(readonly name: 'TRACE' | 'NOTRACK') {
    super();
  }

  parse(): void {}

  build(): Target {
    return { kind: this.name };
  }
}

/** CT: `--notrack` is the NOTRACK target; `--zone N` is kept (every zone shares one table). */
class CtTarget extends TargetExtension {
  override readonly unsupported = unsupported('zone-orig', 'zone-reply', 'helper', 'ctevents', 'expevents', 'timeout');
  readonly name = 'CT';
  readonly options: readonly ExtOption[] = [
    { name: 'notrack', hasArg: 0, id: 'notrack' },
    { name: 'zone', hasArg: 1, id: 'zone' },
  ];
  private notrack = false;
  private zone: number | null = null;

  parse(id: string, arg: string | null): void {
    if (id === 'zone') {
      const n = strtouiWhole(arg ?? '', 0, 0xffff);
      if (n === null) throw usage(`CT: bad value for option "--zone", or out of range (0-65535).\n`);
      this.zone = n;
      return;
    }
    this.notrack = true;
  }

  override final(): void {
    if (!this.notrack && this.zone === null) throw usage("Couldn't load target `CT':No such file or directory\n");
  }

  build(): Target {
    return this.notrack || this.zone === null ? { kind: 'NOTRACK' } : { kind: 'CT', zone: this.zone };
  }
}

const TARGETS: Record<string, () => TargetExtension> = {
  REJECT: () => new RejectTarget(),
  LOG: () => new LogTarget(),
  DNAT: () => new DnatTarget('DNAT'),
  SNAT: () => new DnatTarget('SNAT'),
  MASQUERADE: () => new PortsTarget('MASQUERADE'),
  REDIRECT: () => new PortsTarget('REDIRECT'),
  MARK: () => new MarkTarget(),
  TRACE: () => new PlainTarget('TRACE'),
  NOTRACK: () => new PlainTarget('NOTRACK'),
  CT: () => new CtTarget(),
  NFLOG: () => new NflogTarget(),
  ULOG: () => new UlogTarget(),
  CONNMARK: () => new ConnmarkTarget(),
};

export function loadTarget(name: string): TargetExtension | null {
  return Object.hasOwn(TARGETS, name) ? TARGETS[name]() : null;
}
