/**
 * curl 7.88.1 (Debian 12's) for plain HTTP: resolve with the stub resolver, connect, send a
 * GET or HEAD, print the body. Messages and exit codes are curl's, checked against the real
 * binary; the terminal is a tty, so there is no progress meter unless the body goes to a file.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { MS, type Nanos, SEC } from '../../engine/sim/scheduler.ts';
import type { Command, CommandContext } from '../context.ts';
import {
  decodeText,
  ERRNO_TEXT,
  headerValue,
  parseResponseHead,
  parseUrl,
  responseComplete,
  TcpSession,
  type ParsedResponse,
} from './http-client.ts';
import { resolveHost } from './resolver.ts';

export const CURL_VERSION = '7.88.1';
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/** curl's DEFAULT_CONNECT_TIMEOUT: longer than the kernel's SYN retries, so those end first. */
const DEFAULT_CONNECT_TIMEOUT = 300 * SEC;

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  output: string | null;
  verbose: boolean;
  fail: boolean;
  maxTime: number | null;
  connectTimeout: number | null;
  headers: [string, string][];
  method: string | null;
  userAgent: string;
  writeOut: string | null;
  url: string | null;
}

const SHORT_BOOL: Record<string, keyof CurlOptions | null> = {
  s: 'silent', S: 'showError', i: 'include', I: 'head', v: 'verbose', f: 'fail',
  // Accepted and ignored: redirects are never sent by the simulated servers, TLS is not modelled.
  L: null, k: null, '4': null, '#': null, N: null,
};
const SHORT_ARG = new Set(['o', 'm', 'H', 'A', 'X', 'w']);
const LONG: Record<string, string> = {
  '--silent': 's', '--show-error': 'S', '--include': 'i', '--head': 'I', '--verbose': 'v', '--fail': 'f',
  '--location': 'L', '--insecure': 'k', '--ipv4': '4', '--no-buffer': 'N', '--output': 'o', '--max-time': 'm',
  '--header': 'H', '--user-agent': 'A', '--request': 'X', '--write-out': 'w', '--connect-timeout': 'connect-timeout',
};

function parseArgs(ctx: CommandContext, argv: string[]): CurlOptions | number {
  const o: CurlOptions = { silent: false, showError: false, include: false, head: false, output: null, verbose: false, fail: false, maxTime: null, connectTimeout: null, headers: [], method: null, userAgent: `curl/${CURL_VERSION}`, writeOut: null, url: null };
  const bad = (msg: string): number => {
    ctx.err(`curl: ${msg}\n${TRY_HELP}`);
    return 2;
  };
  const num = (name: string, v: string): number | null => (/^\d+(\.\d*)?$|^\.\d+$/.test(v) ? Number(v) : (bad(`option ${name}: expected a proper numerical parameter`), null));
  const apply = (flag: string, name: string, v: string): number | null => {
    switch (flag) {
      case 'o': o.output = v; return null;
      case 'm': { const n = num(name, v); if (n === null) return 2; o.maxTime = n; return null; }
      case 'connect-timeout': { const n = num(name, v); if (n === null) return 2; o.connectTimeout = n; return null; }
      case 'H': {
        const c = v.indexOf(':');
        if (c > 0) o.headers.push([v.slice(0, c).trim(), v.slice(c + 1).trim()]);
        return null;
      }
      case 'A': o.userAgent = v; return null;
      case 'X': o.method = v; return null;
      case 'w': o.writeOut = v; return null;
    }
    return null;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const flag = LONG[a];
      if (flag === undefined) return bad(`option ${a}: is unknown`);
      if (SHORT_ARG.has(flag) || flag === 'connect-timeout') {
        const v = argv[++i];
        if (v === undefined) return bad(`option ${a}: requires parameter`);
        const r = apply(flag, a, v);
        if (r !== null) return r;
      } else {
        const key = SHORT_BOOL[flag];
        if (key) (o[key] as boolean) = true;
      }
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      o.url ??= a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (SHORT_ARG.has(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return bad(`option -${f}: requires parameter`);
        const r = apply(f, `-${f}`, v);
        if (r !== null) return r;
        break;
      }
      if (!(f in SHORT_BOOL)) return bad(`option -${a.slice(j)}: is unknown`);
      const key = SHORT_BOOL[f];
      if (key) (o[key] as boolean) = true;
    }
  }
  return o;
}

/** curl's max5data(): a byte count or speed in at most five characters. */
export function max5(n: number): string {
  const KB = 1024;
  const MB = KB * 1024;
  const GB = MB * 1024;
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * KB) return `${String(Math.floor(n / KB)).padStart(4)}k`;
  if (n < 100 * MB) return `${String(Math.floor(n / MB)).padStart(2)}.${Math.floor((n % MB) / (MB / 10))}M`;
  if (n < 10000 * MB) return `${String(Math.floor(n / MB)).padStart(4)}M`;
  return `${String(Math.floor(n / GB)).padStart(4)}G`;
}

function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/**
 * The progress meter's last line: what a terminal shows once curl's carriage-return updates
 * are done (the updates themselves are not replayed).
 */
export function meterLine(total: number | null, received: number, elapsed: Nanos): string {
  const us = Math.floor(elapsed / 1000);
  const speed = us > 0 ? Math.floor((received * 1000000) / us) : received;
  const pct = total !== null && total > 0 ? Math.floor((received * 100) / total) : 0;
  const spent = Math.floor(elapsed / SEC);
  const estimate = total !== null && speed > 0 ? Math.floor(total / speed) : 0;
  const left = estimate > 0 ? estimate - spent : 0;
  return `${String(pct).padStart(3)} ${max5(total ?? 0)}  ${String(pct).padStart(3)} ${max5(received)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ${time2str(estimate)} ${time2str(spent)} ${time2str(left)} ${max5(speed)}`;
}

/** curl [-sSiIvf] [-o FILE] [-m S] [--connect-timeout S] [-H H] [-A UA] [-X M] [-w FMT] URL */
export const curlCommand: Command = (ctx, argv) => {
  const o = parseArgs(ctx, argv);
  if (typeof o === 'number') return o;
  if (o.url === null) {
    ctx.err(TRY_HELP);
    return 2;
  }
  return fetch(ctx, o, o.url);
};

function fetch(ctx: CommandContext, o: CurlOptions, urlText: string): number {
  const k = ctx.kernel;
  const start = k.now;
  const elapsedMs = (): number => Math.floor((k.now - start) / MS);
  const verbose = (s: string): void => {
    if (o.verbose) ctx.err(s);
  };
  const meter = !o.silent && o.output !== null;
  let meterStarted = false;
  const startMeter = (): void => {
    if (meter && !meterStarted) ctx.err(METER_HEAD);
    meterStarted = true;
  };
  /** `verboseLines` null: curl fails before any connection exists, -v adds nothing. */
  const fail = (code: number, msg: string, verboseLines: string | null = `* ${msg}\n`, meterNewline = true): number => {
    if (meter && meterStarted) ctx.err(meterLine(null, 0, k.now - start) + (meterNewline ? '\n' : ''));
    if (verboseLines !== null) verbose(`${verboseLines}* Closing connection 0\n`);
    if (!o.silent || o.showError) ctx.err(`curl: (${code}) ${msg}\n`);
    return code;
  };

  const url = parseUrl(urlText);
  if (url === null) return fail(3, 'URL using bad/illegal format or missing URL', null);
  if (url.scheme !== 'http' && url.scheme !== 'https') return fail(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`, null);
  startMeter();
  const maxDeadline = o.maxTime !== null ? start + o.maxTime * SEC : Infinity;
  const connectLimit = o.connectTimeout !== null ? start + o.connectTimeout * SEC : start + DEFAULT_CONNECT_TIMEOUT;
  const connectDeadline = Math.min(maxDeadline, connectLimit);

  // Name resolution.
  let addr: Ipv4;
  const literal = parseIpv4(url.host);
  if (literal !== null) addr = literal;
  else {
    const r = resolveHost(ctx, url.host, { deadline: connectDeadline });
    if (r === null) return fail(28, `Resolving timed out after ${elapsedMs()} milliseconds`);
    if (!r.ok) return fail(6, `Could not resolve host: ${url.host}`, undefined, false);
    addr = r.addresses[0];
  }
  const ip = formatIpv4(addr);
  verbose(`*   Trying ${ip}:${url.port}...\n`);

  // connect().
  const couldnt = (): string => `Failed to connect to ${url.host} port ${url.port} after ${elapsedMs()} ms: Couldn't connect to server`;
  const s = TcpSession.open(ctx, addr, url.port);
  if (typeof s === 'string') {
    const msg = couldnt();
    return fail(7, msg, `* Immediate connect fail for ${ip}: ${ERRNO_TEXT[s]}\n* ${msg}\n`);
  }
  const c = s.waitConnected(connectDeadline);
  if (c === 'deadline') {
    if (connectLimit <= maxDeadline) {
      const msg = `Failed to connect to ${url.host} port ${url.port} after ${elapsedMs()} ms: Timeout was reached`;
      return fail(28, msg, `* ipv4 connect timeout after ${Math.round((connectLimit - start) / MS)}ms, move on!\n* ${msg}\n`);
    }
    return fail(28, `Connection timed out after ${elapsedMs()} milliseconds`);
  }
  if (c !== 'connected') {
    const msg = couldnt();
    // The kernel giving up on the SYN (ETIMEDOUT) is still a timeout to curl: exit 28.
    return fail(c === 'ETIMEDOUT' ? 28 : 7, msg, `* connect to ${ip} port ${url.port} failed: ${ERRNO_TEXT[c]}\n* ${msg}\n`);
  }
  verbose(`* Connected to ${url.host} (${ip}) port ${url.port} (#0)\n`);
  if (url.scheme === 'https') {
    // TLS is not simulated, and every simulated server speaks plain HTTP: curl's ClientHello
    // gets an HTTP error page back, which OpenSSL reports like this.
    s.close();
    return fail(35, 'OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number');
  }

  // The request.
  const method = o.method ?? (o.head ? 'HEAD' : 'GET');
  const defaultPort = 80;
  const reqHeaders: [string, string][] = [
    ['Host', url.port !== defaultPort ? `${url.host}:${url.port}` : url.host],
    ['User-Agent', o.userAgent],
    ['Accept', '*/*'],
  ];
  for (const [hk, hv] of o.headers) {
    const at = reqHeaders.findIndex(([x]) => x.toLowerCase() === hk.toLowerCase());
    if (at >= 0) reqHeaders[at] = [hk, hv];
    else reqHeaders.push([hk, hv]);
  }
  const reqLines = [`${method} ${url.path} HTTP/1.1`, ...reqHeaders.map(([hk, hv]) => `${hk}: ${hv}`), ''];
  s.write(new TextEncoder().encode(reqLines.map((l) => `${l}\r\n`).join('')));
  verbose(reqLines.map((l) => `> ${l}\r\n`).join(''));

  // The response.
  const headOnly = method === 'HEAD';
  const r = s.readUntil((d) => responseComplete(d, headOnly), maxDeadline);
  const data = s.bytes();
  const resp = parseResponseHead(data);
  s.close();
  if (r === 'deadline') {
    const body = resp ? data.length - resp.bodyStart : 0;
    const of = resp?.contentLength != null ? ` out of ${resp.contentLength}` : '';
    return fail(28, `Operation timed out after ${elapsedMs()} milliseconds with ${body}${of} bytes received`);
  }
  if (r === 'ECONNRESET') return fail(56, 'Recv failure: Connection reset by peer');
  if (r !== 'ok' && r !== 'eof') return fail(56, `Recv failure: ${ERRNO_TEXT[r]}`);
  if (data.length === 0) return fail(52, 'Empty reply from server');
  if (resp === null) return fail(1, 'Received HTTP/0.9 when not allowed');
  verbose(resp.head.split(/(?<=\n)/).map((l) => `< ${l}`).join(''));
  const bodyBytes = data.subarray(resp.bodyStart, resp.contentLength !== null ? resp.bodyStart + resp.contentLength : data.length);
  if (!headOnly && resp.contentLength !== null && bodyBytes.length < resp.contentLength) {
    return fail(18, `transfer closed with ${resp.contentLength - bodyBytes.length} bytes remaining to read`);
  }
  if (o.fail && resp.status >= 400) return fail(22, `The requested URL returned error: ${resp.status}`);

  const out = (o.include || headOnly ? resp.head : '') + (headOnly ? '' : decodeText(bodyBytes));
  if (o.output !== null) {
    if (o.output !== '/dev/null') ctx.fs.write(o.output, out);
  } else ctx.out(out);
  if (meter) ctx.err(meterLine(resp.contentLength, headOnly ? 0 : bodyBytes.length, k.now - start) + '\n');
  const keep = headerValue(resp.headers, 'connection')?.toLowerCase() !== 'close';
  verbose(keep ? `* Connection #0 to host ${url.host} left intact\n` : '* Closing connection 0\n');
  if (o.writeOut !== null) ctx.out(writeOut(o.writeOut, resp, bodyBytes.length, ip));
  return 0;
}

/** The few -w variables scripts use most. */
function writeOut(fmt: string, resp: ParsedResponse, size: number, ip: string): string {
  return fmt
    .replace(/%\{http_code\}|%\{response_code\}/g, String(resp.status).padStart(3, '0'))
    .replace(/%\{size_download\}/g, String(size))
    .replace(/%\{remote_ip\}/g, ip)
    .replace(/\\n/g, '\n');
}
