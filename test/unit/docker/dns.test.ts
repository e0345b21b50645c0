import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';

function machine(): ReturnType<typeof createMachine> {
  const sh = createMachine(9);
  for (const cmd of [
    'docker network create todo-app',
    'docker run -d --name mysql --network todo-app --network-alias db mysql',
    'docker run -d --name web --network todo-app --network-alias api nginx',
    'docker run -d --name web2 --network todo-app --network-alias api nginx',
    'docker run -d --name app --network todo-app alpine sleep 1000',
  ])
    expect(sh.run(cmd).exitCode, cmd).toBe(0);
  return sh;
}

describe("Docker's embedded DNS", () => {
  it('answers container names, aliases, name.network and short ids on a user-defined network', () => {
    const sh = machine();
    expect(sh.run('docker exec app ping -c 1 -W 1 mysql').output).toContain('PING mysql (172.18.0.2)');
    expect(sh.run('docker exec app ping -c 1 -W 1 db').exitCode).toBe(0);
    expect(sh.run('docker exec app ping -c 1 -W 1 mysql.todo-app').exitCode).toBe(0);
    const id = sh.run("docker inspect -f '{{.Id}}' mysql").output.trim().slice(0, 12);
    expect(sh.run(`docker exec app nslookup ${id}`).output).toContain('Address: 172.18.0.2');
    expect(sh.run('docker exec app cat /etc/resolv.conf').output).toContain('nameserver 127.0.0.11\noptions ndots:0\n');
  });

  it('gives every address of a shared alias', () => {
    const sh = machine();
    const out = sh.run('docker exec app nslookup api').output;
    expect(out).toContain('Address: 172.18.0.3');
    expect(out).toContain('Address: 172.18.0.4');
  });

  it('forwards other names to the host resolver and the container reaches the internet through NAT', () => {
    const sh = machine();
    expect(sh.run('docker exec app nslookup example.com').output).toContain('Address: 93.184.216.34');
    const page = sh.run('docker exec app wget -qO- http://example.com/');
    expect(page.exitCode).toBe(0);
    expect(page.output).toContain('<h1>Example Domain</h1>');
    const nx = sh.run('docker exec app nslookup nosuch.invalid');
    expect(nx.exitCode).toBe(1);
    expect(nx.output).toContain("** server can't find nosuch.invalid: NXDOMAIN");
  });

  it('serves the nginx page by name, logs the request, and keeps DNS rules in the container', () => {
    const sh = machine();
    expect(sh.run('docker exec app wget -qO- http://web/').output).toContain('<title>Welcome to nginx!</title>');
    expect(sh.run('docker logs web').output).toMatch(/^172\.18\.0\.5 - - \[28\/Nov\/2026:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n$/);
    const nat = sh.run('docker exec app iptables-save -t nat').output;
    expect(nat).toContain('-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT');
    expect(nat).toMatch(/-A DOCKER_POSTROUTING -s 127\.0\.0\.11\/32 -p udp -m udp --sport \d+ -j SNAT --to-source :53/);
  });

  it('the default bridge resolves nothing; --link works through /etc/hosts', () => {
    const sh = createMachine(10);
    sh.run('docker run -d --name web nginx');
    sh.run('docker run -d --name c1 busybox sleep 100');
    expect(sh.run('docker exec c1 ping -c 1 -W 1 web')).toEqual({ exitCode: 1, output: "ping: bad address 'web'\n" });
    sh.run('docker run -d --name c2 --link web:site busybox sleep 100');
    expect(sh.run('docker exec c2 cat /etc/hosts').output).toMatch(/172\.17\.0\.2\tsite [0-9a-f]{12} web\n/);
    expect(sh.run('docker exec c2 ping -c 1 -W 1 site').exitCode).toBe(0);
  });
});

describe('--dns on a user-defined network', () => {
  it('keeps 127.0.0.11 in resolv.conf, lists the server as ExtServers and forwards to it from the container', () => {
    const sh = createMachine(1);
    sh.run('docker network create net');
    sh.run('docker run -d --name c --network net --dns 9.9.9.9 alpine sleep 100');
    const conf = sh.run('docker exec c cat /etc/resolv.conf').output;
    expect(conf).toContain('nameserver 127.0.0.11\n');
    expect(conf).toContain('# ExtServers: [9.9.9.9]\n# Overrides: [nameservers]\n');
    sh.run('docker run -d --name d --network net alpine sleep 100');
    expect(sh.run('docker exec d cat /etc/resolv.conf').output).toContain('# ExtServers: [8.8.8.8]\n# Overrides: []\n');
    const r = sh.run('docker exec c nslookup example.com');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('Name:\texample.com\nAddress: 93.184.216.34\n');
    // The query to 9.9.9.9 left from the container's own address, NATed by the host.
    expect(sh.run('conntrack -L -p udp --dport 53').output).toMatch(/src=172\.18\.0\.2 dst=9\.9\.9\.9 sport=\d+ dport=53/);
  });
});
