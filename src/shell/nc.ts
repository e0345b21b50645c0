import { type Ipv4, formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import { ROUTE_ERROR_TEXT, ipRouteOutput } from '../engine/net/route.ts';
import { SEC } from '../engine/sim/scheduler.ts';
import { tcpConnect, tcpListen, type TcpConn, type TcpEvent } from '../engine/socket/tcp.ts';
import { udpBind } from '../engine/socket/udp.ts';
import type { Command, CommandContext } from './context.ts';
import { resolveHost } from './apps/resolver.ts';

const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
	  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
	  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
	  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
	  [destination] [port]
`;

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  EPERM: 'Operation not permitted',
};

interface NcOptions {
  listen: boolean;
  keep: boolean;
  zero: boolean;
  verbose: boolean;
  udp: boolean;
  timeout: number | null;
  port: number | null;
  source: Ipv4 | null;
  positional: string[];
}

function parseOptions(ctx: CommandContext, argv: string[]): NcOptions | number {
  const o: NcOptions = { listen: false, keep: false, zero: false, verbose: false, udp: false, timeout: null, port: null, source: null, positional: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      o.positional.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      const takesArg = 'wpsqiIMmOPTVWXx'.includes(f);
      if (takesArg) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) {
          ctx.err(`nc: option requires an argument -- '${f}'\n${USAGE}`);
          return 1;
        }
        if (f === 'w') {
          if (!/^\d+$/.test(v)) {
            ctx.err(`nc: timeout ${/^-/.test(v) ? 'too small' : 'invalid'}: ${v}\n`);
            return 1;
          }
          o.timeout = Number(v);
        } else if (f === 'p') {
          if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) {
            ctx.err(`nc: port number invalid: ${v}\n`);
            return 1;
          }
          o.port = Number(v);
        } else if (f === 's') {
          o.source = parseIpv4(v);
        }
        break;
      }
      switch (f) {
        case 'l': o.listen = true; break;
        case 'k': o.keep = true; break;
        case 'z': o.zero = true; break;
        case 'v': o.verbose = true; break;
        case 'u': o.udp = true; break;
        case 'n': case '4': case 'N': case 'd': case 'D': break;
        default:
          ctx.err(`nc: invalid option -- '${f}'\n${USAGE}`);
          return 1;
      }
    }
  }
  return o;
}

function parsePort(s: string): number | null {
  return /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : null;
}

/** OpenBSD netcat: `-l` listens (background it with `&`), `-z` probes a TCP port. */
export const ncCommand: Command = (ctx, argv) => {
  const o = parseOptions(ctx, argv);
  if (typeof o === 'number') return o;
  if (o.listen) return listen(ctx, o);
  if (o.positional.length < 2) {
    ctx.err(USAGE);
    return 1;
  }
  const [host, portText] = o.positional;
  // getaddrinfo: /etc/hosts, then DNS.
  const resolved = resolveHost(ctx, host);
  if (resolved === null || !resolved.ok) {
    ctx.err(`nc: getaddrinfo for host "${host}" port ${portText}: ${resolved !== null && !resolved.ok && resolved.error === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`);
    return 1;
  }
  const dst = resolved.addresses[0];
  const port = parsePort(portText);
  if (port === null) {
    ctx.err(`nc: port number invalid: ${portText}\n`);
    return 1;
  }
  return o.udp ? udpClient(ctx, o, dst, port) : tcpClient(ctx, o, dst, port);
};

function tcpClient(ctx: CommandContext, o: NcOptions, dst: Ipv4, port: number): number {
  const k = ctx.kernel;
  let result: TcpEvent | null = null;
  let closed = false;
  // -p: bind() the source port first. netcat sets no SO_REUSEADDR on a client, so a port still
  // held by any socket, even one in TIME_WAIT, is EADDRINUSE.
  if (o.port !== null && ctx.ns.sockets.tcp.portInUse(o.port)) {
    ctx.err('nc: bind failed: Address already in use\n');
    return 1;
  }
  const conn = tcpConnect(ctx.ns, dst, port, (e) => {
    if (e.kind === 'connected' || e.kind === 'error') result ??= e;
    if (e.kind === 'eof' || e.kind === 'closed' || e.kind === 'error') closed = true;
  }, { src: o.source, sport: o.port });
  const hostText = formatIpv4(dst);
  if (typeof conn === 'string') {
    ctx.err(`nc: connect to ${hostText} port ${port} (tcp) failed: ${ROUTE_ERROR_TEXT[conn]}\n`);
    return 1;
  }
  // Without -w, connect() waits as long as the kernel retries the SYN (about two minutes).
  // The kernel's retransmit timer (1 s) ends a little after nc's own -w deadline.
  const limit = (o.timeout ?? 140) * SEC - 1;
  k.sched.runFor(limit, () => result !== null);
  if (result === null) {
    conn.close();
    ctx.err(`nc: connect to ${hostText} port ${port} (tcp) timed out: Operation now in progress\n`);
    return 1;
  }
  const r = result as TcpEvent;
  if (r.kind === 'error') {
    ctx.err(`nc: connect to ${hostText} port ${port} (tcp) failed: ${ERRNO_TEXT[r.errno]}\n`);
    return 1;
  }
  if (o.verbose) ctx.err(`Connection to ${hostText} ${port} port [tcp/*] succeeded!\n`);
  if (!o.zero) {
    // Nothing to send (no stdin): wait for the peer to close, or the idle timeout.
    k.sched.runFor((o.timeout ?? 1) * SEC, () => closed);
  }
  closeConn(conn);
  k.sched.runFor(SEC / 100);
  return 0;
}

function closeConn(c: TcpConn): void {
  c.close();
}

const X_PROBE = new Uint8Array([0x58]);

function udpClient(ctx: CommandContext, o: NcOptions, dst: Ipv4, port: number): number {
  const s = udpBind(ctx.ns, 0, o.source ?? (0 as Ipv4));
  if (!s) return 1;
  try {
    // With -z netcat-openbsd only connect()s a UDP socket: nothing is sent.
    const probe = ipRouteOutput(ctx.ns, dst, { src: o.source });
    const err = typeof probe === 'string' ? probe : o.zero ? null : s.sendTo(dst, port, new Uint8Array(0));
    if (err) {
      ctx.err(`nc: connect to ${formatIpv4(dst)} port ${port} (udp) failed: ${ROUTE_ERROR_TEXT[err]}\n`);
      return 1;
    }
    if (o.zero && o.verbose && typeof probe !== 'string') {
      // udptest(): with -v netcat writes "X" probes on the connected socket for about -w seconds
      // and fails only when a write returns ECONNREFUSED (an ICMP port unreachable came back;
      // codes without the fatal bit, or other errnos, do not count).
      const refused = (): boolean => s.lastError !== null && s.lastError.type === 3 && (s.lastError.code === 3 || s.lastError.code === 9);
      s.sendTo(dst, port, X_PROBE);
      s.sendTo(dst, port, X_PROBE);
      const secs = o.timeout ?? 3;
      for (let i = 0; i < secs && !refused(); i++) {
        ctx.kernel.sched.runFor(SEC, refused);
        if (!refused()) s.sendTo(dst, port, X_PROBE);
      }
      ctx.kernel.sched.runFor(SEC / 100, refused);
      if (refused()) return 1;
    } else ctx.kernel.sched.runFor((o.timeout ?? 1) * SEC, () => s.lastError !== null);
    if (o.verbose) ctx.err(`Connection to ${formatIpv4(dst)} ${port} port [udp/*] succeeded!\n`);
    return 0;
  } finally {
    s.close();
  }
}

function listen(ctx: CommandContext, o: NcOptions): number {
  const portText = o.port !== null ? String(o.port) : o.positional[o.positional.length - 1];
  const port = portText === undefined ? null : parsePort(portText);
  if (port === null) {
    ctx.err(portText === undefined ? USAGE : `nc: port number invalid: ${portText}\n`);
    return 1;
  }
  const addr = o.positional.length >= 2 ? parseIpv4(o.positional[0]) : null;
  // inet_bind: the address must be local now (127.0.0.1 only is once lo is up), unless
  // ip_nonlocal_bind allows any.
  if (addr !== null && addr !== 0 && ctx.ns.fib.lookup(addr)?.type !== 'local' && ctx.ns.sysctl.get('net.ipv4.ip_nonlocal_bind') !== '1') {
    ctx.err('nc: Cannot assign requested address\n');
    return 1;
  }
  if (o.udp) {
    const s = udpBind(ctx.ns, port, addr ?? (0 as Ipv4));
    if (!s) {
      ctx.err('nc: Address already in use\n');
      return 1;
    }
    return ctx.background ? 0 : 0;
  }
  const l = tcpListen(ctx.ns, port, addr ?? (0 as Ipv4));
  if (!l) {
    ctx.err('nc: Address already in use\n');
    return 1;
  }
  if (o.verbose) ctx.err(`Listening on 0.0.0.0 ${port}\n`);
  let served = false;
  l.onAccept = (c) => {
    // nc reads until EOF, then closes its side; without -k it stops listening at once.
    if (!o.keep) {
      l.close();
      served = true;
    }
    c.onEvent = (e) => {
      if (e.kind === 'eof') c.close();
    };
  };
  if (ctx.background) return 0;
  // In the foreground a listener blocks the terminal until its one connection ends.
  ctx.kernel.sched.runFor(3600 * SEC, () => served);
  if (!served) {
    l.close();
    ctx.err('nc: no connection within an hour of virtual time; run listeners in the background with a trailing &\n');
    return 1;
  }
  return 0;
}
