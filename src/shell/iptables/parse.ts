/**
 * The iptables command line (iptables 1.8.9, do_parse and its helpers): argv to a command
 * and the rule specs it acts on. Checks happen in the same order as in iptables, since
 * with several mistakes on one line the first one found is the one reported.
 */
import type { Ipv4 } from '../../engine/addr/ipv4.ts';
import { type AddrMatch, type IfaceMatch, type RuleSpec, type Target, emptyRuleSpec } from '../../engine/netfilter/rules.ts';
import { VERSION, UsageError, badArgument, usage } from './errors.ts';
import { dottedMaskLen, inetAton, numericIpv4 } from './addresses.ts';
import { type MatchExtension, type ParseEnv, type TargetExtension, parseInterface } from './extension.ts';
import { KNOWN_TARGETS, STANDARD_TARGETS } from './extensions.ts';
import { loadMatch } from './matches.ts';
import { loadTarget } from './targets.ts';
import { Getopt, type HasArg, type LongOption } from './getopt.ts';
import { type HostsDb, hostsDb, protocolName, protocolNumber, resolveNetwork } from './names.ts';
import { strtoul, strtouiWhole } from './numbers.ts';

/** Command bits, in iptables' order (the order matters for cmd2char and the option table). */
export const CMD = {
  INSERT: 1 << 0,
  DELETE: 1 << 1,
  DELETE_NUM: 1 << 2,
  REPLACE: 1 << 3,
  APPEND: 1 << 4,
  LIST: 1 << 5,
  FLUSH: 1 << 6,
  ZERO: 1 << 7,
  NEW_CHAIN: 1 << 8,
  DELETE_CHAIN: 1 << 9,
  SET_POLICY: 1 << 10,
  RENAME_CHAIN: 1 << 11,
  LIST_RULES: 1 << 12,
  ZERO_NUM: 1 << 13,
  CHECK: 1 << 14,
} as const;

const CMD_LETTERS = ['I', 'D', 'D', 'R', 'A', 'L', 'F', 'Z', 'N', 'X', 'P', 'E', 'S', 'Z', 'C'];

/** Commands that take a rule spec. */
export const RULE_COMMANDS = CMD.INSERT | CMD.DELETE | CMD.REPLACE | CMD.APPEND | CMD.CHECK;

/** Options that commands restrict, in the order of iptables' optflags: n s d p j v x i o 0 c f. */
const OPT_LETTERS = ['n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f'];
const OPT_INVERTIBLE = new Set(['s', 'd', 'p', 'i', 'o', 'f']);

/** commands_v_options: per command, the options it refuses ('x'). */
const ILLEGAL: Record<number, string> = {
  [CMD.INSERT]: 'nx0',
  [CMD.DELETE]: 'nx0c',
  [CMD.DELETE_NUM]: 'nsdpjxio0cf',
  [CMD.REPLACE]: 'nx0',
  [CMD.APPEND]: 'nx0',
  [CMD.LIST]: 'sdpjiocf',
  [CMD.FLUSH]: 'nsdpjxio0cf',
  [CMD.ZERO]: 'nsdpjxio0cf',
  [CMD.ZERO_NUM]: 'nsdpjxio0cf',
  [CMD.NEW_CHAIN]: 'nsdpjxio0cf',
  [CMD.DELETE_CHAIN]: 'nsdpjxio0cf',
  [CMD.SET_POLICY]: 'nsdpjxio0f',
  [CMD.RENAME_CHAIN]: 'nsdpjxio0cf',
  [CMD.LIST_RULES]: 'nsdpjxio0cf',
  [CMD.CHECK]: 'nx0c',
};

/** The iptables optstring "-:A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:vR:S::W::fg:h::m:nw::x46". */
const SHORTS = new Map<string, HasArg>(
  Object.entries({ A: 1, C: 1, D: 1, E: 1, F: 2, I: 1, L: 2, M: 1, N: 1, P: 1, V: 0, X: 2, Z: 2, c: 1, d: 1, i: 1, j: 1, o: 1, p: 1, s: 1, t: 1, v: 0, R: 1, S: 2, W: 2, f: 0, g: 1, h: 2, m: 1, n: 0, w: 2, x: 0, '4': 0, '6': 0 }) as [string, HasArg][],
);

const LONGS: readonly LongOption[] = [
  { name: 'append', hasArg: 1, key: 'A' },
  { name: 'delete', hasArg: 1, key: 'D' },
  { name: 'check', hasArg: 1, key: 'C' },
  { name: 'insert', hasArg: 1, key: 'I' },
  { name: 'replace', hasArg: 1, key: 'R' },
  { name: 'list', hasArg: 2, key: 'L' },
  { name: 'list-rules', hasArg: 2, key: 'S' },
  { name: 'flush', hasArg: 2, key: 'F' },
  { name: 'zero', hasArg: 2, key: 'Z' },
  { name: 'new-chain', hasArg: 1, key: 'N' },
  { name: 'delete-chain', hasArg: 2, key: 'X' },
  { name: 'rename-chain', hasArg: 1, key: 'E' },
  { name: 'policy', hasArg: 1, key: 'P' },
  { name: 'source', hasArg: 1, key: 's' },
  { name: 'destination', hasArg: 1, key: 'd' },
  { name: 'src', hasArg: 1, key: 's' },
  { name: 'dst', hasArg: 1, key: 'd' },
  { name: 'protocol', hasArg: 1, key: 'p' },
  { name: 'in-interface', hasArg: 1, key: 'i' },
  { name: 'jump', hasArg: 1, key: 'j' },
  { name: 'table', hasArg: 1, key: 't' },
  { name: 'match', hasArg: 1, key: 'm' },
  { name: 'numeric', hasArg: 0, key: 'n' },
  { name: 'out-interface', hasArg: 1, key: 'o' },
  { name: 'verbose', hasArg: 0, key: 'v' },
  { name: 'wait', hasArg: 2, key: 'w' },
  { name: 'wait-interval', hasArg: 2, key: 'W' },
  { name: 'exact', hasArg: 0, key: 'x' },
  { name: 'fragments', hasArg: 0, key: 'f' },
  { name: 'version', hasArg: 0, key: 'V' },
  { name: 'help', hasArg: 2, key: 'h' },
  { name: 'line-numbers', hasArg: 0, key: '0' },
  { name: 'modprobe', hasArg: 1, key: 'M' },
  { name: 'set-counters', hasArg: 1, key: 'c' },
  { name: 'goto', hasArg: 1, key: 'g' },
  { name: 'ipv4', hasArg: 0, key: '4' },
  { name: 'ipv6', hasArg: 0, key: '6' },
];

/** Longest chain or extension name plus one (XT_EXTENSION_MAXNAMELEN). */
export const MAX_NAME = 29;

export interface Counters {
  packets: number;
  bytes: number;
}

export interface IptablesCommand {
  /** CMD bits; -L and -Z may be combined. */
  command: number;
  table: string;
  chain: string | null;
  /** 1-based rule number; 0 when none was given. */
  rulenum: number;
  newName: string | null;
  policy: string | null;
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  counters: Counters | null;
  /** One spec per source/destination pair, in the order iptables adds them. */
  specs: RuleSpec[];
  /** -j/-g to a chain: it must exist in the table. */
  jumpChain: string | null;
}

/** What the parser produced: a command to run, or text to print and exit (-V, -h). */
export type ParseOutcome = { kind: 'command'; command: IptablesCommand } | { kind: 'exit'; stdout: string; code: number };

export interface ParseOptions {
  /** Parsing a line of iptables-restore: -t and -w are refused there. */
  restore?: boolean;
  /** The table of the current iptables-restore section. */
  table?: string;
  /** Text of `iptables -h`. */
  help?: string;
  /** The machine's /etc/hosts, for host names in addresses. */
  hosts?: HostsDb;
  /** Where warnings go (stderr); they do not stop the command. */
  warn?: (text: string) => void;
}

/** Parse an iptables command line (argv[0] is the program name). Throws UsageError. */
export function parseIptables(argv: readonly string[], opts: ParseOptions = {}): ParseOutcome {
  return new Parser(argv, opts).run();
}

class Parser {
  private readonly g: Getopt;
  private command = 0;
  private chain: string | null = null;
  private rulenum = 0;
  private newName: string | null = null;
  private policy: string | null = null;
  private table: string;
  private options = 0;
  private readonly inverted = new Set<string>();
  private verbose = 0;
  private protocol: { num: number; name: string } | null = null;
  private protoUsed = false;
  private source: string | null = null;
  private destination: string | null = null;
  private inIface: IfaceMatch | null = null;
  private outIface: IfaceMatch | null = null;
  private readonly matches: MatchExtension[] = [];
  private target: TargetExtension | null = null;
  private jumpto: string | null = null;
  private goto = false;
  private counters: Counters | null = null;
  private invert = false;
  private wait: number | null = null;
  private waitInterval = false;
  private readonly hosts: HostsDb;

  constructor(
    argv: readonly string[],
    private readonly opts: ParseOptions,
  ) {
    this.g = new Getopt(argv, SHORTS);
    this.table = opts.table ?? 'filter';
    this.hosts = opts.hosts ?? hostsDb();
  }

  run(): ParseOutcome {
    for (;;) {
      const r = this.g.next(this.longOptions());
      if (r.kind === 'end') break;
      if (r.kind === 'nonoption') {
        if (r.arg !== '!') throw badArgument(r.arg);
        if (this.invert) throw usage('multiple consecutive ! not allowed');
        this.invert = true;
        continue;
      }
      if (r.kind === 'missing-argument' || r.kind === 'unknown') {
        // An option of the protocol's match (`-p tcp --dport`): load it and read the word again.
        if (this.loadProtoMatch()) {
          this.g.rewind();
          continue;
        }
        if (r.kind === 'missing-argument') throw usage(`option "${r.text}" requires an argument`);
        throw usage(`unknown option "${r.text}"`);
      }
      const exit = this.option(r.key, r.arg);
      if (exit) return exit;
      this.invert = false;
    }
    return { kind: 'command', command: this.finish() };
  }

  /** The base options plus those of every extension loaded so far. */
  private longOptions(): LongOption[] {
    const exts: (MatchExtension | TargetExtension)[] = [...this.matches];
    if (this.target) exts.push(this.target);
    const seen = new Set<string>();
    const extra: LongOption[] = [];
    for (const e of exts) {
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      for (const o of e.options) extra.push({ name: o.name, hasArg: o.hasArg, key: `ext:${e.name}:${o.id}` });
      for (const o of e.unsupported) extra.push({ name: o.name, hasArg: o.hasArg, key: `ext:${e.name}:unsupported:${o.name}` });
    }
    return [...LONGS, ...extra];
  }

  private env(): ParseEnv {
    return {
      proto: this.protocol ? { num: this.protocol.num, invert: this.inverted.has('p') } : null,
      takeExtraArg: () => (this.hasArg() ? this.g.take() : null),
      warn: (text) => this.opts.warn?.(text),
      hosts: this.hosts,
    };
  }

  /** xs_has_arg: is the next word an argument rather than an option? */
  private hasArg(): boolean {
    const w = this.g.peek();
    return w !== undefined && !w.startsWith('-') && !w.startsWith('!');
  }

  private option(key: string, arg: string | null): ParseOutcome | null {
    if (key.startsWith('ext:')) {
      this.extensionOption(key, arg);
      return null;
    }
    if ('ACDRILSFZNXEP'.includes(key)) {
      this.commandOption(key, arg);
      return null;
    }
    return this.plainOption(key, arg ?? '');
  }

  private commandOption(key: string, arg: string | null): void {
    const a = arg ?? '';
    switch (key) {
      case 'A':
        return this.setCommand(CMD.APPEND, 0, a);
      case 'C':
        return this.setCommand(CMD.CHECK, 0, a);
      case 'D':
        this.setCommand(CMD.DELETE, 0, a);
        if (this.hasArg()) {
          this.rulenum = parseRulenum(this.g.take());
          this.command = CMD.DELETE_NUM;
        }
        return;
      case 'R':
        this.setCommand(CMD.REPLACE, 0, a);
        if (!this.hasArg()) throw usage('-R requires a rule number');
        this.rulenum = parseRulenum(this.g.take());
        return;
      case 'I':
        this.setCommand(CMD.INSERT, 0, a);
        this.rulenum = this.hasArg() ? parseRulenum(this.g.take()) : 1;
        return;
      case 'L':
      case 'S':
        this.setCommand(key === 'L' ? CMD.LIST : CMD.LIST_RULES, CMD.ZERO | CMD.ZERO_NUM, this.optionalChain(arg));
        if (this.hasArg()) this.rulenum = parseRulenum(this.g.take());
        return;
      case 'F':
        return this.setCommand(CMD.FLUSH, 0, this.optionalChain(arg));
      case 'Z':
        this.setCommand(CMD.ZERO, CMD.LIST | CMD.LIST_RULES, this.optionalChain(arg));
        if (this.hasArg()) {
          this.rulenum = parseRulenum(this.g.take());
          // iptables replaces the whole command here, so `-L -Z CHAIN N` only zeroes.
          this.command = CMD.ZERO_NUM;
        }
        return;
      case 'N':
        assertValidChainName(a);
        return this.setCommand(CMD.NEW_CHAIN, 0, a);
      case 'X':
        return this.setCommand(CMD.DELETE_CHAIN, 0, this.optionalChain(arg));
      case 'E':
        this.setCommand(CMD.RENAME_CHAIN, 0, a);
        if (!this.hasArg()) throw usage('-E requires old-chain-name and new-chain-name');
        // do_parse takes the new name as it is: -E checks neither its length nor a clash with
        // a target name (only -N does).
        this.newName = this.g.take();
        return;
      default:
        this.setCommand(CMD.SET_POLICY, 0, null);
        if (!this.hasArg()) throw usage('-P requires a chain and a policy');
        this.chain = a;
        this.policy = this.g.take();
    }
  }

  /** `-F`, `-L CHAIN`, `-LCHAIN`: the chain is optional. */
  private optionalChain(arg: string | null): string | null {
    if (arg !== null) return arg;
    return this.hasArg() ? this.g.take() : null;
  }

  private setCommand(cmd: number, others: number, chain: string | null): void {
    if (this.invert) throw usage("unexpected '!' flag");
    const clash = this.command & ~others;
    if (clash) throw usage(`Cannot use -${cmdLetter(cmd)} with -${cmdLetter(clash)}`);
    this.command |= cmd;
    if (chain !== null) this.chain = chain;
  }

  private setOption(letter: string): void {
    const bit = 1 << OPT_LETTERS.indexOf(letter);
    if (this.options & bit) throw usage(`multiple -${letter} flags not allowed`);
    this.options |= bit;
    if (!this.invert) return;
    if (!OPT_INVERTIBLE.has(letter)) throw usage(`cannot have ! before -${letter}`);
    this.inverted.add(letter);
  }

  private plainOption(key: string, arg: string): ParseOutcome | null {
    switch (key) {
      case 'p':
        this.protocolOption(arg);
        break;
      case 's':
        this.setOption('s');
        this.source = arg;
        break;
      case 'd':
        this.setOption('d');
        this.destination = arg;
        break;
      case 'i':
      case 'o':
        if (arg === '') throw usage('Empty interface is likely to be undesired');
        this.setOption(key);
        if (key === 'i') this.inIface = parseInterface(arg, this.invert, this.env());
        else this.outIface = parseInterface(arg, this.invert, this.env());
        break;
      case 'j':
        this.setOption('j');
        if (arg !== 'CONTINUE') this.jump(arg);
        break;
      case 'g':
        this.setOption('j');
        this.goto = true;
        this.jumpto = checkTargetName(arg);
        break;
      case 'f':
        this.setOption('f');
        break;
      case 'v':
        if (!this.verbose) this.setOption('v');
        this.verbose++;
        break;
      case 'm':
        this.match(arg);
        break;
      case 'n':
      case 'x':
        this.setOption(key);
        break;
      case '0':
        this.setOption('0');
        break;
      case 't':
        if (this.invert) throw usage('unexpected ! flag before --table');
        if (this.opts.restore) throw usage('The -t option cannot be used in iptables-restore.\n');
        this.table = arg;
        break;
      case 'c':
        this.setOption('c');
        this.counters = this.countersOption(arg);
        break;
      case 'w':
        if (this.opts.restore) throw usage("You cannot use `-w' from iptables-restore");
        this.wait = this.waitOption(arg);
        break;
      case 'W':
        if (this.opts.restore) throw usage("You cannot use `-W' from iptables-restore");
        this.waitIntervalOption(arg);
        break;
      case 'V':
        return { kind: 'exit', stdout: this.invert ? `Not ${VERSION.slice(1)} ;-)\n` : `iptables ${VERSION}\n`, code: 0 };
      case 'h':
        return { kind: 'exit', stdout: this.opts.help ?? '', code: 0 };
      case '6':
        throw new UsageError('try-help', '');
      default:
        // -M (modprobe program) and -4: nothing to do in the simulator.
        break;
    }
    return null;
  }

  private protocolOption(arg: string): void {
    this.setOption('p');
    const name = arg.toLowerCase();
    const num = strtouiWhole(name, 0, 255) ?? (name === 'all' ? 0 : protocolNumber(name));
    if (num === null) throw usage(`unknown protocol "${name}" specified`);
    if (num === 0 && this.invert) throw usage('rule would never match protocol');
    this.protocol = { num, name };
  }

  private countersOption(arg: string): Counters {
    const comma = arg.indexOf(',');
    let bytes = comma >= 0 ? arg.slice(comma + 1) : null;
    if (bytes === null && this.hasArg()) bytes = this.g.take();
    if (bytes === null) throw usage('-c requires packet and byte counter');
    const packets = scanUnsigned(arg);
    if (packets === null) throw usage('-c packet counter not numeric');
    const b = scanUnsigned(bytes);
    if (b === null) throw usage('-c byte counter not numeric');
    return { packets, bytes: b };
  }

  private waitOption(arg: string): number {
    const text = arg !== '' ? arg : this.hasArg() ? this.g.take() : null;
    if (text === null) return -1;
    const n = strtoul(text);
    if (!n) throw usage('wait seconds not numeric');
    return n.value;
  }

  private waitIntervalOption(arg: string): void {
    const text = arg !== '' ? arg : this.hasArg() ? this.g.take() : null;
    if (text === null) throw usage('wait interval value required');
    const n = /^\s*\+?\d+/.exec(text);
    if (!n) throw usage('wait interval not numeric');
    const usec = Number(n[0].trim());
    if (usec > 999999) throw usage(`too long usec wait ${usec} > 999999 usec`);
    this.opts.warn?.('Ignoring deprecated --wait-interval option.\n');
    this.waitInterval = true;
  }

  /** -j: a standard verdict, a target extension, or else a chain. */
  private jump(name: string): void {
    this.jumpto = checkTargetName(name);
    if (STANDARD_TARGETS.has(name)) return;
    const t = loadTarget(name);
    if (t) {
      // The kernel has no xt_ULOG (nf_tables): libxtables warns when it loads the extension.
      if (name === 'ULOG') this.opts.warn?.('Warning: Extension ULOG revision 0 not supported, missing kernel module?\n');
      this.target = t;
      return;
    }
    if (KNOWN_TARGETS.has(name)) throw usage(`Couldn't load target \`${name}':No such file or directory\n`);
  }

  private match(name: string): void {
    if (this.invert) throw usage('unexpected ! flag before --match');
    const m = loadMatch(name);
    if (!m) throw usage(`Couldn't load match \`${name}':No such file or directory\n`);
    this.addMatch(m);
  }

  private addMatch(m: MatchExtension): void {
    for (const old of this.matches) if (old.name === m.name) old.completed = true;
    this.matches.push(m);
  }

  /** load_proto: `-p tcp` also means "load the tcp match when one of its options shows up". */
  private loadProtoMatch(): boolean {
    if (!this.protocol || this.protoUsed) return false;
    this.protoUsed = true;
    const numeric = /^\d/.test(this.protocol.name);
    const name = numeric ? protocolName(this.protocol.num) : this.protocol.name;
    if (name !== 'tcp' && name !== 'udp' && name !== 'icmp') return false;
    const m = loadMatch(name);
    if (!m) return false;
    this.addMatch(m);
    return true;
  }

  private extensionOption(key: string, arg: string | null): void {
    const [, ext, id, option] = key.split(':');
    if (id === 'unsupported') throw usage(`unknown option "--${option}"`);
    const env = this.env();
    if (this.target?.name === ext) return this.target.parse(id, arg, this.invert, env);
    const m = this.matches.find((x) => x.name === ext && !x.completed) as MatchExtension;
    m.parse(id, arg, this.invert, env);
  }

  /** Everything iptables checks once the whole line is read. */
  private finish(): IptablesCommand {
    if (this.table === 'nat' && (this.policy === 'DROP' || this.jumpto === 'DROP'))
      throw usage('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
    if (this.wait === null && this.waitInterval) throw usage('--wait-interval only makes sense with --wait\n');
    for (const m of this.matches) m.final();
    this.target?.final();
    // Words after `--` are left over: iptables has no use for them.
    if (this.g.hasMore()) throw usage('unknown arguments found on commandline');
    if (!this.command) throw usage('no command specified');
    if (this.invert) throw usage('nothing appropriate following !');
    const isRule = (this.command & RULE_COMMANDS) !== 0;
    const srcs = this.addresses(this.source ?? (isRule ? '0.0.0.0/0' : null), 's');
    const dsts = this.addresses(this.destination ?? (isRule ? '0.0.0.0/0' : null), 'd');
    if ((srcs.length > 1 || dsts.length > 1) && (this.inverted.has('s') || this.inverted.has('d')))
      throw usage('! not allowed with multiple source or destination IP addresses');
    this.checkOptions();
    if (this.chain !== null && this.chain.length >= MAX_NAME) throw usage(`chain name \`${this.chain}' too long (must be under ${MAX_NAME} chars)`);
    if (isRule) this.checkDirection();
    if (this.command === CMD.REPLACE && (srcs.length !== 1 || dsts.length !== 1)) throw usage('Replacement rule does not specify a unique address');
    return {
      command: this.command,
      table: this.table,
      chain: this.chain,
      rulenum: this.rulenum,
      newName: this.newName,
      policy: this.policy,
      numeric: this.has('n'),
      verbose: this.verbose > 0,
      exact: this.has('x'),
      lineNumbers: this.has('0'),
      counters: this.counters,
      specs: isRule ? this.specs(srcs, dsts) : [],
      jumpChain: this.jumpto !== null && !this.target && !STANDARD_TARGETS.has(this.jumpto) ? this.jumpto : null,
    };
  }

  private has(letter: string): boolean {
    return (this.options & (1 << OPT_LETTERS.indexOf(letter))) !== 0;
  }

  /** generic_opt_check: an option is fine if any of the given commands allows it. */
  private checkOptions(): void {
    OPT_LETTERS.forEach((letter, i) => {
      if (!(this.options & (1 << i))) return;
      let legal = 0;
      for (const [bit, illegal] of Object.entries(ILLEGAL)) {
        if (!(this.command & Number(bit))) continue;
        if (!illegal.includes(letter)) legal = 1;
        else if (legal === 0) legal = -1;
      }
      if (legal === -1) throw usage(`Illegal option \`-${letter}' with this command`);
    });
  }

  /** Packets entering have no output interface yet, and leaving ones no input interface. */
  private checkDirection(): void {
    if ((this.chain === 'PREROUTING' || this.chain === 'INPUT') && this.has('o')) throw usage(`Can't use -o with ${this.chain}\n`);
    if ((this.chain === 'POSTROUTING' || this.chain === 'OUTPUT') && this.has('i')) throw usage(`Can't use -i with ${this.chain}\n`);
  }

  private addresses(text: string | null, letter: 's' | 'd'): (AddrMatch | null)[] {
    if (text === null) return [null];
    return text.split(',').map((item) => parseAddress(item, this.inverted.has(letter), this.hosts));
  }

  /** One spec per source and destination, sources outermost (as iptables adds them). */
  private specs(srcs: (AddrMatch | null)[], dsts: (AddrMatch | null)[]): RuleSpec[] {
    const base = emptyRuleSpec();
    if (this.inIface && (this.inIface.name !== '' || !this.inIface.wildcard || this.inverted.has('i'))) base.in = this.inIface;
    if (this.outIface && (this.outIface.name !== '' || !this.outIface.wildcard || this.inverted.has('o'))) base.out = this.outIface;
    // `-p all` is the same as no -p at all.
    if (this.protocol && this.protocol.num !== 0) base.proto = { ...this.protocol, invert: this.inverted.has('p') };
    if (this.has('f')) base.fragment = { invert: this.inverted.has('f') };
    base.matches = this.matches.map((m) => m.build());
    base.target = this.buildTarget();
    const out: RuleSpec[] = [];
    for (const src of srcs) for (const dst of dsts) out.push(structuredClone({ ...base, src, dst }));
    return out;
  }

  private buildTarget(): Target | null {
    if (this.target) return this.target.build();
    const j = this.jumpto;
    if (j === null) return null;
    if (j === 'ACCEPT' || j === 'DROP' || j === 'RETURN') return { kind: j };
    return { kind: 'jump', chain: j, goto: this.goto };
  }
}

function cmdLetter(bits: number): string {
  let i = 0;
  for (let b = bits; b > 1; b >>= 1) i++;
  return CMD_LETTERS[i];
}

function parseRulenum(text: string): number {
  const n = strtouiWhole(text, 1, 0x7fffffff);
  if (n === null) throw usage(`Invalid rule number \`${text}'`);
  return n;
}

/** sscanf("%llu"): leading blanks and digits, anything may follow. */
function scanUnsigned(text: string): number | null {
  const m = /^\s*\+?(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

function assertValidChainName(name: string): void {
  if (name.length >= MAX_NAME) throw usage(`chain name \`${name}' too long (must be under ${MAX_NAME} chars)`);
  if (name.startsWith('-') || name.startsWith('!')) throw usage(`chain name not allowed to start with \`${name[0]}'`);
  if (KNOWN_TARGETS.has(name)) throw usage('chain name may not clash with target name');
  if (/\s/.test(name)) throw usage(`Invalid chain name \`${name}'`);
}

function checkTargetName(name: string): string {
  if (name.length < 1) throw usage('Invalid target name (too short)');
  if (name.length >= MAX_NAME) throw usage(`Invalid target name \`${name}' (${MAX_NAME - 1} chars max)`);
  if (/\s/.test(name)) throw usage(`Invalid target name \`${name}'`);
  return name;
}

/**
 * One item of -s/-d: ADDRESS[/MASK] where ADDRESS is numeric, a host name or a network name
 * and MASK a length or dotted. The address is stored masked, as the kernel keeps it.
 */
function parseAddress(item: string, invert: boolean, hosts: HostsDb): AddrMatch | null {
  const slash = item.lastIndexOf('/');
  const maskText = slash >= 0 ? item.slice(slash + 1) : null;
  const host = slash >= 0 ? item.slice(0, slash) : item;
  let len = 32;
  if (maskText !== null) {
    const dotted = dottedMaskLen(maskText);
    const bits = strtouiWhole(maskText, 0, 32);
    // A non-contiguous dotted mask is valid in iptables but has no place in the rule model.
    if (typeof dotted === 'number') len = dotted;
    else if (dotted === null && bits !== null) len = bits;
    else throw usage(`invalid mask \`${maskText}' specified`);
  }
  const addr = numericIpv4(host) ?? hosts.byName(host) ?? inetAton(host) ?? resolveNetwork(host);
  if (addr === null) throw usage(`host/network \`${host}' not found`);
  // 0.0.0.0/0 is no condition; negated, it is a rule nf_tables refuses (see checks.ts).
  if (len === 0) return invert ? { addr: 0 as Ipv4, len: 0, invert } : null;
  const mask = len === 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
  return { addr: ((addr & mask) >>> 0) as Ipv4, len, invert };
}
