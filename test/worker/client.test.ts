/**
 * src/api/client.ts against stand-in workers: a MessagePort (with `terminate`) exposing a stub
 * EngineApi. A worker "crashes" when an `error` event is dispatched on it, as a browser does.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEngineClient,
  MAX_CONSECUTIVE_RESTARTS,
  type EngineClient,
  type EngineWorker,
  type WorkerFailure,
} from '../../src/api/client.ts';
import type { EngineApi } from '../../src/api/types.ts';

interface StubWorker {
  readonly worker: EngineWorker;
  readonly port: MessagePort;
  terminated: boolean;
}

/** An engine whose exec echoes, or never answers when told to hang (a stuck worker). */
function stubApi(name: string, hang: { exec: boolean }): EngineApi {
  return {
    exec: (line) => (hang.exec ? new Promise(() => {}) : Promise.resolve({ exitCode: 0, stdout: `${name}: ${line}\n` })),
    runScript: async (_fileName, text) => ({ steps: [{ line: 1, command: text, exitCode: 0, stdout: name }] }),
    namespaces: async () => [{ name, devices: [] }],
    reset: async () => {},
    topology: async () => ({ namespaces: [{ name, devices: [] }], docker: null }),
    tables: async () => ({ addresses: '', routes: '', neighbours: '', fdb: '', iptables: '', conntrack: '' }),
    tablesAt: async () => ({ addresses: '', routes: '', neighbours: '', fdb: '', iptables: '', conntrack: '' }),
    commandNames: async () => ['ip'],
    peek: async (line) => `${name}: ${line}\n`,
    parseScenario: async () => ({ ok: true, lines: [] }),
  };
}

function harness(hang = { exec: false }) {
  const workers: StubWorker[] = [];
  const failures: WorkerFailure[] = [];
  const clients: EngineClient[] = [];
  const spawn = (): EngineWorker => {
    const { port1, port2 } = new MessageChannel();
    expose(stubApi(`w${workers.length}`, hang), port2);
    const stub: StubWorker = {
      port: port1,
      terminated: false,
      worker: Object.assign(port1, {
        terminate: () => {
          stub.terminated = true;
          port1.close();
          port2.close();
        },
      }) as unknown as EngineWorker,
    };
    workers.push(stub);
    return stub.worker;
  };
  const client = createEngineClient({ spawn, onWorkerFailure: (failure) => failures.push(failure) });
  clients.push(client);
  cleanups.push(() => clients.forEach((c) => c.dispose()));
  const crash = (index: number, message = 'Uncaught RangeError: Maximum call stack size exceeded') =>
    workers[index].port.dispatchEvent(Object.assign(new Event('error'), { message }));
  return { client, workers, failures, crash };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('engine client', () => {
  it('implements EngineApi through the worker', async () => {
    const { client, workers } = harness();
    expect(await client.exec('ip netns list')).toEqual({ exitCode: 0, stdout: 'w0: ip netns list\n' });
    expect(await client.namespaces()).toEqual([{ name: 'w0', devices: [] }]);
    expect((await client.runScript('a.sh', 'ip netns add a')).steps).toHaveLength(1);
    expect(workers).toHaveLength(1);
  });

  it('reports a dead worker, answers the call in flight, and carries on with a new worker', async () => {
    const hang = { exec: true };
    const { client, workers, failures, crash } = harness(hang);
    const inFlight = client.exec('ping -c 1 10.0.0.3');
    await new Promise((resolve) => setTimeout(resolve, 10));
    crash(0);

    const result = await inFlight;
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('the engine worker stopped');
    expect(failures).toHaveLength(1);
    expect(failures[0].restarted).toBe(true);
    expect(workers[0].terminated).toBe(true);

    hang.exec = false;
    expect(await client.exec('ip netns list')).toEqual({ exitCode: 0, stdout: 'w1: ip netns list\n' });
    expect(workers).toHaveLength(2);
  });

  it('gives up after a worker dies repeatedly without answering, and says so', async () => {
    const { client, workers, failures, crash } = harness();
    for (let i = 0; i <= MAX_CONSECUTIVE_RESTARTS; i++) crash(i, 'SyntaxError: Unexpected token');

    expect(failures.map((f) => f.restarted)).toEqual([...Array(MAX_CONSECUTIVE_RESTARTS).fill(true), false]);
    expect(workers).toHaveLength(MAX_CONSECUTIVE_RESTARTS + 1);
    const result = await client.exec('ip netns list');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/reload the page/);
    await expect(client.namespaces()).rejects.toThrow(/reload the page/);
  });

  it('ignores a late error from a worker it already replaced', async () => {
    const { client, failures, crash } = harness();
    crash(0);
    crash(0);
    expect(failures).toHaveLength(1);
    expect((await client.exec('x')).stdout).toBe('w1: x\n');
  });
});
