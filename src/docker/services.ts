import type { Ipv4 } from '../engine/addr/ipv4.ts';
import { TcpFlags } from '../engine/wire/tcp.ts';
import { DnsType, aRecord } from '../engine/wire/dns.ts';
import { type TcpConn, tcpConnect, tcpListen } from '../engine/socket/tcp.ts';
import { startDnsServer, type DnsAnswer } from '../shell/apps/dns-server.ts';
import { nginxDefaultSite, nginxFileResponse, startHttpServer } from '../shell/apps/http-server.ts';
import { type DockerDaemon, allDaemonsOf } from './daemon.ts';
import { resolveServiceName } from './service.ts';
import type { Container } from './model.ts';

/** Docker's embedded DNS server address in every container on a user-defined network. */
export const RESOLVER_IP = 0x7f00000b as Ipv4; // 127.0.0.11

/**
 * The processes a container runs that matter to the network: its image's server, the
 * embedded DNS resolver on user-defined networks, and on the host one docker-proxy per
 * published TCP port (the userland proxy carries what the DNAT rules do not: the host's own
 * connections to 127.0.0.1 and containers calling the host IP).
 */
export function startContainerServices(d: DockerDaemon, c: Container): void {
  const ns = c.ns;
  if (!ns) return;
  if (c.image.serves === 'http') {
    const port = c.image.expose[0]?.port ?? 80;
    const respond = c.image.name === 'nginx' ? nginxDefaultSite(d.kernel) : () => nginxFileResponse(d.kernel, `${c.image.name} on ${c.hostname}\n`, { contentType: 'text/plain' });
    const srv = startHttpServer(ns, { port, respond, onRequest: (e) => c.logs.push(e.line) });
    if (srv) c.cleanups.push(() => srv.stop());
  }
  for (const e of c.image.expose) {
    if (e.proto !== 'tcp' || (c.image.serves === 'http' && e.port === (c.image.expose[0]?.port ?? 80))) continue;
    const l = tcpListen(ns, e.port);
    if (!l) continue;
    l.onAccept = (conn) => {
      conn.onEvent = (ev) => {
        if (ev.kind === 'eof') conn.close();
      };
    };
    c.cleanups.push(() => l.close());
  }
  if (c.endpoints.some((e) => !e.network.isDefault && !e.hidden && (e.network.driver === 'bridge' || e.network.driver === 'overlay'))) startEmbeddedDns(d, c);
  const ep = c.endpoints.find((x) => x.network.driver === 'bridge');
  if (!ep) return;
  for (const b of c.ports) {
    if (b.proto !== 'tcp') continue;
    const proxy = tcpListen(d.hostNs, b.hostPort, b.hostIp ?? (0 as Ipv4));
    if (!proxy) continue;
    proxy.onAccept = (client) => relay(d, client, ep.ip, b.containerPort);
    c.cleanups.push(() => proxy.close());
  }
}

/**
 * The embedded resolver (libnetwork/resolver.go): listens on 127.0.0.11 at random ports in
 * the container's namespace, reached through DNAT rules Docker puts in that namespace.
 */
function startEmbeddedDns(d: DockerDaemon, c: Container): void {
  const ns = c.ns!;
  const udpPort = 32768 + (d.kernel.rng.u32() % 28000);
  const tcpPort = 32768 + (d.kernel.rng.u32() % 28000);
  const srv = startDnsServer(ns, { addr: RESOLVER_IP, port: udpPort, answer: (name, qtype) => resolveName(d, c, name, qtype) });
  if (!srv) return;
  c.dnsLog = srv.log;
  c.cleanups.push(() => srv.stop());
  for (const cmd of [
    'iptables -t nat -N DOCKER_OUTPUT',
    'iptables -t nat -N DOCKER_POSTROUTING',
    'iptables -t nat -A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT',
    'iptables -t nat -A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING',
    `iptables -t nat -A DOCKER_OUTPUT -d 127.0.0.11/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 127.0.0.11:${tcpPort}`,
    `iptables -t nat -A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:${udpPort}`,
    `iptables -t nat -A DOCKER_POSTROUTING -s 127.0.0.11/32 -p tcp -m tcp --sport ${tcpPort} -j SNAT --to-source :53`,
    `iptables -t nat -A DOCKER_POSTROUTING -s 127.0.0.11/32 -p udp -m udp --sport ${udpPort} -j SNAT --to-source :53`,
  ])
    d.runInContainer(c, cmd);
}

/**
 * ResolveName: names of containers sharing a user-defined network with `c` (name, aliases,
 * short id, hostname, and name.network), all addresses for a shared alias; anything else
 * goes to the host's resolver.
 */
function resolveName(d: DockerDaemon, c: Container, raw: string, qtype: number): DnsAnswer {
  const name = raw.toLowerCase().replace(/\.$/, '');
  const ips: Ipv4[] = [];
  for (const ep of c.endpoints) {
    const n = ep.network;
    if (n.isDefault || ep.hidden || (n.driver !== 'bridge' && n.driver !== 'overlay')) continue;
    // Overlay names are known on every node of the swarm (the control plane gossips them).
    const containers = n.driver === 'overlay' ? allDaemonsOf(d).flatMap((x) => [...x.containers.values()]) : [...d.containers.values()];
    for (const other of containers) {
      if (other.state !== 'running') continue;
      for (const oe of other.endpoints) {
        if (oe.network !== n) continue;
        const names = [other.name, other.id.slice(0, 12), other.hostname, ...oe.aliases].map((x) => x.toLowerCase());
        const qualified = names.map((x) => `${x}.${n.name.toLowerCase()}`);
        if ((names.includes(name) || qualified.includes(name)) && !ips.includes(oe.ip)) ips.push(oe.ip);
      }
    }
  }
  // Swarm services: the VIP, or the tasks for tasks.NAME and dnsrr services.
  if (ips.length === 0)
    for (const ep of c.endpoints) {
      if (ep.network.driver !== 'overlay') continue;
      const svc = resolveServiceName(d, ep.network, name);
      if (svc) for (const ip of svc) if (!ips.includes(ip)) ips.push(ip);
    }
  // --link aliases, checked first on user-defined networks.
  for (const l of c.links) {
    const other = d.findContainer(l.name);
    if (other && l.alias.toLowerCase() === name && other.endpoints[0] && !ips.includes(other.endpoints[0].ip)) ips.unshift(other.endpoints[0].ip);
  }
  if (ips.length > 0) {
    if (qtype !== DnsType.A) return { kind: 'records', records: [] };
    // handleIPQuery shuffles the addresses (not a strict round robin).
    for (let i = ips.length - 1; i > 0; i--) {
      const j = d.kernel.rng.u32() % (i + 1);
      [ips[i], ips[j]] = [ips[j], ips[i]];
    }
    return { kind: 'records', records: ips.map((ip) => aRecord(raw, ip, 600)) };
  }
  // --dns servers are queried from the container's namespace (resolver.go: only a host
  // loopback resolver is dialled from the host's); the host's own upstream from the host's.
  if (c.dns.length > 0 && c.ns) return { kind: 'forward', server: c.dns[0], via: c.ns };
  return { kind: 'forward', server: d.upstreamDns(), via: d.hostNs };
}

/** docker-proxy: a second connection from the host to the container, bytes copied both ways. */
function relay(d: DockerDaemon, client: TcpConn, ip: Ipv4, port: number): void {
  let upstream: TcpConn | null = null;
  const pending: Uint8Array[] = [];
  const conn = tcpConnect(d.hostNs, ip, port, (ev) => {
    if (ev.kind === 'connected') {
      for (const p of pending.splice(0)) upstream?.send(TcpFlags.PSH | TcpFlags.ACK, p);
    } else if (ev.kind === 'data') client.send(TcpFlags.PSH | TcpFlags.ACK, ev.data);
    else if (ev.kind === 'eof' || ev.kind === 'closed') client.close();
    else if (ev.kind === 'error') client.abort();
  });
  if (typeof conn === 'string') {
    client.abort();
    return;
  }
  upstream = conn;
  client.onEvent = (ev) => {
    if (ev.kind === 'data') {
      if (upstream?.state === 'ESTABLISHED') upstream.send(TcpFlags.PSH | TcpFlags.ACK, ev.data);
      else pending.push(ev.data);
    } else if (ev.kind === 'eof') {
      client.close();
      upstream?.close();
    }
  };
}

/** The stand-in internet's services: DNS at 8.8.8.8, 1.1.1.1, 9.9.9.9 and a web server at 93.184.216.34. */
export function startInternetServices(d: DockerDaemon): void {
  const inet = d.uplink?.ns;
  if (!inet) return;
  const web = 0x5db8d822 as Ipv4; // 93.184.216.34
  const names: Record<string, Ipv4> = { 'example.com': web, 'www.example.com': web };
  // Google's (8.8.8.8), Cloudflare's (1.1.1.1) and Quad9's (9.9.9.9) resolvers: one server
  // answering on every address of the stand-in internet, all knowing the same names.
  startDnsServer(inet, {
    addr: 0 as Ipv4,
    answer: (raw, qtype) => {
      const ip = names[raw.toLowerCase().replace(/\.$/, '')];
      if (ip === undefined) return { kind: 'nxdomain' };
      return { kind: 'records', records: qtype === DnsType.A ? [aRecord(raw, ip, 300)] : [], authoritative: false };
    },
  });
  startHttpServer(inet, {
    port: 80,
    addr: web,
    respond: () => nginxFileResponse(d.kernel, '<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n<body>\n<div>\n    <h1>Example Domain</h1>\n    <p>This domain is for use in illustrative examples in documents.</p>\n</div>\n</body>\n</html>\n'),
  });
}
