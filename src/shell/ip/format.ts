import { formatIpv4 } from '../../engine/addr/ipv4.ts';
import { formatMac } from '../../engine/addr/mac.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import { Veth } from '../../engine/net/veth.ts';
import { Bridge } from '../../engine/net/bridge.ts';
import { Vlan } from '../../engine/net/vlan.ts';
import { Macvlan } from '../../engine/net/macvlan.ts';
import { Ipvlan } from '../../engine/net/ipvlan.ts';
import { Vxlan } from '../../engine/net/vxlan.ts';

/** The lower device of a stacked device (VLAN, macvlan, ipvlan): IFLA_LINK. */
function lowerOf(d: NetDevice): NetDevice | null {
  return d instanceof Vlan || d instanceof Macvlan || d instanceof Ipvlan ? d.lower : null;
}

/** "name" or "name@peer" / "name@ifN" as iproute2 prints a device with a link. */
export function linkName(d: NetDevice): string {
  const l = lowerOf(d);
  if (l) {
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
  if (d.noarp) f.push('NOARP');
  if (d.adminUp) f.push('UP');
  if (d.adminUp && d.carrier) f.push('LOWER_UP');
  // M-DOWN: the device this one is linked to (veth peer, lower device) is down, if local.
  const link = d instanceof Veth ? d.peer : lowerOf(d);
  if (link && link.ns === d.ns && !link.adminUp) f.push('M-DOWN');
  return `<${f.join(',')}>`;
}

/** IF_OPER_* as `state` shows it (rfc2863 operstate). */
export function operState(d: NetDevice): 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN' {
  if (!d.adminUp) return 'DOWN';
  if (d.kind === 'loopback' || d.kind === 'vxlan') return 'UNKNOWN';
  if (lowerOf(d) && !d.carrier) return 'LOWERLAYERDOWN';
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
  const other = d instanceof Veth ? d.peer : lowerOf(d);
  if (other && other.ns !== d.ns) {
    const pns = other.ns;
    return pns.name !== '' && !pns.hidden ? ` link-netns ${pns.name}` : ` link-netnsid ${d.ns.peerIdOf(pns)}`;
  }
  return '';
}

export function linkLine2(d: NetDevice): string {
  if (d.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  return `    link/ether ${formatMac(d.mac)} brd ff:ff:ff:ff:ff:ff${linkNetns(d)}`;
}

/** `ip -d link show`: what follows the link/ether line, and the type's own lines. */
export function linkDetails(d: NetDevice): { suffix: string; lines: string[] } {
  const port = d.master instanceof Bridge;
  const promisc = port ? 1 : 0;
  const suffix = d.kind === 'loopback' ? ' promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 ' : ` promiscuity ${promisc}  allmulti ${promisc} minmtu 68 maxmtu 65535 `;
  const queues = d.kind === 'veth' ? 2 : 1;
  const tail = `addrgenmode eui64 numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `;
  const lines: string[] = [];
  if (d instanceof Veth) lines.push('veth ');
  else if (d instanceof Vlan) lines.push(`vlan protocol 802.1Q id ${d.vid} <REORDER_HDR> `);
  else if (d instanceof Macvlan) lines.push(`macvlan mode ${d.mode} bcqueuelen 1000 usedbcqueuelen 1000 `);
  // print_linktype "%s " then ipvlan_print_opt " mode %s " and the flag.
  else if (d instanceof Ipvlan) lines.push(`ipvlan  mode ${d.port.mode} ${d.port.flag} `);
  else if (d instanceof Bridge) {
    const id = `8000.${formatMac(d.mac)}`;
    const nf = d.ns.sysctl.get('net.bridge.bridge-nf-call-iptables') === '1' ? 1 : 0;
    lines.push(
      `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time ${Math.round(d.ageingTime / 1e7)} stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 nf_call_iptables ${nf} nf_call_ip6tables ${nf} nf_call_arptables ${nf} `,
    );
  } else if (d instanceof Vxlan) {
    const c = d.cfg;
    const parts = [`vxlan id ${c.vni}`];
    if (c.remote !== null && d.fdb.some((e) => e.viaLower !== undefined && e.dst === c.remote)) parts.push(`remote ${formatIpv4(c.remote)}`);
    if (c.local !== null) parts.push(`local ${formatIpv4(c.local)}`);
    if (c.lower) parts.push(`dev ${c.lower.name}`);
    parts.push('srcport 0 0', `dstport ${c.dstport}`);
    if (c.proxy) parts.push('proxy');
    if (!c.learning) parts.push('nolearning');
    parts.push(c.ttl ? `ttl ${c.ttl}` : 'ttl auto', 'ageing 300');
    if (c.df !== 'unset') parts.push(`df ${c.df}`);
    parts.push('udpcsum noudp6zerocsumtx noudp6zerocsumrx');
    lines.push(parts.join(' ') + ' ');
  }
  if (d.master instanceof Bridge) {
    const state = d.master.portForwarding(d) ? 'forwarding' : 'disabled';
    lines.push(`bridge_slave state ${state} priority 32 cost 2 hairpin ${d.hairpin ? 'on' : 'off'} guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off `);
  }
  if (lines.length === 0) return { suffix: suffix + tail, lines: [] };
  lines[lines.length - 1] += tail;
  return { suffix, lines: lines.map((l) => `    ${l}`) };
}

/** The EUI-64 IPv6 link-local address a device configures when it comes up with carrier. */
export function linkLocal6(d: NetDevice): string {
  const b = formatMac(d.mac).split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  // addrconf_ifid_eui48: a device with a dev_id (ipvlan slaves sharing one MAC) puts it in place of ff:fe.
  const devId = d instanceof Ipvlan ? d.devId : 0;
  const mid = devId ? [(devId >> 8) & 0xff, devId & 0xff] : [0xff, 0xfe];
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | mid[0], (mid[1] << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

export function hasIpv6LinkLocal(d: NetDevice): boolean {
  return d.kind !== 'loopback' && d.adminUp && d.carrier;
}

export function formatAddrLines(d: NetDevice, only4: boolean): string[] {
  const lines: string[] = [];
  for (const a of d.addrs) {
    const brd = a.broadcast !== 0 ? ` brd ${formatIpv4(a.broadcast)}` : '';
    const peer = a.peer !== undefined ? ` peer ${formatIpv4(a.peer)}` : '';
    lines.push(`    inet ${formatIpv4(a.addr)}${peer}/${a.prefixLen}${brd} scope ${a.scope}${a.secondary ? ' secondary' : ''} ${a.label}`);
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
