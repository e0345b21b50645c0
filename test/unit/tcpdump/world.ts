import { expect } from 'vitest';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import { Shell } from '../../../src/shell/shell.ts';

/**
 * Two namespaces joined by a veth pair, eth0 at both ends, with the MACs the real captures
 * used (02:00:00:00:00:01 and :02): a = 10.0.0.1, b = 10.0.0.2. Built with shell commands.
 */
export function pairWorld(extra: string[] = []): Shell {
  const sh = new Shell(new Kernel(1));
  for (const cmd of [
    'ip netns add a',
    'ip netns add b',
    'ip -n a link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 netns b address 02:00:00:00:00:02',
    'ip -n a addr add 10.0.0.1/24 dev eth0',
    'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set lo up',
    'ip -n b link set lo up',
    'ip -n a link set eth0 up',
    'ip -n b link set eth0 up',
    ...extra,
  ])
    expect(sh.run(cmd).output, cmd).toBe('');
  return sh;
}

/** Runs each line; returns the outputs joined, and fails on an unexpected exit code. */
export function runAll(sh: Shell, lines: string[]): string {
  return lines.map((l) => sh.run(l).output).join('');
}
