import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Shell } from '../../../src/shell/shell.ts';

const root = new URL('../../..', import.meta.url).pathname;
const netsim = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/netsim.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('netsim run', () => {
  it('prints one JSON object with a step per command, line numbers from the file', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/netsim.ts', 'run', 'test/conformance/p01-veth-pair.sh', '--json'], { cwd: root, encoding: 'utf8' });
    const doc = JSON.parse(out) as { steps: { line: number; command: string; exitCode: number; stdout: string }[] };
    expect(doc.steps[0]).toEqual({ line: 2, command: 'ip netns add left', exitCode: 0, stdout: '' });
    expect(doc.steps.find((s) => s.line === 7)?.exitCode).toBe(2);
  });

  it('exits 2 with file, line and reason for an unreadable or malformed file', () => {
    const missing = netsim('run', 'no/such/file.sh');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('no/such/file.sh:0: cannot read file: No such file or directory\n');
    const dir = mkdtempSync(join(tmpdir(), 'netsim-'));
    const bad = join(dir, 'bad.sh');
    writeFileSync(bad, "ip netns add a\n# fine\nip netns exec a ping 'oops\n");
    const r = netsim('run', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${bad}:3: unterminated quote: expected a closing quote on the same line\n`);
  });
});

describe('the shell survives anything', () => {
  it('never throws and always returns an exit code, whatever the arguments', () => {
    const sh = new Shell();
    const words = ['ip', 'link', 'add', 'set', 'del', 'type', 'veth', 'bridge', 'peer', 'name', 'netns', 'a', 'br0', 'up', 'down', 'master', 'nomaster', 'mtu', '0', '99999', 'addr', 'route', 'via', 'dev', 'default', '10.0.0.1/24', '1.2.3.4', 'neigh', 'flush', 'all', 'show', 'get', '-n', 'exec', 'ping', '-c', '-W', '-s', '-M', 'do', 'nc', '-l', '-z', '80', 'sysctl', '-w', 'net.ipv4.ip_forward=1', 'fdb', 'hairpin', 'on', 'brctl', 'blackhole', 'lo', ''];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const n = 1 + (next() % 8);
      const argv = Array.from({ length: n }, () => words[next() % words.length]);
      const line = argv.join(' ');
      const r = sh.run(line);
      expect(Number.isInteger(r.exitCode), line).toBe(true);
      expect(r.output, line).not.toContain('internal error');
    }
  });
});
