import { describe, expect, it } from 'vitest';
import { SEC } from '../../../src/engine/sim/scheduler.ts';
import { aRecord, DnsRcode, DnsType, type DnsMessage } from '../../../src/engine/wire/dns.ts';
import { startDnsServer } from '../../../src/shell/apps/dns-server.ts';
import {
  formatAccessLog,
  nginxErrorPage,
  nginxFileResponse,
  nginxWelcomePage,
  serializeResponse,
} from '../../../src/shell/apps/http-server.ts';
import { dnsExchange, type ExchangeOutcome, parseResolvConf, searchCandidates } from '../../../src/shell/apps/resolver.ts';
import { TcpSession } from '../../../src/shell/apps/http-client.ts';
import type { NetNs } from '../../../src/engine/net/netns.ts';
import { buildWorld, ip, type World } from './world.ts';

/** One query from the client namespace, run to its end in virtual time. */
function ask(w: World, server: string, name: string, port = 53): ExchangeOutcome {
  const got: ExchangeOutcome[] = [];
  dnsExchange({ kernel: w.sh.kernel, ns: w.client, fs: w.hostFs }, [{ name, type: DnsType.A }], { server: ip(server), port, tries: 1, tryTimeout: 10 * SEC, icmpEndsTry: true }, (o) => got.push(...o));
  w.sh.kernel.sched.runUntil(w.sh.kernel.now + 20 * SEC, () => got.length > 0);
  if (got.length === 0) throw new Error('no outcome');
  return got[0];
}

function nsOf(w: World, name: string): NetNs {
  const ns = w.sh.kernel.netns.get(name);
  if (!ns) throw new Error(name);
  return ns;
}

function reply(o: ExchangeOutcome): DnsMessage {
  if (o.kind !== 'reply') throw new Error(o.kind);
  return o.msg;
}

describe('startDnsServer', () => {
  it('answers like Docker: RA set, not authoritative, TTL 600, question echoed', () => {
    const w = buildWorld();
    const m = reply(ask(w, '10.0.0.53', 'WEB'));
    expect(m.header).toMatchObject({ qr: true, rd: true, ra: true, aa: false, rcode: 0 });
    expect(m.questions).toEqual([{ name: 'WEB', type: DnsType.A, class: 1 }]);
    expect(m.answers).toEqual([aRecord('WEB', ip('10.0.0.80'))]);
    expect(w.dns.log.at(-1)).toMatchObject({ name: 'WEB', type: 'A', from: ip('10.0.0.10'), answer: 'A 10.0.0.80' });
  });

  it('a forward with no upstream answer turns into SERVFAIL after 4 s', () => {
    const w = buildWorld();
    const s = startDnsServer(nsOf(w, 'dns'), { addr: ip('10.0.0.53'), port: 5353, answer: () => ({ kind: 'forward', server: ip('10.0.0.80') }) });
    // 10.0.0.80 has no DNS server: port unreachable comes back and fails the forward at once.
    expect(reply(ask(w, '10.0.0.53', 'x', 5353)).header.rcode).toBe(DnsRcode.SERVFAIL);
    expect(s?.log[0].answer).toBe('SERVFAIL (10.0.0.80 refused)');
    // A silent upstream (routed into a box that drops it): SERVFAIL when Docker's 4 s run out.
    w.sh.run('ip -n dns route add 10.0.0.99/32 via 10.0.0.80');
    const s2 = startDnsServer(nsOf(w, 'dns'), { addr: ip('10.0.0.53'), port: 5354, answer: () => ({ kind: 'forward', server: ip('10.0.0.99') }) });
    const t0 = w.sh.kernel.now;
    expect(reply(ask(w, '10.0.0.53', 'x', 5354)).header.rcode).toBe(DnsRcode.SERVFAIL);
    expect(w.sh.kernel.now - t0).toBeGreaterThanOrEqual(4 * SEC);
    expect(s2?.log[0].answer).toBe('SERVFAIL (no answer from 10.0.0.99)');
  });

  it('trims answers that do not fit 512 bytes and sets TC', () => {
    const w = buildWorld();
    const many = Array.from({ length: 40 }, (_, i) => aRecord('svc', ip(`10.1.0.${i + 1}`)));
    startDnsServer(nsOf(w, 'dns'), { addr: ip('10.0.0.53'), port: 5355, answer: () => ({ kind: 'records', records: many }) });
    const o = ask(w, '10.0.0.53', 'svc', 5355);
    const m = reply(o);
    expect(m.header.tc).toBe(true);
    // 12 + 9 bytes of header and question, 19 per uncompressed "svc" A record: 25 fit.
    expect(m.answers.length).toBe(25);
    expect(o.kind === 'reply' && o.length).toBe(496);
  });

  it('stop() frees the port: queries then get port unreachable', () => {
    const w = buildWorld();
    w.dns.stop();
    expect(ask(w, '10.0.0.53', 'web').kind).toBe('refused');
    // Port 53 in `up` is still the upstream server's.
    expect(startDnsServer(nsOf(w, 'up'), { addr: ip('10.0.0.54'), answer: () => ({ kind: 'nxdomain' }) })).toBeNull();
  });
});

describe('HTTP server pieces', () => {
  it('nginx\'s welcome page is 615 bytes, its 404 page 153 (as nginx 1.22.1 sends them)', () => {
    expect(new TextEncoder().encode(nginxWelcomePage()).length).toBe(615);
    expect(nginxErrorPage(404, '1.22.1').length).toBe(153);
  });

  it('ETag and Last-Modified follow nginx (captured: "634faf0c-267" for a 615-byte file of 2022-10-19 08:02:20)', () => {
    const w = buildWorld();
    const r = nginxFileResponse(w.sh.kernel, nginxWelcomePage(), { mtimeS: 1666166540, version: '1.22.1' });
    expect(r.headers).toContainEqual(['ETag', '"634faf0c-267"']);
    expect(r.headers).toContainEqual(['Last-Modified', 'Wed, 19 Oct 2022 08:02:20 GMT']);
  });

  it('access-log line in the official image\'s format, dated from the simulated clock', () => {
    const line = formatAccessLog({ t: 1.5 * SEC, remote: ip('172.17.0.1'), method: 'GET', target: '/', version: 'HTTP/1.1', status: 200, bytes: 615, referer: null, userAgent: 'curl/7.88.1', forwardedFor: null });
    expect(line).toBe('172.17.0.1 - - [28/Nov/2026:00:00:01 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"');
  });

  it('HEAD gets GET\'s headers without the body', () => {
    const { bytes, bodyBytes } = serializeResponse({ status: 200, headers: [['Content-Type', 'text/plain']], body: 'hello' }, true);
    expect(new TextDecoder().decode(bytes)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n');
    expect(bodyBytes).toBe(0);
  });

  it('a request line that is not HTTP gets nginx\'s 400 and the connection closes', () => {
    const w = buildWorld();
    const s = TcpSession.open({ kernel: w.sh.kernel, ns: w.client, fs: w.hostFs }, ip('10.0.0.80'), 80);
    if (typeof s === 'string') throw new Error(s);
    expect(s.waitConnected(w.sh.kernel.now + SEC)).toBe('connected');
    s.write(new TextEncoder().encode('hello\r\n\r\n'));
    expect(s.readUntil(() => false, w.sh.kernel.now + SEC)).toBe('eof');
    expect(new TextDecoder().decode(s.bytes())).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(w.http.log[0]).toMatchObject({ status: 400, method: '-' });
  });
});

describe('resolv.conf', () => {
  it('parses nameservers, search, options; the last search line wins', () => {
    const c = parseResolvConf('# Generated by Docker\nnameserver 127.0.0.11\nnameserver ::1\nsearch a.example b.example\noptions ndots:0 timeout:2 attempts:3\n');
    expect(c).toEqual({ nameservers: [ip('127.0.0.11')], search: ['a.example', 'b.example'], ndots: 0, timeout: 2, attempts: 3 });
    expect(parseResolvConf('search x\ndomain y\n').search).toEqual(['y']);
  });

  it('candidate names: glibc and musl', () => {
    const c = parseResolvConf('search corp.example\n');
    expect(searchCandidates('web', c, 'glibc')).toEqual(['web.corp.example', 'web']);
    expect(searchCandidates('a.b', c, 'glibc')).toEqual(['a.b', 'a.b.corp.example']);
    expect(searchCandidates('a.b', c, 'musl')).toEqual(['a.b']);
    expect(searchCandidates('web.', c, 'glibc')).toEqual(['web']);
    // Docker writes ndots:0: a bare name is tried as is first.
    expect(searchCandidates('web', { ...c, ndots: 0 }, 'glibc')).toEqual(['web', 'web.corp.example']);
  });
});
