import { describe, expect, it } from 'vitest';
import { DOCKER_CASES, buildReplay, replayInSimulator } from './docker-replay.ts';

describe("what Docker did, replayed as plain commands, gives the same connectivity", () => {
  for (const c of DOCKER_CASES) {
    it(c.name, () => {
      const r = buildReplay(c);
      expect(r.probes.length).toBeGreaterThan(0);
      expect(replayInSimulator(r)).toEqual(r.dockerCodes);
      // The cases are built so that some probes pass and (but for the first) some are blocked.
      expect(r.dockerCodes).toContain(0);
      if (c.name !== 'default-bridge-publish') expect(r.dockerCodes.some((x) => x !== 0)).toBe(true);
    });
  }
});
