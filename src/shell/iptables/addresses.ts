/**
 * IPv4 addresses as iptables reads them: its own lenient dotted parser, inet_aton (which host
 * lookups fall back to), inet_pton (NAT targets), dotted masks, and conntrack's host/mask type.
 */
import type { Ipv4 } from '../../engine/addr/ipv4.ts';
import type { AddrMatch } from '../../engine/netfilter/rules.ts';
import { usage } from './errors.ts';
import type { HostsDb } from './names.ts';
import { strtoul, strtouiWhole } from './numbers.ts';

function prefixLen(mask: number): number | null {
  for (let len = 0; len <= 32; len++) if ((len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) === mask) return len;
  return null;
}

/** "a.b.c.d" with iptables' leniency: fewer parts fill with zeros, each part a C number. */
export function numericIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (p === undefined) {
      n *= 256;
      continue;
    }
    const v = strtouiWhole(p, 0, 255);
    if (v === null) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}

/**
 * inet_aton(3), which host name lookups fall back to: one to four parts in C number syntax,
 * the last one filling the remaining bytes ("10.1" is 10.0.0.1 here, unlike iptables' own parser).
 */
export function inetAton(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const p of parts) {
    const v = strtoul(p);
    if (!v || v.end !== p.length || /^\s|^[+-]/.test(p)) return null;
    values.push(v.value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return null;
  return (values.reduce((n, v, i) => n + v * 2 ** (24 - 8 * i), 0) + last) >>> 0;
}

/** A dotted mask; non-contiguous masks exist in iptables but not in the rule model. */
export function dottedMaskLen(text: string): number | null | 'noncontiguous' {
  if (text.split('.').length !== 4) return null;
  const m = numericIpv4(text);
  if (m === null) return null;
  return prefixLen(m) ?? 'noncontiguous';
}

/** conntrack's host/mask type: resolved with getaddrinfo, the address kept as given. */

/** inet_pton(3): exactly four decimal parts, no leading zeros. */
export function strictIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0) >>> 0;
}

export function parseHostMask(arg: string, invert: boolean, hosts: HostsDb): AddrMatch {
  const slash = arg.indexOf('/');
  const host = slash < 0 ? arg : arg.slice(0, slash);
  const addr = (host.split('.').length === 4 ? numericIpv4(host) : null) ?? hosts.byName(host);
  if (addr === null) throw usage('getaddrinfo: Name or service not known\n');
  let len = 32;
  if (slash >= 0) {
    const m = arg.slice(slash + 1);
    const dotted = dottedMaskLen(m);
    const bits = strtouiWhole(m, 0, 0xffffffff);
    if (typeof dotted === 'number') len = dotted;
    else if (bits !== null) len = Math.min(bits, 32);
    else throw usage(`invalid mask \`${m}' specified`);
  }
  // Kept masked like -s/-d (the kernel compares masked addresses; iptables would print it as typed).
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { addr: ((addr & mask) >>> 0) as Ipv4, len, invert };
}
