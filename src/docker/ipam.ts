import { type Ipv4, broadcastOf, formatIpv4, networkOf, parsePrefix } from '../engine/addr/ipv4.ts';

/**
 * Docker's default IPAM (libnetwork/ipams/defaultipam), as Engine 27 does it: networks take
 * the lowest free subnet of the default pools; in a subnet the network and broadcast
 * addresses are reserved, the gateway takes the first free address, containers the lowest
 * free one after it, and a freed address is reused at once.
 */

export interface Subnet {
  addr: Ipv4;
  len: number;
}

/** The default local address pools in order (ipamutils.localScopeDefaultNetworks). */
const DEFAULT_POOLS: { base: string; size: number }[] = [
  { base: '172.17.0.0/16', size: 16 },
  { base: '172.18.0.0/16', size: 16 },
  { base: '172.19.0.0/16', size: 16 },
  { base: '172.20.0.0/14', size: 16 },
  { base: '172.24.0.0/14', size: 16 },
  { base: '172.28.0.0/14', size: 16 },
  { base: '192.168.0.0/16', size: 20 },
];

/** Every candidate subnet of the default pools, lowest first. */
export function defaultPoolSubnets(): Subnet[] {
  const out: Subnet[] = [];
  for (const p of DEFAULT_POOLS) {
    const base = parsePrefix(p.base)!;
    const count = 2 ** (p.size - base.len);
    for (let i = 0; i < count; i++) out.push({ addr: ((base.addr + i * 2 ** (32 - p.size)) >>> 0) as Ipv4, len: p.size });
  }
  return out;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  const len = Math.min(a.len, b.len);
  return networkOf(a.addr, len) === networkOf(b.addr, len);
}

export function contains(s: Subnet, ip: Ipv4): boolean {
  return networkOf(ip, s.len) === s.addr;
}

export function formatSubnet(s: Subnet): string {
  return `${formatIpv4(s.addr)}/${s.len}`;
}

/** The addresses handed out in one subnet. */
export class AddressPool {
  private readonly used = new Set<number>();

  constructor(
    readonly subnet: Subnet,
    /** `--ip-range`: dynamic addresses come only from here. */
    readonly range: Subnet | null = null,
  ) {
    if (subnet.len < 31) {
      this.used.add(subnet.addr);
      this.used.add(broadcastOf(subnet.addr, subnet.len));
    }
  }

  /** The lowest free address (in the ip-range if there is one), or null when exhausted. */
  allocate(): Ipv4 | null {
    const r = this.range ?? this.subnet;
    const first = r.addr;
    const size = 2 ** (32 - r.len);
    for (let i = 0; i < size; i++) {
      const a = (first + i) >>> 0;
      if (!this.used.has(a) && contains(this.subnet, a as Ipv4)) {
        this.used.add(a);
        return a as Ipv4;
      }
    }
    return null;
  }

  /** Reserve a specific address (`--ip`, `--gateway`, `--aux-address`); false if taken. */
  reserve(a: Ipv4): boolean {
    if (this.used.has(a)) return false;
    this.used.add(a);
    return true;
  }

  release(a: Ipv4): void {
    this.used.delete(a);
  }

  inUse(a: Ipv4): boolean {
    return this.used.has(a);
  }
}
