import { formatIpv4 } from '../engine/addr/ipv4.ts';
import { formatMac } from '../engine/addr/mac.ts';
import { Veth } from '../engine/net/veth.ts';
import { runScript } from '../scenario/run.ts';
import { createMachine } from '../docker/install.ts';
import { operState } from '../shell/ip/format.ts';
import type { CommandResult, DeviceSummary, NamespaceSummary, ScriptResult } from './types.ts';

/** The engine behind the worker: the same methods as EngineApi, synchronous. */
export interface EngineSession {
  exec(line: string): CommandResult;
  runScript(fileName: string, text: string): ScriptResult;
  namespaces(): NamespaceSummary[];
  reset(seed?: number): void;
}

export function createEngineSession(seed = 1): EngineSession {
  let shell = createMachine(seed);
  return {
    exec(line) {
      const r = shell.run(line);
      return { exitCode: r.exitCode, stdout: r.output };
    },
    runScript(fileName, text) {
      return runScript(shell, fileName, text);
    },
    namespaces() {
      return shell.kernel.allNamespaces().map((ns) => ({
        name: ns.name,
        devices: [...ns.devices.values()]
          .sort((a, b) => a.ifindex - b.ifindex)
          .map((d): DeviceSummary => ({
            ifindex: d.ifindex,
            name: d.name,
            kind: d.kind,
            up: d.adminUp,
            operState: operState(d),
            mtu: d.mtu,
            mac: formatMac(d.mac),
            addresses: d.addrs.map((a) => `${formatIpv4(a.addr)}/${a.prefixLen}`),
            ...(d.master ? { master: d.master.name } : {}),
            ...(d instanceof Veth && d.peer ? { peer: { netns: d.peer.ns.name, device: d.peer.name } } : {}),
          })),
      }));
    },
    reset(newSeed = seed) {
      shell = createMachine(newSeed);
    },
  };
}
