import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';
import { runScript } from '../../../src/scenario/run.ts';
import { MemoryRecorder } from '../../../src/engine/trace/events.ts';

const SCENARIO = new URL('../../../scenarios/docker-swarm-overlay.sh', import.meta.url).pathname;

describe('swarm overlay across two hosts', () => {
  it('runs the scenario with the outcomes its narrative claims', () => {
    const sh = createMachine(1);
    const rec = new MemoryRecorder();
    sh.kernel.trace = rec;
    const r = runScript(sh, 'docker-swarm-overlay.sh', readFileSync(SCENARIO, 'utf8'));
    expect(r.error).toBeUndefined();
    const byCmd = (needle: string) => r.steps.find((s) => s.command.includes(needle))!;
    for (const s of r.steps.filter((x) => !x.command.includes('-s 1423'))) expect(s.exitCode, `${s.line}: ${s.command}\n${s.stdout}`).toBe(0);
    expect(byCmd('swarm join --token').stdout).toBe('This node joined a swarm as a worker.\n');
    expect(byCmd('node ls').stdout).toMatch(/\* +host1 +Ready +Active +Leader/);
    expect(byCmd('client ping -c 1 -W 1 web').stdout).toContain('PING web (10.0.1.2)');
    expect(byCmd('wget -qO- http://web/').stdout).toContain('Welcome to nginx!');
    expect(byCmd('client ip route').stdout).toBe('default via 172.18.0.1 dev eth1 \n10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.3 \n172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.2 \n');
    const tooBig = byCmd('-s 1423');
    expect(tooBig.exitCode).toBe(1);
    expect(tooBig.stdout).toContain('message too long, mtu=1450');
    // The inner frames crossed the LAN wrapped in VXLAN 4097 between the two hosts.
    const encap = rec.events.filter((e) => e.type === 'encap');
    expect(encap.some((e) => e.type === 'encap' && e.vni === 4097 && e.outerSrc === '192.168.1.12' && e.outerDst === '192.168.1.11' && e.dport === 4789)).toBe(true);
  });
});
