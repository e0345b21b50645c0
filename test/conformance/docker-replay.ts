/**
 * "What Docker did", checked: a Docker scenario runs in the simulator; its recorded commands
 * (`netsim explain`) plus connectivity probes form a plain script that runs again in a fresh
 * simulator and, in live mode, on the real kernel. The probes must agree everywhere.
 */
import { formatIpv4 } from '../../src/engine/addr/ipv4.ts';
import { Kernel } from '../../src/engine/net/kernel.ts';
import { allDaemons } from '../../src/docker/cli.ts';
import { explainSteps } from '../../src/docker/daemon.ts';
import { createMachine } from '../../src/docker/install.ts';
import { Shell } from '../../src/shell/shell.ts';
import { runScript } from '../../src/scenario/run.ts';

export interface DockerReplayCase {
  name: string;
  commands: string[];
}

export const DOCKER_CASES: DockerReplayCase[] = [
  { name: 'default-bridge-publish', commands: ['docker run -d --name web -p 8080:80 nginx', 'docker run -d --name client alpine sleep 1000'] },
  {
    name: 'two-networks-isolation',
    commands: ['docker network create front', 'docker network create back', 'docker run -d --name f --network front nginx', 'docker run -d --name b --network back redis', 'docker run -d --name both --network front alpine sleep 1000', 'docker network connect back both'],
  },
  {
    name: 'internal-and-no-icc',
    commands: [
      'docker network create --internal secret',
      'docker network create -o com.docker.network.bridge.enable_icc=false quiet',
      'docker run -d --name s1 --network secret nginx',
      'docker run -d --name s2 --network secret alpine sleep 1000',
      'docker run -d --name q1 --network quiet nginx',
      'docker run -d --name q2 --network quiet alpine sleep 1000',
    ],
  },
];

export interface Probe {
  /** The probe as a script line (container namespaces named after the containers). */
  line: string;
  /** Where and what to run it as in the Docker world itself. */
  ns: string;
  cmd: string;
}

export interface Replay {
  script: string;
  probes: Probe[];
  /** Exit codes of the probes in the Docker world. */
  dockerCodes: number[];
}

/** Run the case with Docker in the simulator, then derive the replay script and its probes. */
export function buildReplay(c: DockerReplayCase): Replay {
  const sh = createMachine(1);
  for (const cmd of c.commands) {
    const r = sh.run(cmd);
    if (r.exitCode !== 0) throw new Error(`${cmd}: ${r.output}`);
  }
  const d = allDaemons(sh.kernel)[0];
  const running = [...d.containers.values()].filter((x) => x.state === 'running' && x.ns);
  const listeners: string[] = [];
  const probes: Probe[] = [];
  for (const x of running) for (const e of x.image.expose) if (e.proto === 'tcp') listeners.push(`ip netns exec ${x.name} nc -lk ${e.port} &`);
  for (const a of running)
    for (const b of running) {
      if (a === b) continue;
      for (const ep of b.endpoints) {
        const cmd = `ping -c 1 -W 1 ${formatIpv4(ep.ip)}`;
        probes.push({ line: `ip netns exec ${a.name} ${cmd}`, ns: a.name, cmd });
      }
    }
  for (const x of running)
    for (const p of x.ports) {
      const gw = x.endpoints[0]?.network.gateway;
      if (gw === null || gw === undefined) continue;
      const cmd = `nc -z -w 1 ${formatIpv4(gw)} ${p.hostPort}`;
      probes.push({ line: cmd, ns: '', cmd });
    }
  const dockerCodes = probes.map((p) => {
    const ns = p.ns === '' ? sh.kernel.root : running.find((x) => x.name === p.ns)!.ns!;
    return sh.run(p.cmd, ns).exitCode;
  });
  const script = `# ${c.name}: what Docker did, replayed, then probed\n${explainSteps(d.steps)}${listeners.join('\n')}\n${probes.map((p) => p.line).join('\n')}\n`;
  return { script, probes, dockerCodes };
}

/** Exit codes of the probes when the replay script runs in a fresh simulator (no Docker). */
export function replayInSimulator(r: Replay): number[] {
  const res = runScript(new Shell(new Kernel(1)), 'replay.sh', r.script);
  if (res.error) throw new Error(res.error);
  const bad = res.steps.find((s) => !r.probes.some((p) => p.line === s.command) && s.exitCode !== 0);
  if (bad) throw new Error(`replay line ${bad.line} failed: ${bad.command}\n${bad.stdout}`);
  return r.probes.map((p) => res.steps.find((s) => s.command === p.line)!.exitCode);
}
