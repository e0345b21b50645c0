import { parseMac, type Mac } from '../../engine/addr/mac.ts';
import { type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { Macvlan, type MacvlanMode } from '../../engine/net/macvlan.ts';
import { Ipvlan, type IpvlanFlag, type IpvlanMode } from '../../engine/net/ipvlan.ts';
import { VXLAN_LINUX_DEFAULT_PORT, Vxlan, type VxlanConfig } from '../../engine/net/vxlan.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import { Bridge } from '../../engine/net/bridge.ts';
import { matches } from '../argv.ts';
import { type IpCtx, EXIT_PARSE, devicesToShow, duparg2, incomplete, invarg, nlFail, noDevice, resolveNetns } from './common.ts';
import { linkDetails, linkHeader, linkLine2 } from './format.ts';
import { changeVxlan } from './vxlan-change.ts';

/** What `ip link add|set` was asked to do (the fields iplink_parse fills in). */
interface LinkRequest {
  dev: string | null;
  /** `link DEV`: the lower device of a VLAN, macvlan or ipvlan. */
  link: string | null;
  name: string | null;
  up: boolean | null;
  mtu: number | null;
  address: Mac | null;
  netns: NetNs | null;
  master: string | null;
  nomaster: boolean;
  type: string | null;
  /** Arguments after `type TYPE`, for the link type's own parser. */
  typeArgs: string[];
}

/** iplink_parse: keywords in iproute2's order; anything else is the device name. */
function parseLinkArgs(ctx: IpCtx, argv: string[], forAdd: boolean): LinkRequest | number {
  const r: LinkRequest = { dev: null, link: null, name: null, up: null, mtu: null, address: null, netns: null, master: null, nomaster: false, type: null, typeArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === 'up') r.up = true;
    else if (a === 'down') r.up = false;
    else if (a === 'name') {
      const v = next();
      if (v === null) return incomplete(ctx);
      // iplink_parse: check_ifname() on the new name (at most IFNAMSIZ - 1 characters).
      if (v.length > 15) return invarg(ctx, '"name" not a valid ifname', v);
      r.name = v;
    } else if (a === 'index') {
      if (next() === null) return incomplete(ctx);
    } else if (matches(a, 'link')) {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.link = v;
    } else if (matches(a, 'address')) {
      const v = next();
      if (v === null) return incomplete(ctx);
      const mac = parseMac(v);
      if (mac === null) {
        ctx.err(`"${v}" is invalid lladdr.\n`);
        return 1;
      }
      r.address = mac;
    } else if (matches(a, 'broadcast') || a === 'brd') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (parseMac(v) === null) {
        ctx.err(`"${v}" is invalid lladdr.\n`);
        return 1;
      }
    } else if (matches(a, 'txqueuelen') || a === 'qlen' || matches(a, 'txqlen')) {
      if (next() === null) return incomplete(ctx);
    } else if (a === 'mtu') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v)) return invarg(ctx, 'Invalid "mtu" value', v);
      r.mtu = Number(v);
    } else if (a === 'netns') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const ns = resolveNetns(ctx, v);
      if (!ns) return invarg(ctx, 'Invalid "netns" value', v);
      r.netns = ns;
    } else if (a === 'multicast' || a === 'allmulticast' || a === 'promisc' || a === 'trailers' || a === 'arp') {
      if (next() === null) return incomplete(ctx);
    } else if (matches(a, 'master')) {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!ctx.ns.device(v)) return invarg(ctx, 'Device does not exist\n', v);
      r.master = v;
    } else if (matches(a, 'nomaster')) r.nomaster = true;
    else if (matches(a, 'dynamic') || matches(a, 'alias') || matches(a, 'group') || matches(a, 'mode') || matches(a, 'state')) {
      if (next() === null) return incomplete(ctx);
    } else if (a === 'type') {
      const v = next();
      if (v === null) return incomplete(ctx);
      r.type = v;
      r.typeArgs = argv.slice(i + 1);
      break;
    } else {
      if (matches(a, 'help')) {
        ctx.err('Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n');
        return EXIT_PARSE;
      }
      let v = a;
      if (a === 'dev') {
        const n = next();
        if (n === null) return incomplete(ctx);
        v = n;
      }
      if (r.dev !== null) return duparg2(ctx, 'dev', v);
      if (v.length > 15 && !forAdd) return invarg(ctx, '"dev" not a valid ifname', v);
      r.dev = v;
    }
  }
  return r;
}

export function ipLink(ctx: IpCtx, argv: string[]): number {
  const sub = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (matches(sub, 'add')) return linkAdd(ctx, rest);
  if (matches(sub, 'delete')) return linkDel(ctx, rest);
  if (matches(sub, 'set') || matches(sub, 'change')) return linkSet(ctx, rest);
  if (matches(sub, 'show') || matches(sub, 'list') || matches(sub, 'lst')) return linkShow(ctx, rest);
  ctx.err(`Command "${sub}" is unknown, try "ip link help".\n`);
  return EXIT_PARSE;
}

function linkAdd(ctx: IpCtx, argv: string[]): number {
  const r = parseLinkArgs(ctx, argv, true);
  if (typeof r === 'number') return r;
  const name = r.name ?? r.dev;
  if (r.type === null) {
    ctx.err('Not enough information: "type" argument is required\n');
    return 1;
  }
  if (name === null) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  const ns = r.netns ?? ctx.ns;
  const k = ctx.kernel;
  let dev: NetDevice;
  if (r.type === 'veth') {
    let peerName: string | null = null;
    let peerNs = ns;
    let peerMtu: number | null = null;
    let peerMac: Mac | null = null;
    const t = r.typeArgs;
    if (t.length > 0) {
      if (t[0] !== 'peer') {
        ctx.err(`Error: either "dev" is duplicate, or "${t[0]}" is a garbage.\n`);
        return EXIT_PARSE;
      }
      const pr = parseLinkArgs(ctx, t.slice(1), true);
      if (typeof pr === 'number') return pr;
      peerName = pr.name ?? pr.dev;
      if (pr.netns) peerNs = pr.netns;
      peerMtu = pr.mtu;
      peerMac = pr.address;
    }
    if (peerName === null) {
      // The kernel names an unnamed peer vethN.
      let n = 0;
      while (peerNs.device(`veth${n}`)) n++;
      peerName = `veth${n}`;
    }
    // veth_validate: a multicast or all-zero IFLA_ADDRESS (either end) is EADDRNOTAVAIL.
    const badMac = (m: Mac | null): boolean => m !== null && (m === 0 || Math.floor(m / 0x10000000000) % 2 === 1);
    if (badMac(r.address) || badMac(peerMac)) return nlFail(ctx, { errno: 'EADDRNOTAVAIL' });
    const res = k.addVeth(ns, name, peerNs, peerName);
    if (!res.ok) return nlFail(ctx, res.error);
    dev = res.value;
    const peer = res.value.peer!;
    if (peerMtu !== null) k.setMtu(peer, peerMtu);
    if (peerMac !== null) k.setMac(peer, peerMac);
    if (peerNs !== ns) {
      ns.peerIdOf(peerNs);
      peerNs.peerIdOf(ns);
    }
  } else if (r.type === 'bridge') {
    const res = k.addBridge(ns, name);
    if (!res.ok) return nlFail(ctx, res.error);
    dev = res.value;
  } else if (r.type === 'vlan' || r.type === 'macvlan' || r.type === 'ipvlan' || r.type === 'vxlan') {
    // register_netdevice → eth_validate_addr: a multicast or all-zero IFLA_ADDRESS is refused.
    if (r.type === 'macvlan' && r.address !== null && (r.address === 0 || Math.floor(r.address / 0x10000000000) % 2 === 1)) return nlFail(ctx, { errno: 'EADDRNOTAVAIL' });
    const made = addStackedLink(ctx, r, ns, name);
    if (typeof made === 'number') return made;
    dev = made;
  } else {
    ctx.err('Error: Unknown device type.\n');
    return 2;
  }
  if (r.mtu !== null) {
    const m = k.setMtu(dev, r.mtu);
    if (!m.ok) return nlFail(ctx, m.error);
  }
  if (r.address !== null) k.setMac(dev, r.address);
  if (r.master !== null) {
    const br = ns.device(r.master);
    if (!br) return noDevice(ctx, r.master);
    const m = k.setMaster(dev, br);
    if (!m.ok) return nlFail(ctx, m.error);
  }
  if (r.up) k.setLinkUp(dev, true);
  return 0;
}

function linkDel(ctx: IpCtx, argv: string[]): number {
  const r = parseLinkArgs(ctx, argv, false);
  if (typeof r === 'number') return r;
  const name = r.dev ?? r.name;
  if (name === null) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  const dev = ctx.ns.device(name);
  if (!dev) return noDevice(ctx, name);
  if (r.type !== null && r.type !== dev.kind) {
    ctx.err('RTNETLINK answers: Operation not supported\n');
    return 2;
  }
  const res = ctx.kernel.delLink(dev);
  return res.ok ? 0 : nlFail(ctx, res.error);
}

function linkSet(ctx: IpCtx, argv: string[]): number {
  const r = parseLinkArgs(ctx, argv, false);
  if (typeof r === 'number') return r;
  if (r.dev === null) {
    ctx.err('Not enough of information: "dev" argument is required.\n');
    return 1;
  }
  const dev = ctx.ns.device(r.dev);
  if (!dev) return noDevice(ctx, r.dev);
  const k = ctx.kernel;
  // Applied in the order rtnl_setlink applies attributes: netns, address, mtu, name, master, flags.
  if (r.netns !== null) {
    const res = k.moveToNs(dev, r.netns);
    if (!res.ok) return nlFail(ctx, res.error);
    if (r.netns !== ctx.ns) {
      ctx.ns.peerIdOf(r.netns);
      r.netns.peerIdOf(ctx.ns);
    }
  }
  if (r.address !== null) {
    const res = k.setMac(dev, r.address);
    if (!res.ok) return nlFail(ctx, res.error);
  }
  if (r.mtu !== null) {
    const res = k.setMtu(dev, r.mtu);
    if (!res.ok) return nlFail(ctx, res.error);
  }
  if (r.name !== null && r.name !== dev.name) {
    const res = k.renameLink(dev, r.name);
    if (!res.ok) return nlFail(ctx, res.error);
  }
  if (r.nomaster) k.setMaster(dev, null);
  if (r.master !== null) {
    const br = dev.ns.device(r.master);
    if (!br) return noDevice(ctx, r.master);
    const res = k.setMaster(dev, br);
    if (!res.ok) return nlFail(ctx, res.error);
  }
  if (r.type !== null) {
    const code = changeLinkType(ctx, dev, r);
    if (code !== 0) return code;
  }
  if (r.up !== null) k.setLinkUp(dev, r.up);
  return 0;
}

/** `ip link set DEV type vxlan|macvlan|ipvlan ...`: the options a live device lets change. */
function changeLinkType(ctx: IpCtx, dev: NetDevice, r: LinkRequest): number {
  const t = r.typeArgs;
  if (r.type === 'vxlan' && dev instanceof Vxlan) return changeVxlan(ctx, dev, t);
  if (r.type === 'macvlan' && dev instanceof Macvlan) {
    const i = t.indexOf('mode');
    if (i >= 0) {
      const v = t[i + 1];
      if (v !== 'private' && v !== 'vepa' && v !== 'bridge' && v !== 'passthru' && v !== 'source') {
        ctx.err(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v ?? ''}"\n`);
        return 1;
      }
      const res = ctx.kernel.setMacvlanMode(dev, v);
      if (!res.ok) return nlFail(ctx, res.error);
    }
    return 0;
  }
  if (r.type === 'ipvlan' && dev instanceof Ipvlan) {
    const opts = parseIpvlanOpts(ctx, t);
    if (typeof opts === 'number') return opts;
    const res = ctx.kernel.setIpvlan(dev, opts.mode, opts.flag);
    if (!res.ok) return nlFail(ctx, res.error);
    return 0;
  }
  ctx.err('RTNETLINK answers: Operation not supported\n');
  return 2;
}

/** iplink_ipvlan.c print_explain. */
function ipvlanExplain(ctx: IpCtx): void {
  ctx.err('Usage: ... ipvlan [ mode MODE ] [ FLAGS ]\n\nMODE: l3 | l3s | l2\nFLAGS: bridge | private | vepa\n(first values are the defaults if nothing is specified).\n');
}

/**
 * ipvlan_parse_opt: `mode l2|l3|l3s` and at most one of bridge|private|vepa. The flags
 * attribute is always sent (bridge when none is given); the mode only when given.
 */
function parseIpvlanOpts(ctx: IpCtx, t: string[]): { mode: IpvlanMode | null; flag: IpvlanFlag } | number {
  let mode: IpvlanMode | null = null;
  let flag: IpvlanFlag = 'bridge';
  let flagGiven = false;
  for (let i = 0; i < t.length; i++) {
    const a = t[i];
    if (matches(a, 'mode')) {
      const v = t[++i];
      if (v === undefined) return incomplete(ctx);
      if (v !== 'l2' && v !== 'l3' && v !== 'l3s') {
        ctx.err('Error: argument of "mode" must be either "l2", "l3" or "l3s"\n');
        return 1;
      }
      mode = v;
    } else if (!flagGiven && (matches(a, 'private') || matches(a, 'vepa') || matches(a, 'bridge'))) {
      flag = matches(a, 'private') ? 'private' : matches(a, 'vepa') ? 'vepa' : 'bridge';
      flagGiven = true;
    } else if (matches(a, 'help')) {
      ipvlanExplain(ctx);
      return 1;
    } else {
      ctx.err(`ipvlan: unknown option "${a}"?\n`);
      ipvlanExplain(ctx);
      return 1;
    }
  }
  return { mode, flag };
}

function linkShow(ctx: IpCtx, argv: string[]): number {
  let devName: string | null = null;
  let master: string | null = null;
  let type: string | null = null;
  let upOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'up') upOnly = true;
    else if (a === 'master') master = argv[++i] ?? null;
    else if (a === 'type') type = argv[++i] ?? null;
    else if (a === 'dev') devName = argv[++i] ?? null;
    else if (devName === null) devName = a;
    else return duparg2(ctx, 'dev', a);
  }
  const listed = devicesToShow(ctx, devName);
  if (typeof listed === 'number') return listed;
  let devs = listed;
  if (master !== null) {
    const m = ctx.ns.device(master);
    if (!m) {
      ctx.err(`Device "${master}" does not exist.\n`);
      return 1;
    }
    devs = devs.filter((d) => d.master === m);
  }
  if (type !== null) devs = devs.filter((d) => d.kind === type || (type === 'bridge_slave' && d.master instanceof Bridge));
  if (upOnly) devs = devs.filter((d) => d.adminUp);
  for (const d of devs) printLink(ctx, d);
  return 0;
}

export function printLink(ctx: IpCtx, d: NetDevice): void {
  if (ctx.opts.brief) {
    const state = linkHeader(d, false).match(/state (\S+)/)?.[1] ?? 'UNKNOWN';
    const name = linkHeader(d, false).split(': ')[1];
    const mac = linkLine2(d).trim().split(' ')[1];
    ctx.out(`${name.padEnd(16)} ${state.padEnd(14)} ${mac} ${linkHeader(d, false).match(/<[^>]*>/)?.[0]} \n`);
    return;
  }
  if (ctx.opts.details) {
    const det = linkDetails(d);
    ctx.out(`${linkHeader(d, true)}\n${linkLine2(d)}${det.suffix}\n${det.lines.map((l) => l + '\n').join('')}`);
  } else ctx.out(`${linkHeader(d, true)}\n${linkLine2(d)}\n`);
  if (ctx.opts.stats) {
    const s = d.stats;
    ctx.out(
      `    RX:  bytes packets errors dropped  missed   mcast           \n` +
        `    ${String(s.rxBytes).padStart(10)} ${String(s.rxPackets).padStart(7)} ${'0'.padStart(6)} ${String(s.rxDropped).padStart(7)} ${'0'.padStart(7)} ${'0'.padStart(7)} \n` +
        `    TX:  bytes packets errors dropped carrier collsns           \n` +
        `    ${String(s.txBytes).padStart(10)} ${String(s.txPackets).padStart(7)} ${'0'.padStart(6)} ${String(s.txDropped).padStart(7)} ${'0'.padStart(7)} ${'0'.padStart(7)} \n`,
    );
  }
}

/** The lower device named by `link DEV` (looked up where the command runs). */
function lowerDevice(ctx: IpCtx, r: LinkRequest): NetDevice | number {
  if (r.link === null) {
    // iproute2 sends the request; the kernel refuses a stacked device without a lower one.
    ctx.err('RTNETLINK answers: Invalid argument\n');
    return 2;
  }
  const d = ctx.ns.device(r.link);
  if (!d) return noDevice(ctx, r.link);
  return d;
}

/** `type vlan id N`, `type macvlan mode M`, `type vxlan id VNI ...`: parse the type's options and create. */
function addStackedLink(ctx: IpCtx, r: LinkRequest, ns: NetNs, name: string): NetDevice | number {
  const k = ctx.kernel;
  const t = r.typeArgs;
  if (r.type === 'vlan') {
    let vid: number | null = null;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === 'id') {
        const v = t[++i];
        if (v === undefined) return incomplete(ctx);
        if (!/^\d+$/.test(v) || Number(v) > 0xffff) return invarg(ctx, 'id is invalid', v);
        vid = Number(v);
      } else if (t[i] === 'protocol') i++;
      else if (['reorder_hdr', 'gvrp', 'mvrp', 'loose_binding', 'bridge_binding'].includes(t[i])) i++;
      else {
        ctx.err(`vlan: unknown command "${t[i]}"?\n`);
        return EXIT_PARSE;
      }
    }
    const lower = lowerDevice(ctx, r);
    if (typeof lower === 'number') return lower;
    if (vid === null) {
      ctx.err('Error: 8021q: VLAN id not specified.\n');
      return 2;
    }
    const res = k.addVlan(ns, name, lower, vid);
    return res.ok ? res.value : nlFail(ctx, res.error);
  }
  if (r.type === 'macvlan') {
    let mode: MacvlanMode = 'vepa';
    for (let i = 0; i < t.length; i++) {
      if (t[i] === 'mode') {
        const v = t[++i];
        if (v === undefined) return incomplete(ctx);
        if (v !== 'private' && v !== 'vepa' && v !== 'bridge' && v !== 'passthru' && v !== 'source') {
          ctx.err(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v}"\n`);
          return 1;
        }
        mode = v;
      } else if (t[i] === 'nopromisc' || t[i] === 'bcqueuelen' || t[i] === 'macaddr') {
        if (t[i] !== 'nopromisc') i++;
      } else {
        ctx.err(`macvlan: unknown option "${t[i]}"?\n`);
        return EXIT_PARSE;
      }
    }
    const lower = lowerDevice(ctx, r);
    if (typeof lower === 'number') return lower;
    const res = k.addMacvlan(ns, name, lower, mode);
    return res.ok ? res.value : nlFail(ctx, res.error);
  }
  if (r.type === 'ipvlan') {
    const opts = parseIpvlanOpts(ctx, t);
    if (typeof opts === 'number') return opts;
    const lower = lowerDevice(ctx, r);
    if (typeof lower === 'number') return lower;
    // ipvlan_link_new: without IFLA_IPVLAN_MODE the mode is L3.
    const res = k.addIpvlan(ns, name, lower, opts.mode ?? 'l3', opts.flag);
    return res.ok ? res.value : nlFail(ctx, res.error);
  }
  // vxlan
  const cfg: VxlanConfig = { vni: -1, dstport: -1, local: null, remote: null, lower: null, learning: true, ttl: 0, df: 'unset' };
  let portRange: { lo: number; hi: number } | null = null;
  for (let i = 0; i < t.length; i++) {
    const a = t[i];
    const next = (): string | null => (i + 1 < t.length ? t[++i] : null);
    /** The address after a keyword, or the exit code of the error printed. */
    const addr = (): { ip: Ipv4 } | { code: number } => {
      const v = next();
      if (v === null) return { code: incomplete(ctx) };
      const ip = parseIpv4(v);
      if (ip === null) {
        ctx.err(`Error: inet address is expected rather than "${v}".\n`);
        return { code: 1 };
      }
      return { ip };
    };
    if (a === 'id' || a === 'vni') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v) || Number(v) >= 1 << 24) return invarg(ctx, 'invalid id', v);
      cfg.vni = Number(v);
    } else if (a === 'dstport') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (!/^\d+$/.test(v) || Number(v) > 65535) return invarg(ctx, 'dstport', v);
      cfg.dstport = Number(v) === 0 ? VXLAN_LINUX_DEFAULT_PORT : Number(v);
    } else if (a === 'local' || a === 'remote' || a === 'group') {
      // iproute2: a group after a unicast remote, or the reverse, is refused at once.
      if (a !== 'local' && cfg.remote !== null && cfg.remote >>> 28 === 0xe !== (a === 'group')) {
        ctx.err('vxlan: both group and remote cannot be specified\n');
        return 1;
      }
      const got = addr();
      if ('code' in got) return got.code;
      if (a === 'group' && got.ip >>> 28 !== 0xe) return invarg(ctx, 'invalid group address', t[i]);
      if (a === 'remote' && got.ip >>> 28 === 0xe) return invarg(ctx, 'invalid remote address', t[i]);
      // 0.0.0.0 is no address at all: no default forwarding entry, no fixed source.
      if (a === 'local') cfg.local = got.ip === 0 ? null : got.ip;
      else cfg.remote = got.ip === 0 ? null : got.ip;
    } else if (a === 'dev') {
      const v = next();
      if (v === null) return incomplete(ctx);
      const d = ctx.ns.device(v);
      if (!d) {
        ctx.err(`Cannot find device "${v}"\n`);
        return EXIT_PARSE;
      }
      cfg.lower = d;
    } else if (a === 'learning') cfg.learning = true;
    else if (a === 'nolearning') cfg.learning = false;
    else if (a === 'proxy') cfg.proxy = true;
    else if (a === 'noproxy') cfg.proxy = false;
    else if (a === 'ttl' || a === 'hoplimit') {
      const v = next();
      if (v === null) return incomplete(ctx);
      if (v === 'auto' || v === 'inherit') cfg.ttl = 0;
      else if (/^\d+$/.test(v) && Number(v) <= 255) cfg.ttl = Number(v);
      else if (/^\d+$/.test(v)) return invarg(ctx, 'TTL must be <= 255', v);
      else return invarg(ctx, 'invalid TTL', v);
      // TTL_INHERIT is a flag of its own, which changelink cannot toggle.
      cfg.ttlInherit = v === 'inherit';
    } else if (a === 'df') {
      const v = next();
      if (v !== 'set' && v !== 'unset' && v !== 'inherit') {
        ctx.err(`Error: argument of "df" must be "set", "unset" or "inherit", not "${v ?? ''}"\n`);
        return EXIT_PARSE;
      }
      cfg.df = v;
    } else if (a === 'srcport' || a === 'port') {
      // The UDP source port range; the kernel checks its order (after parsing).
      const lo = next();
      const hi = next();
      if (lo === null || hi === null) return incomplete(ctx);
      if (!/^\d+$/.test(lo) || Number(lo) > 65535) return invarg(ctx, 'min port', lo);
      if (!/^\d+$/.test(hi) || Number(hi) > 65535) return invarg(ctx, 'max port', hi);
      portRange = { lo: Number(lo), hi: Number(hi) };
    } else if (['ageing', 'maxaddress', 'tos', 'flowlabel', 'label'].includes(a)) {
      if (next() === null) return incomplete(ctx);
    } else if (['udpcsum', 'noudpcsum', 'rsc', 'norsc', 'l2miss', 'nol2miss', 'l3miss', 'nol3miss', 'external', 'noexternal', 'gbp', 'gpe', 'udp6zerocsumtx', 'udp6zerocsumrx', 'noudp6zerocsumtx', 'noudp6zerocsumrx', 'remcsumtx', 'remcsumrx', 'noremcsumtx', 'noremcsumrx'].includes(a)) {
      continue;
    } else {
      ctx.err(`vxlan: unknown command "${a}"?\n`);
      return EXIT_PARSE;
    }
  }
  if (cfg.vni < 0) {
    // With no options at all iproute2 sends the request and the kernel refuses it.
    if (t.length === 0) {
      ctx.err('Error: Required attributes not provided to perform the operation.\n');
      return 2;
    }
    ctx.err('vxlan: missing virtual network identifier\n');
    return 1;
  }
  if (cfg.dstport < 0) {
    ctx.err("vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)\nUse 'dstport 4789' to get the IANA assigned value\nUse 'dstport 0' to get default and quiet this message\n");
    cfg.dstport = VXLAN_LINUX_DEFAULT_PORT;
  }
  if (cfg.remote !== null && cfg.remote >>> 28 === 0xe && cfg.lower === null) {
    ctx.err("vxlan: 'group' requires 'dev' to be specified\n");
    return 1;
  }
  // vxlan_nl2conf checks the source port range before the VNI is looked up.
  if (portRange && portRange.hi < portRange.lo) {
    ctx.err('Error: Invalid source port range.\n');
    return 2;
  }
  const res = k.addVxlan(ns, name, cfg);
  return res.ok ? res.value : nlFail(ctx, res.error);
}
