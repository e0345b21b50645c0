/** Replays captured scenarios against the simulator's iptables commands. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitWords } from '../../../src/shell/argv.ts';
import type { CommandContext } from '../../../src/shell/context.ts';
import { hostFileSystem } from '../../../src/shell/fs.ts';
import { iptablesCommands } from '../../../src/shell/iptables/command.ts';
import { Shell } from '../../../src/shell/shell.ts';
import type { FixtureStep } from './scenario.ts';

const here = new URL('.', import.meta.url).pathname;

export function fixtureNames(): string[] {
  return readdirSync(join(here, 'fixtures'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadFixture(name: string): FixtureStep[] {
  return (JSON.parse(readFileSync(join(here, 'fixtures', `${name}.json`), 'utf8')) as { steps: FixtureStep[] }).steps;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  rc: number;
}

/** A fresh machine with a namespace `x`, and a way to run iptables commands in it. */
export function sandbox(): { shell: Shell; run(cmd: string): RunResult; write(path: string, text: string): void } {
  const shell = new Shell();
  shell.run('ip netns add x');
  const ns = shell.kernel.netns.get('x');
  if (!ns) throw new Error('no namespace');
  const fs = hostFileSystem(shell.kernel);
  return {
    shell,
    write: (path, text) => fs.write(path, text),
    run(cmd) {
      const argv = splitWords(cmd);
      if (!Array.isArray(argv)) throw new Error(argv.error);
      let stdout = '';
      let stderr = '';
      const ctx: CommandContext = {
        kernel: shell.kernel,
        ns,
        fs,
        background: false,
        out: (s) => (stdout += s),
        err: (s) => (stderr += s),
        exec: () => 127,
        shell,
      };
      const command = iptablesCommands[argv[0]];
      if (!command) throw new Error(`not an iptables command: ${cmd}`);
      const rc = command(ctx, argv);
      return { stdout, stderr, rc };
    },
  };
}

export interface Mismatch {
  cmd: string;
  expected: RunResult;
  actual: RunResult;
}

/** Every step whose output or exit code differs from the real command's. */
export function replay(steps: FixtureStep[]): Mismatch[] {
  const box = sandbox();
  const out: Mismatch[] = [];
  for (const s of steps) {
    if (s.file !== undefined) {
      box.write(s.file, s.text ?? '');
      continue;
    }
    const cmd = s.cmd as string;
    const actual = box.run(cmd);
    const expected = { stdout: s.stdout ?? '', stderr: s.stderr ?? '', rc: s.rc ?? 0 };
    if (actual.stdout !== expected.stdout || actual.stderr !== expected.stderr || actual.rc !== expected.rc) out.push({ cmd, expected, actual });
  }
  return out;
}
