// ipvlan (drivers/net/ipvlan). There is no conformance recording for it: the kernel of the
// machine these tests were written on has no ipvlan module, so the expectations below come
// from the driver's source (ipvlan_core.c, ipvlan_main.c) and iproute2's iplink_ipvlan.c.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import { Shell } from '../../../src/shell/shell.ts';

/**
 * The host (root namespace) has eth0, a veth whose other end is the "lan" namespace's port of
 * a bridge; a router sits on that LAN at 192.168.50.1. Namespaces c1 and c2 each get an
 * ipvlan slave of eth0 in MODE, as Docker does it: made on the host, moved in, renamed.
 */
function lan(mode: 'l2' | 'l3' = 'l2'): Shell {
  const sh = new Shell(new Kernel(5));
  const cmds = [
    'ip netns add lan',
    'ip netns add c1',
    'ip netns add c2',
    'ip link add eth0 type veth peer name host netns lan',
    'ip addr add 192.168.50.10/24 dev eth0',
    'ip link set eth0 up',
    'ip -n lan link add br0 type bridge',
    'ip -n lan link set host master br0',
    'ip -n lan link set host up',
    'ip -n lan link add rtr type veth peer name rtr-port',
    'ip -n lan link set rtr-port master br0',
    'ip -n lan link set rtr-port up',
    'ip -n lan addr add 192.168.50.1/24 dev rtr',
    'ip -n lan link set rtr up',
    'ip -n lan link set br0 up',
  ];
  for (const [c, ip] of [
    ['c1', '192.168.50.21'],
    ['c2', '192.168.50.22'],
  ] as const) {
    cmds.push(
      `ip link add ipv-${c} link eth0 type ipvlan mode ${mode}`,
      `ip link set ipv-${c} netns ${c}`,
      `ip -n ${c} link set ipv-${c} name eth0`,
      `ip -n ${c} addr add ${ip}/24 dev eth0`,
      `ip -n ${c} link set eth0 up`,
      `ip -n ${c} link set lo up`,
    );
  }
  for (const c of cmds) expect(sh.run(c).exitCode, c).toBe(0);
  return sh;
}

const macOf = (sh: Shell, where: string): string => {
  const out = sh.run(`${where} link show eth0`).output;
  return /link\/ether (\S+)/.exec(out)?.[1] ?? '';
};

describe('ipvlan L2', () => {
  it('gives every slave the MAC address of its parent', () => {
    const sh = lan();
    const parent = macOf(sh, 'ip');
    expect(parent).toMatch(/^[0-9a-f:]{17}$/);
    expect(macOf(sh, 'ip -n c1')).toBe(parent);
    expect(macOf(sh, 'ip -n c2')).toBe(parent);
    // A slave's MAC cannot be changed (ipvlan has no ndo_set_mac_address)...
    const r = sh.run('ip -n c1 link set eth0 address 02:00:00:00:00:01');
    expect(r.exitCode).toBe(2);
    expect(r.output).toBe('RTNETLINK answers: Operation not supported\n');
    // ...but follows the parent's.
    expect(sh.run('ip link set eth0 address 02:11:22:33:44:55').exitCode).toBe(0);
    expect(macOf(sh, 'ip -n c1')).toBe('02:11:22:33:44:55');
  });

  it('lets slaves in two namespaces ping each other and a host on the parent LAN', () => {
    const sh = lan();
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.22').exitCode).toBe(0);
    expect(sh.run('ip netns exec c2 ping -c 1 -W 1 192.168.50.21').exitCode).toBe(0);
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.1').exitCode).toBe(0);
    expect(sh.run('ip netns exec c2 ping -c 1 -W 1 192.168.50.1').exitCode).toBe(0);
    // The router learned both container addresses at the one MAC of the host's eth0.
    const parent = macOf(sh, 'ip');
    const neigh = sh.run('ip -n lan neigh show dev rtr').output;
    expect(neigh).toContain(`192.168.50.21 lladdr ${parent}`);
    expect(neigh).toContain(`192.168.50.22 lladdr ${parent}`);
    // The LAN router can reach a slave first, too (its ARP broadcast is copied to every slave).
    sh.run('ip -n lan neigh flush dev rtr');
    expect(sh.run('ip netns exec lan ping -c 1 -W 1 192.168.50.22').exitCode).toBe(0);
  });

  it('keeps the slaves and their parent apart: no ARP answer crosses between them', () => {
    const sh = lan();
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.10').exitCode).toBe(1);
    expect(sh.run('ping -c 1 -W 1 192.168.50.21').exitCode).toBe(1);
  });

  it('drops traffic between slaves in private mode, but not to the LAN', () => {
    const sh = lan();
    expect(sh.run('ip -n c1 link set eth0 type ipvlan mode l2 private').exitCode).toBe(0);
    expect(sh.run('ip -n c1 -d link show eth0').output).toContain('ipvlan  mode l2 private ');
    // The flag belongs to the port: the sibling in c2 is private too.
    expect(sh.run('ip -n c2 -d link show eth0').output).toContain('ipvlan  mode l2 private ');
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.22').exitCode).toBe(1);
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.1').exitCode).toBe(0);
  });

  it('prints the ipvlan line of ip -d link show as iproute2 does', () => {
    const sh = lan();
    const out = sh.run('ip -n c1 -d link show eth0').output;
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000$/);
    expect(lines[1]).toMatch(/^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0 {2}allmulti 0 minmtu 68 maxmtu 65535 $/);
    expect(lines[2]).toMatch(/^ {4}ipvlan {2}mode l2 bridge addrgenmode eui64 /);
    // `ip link show type ipvlan` lists only ipvlan devices.
    expect(sh.run('ip link add ipv9 link eth0 type ipvlan mode l2').exitCode).toBe(0);
    expect(sh.run('ip link show type ipvlan').output).toMatch(/^\d+: ipv9@eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN/);
  });

  it('refuses a bad mode, an unknown option and a second slave with the same address', () => {
    const sh = lan();
    let r = sh.run('ip link add ipv9 link eth0 type ipvlan mode l4');
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe('Error: argument of "mode" must be either "l2", "l3" or "l3s"\n');
    r = sh.run('ip link add ipv9 link eth0 type ipvlan bogus');
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe('ipvlan: unknown option "bogus"?\nUsage: ... ipvlan [ mode MODE ] [ FLAGS ]\n\nMODE: l3 | l3s | l2\nFLAGS: bridge | private | vepa\n(first values are the defaults if nothing is specified).\n');
    r = sh.run('ip link add ipv9 type ipvlan mode l2');
    expect(r.exitCode).toBe(2);
    r = sh.run('ip link add ipv9 link lo type ipvlan mode l2');
    expect(r.exitCode).toBe(2);
    expect(r.output).toBe('RTNETLINK answers: Invalid argument\n');
    // ipvlan_addr4_validator_event: one address per port.
    expect(sh.run('ip link add ipv9 link eth0 type ipvlan mode l2').exitCode).toBe(0);
    r = sh.run('ip addr add 192.168.50.21/24 dev ipv9');
    expect(r.exitCode).toBe(2);
    expect(r.output).toBe('Error: Address already assigned to an ipvlan device.\n');
    // The parent is in use by an ipvlan port: it cannot become a bridge port or a macvlan lower device.
    sh.run('ip link add br9 type bridge');
    expect(sh.run('ip link set eth0 master br9').output).toBe('RTNETLINK answers: Device or resource busy\n');
    expect(sh.run('ip link add mv0 link eth0 type macvlan mode bridge').output).toBe('RTNETLINK answers: Device or resource busy\n');
  });

  it('defaults to L3 mode, which is NOARP, and takes its slaves away with the parent', () => {
    const sh = new Shell(new Kernel(3));
    expect(sh.run('ip link add eth0 type veth peer name eth1').exitCode).toBe(0);
    expect(sh.run('ip link add ipv0 link eth0 type ipvlan').exitCode).toBe(0);
    expect(sh.run('ip -d link show ipv0').output).toContain('<BROADCAST,MULTICAST,NOARP,M-DOWN>');
    expect(sh.run('ip -d link show ipv0').output).toContain('    ipvlan  mode l3 bridge ');
    expect(sh.run('ip link del eth0').exitCode).toBe(0);
    expect(sh.run('ip link show ipv0').exitCode).toBe(1);
  });
});

describe('ipvlan L3', () => {
  it('routes slave traffic through the parent namespace, without ARP on the slave', () => {
    const sh = lan('l3');
    for (const c of ['c1', 'c2']) expect(sh.run(`ip -n ${c} route add default dev eth0`).exitCode).toBe(0);
    // Between slaves of one parent: switched by address inside the driver.
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.22').exitCode).toBe(0);
    // The LAN router answers only once it routes the containers' addresses via the host:
    // nobody answers ARP for an L3 slave.
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.1').exitCode).toBe(1);
    expect(sh.run('ip -n lan route add 192.168.50.21/32 via 192.168.50.10').exitCode).toBe(0);
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 192.168.50.1').exitCode).toBe(0);
    // The slave never resolved anything: its neighbour is NOARP at its own (the parent's) MAC.
    expect(sh.run('ip -n c1 neigh show nud noarp').output).toContain(`192.168.50.1 dev eth0 lladdr ${macOf(sh, 'ip')} NOARP`);
    // The host did the ARP for the router, from its own address.
    expect(sh.run('ip neigh show dev eth0').output).toContain('192.168.50.1 lladdr');
  });
});
