/**
 * /etc/hosts as glibc's "files" backend reads it: what tcpdump (without -n) and libpcap's
 * `host NAME` resolve through, since the simulated machine answers no reverse DNS.
 */
import { parseIpv4 } from '../../engine/addr/ipv4.ts';

export interface HostsDb {
  /** The canonical (first) name of the first line listing an address. */
  byAddr: ReadonlyMap<number, string>;
  /** Every IPv4 address a name or alias is listed with, in file order. */
  byName: ReadonlyMap<string, number[]>;
}

export function parseHosts(text: string | undefined): HostsDb {
  const byAddr = new Map<number, string>();
  const byName = new Map<string, number[]>();
  for (const raw of (text ?? '').split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2) continue;
    const addr = parseIpv4(words[0]);
    if (addr === null) continue;
    if (!byAddr.has(addr)) byAddr.set(addr, words[1]);
    for (const name of words.slice(1)) {
      const list = byName.get(name) ?? [];
      if (!list.includes(addr)) list.push(addr);
      byName.set(name, list);
    }
  }
  return { byAddr, byName };
}
