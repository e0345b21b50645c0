import type { NetNs } from '../net/netns.ts';
import { BUILTIN_CHAINS, type Chain, type Rule, type RuleSpec, type Table, type TableName, sameRuleSpec } from './rules.ts';
import { ensureNetfilter } from './netfilter.ts';

/** Why a table operation failed; the iptables command turns each into its own message. */
export type XtError =
  | 'no-chain' // No chain/target/match by that name.
  | 'chain-exists' // Chain already exists.
  | 'bad-rule' // Bad rule (does a matching rule exist in that chain?).
  | 'index-too-big' // Index of deletion/insertion/replacement too big.
  | 'builtin' // the operation is not allowed on a built-in chain
  | 'not-builtin' // policies exist only on built-in chains
  | 'not-empty' // Directory not empty (chain has rules)
  | 'referenced' // Too many links (a rule jumps to the chain)
  | 'loop' // Too many levels of symbolic links (the jump would loop)
  | 'bad-name'; // invalid chain name

export type XtResult = { ok: true } | { ok: false; error: XtError };
const OK: XtResult = { ok: true };
const err = (error: XtError): XtResult => ({ ok: false, error });

/** A table of a namespace, created with its built-in chains on first use (as iptables-nft does). */
export function getTable(ns: NetNs, name: TableName): Table {
  const nf = ensureNetfilter(ns);
  let t = nf.tables.get(name);
  if (!t) {
    t = { name, chains: new Map() };
    for (const c of BUILTIN_CHAINS[name]) t.chains.set(c, { name: c, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] });
    nf.tables.set(name, t);
    nf.tablesChanged();
  }
  return t;
}

export function isBuiltin(c: Chain): boolean {
  return c.policy !== null;
}

/** How many rules of the table jump or go to `chain` (the "N references" of iptables -L). */
export function references(t: Table, chain: string): number {
  let n = 0;
  for (const c of t.chains.values()) for (const r of c.rules) if (r.target?.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}

/** Would adding a jump from `from` to `to` make a loop? */
function wouldLoop(t: Table, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length) {
    const c = stack.pop() as string;
    if (c === from) return true;
    if (seen.has(c)) continue;
    seen.add(c);
    for (const r of t.chains.get(c)?.rules ?? []) if (r.target?.kind === 'jump') stack.push(r.target.chain);
  }
  return false;
}

function checkTarget(t: Table, chain: string, spec: RuleSpec): XtResult {
  if (spec.target?.kind === 'jump') {
    const dest = t.chains.get(spec.target.chain);
    if (!dest || isBuiltin(dest)) return err('no-chain');
    if (wouldLoop(t, chain, spec.target.chain)) return err('loop');
  }
  return OK;
}

/** Every rule gets the same object shape, whatever order its spec was built in (fast matching). */
function newRule(spec: RuleSpec): Rule {
  return {
    src: spec.src,
    dst: spec.dst,
    in: spec.in,
    out: spec.out,
    proto: spec.proto,
    fragment: spec.fragment,
    matches: spec.matches,
    target: spec.target,
    packets: 0,
    bytes: 0,
  };
}

export function appendRule(ns: NetNs, table: TableName, chain: string, spec: RuleSpec): XtResult {
  return insertRule(ns, table, chain, null, spec);
}

/** `-I CHAIN [N]` (1-based, N may be one past the end) or `-A` (pos null). */
export function insertRule(ns: NetNs, table: TableName, chain: string, pos: number | null, spec: RuleSpec): XtResult {
  const t = getTable(ns, table);
  const c = t.chains.get(chain);
  if (!c) return err('no-chain');
  const chk = checkTarget(t, chain, spec);
  if (!chk.ok) return chk;
  if (pos === null) c.rules.push(newRule(spec));
  else {
    if (pos < 1 || pos > c.rules.length + 1) return err('index-too-big');
    c.rules.splice(pos - 1, 0, newRule(spec));
  }
  ensureNetfilter(ns).rulesChanged(spec);
  return OK;
}

/** `-D CHAIN rule-spec` or `-D CHAIN N`. */
export function deleteRule(ns: NetNs, table: TableName, chain: string, which: RuleSpec | number): XtResult {
  const c = getTable(ns, table).chains.get(chain);
  if (!c) return err('no-chain');
  if (typeof which === 'number') {
    if (which < 1 || which > c.rules.length) return err('index-too-big');
    c.rules.splice(which - 1, 1);
    return OK;
  }
  const i = c.rules.findIndex((r) => sameRuleSpec(r, which));
  if (i < 0) return err('bad-rule');
  c.rules.splice(i, 1);
  return OK;
}

export function replaceRule(ns: NetNs, table: TableName, chain: string, num: number, spec: RuleSpec): XtResult {
  const t = getTable(ns, table);
  const c = t.chains.get(chain);
  if (!c) return err('no-chain');
  if (num < 1 || num > c.rules.length) return err('index-too-big');
  const chk = checkTarget(t, chain, spec);
  if (!chk.ok) return chk;
  c.rules[num - 1] = newRule(spec);
  ensureNetfilter(ns).rulesChanged(spec);
  return OK;
}

/** `-C`: is there a rule like this? */
export function checkRule(ns: NetNs, table: TableName, chain: string, spec: RuleSpec): XtResult {
  const c = getTable(ns, table).chains.get(chain);
  if (!c) return err('no-chain');
  return c.rules.some((r) => sameRuleSpec(r, spec)) ? OK : err('bad-rule');
}

export function newChain(ns: NetNs, table: TableName, name: string): XtResult {
  const t = getTable(ns, table);
  if (t.chains.has(name)) return err('chain-exists');
  if (name.length > 28 || name.startsWith('-') || name.includes(' ') || name === '' || name.startsWith('!')) return err('bad-name');
  t.chains.set(name, { name, policy: null, packets: 0, bytes: 0, rules: [] });
  return OK;
}

/** `-X [CHAIN]`: without a name, every empty unreferenced user chain. */
export function deleteChain(ns: NetNs, table: TableName, name: string | null): XtResult {
  const t = getTable(ns, table);
  if (name === null) {
    for (const c of [...t.chains.values()]) {
      if (isBuiltin(c)) continue;
      if (c.rules.length > 0) return err('not-empty');
    }
    for (const c of [...t.chains.values()]) if (!isBuiltin(c)) t.chains.delete(c.name);
    return OK;
  }
  const c = t.chains.get(name);
  if (!c) return err('no-chain');
  if (isBuiltin(c)) return err('builtin');
  if (references(t, name) > 0) return err('referenced');
  if (c.rules.length > 0) return err('not-empty');
  t.chains.delete(name);
  return OK;
}

export function renameChain(ns: NetNs, table: TableName, from: string, to: string): XtResult {
  const t = getTable(ns, table);
  const c = t.chains.get(from);
  if (!c) return err('no-chain');
  if (isBuiltin(c)) return err('builtin');
  if (t.chains.has(to)) return err('chain-exists');
  // Keep the position of the chain in the listing.
  const entries = [...t.chains.entries()].map(([k, v]) => (k === from ? ([to, v] as [string, Chain]) : ([k, v] as [string, Chain])));
  c.name = to;
  t.chains.clear();
  for (const [k, v] of entries) t.chains.set(k, v);
  for (const ch of t.chains.values()) for (const r of ch.rules) if (r.target?.kind === 'jump' && r.target.chain === from) r.target = { ...r.target, chain: to };
  return OK;
}

/** `-F [CHAIN]`. */
export function flushChain(ns: NetNs, table: TableName, name: string | null): XtResult {
  const t = getTable(ns, table);
  if (name === null) {
    for (const c of t.chains.values()) c.rules = [];
    return OK;
  }
  const c = t.chains.get(name);
  if (!c) return err('no-chain');
  c.rules = [];
  return OK;
}

/** `-Z [CHAIN [N]]`. */
export function zeroCounters(ns: NetNs, table: TableName, name: string | null, num: number | null = null): XtResult {
  const t = getTable(ns, table);
  const chains = name === null ? [...t.chains.values()] : [t.chains.get(name)];
  if (chains.some((c) => c === undefined)) return err('no-chain');
  for (const c of chains as Chain[]) {
    if (num !== null) {
      const r = c.rules[num - 1];
      if (!r) return err('index-too-big');
      r.packets = r.bytes = 0;
      continue;
    }
    c.packets = c.bytes = 0;
    for (const r of c.rules) r.packets = r.bytes = 0;
  }
  return OK;
}

export function setPolicy(ns: NetNs, table: TableName, name: string, policy: 'ACCEPT' | 'DROP'): XtResult {
  const c = getTable(ns, table).chains.get(name);
  if (!c) return err('no-chain');
  if (!isBuiltin(c)) return err('not-builtin');
  c.policy = policy;
  return OK;
}
