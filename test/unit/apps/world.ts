/**
 * A small network built with the shell, as a person would type it: a bridge in `sw` joining
 *
 *   client 10.0.0.10   the programs under test
 *   dns    10.0.0.53   a DNS server that knows `web` and forwards everything else
 *   up     10.0.0.54   the upstream server: www.example.com (a CNAME) and db.example.com
 *   web    10.0.0.80   nginx's default site on port 80
 *
 * `hostFs` is the host's filesystem (what `ip netns exec client ...` sees), pointed at the
 * DNS server; `alpineFs` is a BusyBox container's.
 */
import { expect } from 'vitest';
import { type Ipv4, parseIpv4 } from '../../../src/engine/addr/ipv4.ts';
import { Kernel } from '../../../src/engine/net/kernel.ts';
import type { NetNs } from '../../../src/engine/net/netns.ts';
import { aRecord, cnameRecord, DnsType, ptrRecord, reverseName } from '../../../src/engine/wire/dns.ts';
import { type DnsServer, startDnsServer } from '../../../src/shell/apps/dns-server.ts';
import { type HttpServer, nginxDefaultSite, startHttpServer } from '../../../src/shell/apps/http-server.ts';
import { FileSystem, hostFileSystem } from '../../../src/shell/fs.ts';
import { Shell, type ShellResult } from '../../../src/shell/shell.ts';

export function ip(text: string): Ipv4 {
  const a = parseIpv4(text);
  if (a === null) throw new Error(text);
  return a;
}

export interface World {
  sh: Shell;
  client: NetNs;
  hostFs: FileSystem;
  alpineFs: FileSystem;
  dns: DnsServer;
  upstream: DnsServer;
  http: HttpServer;
  /** Runs a line in the client namespace with the host's filesystem. */
  run(line: string): ShellResult;
  /** Runs a line in the client namespace as a BusyBox container would. */
  alpine(line: string): ShellResult;
}

export function buildWorld(): World {
  const sh = new Shell(new Kernel(7));
  const cmds = ['ip netns add sw', 'ip -n sw link add br0 type bridge', 'ip -n sw link set br0 up'];
  const hosts: [string, string][] = [['client', '10.0.0.10'], ['dns', '10.0.0.53'], ['up', '10.0.0.54'], ['web', '10.0.0.80']];
  for (const [n, a] of hosts) {
    cmds.push(
      `ip netns add ${n}`,
      `ip -n sw link add p-${n} type veth peer name eth0 netns ${n}`,
      `ip -n sw link set p-${n} master br0`,
      `ip -n sw link set p-${n} up`,
      `ip -n ${n} addr add ${a}/24 dev eth0`,
      `ip -n ${n} link set eth0 up`,
      `ip -n ${n} link set lo up`,
    );
  }
  for (const c of cmds) expect(sh.run(c).exitCode, c).toBe(0);
  const ns = (n: string): NetNs => {
    const x = sh.kernel.netns.get(n);
    if (!x) throw new Error(n);
    return x;
  };
  const web = ip('10.0.0.80');
  // Docker's embedded DNS in miniature: its own names, NODATA for their AAAA, the rest upstream.
  const dns = startDnsServer(ns('dns'), {
    addr: ip('10.0.0.53'),
    answer: (name, qtype) => {
      const n = name.toLowerCase();
      if (n === 'web') return { kind: 'records', records: qtype === DnsType.A ? [aRecord(name, web)] : [] };
      if (n === reverseName(web)) return { kind: 'records', records: qtype === DnsType.PTR ? [ptrRecord(name, 'web.testnet')] : [] };
      return { kind: 'forward', server: ip('10.0.0.54') };
    },
  });
  const upstream = startDnsServer(ns('up'), {
    addr: ip('10.0.0.54'),
    compress: true,
    answer: (name, qtype) => {
      const n = name.toLowerCase();
      if (n === 'www.example.com') return { kind: 'records', records: [cnameRecord(name, 'db.example.com', 300), ...(qtype === DnsType.A ? [aRecord('db.example.com', web, 300)] : [])] };
      if (n === 'db.example.com') return { kind: 'records', records: qtype === DnsType.A ? [aRecord(name, web, 300)] : [] };
      return { kind: 'nxdomain' };
    },
  });
  const http = startHttpServer(ns('web'), { port: 80, respond: nginxDefaultSite(sh.kernel, '1.22.1') });
  if (!dns || !upstream || !http) throw new Error('servers');
  const hostFs = hostFileSystem(sh.kernel);
  hostFs.write('/etc/resolv.conf', 'nameserver 10.0.0.53\n');
  const alpineFs = new FileSystem();
  alpineFs.write('/bin/busybox', '');
  alpineFs.write('/etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.0.10\tclient\n');
  alpineFs.write('/etc/resolv.conf', 'nameserver 10.0.0.53\noptions ndots:0\n');
  const client = ns('client');
  return {
    sh,
    client,
    hostFs,
    alpineFs,
    dns,
    upstream,
    http,
    run: (line) => sh.run(line, client, hostFs),
    alpine: (line) => sh.run(line, client, alpineFs),
  };
}
