import { describe, expect, it } from 'vitest';
import { SEC } from '../../../src/engine/sim/scheduler.ts';
import { aRecord, DnsType, formatDns, parseDns } from '../../../src/engine/wire/dns.ts';
import { startDnsServer } from '../../../src/shell/apps/dns-server.ts';
import { resolveForPing, resolveHost } from '../../../src/shell/apps/resolver.ts';
import { nginxWelcomePage, startHttpServer } from '../../../src/shell/apps/http-server.ts';
import type { CommandContext } from '../../../src/shell/context.ts';
import { buildWorld, ip, type World } from './world.ts';

const PAGE = nginxWelcomePage();

/** Frames seen on the client's eth0, as tcpdump would summarize the UDP/53 and TCP ones. */
function tap(w: World): { dns: string[]; tcpPayloads: number[] } {
  const seen = { dns: [] as string[], tcpPayloads: [] as number[] };
  const dev = w.client.device('eth0');
  if (!dev) throw new Error('eth0');
  w.sh.kernel.captures.add({
    dev,
    onFrame: (f) => {
      if (f[12] !== 0x08 || f[13] !== 0x00) return;
      const l4 = 14 + (f[14] & 0xf) * 4;
      const total = (f[16] << 8) | f[17];
      if (f[23] === 17) {
        const sport = (f[l4] << 8) | f[l4 + 1];
        const dport = (f[l4 + 2] << 8) | f[l4 + 3];
        if (sport !== 53 && dport !== 53) return;
        const payload = f.subarray(l4 + 8, 14 + total);
        const m = parseDns(payload);
        if (typeof m !== 'string') seen.dns.push(formatDns(m, payload.length));
      } else if (f[23] === 6) {
        const doff = (f[l4 + 12] >> 4) * 4;
        const len = 14 + total - l4 - doff;
        if (len > 0) seen.tcpPayloads.push(len);
      }
    },
  });
  return seen;
}

function ctxOf(w: World, fs = w.hostFs): CommandContext {
  return { kernel: w.sh.kernel, ns: w.client, fs, background: false, out: () => undefined, err: () => undefined, exec: () => 0, shell: w.sh };
}

/** Ids are random: "12345+ A? web. (21)" → "ID+ A? web. (21)". */
const noIds = (lines: string[]): string[] => lines.map((l) => l.replace(/^\d+/, 'ID'));

describe('curl', () => {
  it('resolves through the DNS server and prints nginx\'s page', () => {
    const w = buildWorld();
    const wire = tap(w);
    const r = w.run('curl http://web/');
    expect(r).toEqual({ exitCode: 0, output: PAGE });
    // glibc sends A and AAAA back to back; the server answers like Docker: uncompressed (40 bytes), NODATA for AAAA.
    expect(noIds(wire.dns)).toEqual(['ID+ A? web. (21)', 'ID+ AAAA? web. (21)', 'ID 1/0/0 A 10.0.0.80 (40)', 'ID 0/0/0 (21)']);
    expect(w.http.log.map((e) => e.line)).toEqual(['10.0.0.10 - - [28/Nov/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"']);
  });

  it('-i and -I show nginx\'s headers, HEAD logs 0 bytes', () => {
    const w = buildWorld();
    const head =
      'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Sat, 28 Nov 2026 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\n' +
      'Last-Modified: Tue, 26 Nov 2024 15:55:00 GMT\r\nConnection: keep-alive\r\nETag: "6745ef54-267"\r\nAccept-Ranges: bytes\r\n\r\n';
    expect(w.run('curl -i http://web/')).toEqual({ exitCode: 0, output: head + PAGE });
    expect(w.run('curl -I http://web/')).toEqual({ exitCode: 0, output: head });
    expect(w.http.log[1]).toMatchObject({ method: 'HEAD', status: 200, bytes: 0 });
  });

  it('-v traces the exchange as curl 7.88 does on a terminal', () => {
    const w = buildWorld();
    const r = w.run('curl -v http://web/missing');
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(
      '*   Trying 10.0.0.80:80...\n* Connected to web (10.0.0.80) port 80 (#0)\n' +
        '> GET /missing HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n' +
        '< HTTP/1.1 404 Not Found\r\n< Server: nginx/1.22.1\r\n< Date: Sat, 28 Nov 2026 00:00:00 GMT\r\n< Content-Type: text/html\r\n< Content-Length: 153\r\n< Connection: keep-alive\r\n< \r\n' +
        '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n' +
        '* Connection #0 to host web left intact\n',
    );
  });

  it('NXDOMAIN is exit 6, forwarded upstream by the DNS server with the client\'s id', () => {
    const w = buildWorld();
    const wire = tap(w);
    expect(w.run('curl http://nosuch/')).toEqual({ exitCode: 6, output: 'curl: (6) Could not resolve host: nosuch\n' });
    expect(w.run('curl -s http://nosuch/')).toEqual({ exitCode: 6, output: '' });
    expect(w.run('curl -sS http://nosuch/')).toEqual({ exitCode: 6, output: 'curl: (6) Could not resolve host: nosuch\n' });
    const [qa, qaaaa, ra, raaaa] = wire.dns;
    expect(ra.split(' ')[0]).toBe(qa.split('+')[0]);
    expect(raaaa.split(' ')[0]).toBe(qaaaa.split('+')[0]);
    expect(noIds([ra, raaaa])).toEqual(['ID NXDomain 0/0/0 (24)', 'ID NXDomain 0/0/0 (24)']);
    expect(w.dns.log.slice(0, 2).map((e) => `${e.name} ${e.type}: ${e.answer}`)).toEqual(['nosuch A: forwarded to 10.0.0.54: NXDOMAIN', 'nosuch AAAA: forwarded to 10.0.0.54: NXDOMAIN']);
  });

  it('follows a CNAME from upstream', () => {
    const w = buildWorld();
    expect(w.run('curl -s -o /dev/null -w "%{http_code} %{remote_ip}\\n" http://www.example.com/')).toEqual({ exitCode: 0, output: '200 10.0.0.80\n' });
  });

  it('connection refused and unroutable addresses: exit 7 with the host as written', () => {
    const w = buildWorld();
    expect(w.run('curl http://web:8080/')).toEqual({ exitCode: 7, output: "curl: (7) Failed to connect to web port 8080 after 0 ms: Couldn't connect to server\n" });
    expect(w.run('curl -sS http://10.0.0.53/')).toEqual({ exitCode: 7, output: "curl: (7) Failed to connect to 10.0.0.53 port 80 after 0 ms: Couldn't connect to server\n" });
    expect(w.run('curl -v http://192.0.2.1/').output).toBe(
      '*   Trying 192.0.2.1:80...\n* Immediate connect fail for 192.0.2.1: Network is unreachable\n' +
        "* Failed to connect to 192.0.2.1 port 80 after 0 ms: Couldn't connect to server\n* Closing connection 0\n" +
        "curl: (7) Failed to connect to 192.0.2.1 port 80 after 0 ms: Couldn't connect to server\n",
    );
  });

  it('timeouts: --connect-timeout, -m while connecting, the kernel giving up (all exit 28)', () => {
    const w = buildWorld();
    // 10.0.0.99 is routed to the web box, which does not forward: SYNs vanish.
    w.sh.run('ip -n client route add 10.0.0.99/32 via 10.0.0.80');
    expect(w.run('curl --connect-timeout 2 http://10.0.0.99/')).toEqual({ exitCode: 28, output: 'curl: (28) Failed to connect to 10.0.0.99 port 80 after 2000 ms: Timeout was reached\n' });
    expect(w.run('curl -v -m 2 http://10.0.0.99/')).toEqual({
      exitCode: 28,
      output: '*   Trying 10.0.0.99:80...\n* Connection timed out after 2000 milliseconds\n* Closing connection 0\ncurl: (28) Connection timed out after 2000 milliseconds\n',
    });
    const t0 = w.sh.kernel.now;
    expect(w.run('curl -sS http://10.0.0.99/')).toEqual({ exitCode: 28, output: "curl: (28) Failed to connect to 10.0.0.99 port 80 after 127000 ms: Couldn't connect to server\n" });
    expect(w.sh.kernel.now - t0).toBeGreaterThanOrEqual(127 * SEC);
  });

  it('-f fails on 404 with exit 22; -o writes the file and shows the meter', () => {
    const w = buildWorld();
    expect(w.run('curl -f http://web/missing')).toEqual({ exitCode: 22, output: 'curl: (22) The requested URL returned error: 404\n' });
    expect(w.run('curl -sf http://web/missing')).toEqual({ exitCode: 22, output: '' });
    const r = w.run('curl -o /tmp/page.html http://web/');
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n100 {3}615 {2}100 {3}615 {4}0 {5}0 {2}.{5} {6}0 --:--:-- --:--:-- --:--:-- .{5}\n$/);
    expect(w.hostFs.readText('/tmp/page.html')).toBe(PAGE);
    expect(w.run('curl -o /tmp/x http://nosuch/').output).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (6) Could not resolve host: nosuch\n',
    );
  });

  it('usage errors', () => {
    const w = buildWorld();
    expect(w.run('curl')).toEqual({ exitCode: 2, output: "curl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(w.run('curl --bogus http://web/')).toEqual({ exitCode: 2, output: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(w.run('curl -m abc http://web/')).toEqual({ exitCode: 2, output: "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(w.run('curl -sS http://web:99999/')).toEqual({ exitCode: 3, output: 'curl: (3) URL using bad/illegal format or missing URL\n' });
  });

  it('a response larger than the MSS arrives in MSS-sized segments, in order', () => {
    const w = buildWorld();
    const big = 'x'.repeat(4000) + '\n';
    const web = w.sh.kernel.netns.get('web');
    if (!web) throw new Error('web');
    startHttpServer(web, { port: 8000, respond: () => ({ status: 200, headers: [['Content-Type', 'text/plain']], body: big }) });
    const wire = tap(w);
    expect(w.run('curl -s http://10.0.0.80:8000/')).toEqual({ exitCode: 0, output: big });
    // The request (78 bytes), then the response: 67 header bytes + 4001 = 4068 = 1460 + 1460 + 1148.
    expect(wire.tcpPayloads).toEqual([78, 1460, 1460, 1148]);
  });
});

describe('wget', () => {
  it('BusyBox: the output Docker users see', () => {
    const w = buildWorld();
    expect(w.alpine('wget -O - http://web/')).toEqual({
      exitCode: 0,
      output: `Connecting to web (10.0.0.80:80)\nwriting to stdout\n${PAGE}-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`,
    });
    expect(w.alpine('wget -qO- http://web/')).toEqual({ exitCode: 0, output: PAGE });
    expect(w.alpine('wget http://web/')).toEqual({
      exitCode: 0,
      output: "Connecting to web (10.0.0.80:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
    });
    expect(w.alpineFs.readText('/index.html')).toBe(PAGE);
    expect(w.alpine('wget http://web/')).toEqual({ exitCode: 1, output: "Connecting to web (10.0.0.80:80)\nwget: can't open 'index.html': File exists\n" });
    expect(w.http.log.map((e) => e.userAgent)).toEqual(['Wget', 'Wget', 'Wget', 'Wget']);
  });

  it('BusyBox: bad address, refused, 404, -T timeout', () => {
    const w = buildWorld();
    expect(w.alpine('wget http://nosuch/')).toEqual({ exitCode: 1, output: "wget: bad address 'nosuch'\n" });
    expect(w.alpine('wget http://web:8080/')).toEqual({ exitCode: 1, output: "Connecting to web:8080 (10.0.0.80:8080)\nwget: can't connect to remote host (10.0.0.80): Connection refused\n" });
    expect(w.alpine('wget http://web/missing')).toEqual({ exitCode: 1, output: 'Connecting to web (10.0.0.80:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n' });
    expect(w.alpine('wget -q http://web/missing')).toEqual({ exitCode: 1, output: 'wget: server returned error: HTTP/1.1 404 Not Found\n' });
    w.sh.run('ip -n client route add 10.0.0.99/32 via 10.0.0.80');
    expect(w.alpine('wget -T 2 http://10.0.0.99/')).toEqual({ exitCode: 1, output: 'Connecting to 10.0.0.99 (10.0.0.99:80)\nwget: download timed out\n' });
  });

  it('GNU Wget on the host', () => {
    const w = buildWorld();
    const r = w.run('wget http://web/');
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(
      new RegExp(
        '^--2026-11-28 00:00:00--  http://web/\nResolving web \\(web\\)\\.\\.\\. 10\\.0\\.0\\.80\nConnecting to web \\(web\\)\\|10\\.0\\.0\\.80\\|:80\\.\\.\\. connected\\.\n' +
          'HTTP request sent, awaiting response\\.\\.\\. 200 OK\nLength: 615 \\[text/html\\]\nSaving to: ‘index\\.html’\n\n' +
          'index\\.html {10}100%\\[===================>\\] {5}615  --\\.-KB/s    in 0s {6}\n\n' +
          '2026-11-28 00:00:00 \\([\\d.]+ [KMG]?B/s\\) - ‘index\\.html’ saved \\[615/615\\]\n\n$',
      ),
    );
    expect(w.run('wget -q http://web/').exitCode).toBe(0);
    expect(w.hostFs.exists('/index.html.1')).toBe(true);
    expect(w.run('wget http://nosuch/')).toEqual({
      exitCode: 4,
      output: '--2026-11-28 00:00:00--  http://nosuch/\nResolving nosuch (nosuch)... failed: Name or service not known.\nwget: unable to resolve host address ‘nosuch’\n',
    });
    expect(w.run('wget http://web:8080/')).toEqual({
      exitCode: 4,
      output: '--2026-11-28 00:00:00--  http://web:8080/\nResolving web (web)... 10.0.0.80\nConnecting to web (web)|10.0.0.80|:8080... failed: Connection refused.\n',
    });
    expect(w.run('wget http://10.0.0.80/missing')).toEqual({
      exitCode: 8,
      output: '--2026-11-28 00:00:00--  http://10.0.0.80/missing\nConnecting to 10.0.0.80:80... connected.\nHTTP request sent, awaiting response... 404 Not Found\n2026-11-28 00:00:00 ERROR 404: Not Found.\n\n',
    });
  });
});

describe('nslookup', () => {
  it('BusyBox: A and AAAA answers, the AAAA one empty (NODATA)', () => {
    const w = buildWorld();
    expect(w.alpine('nslookup web')).toEqual({
      exitCode: 0,
      output: 'Server:\t\t10.0.0.53\nAddress:\t10.0.0.53:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 10.0.0.80\n\nNon-authoritative answer:\n\n',
    });
    expect(w.alpine('nslookup nosuch')).toEqual({
      exitCode: 1,
      output: "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53:53\n\n** server can't find nosuch: NXDOMAIN\n\n** server can't find nosuch: NXDOMAIN\n\n",
    });
    expect(w.alpine('nslookup www.example.com').output).toBe(
      'Server:\t\t10.0.0.53\nAddress:\t10.0.0.53:53\n\nNon-authoritative answer:\nwww.example.com\tcanonical name = db.example.com\nName:\tdb.example.com\nAddress: 10.0.0.80\n\n' +
        'Non-authoritative answer:\nwww.example.com\tcanonical name = db.example.com\n\n',
    );
    expect(w.alpine('nslookup 10.0.0.80')).toEqual({ exitCode: 0, output: 'Server:\t\t10.0.0.53\nAddress:\t10.0.0.53:53\n\nNon-authoritative answer:\n80.0.0.10.in-addr.arpa\tname = web.testnet\n\n' });
    // An explicit server: the upstream one does not know `web`.
    expect(w.alpine('nslookup web 10.0.0.54').exitCode).toBe(1);
  });

  it('BIND 9 on the host', () => {
    const w = buildWorld();
    expect(w.run('nslookup web')).toEqual({ exitCode: 0, output: 'Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 10.0.0.80\n\n' });
    expect(w.run('nslookup nosuch')).toEqual({ exitCode: 1, output: "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n** server can't find nosuch: NXDOMAIN\n\n" });
    expect(w.run('nslookup www.example.com').output).toBe(
      'Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\nNon-authoritative answer:\nwww.example.com\tcanonical name = db.example.com.\nName:\tdb.example.com\nAddress: 10.0.0.80\n\n',
    );
  });

  it('no DNS server: timeouts as each program words them', () => {
    const w = buildWorld();
    w.sh.run('ip -n client route add 10.0.0.99/32 via 10.0.0.80');
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.99\n');
    w.alpineFs.write('/etc/resolv.conf', 'nameserver 10.0.0.99\n');
    let t0 = w.sh.kernel.now;
    expect(w.alpine('nslookup web')).toEqual({ exitCode: 1, output: ';; connection timed out; no servers could be reached\n\n' });
    // BusyBox: 5 s in all, resending after 2.5 s.
    expect(w.sh.kernel.now - t0).toBeLessThan(5.1 * SEC);
    t0 = w.sh.kernel.now;
    expect(w.run('nslookup web')).toEqual({
      exitCode: 1,
      output: ';; communications error to 10.0.0.99#53: timed out\n'.repeat(3) + ';; no servers could be reached\n\n',
    });
    expect(w.sh.kernel.now - t0).toBeGreaterThanOrEqual(15 * SEC);
  });

  it('a server address where nothing listens (port unreachable)', () => {
    const w = buildWorld();
    w.alpineFs.write('/etc/resolv.conf', 'nameserver 10.0.0.80\n');
    expect(w.alpine('nslookup web')).toEqual({ exitCode: 1, output: "nslookup: write to '10.0.0.80': Connection refused\n;; connection timed out; no servers could be reached\n\n" });
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.80\n');
    expect(w.run('nslookup web').output).toBe(
      ';; communications error to 10.0.0.80#53: timed out\n;; communications error to 10.0.0.80#53: connection refused\n;; communications error to 10.0.0.80#53: connection refused\n;; no servers could be reached\n\n',
    );
  });
});

describe('getent and host', () => {
  it('getent hosts: glibc padding, CNAME as alias, exit 2 when not found', () => {
    const w = buildWorld();
    expect(w.run('getent hosts web')).toEqual({ exitCode: 0, output: '10.0.0.80       web\n' });
    expect(w.run('getent hosts www.example.com')).toEqual({ exitCode: 0, output: '10.0.0.80       db.example.com www.example.com\n' });
    expect(w.run('getent hosts nosuch')).toEqual({ exitCode: 2, output: '' });
    expect(w.run('getent hosts 10.0.0.80')).toEqual({ exitCode: 0, output: '10.0.0.80       web.testnet\n' });
    // The host's /etc/hosts has ::1 for localhost, and AF_INET6 is asked first.
    expect(w.run('getent hosts localhost')).toEqual({ exitCode: 0, output: '::1             localhost ip6-localhost ip6-loopback\n' });
    expect(w.run('getent passwd root')).toEqual({ exitCode: 1, output: "Unknown database: passwd\nTry `getent --help' or `getent --usage' for more information.\n" });
  });

  it('getent asks AAAA then A, one after the other', () => {
    const w = buildWorld();
    const wire = tap(w);
    w.run('getent hosts web');
    expect(noIds(wire.dns)).toEqual(['ID+ AAAA? web. (21)', 'ID 0/0/0 (21)', 'ID+ A? web. (21)', 'ID 1/0/0 A 10.0.0.80 (40)']);
  });

  it('host', () => {
    const w = buildWorld();
    expect(w.run('host web')).toEqual({ exitCode: 0, output: 'web has address 10.0.0.80\n' });
    expect(w.run('host nosuch')).toEqual({ exitCode: 1, output: 'Host nosuch not found: 3(NXDOMAIN)\n' });
    expect(w.run('host www.example.com')).toEqual({ exitCode: 0, output: 'www.example.com is an alias for db.example.com.\ndb.example.com has address 10.0.0.80\n' });
    expect(w.run('host web 10.0.0.53')).toEqual({ exitCode: 0, output: 'Using domain server:\nName: 10.0.0.53\nAddress: 10.0.0.53#53\nAliases: \n\nweb has address 10.0.0.80\n' });
    expect(w.run('host 10.0.0.80')).toEqual({ exitCode: 0, output: '80.0.0.10.in-addr.arpa domain name pointer web.testnet.\n' });
  });
});

describe('the resolver', () => {
  it('a DNS server at 127.0.0.11 inside the client namespace, as Docker puts it', () => {
    const w = buildWorld();
    const dns = startDnsServer(w.client, { addr: ip('127.0.0.11'), answer: (name, qtype) => (name === 'web' ? { kind: 'records', records: qtype === DnsType.A ? [aRecord(name, ip('10.0.0.80'))] : [] } : { kind: 'forward', server: ip('10.0.0.53') }) });
    expect(dns).not.toBeNull();
    w.alpineFs.write('/etc/resolv.conf', 'nameserver 127.0.0.11\noptions ndots:0\n');
    expect(w.alpine('wget -qO- http://web/')).toEqual({ exitCode: 0, output: PAGE });
    expect(w.alpine('nslookup www.example.com').output).toContain('Address: 10.0.0.80\n');
    expect(dns?.log.map((e) => `${e.name} ${e.type}: ${e.answer}`).slice(0, 3)).toEqual(['web A: A 10.0.0.80', 'web AAAA: NODATA', 'www.example.com A: forwarded to 10.0.0.53: CNAME db.example.com., A 10.0.0.80']);
  });

  it('/etc/hosts wins over DNS and sends nothing', () => {
    const w = buildWorld();
    w.hostFs.write('/etc/hosts', '127.0.0.1\tlocalhost\n10.0.0.53\tweb\n');
    const wire = tap(w);
    expect(w.run('curl -s -o /dev/null -w "%{remote_ip}\\n" http://web/')).toEqual({ exitCode: 7, output: '' });
    expect(w.run('getent hosts web')).toEqual({ exitCode: 0, output: '10.0.0.53       web\n' });
    // getent's AF_INET6 pass still asks DNS for AAAA: the file has no IPv6 line for web.
    expect(noIds(wire.dns)).toEqual(['ID+ AAAA? web. (21)', 'ID 0/0/0 (21)']);
  });

  it('IP literals resolve to themselves', () => {
    const w = buildWorld();
    expect(resolveHost(ctxOf(w), '10.1.2.3')).toMatchObject({ ok: true, addresses: [ip('10.1.2.3')], source: 'literal' });
  });

  it('search domains and ndots, glibc order', () => {
    const w = buildWorld();
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.53\nsearch example.com\n');
    const wire = tap(w);
    const r = resolveHost(ctxOf(w), 'db', { qtypes: [DnsType.A] });
    expect(r).toMatchObject({ ok: true, addresses: [ip('10.0.0.80')], name: 'db.example.com' });
    expect(noIds(wire.dns)).toEqual(['ID+ A? db.example.com. (32)', 'ID 1/0/0 A 10.0.0.80 (48)']);
    // "web" with ndots 1 has no dot: the search list first (NXDOMAIN upstream), then as is.
    wire.dns.length = 0;
    expect(resolveHost(ctxOf(w), 'web', { qtypes: [DnsType.A] })).toMatchObject({ ok: true, addresses: [ip('10.0.0.80')] });
    expect(noIds(wire.dns).filter((l) => l.includes('?'))).toEqual(['ID+ A? web.example.com. (33)', 'ID+ A? web. (21)']);
  });

  it('error kinds: NXDOMAIN, timeout, nothing listening', () => {
    const w = buildWorld();
    expect(resolveHost(ctxOf(w), 'nosuch')).toMatchObject({ ok: false, error: 'nxdomain' });
    w.sh.run('ip -n client route add 10.0.0.99/32 via 10.0.0.80');
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.99\n');
    const t0 = w.sh.kernel.now;
    expect(resolveHost(ctxOf(w), 'web')).toMatchObject({ ok: false, error: 'timeout' });
    // glibc: 2 attempts of 5 s.
    expect(w.sh.kernel.now - t0).toBe(10 * SEC);
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.80\n');
    expect(resolveHost(ctxOf(w), 'web')).toMatchObject({ ok: false, error: 'no-server' });
    w.hostFs.write('/etc/resolv.conf', '');
    // No nameserver line: libc asks 127.0.0.1, where nothing listens.
    expect(resolveHost(ctxOf(w), 'web')).toMatchObject({ ok: false, error: 'no-server' });
  });

  it('resolveForPing: iputils and BusyBox wording', () => {
    const w = buildWorld();
    expect(resolveForPing(ctxOf(w), 'web')).toEqual({ ok: ip('10.0.0.80') });
    expect(resolveForPing(ctxOf(w), 'nosuch')).toEqual({ error: 'ping: nosuch: Name or service not known', exitCode: 2 });
    expect(resolveForPing(ctxOf(w, w.alpineFs), 'nosuch')).toEqual({ error: "ping: bad address 'nosuch'", exitCode: 1 });
    w.sh.run('ip -n client route add 10.0.0.99/32 via 10.0.0.80');
    w.hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.99\n');
    expect(resolveForPing(ctxOf(w), 'web')).toEqual({ error: 'ping: web: Temporary failure in name resolution', exitCode: 2 });
  });
});
