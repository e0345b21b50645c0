import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../..', import.meta.url).pathname;

describe('a pcap of a VXLAN ping', () => {
  it.skipIf(!existsSync('/usr/bin/tshark'))('opens in tshark with the inner ICMP under the VXLAN header, without warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsim-vxlan-'));
    execFileSync('npx', ['tsx', 'src/cli/netsim.ts', 'run', 'test/conformance/p06-vxlan.sh', '--pcap', dir], { cwd: root, stdio: 'ignore' });
    const r = spawnSync('tshark', ['-r', join(dir, 'n1-phy.pcap'), '-Y', 'vxlan && icmp', '-T', 'fields', '-e', 'frame.protocols', '-e', 'vxlan.vni'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:icmp:data\t7');
    const all = spawnSync('tshark', ['-r', join(dir, 'n1-phy.pcap')], { encoding: 'utf8' });
    expect(all.stdout + all.stderr.replace(/^Running as user.*\n/m, '')).not.toMatch(/Malformed|Expert Info \(Warning|appears to have been cut short/);
  });
});
