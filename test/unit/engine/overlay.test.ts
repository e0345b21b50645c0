import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import { MemoryRecorder, type TraceEvent } from '../../../src/engine/trace/events.ts';
import { parseVxlan } from '../../../src/engine/wire/vxlan.ts';
import { Shell } from '../../../src/shell/shell.ts';

function overlay(opts: { vni2?: number; learning?: boolean } = {}): { sh: Shell; rec: MemoryRecorder } {
  const sh = new Shell(new Kernel(11));
  const cmds = [
    'ip netns add h1',
    'ip netns add h2',
    'ip netns add c1',
    'ip netns add c2',
    'ip -n h1 link add phy type veth peer name phy netns h2',
    'ip -n h1 addr add 192.168.1.11/24 dev phy',
    'ip -n h2 addr add 192.168.1.12/24 dev phy',
    'ip -n h1 link set phy up',
    'ip -n h2 link set phy up',
  ];
  for (const [h, c, me, peer, addr, vni] of [
    ['h1', 'c1', '192.168.1.11', '192.168.1.12', '10.7.0.1', 7],
    ['h2', 'c2', '192.168.1.12', '192.168.1.11', '10.7.0.2', opts.vni2 ?? 7],
  ] as const) {
    cmds.push(
      `ip -n ${h} link add br0 type bridge`,
      `ip -n ${h} link add vx0 type vxlan id ${vni} dstport 4789 local ${me} dev phy ${opts.learning ? 'learning' : 'nolearning'}`,
      `ip -n ${h} link set vx0 master br0`,
      `ip netns exec ${h} bridge fdb append 00:00:00:00:00:00 dev vx0 dst ${peer}`,
      `ip -n ${h} link add vc type veth peer name eth0 netns ${c}`,
      `ip -n ${h} link set vc master br0`,
      `ip -n ${h} link set vx0 up`,
      `ip -n ${h} link set vc up`,
      `ip -n ${h} link set br0 up`,
      `ip -n ${c} addr add ${addr}/24 dev eth0`,
      `ip -n ${c} link set eth0 up`,
    );
  }
  for (const c of cmds) expect(sh.run(c).exitCode, c).toBe(0);
  const rec = new MemoryRecorder();
  sh.kernel.trace = rec;
  return { sh, rec };
}

const ofType = <T extends TraceEvent['type']>(evs: TraceEvent[], type: T): Extract<TraceEvent, { type: T }>[] =>
  evs.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe('VXLAN overlay', () => {
  it('wraps the frame in UDP 4789 with the VNI at one host and unwraps it at the other', () => {
    const { sh, rec } = overlay();
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 10.7.0.2').exitCode).toBe(0);
    const encaps = ofType(rec.events, 'encap');
    expect(encaps[0]).toMatchObject({ ns: 'h1', dev: 'vx0', vni: 7, outerSrc: '192.168.1.11', outerDst: '192.168.1.12', dport: 4789 });
    expect(ofType(rec.events, 'decap').map((e) => e.ns)).toContain('h2');
    // The bytes on the underlay: outer IPv4/UDP to 4789, then the VXLAN header with the VNI.
    // The echo request (not the ARP before it): inner EtherType IPv4 after 50 bytes of outer headers.
    const onWire = ofType(rec.events, 'xmit').find((e) => e.ns === 'h1' && e.dev === 'phy' && e.summary.includes('.4789') && e.bytes[62] === 0x08 && e.bytes[63] === 0x00);
    expect(onWire).toBeDefined();
    const b = onWire!.bytes;
    expect((b[36] << 8) | b[37]).toBe(4789);
    expect((b[40] << 8) | b[41]).not.toBe(0); // the outer UDP checksum is computed (udpcsum)
    expect(parseVxlan(b, 42)).toEqual({ vni: 7 });
    expect(b.length).toBe(50 + 98); // 50 bytes of overhead around a 98-byte echo frame
  });

  it('a different VNI on the far side drops with VXLAN_VNI_NOT_FOUND', () => {
    const { sh, rec } = overlay({ vni2: 8 });
    expect(sh.run('ip netns exec c1 ping -c 1 -W 1 10.7.0.2').exitCode).toBe(1);
    expect(ofType(rec.events, 'drop').map((e) => e.reason)).toContain('VXLAN_VNI_NOT_FOUND');
  });

  it('MTU: a VXLAN device with dev gets 1450; DF pings over the bridge fail past it', () => {
    const { sh } = overlay();
    expect(sh.run('ip -n h1 link show vx0').output).toContain('mtu 1450');
    expect(sh.run('ip -n h1 link show br0').output).toContain('mtu 1450');
  });

  it('learning fills the VXLAN FDB with the remote VTEP of a MAC', () => {
    const { sh } = overlay({ learning: true });
    sh.run('ip netns exec c1 ping -c 1 -W 1 10.7.0.2');
    const fdb = sh.run('ip netns exec h1 bridge fdb show dev vx0').output;
    expect(fdb).toMatch(/^[0-9a-f:]{17} dst 192\.168\.1\.12 self $/m);
  });

  it('macvlan children in bridge mode reach each other, never their lower device', () => {
    const sh = new Shell(new Kernel(2));
    for (const c of [
      'ip netns add h',
      'ip netns add a',
      'ip netns add b',
      'ip netns add lan',
      'ip -n h link add eth0 type veth peer name eth0 netns lan',
      'ip -n h addr add 192.168.5.1/24 dev eth0',
      'ip -n h link set eth0 up',
      'ip -n lan addr add 192.168.5.9/24 dev eth0',
      'ip -n lan link set eth0 up',
      'ip -n h link add mva link eth0 type macvlan mode bridge',
      'ip -n h link add mvb link eth0 type macvlan mode bridge',
      'ip -n h link set mva netns a',
      'ip -n h link set mvb netns b',
      'ip -n a addr add 192.168.5.10/24 dev mva',
      'ip -n b addr add 192.168.5.11/24 dev mvb',
      'ip -n a link set mva up',
      'ip -n b link set mvb up',
    ])
      expect(sh.run(c).exitCode, c).toBe(0);
    expect(sh.run('ip netns exec a ping -c 1 -W 1 192.168.5.11').exitCode).toBe(0);
    expect(sh.run('ip netns exec a ping -c 1 -W 1 192.168.5.9').exitCode).toBe(0);
    expect(sh.run('ip netns exec a ping -c 1 -W 1 192.168.5.1').exitCode).toBe(1);
  });
});
