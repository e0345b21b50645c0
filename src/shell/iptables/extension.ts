/**
 * The extension framework: what a match or target extension is, and libxtables' "x6" option
 * framework whose checks (used twice, cannot be inverted, must be specified, cannot be used
 * together) every x6 extension shares. Value parsers used by several extensions live here too.
 */
import type { IfaceMatch, Match, Target } from '../../engine/netfilter/rules.ts';
import { usage } from './errors.ts';
import type { HasArg } from './getopt.ts';
import type { HostsDb } from './names.ts';
import { strtouiPrefix } from './numbers.ts';

export interface ExtOption {
  name: string;
  hasArg: HasArg;
  id: string;
}

/** What an extension may look at while parsing its options. */
export interface ParseEnv {
  /** `-p` as given so far. */
  proto: { num: number; invert: boolean } | null;
  /** The next argv word when it is not an option (`--tcp-flags MASK COMP` takes two). */
  takeExtraArg(): string | null;
  /** A warning on stderr that does not stop the command. */
  warn(text: string): void;
  /** The machine's /etc/hosts. */
  hosts: HostsDb;
}

export abstract class Extension {
  abstract readonly name: string;
  abstract readonly options: readonly ExtOption[];
  /**
   * Options the real extension has but the rule model cannot hold. They still take part in
   * option-name matching (so `--ctstat` stays ambiguous), and using one is an unknown option.
   */
  unsupported: readonly ExtOption[] = [];
  abstract parse(id: string, arg: string | null, invert: boolean, env: ParseEnv): void;
  /** Checks once the whole command line is read. */
  final(): void {}
}

export abstract class MatchExtension extends Extension {
  /** A later `-m` of the same extension takes over its options (xtables_find_match). */
  completed = false;
  abstract build(): Match;
}

export abstract class TargetExtension extends Extension {
  abstract build(): Target;
}

/** Options listed only for name matching (see Extension.unsupported); flags take no argument. */
const FLAG_OPTIONS = new Set(['log-tcp-sequence', 'log-tcp-options', 'log-ip-options', 'log-uid', 'log-macdecode', 'random', 'random-fully', 'persistent']);

export function unsupported(...names: string[]): ExtOption[] {
  return names.map((name) => ({ name, hasArg: FLAG_OPTIONS.has(name) ? 0 : 1, id: 'unsupported' }));
}

// ---------------------------------------------------------------- the x6 option framework

export interface X6Option {
  name: string;
  id: string;
  hasArg: HasArg;
  invert?: boolean;
  mandatory?: boolean;
  /** Ids it cannot be combined with (checked when the command line is complete). */
  excl?: readonly string[];
}

export abstract class X6Match extends MatchExtension {
  protected abstract readonly x6: readonly X6Option[];
  private readonly xflags = new Set<string>();

  get options(): ExtOption[] {
    return this.x6.map((o) => ({ name: o.name, hasArg: o.hasArg, id: o.id }));
  }

  parse(id: string, arg: string | null, invert: boolean, env: ParseEnv): void {
    x6Check(this.name, this.x6, this.xflags, id, invert);
    this.parseValue(id, arg ?? '', invert, env);
    this.xflags.add(id);
  }

  override final(): void {
    this.check(this.xflags);
    x6Final(this.name, this.x6, this.xflags);
  }

  /** The extension's own final check, which libxtables runs before its generic one. */
  protected check(_xflags: ReadonlySet<string>): void {}
  protected abstract parseValue(id: string, arg: string, invert: boolean, env: ParseEnv): void;
}

export abstract class X6Target extends TargetExtension {
  protected abstract readonly x6: readonly X6Option[];
  private readonly xflags = new Set<string>();

  get options(): ExtOption[] {
    return this.x6.map((o) => ({ name: o.name, hasArg: o.hasArg, id: o.id }));
  }

  parse(id: string, arg: string | null, invert: boolean, env: ParseEnv): void {
    x6Check(this.name, this.x6, this.xflags, id, invert);
    this.parseValue(id, arg ?? '', env);
    this.xflags.add(id);
  }

  override final(): void {
    this.check(this.xflags);
    x6Final(this.name, this.x6, this.xflags);
  }

  protected check(_xflags: ReadonlySet<string>): void {}
  protected abstract parseValue(id: string, arg: string, env: ParseEnv): void;
}

/** The primary (first) entry of an id: messages name an option by it, not by the alias typed. */
export function primary(table: readonly X6Option[], id: string): X6Option {
  return table.find((o) => o.id === id) as X6Option;
}

function x6Check(ext: string, table: readonly X6Option[], xflags: ReadonlySet<string>, id: string, invert: boolean): void {
  const entry = primary(table, id);
  if (xflags.has(id)) throw usage(`${ext}: option "--${entry.name}" can only be used once.\n`);
  if (invert && !entry.invert) throw usage(`${ext}: option "--${entry.name}" cannot be inverted.\n`);
}

/** xtables_options_fcheck: in table order, a missing mandatory option or a forbidden pair. */
function x6Final(ext: string, table: readonly X6Option[], xflags: ReadonlySet<string>): void {
  const ids = [...new Set(table.map((o) => o.id))];
  for (const id of ids) {
    const entry = primary(table, id);
    if (entry.mandatory && !xflags.has(id)) throw usage(`${ext}: option "--${entry.name}" must be specified\n`);
    if (!xflags.has(id) || !entry.excl) continue;
    const other = ids.find((o) => o !== id && entry.excl?.includes(o) && xflags.has(o));
    if (other) throw usage(`${ext}: option "--${entry.name}" cannot be used together with "--${primary(table, other).name}".\n`);
  }
}

// ---------------------------------------------------------------- shared value parsers

const IFNAMSIZ = 16;

/** xtables_parse_interface: `+` at the end is a wildcard; odd characters only warn. */
export function parseInterface(arg: string, invert: boolean, env: ParseEnv): IfaceMatch {
  if (arg.length >= IFNAMSIZ) throw usage(`interface name \`${arg}' must be shorter than IFNAMSIZ (${IFNAMSIZ - 1})`);
  if (arg.includes('/') || arg.includes(' ')) env.warn(`Warning: weird character in interface \`${arg}' ('/' and ' ' are not allowed by the kernel).\n`);
  const wildcard = arg.endsWith('+');
  return { name: wildcard ? arg.slice(0, -1) : arg, wildcard, invert };
}

/** libxtables' mark[/mask] type, 32-bit values in C number syntax. */
export function parseMarkMask(ext: string, option: string, arg: string): { value: number; mask: number } {
  const bad = () => usage(`${ext}: bad integer value for option "--${option}", or out of range.\n`);
  const v = strtouiPrefix(arg, 0, 0xffffffff);
  if (!v) throw bad();
  let end = v.end;
  let mask = 0xffffffff;
  if (arg[end] === '/') {
    const m = strtouiPrefix(arg, end + 1, 0xffffffff);
    if (!m) throw bad();
    mask = m.value;
    end = m.end;
  }
  if (end !== arg.length) throw usage(`${ext}: trailing garbage after value for option "--${option}".\n`);
  return { value: v.value, mask };
}

