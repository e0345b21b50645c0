import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';
import { runScript } from '../../../src/scenario/run.ts';
import { MemoryRecorder } from '../../../src/engine/trace/events.ts';

const SCENARIO = new URL('../../../scenarios/docker-swarm-service.sh', import.meta.url).pathname;

describe('swarm service behind a VIP', () => {
  const sh = createMachine(1);
  const rec = new MemoryRecorder();
  sh.kernel.trace = rec;
  const r = runScript(sh, 'docker-swarm-service.sh', readFileSync(SCENARIO, 'utf8'));
  const steps = (needle: string) => r.steps.filter((s) => s.command.includes(needle));

  it('runs every line of the scenario', () => {
    expect(r.error).toBeUndefined();
    for (const s of r.steps) expect(s.exitCode, `${s.line}: ${s.command}\n${s.stdout}`).toBe(0);
  });

  it('spreads the tasks over both nodes and lists them', () => {
    expect(steps('service ls')[0].stdout).toMatch(/web +replicated +2\/2 +nginx:latest/);
    const ps = steps('service ps web')[0].stdout;
    expect(ps).toMatch(/web\.1 +nginx:latest +host1 +Running/);
    expect(ps).toMatch(/web\.2 +nginx:latest +host2 +Running/);
    expect(steps('service ls').at(-1)!.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('resolves the service name to the VIP and tasks.NAME to the replicas', () => {
    const [vip, tasks, tasks3] = [steps('nslookup web')[0], ...steps('nslookup tasks.web')].map((s) => s.stdout);
    expect(vip).toMatch(/Name:\tweb\nAddress: 10\.0\.1\.2\n/);
    expect(tasks.match(/Address: 10\.0\.1\.\d+/g)!.sort()).toEqual(['Address: 10.0.1.3', 'Address: 10.0.1.4']);
    expect(tasks3.match(/Address: 10\.0\.1\.\d+/g)).toHaveLength(3);
  });

  it('balances two connections to the VIP round robin over the two tasks', () => {
    for (const s of steps('wget -qO- http://web/')) expect(s.stdout).toContain('Welcome to nginx!');
    const picks = rec.events.flatMap((e) => (e.type === 'nf' && e.table === 'ipvs' ? [e.verdict] : []));
    expect(picks).toEqual(['round robin to 10.0.1.3', 'round robin to 10.0.1.4']);
    expect(steps('-t mangle -S OUTPUT')[0].stdout).toContain('-A OUTPUT -d 10.0.1.2/32 -j MARK --set-xmark 0x100/0xffffffff');
    const table = steps('ipvsadm -L -n')[0].stdout;
    expect(table).toContain('FWM  256 rr');
    expect(table).toMatch(/-> 10\.0\.1\.3:0 +Masq +1 +0 +1\n/);
    expect(table).toMatch(/-> 10\.0\.1\.4:0 +Masq +1 +0 +1\n/);
  });
});

describe('nsenter', () => {
  it('enters a named namespace or a process namespace, with util-linux errors', () => {
    const sh = createMachine(1);
    sh.run('ip netns add blue');
    expect(sh.run('nsenter --net=/run/netns/blue ip -o link show').output).toMatch(/^1: lo: <LOOPBACK> /);
    expect(sh.run('nsenter -n ip link').output).toBe('nsenter: neither filename nor target pid supplied for ns/net\n');
    expect(sh.run('nsenter -t 4242 -n ip link')).toEqual({ exitCode: 1, output: 'nsenter: cannot open /proc/4242/ns/net: No such file or directory\n' });
    sh.run('docker run -d --name c1 alpine sleep 100');
    const pid = sh.run("docker inspect -f '{{.State.Pid}}' c1").output.trim();
    expect(sh.run(`nsenter -t ${pid} -n ip -4 -o addr show eth0`).output).toContain('inet 172.17.0.2/16');
  });
});
