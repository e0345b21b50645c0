/**
 * IPv4 addresses as unsigned 32-bit numbers, so routing and hashing never allocate.
 * The brand keeps a raw number from being passed where an address is expected.
 */
export type Ipv4 = number & { readonly __brand: 'Ipv4' };

export const IPV4_ANY = 0 as Ipv4;
export const IPV4_BROADCAST = 0xffffffff as Ipv4;

export function ipv4(n: number): Ipv4 {
  return (n >>> 0) as Ipv4;
}

/** Parses dotted quad "a.b.c.d" strictly; returns null for anything else. */
export function parseIpv4(text: string): Ipv4 | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n as Ipv4;
}

/**
 * Parses an address the way iproute2's get_addr does for IPv4: it also accepts
 * fewer than four parts ("10" is 10.0.0.0, "10.1" is 10.1.0.0).
 */
export function parseIpv4Loose(text: string): Ipv4 | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '0';
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n as Ipv4;
}

export function formatIpv4(a: Ipv4 | number): string {
  return `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

export function prefixMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function networkOf(a: Ipv4, len: number): Ipv4 {
  return ((a & prefixMask(len)) >>> 0) as Ipv4;
}

export function broadcastOf(a: Ipv4, len: number): Ipv4 {
  return ((a | ~prefixMask(len)) >>> 0) as Ipv4;
}

export function inPrefix(a: Ipv4, net: Ipv4, len: number): boolean {
  return ((a & prefixMask(len)) >>> 0) === net;
}

export interface Ipv4Prefix {
  readonly addr: Ipv4;
  readonly len: number;
}

/** "a.b.c.d/len" or "a.b.c.d" (len 32). Returns null when malformed. */
export function parsePrefix(text: string, loose = false): Ipv4Prefix | null {
  const [a, l, ...rest] = text.split('/');
  if (rest.length > 0 || a === undefined) return null;
  const addr = loose ? parseIpv4Loose(a) : parseIpv4(a);
  if (addr === null) return null;
  if (l === undefined) return { addr, len: 32 };
  if (!/^\d{1,2}$/.test(l) || Number(l) > 32) return null;
  return { addr, len: Number(l) };
}

export function formatPrefix(p: Ipv4Prefix): string {
  return `${formatIpv4(p.addr)}/${p.len}`;
}

export function isMulticast(a: Ipv4): boolean {
  return a >>> 28 === 0xe;
}

export function isLoopback(a: Ipv4): boolean {
  return a >>> 24 === 127;
}
