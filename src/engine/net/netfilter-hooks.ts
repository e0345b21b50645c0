import { DropReason } from '../trace/drop-reasons.ts';
import type { NetDevice } from './device.ts';
import type { NetNs, NfHook, NfHookOps } from './netns.ts';
import type { Skb } from './skb.ts';
import { dropSkb } from './dev.ts';

/**
 * NF_HOOK(pf, hook, ..., okfn): run the functions registered on `hook` in the namespace,
 * lowest priority first, and continue with `okfn` only if every one accepts. The netfilter
 * layer (iptables tables, conntrack, NAT) registers itself here with nf_register_net_hook.
 */
export function nfHook(
  ns: NetNs,
  hook: NfHook,
  skb: Skb,
  inDev: NetDevice | null,
  outDev: NetDevice | null,
  bridged: boolean,
  okfn: () => void,
  phys?: { in: NetDevice | null; out: NetDevice | null },
): boolean {
  const ops = ns.hooks.get(hook);
  if (ops) {
    const state = { hook, in: inDev, out: outDev, bridged, physIn: phys?.in ?? null, physOut: phys?.out ?? null };
    for (const op of ops) {
      const v = op.fn(ns, skb, state);
      if (v === 'drop') {
        dropSkb(ns, skb, DropReason.NETFILTER_DROP, `dropped in ${hook} by the ${op.name} ${op.name === 'filter' || op.name === 'nat' || op.name === 'mangle' || op.name === 'raw' ? 'table' : 'hook'}`, inDev ?? outDev);
        return false;
      }
      if (v === 'stolen') return false;
    }
  }
  okfn();
  return true;
}

/** nf_register_net_hook: keep the hook's functions sorted by priority. */
export function nfRegisterHook(ns: NetNs, hook: NfHook, op: NfHookOps): void {
  const list = ns.hooks.get(hook) ?? [];
  list.push(op);
  list.sort((a, b) => a.priority - b.priority);
  ns.hooks.set(hook, list);
}
