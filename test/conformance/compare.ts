import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kernel } from '../../src/engine/net/kernel.ts';
import { Shell } from '../../src/shell/shell.ts';
import { runScript } from '../../src/scenario/run.ts';

export const CONFORMANCE_DIR = new URL('.', import.meta.url).pathname;

/** Scripts that need parts of the kernel other issues build (iptables, VXLAN). */
export const NEEDS_LATER_WORK: Record<string, string> = {
};

/**
 * Lines where the simulator knowingly differs from the recording, with the reason. The suite
 * fails if such a line starts to match, so the list cannot go stale.
 */
export const KNOWN_DIFFERENCES: Record<string, Record<number, string>> = {
  'n21-snat-port-clash.sh': {
    32: "a new connection to a single-port SNAT whose only port is held by a TIME_WAIT entry: the kernel let this one take the port over (line 29, a similar case, was refused); the choice rests on TCP sequence numbers (tcp_twsk_unique / nf_conntrack's TIME_WAIT reuse), the simulator always refuses",
  },
  'k09-netns-move.sh': {
    35: 'the kernel destroys a deleted namespace asynchronously (cleanup_net): the recording caught v1 before it went; the simulator removes it at once (line 24 shows the kernel can be that fast too)',
  },
};

/**
 * Lines of the newer scripts (k15+, n17+, v13+) that the simulator does not model yet, each
 * pointing at the gap report that explains the kernel's behaviour (docs/conformance-gaps-*.md).
 * Like KNOWN_DIFFERENCES, a listed line that starts to match fails the suite: remove it from
 * pending.json then (`npx tsx test/conformance/compare.ts --write-pending` rewrites the file
 * from the current mismatches; review its diff, it must only ever shrink).
 */
const PENDING_FILE = join(CONFORMANCE_DIR, 'pending.json');
export const PENDING: Record<string, Record<number, string>> = existsSync(PENDING_FILE) ? (JSON.parse(readFileSync(PENDING_FILE, 'utf8')) as Record<string, Record<number, string>>) : {};

/** Lines allowed to differ from the recording: known differences and pending gaps. */
export function allowedMismatches(script: string): Record<number, string> {
  return { ...(PENDING[script] ?? {}), ...(KNOWN_DIFFERENCES[script] ?? {}) };
}

function gapReport(script: string): string {
  return script.startsWith('k') ? 'docs/conformance-gaps-kernel.md' : 'docs/conformance-gaps-netfilter.md';
}

export interface Expected {
  steps: { line: number; command: string; exitCode: number }[];
}

export interface Mismatch {
  line: number;
  command: string;
  expected: number;
  actual: number | undefined;
  output: string;
}

/** Every script with a recorded expectation, by base name. */
export function conformanceScripts(): string[] {
  return readdirSync(CONFORMANCE_DIR)
    .filter((f) => f.endsWith('.sh') && readdirSync(CONFORMANCE_DIR).includes(f.replace(/\.sh$/, '.expected.json')))
    .sort();
}

export function loadExpected(script: string): Expected {
  return JSON.parse(readFileSync(join(CONFORMANCE_DIR, script.replace(/\.sh$/, '.expected.json')), 'utf8')) as Expected;
}

/** Replays a script through the simulator and lists the lines whose exit code differs. */
export function compareWithSimulator(script: string, seed = 1): Mismatch[] {
  const text = readFileSync(join(CONFORMANCE_DIR, script), 'utf8');
  const result = runScript(new Shell(new Kernel(seed)), script, text);
  if (result.error) throw new Error(result.error);
  return diffSteps(loadExpected(script), result.steps);
}

export function diffSteps(expected: Expected, actual: { line: number; exitCode: number; stdout: string }[]): Mismatch[] {
  const byLine = new Map(actual.map((s) => [s.line, s]));
  const out: Mismatch[] = [];
  for (const e of expected.steps) {
    const a = byLine.get(e.line);
    if (!a || a.exitCode !== e.exitCode) out.push({ line: e.line, command: e.command, expected: e.exitCode, actual: a?.exitCode, output: a?.stdout ?? '' });
  }
  return out;
}

// Run directly: print every mismatch of every script (handy while working on the engine).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '') && process.argv.includes('--write-pending')) {
  const out: Record<string, Record<number, string>> = {};
  for (const s of conformanceScripts()) {
    const known = KNOWN_DIFFERENCES[s] ?? {};
    const m = compareWithSimulator(s).filter((x) => !(x.line in known));
    if (m.length > 0) out[s] = Object.fromEntries(m.map((x) => [x.line, `not modelled yet: ${x.command} (see ${gapReport(s)})`]));
  }
  writeFileSync(PENDING_FILE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`pending.json: ${Object.values(out).reduce((n, r) => n + Object.keys(r).length, 0)} lines in ${Object.keys(out).length} scripts`);
} else if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  let bad = 0;
  for (const s of conformanceScripts()) {
    const m = compareWithSimulator(s);
    const total = loadExpected(s).steps.length;
    console.log(`${m.length === 0 ? 'ok  ' : 'FAIL'} ${s} ${total - m.length}/${total}`);
    for (const x of m) console.log(`   line ${x.line}: ${x.command}\n     expected ${x.expected}, got ${x.actual}: ${x.output.trim().split('\n').slice(-2).join(' | ')}`);
    bad += m.length;
  }
  process.exitCode = bad ? 1 : 0;
}
