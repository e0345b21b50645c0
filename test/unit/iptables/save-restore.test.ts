/** iptables-save → iptables-restore → iptables-save gives back the same text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './replay.ts';
import { parseScenario } from './scenario.ts';

const here = new URL('.', import.meta.url).pathname;

/** The commands of a captured scenario, without its listings. */
function setupCommands(name: string): string[] {
  const steps = parseScenario(readFileSync(join(here, 'scenarios', `${name}.sh`), 'utf8'));
  return steps.flatMap((s) => (s.kind === 'cmd' && / -[AINP] /.test(s.cmd) ? [s.cmd] : []));
}

function build(commands: string[]): ReturnType<typeof sandbox> {
  const box = sandbox();
  for (const c of commands) box.run(c);
  return box;
}

describe('save and restore', () => {
  for (const scenario of ['docker', 'render-matches', 'render-targets', 'addresses']) {
    it(`round-trips the ${scenario} rule set`, () => {
      const saved = build(setupCommands(scenario)).run('iptables-save');
      expect(saved.rc).toBe(0);
      expect(saved.stdout).toContain('COMMIT');
      const other = sandbox();
      other.write('/tmp/rules', saved.stdout);
      expect(other.run('iptables-restore /tmp/rules')).toEqual({ stdout: '', stderr: '', rc: 0 });
      expect(other.run('iptables-save').stdout).toBe(saved.stdout);
    });
  }

  it('keeps counters with -c on both sides', () => {
    const box = sandbox();
    box.write('/tmp/in', '*filter\n:INPUT DROP [7:700]\n:W - [0:0]\n[3:180] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n[1:60] -A INPUT -j W\nCOMMIT\n');
    expect(box.run('iptables-restore -c /tmp/in').rc).toBe(0);
    const saved = box.run('iptables-save -c').stdout;
    expect(saved).toContain(':INPUT DROP [7:700]');
    expect(saved).toContain('[3:180] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT');
    const other = sandbox();
    other.write('/tmp/in', saved);
    other.run('iptables-restore --counters /tmp/in');
    expect(other.run('iptables-save -c').stdout).toBe(saved);
    // Without -c the counters in the file are read but not applied.
    other.run('iptables-restore /tmp/in');
    expect(other.run('iptables -L INPUT -v -x').stdout).toContain('policy DROP 0 packets, 0 bytes');
  });

  it('leaves the tables as they were when a section fails', () => {
    const box = build(setupCommands('docker'));
    const before = box.run('iptables-save').stdout;
    box.write('/tmp/bad', '*filter\n-A INPUT -j ACCEPT\n-A FORWARD -j NOPE-CHAIN\nCOMMIT\n');
    const r = box.run('iptables-restore /tmp/bad');
    expect(r.rc).toBe(2);
    expect(r.stderr).toBe("iptables-restore v1.8.9 (nf_tables): Chain 'NOPE-CHAIN' does not exist\nError occurred at line: 4\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.\n");
    expect(box.run('iptables-save').stdout).toBe(before);
  });

  it('writes the save to a file with -f', () => {
    const box = build(['iptables -A INPUT -j ACCEPT']);
    expect(box.run('iptables-save -f /tmp/saved').stdout).toBe('');
    box.run('iptables -F');
    expect(box.run('iptables-restore /tmp/saved').rc).toBe(0);
    expect(box.run('iptables -S INPUT').stdout).toBe('-P INPUT ACCEPT\n-A INPUT -j ACCEPT\n');
  });
});
