import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';
import { runScript } from '../../../src/scenario/run.ts';
import { MemoryRecorder } from '../../../src/engine/trace/events.ts';

const SCENARIO = new URL('../../../scenarios/docker-swarm-routing-mesh.sh', import.meta.url).pathname;

describe('swarm routing mesh: a published port on every node', () => {
  const sh = createMachine(1);
  const rec = new MemoryRecorder();
  sh.kernel.trace = rec;
  const r = runScript(sh, 'docker-swarm-routing-mesh.sh', readFileSync(SCENARIO, 'utf8'));
  const steps = (needle: string) => r.steps.filter((s) => s.command.includes(needle));
  const out = (needle: string, i = 0) => steps(needle)[i].stdout;

  it('runs every line; only the request to the unpublished port fails', () => {
    expect(r.error).toBeUndefined();
    const failed = r.steps.filter((s) => s.exitCode !== 0);
    expect(failed.map((s) => [s.command, s.exitCode])).toEqual([['ip netns exec laptop curl -s --connect-timeout 2 http://192.168.1.11:8080/', 7]]);
  });

  it('lists the ingress network and the published port', () => {
    expect(out('docker network ls')).toMatch(/ingress +overlay +swarm\n/);
    expect(out('docker service ls')).toMatch(/web +replicated +2\/2 +nginx:latest +\*:8080->80\/tcp\n/);
    expect(out('docker service ls', 1)).toMatch(/api +replicated +1\/1 +httpd:latest +\*:9090->80\/tcp\n/);
  });

  it('answers on both nodes, balancing round robin over the tasks of both nodes', () => {
    expect(out('curl -s http://192.168.1.11:8080/')).toContain('Welcome to nginx!');
    for (const s of steps("-w '%{http_code}\\n' http://192.168.1.1")) expect(s.stdout).toBe('200\n');
    const picks = rec.events.flatMap((e) => (e.type === 'nf' && e.table === 'ipvs' ? [`${e.ns} ${e.hook} ${e.chain}: ${e.verdict}`] : []));
    // host1's ingress-sbox: four connections, then host2's: two; then the second service.
    expect(picks).toEqual([
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.5',
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.6',
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.5',
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.6',
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.5',
      'ingress_sbox INPUT fwmark 256: round robin to 10.0.0.6',
      'ingress_sbox INPUT fwmark 257: round robin to 10.0.0.8',
    ]);
    // Each task served three requests, all from an ingress-sbox address (the SNAT).
    const logs = steps('docker logs').map((s) => s.stdout.trim().split('\n').map((l) => l.split(' ')[0]));
    expect(logs).toEqual([
      ['10.0.0.2', '10.0.0.2', '10.0.0.3'],
      ['10.0.0.2', '10.0.0.2', '10.0.0.3'],
    ]);
    expect(out('curl -s http://192.168.1.12:9090/')).toMatch(/^httpd on /);
  });

  it('programs the host as Engine 27 does', () => {
    expect(out('iptables -t nat -S DOCKER-INGRESS')).toBe('-N DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080\n-A DOCKER-INGRESS -j RETURN\n');
    expect(out('iptables -t nat -S PREROUTING')).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n');
    expect(out('host1 iptables -S DOCKER-INGRESS')).toBe(
      '-N DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT\n-A DOCKER-INGRESS -p tcp -m state --state RELATED,ESTABLISHED -m tcp --sport 8080 -j ACCEPT\n-A DOCKER-INGRESS -j RETURN\n',
    );
    expect(out('iptables -S FORWARD').split('\n').slice(0, 4)).toEqual(['-P FORWARD DROP', '-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-INGRESS', '-A FORWARD -j DOCKER-ISOLATION-STAGE-1']);
    expect(out('iptables -t nat -S POSTROUTING').split('\n')[1]).toBe('-A POSTROUTING -o docker_gwbridge -m addrtype --src-type LOCAL -j MASQUERADE');
    // After `service rm`: the other port stays, then only the RETURN.
    expect(out('iptables -t nat -S DOCKER-INGRESS', 1)).toBe('-N DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.18.0.2:9090\n-A DOCKER-INGRESS -j RETURN\n');
    expect(out('iptables -t nat -S DOCKER-INGRESS', 2)).toBe('-N DOCKER-INGRESS\n-A DOCKER-INGRESS -j RETURN\n');
  });

  it('programs ingress-sbox: marks, the ipvs SNAT, the IPVS service over the tasks', () => {
    expect(out('ingress_sbox iptables -t mangle -S PREROUTING')).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0xffffffff\n');
    expect(out('ingress_sbox iptables -t nat -S POSTROUTING')).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -d 10.0.0.0/24 -m ipvs --ipvs -j SNAT --to-source 10.0.0.2\n');
    const [h1, h2] = steps('ingress_sbox ipvsadm -L -n').map((s) => s.stdout);
    expect(h1).toContain('FWM  256 rr\n');
    expect(h1).toMatch(/-> 10\.0\.0\.5:0 +Masq +1 +0 +2\n/);
    expect(h1).toMatch(/-> 10\.0\.0\.6:0 +Masq +1 +0 +2\n/);
    expect(h2).toMatch(/-> 10\.0\.0\.5:0 +Masq +1 +0 +1\n/);
    expect(h2).toMatch(/-> 10\.0\.0\.6:0 +Masq +1 +0 +1\n/);
    const addrs = out('ingress_sbox ip addr show eth0');
    expect(addrs).toContain('inet 10.0.0.2/24 ');
    expect(addrs).toContain('inet 10.0.0.4/32 ');
    // The second service has the next mark; after `service rm web` only its IPVS service is left.
    expect(out('ingress_sbox iptables -t mangle -S PREROUTING', 1)).toContain('-A PREROUTING -p tcp -m tcp --dport 9090 -j MARK --set-xmark 0x101/0xffffffff\n');
    const after = steps('ingress_sbox ipvsadm -L -n')[2].stdout;
    expect(after).not.toContain('FWM  256');
    expect(after).toContain('FWM  257 rr\n');
  });

  it('redirects the published port to the target port in the task (SandboxKey via nsenter)', () => {
    expect(out('SandboxKey')).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -d 10.0.0.5/32 -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80\n');
  });
});

describe('routing mesh details', () => {
  const swarm = (sh: ReturnType<typeof createMachine>): void => {
    for (const cmd of [
      'ip netns add lan',
      'ip netns add host1',
      'ip -n lan link add br0 type bridge',
      'ip -n lan link set br0 up',
      'ip -n lan link add p1 type veth peer name eth0 netns host1',
      'ip -n lan link set p1 master br0',
      'ip -n lan link set p1 up',
      'ip -n host1 addr add 192.168.1.11/24 dev eth0',
      'ip -n host1 link set eth0 up',
      'ip -n host1 link set lo up',
      'ip netns exec host1 docker swarm init --advertise-addr 192.168.1.11',
    ])
      expect(sh.run(cmd).exitCode, cmd).toBe(0);
  };

  it('refuses a published port in use, picks dynamic ports from 30000, and keeps user overlays at 10.0.1.0/24 and VNI 4097', () => {
    const sh = createMachine(1);
    swarm(sh);
    expect(sh.run('ip netns exec host1 docker network create -d overlay app').exitCode).toBe(0);
    const app = sh.run('ip netns exec host1 docker network inspect app').output;
    expect(app).toContain('"Subnet": "10.0.1.0/24"');
    expect(app).toContain('"com.docker.network.driver.overlay.vxlanid_list": "4097"');
    expect(sh.run('ip netns exec host1 docker service create --name web --network app -p 8080:80 nginx').exitCode).toBe(0);
    const clash = sh.run('ip netns exec host1 docker service create --name web2 -p 8080:80 nginx');
    expect(clash.exitCode).toBe(1);
    expect(clash.output).toMatch(/port '8080' is already in use by service 'web' \(\w+\) as an ingress port/);
    expect(sh.run('ip netns exec host1 docker service create --name dyn -p 80 nginx').exitCode).toBe(0);
    expect(sh.run('ip netns exec host1 docker service ls').output).toMatch(/dyn +replicated +1\/1 +nginx:latest +\*:30000->80\/tcp/);
    // A task of a published service: eth0 on ingress, eth1 on its own network, eth2 on docker_gwbridge.
    const id = sh.run('ip netns exec host1 docker ps -q').output.trim().split('\n').at(-1)!;
    const key = sh.run(`ip netns exec host1 docker inspect -f '{{.NetworkSettings.SandboxKey}}' ${id}`).output.trim();
    const links = sh.run(`ip netns exec host1 nsenter --net=${key} ip -4 addr`).output;
    expect(links).toMatch(/eth0@\S+ .*\n(.*\n)*?\s+inet 10\.0\.0\.\d+\/24/);
    expect(links).toMatch(/eth1@\S+ .*\n(.*\n)*?\s+inet 10\.0\.1\.\d+\/24/);
    expect(links).toMatch(/eth2@\S+ .*\n(.*\n)*?\s+inet 172\.18\.0\.\d+\/16/);
    expect(sh.run('ip netns exec host1 nsenter --net=/var/run/docker/netns/nope ip link').output).toBe('nsenter: cannot open /var/run/docker/netns/nope: No such file or directory\n');
  });

  it('needs net.ipv4.vs.conntrack=1: without it the SNAT never applies and the request gets no answer', () => {
    const sh = createMachine(1);
    swarm(sh);
    sh.run('ip netns add laptop');
    for (const cmd of ['ip -n lan link add p3 type veth peer name eth0 netns laptop', 'ip -n lan link set p3 master br0', 'ip -n lan link set p3 up', 'ip -n laptop addr add 192.168.1.50/24 dev eth0', 'ip -n laptop link set eth0 up'])
      expect(sh.run(cmd).exitCode, cmd).toBe(0);
    expect(sh.run('ip netns exec host1 docker service create --name web -p 8080:80 nginx').exitCode).toBe(0);
    expect(sh.run('ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox sysctl net.ipv4.vs.conntrack').output).toBe('net.ipv4.vs.conntrack = 1\n');
    expect(sh.run("ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\\n' http://192.168.1.11:8080/").output).toBe('200\n');
    sh.run('ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox sysctl -w net.ipv4.vs.conntrack=0');
    expect(sh.run('ip netns exec laptop curl -s --connect-timeout 1 http://192.168.1.11:8080/').exitCode).not.toBe(0);
  });
});
