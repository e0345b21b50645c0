/**
 * The simulator's iptables against the real one: every scenario in scenarios/ was run with
 * iptables v1.8.9 (nf_tables) in a throwaway namespace (capture.ts) and each command's
 * stdout, stderr and exit code recorded in fixtures/. Here the same commands run in a fresh
 * simulated namespace and must print exactly the same.
 */
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture, replay } from './replay.ts';

describe('iptables matches the real iptables 1.8.9 (nf_tables)', () => {
  for (const name of fixtureNames()) {
    it(name, () => {
      expect(replay(loadFixture(name))).toEqual([]);
    });
  }
});
