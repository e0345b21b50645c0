import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kernel } from '../../src/engine/net/kernel.ts';
import { Shell } from '../../src/shell/shell.ts';
import { runScript } from '../../src/scenario/run.ts';
import { CONFORMANCE_DIR, NEEDS_LATER_WORK, allowedMismatches, compareWithSimulator, conformanceScripts, loadExpected } from './compare.ts';

describe('conformance: every line exits as on the real kernel', () => {
  for (const script of conformanceScripts()) {
    const later = NEEDS_LATER_WORK[script];
    const steps = loadExpected(script).steps.length;
    it.skipIf(later !== undefined)(`${script} (${steps} lines)${later ? ` — needs ${later}` : ''}`, () => {
      const mismatches = compareWithSimulator(script).map((m) => ({ line: m.line, command: m.command, expected: m.expected, actual: m.actual }));
      const known = allowedMismatches(script);
      expect(mismatches.filter((m) => !(m.line in known))).toEqual([]);
      expect(mismatches.map((m) => m.line).sort()).toEqual(Object.keys(known).map(Number).sort());
    });
  }

  it('is deterministic: the same script and seed give the same output, byte for byte', () => {
    const text = readFileSync(join(CONFORMANCE_DIR, 'k02-arp-states.sh'), 'utf8') + '\nip -n a link show\nip -n a neigh show\n';
    const run = (seed: number): string => JSON.stringify(runScript(new Shell(new Kernel(seed)), 'k02.sh', text));
    expect(run(7)).toEqual(run(7));
    // The seed matters: MACs differ between seeds.
    expect(run(7)).not.toEqual(run(8));
  });
});
