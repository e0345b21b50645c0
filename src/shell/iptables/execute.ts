/**
 * Running a parsed iptables command against a namespace's tables, with the errors
 * iptables-nft 1.8.9 reports. Everything is checked before anything changes, so a
 * failing command leaves the tables as they were (nf_tables applies a command as one batch).
 */
import type { NetNs } from '../../engine/net/netns.ts';
import type { Chain, Rule, RuleSpec, Table, TableName } from '../../engine/netfilter/rules.ts';
import {
  appendRule,
  deleteChain,
  deleteRule,
  flushChain,
  insertRule,
  isBuiltin,
  newChain,
  references,
  renameChain,
  replaceRule,
  setPolicy,
  zeroCounters,
} from '../../engine/netfilter/tables.ts';
import { type ChainRules, type KernelError, STRERROR, chainRules, kernelCheck } from './checks.ts';
import { EXIT, VERSION, type UsageError, formatUsage, usage } from './errors.ts';
import type { HostsDb } from './names.ts';
import { CMD, type Counters, type IptablesCommand } from './parse.ts';
import { type ListFormat, listRule } from './print.ts';
import { listChains, listOneRule, listOneRuleSpec, listRulesOf } from './show.ts';
import { dematerialize, existingTable, inKernelChain, isTableName, materialize, orderedChains, viewTable, writeTable } from './state.ts';

export type ExecFailure =
  | { kind: 'usage'; error: UsageError }
  /** "iptables: MESSAGE." (exit 1); EINVAL errors add a pointer to dmesg. */
  | { kind: 'table'; message: string; dmesg?: boolean }
  /** A batch the kernel refused: "RULE_APPEND failed (Invalid argument): rule in chain X" (exit 4). */
  | { kind: 'kernel'; op: string; error: string; object: string }
  | { kind: 'incompatible'; chain: string; table: string }
  | { kind: 'no-table'; table: string };

export interface ExecIo {
  out(text: string): void;
  hosts: HostsDb;
}

const NO_CHAIN: ExecFailure = { kind: 'table', message: 'No chain/target/match by that name' };
const BAD_RULE: ExecFailure = { kind: 'table', message: 'Bad rule (does a matching rule exist in that chain?)' };

/** Text and exit code of a failure of the iptables command itself. */
export function formatFailure(f: ExecFailure): { text: string; code: number } {
  switch (f.kind) {
    case 'usage':
      return { text: formatUsage('iptables', f.error), code: EXIT.parameter };
    case 'table':
      return { text: `iptables: ${f.message}.${f.dmesg ? " Run `dmesg' for more information." : ''}\n`, code: EXIT.other };
    case 'kernel':
      return { text: `iptables ${VERSION}:  ${f.op} failed (${f.error}): ${f.object}\n`, code: EXIT.resource };
    case 'incompatible':
      return { text: `iptables ${VERSION}: chain \`${f.chain}' in table \`${f.table}' is incompatible, use 'nft' tool.\n`, code: EXIT.other };
    case 'no-table':
      return { text: `iptables ${VERSION}: table '${f.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, code: EXIT.version };
  }
}

/** Run the command; null on success. */
export function execute(ns: NetNs, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  if (!isTableName(cmd.table)) return { kind: 'no-table', table: cmd.table };
  const table = cmd.table;
  const c = cmd.command;
  if (c & (CMD.APPEND | CMD.INSERT | CMD.REPLACE | CMD.DELETE | CMD.CHECK)) {
    const bad = ruleBuildError(ns, table, cmd);
    if (bad) return bad;
  }
  if (c === CMD.APPEND || c === CMD.INSERT) return addRules(ns, table, cmd, io);
  if (c === CMD.REPLACE) return replace(ns, table, cmd, io);
  if (c === CMD.DELETE || c === CMD.CHECK) return deleteOrCheck(ns, table, cmd, io);
  if (c === CMD.DELETE_NUM) return deleteNumber(ns, table, cmd);
  if (c === CMD.NEW_CHAIN) return createChain(ns, table, cmd.chain as string);
  if (c === CMD.DELETE_CHAIN) return cmd.chain === null ? deleteAllChains(ns, table, cmd, io) : deleteOneChain(ns, table, cmd.chain, cmd, io);
  if (c === CMD.RENAME_CHAIN) return rename(ns, table, cmd.chain as string, cmd.newName as string);
  if (c === CMD.FLUSH) return flush(ns, table, cmd, io);
  if (c === CMD.SET_POLICY) return policy(ns, table, cmd);
  if (c === CMD.ZERO_NUM) return zeroRule(ns, table, cmd);
  if (c & (CMD.LIST | CMD.LIST_RULES)) {
    const f = list(ns, table, cmd, io);
    if (f || !(c & CMD.ZERO)) return f;
  }
  return zero(ns, table, cmd, io);
}

// ---------------------------------------------------------------- rules

/** Checks made while building the rule: protocol of tcp/udp matches, the jump's chain. */
function ruleBuildError(ns: NetNs, table: TableName, cmd: IptablesCommand): ExecFailure | null {
  const spec = cmd.specs[0];
  for (const m of spec.matches) {
    const needed = m.kind === 'tcp' ? 6 : m.kind === 'udp' ? 17 : null;
    if (needed !== null && (spec.proto?.num !== needed || spec.proto.invert))
      return { kind: 'usage', error: usage(`${m.kind.toUpperCase()} match requires '-p ${m.kind}'`) };
  }
  if (cmd.jumpChain !== null && !viewTable(ns, table).chains.has(cmd.jumpChain))
    return { kind: 'usage', error: usage(`Chain '${cmd.jumpChain}' does not exist`) };
  return null;
}

/** The one-line echo of `iptables -v -A/-I/-D/-R`. */
function echoRules(cmd: IptablesCommand, io: ExecIo): void {
  if (!cmd.verbose) return;
  const fmt: ListFormat = { numeric: true, verbose: true, exact: false, lineNumbers: false, notable: true, hosts: io.hosts };
  for (const s of cmd.specs) io.out(listRule({ ...s, packets: 0, bytes: 0 }, 0, fmt));
}

function withRules(t: Table, chain: string, rules: readonly RuleSpec[]): ChainRules {
  const m = chainRules(t);
  m.set(chain, rules);
  return m;
}

function kernelFailure(op: string, e: KernelError, chain: string): ExecFailure {
  return { kind: 'kernel', op, error: STRERROR[e], object: `rule in chain ${chain}` };
}

function setCounters(r: Rule | undefined, counters: Counters | null): void {
  if (!r || !counters) return;
  r.packets = counters.packets;
  r.bytes = counters.bytes;
}

function addRules(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const name = cmd.chain as string;
  echoRules(cmd, io);
  const view = viewTable(ns, table);
  const chain = view.chains.get(name);
  if (!chain) return NO_CHAIN;
  const insert = cmd.command === CMD.INSERT;
  if (insert && cmd.rulenum > chain.rules.length + 1) return { kind: 'table', message: 'Index of insertion too big' };
  // Inserting each spec at the same position leaves them in reverse order, as iptables does.
  const proposed = insert
    ? [...chain.rules.slice(0, cmd.rulenum - 1), ...[...cmd.specs].reverse(), ...chain.rules.slice(cmd.rulenum - 1)]
    : [...chain.rules, ...cmd.specs];
  const e = kernelCheck(view, withRules(view, name, proposed), cmd.specs);
  if (e) return kernelFailure(insert ? 'RULE_INSERT' : 'RULE_APPEND', e, name);
  const t = writeTable(ns, table);
  materialize(t, name);
  const c = t.chains.get(name) as Chain;
  for (const spec of cmd.specs) {
    if (insert) insertRule(ns, table, name, cmd.rulenum, spec);
    else appendRule(ns, table, name, spec);
    setCounters(insert ? c.rules[cmd.rulenum - 1] : c.rules[c.rules.length - 1], cmd.counters);
  }
  return null;
}

function replace(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const name = cmd.chain as string;
  echoRules(cmd, io);
  const view = viewTable(ns, table);
  const chain = view.chains.get(name);
  if (!chain || !inKernelChain(view, chain)) return NO_CHAIN;
  if (cmd.rulenum > chain.rules.length) return { kind: 'table', message: 'Index of replacement too big' };
  const proposed = chain.rules.map((r, i): RuleSpec => (i === cmd.rulenum - 1 ? cmd.specs[0] : r));
  const e = kernelCheck(view, withRules(view, name, proposed), cmd.specs);
  if (e) return kernelFailure('RULE_REPLACE', e, name);
  replaceRule(ns, table, name, cmd.rulenum, cmd.specs[0]);
  setCounters(chain.rules[cmd.rulenum - 1], cmd.counters);
  return null;
}

/**
 * What -D and -C compare: the spec without counters, the protocol by number, object keys in
 * any order (rules built elsewhere need not list their fields the way the parser does).
 */
function specKey(s: RuleSpec): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  };
  const { src, dst, in: i, out, proto, fragment, matches, target } = s;
  return JSON.stringify(canonical({ src, dst, in: i, out, proto: proto ? { num: proto.num, invert: proto.invert } : null, fragment, matches, target }));
}

/** -D and -C by spec: every spec must be there (all are deleted, or none). */
function deleteOrCheck(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  // -C echoes the rule only once it is found.
  if (cmd.command === CMD.DELETE) echoRules(cmd, io);
  const chain = existingTable(ns, table)?.chains.get(cmd.chain as string);
  if (!chain) return BAD_RULE;
  const left = chain.rules.map(specKey);
  const positions: number[] = [];
  for (const spec of cmd.specs) {
    const i = left.indexOf(specKey(spec));
    if (i < 0) return BAD_RULE;
    positions.push(i);
    // Deleted rules are out of the running for the next spec; their places shift.
    if (cmd.command === CMD.DELETE) left.splice(i, 1);
  }
  if (cmd.command === CMD.DELETE) for (const i of positions) deleteRule(ns, table, chain.name, i + 1);
  else echoRules(cmd, io);
  return null;
}

function deleteNumber(ns: NetNs, table: TableName, cmd: IptablesCommand): ExecFailure | null {
  const t = existingTable(ns, table);
  const chain = t?.chains.get(cmd.chain as string);
  if (!t || !chain || !inKernelChain(t, chain)) return NO_CHAIN;
  if (cmd.rulenum > chain.rules.length) return { kind: 'table', message: 'Index of deletion too big' };
  deleteRule(ns, table, chain.name, cmd.rulenum);
  return null;
}

// ---------------------------------------------------------------- chains

function createChain(ns: NetNs, table: TableName, name: string): ExecFailure | null {
  if (viewTable(ns, table).chains.has(name)) return { kind: 'table', message: 'Chain already exists' };
  newChain(ns, table, name);
  return null;
}

const busy = (name: string): ExecFailure => ({ kind: 'kernel', op: 'CHAIN_DEL', error: 'Device or resource busy', object: `chain ${name}` });

function deleteOneChain(ns: NetNs, table: TableName, name: string, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const t = existingTable(ns, table);
  const c = t?.chains.get(name);
  if (!t || !c || !inKernelChain(t, c)) return NO_CHAIN;
  if (cmd.verbose) io.out(`Deleting chain \`${name}'\n`);
  if (isBuiltin(c)) {
    // nf_tables can delete a base chain; iptables-nft refuses only when its policy is not ACCEPT.
    if (c.policy !== 'ACCEPT') return { kind: 'table', message: 'Directory not empty' };
    if (c.rules.length > 0) return busy(name);
    dematerialize(t, name);
    c.packets = c.bytes = 0;
    return null;
  }
  if (c.rules.length > 0 || references(t, name) > 0) return busy(name);
  deleteChain(ns, table, name);
  return null;
}

/** -X without a chain: every user chain, and built-in chains with nothing in them. */
function deleteAllChains(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const t = existingTable(ns, table);
  if (!t) return null;
  const user = orderedChains(t).filter((c) => !isBuiltin(c));
  if (cmd.verbose) for (const c of user) io.out(`Deleting chain \`${c.name}'\n`);
  // The kernel names the first chain that cannot go in its own order, the order of creation.
  const stuck = [...t.chains.values()].find((c) => !isBuiltin(c) && (c.rules.length > 0 || references(t, c.name) > 0));
  if (stuck) return busy(stuck.name);
  for (const c of user) deleteChain(ns, table, c.name);
  for (const c of t.chains.values()) if (c.rules.length === 0 && c.policy === 'ACCEPT') dematerialize(t, c.name);
  return null;
}

function rename(ns: NetNs, table: TableName, from: string, to: string): ExecFailure | null {
  const t = existingTable(ns, table);
  const c = t?.chains.get(from);
  if (!t || !c || !inKernelChain(t, c)) return NO_CHAIN;
  if (viewTable(ns, table).chains.has(to)) return { kind: 'table', message: 'File exists' };
  // iptables-nft 1.8.9 renames even a built-in chain and breaks the table; the simulator refuses.
  if (isBuiltin(c)) return { kind: 'table', message: 'Invalid argument', dmesg: true };
  renameChain(ns, table, from, to);
  return null;
}

function flush(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  if (cmd.chain === null) {
    const t = existingTable(ns, table);
    if (!t) return null;
    if (cmd.verbose) for (const c of orderedChains(t)) io.out(`Flushing chain \`${c.name}'\n`);
    flushChain(ns, table, null);
    return null;
  }
  if (!viewTable(ns, table).chains.has(cmd.chain)) return NO_CHAIN;
  if (cmd.verbose) io.out(`Flushing chain \`${cmd.chain}'\n`);
  materialize(writeTable(ns, table), cmd.chain);
  flushChain(ns, table, cmd.chain);
  return null;
}

function policy(ns: NetNs, table: TableName, cmd: IptablesCommand): ExecFailure | null {
  const p = cmd.policy;
  if (p !== 'ACCEPT' && p !== 'DROP') return { kind: 'table', message: 'Bad policy name', dmesg: true };
  const c = viewTable(ns, table).chains.get(cmd.chain as string);
  if (!c || !isBuiltin(c)) return { kind: 'table', message: 'Bad built-in chain name' };
  // -c is accepted with -P, but iptables-nft 1.8.9 leaves the policy counters alone.
  materialize(writeTable(ns, table), c.name);
  setPolicy(ns, table, c.name, p);
  return null;
}

// ---------------------------------------------------------------- listing and counters

function list(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const t = viewTable(ns, table);
  let chains = orderedChains(t);
  if (cmd.chain !== null) {
    const c = t.chains.get(cmd.chain);
    if (!c) return { kind: 'incompatible', chain: cmd.chain, table };
    chains = [c];
  }
  const fmt: ListFormat = { numeric: cmd.numeric, verbose: cmd.verbose, exact: cmd.exact, lineNumbers: cmd.lineNumbers, hosts: io.hosts };
  const rules = (cmd.command & CMD.LIST_RULES) !== 0;
  if (cmd.rulenum > 0) io.out(rules ? listOneRuleSpec(chains[0], cmd.rulenum, cmd.verbose) : listOneRule(chains[0], cmd.rulenum, fmt));
  else io.out(rules ? listRulesOf(chains, cmd.verbose) : listChains(t, chains, fmt));
  return null;
}

function zero(ns: NetNs, table: TableName, cmd: IptablesCommand, io: ExecIo): ExecFailure | null {
  const view = viewTable(ns, table);
  if (cmd.chain !== null) {
    const c = view.chains.get(cmd.chain);
    if (!c || !inKernelChain(view, c)) return NO_CHAIN;
  }
  if (!existingTable(ns, table)) return null;
  const chains = cmd.chain === null ? orderedChains(view) : [view.chains.get(cmd.chain) as Chain];
  if (cmd.verbose) for (const c of chains) io.out(`Zeroing chain \`${c.name}'\n`);
  zeroCounters(ns, table, cmd.chain);
  return null;
}

/** -Z CHAIN N: a missing chain is a "bad rule"; a rule number past the end is quietly ignored. */
function zeroRule(ns: NetNs, table: TableName, cmd: IptablesCommand): ExecFailure | null {
  const t = existingTable(ns, table);
  const c = t?.chains.get(cmd.chain as string);
  if (!t || !c || !inKernelChain(t, c)) return BAD_RULE;
  if (cmd.rulenum <= c.rules.length) zeroCounters(ns, table, c.name, cmd.rulenum);
  return null;
}
