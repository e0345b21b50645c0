import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PcapRecorder, pcapFileName } from '../../../src/cli/pcap.ts';
import { readPcap } from '../../../src/engine/wire/pcap.ts';
import { pairWorld } from './world.ts';

const root = new URL('../../..', import.meta.url).pathname;

function frames(bytes: Uint8Array | undefined): number {
  if (bytes === undefined) return -1;
  const f = readPcap(bytes);
  if (typeof f === 'string') throw new Error(f);
  return f.records.length;
}

describe('netsim run --pcap', () => {
  it('records every device of every namespace, devices created mid-run included, lo once per packet', () => {
    const sh = pairWorld();
    const rec = new PcapRecorder(sh.kernel);
    rec.start();
    sh.run('ip netns exec a ping -c 2 10.0.0.2');
    sh.run('ip netns add c');
    sh.run('ip -n b link add br0 type bridge');
    sh.run('ip -n b link add p1 type veth peer name eth0 netns c');
    sh.run('ip -n b link set p1 master br0');
    for (const c of ['ip -n b link set br0 up', 'ip -n b link set p1 up', 'ip -n c link set eth0 up', 'ip -n b addr add 10.8.0.1/24 dev br0', 'ip -n c addr add 10.8.0.2/24 dev eth0'])
      expect(sh.run(c).exitCode, c).toBe(0);
    sh.run('ip netns exec c ping -c 1 10.8.0.1');
    sh.run('ip netns exec a ping -c 1 127.0.0.1');
    rec.stop();
    const files = rec.files();
    expect([...files.keys()]).toEqual(['a-eth0.pcap', 'a-lo.pcap', 'b-br0.pcap', 'b-eth0.pcap', 'b-lo.pcap', 'b-p1.pcap', 'c-eth0.pcap', 'c-lo.pcap', 'root-lo.pcap']);
    expect(frames(files.get('a-eth0.pcap'))).toBe(6); // ARP request/reply, 2 x echo request/reply
    expect(frames(files.get('b-eth0.pcap'))).toBe(6);
    expect(frames(files.get('c-eth0.pcap'))).toBe(4); // the new namespace's first frames were not missed
    expect(frames(files.get('b-p1.pcap'))).toBe(4);
    expect(frames(files.get('b-br0.pcap'))).toBe(4);
    expect(frames(files.get('a-lo.pcap'))).toBe(2);
    expect(frames(files.get('root-lo.pcap'))).toBe(0);
    // Recording stops with stop(): later traffic is not in the files.
    sh.run('ip netns exec a ping -c 1 10.0.0.2');
    expect(frames(rec.files().get('a-eth0.pcap'))).toBe(6);
  });

  it('names files <namespace>-<device>.pcap, the initial namespace as root', () => {
    expect(pcapFileName('root', 'eth0')).toBe('root-eth0.pcap');
    expect(pcapFileName('we/ird', 'x')).toBe('we_ird-x.pcap');
  });

  it('the CLI option writes the directory and keeps stdout as without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsim-pcap-'));
    const script = join(dir, 's.sh');
    writeFileSync(script, 'ip netns add a\nip netns add b\nip -n a link add eth0 type veth peer name eth0 netns b\nip -n a addr add 10.0.0.1/24 dev eth0\nip -n b addr add 10.0.0.2/24 dev eth0\nip -n a link set eth0 up\nip -n b link set eth0 up\nip netns exec a ping -c 1 10.0.0.2\n');
    const out = join(dir, 'caps');
    const r = spawnSync('npx', ['tsx', 'src/cli/netsim.ts', 'run', script, '--pcap', out], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`netsim: wrote 5 pcap files to ${out}\n`);
    const plain = spawnSync('npx', ['tsx', 'src/cli/netsim.ts', 'run', script], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toBe(plain.stdout);
    expect(readdirSync(out).sort()).toEqual(['a-eth0.pcap', 'a-lo.pcap', 'b-eth0.pcap', 'b-lo.pcap', 'root-lo.pcap']);
    expect(frames(new Uint8Array(readFileSync(join(out, 'a-eth0.pcap'))))).toBe(4);
    const bad = spawnSync('npx', ['tsx', 'src/cli/netsim.ts', 'run', script, '--pcap'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('netsim: --pcap expects a directory\n');
  });
});
