/**
 * docs/iptables-outputs.md §2, recorded on the development machine by a colleague: a
 * namespace with every kind of rule, built by the listed setup commands, and what each
 * listing printed. The simulator, given the same commands, must print the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATED_DATE_RE } from './scenario.ts';
import { type RunResult, sandbox } from './replay.ts';

const doc = readFileSync(new URL('../../../docs/iptables-outputs.md', import.meta.url), 'utf8');

interface DocStep {
  cmd: string;
  expected: RunResult;
}

/** The text of a section, from its "## N." heading to the next one. */
function section(n: number): string {
  const start = doc.indexOf(`\n## ${n}. `);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** A fenced block's text after `label:`, with the newline the document leaves out. */
function block(text: string, label: string): string {
  const m = new RegExp(`^${label}:\\n\`\`\`\\n([\\s\\S]*?)\\n\`\`\`$`, 'm').exec(text);
  return m ? `${m[1]}\n` : '';
}

/** Commands run in namespace `ns`, each with its exit code and output streams. */
function steps(text: string, ns: string): DocStep[] {
  const parts = text.split(new RegExp(`^\`ip netns exec ${ns} (.*)\` → exit \\*\\*(\\d+)\\*\\*$`, 'm'));
  const out: DocStep[] = [];
  for (let i = 1; i < parts.length; i += 3) {
    const body = parts[i + 2];
    out.push({ cmd: parts[i], expected: { rc: Number(parts[i + 1]), stdout: block(body, 'stdout'), stderr: block(body, 'stderr') } });
  }
  return out;
}

/**
 * The recording uses `-j CT --notrack`, which the simulator keeps as NOTRACK (see
 * limitations.test.ts); the dates are the recording machine's clock.
 */
function comparable(text: string): string {
  return text
    .replace(/ -j CT --notrack/g, ' -j NOTRACK')
    .replace(/ CT notrack$/gm, ' NOTRACK')
    .replace(SIMULATED_DATE_RE, 'on Thu Jan  1 00:00:00 1970');
}

describe('docs/iptables-outputs.md §2: one namespace with every kind of rule', () => {
  const text = section(2);
  const setup = /^```\n(ip netns add ref-fw\n[\s\S]*?)\n```$/m.exec(text)?.[1].split('\n').slice(1) ?? [];
  const listed = steps(text, 'ref-fw');

  it('has the setup and the listings', () => {
    expect(setup.length).toBeGreaterThan(40);
    expect(listed.length).toBeGreaterThan(15);
  });

  it('prints every listing as recorded', () => {
    const box = sandbox();
    for (const c of setup) expect(box.run(c).rc, c).toBe(0);
    const wrong = listed
      .map((s) => ({ cmd: s.cmd, expected: { ...s.expected, stdout: comparable(s.expected.stdout) }, actual: box.run(s.cmd) }))
      .filter((s) => s.expected.stdout !== s.actual.stdout || s.expected.stderr !== s.actual.stderr || s.expected.rc !== s.actual.rc);
    expect(wrong).toEqual([]);
  });
});
