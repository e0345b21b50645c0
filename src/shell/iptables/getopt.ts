/**
 * glibc's getopt_long as iptables drives it: optstring "-:..." (non-options come back in
 * order, a missing argument is reported separately from an unknown option), long options
 * matched by unique prefix, and an option table that grows while parsing (an extension's
 * options join it once the extension is loaded), so every call takes the current table.
 */

/** 0: no argument, 1: required, 2: optional (only attached: `-Lname`, `--list=name`). */
export type HasArg = 0 | 1 | 2;

export interface LongOption {
  name: string;
  hasArg: HasArg;
  /** What the option means; aliases (`--sport`, `--source-port`) share a key. */
  key: string;
}

export type GetoptResult =
  /** `text` is the argv word as typed, for messages that quote it. */
  | { kind: 'option'; key: string; arg: string | null; text: string }
  | { kind: 'nonoption'; arg: string }
  | { kind: 'missing-argument'; text: string }
  | { kind: 'unknown'; text: string }
  | { kind: 'end' };

export class Getopt {
  /** Index of the next argv word, as getopt's optind. */
  optind = 1;
  /** Rest of a bundle of short options (`-nvL`). */
  private cluster = '';

  constructor(
    private readonly argv: readonly string[],
    private readonly shorts: ReadonlyMap<string, HasArg>,
  ) {}

  /** The word at optind, if any: iptables peeks at it for rule numbers and chain names. */
  peek(): string | undefined {
    return this.argv[this.optind];
  }

  /** Consume the word at optind (after a successful peek). */
  take(): string {
    return this.argv[this.optind++];
  }

  /** Step back one word so it is scanned again (iptables does this after loading an extension). */
  rewind(): void {
    this.cluster = '';
    this.optind--;
  }

  hasMore(): boolean {
    return this.optind < this.argv.length;
  }

  next(longs: readonly LongOption[]): GetoptResult {
    if (this.cluster) return this.shortOption();
    if (this.optind >= this.argv.length) return { kind: 'end' };
    const word = this.argv[this.optind];
    if (word === '--') {
      this.optind++;
      return { kind: 'end' };
    }
    if (word.startsWith('--')) return this.longOption(word, longs);
    if (word.startsWith('-') && word.length > 1) {
      this.optind++;
      this.cluster = word.slice(1);
      return this.shortOption();
    }
    this.optind++;
    return { kind: 'nonoption', arg: word };
  }

  private shortOption(): GetoptResult {
    const c = this.cluster[0];
    this.cluster = this.cluster.slice(1);
    const word = this.argv[this.optind - 1];
    const hasArg = this.shorts.get(c);
    if (hasArg === undefined) return { kind: 'unknown', text: `-${c}` };
    if (hasArg === 0) return { kind: 'option', key: c, arg: null, text: word };
    if (this.cluster) {
      const arg = this.cluster;
      this.cluster = '';
      return { kind: 'option', key: c, arg, text: word };
    }
    if (hasArg === 2) return { kind: 'option', key: c, arg: null, text: word };
    if (this.optind >= this.argv.length) return { kind: 'missing-argument', text: word };
    return { kind: 'option', key: c, arg: this.argv[this.optind++], text: word };
  }

  private longOption(word: string, longs: readonly LongOption[]): GetoptResult {
    this.optind++;
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const found = matchLong(name, longs);
    if (!found) return { kind: 'unknown', text: word };
    if (eq >= 0) {
      if (found.hasArg === 0) return { kind: 'unknown', text: word };
      return { kind: 'option', key: found.key, arg: word.slice(eq + 1), text: word };
    }
    if (found.hasArg !== 1) return { kind: 'option', key: found.key, arg: null, text: word };
    if (this.optind >= this.argv.length) return { kind: 'missing-argument', text: word };
    return { kind: 'option', key: found.key, arg: this.argv[this.optind++], text: word };
  }
}

/** An exact name wins; otherwise a unique prefix (prefixes of aliases of one option are not ambiguous). */
function matchLong(name: string, longs: readonly LongOption[]): LongOption | null {
  if (name === '') return null;
  const exact = longs.find((o) => o.name === name);
  if (exact) return exact;
  const candidates = longs.filter((o) => o.name.startsWith(name));
  if (candidates.length === 0) return null;
  const first = candidates[0];
  return candidates.every((o) => o.key === first.key && o.hasArg === first.hasArg) ? first : null;
}
