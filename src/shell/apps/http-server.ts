/**
 * A minimal HTTP/1.1 server on the simulated TCP stack, enough for "a web server in a
 * container answering curl": it reads one request per connection (headers only, no request
 * body), writes the response in MSS-sized segments and closes. Plus what an nginx container
 * shows: its default welcome page, its error pages and headers, and its access-log line.
 */
import { type Ipv4, formatIpv4 } from '../../engine/addr/ipv4.ts';
import type { Kernel } from '../../engine/net/kernel.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import { MS, type Nanos } from '../../engine/sim/scheduler.ts';
import { type TcpConn, type TcpListener, tcpListen } from '../../engine/socket/tcp.ts';
import { TcpFlags } from '../../engine/wire/tcp.ts';
import { SIM_EPOCH_MS, httpDate, nginxTimeLocal, simDate } from './clock.ts';

export interface HttpRequest {
  method: string;
  /** The request target as sent: "/", "/index.html?x=1". */
  target: string;
  /** "HTTP/1.1". */
  version: string;
  headers: [string, string][];
  /** The first header of that name (case-insensitive), or undefined. */
  header(name: string): string | undefined;
  from: Ipv4;
  fromPort: number;
}

export interface HttpResponse {
  status: number;
  /** Default: the standard reason phrase of `status`. */
  reason?: string;
  /** Sent in this order. A Content-Length is added when absent. */
  headers?: [string, string][];
  body?: string | Uint8Array;
}

export interface HttpAccessLogEntry {
  /** Virtual time the response was sent. */
  t: Nanos;
  remote: Ipv4;
  method: string;
  target: string;
  version: string;
  status: number;
  /** Body bytes sent (0 for HEAD), nginx's $body_bytes_sent. */
  bytes: number;
  referer: string | null;
  userAgent: string | null;
  forwardedFor: string | null;
  /** The nginx access-log line for it. */
  line: string;
}

export interface HttpServerOptions {
  port: number;
  /** Listen on one address only; default all. */
  addr?: Ipv4;
  respond(req: HttpRequest): HttpResponse;
  onRequest?: (e: HttpAccessLogEntry) => void;
  /** Entries kept in `log`. Default 1000. */
  logLimit?: number;
}

export interface HttpServer {
  readonly ns: NetNs;
  readonly port: number;
  readonly listener: TcpListener;
  readonly log: HttpAccessLogEntry[];
  stop(): void;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Moved Temporarily',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Not Allowed', 408: 'Request Time-out', 413: 'Request Entity Too Large', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** nginx's reason phrases (which differ from RFC 9110's for a few codes, e.g. 405 "Not Allowed"). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** nginx's large_client_header_buffers: a request head larger than this gets 400. */
const MAX_HEAD = 8192;

/**
 * An nginx access-log line in the official image's "main" format:
 * `172.17.0.1 - - [28/Nov/2026:00:00:01 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"`.
 * The date is the simulated wall clock (see clock.ts: 2026-11-28 00:00:00 UTC plus virtual time).
 */
export function formatAccessLog(e: Omit<HttpAccessLogEntry, 'line'>): string {
  const when = nginxTimeLocal(new Date(SIM_EPOCH_MS + Math.floor(e.t / MS)));
  const q = (v: string | null): string => `"${v ?? '-'}"`;
  return `${formatIpv4(e.remote)} - - [${when}] "${e.method} ${e.target} ${e.version}" ${e.status} ${e.bytes} ${q(e.referer)} ${q(e.userAgent)} ${q(e.forwardedFor)}`;
}

function parseHead(head: string, from: Ipv4, fromPort: number): HttpRequest | null {
  const lines = head.split(/\r?\n/);
  const m = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)$/.exec(lines[0]);
  if (!m) return null;
  const headers: [string, string][] = [];
  for (const l of lines.slice(1)) {
    if (l === '') continue;
    const c = l.indexOf(':');
    if (c <= 0) return null;
    headers.push([l.slice(0, c), l.slice(c + 1).trim()]);
  }
  return {
    method: m[1],
    target: m[2],
    version: m[3],
    headers,
    header: (name) => headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    from,
    fromPort,
  };
}

/** Status line, headers and body as bytes; HEAD gets the headers of GET without the body. */
export function serializeResponse(res: HttpResponse, head: boolean): { bytes: Uint8Array; bodyBytes: number } {
  const body = res.body === undefined ? new Uint8Array(0) : typeof res.body === 'string' ? enc.encode(res.body) : res.body;
  const headers = [...(res.headers ?? [])];
  if (!headers.some(([k]) => k.toLowerCase() === 'content-length')) headers.push(['Content-Length', String(body.length)]);
  const text = `HTTP/1.1 ${res.status} ${res.reason ?? reasonPhrase(res.status)}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const h = enc.encode(text);
  const sent = head ? new Uint8Array(0) : body;
  const out = new Uint8Array(h.length + sent.length);
  out.set(h);
  out.set(sent, h.length);
  return { bytes: out, bodyBytes: sent.length };
}

/** Writes `data` as consecutive segments of at most one MSS each, PSH on the last (as Linux does). */
export function sendSegmented(conn: TcpConn, data: Uint8Array): void {
  const mss = conn.mss();
  for (let off = 0; off < data.length; off += mss) {
    const end = Math.min(off + mss, data.length);
    conn.send(TcpFlags.ACK | (end === data.length ? TcpFlags.PSH : 0), data.subarray(off, end));
  }
}

/** Listens on `port` in `ns`; null when the port is taken (EADDRINUSE). */
export function startHttpServer(ns: NetNs, opts: HttpServerOptions): HttpServer | null {
  const listener = tcpListen(ns, opts.port, opts.addr);
  if (!listener) return null;
  const k = ns.kernel;
  const log: HttpAccessLogEntry[] = [];
  const limit = opts.logLimit ?? 1000;
  const conns = new Set<TcpConn>();
  let stopped = false;

  // A bug in a page handler must not take the simulation down: the client gets a 500.
  const respondSafely = (req: HttpRequest): HttpResponse => {
    try {
      return opts.respond(req);
    } catch {
      return nginxErrorResponse(k, 500);
    }
  };

  listener.onAccept = (c) => {
    if (stopped) {
      c.abort();
      return;
    }
    conns.add(c);
    let buf = new Uint8Array(0);
    let answered = false;
    const finish = (req: HttpRequest | null, res: HttpResponse): void => {
      answered = true;
      const isHead = req?.method === 'HEAD';
      const { bytes, bodyBytes } = serializeResponse(res, isHead);
      sendSegmented(c, bytes);
      c.close();
      const base = {
        t: k.now,
        remote: c.remoteAddr,
        method: req?.method ?? '-',
        target: req?.target ?? '',
        version: req?.version ?? '',
        status: res.status,
        bytes: bodyBytes,
        referer: req?.header('referer') ?? null,
        userAgent: req?.header('user-agent') ?? null,
        forwardedFor: req?.header('x-forwarded-for') ?? null,
      };
      const entry: HttpAccessLogEntry = { ...base, line: formatAccessLog(base) };
      log.push(entry);
      if (log.length > limit) log.splice(0, log.length - limit);
      opts.onRequest?.(entry);
    };
    c.onEvent = (e) => {
      if (e.kind === 'data' && !answered) {
        const next = new Uint8Array(buf.length + e.data.length);
        next.set(buf);
        next.set(e.data, buf.length);
        buf = next;
        const text = dec.decode(buf);
        const endAt = text.search(/\r?\n\r?\n/);
        if (endAt < 0) {
          if (buf.length > MAX_HEAD) finish(null, nginxErrorResponse(k, 400));
          return;
        }
        const req = parseHead(text.slice(0, endAt), c.remoteAddr, c.remotePort);
        finish(req, req ? respondSafely(req) : nginxErrorResponse(k, 400));
      } else if (e.kind === 'eof') {
        // The client is done sending: a connection that never sent a request just closes.
        if (!answered) c.close();
      } else if (e.kind === 'closed' || e.kind === 'error') {
        conns.delete(c);
      }
    };
  };

  return {
    ns,
    port: opts.port,
    listener,
    log,
    stop: () => {
      stopped = true;
      listener.close();
      for (const c of conns) c.abort();
      conns.clear();
    },
  };
}

/** The nginx version the nginx helpers announce (the official image's at the time of writing). */
export const NGINX_VERSION = '1.27.3';

/** The default index.html of nginx (/usr/share/nginx/html/index.html, 615 bytes), byte for byte. */
export function nginxWelcomePage(): string {
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
}

/** nginx's built-in error page, e.g. 153 bytes for 404 with "nginx/1.22.1" (CRLF line ends, as nginx sends). */
export function nginxErrorPage(status: number, version = NGINX_VERSION): string {
  const title = `${status} ${reasonPhrase(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** When the image's index.html was last modified, for Last-Modified and the ETag. */
const DEFAULT_MTIME_S = Date.UTC(2024, 10, 26, 15, 55, 0) / 1000;

/**
 * A static file as nginx serves it: Server, Date, Content-Type, Content-Length,
 * Last-Modified, Connection, ETag ("<mtime hex>-<size hex>", nginx's formula) and
 * Accept-Ranges, in nginx's order.
 */
export function nginxFileResponse(kernel: Kernel, body: string, opts: { contentType?: string; mtimeS?: number; version?: string } = {}): HttpResponse {
  const size = enc.encode(body).length;
  const mtime = opts.mtimeS ?? DEFAULT_MTIME_S;
  return {
    status: 200,
    headers: [
      ['Server', `nginx/${opts.version ?? NGINX_VERSION}`],
      ['Date', httpDate(simDate(kernel))],
      ['Content-Type', opts.contentType ?? 'text/html'],
      ['Content-Length', String(size)],
      ['Last-Modified', httpDate(new Date(mtime * 1000))],
      ['Connection', 'keep-alive'],
      ['ETag', `"${mtime.toString(16)}-${size.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
    ],
    body,
  };
}

/** An nginx error response (404, 405, ...) with its built-in page. */
export function nginxErrorResponse(kernel: Kernel, status: number, version = NGINX_VERSION): HttpResponse {
  const body = nginxErrorPage(status, version);
  return {
    status,
    headers: [
      ['Server', `nginx/${version}`],
      ['Date', httpDate(simDate(kernel))],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(enc.encode(body).length)],
      ['Connection', status === 400 ? 'close' : 'keep-alive'],
    ],
    body,
  };
}

/**
 * What the official nginx image answers with its default config: the welcome page for "/"
 * and "/index.html", 404 for anything else, 405 for methods other than GET and HEAD.
 */
export function nginxDefaultSite(kernel: Kernel, version = NGINX_VERSION): (req: HttpRequest) => HttpResponse {
  return (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return nginxErrorResponse(kernel, 405, version);
    const path = req.target.split('?')[0];
    if (path === '/' || path === '/index.html') return nginxFileResponse(kernel, nginxWelcomePage(), { version });
    return nginxErrorResponse(kernel, 404, version);
  };
}
