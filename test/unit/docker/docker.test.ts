import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';
import { dockerDaemon } from '../../../src/docker/cli.ts';
import { explainSteps } from '../../../src/docker/daemon.ts';

/** The reference's classic (Engine ≤ 27) dump for `docker run -d --name web -p 8080:80 nginx`. */
const CLASSIC_DUMP = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT`;

/** iptables-save without comments and counters, split per table. */
function tablesOf(save: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const line of save.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('*')) {
      cur = [];
      out.set(line, cur);
    }
    cur?.push(line.replace(/\[\d+:\d+\]/, '[0:0]'));
  }
  return out;
}

function run(sh: ReturnType<typeof createMachine>, cmd: string): string {
  const r = sh.run(cmd);
  expect(r.exitCode, `${cmd}\n${r.output}`).toBe(0);
  return r.output;
}

describe('Docker Engine 27 on the simulated kernel', () => {
  it('docker run -d --name web -p 8080:80 nginx leaves the classic iptables dump', () => {
    const sh = createMachine(3);
    run(sh, 'docker run -d --name web -p 8080:80 nginx');
    const got = tablesOf(run(sh, 'iptables-save'));
    const want = tablesOf(CLASSIC_DUMP);
    expect(got.get('*nat')).toEqual(want.get('*nat'));
    expect(got.get('*filter')).toEqual(want.get('*filter'));
  });

  it('addresses, MACs and veth names follow Docker across creates and removals', () => {
    const sh = createMachine(4);
    run(sh, 'docker run -d --name a nginx');
    run(sh, 'docker run -d --name b nginx');
    expect(run(sh, "docker inspect -f '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.MacAddress}}' a b")).toBe('172.17.0.2 02:42:ac:11:00:02\n172.17.0.3 02:42:ac:11:00:03\n');
    expect(run(sh, 'ip addr show docker0')).toContain('inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0');
    expect(run(sh, 'brctl show')).toMatch(/docker0\t\t8000\.0242[0-9a-f]{8}\tno\t\tveth[0-9a-f]{7}\n\t+veth[0-9a-f]{7}\n/);
    expect(run(sh, 'docker exec a ip route')).toBe('default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n');
    // A freed address is reused at once.
    run(sh, 'docker rm -f a');
    run(sh, 'docker run -d --name c nginx');
    expect(run(sh, "docker inspect -f '{{.NetworkSettings.IPAddress}}' c")).toBe('172.17.0.2\n');
    // User networks take the lowest free subnet, and get it back after removal.
    run(sh, 'docker network create n1');
    run(sh, 'docker network create n2');
    expect(run(sh, "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' n1 n2")).toBe('172.18.0.0/16 172.18.0.1\n172.19.0.0/16 172.19.0.1\n');
    run(sh, 'docker network rm n1');
    run(sh, 'docker network create n3');
    expect(run(sh, "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' n3")).toBe('172.18.0.0/16\n');
  });

  it('containers reach each other and the outside; published ports answer from outside and from the host', () => {
    const sh = createMachine(5);
    run(sh, 'docker run -d --name web -p 8080:80 nginx');
    run(sh, 'docker run -d --name client alpine sleep 1000');
    expect(sh.run('docker exec client ping -c 1 -W 1 172.17.0.2').exitCode).toBe(0);
    expect(sh.run('docker exec client ping -c 1 -W 1 8.8.8.8').exitCode).toBe(0);
    expect(sh.run('nc -z -w 1 127.0.0.1 8080').exitCode).toBe(0);
    expect(sh.run('nc -z -w 1 192.168.1.11 8080').exitCode).toBe(0);
    expect(sh.run('nc -z -w 1 127.0.0.1 8081').exitCode).toBe(1);
  });

  it('two bridge networks are isolated from each other', () => {
    const sh = createMachine(6);
    run(sh, 'docker network create front');
    run(sh, 'docker network create back');
    run(sh, 'docker run -d --name f --network front nginx');
    run(sh, 'docker run -d --name b --network back nginx');
    const bip = run(sh, "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' b").trim();
    expect(sh.run(`docker exec f ping -c 1 -W 1 ${bip}`).exitCode).toBe(1);
    run(sh, 'docker network connect back f');
    expect(sh.run(`docker exec f ping -c 1 -W 1 ${bip}`).exitCode).toBe(0);
  });

  it("answers with Docker's errors and exit codes", () => {
    const sh = createMachine(7);
    run(sh, 'docker run -d --name web -p 8080:80 nginx');
    const dup = sh.run('docker run -d --name web nginx');
    expect(dup.exitCode).toBe(125);
    expect(dup.output).toMatch(/^docker: Error response from daemon: Conflict\. The container name "\/web" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\./);
    const port = sh.run('docker run -d --name web2 -p 8080:80 nginx');
    expect(port.exitCode).toBe(125);
    expect(port.output).toContain('Bind for 0.0.0.0:8080 failed: port is already allocated');
    expect(sh.run('docker exec nosuch ls')).toEqual({ exitCode: 1, output: 'Error response from daemon: No such container: nosuch\n' });
    expect(sh.run('docker network rm nosuch')).toEqual({ exitCode: 1, output: 'Error response from daemon: network nosuch not found\n' });
    expect(sh.run('docker run --bogus nginx').exitCode).toBe(125);
  });

  it('explains what it did as commands a real machine would take', () => {
    const sh = createMachine(8);
    run(sh, 'docker run -d --name web -p 8080:80 nginx');
    const script = explainSteps(dockerDaemon(sh).steps);
    expect(script).toContain('ip link add docker0 type bridge\n');
    expect(script).toContain('ip netns add web\n');
    expect(script).toMatch(/ip link set veth[0-9a-f]{7} netns web\n/);
    expect(script).toContain('ip netns exec web ip link set eth0 address 02:42:ac:11:00:02\n');
    expect(script).toContain('iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n');
  });
});

describe('docker top', () => {
  it("lists the container's processes with host pids, the first one the namespace's pid", () => {
    const sh = createMachine(1);
    sh.run('docker run -d --name web nginx');
    const pid = Number(sh.run("docker inspect -f '{{.State.Pid}}' web").output);
    const lines = sh.run('docker top web').output.split('\n');
    expect(lines[0]).toBe('UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD');
    const rows = lines.slice(1, -1).map((l) => l.trim().split(/ {3,}/));
    expect(rows.map((r) => [r[0], r[7]])).toEqual([
      ['root', 'nginx: master process nginx -g daemon off;'],
      ['101', 'nginx: worker process'],
      ['101', 'nginx: worker process'],
    ]);
    expect(Number(rows[0][1])).toBe(pid);
    expect(rows.slice(1).every((r) => Number(r[2]) === pid)).toBe(true);
    sh.run('docker stop web');
    const r = sh.run('docker top web');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
  });
});
