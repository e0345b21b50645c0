/**
 * `ip link set DEV type vxlan ...` (iproute2 vxlan_parse_opt, then the kernel's
 * vxlan_changelink). iproute2 refuses malformed values itself (exit 255, or 1 for its
 * group/remote checks); the kernel then refuses, as one message, any attribute it cannot
 * change on a live device (exit 2) and applies nothing in that case.
 */
import { type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { MAC_ZERO } from '../../engine/addr/mac.ts';
import { Vxlan } from '../../engine/net/vxlan.ts';
import { type IpCtx, EXIT_PARSE, incomplete, invarg } from './common.ts';

const isMulticast = (a: Ipv4): boolean => a >>> 28 === 0xe;

/** Boolean options iproute2 sends as attributes, with the flag name the kernel's refusal uses. */
const FIXED_FLAGS: Record<string, string> = {
  proxy: 'PROXY',
  noproxy: 'PROXY',
  rsc: 'RSC',
  norsc: 'RSC',
  l2miss: 'L2MISS',
  nol2miss: 'L2MISS',
  l3miss: 'L3MISS',
  nol3miss: 'L3MISS',
  external: 'COLLECT_METADATA',
  noexternal: 'COLLECT_METADATA',
  gbp: 'GBP',
  gpe: 'GPE',
  remcsumtx: 'REMCSUM_TX',
  noremcsumtx: 'REMCSUM_TX',
  remcsumrx: 'REMCSUM_RX',
  noremcsumrx: 'REMCSUM_RX',
};

/** The kernel's order of checks in vxlan_nl2conf, for the first refusal to report. */
const KERNEL_ORDER = ['ID', 'TTL_INHERIT', 'PROXY', 'RSC', 'L2MISS', 'L3MISS', 'COLLECT_METADATA', 'PORT_RANGE', 'PORT', 'UDP_CSUM', 'UDP_ZERO_CSUM6_TX', 'UDP_ZERO_CSUM6_RX', 'REMCSUM_TX', 'REMCSUM_RX', 'GBP', 'GPE'];

const KERNEL_MESSAGE: Record<string, string> = {
  ID: 'Cannot change VNI',
  PORT_RANGE: 'Cannot change port range',
  PORT: 'Cannot change port',
  UDP_CSUM: 'Cannot change UDP_CSUM flag',
  UDP_ZERO_CSUM6_TX: 'Cannot change UDP_ZERO_CSUM6_TX flag',
  UDP_ZERO_CSUM6_RX: 'Cannot change UDP_ZERO_CSUM6_RX flag',
};

export function changeVxlan(ctx: IpCtx, dev: Vxlan, t: readonly string[]): number {
  const refused = new Set<string>();
  let remote: Ipv4 | null | undefined;
  let local: Ipv4 | null | undefined;
  let learning: boolean | undefined;
  let ttl: number | undefined;
  let df: 'set' | 'unset' | 'inherit' | undefined;
  for (let i = 0; i < t.length; i++) {
    const a = t[i];
    const next = (): string | null => (i + 1 < t.length ? t[++i] : null);
    if (a === 'id' || a === 'vni') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v) || Number(v) >= 1 << 24) return invarg(ctx, 'invalid id', v);
      if (Number(v) !== dev.cfg.vni) refused.add('ID');
    } else if (a === 'group' || a === 'remote') {
      // A group after a unicast remote (or the reverse) is refused before the value is read.
      if (remote !== undefined && remote !== null && isMulticast(remote) !== (a === 'group')) {
        ctx.err('vxlan: both group and remote cannot be specified\n');
        return 1;
      }
      const v = next();
      if (v === null) return incomplete(ctx);
      const ip = parseIpv4(v);
      if (ip === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return 1;
      }
      if (a === 'group' && !isMulticast(ip)) return invarg(ctx, 'invalid group address', v);
      if (a === 'remote' && isMulticast(ip)) return invarg(ctx, 'invalid remote address', v);
      remote = ip === 0 ? null : ip;
    } else if (a === 'local') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const ip = parseIpv4(v);
      if (ip === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return 1;
      }
      local = ip === 0 ? null : ip;
    } else if (a === 'dev') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!ctx.ns.device(v)) {
        ctx.err(`Cannot find device "${v}"\n`);
        return EXIT_PARSE;
      }
    } else if (a === 'ttl' || a === 'hoplimit') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (v === 'inherit') refused.add('TTL_INHERIT');
      else if (v === 'auto') ttl = 0;
      else if (!/^\d+$/.test(v)) return invarg(ctx, 'invalid TTL', v);
      else if (Number(v) > 255) return invarg(ctx, 'TTL must be <= 255', v);
      else ttl = Number(v);
    } else if (a === 'df') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (v !== 'set' && v !== 'unset' && v !== 'inherit') return invarg(ctx, "DF must be 'unset', 'set' or 'inherit'", v);
      df = v;
    } else if (a === 'dstport') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v) || Number(v) > 65535) return invarg(ctx, 'dstport', v);
      refused.add('PORT');
    } else if (a === 'port' || a === 'srcport') {
      const lo = next();
      const hi = next();
      if (lo === null || hi === null) return incomplete(ctx);
      if (!/^\d+$/.test(lo) || Number(lo) > 65535) return invarg(ctx, 'min port', lo);
      if (!/^\d+$/.test(hi) || Number(hi) > 65535) return invarg(ctx, 'max port', hi);
      refused.add('PORT_RANGE');
    } else if (a === 'learning') learning = true;
    else if (a === 'nolearning') learning = false;
    else if (a === 'udpcsum' || a === 'noudpcsum') refused.add('UDP_CSUM');
    else if (a === 'udp6zerocsumtx' || a === 'noudp6zerocsumtx') refused.add('UDP_ZERO_CSUM6_TX');
    else if (a === 'udp6zerocsumrx' || a === 'noudp6zerocsumrx') refused.add('UDP_ZERO_CSUM6_RX');
    else if (Object.hasOwn(FIXED_FLAGS, a)) refused.add(FIXED_FLAGS[a]);
    else if (['ageing', 'maxaddress', 'tos', 'flowlabel', 'label'].includes(a)) {
      if (next() === null) return incomplete(ctx);
    } else {
      ctx.err(`vxlan: unknown command "${a}"?\n`);
      return EXIT_PARSE;
    }
  }
  const first = KERNEL_ORDER.find((f) => refused.has(f));
  if (first) {
    ctx.err(`Error: ${KERNEL_MESSAGE[first] ?? `vxlan: cannot change ${first} flag`}.\n`);
    return 2;
  }
  // vxlan_changelink: a new remote replaces the default (all-zeros MAC) forwarding entry.
  if (remote !== undefined && remote !== dev.cfg.remote) {
    const i = dev.fdb.findIndex((e) => e.mac === MAC_ZERO && e.dst === dev.cfg.remote);
    if (i >= 0) dev.fdb.splice(i, 1);
    if (remote !== null) dev.fdb.push({ mac: MAC_ZERO, dst: remote, permanent: true, updated: 0, viaLower: dev.cfg.lower !== null });
    dev.cfg.remote = remote;
  }
  if (local !== undefined) dev.cfg.local = local;
  if (learning !== undefined) dev.cfg.learning = learning;
  if (ttl !== undefined) dev.cfg.ttl = ttl;
  if (df !== undefined) dev.cfg.df = df;
  return 0;
}
