/**
 * The nf_tables facts iptables-nft shows but the rule model does not hold: whether a table
 * exists at all (listing does not create one, writing does), and which built-in chains exist
 * in the kernel. iptables-nft lists every built-in chain, but one it never wrote to is only
 * "faked": deleting, renaming or zeroing it fails with "No chain/target/match by that name".
 */
import type { NetNs } from '../../engine/net/netns.ts';
import { ensureNetfilter } from '../../engine/netfilter/netfilter.ts';
import { BUILTIN_CHAINS, type Chain, type Table, type TableName, TABLE_NAMES } from '../../engine/netfilter/rules.ts';
import { getTable, isBuiltin } from '../../engine/netfilter/tables.ts';

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** The table if some command has created it. */
export function existingTable(ns: NetNs, name: TableName): Table | null {
  return ensureNetfilter(ns).tables.get(name) ?? null;
}

/** What listing shows: the table, or its built-in chains as they would be (nothing is created). */
export function viewTable(ns: NetNs, name: TableName): Table {
  const t = existingTable(ns, name);
  if (t) return t;
  const chains = new Map<string, Chain>();
  for (const c of BUILTIN_CHAINS[name]) chains.set(c, { name: c, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] });
  return { name, chains };
}

/** The table for a write, created with its built-in chains if needed. */
export function writeTable(ns: NetNs, name: TableName): Table {
  return getTable(ns, name);
}

/** iptables-restore without --noflush deletes the table; a section with no lines leaves it gone. */
export function deleteTable(ns: NetNs, name: TableName): void {
  const nf = ensureNetfilter(ns);
  if (nf.tables.delete(name)) nf.tablesChanged();
}

const inKernel = new WeakMap<Table, Set<string>>();

function kernelChains(t: Table): Set<string> {
  let s = inKernel.get(t);
  if (!s) {
    s = new Set();
    inKernel.set(t, s);
  }
  return s;
}

/** Record that a write created this built-in chain in the kernel. */
export function materialize(t: Table, chain: string): void {
  kernelChains(t).add(chain);
}

/** A built-in chain removed with -X: it goes back to being listed but not present. */
export function dematerialize(t: Table, chain: string): void {
  kernelChains(t).delete(chain);
}

/**
 * Does the chain exist in the kernel? User chains always do; a built-in one once written to.
 * Rules or a DROP policy prove it exists even if they came from outside this command.
 */
export function inKernelChain(t: Table, c: Chain): boolean {
  if (!isBuiltin(c)) return true;
  return kernelChains(t).has(c.name) || c.rules.length > 0 || c.policy === 'DROP';
}

/** User chains sort by name (byte order) after the built-in ones, as iptables-nft lists them. */
export function orderedChains(t: Table): Chain[] {
  const all = [...t.chains.values()];
  const builtin = all.filter(isBuiltin);
  const user = all.filter((c) => !isBuiltin(c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtin, ...user];
}

/**
 * Make the tables safe to change as one batch: they are replaced by copies, and the returned
 * function puts the originals back (the batch failed). On success the copies simply stay.
 */
export function beginBatch(ns: NetNs): () => void {
  const nf = ensureNetfilter(ns);
  const originals = new Map(nf.tables);
  for (const [name, t] of originals) {
    const copy = structuredClone(t);
    inKernel.set(copy, new Set(kernelChains(t)));
    nf.tables.set(name, copy);
  }
  return () => {
    nf.tables.clear();
    for (const [name, t] of originals) nf.tables.set(name, t);
    nf.tablesChanged();
  };
}
