// Docker's ipvlan driver on the simulated kernel. No conformance recording backs these: the
// kernel of the machine they were written on has no ipvlan module, so they follow moby's
// drivers/ipvlan (v27) and the kernel's drivers/net/ipvlan as read from source.
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';

type Machine = ReturnType<typeof createMachine>;

function run(sh: Machine, cmd: string): string {
  const r = sh.run(cmd);
  expect(r.exitCode, `${cmd}\n${r.output}`).toBe(0);
  return r.output;
}

const macOf = (out: string): string => /link\/ether (\S+)/.exec(out)?.[1] ?? '';

/** The host's eth0 is on 192.168.1.0/24 with the router at 192.168.1.1 (the default uplink). */
function withIpvlan(extra = ''): Machine {
  const sh = createMachine(4);
  run(sh, `docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 ${extra} lan`);
  run(sh, 'docker run -d --name a --network lan --ip 192.168.1.60 alpine sleep 1000');
  run(sh, 'docker run -d --name b --network lan --ip 192.168.1.61 alpine sleep 1000');
  return sh;
}

describe('docker network create -d ipvlan', () => {
  it('attaches containers by an L2 ipvlan slave of the parent: one MAC, their own addresses', () => {
    const sh = withIpvlan();
    const parent = macOf(run(sh, 'ip link show eth0'));
    const a = run(sh, 'docker exec a ip -d link show eth0');
    expect(macOf(a)).toBe(parent);
    expect(macOf(run(sh, 'docker exec b ip link show eth0'))).toBe(parent);
    expect(a).toContain('    ipvlan  mode l2 bridge ');
    expect(a).not.toContain('02:42:');
    expect(run(sh, 'docker exec a ip route')).toBe('default via 192.168.1.1 dev eth0 \n192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.60 \n');
    // Each other, the LAN router and beyond it.
    run(sh, 'docker exec a ping -c 1 -W 1 192.168.1.61');
    run(sh, 'docker exec b ping -c 1 -W 1 192.168.1.60');
    run(sh, 'docker exec a ping -c 1 -W 1 192.168.1.1');
    run(sh, 'docker exec b ping -c 1 -W 1 8.8.8.8');
    // Not the host: the parent and its slaves never answer each other's ARP.
    expect(sh.run('docker exec a ping -c 1 -W 1 192.168.1.11').exitCode).toBe(1);
    // The host's iptables got nothing from this network.
    expect(run(sh, 'iptables-save')).not.toContain('192.168.1.0/24');
  });

  it('shows the driver and the options as given, and no endpoint MAC', () => {
    const sh = withIpvlan();
    const net = JSON.parse(run(sh, 'docker network inspect lan'))[0];
    expect(net.Driver).toBe('ipvlan');
    expect(net.Options).toEqual({ parent: 'eth0' });
    expect(net.IPAM.Config[0]).toMatchObject({ Subnet: '192.168.1.0/24', Gateway: '192.168.1.1' });
    const eps = Object.values(net.Containers) as { Name: string; MacAddress: string; IPv4Address: string }[];
    expect(eps.map((e) => [e.Name, e.MacAddress, e.IPv4Address]).sort()).toEqual([
      ['a', '', '192.168.1.60/24'],
      ['b', '', '192.168.1.61/24'],
    ]);
    const c = JSON.parse(run(sh, 'docker inspect a'))[0];
    expect(c.NetworkSettings.Networks.lan.MacAddress).toBe('');
  });

  it('in L3 mode routes by the interface alone and needs the LAN to route back', () => {
    const sh = withIpvlan('-o ipvlan_mode=l3');
    expect(run(sh, 'docker exec a ip -d link show eth0')).toContain('<BROADCAST,MULTICAST,NOARP,UP,LOWER_UP>');
    expect(run(sh, 'docker exec a ip route')).toBe('default dev eth0 scope link \n192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.60 \n');
    run(sh, 'docker exec a ping -c 1 -W 1 192.168.1.61');
    expect(JSON.parse(run(sh, 'docker network inspect lan'))[0].Options).toEqual({ ipvlan_mode: 'l3', parent: 'eth0' });
  });

  it('creates a VLAN parent on demand and removes it with the network', () => {
    const sh = createMachine(4);
    run(sh, 'docker network create -d ipvlan --subnet 10.50.0.0/24 -o parent=eth0.50 v50');
    expect(run(sh, 'ip -d link show eth0.50')).toContain('vlan protocol 802.1Q id 50');
    run(sh, 'docker run -d --name c --network v50 alpine sleep 1000');
    expect(macOf(run(sh, 'docker exec c ip link show eth0'))).toBe(macOf(run(sh, 'ip link show eth0')));
    run(sh, 'docker rm -f c');
    run(sh, 'docker network rm v50');
    expect(sh.run('ip link show eth0.50').exitCode).toBe(1);
  });

  it('refuses what the driver refuses', () => {
    const sh = createMachine(4);
    let r = sh.run('docker network create -d ipvlan --subnet 10.9.0.0/24 -o parent=eth0 -o ipvlan_mode=l4 bad');
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain("requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default");
    r = sh.run('docker network create -d ipvlan --subnet 10.9.0.0/24 -o parent=eth0 -o ipvlan_flag=loose bad');
    expect(r.output).toContain("requested ipvlan flag 'loose' is not valid, 'bridge' is the ipvlan driver default");
    run(sh, 'docker network create -d ipvlan --subnet 10.9.0.0/24 -o parent=eth0 one');
    r = sh.run('docker network create -d ipvlan --subnet 10.10.0.0/24 -o parent=eth0 two');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/network di-[0-9a-f]{12} is already using parent interface eth0/);
  });
});
