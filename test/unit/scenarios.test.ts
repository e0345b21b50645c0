import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../src/docker/install.ts';
import { SCENARIO_DATA_FILE, loadScenarioFiles, runScript } from '../../src/scenario/run.ts';

const dir = new URL('../../scenarios/', import.meta.url).pathname;

/**
 * The lines of each scenario whose narrative says they fail, with the exit code the real
 * tool gives there. Every other line must succeed.
 */
const EXPECTED_FAILURES: Record<string, Record<number, number>> = {
  'docker-ipvlan-lan.sh': { 21: 1, 22: 1 }, // an ipvlan never talks to its parent, either way
  'docker-macvlan-lan.sh': { 16: 1, 17: 1 }, // a macvlan never talks to its parent, either way
  'docker-network-modes.sh': { 9: 2 }, // --network none: only lo, so no route at all
  'docker-swarm-routing-mesh.sh': { 85: 7 }, // the published port is gone: connection refused
  'docker-swarm-overlay.sh': { 36: 1 }, // 1423 bytes + 28 > the overlay's MTU 1450
  'docker-user-bridge-dns.sh': { 28: 1, 29: 1 }, // the default bridge has no DNS; isolation drops
  'netfilter-nat.sh': { 24: 1, 36: 1 }, // before MASQUERADE / from outside without a DNAT
  'port-publishing.sh': { 28: 1 }, // a port nobody published
};

describe('every scenario in scenarios/ does what its narrative says', () => {
  const data: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (SCENARIO_DATA_FILE.test(f)) data[f] = readFileSync(dir + f, 'utf8');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sh')).sort()) {
    it(file, () => {
      const sh = createMachine(1);
      loadScenarioFiles(sh, data);
      const r = runScript(sh, file, readFileSync(dir + file, 'utf8'));
      expect(r.error).toBeUndefined();
      const want = EXPECTED_FAILURES[file] ?? {};
      const got = Object.fromEntries(r.steps.filter((s) => s.exitCode !== 0).map((s) => [s.line, s.exitCode]));
      expect(got).toEqual(want);
      expect(r.steps.some((s) => /internal error/.test(s.stdout))).toBe(false);
    });
  }
});
