import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';

describe('conntrack command filters', () => {
  it('lists and deletes by address and port, as conntrack-tools 1.4.7 does', () => {
    const sh = createMachine(1);
    sh.run('docker network create net');
    sh.run('docker run -d --name c --network net alpine sleep 100');
    sh.run('docker exec c nslookup example.com 9.9.9.9');
    sh.run('docker exec c ping -c 1 8.8.8.8');
    const udp = sh.run('conntrack -L -p udp --dport 53 -d 9.9.9.9');
    expect(udp.output.split('\n').filter((l) => l.startsWith('udp')).length).toBeGreaterThan(0);
    expect(sh.run('conntrack -L -p udp --dport 54').output).toBe('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n');
    expect(sh.run('conntrack -L -p icmp').output).toMatch(/^icmp +1 +\d+ src=172\.18\.0\.2 dst=8\.8\.8\.8 /);
    const before = Number(sh.run('conntrack -C').output);
    const del = sh.run('conntrack -D -p icmp');
    expect(del.exitCode).toBe(0);
    expect(del.output).toContain('1 flow entries have been deleted.');
    expect(Number(sh.run('conntrack -C').output)).toBe(before - 1);
    expect(sh.run('conntrack -D -p udp --dport 9999')).toEqual({ exitCode: 1, output: 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n' });
    expect(sh.run('conntrack -C -s 1.2.3.4').exitCode).toBe(2);
  });
});
