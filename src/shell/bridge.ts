import { type Mac, formatMac, parseMac } from '../engine/addr/mac.ts';
import { type Ipv4, formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import { Vxlan } from '../engine/net/vxlan.ts';
import type { NetDevice } from '../engine/net/device.ts';
import { Bridge } from '../engine/net/bridge.ts';
import { matches } from './argv.ts';
import type { Command, CommandContext } from './context.ts';
import { linkName, linkFlags } from './ip/format.ts';

/** The multicast addresses a device has joined, which `bridge fdb show` lists as "self permanent". */
function selfEntries(d: NetDevice): string[] {
  const e = ['33:33:00:00:00:01'];
  if (d.adminUp) {
    if (d instanceof Bridge) e.push('01:00:5e:00:00:6a', '33:33:00:00:00:6a');
    e.push('01:00:5e:00:00:01');
    if (d.carrier) e.push(`33:33:ff:${formatMac(d.mac).slice(9)}`);
  }
  return e;
}

function fdbShow(ctx: CommandContext, argv: string[]): number {
  let brName: string | null = null;
  let devName: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'br') brName = argv[++i] ?? null;
    else if (argv[i] === 'dev' || argv[i] === 'brport') devName = argv[++i] ?? null;
  }
  const devs = [...ctx.ns.devices.values()].filter((d) => d.kind !== 'loopback').sort((a, b) => a.ifindex - b.ifindex);
  let br: NetDevice | undefined;
  if (brName !== null) {
    br = ctx.ns.device(brName);
    if (!br) {
      ctx.err(`Cannot find bridge device "${brName}"\n`);
      return 1;
    }
  }
  let only: NetDevice | undefined;
  if (devName !== null) {
    only = ctx.ns.device(devName);
    if (!only) {
      ctx.err(`Cannot find device "${devName}"\n`);
      return 1;
    }
  }
  for (const d of devs) {
    if (only && d !== only) continue;
    if (br && d !== br && d.master !== br) continue;
    const devPart = only ? '' : ` dev ${d.name}`;
    const master = d.master instanceof Bridge ? d.master : null;
    if (master) {
      const entries = master.fdbEntries().filter((e) => e.port === d);
      for (const e of entries.filter((x) => !x.isLocal && !x.isStatic)) ctx.out(`${formatMac(e.mac)}${devPart} master ${master.name} \n`);
      for (const e of entries.filter((x) => x.isLocal || x.isStatic)) ctx.out(`${formatMac(e.mac)}${devPart} master ${master.name} ${e.isLocal ? 'permanent' : 'static'}\n`);
    }
    if (d instanceof Bridge) {
      for (const e of d.fdbEntries().filter((x) => x.port === null)) ctx.out(`${formatMac(e.mac)}${devPart} master ${d.name} permanent\n`);
    }
    if (d instanceof Vxlan) {
      // Specific MACs (newest first), then the all-zeros entry's remotes in the order added.
      const entries = d.fdbEntries();
      const ordered = [...entries.filter((e) => e.mac !== 0).reverse(), ...entries.filter((e) => e.mac === 0)];
      for (const e of ordered) {
        const via = e.viaLower && d.cfg.lower ? ` via ${d.cfg.lower.name}` : '';
        ctx.out(`${formatMac(e.mac)}${devPart} dst ${formatIpv4(e.dst)}${via} self ${e.permanent ? 'permanent' : ''}`.trimEnd() + (e.permanent ? '\n' : ' \n'));
      }
    }
    for (const m of selfEntries(d)) ctx.out(`${m}${devPart} self permanent\n`);
  }
  return 0;
}

function fdbModify(ctx: CommandContext, op: 'add' | 'append' | 'replace' | 'del', argv: string[]): number {
  let mac: ReturnType<typeof parseMac> = null;
  let devName: string | null = null;
  let isMaster = false;
  let isStatic = true;
  let permanent = false;
  let dst: Ipv4 | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'dst') {
      const v = argv[++i] ?? '';
      dst = parseIpv4(v);
      if (dst === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return 1;
      }
    } else if (a === 'dev') devName = argv[++i] ?? null;
    else if (a === 'master') isMaster = true;
    else if (a === 'self') isMaster = false;
    else if (a === 'dynamic') isStatic = false;
    else if (a === 'permanent' || a === 'local') permanent = true;
    else if (a === 'static' || a === 'temp') continue;
    else if (a === 'vlan' || a === 'port' || a === 'vni' || a === 'via') i++;
    else if (mac === null) {
      mac = parseMac(a);
      if (mac === null) {
        ctx.err(`"${a}" invalid mac address\n`);
        return 255;
      }
    } else {
      ctx.err(`bridge: garbage "${a}"\n`);
      return 255;
    }
  }
  if (mac === null || devName === null) {
    ctx.err('Device and address are required arguments.\n');
    return 255;
  }
  const dev = ctx.ns.device(devName);
  if (!dev) {
    ctx.err(`Cannot find device "${devName}"\n`);
    return 255;
  }
  if (dev instanceof Vxlan && !isMaster) return vxlanFdbModify(ctx, dev, op, mac, dst);
  // rtnl_fdb_add/del: NTF_MASTER on a device that is no bridge port (the bridge itself) finds no handler.
  if (isMaster && dev instanceof Bridge) {
    ctx.err('RTNETLINK answers: Operation not supported\n');
    return 255;
  }
  const br = dev.master instanceof Bridge ? dev.master : dev instanceof Bridge ? dev : null;
  if (!br || (!isMaster && !(dev instanceof Bridge) && !(dev.master instanceof Bridge))) {
    ctx.err('RTNETLINK answers: Operation not supported\n');
    return 255;
  }
  const port = dev instanceof Bridge ? null : dev;
  if (op === 'del') {
    const e = br.fdb.get(mac);
    if (!e || e.port !== port) {
      ctx.err('RTNETLINK answers: No such file or directory\n');
      return 255;
    }
    br.fdb.delete(mac);
    return 0;
  }
  const existing = br.fdb.get(mac);
  if (existing && op === 'add') {
    ctx.err('RTNETLINK answers: File exists\n');
    return 255;
  }
  br.fdb.set(mac, { mac, port, isLocal: port === null, isStatic, addedByUser: true, permanent, updated: ctx.kernel.now });
  return 0;
}

function linkShow(ctx: CommandContext): number {
  for (const d of [...ctx.ns.devices.values()].sort((a, b) => a.ifindex - b.ifindex)) {
    if (!(d.master instanceof Bridge)) continue;
    const state = d.master.portForwarding(d) ? 'forwarding' : 'disabled';
    ctx.out(`${d.ifindex}: ${linkName(d)}: ${linkFlags(d)} mtu ${d.mtu} master ${d.master.name} state ${state} priority 32 cost 2 \n`);
  }
  return 0;
}

function linkSet(ctx: CommandContext, argv: string[]): number {
  let devName: string | null = null;
  let hairpin: boolean | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'dev') devName = argv[++i] ?? null;
    else if (a === 'hairpin') {
      const v = argv[++i];
      if (v !== 'on' && v !== 'off') {
        ctx.err(`Error: argument of "hairpin" must be "on" or "off"\n`);
        return 234;
      }
      hairpin = v === 'on';
    } else if (['guard', 'cost', 'priority', 'state', 'learning', 'flood', 'fastleave', 'root_block', 'mcast_flood', 'bcast_flood', 'neigh_suppress', 'isolated'].includes(a)) i++;
    else {
      ctx.err(`Error: either "dev" is duplicate, or "${a}" is a garbage.\n`);
      return 255;
    }
  }
  if (devName === null) {
    ctx.err('Device is a required argument.\n');
    return 255;
  }
  const dev = ctx.ns.device(devName);
  if (!dev) {
    ctx.err(`Cannot find bridge device "${devName}"\n`);
    return 255;
  }
  if (!(dev.master instanceof Bridge)) {
    ctx.err('RTNETLINK answers: Operation not supported\n');
    return 255;
  }
  if (hairpin !== null) dev.hairpin = hairpin;
  return 0;
}

/** iproute2's `bridge`: fdb show/add/append/replace/del, link show/set. */
export const bridgeCommand: Command = (ctx, argv) => {
  let i = 1;
  if (argv[i] === '-n' || argv[i] === '-netns') {
    const ns = ctx.kernel.netns.get(argv[i + 1] ?? '');
    if (!ns) {
      ctx.err(`Cannot open network namespace "${argv[i + 1] ?? ''}": No such file or directory\n`);
      return 255;
    }
    ctx = { ...ctx, ns };
    i += 2;
  }
  const obj = argv[i];
  const sub = argv[i + 1] ?? 'show';
  const rest = argv.slice(i + 2);
  if (obj !== undefined && matches(obj, 'fdb')) {
    if (matches(sub, 'show') || matches(sub, 'list')) return fdbShow(ctx, rest);
    if (sub === 'add' || sub === 'append' || sub === 'replace') return fdbModify(ctx, sub, rest);
    if (matches(sub, 'delete')) return fdbModify(ctx, 'del', rest);
    ctx.err(`Command "${sub}" is unknown, try "bridge fdb help".\n`);
    return 255;
  }
  if (obj !== undefined && matches(obj, 'link')) {
    if (matches(sub, 'show') || matches(sub, 'list')) return linkShow(ctx);
    if (matches(sub, 'set')) return linkSet(ctx, rest);
    ctx.err(`Command "${sub}" is unknown, try "bridge link help".\n`);
    return 255;
  }
  if (obj === undefined) {
    ctx.err('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n');
    return 255;
  }
  ctx.err(`Object "${obj}" is unknown, try "bridge help".\n`);
  return 255;
};

/** The VXLAN device's own forwarding table: which remote VTEP a MAC lives behind. */
function vxlanFdbModify(ctx: CommandContext, dev: Vxlan, op: 'add' | 'append' | 'replace' | 'del', mac: Mac, dst: Ipv4 | null): number {
  const same = (e: { mac: Mac; dst: Ipv4 }): boolean => e.mac === mac && (dst === null || e.dst === dst);
  if (op === 'del') {
    if (!dev.fdb.some((e) => e.mac === mac)) {
      ctx.err('RTNETLINK answers: No such file or directory\n');
      return 255;
    }
    // Without dst every remote of the MAC goes; a dst it does not have is ignored silently.
    for (let i = dev.fdb.length - 1; i >= 0; i--) if (same(dev.fdb[i])) dev.fdb.splice(i, 1);
    return 0;
  }
  if (dst === null) {
    ctx.err('RTNETLINK answers: Invalid argument\n');
    return 255;
  }
  const existing = dev.fdb.filter((e) => e.mac === mac);
  if (op === 'add' && existing.length > 0) {
    ctx.err('RTNETLINK answers: File exists\n');
    return 255;
  }
  if (op === 'append' && existing.some((e) => e.dst === dst)) return 0;
  if (op === 'replace') for (const e of existing) dev.fdb.splice(dev.fdb.indexOf(e), 1);
  dev.fdb.push({ mac, dst, permanent: true, updated: ctx.kernel.now });
  return 0;
}
