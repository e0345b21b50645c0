/**
 * Records what the real iptables 1.8.9 (nf_tables) prints for each scenario, so the unit
 * tests can hold the simulator to it. Run as root on a Linux machine with iptables-nft:
 *
 *   npx tsx test/unit/iptables/capture.ts [scenario-name...]
 *
 * Every scenario runs in its own throwaway network namespace (never the root one's rules).
 * A scenario is a list of command lines; `@file PATH` ... `@end` writes a file first
 * (the simulator gets the same text through its in-memory file store).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseScenario, SIMULATED_DATE_RE } from './scenario.ts';

const here = dirname(new URL(import.meta.url).pathname);
const NS = 'ipt-capture';

function sh(cmd: string): { stdout: string; stderr: string; rc: number } {
  const r = spawnSync('ip', ['netns', 'exec', NS, 'bash', '-c', cmd], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, rc: r.status ?? -1 };
}

/** iptables-save stamps the wall clock; the simulator prints a fixed date instead. */
function undate(s: string): string {
  return s.replace(SIMULATED_DATE_RE, 'on Thu Jan  1 00:00:00 1970');
}

function capture(name: string, text: string): void {
  spawnSync('ip', ['netns', 'del', NS]);
  spawnSync('ip', ['netns', 'add', NS]);
  const steps = [];
  for (const step of parseScenario(text)) {
    if (step.kind === 'file') {
      if (!step.path.startsWith('/tmp/')) throw new Error(`scenario files live under /tmp: ${step.path}`);
      mkdirSync(dirname(step.path), { recursive: true });
      writeFileSync(step.path, step.text);
      steps.push({ file: step.path, text: step.text });
      continue;
    }
    const r = sh(step.cmd);
    steps.push({ cmd: step.cmd, stdout: undate(r.stdout), stderr: undate(r.stderr), rc: r.rc });
  }
  spawnSync('ip', ['netns', 'del', NS]);
  writeFileSync(join(here, 'fixtures', `${name}.json`), JSON.stringify({ recordedWith: 'iptables v1.8.9 (nf_tables)', steps }, null, 1) + '\n');
}

const wanted = process.argv.slice(2);
for (const f of readdirSync(join(here, 'scenarios')).sort()) {
  const name = f.replace(/\.sh$/, '');
  if (wanted.length && !wanted.includes(name)) continue;
  capture(name, readFileSync(join(here, 'scenarios', f), 'utf8'));
  console.log(`captured ${name}`);
}
