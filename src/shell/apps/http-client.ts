/**
 * The blocking socket calls an HTTP client makes (connect, write, read), run in virtual
 * time, and the URL and response parsing curl and wget share.
 */
import type { Ipv4 } from '../../engine/addr/ipv4.ts';
import type { RouteError } from '../../engine/net/route.ts';
import type { Nanos } from '../../engine/sim/scheduler.ts';
import { type TcpConn, type TcpEvent, tcpConnect } from '../../engine/socket/tcp.ts';
import { sendSegmented } from './http-server.ts';
import type { ResolverEnv } from './resolver.ts';

export type TcpErrno = Extract<TcpEvent, { kind: 'error' }>['errno'];

export const ERRNO_TEXT: Record<TcpErrno | RouteError, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  EPERM: 'Operation not permitted',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
};

export interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Path and query, at least "/". */
  path: string;
  /** Whether the port was written in the URL (curl and wget then show it in the Host header). */
  explicitPort: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

/** Parses "scheme://host[:port][/path]"; without a scheme, http. Null when malformed. */
export function parseUrl(text: string): Url | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]*)(?::([^/?#]*))?([^#]*)/.exec(text);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = m[2];
  if (host === '' || /[[\]@]/.test(host)) return null;
  let port = DEFAULT_PORTS[scheme] ?? 0;
  if (m[3] !== undefined) {
    if (!/^\d{1,5}$/.test(m[3]) || Number(m[3]) > 65535 || Number(m[3]) === 0) return null;
    port = Number(m[3]);
  }
  let path = m[4] === '' ? '/' : m[4];
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host, port, path, explicitPort: m[3] !== undefined };
}

/** A connected (or connecting) socket that a blocking program drives. */
export class TcpSession {
  connected = false;
  error: TcpErrno | null = null;
  eof = false;
  closed = false;
  private chunks: Uint8Array[] = [];
  received = 0;
  readonly conn: TcpConn;

  private constructor(
    readonly env: ResolverEnv,
    conn: TcpConn,
  ) {
    this.conn = conn;
  }

  /** connect(): a routing failure comes back at once as the error. */
  static open(env: ResolverEnv, dst: Ipv4, port: number): TcpSession | RouteError {
    // Events can fire inside tcpConnect (OUTPUT dropping the SYN fails it at once): keep them.
    const early: TcpEvent[] = [];
    let session: TcpSession | null = null;
    const r = tcpConnect(env.ns, dst, port, (e) => (session ? session.onEvent(e) : early.push(e)));
    if (typeof r === 'string') return r;
    const s = new TcpSession(env, r);
    session = s;
    for (const e of early) s.onEvent(e);
    return s;
  }

  private onEvent(e: TcpEvent): void {
    switch (e.kind) {
      case 'connected':
        this.connected = true;
        break;
      case 'data':
        this.chunks.push(e.data);
        this.received += e.data.length;
        break;
      case 'eof':
        this.eof = true;
        break;
      case 'error':
        this.error = e.errno;
        break;
      case 'closed':
        this.closed = true;
        break;
    }
  }

  /** Blocks until connected, refused, or `deadline` (virtual time). */
  waitConnected(deadline: Nanos): 'connected' | TcpErrno | 'deadline' {
    const k = this.env.kernel;
    k.sched.runUntil(deadline, () => this.connected || this.error !== null);
    if (this.connected) return 'connected';
    if (this.error !== null) return this.error;
    this.conn.close();
    return 'deadline';
  }

  write(data: Uint8Array): void {
    sendSegmented(this.conn, data);
  }

  /** Everything received so far. */
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.received);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    this.chunks = [out];
    return out;
  }

  /** Blocks until `enough` says the data so far suffice, or EOF, an error, or `deadline`. */
  readUntil(enough: (data: Uint8Array) => boolean, deadline: Nanos): 'ok' | 'eof' | TcpErrno | 'deadline' {
    const k = this.env.kernel;
    const check = (): boolean => enough(this.bytes()) || this.eof || this.error !== null;
    if (!check()) k.sched.runUntil(deadline, check);
    if (enough(this.bytes())) return 'ok';
    if (this.error !== null) return this.error;
    if (this.eof) return 'eof';
    return 'deadline';
  }

  close(): void {
    this.conn.close();
  }
}

export interface ParsedResponse {
  version: string;
  status: number;
  reason: string;
  headers: [string, string][];
  /** The status line and headers as received, through the blank line. */
  head: string;
  /** Where the body starts in the received bytes. */
  bodyStart: number;
  /** Content-Length, or null when the body runs to EOF. */
  contentLength: number | null;
}

const dec = new TextDecoder();

/** Parses the response head once it is complete; null while it is not (or if it is malformed). */
export function parseResponseHead(data: Uint8Array): ParsedResponse | null {
  // Headers are ASCII: latin1 keeps byte offsets equal to string offsets.
  let text = '';
  const limit = Math.min(data.length, 65536);
  for (let i = 0; i < limit; i++) text += String.fromCharCode(data[i]);
  const end = text.indexOf('\r\n\r\n');
  const endLf = text.indexOf('\n\n');
  const at = end >= 0 && (endLf < 0 || end < endLf) ? end + 4 : endLf >= 0 ? endLf + 2 : -1;
  if (at < 0) return null;
  const head = text.slice(0, at);
  const lines = head.split(/\r?\n/);
  const m = /^(HTTP\/\d(?:\.\d)?) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!m) return null;
  const headers: [string, string][] = [];
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    if (c > 0) headers.push([l.slice(0, c), l.slice(c + 1).trim()]);
  }
  const cl = headers.find(([k]) => k.toLowerCase() === 'content-length');
  return { version: m[1], status: Number(m[2]), reason: m[3] ?? '', headers, head, bodyStart: at, contentLength: cl && /^\d+$/.test(cl[1]) ? Number(cl[1]) : null };
}

export function headerValue(headers: [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** Whether the whole response (head and, unless `head`, body) has arrived. */
export function responseComplete(data: Uint8Array, headOnly: boolean): boolean {
  const r = parseResponseHead(data);
  if (!r) return false;
  if (headOnly || r.status === 204 || r.status === 304) return true;
  return r.contentLength !== null && data.length - r.bodyStart >= r.contentLength;
}

export function decodeText(b: Uint8Array): string {
  return dec.decode(b);
}
