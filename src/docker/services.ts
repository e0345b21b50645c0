import { type Ipv4, formatIpv4 } from '../engine/addr/ipv4.ts';
import { TcpFlags } from '../engine/wire/tcp.ts';
import { type TcpConn, tcpConnect, tcpListen } from '../engine/socket/tcp.ts';
import type { DockerDaemon } from './daemon.ts';
import type { Container } from './model.ts';

/**
 * The processes a container runs that matter to the network: its image's server, and on the
 * host one docker-proxy per published TCP port (the userland proxy carries what the DNAT
 * rules do not: the host's own connections to 127.0.0.1 and containers calling the host IP).
 */
export function startContainerServices(d: DockerDaemon, c: Container): void {
  const ns = c.ns;
  if (!ns) return;
  for (const e of c.image.expose) {
    if (e.proto !== 'tcp') continue;
    const l = tcpListen(ns, e.port);
    if (!l) continue;
    l.onAccept = (conn) => {
      c.logs.push(`${d.kernel.now} connection from ${formatIpv4(conn.remoteAddr)}:${conn.remotePort}`);
      conn.onEvent = (ev) => {
        if (ev.kind === 'eof') conn.close();
      };
    };
    c.cleanups.push(() => l.close());
  }
  const ep = c.endpoints.find((x) => x.network.driver === 'bridge');
  if (!ep) return;
  for (const b of c.ports) {
    if (b.proto !== 'tcp') continue;
    const proxy = tcpListen(d.kernel.root, b.hostPort, b.hostIp ?? (0 as Ipv4));
    if (!proxy) continue;
    proxy.onAccept = (client) => relay(d, client, ep.ip, b.containerPort);
    c.cleanups.push(() => proxy.close());
  }
}

/** docker-proxy: a second connection from the host to the container, bytes copied both ways. */
function relay(d: DockerDaemon, client: TcpConn, ip: Ipv4, port: number): void {
  let upstream: TcpConn | null = null;
  const pending: Uint8Array[] = [];
  const conn = tcpConnect(d.kernel.root, ip, port, (ev) => {
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
