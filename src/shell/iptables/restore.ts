/**
 * iptables-restore (nf_tables): reads the iptables-save format. Each `*table` ... `COMMIT`
 * section is one batch: without --noflush the table is deleted and rebuilt from the section;
 * a failing section changes nothing, sections committed before it stay. Lines are parsed as
 * they are read (a syntax error names its line) and run when COMMIT is reached.
 */
import type { NetNs } from '../../engine/net/netns.ts';
import type { Chain, TableName } from '../../engine/netfilter/rules.ts';
import { isBuiltin, flushChain, newChain, setPolicy } from '../../engine/netfilter/tables.ts';
import { EXIT, UsageError, VERSION, formatUsage, usage } from './errors.ts';
import { type ExecFailure, execute } from './execute.ts';
import type { HostsDb } from './names.ts';
import { type IptablesCommand, parseIptables } from './parse.ts';
import { beginBatch, deleteTable, existingTable, isTableName, materialize, viewTable, writeTable } from './state.ts';

export interface RestoreOptions {
  counters: boolean;
  noflush: boolean;
  test: boolean;
  /** -T: restore only this table's section. */
  only: string | null;
}

export interface RestoreIo {
  out(text: string): void;
  err(text: string): void;
  hosts: HostsDb;
}

const PROGRAM = 'iptables-restore';

type Step =
  | { kind: 'chain'; line: number; chain: string; policy: string; counters: { packets: number; bytes: number } | null }
  | { kind: 'command'; line: number; command: IptablesCommand };

interface Section {
  table: TableName;
  skip: boolean;
  steps: Step[];
}

/** A failure of the whole run: text for stderr and the exit code. */
class RestoreError extends Error {
  constructor(
    readonly text: string,
    readonly code: number,
  ) {
    super(text);
  }
}

function usageAt(e: UsageError, line: number): RestoreError {
  return new RestoreError(formatUsage(PROGRAM, e, line), EXIT.parameter);
}

/** Restore `text` into the namespace; returns the exit code. */
export function restore(ns: NetNs, text: string, opts: RestoreOptions, io: RestoreIo): number {
  try {
    new Restorer(ns, opts, io).run(text);
    return 0;
  } catch (e) {
    if (!(e instanceof RestoreError)) throw e;
    io.err(e.text);
    return e.code;
  }
}

class Restorer {
  private section: Section | null = null;

  constructor(
    private readonly ns: NetNs,
    private readonly opts: RestoreOptions,
    private readonly io: RestoreIo,
  ) {}

  run(text: string): void {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => this.line(line, i + 1));
    if (this.section) throw new RestoreError(`${PROGRAM}: COMMIT expected at line ${lines.length + 1}\n`, EXIT.other);
  }

  private line(text: string, n: number): void {
    if (text === '' || text.startsWith('#')) return;
    const s = this.section;
    if (text === 'COMMIT') {
      if (!s) throw new RestoreError(`${PROGRAM}: line ${n} failed\n`, EXIT.other);
      this.section = null;
      if (!s.skip && !this.opts.test) this.commit(s, n);
      return;
    }
    if (!s) {
      if (!text.startsWith('*')) throw new RestoreError(`${PROGRAM}: line ${n} failed\n`, EXIT.other);
      const name = text.slice(1).split(/[ \t]/)[0];
      if (!isTableName(name)) throw usageAt(usage(`${PROGRAM}: line ${n} table name '${name}' invalid`), n);
      this.section = { table: name, skip: this.opts.only !== null && this.opts.only !== name, steps: [] };
      return;
    }
    if (text.startsWith(':')) s.steps.push(this.chainLine(text, n));
    else s.steps.push({ kind: 'command', line: n, command: this.ruleLine(s.table, text, n) });
  }

  /** `:CHAIN POLICY [packets:bytes]`. */
  private chainLine(text: string, n: number): Step {
    const [chain, policy, ctrs] = text.slice(1).split(/[ \t]+/);
    if (!chain) throw usageAt(usage(`${PROGRAM}: line ${n} chain name invalid`), n);
    if (!policy) throw usageAt(usage(`${PROGRAM}: line ${n} policy invalid`), n);
    let counters = null;
    if (this.opts.counters && ctrs) {
      const m = /^\[(\d+):(\d+)\]$/.exec(ctrs);
      if (!m) throw usageAt(usage(`invalid policy counters for chain '${chain}'\n`), n);
      counters = { packets: Number(m[1]), bytes: Number(m[2]) };
    }
    return { kind: 'chain', line: n, chain, policy, counters };
  }

  /** A command line, with its optional `[packets:bytes]` prefix (used with --counters). */
  private ruleLine(table: TableName, text: string, n: number): IptablesCommand {
    let rest = text;
    const argv = ['iptables'];
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) throw usageAt(usage(`Bad line ${n}: need ]`), n);
      const [p, b] = rest.slice(1, close).split(':');
      if (b === undefined) throw usageAt(usage(`Bad line ${n}: need :`), n);
      if (this.opts.counters) argv.push('-c', p, b);
      rest = rest.slice(close + 1);
    }
    argv.push(...splitRestoreLine(rest));
    try {
      const outcome = parseIptables(argv, { restore: true, table, hosts: this.io.hosts, warn: this.io.err });
      if (outcome.kind === 'exit') {
        this.io.out(outcome.stdout);
        throw new RestoreError('', outcome.code);
      }
      return outcome.command;
    } catch (e) {
      if (e instanceof UsageError) throw usageAt(e, n);
      throw e;
    }
  }

  /** Run a section as one batch: all of it, or (on the first failure) none of it. */
  private commit(s: Section, commitLine: number): void {
    const rollback = beginBatch(this.ns);
    try {
      if (!this.opts.noflush) deleteTable(this.ns, s.table);
      for (const step of s.steps) this.step(s.table, step, commitLine);
    } catch (e) {
      rollback();
      throw e;
    }
  }

  private step(table: TableName, step: Step, commitLine: number): void {
    if (step.kind === 'chain') {
      const f = this.chain(table, step);
      if (f) throw new RestoreError(`${PROGRAM}: line ${step.line} failed: ${f}.\n`, EXIT.other);
      return;
    }
    const f = execute(this.ns, step.command, { out: this.io.out, hosts: this.io.hosts });
    if (f) throw failure(f, step.line, commitLine);
  }

  /** A chain line: a built-in chain gets its policy, a user chain is created (or emptied). */
  private chain(table: TableName, step: Extract<Step, { kind: 'chain' }>): string | null {
    const existing: Chain | undefined = viewTable(this.ns, table).chains.get(step.chain);
    if (existing && isBuiltin(existing)) {
      if (step.policy === '-') return null;
      if (step.policy !== 'ACCEPT' && step.policy !== 'DROP') return 'Bad policy name';
      const t = writeTable(this.ns, table);
      materialize(t, step.chain);
      setPolicy(this.ns, table, step.chain, step.policy);
      const c = t.chains.get(step.chain) as Chain;
      c.packets = step.counters?.packets ?? 0;
      c.bytes = step.counters?.bytes ?? 0;
      return null;
    }
    if (existingTable(this.ns, table)?.chains.has(step.chain)) flushChain(this.ns, table, step.chain);
    else newChain(this.ns, table, step.chain);
    return null;
  }
}

function failure(f: ExecFailure, line: number, commitLine: number): RestoreError {
  switch (f.kind) {
    case 'usage':
      // Found when the batch is built, at COMMIT: that is the line iptables-restore names.
      return usageAt(f.error, commitLine);
    case 'table':
      return new RestoreError(`${PROGRAM}: line ${line} failed: ${f.message}.\n`, EXIT.other);
    case 'kernel':
      return new RestoreError(`${PROGRAM} ${VERSION}: \nline ${line}: ${f.op} failed (${f.error}): ${f.object}\n`, EXIT.resource);
    case 'incompatible':
      return new RestoreError(`${PROGRAM} ${VERSION}: chain \`${f.chain}' in table \`${f.table}' is incompatible, use 'nft' tool.\n`, EXIT.other);
    case 'no-table':
      return new RestoreError(`${PROGRAM}: line ${line} failed\n`, EXIT.other);
  }
}

/** add_param_to_argv: words split on blanks; double quotes group, backslash escapes inside them. */
export function splitRestoreLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let escaped = false;
  for (const ch of text) {
    if (quoted) {
      if (escaped) {
        word += ch;
        escaped = false;
      } else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        // A closing quote ends the word, even an empty one.
        quoted = false;
        words.push(word);
        word = '';
        inWord = false;
      } else word += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      inWord = true;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += ch;
    inWord = true;
  }
  if (inWord) words.push(word);
  return words;
}
