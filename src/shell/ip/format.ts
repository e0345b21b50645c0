import { formatIpv4 } from '../../engine/addr/ipv4.ts';
import { formatMac } from '../../engine/addr/mac.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import { Veth } from '../../engine/net/veth.ts';
import { Bridge } from '../../engine/net/bridge.ts';
import { Vlan } from '../../engine/net/vlan.ts';
import { Macvlan } from '../../engine/net/macvlan.ts';
import { Vxlan } from '../../engine/net/vxlan.ts';

/** "name" or "name@peer" / "name@ifN" as iproute2 prints a device with a link. */
export function linkName(d: NetDevice): string {
  if (d instanceof Vlan || d instanceof Macvlan) {
    const l = d.lower;
    return l.ns === d.ns ? `${d.name}@${l.name}` : `${d.name}@if${l.ifindex}`;
  }
  if (d instanceof Veth && d.peer) {
    const p = d.peer;
    if (p.ns === d.ns) return `${d.name}@${p.name}`;
    // iproute2 looks the peer's ifindex up locally: a local device with that index names it.
    const local = d.ns.devices.get(p.ifindex);
    return local ? `${d.name}@${local.name}` : `${d.name}@if${p.ifindex}`;
  }
  return d.name;
}

export function linkFlags(d: NetDevice): string {
  const f: string[] = [];
  if (d.adminUp && !d.carrier) f.push('NO-CARRIER');
  if (d.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (d.adminUp) f.push('UP');
  if (d.adminUp && d.carrier) f.push('LOWER_UP');
  // M-DOWN: the device this one is linked to (veth peer, lower device) is down, if local.
  const link = d instanceof Veth ? d.peer : d instanceof Vlan || d instanceof Macvlan ? d.lower : null;
  if (link && link.ns === d.ns && !link.adminUp) f.push('M-DOWN');
  return `<${f.join(',')}>`;
}

/** IF_OPER_* as `state` shows it (rfc2863 operstate). */
export function operState(d: NetDevice): 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN' {
  if (!d.adminUp) return 'DOWN';
  if (d.kind === 'loopback' || d.kind === 'vxlan') return 'UNKNOWN';
  if ((d instanceof Vlan || d instanceof Macvlan) && !d.carrier) return 'LOWERLAYERDOWN';
  if (d.carrier) return 'UP';
  if (d instanceof Veth && d.peer && d.peer.ifindex !== d.ifindex) return 'LOWERLAYERDOWN';
  return 'DOWN';
}

function qdisc(d: NetDevice): string {
  return (d as { everUp?: boolean }).everUp || d.adminUp ? 'noqueue' : 'noop';
}

/** The first line of `ip link show` / `ip addr show` for a device. */
export function linkHeader(d: NetDevice, withMode: boolean): string {
  const master = d.master ? ` master ${d.master.name}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  return `${d.ifindex}: ${linkName(d)}: ${linkFlags(d)} mtu ${d.mtu} qdisc ${qdisc(d)}${master} state ${operState(d)}${mode} group default qlen 1000`;
}

/** link-netns NAME (or link-netnsid N) for a veth whose peer lives elsewhere. */
export function linkNetns(d: NetDevice): string {
  const other = d instanceof Veth ? d.peer : d instanceof Vlan || d instanceof Macvlan ? d.lower : null;
  if (other && other.ns !== d.ns) {
    const pns = other.ns;
    return pns.name !== '' ? ` link-netns ${pns.name}` : ` link-netnsid ${d.ns.peerIdOf(pns)}`;
  }
  return '';
}

export function linkLine2(d: NetDevice): string {
  if (d.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  return `    link/ether ${formatMac(d.mac)} brd ff:ff:ff:ff:ff:ff${linkNetns(d)}`;
}

/** `ip -d link show` details for the kinds we model. */
export function linkDetails(d: NetDevice): string {
  const base = `    promiscuity 0 minmtu 68 maxmtu 65535 `;
  if (d instanceof Bridge) return `${base}\n    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q `;
  const port = d.master instanceof Bridge ? `\n    bridge_slave state ${d.master.portForwarding(d) ? 'forwarding' : 'disabled'} priority 32 cost 2 hairpin ${d.hairpin ? 'on' : 'off'} ` : '';
  if (d instanceof Veth) return `${base}\n    veth ${port}`;
  if (d instanceof Vlan) return `${base}\n    vlan protocol 802.1Q id ${d.vid} <REORDER_HDR> ${port}`;
  if (d instanceof Macvlan) return `${base}\n    macvlan mode ${d.mode} bcqueuelen 1000 usedbcqueuelen 1000 ${port}`;
  if (d instanceof Vxlan) {
    const c = d.cfg;
    const parts = [`vxlan id ${c.vni}`];
    if (c.remote !== null && d.fdb.some((e) => e.permanent && e.mac === 0 && e.dst === c.remote)) parts.push(`remote ${formatIpv4(c.remote)}`);
    if (c.local !== null) parts.push(`local ${formatIpv4(c.local)}`);
    if (c.lower) parts.push(`dev ${c.lower.name}`);
    parts.push('srcport 0 0', `dstport ${c.dstport}`);
    if (!c.learning) parts.push('nolearning');
    parts.push(c.ttl ? `ttl ${c.ttl}` : 'ttl auto', 'ageing 300');
    if (c.df !== 'unset') parts.push(`df ${c.df}`);
    parts.push('udpcsum noudp6zerocsumtx noudp6zerocsumrx');
    return `${base}\n    ${parts.join(' ')} ${port}`;
  }
  return base;
}

/** The EUI-64 IPv6 link-local address a device configures when it comes up with carrier. */
export function linkLocal6(d: NetDevice): string {
  const b = formatMac(d.mac).split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

export function hasIpv6LinkLocal(d: NetDevice): boolean {
  return d.kind !== 'loopback' && d.adminUp && d.carrier;
}

export function formatAddrLines(d: NetDevice, only4: boolean): string[] {
  const lines: string[] = [];
  for (const a of d.addrs) {
    const brd = a.broadcast !== 0 ? ` brd ${formatIpv4(a.broadcast)}` : '';
    lines.push(`    inet ${formatIpv4(a.addr)}/${a.prefixLen}${brd} scope ${a.scope}${a.secondary ? ' secondary' : ''} ${a.label}`);
    lines.push('       valid_lft forever preferred_lft forever');
  }
  if (!only4) {
    if (d.kind === 'loopback' && d.adminUp) {
      lines.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever');
    } else if (hasIpv6LinkLocal(d)) {
      lines.push(`    inet6 ${linkLocal6(d)}/64 scope link `, '       valid_lft forever preferred_lft forever');
    }
  }
  return lines;
}
