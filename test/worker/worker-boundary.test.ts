/**
 * The engine worker's API across a real structured-clone boundary, without a Worker: the
 * object engine.worker.ts exposes is exposed on one end of a MessageChannel and called
 * through a comlink proxy on the other.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, releaseProxy, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/types.ts';
import { createEngineApi, type CreateSession, type EngineSession } from '../../workers/engine-api.ts';
import { createEngineSession } from '../../src/api/session.ts';
import defaultScenario from '../../scenarios/default.sh?raw';

const open: { proxy: Remote<EngineApi>; ports: MessagePort[] }[] = [];

function connect(api: EngineApi): Remote<EngineApi> {
  const { port1, port2 } = new MessageChannel();
  expose(api, nodeEndpoint(port2));
  const proxy = wrap<EngineApi>(nodeEndpoint(port1));
  open.push({ proxy, ports: [port1, port2] });
  return proxy;
}

afterEach(() => {
  for (const { proxy, ports } of open.splice(0)) {
    proxy[releaseProxy]();
    for (const port of ports) port.close();
  }
});

/** A session whose every method throws, as an engine bug would. */
function brokenSession(): EngineSession {
  const fail = (): never => {
    throw new TypeError("Cannot read properties of undefined (reading 'ifindex')");
  };
  return { exec: fail, runScript: fail, namespaces: fail, reset: fail } as unknown as EngineSession;
}

describe('engine API over a MessageChannel', () => {
  it('runs a command and lists the namespace it made', async () => {
    const api = connect(createEngineApi(1));
    const result = await api.exec('ip netns add x');
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    const names = (await api.namespaces()).map((ns) => ns.name);
    expect(names).toContain('x');
    expect(names).toContain('');
  });

  it('reports an unknown command as the shell does, exit 127', async () => {
    const api = connect(createEngineApi(1));
    const result = await api.exec('frobnicate --now');
    expect(result.exitCode).toBe(127);
    expect(result.stdout).toContain('command not found');
  });

  it('throws the world away on reset', async () => {
    const api = connect(createEngineApi(1));
    await api.exec('ip netns add x');
    await api.reset(2);
    expect((await api.namespaces()).map((ns) => ns.name)).not.toContain('x');
  });

  it('peeks at the world without changing it', async () => {
    const api = connect(createEngineApi(1));
    await api.exec('ip netns add x');
    expect(await api.peek('ip netns list')).toContain('x');
  });

  it('runs the default scenario cleanly: every step exits 0', async () => {
    const api = connect(createEngineApi(1));
    const result = await api.runScript('scenarios/default.sh', defaultScenario);
    expect(result.error).toBeUndefined();
    expect(result.steps.filter((step) => step.exitCode !== 0)).toEqual([]);
    const names = (await api.namespaces()).map((ns) => ns.name);
    expect(names).toEqual(expect.arrayContaining(['host', 'c1', 'c2']));
  });
});

describe('an exception inside the engine', () => {
  it('comes back from exec as a failed command, and the API keeps answering', async () => {
    let broken = true;
    const sessions: CreateSession = (seed) => (broken ? brokenSession() : createEngineSession(seed));
    const api = connect(createEngineApi(1, sessions));

    const result = await api.exec('ip link add x type bridge');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/internal error while running 'ip link add x type bridge': TypeError: Cannot read/);

    broken = false;
    await api.reset(1);
    expect(await api.exec('ip netns add y')).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('comes back from runScript as a script error', async () => {
    const api = connect(createEngineApi(1, brokenSession));
    const result = await api.runScript('lesson.sh', 'ip netns add a1\n');
    expect(result.steps).toEqual([]);
    expect(result.error).toMatch(/^lesson\.sh: netsim: internal error/);
  });

  it('rejects namespaces() with a readable Error, and exec still answers', async () => {
    const api = connect(createEngineApi(1, brokenSession));
    await expect(api.namespaces()).rejects.toThrow(/internal error while listing namespaces: TypeError/);
    expect((await api.exec('ip netns list')).exitCode).toBe(1);
  });
});

describe('what the page reads besides commands', () => {
  it('lists command names and reads a scenario without running it', async () => {
    const api = connect(createEngineApi(1));
    expect(await api.commandNames()).toEqual(expect.arrayContaining(['ip', 'ping', 'bridge']));
    expect(await api.parseScenario('# a comment\nip netns add x\n\nip -n x link set lo up\n')).toEqual({
      ok: true,
      lines: [
        { line: 2, command: 'ip netns add x' },
        { line: 4, command: 'ip -n x link set lo up' },
      ],
    });
    const broken = await api.parseScenario("ip netns add x\necho 'open\n");
    expect(broken).toMatchObject({ ok: false, line: 2 });
    expect((await api.namespaces()).map((ns) => ns.name)).not.toContain('x');
  });

  it('describes vxlan and vlan devices with their settings', async () => {
    const api = connect(createEngineApi(1));
    for (const line of [
      'ip netns add h1',
      'ip -n h1 link add phy type veth peer name phy2',
      'ip -n h1 addr add 10.100.0.1/24 dev phy',
      'ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 dev phy',
      'ip -n h1 link add link phy name phy.10 type vlan id 10',
    ]) expect((await api.exec(line)).exitCode).toBe(0);
    const h1 = (await api.namespaces()).find((ns) => ns.name === 'h1')!;
    expect(h1.devices.find((d) => d.name === 'vx0')).toMatchObject({ kind: 'vxlan', lower: { netns: 'h1', device: 'phy' }, vxlan: { vni: 42, dstport: 4789, remote: '10.100.0.2', local: null } });
    expect(h1.devices.find((d) => d.name === 'phy.10')).toMatchObject({ kind: 'vlan', lower: { netns: 'h1', device: 'phy' }, vlanId: 10 });
  });
});
