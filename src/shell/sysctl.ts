import type { NetNs } from '../engine/net/netns.ts';
import { ipvsLoaded } from '../engine/netfilter/ipvs.ts';
import type { Command } from './context.ts';

/** Per-interface IPv4 settings that exist for every device (net.ipv4.conf.DEV.*). */
const CONF_KEYS: Record<string, string> = {
  forwarding: '0',
  rp_filter: '0',
  accept_local: '0',
  route_localnet: '0',
  proxy_arp: '0',
  arp_ignore: '0',
  promote_secondaries: '0',
  arp_announce: '0',
  arp_accept: '0',
  send_redirects: '1',
  accept_redirects: '1',
};

/** IPVS's per-namespace settings (net.ipv4.vs.*), there once the ip_vs module is loaded. */
const VS_KEYS: Record<string, string> = {
  conntrack: '0',
  conn_reuse_mode: '1',
  expire_nodest_conn: '0',
  expire_quiescent_template: '0',
};

/** The keys a namespace has: its global ones plus conf.{all,default,DEV}.* */
function sysctlValue(ns: NetNs, key: string): string | undefined {
  const v = ns.sysctl.get(key);
  if (v !== undefined) return v;
  const vs = /^net\.ipv4\.vs\.([a-z_]+)$/.exec(key);
  if (vs && vs[1] in VS_KEYS && ipvsLoaded(ns.kernel)) return VS_KEYS[vs[1]];
  const m = /^net\.ipv4\.conf\.([^.]+)\.([a-z_]+)$/.exec(key);
  if (m && m[2] in CONF_KEYS && (m[1] === 'all' || m[1] === 'default' || ns.device(m[1]))) {
    // A device's forwarding starts as conf.default.forwarding (devinet copies it at creation).
    if (m[2] === 'forwarding') return ns.sysctl.get('net.ipv4.conf.default.forwarding');
    return ns.sysctl.get(`net.ipv4.conf.all.${m[2]}`) ?? CONF_KEYS[m[2]];
  }
  return undefined;
}

/** Keys whose handler is proc_do*vec_minmax: values outside [min, max] are EINVAL. */
const RANGES: Record<string, [number, number]> = {
  'net.ipv4.ip_default_ttl': [1, 255],
  'net.ipv4.icmp_echo_ignore_all': [0, 1],
  'net.ipv4.icmp_echo_ignore_broadcasts': [0, 1],
};

function setSysctl(ns: NetNs, key: string, value: string): 'ok' | 'EINVAL' {
  const old = sysctlValue(ns, key) as string;
  if (/^-?\d+$/.test(old) && !/^-?\d+$/.test(value)) return 'EINVAL';
  const range = RANGES[key];
  if (range && (Number(value) < range[0] || Number(value) > range[1])) return 'EINVAL';
  // ip_forward and conf.all.forwarding are the same switch (devinet_sysctl_forward).
  if (key === 'net.ipv4.ip_forward' || /^net\.ipv4\.conf\.(all|default)\.forwarding$/.test(key)) {
    const on = Number(value) ? '1' : '0';
    if (key !== 'net.ipv4.conf.default.forwarding') {
      ns.sysctl.set('net.ipv4.ip_forward', on);
      ns.sysctl.set('net.ipv4.conf.all.forwarding', on);
      // inet_forward_change: every device takes the new value too.
      for (const d of ns.devices.values()) ns.sysctl.set(`net.ipv4.conf.${d.name}.forwarding`, on);
    }
    ns.sysctl.set('net.ipv4.conf.default.forwarding', on);
    return 'ok';
  }
  ns.sysctl.set(key, value);
  return 'ok';
}

/** procps `sysctl`: read with `sysctl KEY` / `-n KEY`, write with `-w KEY=VALUE`. */
export const sysctlCommand: Command = (ctx, argv) => {
  let quiet = false;
  let valueOnly = false;
  let write = false;
  const items: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-n' || a === '--values') valueOnly = true;
    else if (a === '-w' || a === '--write') write = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-e' || a === '--ignore') continue;
    else if (/^-[nwqe]+$/.test(a)) {
      if (a.includes('n')) valueOnly = true;
      if (a.includes('w')) write = true;
      if (a.includes('q')) quiet = true;
    } else if (a.startsWith('-')) {
      ctx.err(`sysctl: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\nUsage:\n sysctl [options] [variable[=value] ...]\n`);
      return 2;
    } else items.push(a);
  }
  if (items.length === 0) {
    ctx.err('sysctl: no variables specified\nTry `sysctl --help\' for more information.\n');
    return 255;
  }
  let code = 0;
  for (const item of items) {
    const eq = item.indexOf('=');
    const isWrite = write || eq >= 0;
    const rawKey = (eq >= 0 ? item.slice(0, eq) : item).replace(/\//g, '.');
    const key = rawKey;
    const path = `/proc/sys/${key.replace(/\./g, '/')}`;
    if (isWrite && eq < 0) {
      ctx.err(`sysctl: "${item}" must be of the form name=value\n`);
      code = 1;
      continue;
    }
    const current = sysctlValue(ctx.ns, key);
    if (current === undefined) {
      ctx.err(`sysctl: cannot stat ${path}: No such file or directory\n`);
      code = 1;
      continue;
    }
    if (isWrite) {
      const value = item.slice(eq + 1).trim();
      if (setSysctl(ctx.ns, key, value) === 'EINVAL') {
        ctx.err(`sysctl: setting key "${key}": Invalid argument\n`);
        code = 1;
        continue;
      }
      if (!quiet) ctx.out(valueOnly ? `${value}\n` : `${key} = ${value}\n`);
    } else {
      ctx.out(valueOnly ? `${current}\n` : `${key} = ${current}\n`);
    }
  }
  return code;
};
