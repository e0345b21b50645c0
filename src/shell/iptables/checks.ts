/**
 * The checks the kernel makes when a rule is committed (xt_check_target / xt_check_match and
 * nf_tables' chain validation): a target that belongs to another table or hook, a jump that
 * would loop or lands on a built-in chain. They are errors of the batch, reported by
 * iptables-nft as "RULE_APPEND failed (Invalid argument): rule in chain X", exit 4.
 */
import type { BuiltinChainName, RuleSpec, Table, TableName } from '../../engine/netfilter/rules.ts';
import { isBuiltin } from '../../engine/netfilter/tables.ts';

export type KernelError = 'EINVAL' | 'EMLINK' | 'EOPNOTSUPP' | 'ENOENT';

export const STRERROR: Record<KernelError, string> = {
  EINVAL: 'Invalid argument',
  EMLINK: 'Too many links',
  EOPNOTSUPP: 'Operation not supported',
  ENOENT: 'No such file or directory',
};

type Hook = BuiltinChainName;

/** Targets bound to one table, and the hooks they may run in. */
const TARGET_LIMITS: Partial<Record<string, { table: TableName; hooks: readonly Hook[] }>> = {
  DNAT: { table: 'nat', hooks: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { table: 'nat', hooks: ['PREROUTING', 'OUTPUT'] },
  SNAT: { table: 'nat', hooks: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { table: 'nat', hooks: ['POSTROUTING'] },
  REJECT: { table: 'filter', hooks: ['INPUT', 'FORWARD', 'OUTPUT'] },
  NOTRACK: { table: 'raw', hooks: ['PREROUTING', 'OUTPUT'] },
};

/** Chain contents as they would be after the change: name to rule list. */
export type ChainRules = Map<string, readonly RuleSpec[]>;

export function chainRules(t: Table): ChainRules {
  return new Map([...t.chains.values()].map((c) => [c.name, c.rules]));
}

/** Would the change about to be made to `chain` be refused by the kernel, and why. */
export function kernelCheck(t: Table, proposed: ChainRules, added: readonly RuleSpec[]): KernelError | null {
  // nf_tables has no ULOG expression.
  if (added.some((spec) => spec.target?.kind === 'ULOG')) return 'ENOENT';
  for (const spec of added) {
    if (spec.target?.kind !== 'jump') continue;
    const dest = t.chains.get(spec.target.chain);
    if (dest && isBuiltin(dest)) return 'EOPNOTSUPP';
  }
  if (hasLoop(proposed)) return 'EMLINK';
  const hooks = reachingHooks(t, proposed);
  for (const [name, rules] of proposed) {
    const h = hooks.get(name) ?? new Set<Hook>();
    for (const r of rules) if (!ruleAllowed(t.name, h, r)) return 'EINVAL';
  }
  return null;
}

function jumpsOf(rules: readonly RuleSpec[]): string[] {
  const out: string[] = [];
  for (const r of rules) if (r.target?.kind === 'jump') out.push(r.target.chain);
  return out;
}

/** A chain reachable from itself through jumps and gotos. */
function hasLoop(chains: ChainRules): boolean {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string): boolean => {
    const s = state.get(name);
    if (s === 'open') return true;
    if (s === 'done') return false;
    state.set(name, 'open');
    for (const next of jumpsOf(chains.get(name) ?? [])) if (chains.has(next) && visit(next)) return true;
    state.set(name, 'done');
    return false;
  };
  return [...chains.keys()].some(visit);
}

/** For each chain, the built-in chains (hooks) from which packets can reach it. */
function reachingHooks(t: Table, chains: ChainRules): Map<string, Set<Hook>> {
  const out = new Map<string, Set<Hook>>();
  for (const c of t.chains.values()) {
    if (!isBuiltin(c)) continue;
    const hook = c.name as Hook;
    const stack = [c.name];
    const seen = new Set<string>();
    while (stack.length) {
      const name = stack.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      let set = out.get(name);
      if (!set) out.set(name, (set = new Set()));
      set.add(hook);
      stack.push(...jumpsOf(chains.get(name) ?? []));
    }
  }
  return out;
}

function within(hooks: ReadonlySet<Hook>, allowed: readonly Hook[]): boolean {
  return [...hooks].every((h) => allowed.includes(h));
}

/** The kernel's checkentry functions for the targets and matches that have one. */
function ruleAllowed(table: TableName, hooks: ReadonlySet<Hook>, r: RuleSpec): boolean {
  // `! -s 0.0.0.0/0` matches nothing; nf_tables rejects the comparison it would need.
  if (r.src?.len === 0 || r.dst?.len === 0) return false;
  const t = r.target;
  const limit = t ? TARGET_LIMITS[t.kind] : undefined;
  if (limit && (limit.table !== table || !within(hooks, limit.hooks))) return false;
  // ipt_REJECT: a TCP reset only for rules that match TCP.
  if (t?.kind === 'REJECT' && t.with === 'tcp-reset' && (r.proto?.num !== 6 || r.proto.invert)) return false;
  for (const m of r.matches) {
    if (m.kind === 'icmp' && (r.proto?.num !== 1 || r.proto.invert)) return false;
    if (m.kind === 'addrtype') {
      if (m.limitIfaceIn && m.limitIfaceOut) return false;
      if (m.limitIfaceIn && (hooks.has('OUTPUT') || hooks.has('POSTROUTING'))) return false;
      if (m.limitIfaceOut && (hooks.has('PREROUTING') || hooks.has('INPUT'))) return false;
    }
    // xt_physdev: the output device is only known for bridged traffic, never in OUTPUT.
    if (m.kind === 'physdev' && (m.physdevOut || m.isOut) && (!m.isBridged || m.isBridged.invert) && hooks.has('OUTPUT')) return false;
  }
  return true;
}
