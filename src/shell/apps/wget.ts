/**
 * wget in the two flavours people meet: BusyBox's (what `docker exec` shows in Alpine and
 * busybox images, picked when the filesystem has /bin/busybox) and GNU Wget 1.21 (Debian).
 * Both fetch one http:// URL over the simulated TCP stack; texts and exit codes are the real
 * programs', checked against BusyBox 1.35 and GNU Wget 1.21.3 on a terminal.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '../../engine/addr/ipv4.ts';
import { type Nanos, SEC } from '../../engine/sim/scheduler.ts';
import type { Command, CommandContext } from '../context.ts';
import { isoSeconds, simDate } from './clock.ts';
import {
  decodeText,
  ERRNO_TEXT,
  headerValue,
  parseResponseHead,
  parseUrl,
  responseComplete,
  TcpSession,
  type ParsedResponse,
  type Url,
} from './http-client.ts';
import { gaiError, isBusybox, resolveHost } from './resolver.ts';

export const wgetCommand: Command = (ctx, argv) => (isBusybox(ctx.fs) ? busyboxWget(ctx, argv) : gnuWget(ctx, argv));

/** Relative paths are taken from the root directory: the simulated shell has no cwd. */
function absPath(p: string): string {
  return p.startsWith('/') ? p : `/${p}`;
}

function basename(path: string): string {
  const clean = path.split(/[?#]/)[0];
  const b = clean.slice(clean.lastIndexOf('/') + 1);
  return b === '' ? 'index.html' : b;
}

interface Fetched {
  resp: ParsedResponse;
  body: Uint8Array;
  /** When the first and last body bytes arrived, for the transfer rate. */
  elapsed: Nanos;
}

type FetchFailure =
  | { kind: 'connect'; errno: string; timedOut: boolean }
  | { kind: 'read-timeout' }
  | { kind: 'closed' };

/** Connect, send `request`, read the response until complete or EOF. */
function exchange(ctx: CommandContext, addr: Ipv4, port: number, request: string, timeout: Nanos | null): Fetched | FetchFailure {
  const k = ctx.kernel;
  const s = TcpSession.open(ctx, addr, port);
  if (typeof s === 'string') return { kind: 'connect', errno: ERRNO_TEXT[s], timedOut: false };
  // Without a timeout the kernel's SYN retries decide; the bound only guards the loop.
  const c = s.waitConnected(k.now + (timeout ?? 3600 * SEC));
  if (c === 'deadline') return { kind: 'connect', errno: ERRNO_TEXT.ETIMEDOUT, timedOut: true };
  if (c !== 'connected') return { kind: 'connect', errno: ERRNO_TEXT[c], timedOut: c === 'ETIMEDOUT' };
  s.write(new TextEncoder().encode(request));
  const head = request.startsWith('HEAD ');
  let firstData: Nanos | null = null;
  const r = s.readUntil((d) => {
    if (firstData === null && d.length > 0) firstData = k.now;
    return responseComplete(d, head);
  }, k.now + (timeout ?? 900 * SEC));
  s.close();
  const data = s.bytes();
  const resp = parseResponseHead(data);
  if (r === 'deadline') return { kind: 'read-timeout' };
  if (!resp) return { kind: 'closed' };
  const end = resp.contentLength !== null ? resp.bodyStart + resp.contentLength : data.length;
  return { resp, body: data.subarray(resp.bodyStart, end), elapsed: firstData === null ? 0 : k.now - firstData };
}

// ---------------------------------------------------------------- BusyBox

const BB_USAGE = `BusyBox v1.36.1 multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
\t[--post-data STR | --post-file FILE] [-Y on/off]
\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

\t--spider\tOnly check URL existence: $? is 0 if exists
\t--header STR\tAdd STR (of form 'header: value') to headers
\t--post-data STR\tSend STR using POST method
\t--post-file FILE\tSend FILE using POST method
\t--no-check-certificate\tDon't validate the server's certificate
\t-c\t\tContinue retrieval of aborted transfer
\t-q\t\tQuiet
\t-P DIR\t\tSave to DIR (default .)
\t-S    \t\tShow server response
\t-T SEC\t\tNetwork read timeout is SEC seconds
\t-O FILE\t\tSave to FILE ('-' for stdout)
\t-o LOGFILE\tLog messages to FILE
\t-U STR\t\tUse STR for User-Agent header
\t-Y on/off\tUse proxy
`;

/** BusyBox's progress bar at the end of a transfer, on an 80-column terminal. */
export function busyboxProgress(name: string, size: number, elapsed: Nanos): string {
  let n = size;
  let unit = 0;
  while (n >= 100000) {
    unit++;
    n = Math.floor(n / 1024);
  }
  const secs = Math.floor(elapsed / SEC);
  const hms = `${String(Math.floor(secs / 3600)).padStart(2)}:${String(Math.floor((secs % 3600) / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}|${String(n).padStart(6)}${' kMGTPEZY'[unit]}${hms} ETA\n`;
}

function busyboxWget(ctx: CommandContext, argv: string[]): number {
  let quiet = false;
  let showHeaders = false;
  let output: string | null = null;
  let timeout: number | null = null;
  let agent = 'Wget';
  let urlText: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--spider' || a === '--no-check-certificate') continue;
    if (!a.startsWith('-') || a === '-') {
      urlText ??= a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if ('OTUPYo'.includes(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) {
          ctx.err(`wget: option requires an argument -- '${f}'\n${BB_USAGE}`);
          return 1;
        }
        if (f === 'O') output = v;
        else if (f === 'U') agent = v;
        else if (f === 'T') {
          if (!/^\d+$/.test(v)) {
            ctx.err(`wget: invalid number '${v}'\n`);
            return 1;
          }
          timeout = Number(v);
        }
        break;
      }
      if (f === 'q') quiet = true;
      else if (f === 'S') showHeaders = true;
      else if (f === 'c') continue;
      else {
        ctx.err(`wget: invalid option -- '${f}'\n${BB_USAGE}`);
        return 1;
      }
    }
  }
  if (urlText === null) {
    ctx.err(BB_USAGE);
    return 1;
  }
  const url = parseUrl(urlText);
  if (url === null || url.scheme !== 'http') {
    ctx.err(url === null ? `wget: bad address '${urlText}'\n` : `wget: not an http or ftp url: ${url.scheme}\n`);
    return 1;
  }
  const hostPort = url.explicitPort ? `${url.host}:${url.port}` : url.host;
  let addr = parseIpv4(url.host);
  if (addr === null) {
    const r = resolveHost(ctx, url.host);
    if (r === null || !r.ok) {
      ctx.err(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    addr = r.addresses[0];
  }
  const ip = formatIpv4(addr);
  if (!quiet) ctx.err(`Connecting to ${hostPort} (${ip}:${url.port})\n`);
  // BusyBox sends the host as written in the URL, ":80" included.
  const request = `GET ${url.path} HTTP/1.1\r\nHost: ${hostPort}\r\nUser-Agent: ${agent}\r\nConnection: close\r\n\r\n`;
  const got = exchange(ctx, addr, url.port, request, timeout !== null ? timeout * SEC : null);
  if ('kind' in got) {
    if (got.kind === 'connect') {
      // -T arms an alarm around connect(): it fires before the kernel gives up.
      if (got.timedOut && timeout !== null) ctx.err('wget: download timed out\n');
      else ctx.err(`wget: can't connect to remote host (${ip}): ${got.errno}\n`);
    } else if (got.kind === 'read-timeout') ctx.err('wget: download timed out\n');
    else ctx.err('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  const { resp, body } = got;
  const statusLine = resp.head.split(/\r?\n/)[0];
  if (showHeaders) ctx.err(resp.head.split(/\r?\n/).filter((l) => l !== '').map((l) => `  ${l}\n`).join(''));
  if (resp.status < 200 || resp.status > 299) {
    ctx.err(`wget: server returned error: ${statusLine}\n`);
    return 1;
  }
  const toStdout = output === '-';
  const file = toStdout ? null : absPath(output ?? basename(url.path));
  // Without -O, BusyBox opens the file with O_EXCL: it will not overwrite.
  if (file !== null && output === null && ctx.fs.exists(file)) {
    ctx.err(`wget: can't open '${output ?? basename(url.path)}': File exists\n`);
    return 1;
  }
  const shown = output ?? basename(url.path);
  if (!quiet) ctx.err(toStdout ? 'writing to stdout\n' : `saving to '${shown}'\n`);
  if (toStdout) ctx.out(decodeText(body));
  else if (file !== null && file !== '/dev/null') ctx.fs.write(file, body.slice());
  if (!quiet) {
    ctx.err(busyboxProgress(toStdout ? '-' : basename(shown), body.length, got.elapsed));
    ctx.err(toStdout ? 'written to stdout\n' : `'${shown}' saved\n`);
  }
  return 0;
}

// ---------------------------------------------------------------- GNU Wget

const GNU_USAGE = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";

/** wget's human_readable(n, 1000, 2) as its progress bar uses it. */
function humanReadable(n: number): string {
  if (n < 1024) return String(n);
  const powers = 'KMGTPEZY';
  let v = n;
  for (let i = 0; i < powers.length; i++) {
    if (v / 1024 < 1024 || i === powers.length - 1) {
      const val = v / 1024;
      return `${val < 1000 ? val.toFixed(2) : val.toFixed(0)}${powers[i]}`;
    }
    v = Math.floor(v / 1024);
  }
  return String(n);
}

/** wget's retr_rate(): "203 MB/s", with its timer granularity standing in for a zero interval. */
function rate(bytes: number, elapsed: Nanos): string {
  const secs = Math.max(elapsed / SEC, 1e-6);
  let r = bytes / secs;
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s'];
  let u = 0;
  while (r >= 1024 && u < units.length - 1) {
    r /= 1024;
    u++;
  }
  const digits = r >= 99.95 ? 0 : r >= 9.995 ? 1 : 2;
  return `${r.toFixed(digits)} ${units[u]}`;
}

/** The bar wget leaves on an 80-column terminal when a transfer ends within a second. */
export function gnuProgressBar(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)}100%[===================>]${humanReadable(size).padStart(8)}  --.-KB/s    in 0s      \n`;
}

function gnuWget(ctx: CommandContext, argv: string[]): number {
  let quiet = false;
  let output: string | null = null;
  let timeout: number | null = null;
  let tries = 20;
  let urlText: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      urlText ??= a;
      continue;
    }
    const long: Record<string, string> = { '--quiet': 'q', '--output-document': 'O', '--timeout': 'T', '--tries': 't' };
    const eq = a.indexOf('=');
    if (a.startsWith('--')) {
      const name = eq > 0 ? a.slice(0, eq) : a;
      const f = long[name];
      if (f === undefined) {
        ctx.err(`wget: unrecognized option '${a}'\n${GNU_USAGE}`);
        return 2;
      }
      const v = f === 'q' ? '' : eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) {
        ctx.err(`wget: option '${name}' requires an argument\n${GNU_USAGE}`);
        return 2;
      }
      if (f === 'q') quiet = true;
      else if (f === 'O') output = v;
      else if (f === 'T') timeout = Number(v);
      else tries = Number(v) === 0 ? Infinity : Number(v);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if ('OTt'.includes(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) {
          ctx.err(`wget: option requires an argument -- '${f}'\n${GNU_USAGE}`);
          return 2;
        }
        if (f === 'O') output = v;
        else if (!/^\d+(\.\d+)?$/.test(v)) {
          ctx.err(`wget: ${f === 'T' ? '--timeout' : '--tries'}: Invalid number ‘${v}’.\n`);
          return 2;
        } else if (f === 'T') timeout = Number(v);
        else tries = Number(v) === 0 ? Infinity : Number(v);
        break;
      }
      if (f === 'q') quiet = true;
      else {
        ctx.err(`wget: invalid option -- '${f}'\n${GNU_USAGE}`);
        return 2;
      }
    }
  }
  if (urlText === null) {
    ctx.err(`wget: missing URL\n${GNU_USAGE}`);
    return 1;
  }
  const url = parseUrl(urlText);
  const say = (s: string): void => {
    if (!quiet) ctx.err(s);
  };
  if (url === null || url.scheme !== 'http') {
    ctx.err(`${url === null ? `${urlText}: Invalid host name.` : `Unsupported scheme ‘${url.scheme}’.`}\n`);
    return 1;
  }
  const full = `http://${url.host}${url.explicitPort ? `:${url.port}` : ''}${url.path}`;
  say(`--${isoSeconds(simDate(ctx.kernel))}--  ${full}\n`);
  let addr = parseIpv4(url.host);
  if (addr === null) {
    say(`Resolving ${url.host} (${url.host})... `);
    const r = resolveHost(ctx, url.host);
    if (r === null || !r.ok) {
      say(`failed: ${gaiError(r === null ? 'timeout' : r.error)}.\n`);
      ctx.err(`wget: unable to resolve host address ‘${url.host}’\n`);
      return 4;
    }
    addr = r.addresses[0];
    say(`${r.addresses.map(formatIpv4).join(', ')}\n`);
  }
  return gnuTransfer(ctx, url, addr, full, { quiet, output, timeout, tries });
}

function gnuTransfer(ctx: CommandContext, url: Url, addr: Ipv4, full: string, o: { quiet: boolean; output: string | null; timeout: number | null; tries: number }): number {
  const say = (s: string): void => {
    if (!o.quiet) ctx.err(s);
  };
  const ip = formatIpv4(addr);
  const target = parseIpv4(url.host) !== null ? `${ip}:${url.port}` : `${url.host} (${url.host})|${ip}|:${url.port}`;
  const request = `GET ${url.path} HTTP/1.1\r\nHost: ${url.port !== 80 ? `${url.host}:${url.port}` : url.host}\r\nUser-Agent: Wget/1.21.3\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n\r\n`;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) say(`--${isoSeconds(simDate(ctx.kernel))}--  (try:${String(attempt).padStart(2)})  ${full}\n`);
    say(`Connecting to ${target}... `);
    const got = exchange(ctx, addr, url.port, request, o.timeout !== null ? o.timeout * SEC : null);
    if ('kind' in got) {
      if (got.kind === 'connect') say(`failed: ${got.errno}.\n`);
      else say(got.kind === 'read-timeout' ? 'connected.\nHTTP request sent, awaiting response... Read error (Connection timed out) in headers.\n' : 'connected.\nHTTP request sent, awaiting response... No data received.\n');
      // Only timeouts are worth another try; a refused or unroutable connection is final.
      const retry = got.kind !== 'connect' || got.timedOut;
      if (!retry) return 4;
      if (attempt >= o.tries) {
        say('Giving up.\n\n');
        return 4;
      }
      say('Retrying.\n\n');
      continue;
    }
    say('connected.\n');
    const { resp, body } = got;
    say(`HTTP request sent, awaiting response... ${resp.status} ${resp.reason}\n`);
    if (resp.status >= 400) {
      say(`${isoSeconds(simDate(ctx.kernel))} ERROR ${resp.status}: ${resp.reason}.\n\n`);
      return 8;
    }
    const type = headerValue(resp.headers, 'content-type');
    say(resp.contentLength !== null ? `Length: ${resp.contentLength}${type ? ` [${type}]` : ''}\n` : `Length: unspecified${type ? ` [${type}]` : ''}\n`);
    const toStdout = o.output === '-';
    let name = o.output ?? basename(url.path);
    if (o.output === null) {
      // GNU Wget never clobbers: the next free name.N.
      let n = 0;
      while (ctx.fs.exists(absPath(n === 0 ? name : `${name}.${n}`))) n++;
      if (n > 0) name = `${name}.${n}`;
    }
    say(`Saving to: ‘${toStdout ? 'STDOUT' : name}’\n\n`);
    if (toStdout) ctx.out(decodeText(body));
    else if (absPath(name) !== '/dev/null') ctx.fs.write(absPath(name), body.slice());
    say(gnuProgressBar(toStdout ? '-' : name, body.length));
    const size = resp.contentLength !== null ? `[${body.length}/${resp.contentLength}]` : `[${body.length}]`;
    say(`\n${isoSeconds(simDate(ctx.kernel))} (${rate(body.length, got.elapsed)}) - ${toStdout ? 'written to stdout' : `‘${name}’ saved`} ${size}\n\n`);
    return 0;
  }
}
