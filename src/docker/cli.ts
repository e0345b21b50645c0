import { formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import { formatMac } from '../engine/addr/mac.ts';
import type { Kernel } from '../engine/net/kernel.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { FileSystem, hostFileSystem } from '../shell/fs.ts';
import type { Command, CommandContext } from '../shell/context.ts';
import type { Shell } from '../shell/shell.ts';
import { type ContainerCreateOptions, DockerDaemon, DockerError, dockerTime, humanUp } from './daemon.ts';
import { simDateAt } from '../shell/apps/clock.ts';
import { goTemplate, inspectJson, table } from './format.ts';
import { formatSubnet } from './ipam.ts';
import { swarmOf } from './swarm.ts';
import { compose } from './compose.ts';
import { findService, scale, serviceCreate, serviceRm, servicesOf } from './service.ts';
import { dockerNetnsByKey, formatIngressPorts, ingressSandboxEndpoint, parsePublish } from './ingress.ts';
import { registerNetnsPathResolver } from '../shell/nsenter.ts';
import type { Container, Endpoint, Network } from './model.ts';

const daemons = new WeakMap<NetNs, DockerDaemon>();

/**
 * The Docker daemon of a host (created at its first docker command). A host is the machine's
 * root namespace, or a named namespace a scenario wires up as a second machine.
 */
export function dockerDaemon(shell: Shell, host: NetNs = shell.kernel.root): DockerDaemon {
  let d = daemons.get(host);
  if (!d) {
    d = new DockerDaemon(shell, host, host === shell.kernel.root ? hostFileSystem(shell.kernel) : newHostFs(host));
    daemons.set(host, d);
    registerNetnsPathResolver(shell.kernel, dockerNetnsPath);
  }
  return d;
}

/** /var/run/docker/netns/KEY (a SandboxKey, an overlay's "1-<id>", ingress_sbox) of the host's daemon. */
function dockerNetnsPath(from: NetNs, path: string): NetNs | undefined {
  const m = /^(?:\/var)?\/run\/docker\/netns\/([^/]+)$/.exec(path);
  const d = m ? daemons.get(from) : undefined;
  return d && m ? dockerNetnsByKey(d, m[1]) : undefined;
}

export function existingDaemon(kernel: Kernel, host: NetNs = kernel.root): DockerDaemon | undefined {
  return daemons.get(host);
}

/** Every running daemon of the machine (one per host namespace). */
export function allDaemons(kernel: Kernel): DockerDaemon[] {
  return kernel.allNamespaces().map((ns) => daemons.get(ns)).filter((d): d is DockerDaemon => d !== undefined);
}

function newHostFs(host: NetNs): FileSystem {
  const fs = new FileSystem();
  fs.write('/etc/hostname', `${host.name}\n`);
  fs.write('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${host.name}\n`);
  fs.write('/etc/resolv.conf', 'nameserver 8.8.8.8\n');
  return fs;
}

/** `-H tcp://IP[:PORT]` / `unix://…`: the host whose address it is. */
function hostFromFlag(ctx: CommandContext, value: string): NetNs | null {
  if (value.startsWith('unix://') || value === '') return ctx.kernel.root;
  const m = /^(?:tcp:\/\/|ssh:\/\/(?:[^@]+@)?)?([^:/]+)(?::\d+)?\/?$/.exec(value);
  if (!m) return null;
  const ip = parseIpv4(m[1]);
  const candidates = [ctx.kernel.root, ...ctx.kernel.netns.values()];
  if (ip === null) return ctx.kernel.netns.get(m[1]) ?? null;
  return candidates.find((ns) => ns.isLocalAddr(ip)) ?? null;
}

/** Flags a command takes: names (with aliases) and whether they take a value. */
type FlagSpec = Record<string, { value: boolean; repeat?: boolean; aliases?: string[] }>;

interface Parsed {
  flags: Map<string, string[]>;
  args: string[];
}

class FlagError extends Error {}

/** pflag's parsing: --name=value, --name value, -abc, -p value; stops at the first argument for run/exec. */
function parseFlags(argv: string[], spec: FlagSpec, stopAtArg: boolean): Parsed {
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const byName = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) {
    byName.set(name, name);
    for (const a of s.aliases ?? []) byName.set(a, name);
  }
  const put = (name: string, v: string): void => {
    const list = flags.get(name) ?? [];
    list.push(v);
    flags.set(name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const raw = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const name = byName.get(`--${raw}`);
      if (!name) throw new FlagError(`unknown flag: --${raw}`);
      if (spec[name].value) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: --${raw}`);
        put(name, v);
      } else put(name, eq >= 0 ? a.slice(eq + 1) : 'true');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = byName.get(`-${a[j]}`);
        if (!name) throw new FlagError(`unknown shorthand flag: '${a[j]}' in ${a}`);
        if (spec[name].value) {
          const rest = a.slice(j + 1);
          const v = rest !== '' ? rest.replace(/^=/, '') : argv[++i];
          if (v === undefined) throw new FlagError(`flag needs an argument: '${a[j]}' in -${a[j]}`);
          put(name, v);
          break;
        }
        put(name, 'true');
      }
      continue;
    }
    args.push(a);
    if (stopAtArg) {
      args.push(...argv.slice(i + 1));
      break;
    }
  }
  return { flags, args };
}

const one = (p: Parsed, name: string): string | null => {
  const v = p.flags.get(name);
  return v ? v[v.length - 1] : null;
};
const all = (p: Parsed, name: string): string[] => p.flags.get(name) ?? [];
const has = (p: Parsed, name: string): boolean => p.flags.has(name) && one(p, name) !== 'false';

const RUN_FLAGS: FlagSpec = {
  '--detach': { value: false, aliases: ['-d'] },
  '--interactive': { value: false, aliases: ['-i'] },
  '--tty': { value: false, aliases: ['-t'] },
  '--rm': { value: false },
  '--name': { value: true },
  '--hostname': { value: true, aliases: ['-h'] },
  '--network': { value: true, aliases: ['--net'] },
  '--network-alias': { value: true, aliases: ['--net-alias'] },
  '--ip': { value: true },
  '--publish': { value: true, aliases: ['-p'] },
  '--publish-all': { value: false, aliases: ['-P'] },
  '--link': { value: true },
  '--dns': { value: true },
  '--env': { value: true, aliases: ['-e'] },
  '--restart': { value: true },
  '--volume': { value: true, aliases: ['-v'] },
  '--workdir': { value: true, aliases: ['-w'] },
  '--user': { value: true, aliases: ['-u'] },
  '--cap-add': { value: true },
  '--privileged': { value: false },
  '--label': { value: true, aliases: ['-l'] },
  '--entrypoint': { value: true },
  '--memory': { value: true, aliases: ['-m'] },
  '--platform': { value: true },
  '--pull': { value: true },
};

/** `docker` on the simulated host. */
export const dockerCommand: Command = (ctx, argv) => {
  let args = argv.slice(1);
  let host: NetNs = ctx.ns;
  while (args[0] === '-H' || args[0] === '--host' || args[0]?.startsWith('--host=') || args[0]?.startsWith('-H=')) {
    const value = args[0].includes('=') ? args[0].slice(args[0].indexOf('=') + 1) : (args[1] ?? '');
    args = args.slice(args[0].includes('=') ? 1 : 2);
    const h = hostFromFlag(ctx, value);
    if (!h) {
      ctx.err(`Cannot connect to the Docker daemon at ${value}. Is the docker daemon running?\n`);
      return 1;
    }
    host = h;
  }
  // Inside a container there is no docker.sock to talk to.
  if (host.hidden) {
    ctx.err('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    return 1;
  }
  const d = dockerDaemon(ctx.shell, host);
  const [cmd, ...rest] = args;
  const usage = (sub: string): string => `See 'docker ${sub} --help'.\n`;
  try {
    switch (cmd) {
      case undefined:
      case '--help':
        ctx.out('Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  network     Manage networks\n');
        return 0;
      case 'version':
        ctx.out('Client: Docker Engine - Community\n Version:           27.5.1\n API version:       1.47\n\nServer: Docker Engine - Community\n Engine:\n  Version:          27.5.1\n  API version:      1.47 (minimum version 1.24)\n');
        d.start();
        return 0;
      case 'run':
      case 'create':
        return runOrCreate(ctx, d, cmd, rest);
      case 'start':
      case 'stop':
      case 'restart':
      case 'kill':
        return lifecycle(ctx, d, cmd, rest);
      case 'rm':
        return rm(ctx, d, rest);
      case 'ps':
      case 'container':
        if (cmd === 'container' && rest[0] === 'ls') return ps(ctx, d, rest.slice(1));
        if (cmd === 'container') throw new FlagError(`unknown command: docker container ${rest[0] ?? ''}`);
        return ps(ctx, d, rest);
      case 'inspect':
        return inspect(ctx, d, rest);
      case 'exec':
        return exec(ctx, d, rest);
      case 'logs':
        return logs(ctx, d, rest);
      case 'port':
        return port(ctx, d, rest);
      case 'top':
        return top(ctx, d, rest);
      case 'network':
        return network(ctx, d, rest);
      case 'swarm':
        return swarm(ctx, d, rest);
      case 'compose':
        d.start();
        return compose(ctx, d, rest);
      case 'node':
        return node(ctx, d, rest);
      case 'service':
        return service(ctx, d, rest);
      case 'images':
        d.start();
        ctx.out(table([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']]));
        return 0;
      default:
        ctx.err(`docker: unknown command: docker ${cmd}\n\nRun 'docker --help' for more information\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof FlagError) {
      ctx.err(`${e.message}\n${usage(cmd === 'network' ? `network ${rest[0] ?? ''}`.trim() : (cmd ?? ''))}`);
      return 125;
    }
    if (e instanceof DockerError) {
      if (cmd === 'run' || cmd === 'create') {
        ctx.err(`docker: Error response from daemon: ${e.message}\n\nRun 'docker ${cmd} --help' for more information\n`);
        return 125;
      }
      ctx.err(`Error response from daemon: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
};

function runOrCreate(ctx: CommandContext, d: DockerDaemon, cmd: 'run' | 'create', argv: string[]): number {
  const p = parseFlags(argv, RUN_FLAGS, true);
  const [image, ...command] = p.args;
  if (image === undefined) {
    ctx.err(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\nUsage:  docker ${cmd} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n${cmd === 'run' ? 'Create and run a new container from an image' : 'Create a new container'}\n`);
    return 125;
  }
  const o: ContainerCreateOptions = {
    name: one(p, '--name'),
    image,
    hostname: one(p, '--hostname'),
    network: one(p, '--network'),
    aliases: all(p, '--network-alias'),
    ip: one(p, '--ip'),
    ports: all(p, '--publish'),
    publishAll: has(p, '--publish-all'),
    links: all(p, '--link'),
    dns: all(p, '--dns'),
    env: all(p, '--env'),
    cmd: command,
    autoRemove: has(p, '--rm'),
    interactive: has(p, '--interactive') && has(p, '--tty'),
  };
  if (o.network === 'host' && o.ports.length) ctx.err('WARNING: Published ports are discarded when using host network mode\n');
  const c = d.containerCreate(o);
  if (cmd === 'create') {
    ctx.out(`${c.id}\n`);
    return 0;
  }
  d.containerStart(c);
  if (has(p, '--detach')) {
    ctx.out(`${c.id}\n`);
    return 0;
  }
  if (command.length > 0 && c.state === 'running') {
    // Attached with a command: run it in the container, show its output, then the container exits.
    const r = ctx.shell.run(shellJoin(command), c.ns!, c.fs);
    ctx.out(r.output);
    d.containerStop(c, r.exitCode);
    return r.exitCode;
  }
  return 0;
}

/** Quote words so the shell splits them back the same way. */
export function shellJoin(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function lifecycle(ctx: CommandContext, d: DockerDaemon, cmd: string, argv: string[]): number {
  const p = parseFlags(argv, { '--time': { value: true, aliases: ['-t'] }, '--signal': { value: true, aliases: ['-s'] }, '--attach': { value: false, aliases: ['-a'] }, '--interactive': { value: false, aliases: ['-i'] } }, false);
  if (p.args.length === 0) {
    ctx.err(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n`);
    return 1;
  }
  let code = 0;
  for (const ref of p.args) {
    const c = d.findContainer(ref);
    if (!c) {
      ctx.err(`Error response from daemon: No such container: ${ref}\n`);
      code = 1;
      continue;
    }
    if (cmd === 'start') d.containerStart(c);
    else if (cmd === 'stop') d.containerStop(c, c.image.longRunning ? 0 : 137);
    else if (cmd === 'kill') d.containerStop(c, 137);
    else {
      d.containerStop(c, 0);
      d.containerStart(c);
    }
    ctx.out(`${ref}\n`);
  }
  return code;
}

function rm(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const p = parseFlags(argv, { '--force': { value: false, aliases: ['-f'] }, '--volumes': { value: false, aliases: ['-v'] }, '--link': { value: false, aliases: ['-l'] } }, false);
  let code = 0;
  for (const ref of p.args) {
    const c = d.findContainer(ref);
    if (!c) {
      ctx.err(`Error response from daemon: No such container: ${ref}\n`);
      code = 1;
      continue;
    }
    try {
      d.containerRm(c, has(p, '--force'));
      ctx.out(`${ref}\n`);
    } catch (e) {
      if (!(e instanceof DockerError)) throw e;
      ctx.err(`Error response from daemon: ${e.message}\n`);
      code = 1;
    }
  }
  return code;
}

function portsColumn(c: Container): string {
  const parts: string[] = [];
  for (const b of c.ports) {
    const ip = b.hostIp === null ? '0.0.0.0' : formatIpv4(b.hostIp);
    parts.push(`${ip}:${b.hostPort}->${b.containerPort}/${b.proto}`);
    if (b.hostIp === null) parts.push(`[::]:${b.hostPort}->${b.containerPort}/${b.proto}`);
  }
  if (c.state === 'running') for (const e of c.image.expose) if (!c.ports.some((b) => b.containerPort === e.port && b.proto === e.proto)) parts.push(`${e.port}/${e.proto}`);
  return parts.join(', ');
}

function statusColumn(d: DockerDaemon, c: Container): string {
  if (c.state === 'running') return `Up ${humanUp(d.kernel.now - (c.startedAt ?? 0))}`;
  if (c.state === 'created') return 'Created';
  return `Exited (${c.exitCode}) ${d.ago(c.finishedAt ?? 0)}`;
}

function ps(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const p = parseFlags(argv, { '--all': { value: false, aliases: ['-a'] }, '--quiet': { value: false, aliases: ['-q'] }, '--no-trunc': { value: false }, '--format': { value: true }, '--filter': { value: true, aliases: ['-f'] } }, false);
  d.start();
  const list = [...d.containers.values()].filter((c) => has(p, '--all') || c.state === 'running').reverse();
  if (has(p, '--quiet')) {
    for (const c of list) ctx.out(`${c.id.slice(0, 12)}\n`);
    return 0;
  }
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of list) rows.push([c.id.slice(0, 12), c.imageRef, c.cmd.length ? `"${c.cmd.join(' ')}"`.slice(0, 21) + (c.cmd.join(' ').length > 19 ? '…"' : '') : c.image.cmd, d.ago(c.created), statusColumn(d, c), portsColumn(c), c.name]);
  ctx.out(table(rows));
  return 0;
}

function containerJson(d: DockerDaemon, c: Container): Record<string, unknown> {
  const ports: Record<string, unknown> = {};
  for (const e of c.image.expose) ports[`${e.port}/${e.proto}`] = null;
  for (const b of c.ports) {
    const key = `${b.containerPort}/${b.proto}`;
    const list = (ports[key] as unknown[] | null) ?? [];
    list.push({ HostIp: b.hostIp === null ? '0.0.0.0' : formatIpv4(b.hostIp), HostPort: String(b.hostPort) });
    if (b.hostIp === null) list.push({ HostIp: '::', HostPort: String(b.hostPort) });
    ports[key] = list;
  }
  const networks: Record<string, unknown> = {};
  for (const ep of c.endpoints) {
    const n = ep.network;
    if (ep.hidden) continue;
    networks[n.name] = {
      IPAMConfig: null,
      Links: null,
      Aliases: n.isDefault ? null : ep.aliases.length ? ep.aliases : null,
      MacAddress: endpointMac(ep),
      DriverOpts: null,
      NetworkID: n.id,
      EndpointID: ep.id,
      Gateway: n.gateway === null ? '' : formatIpv4(n.gateway),
      IPAddress: formatIpv4(ep.ip),
      IPPrefixLen: n.subnet?.len ?? 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      DNSNames: n.isDefault ? null : [c.name, ...ep.aliases, c.id.slice(0, 12)],
    };
  }
  const primary = c.endpoints.find((e) => e.network.isDefault);
  return {
    Id: c.id,
    Created: dockerTime(c.created),
    Path: c.cmd[0] ?? c.image.cmd.replace(/"/g, '').split(' ')[0],
    Args: c.cmd.slice(1),
    State: {
      Status: c.state,
      Running: c.state === 'running',
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: c.pid ?? 0,
      ExitCode: c.exitCode,
      Error: '',
      StartedAt: c.startedAt === null ? '0001-01-01T00:00:00Z' : dockerTime(c.startedAt),
      FinishedAt: c.finishedAt === null ? '0001-01-01T00:00:00Z' : dockerTime(c.finishedAt),
    },
    Image: `sha256:${c.id.split('').reverse().join('')}`,
    Name: `/${c.name}`,
    HostConfig: {
      NetworkMode: c.mode.kind === 'host' ? 'host' : c.mode.kind === 'none' ? 'none' : c.mode.kind === 'container' ? `container:${c.mode.of}` : c.mode.network === 'bridge' ? 'bridge' : c.mode.network,
      PortBindings: Object.fromEntries(c.portSpecs.map((b) => [`${b.containerPort}/${b.proto}`, [{ HostIp: b.hostIp === null ? '' : formatIpv4(b.hostIp), HostPort: b.hostPort ? String(b.hostPort) : '' }]])),
      Links: c.links.length ? c.links.map((l) => `/${l.name}:/${c.name}/${l.alias}`) : null,
      Dns: c.dns.map((x) => formatIpv4(x)),
      AutoRemove: c.autoRemove,
      PublishAllPorts: c.publishAll,
    },
    Config: { Hostname: c.hostname, Env: c.env, Cmd: c.cmd.length ? c.cmd : null, Image: c.imageRef, ExposedPorts: Object.fromEntries(c.image.expose.map((e) => [`${e.port}/${e.proto}`, {}])) },
    NetworkSettings: {
      Bridge: '',
      SandboxID: c.pid === null ? '' : c.id.slice(0, 12) + c.id.slice(12, 64),
      SandboxKey: c.pid === null ? '' : `/var/run/docker/netns/${c.id.slice(0, 12)}`,
      Ports: ports,
      Gateway: primary && primary.network.gateway !== null ? formatIpv4(primary.network.gateway) : '',
      IPAddress: primary ? formatIpv4(primary.ip) : '',
      IPPrefixLen: primary?.network.subnet?.len ?? 0,
      MacAddress: primary ? formatMac(primary.mac) : '',
      Networks: networks,
    },
  };
}

/**
 * The endpoint's MAC as inspect shows it: an ipvlan endpoint has none of its own (the driver
 * refuses one; the interface carries its parent's), so the field is empty.
 */
function endpointMac(ep: Endpoint): string {
  return ep.network.driver === 'ipvlan' ? '' : formatMac(ep.mac);
}

function networkJson(d: DockerDaemon, n: Network): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const c of d.containers.values())
    for (const ep of c.endpoints)
      if (ep.network === n)
        containers[c.id] = { Name: c.name, EndpointID: ep.id, MacAddress: endpointMac(ep), IPv4Address: `${formatIpv4(ep.ip)}/${n.subnet?.len ?? 32}`, IPv6Address: '' };
  const lb = n.name === 'ingress' && n.driver === 'overlay' ? ingressSandboxEndpoint(d) : undefined;
  if (lb) containers['ingress-sbox'] = { Name: 'ingress-endpoint', EndpointID: lb.ep.id, MacAddress: formatMac(lb.ep.mac), IPv4Address: `${formatIpv4(lb.ep.ip)}/${n.subnet?.len ?? 32}`, IPv6Address: '' };
  const config = n.subnet
    ? [
        {
          Subnet: formatSubnet(n.subnet),
          ...(n.ipRange ? { IPRange: formatSubnet(n.ipRange) } : {}),
          Gateway: n.gateway === null ? undefined : formatIpv4(n.gateway),
          ...(Object.keys(n.aux).length ? { AuxiliaryAddresses: Object.fromEntries(Object.entries(n.aux).map(([k, v]) => [k, formatIpv4(v)])) } : {}),
        },
      ]
    : [];
  return {
    Name: n.name,
    Id: n.id,
    Created: dockerTime(n.created),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.isDefault ? null : {}, Config: config },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.name === 'ingress' && n.driver === 'overlay',
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: n.options,
    Labels: n.labels,
  };
}

function inspect(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const p = parseFlags(argv, { '--format': { value: true, aliases: ['-f'] }, '--type': { value: true }, '--size': { value: false, aliases: ['-s'] } }, false);
  d.start();
  const out: unknown[] = [];
  let code = 0;
  for (const ref of p.args) {
    const c = one(p, '--type') !== 'network' ? d.findContainer(ref) : null;
    const n = !c && one(p, '--type') !== 'container' ? d.findNetwork(ref) : null;
    if (!c && !n) {
      ctx.err(`Error: No such object: ${ref}\n`);
      code = 1;
      continue;
    }
    out.push(c ? containerJson(d, c) : networkJson(d, n as Network));
  }
  const fmt = one(p, '--format');
  if (fmt !== null) for (const o of out) ctx.out(goTemplate(fmt, o) + '\n');
  else if (out.length || code === 0) ctx.out(inspectJson(out) + '\n');
  return code;
}

function exec(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const p = parseFlags(argv, { '--interactive': { value: false, aliases: ['-i'] }, '--tty': { value: false, aliases: ['-t'] }, '--detach': { value: false, aliases: ['-d'] }, '--env': { value: true, aliases: ['-e'] }, '--workdir': { value: true, aliases: ['-w'] }, '--user': { value: true, aliases: ['-u'] }, '--privileged': { value: false } }, true);
  const [ref, ...command] = p.args;
  if (ref === undefined || command.length === 0) {
    ctx.err(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`);
    return 1;
  }
  const c = d.mustContainer(ref);
  if (c.state !== 'running' || !c.ns) throw new DockerError(`container ${c.id} is not running`);
  const r = ctx.shell.run(shellJoin(command), c.ns, c.fs);
  if (r.exitCode === 127 && /command not found/.test(r.output)) {
    ctx.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown\n`);
    return 127;
  }
  ctx.out(r.output);
  return r.exitCode;
}

function logs(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const p = parseFlags(argv, { '--follow': { value: false, aliases: ['-f'] }, '--tail': { value: true, aliases: ['-n'] }, '--timestamps': { value: false, aliases: ['-t'] } }, false);
  const c = d.mustContainer(p.args[0] ?? '');
  for (const l of c.logs) ctx.out(l.endsWith('\n') ? l : `${l}\n`);
  return 0;
}

/** `docker top CONTAINER`: the daemon runs `ps -ef` and keeps the container's processes. */
function top(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  if (argv.length === 0) {
    ctx.err('"docker top" requires at least 1 argument.\nSee \'docker top --help\'.\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nDisplay the running processes of a container\n');
    return 1;
  }
  const c = d.mustContainer(argv[0]);
  if (c.state !== 'running') throw new DockerError(`container ${c.id} is not running`);
  const start = simDateAt(c.startedAt ?? 0);
  const stime = `${String(start.getUTCHours()).padStart(2, '0')}:${String(start.getUTCMinutes()).padStart(2, '0')}`;
  const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ...c.procs.map((p) => [p.uid, String(p.pid), String(p.ppid), '0', stime, c.interactive ? 'pts/0' : '?', '00:00:00', p.cmd])];
  // The CLI's tabwriter: minimum width 20, padding 3.
  const widths = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => r[i].length + 3)));
  for (const r of rows) ctx.out(`${r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join('')}\n`);
  return 0;
}

function port(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const c = d.mustContainer(argv[0] ?? '');
  for (const b of c.ports) {
    ctx.out(`${b.containerPort}/${b.proto} -> ${b.hostIp === null ? '0.0.0.0' : formatIpv4(b.hostIp)}:${b.hostPort}\n`);
    if (b.hostIp === null) ctx.out(`${b.containerPort}/${b.proto} -> [::]:${b.hostPort}\n`);
  }
  return 0;
}

function network(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const [sub, ...rest] = argv;
  d.start();
  switch (sub) {
    case 'create': {
      const p = parseFlags(rest, { '--driver': { value: true, aliases: ['-d'] }, '--subnet': { value: true }, '--gateway': { value: true }, '--ip-range': { value: true }, '--aux-address': { value: true }, '--internal': { value: false }, '--attachable': { value: false }, '--opt': { value: true, aliases: ['-o'] }, '--label': { value: true }, '--ipv6': { value: false }, '--scope': { value: true } }, false);
      if (p.args.length !== 1) {
        ctx.err(`"docker network create" requires exactly 1 argument.\nSee 'docker network create --help'.\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nCreate a network\n`);
        return 1;
      }
      const kv = (list: string[]): Record<string, string> => Object.fromEntries(list.map((x) => [x.slice(0, x.indexOf('=') < 0 ? x.length : x.indexOf('=')), x.indexOf('=') < 0 ? '' : x.slice(x.indexOf('=') + 1)]));
      const n = d.networkCreate({
        name: p.args[0],
        driver: one(p, '--driver') ?? 'bridge',
        subnet: one(p, '--subnet'),
        gateway: one(p, '--gateway'),
        ipRange: one(p, '--ip-range'),
        aux: kv(all(p, '--aux-address')),
        internal: has(p, '--internal'),
        attachable: has(p, '--attachable'),
        options: kv(all(p, '--opt')),
        labels: kv(all(p, '--label')),
      });
      ctx.out(`${n.id}\n`);
      return 0;
    }
    case 'ls':
    case 'list': {
      const p = parseFlags(rest, { '--quiet': { value: false, aliases: ['-q'] }, '--no-trunc': { value: false }, '--filter': { value: true, aliases: ['-f'] }, '--format': { value: true } }, false);
      const nets = d.visibleNetworks().sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      if (has(p, '--quiet')) {
        for (const n of nets) ctx.out(`${n.id.slice(0, 12)}\n`);
        return 0;
      }
      ctx.out(table([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [n.id.slice(0, 12), n.name, n.driver, n.scope])]));
      return 0;
    }
    case 'inspect': {
      const p = parseFlags(rest, { '--format': { value: true, aliases: ['-f'] }, '--verbose': { value: false, aliases: ['-v'] } }, false);
      const out: unknown[] = [];
      for (const ref of p.args) {
        const n = d.findNetwork(ref);
        if (!n) throw new DockerError(`network ${ref} not found`);
        out.push(networkJson(d, n));
      }
      const fmt = one(p, '--format');
      if (fmt !== null) for (const o of out) ctx.out(goTemplate(fmt, o) + '\n');
      else ctx.out(inspectJson(out) + '\n');
      return 0;
    }
    case 'rm':
    case 'remove': {
      let code = 0;
      for (const ref of rest) {
        try {
          d.networkRm(ref);
          ctx.out(`${ref}\n`);
        } catch (e) {
          if (!(e instanceof DockerError)) throw e;
          ctx.err(`Error response from daemon: ${e.message}\n`);
          code = 1;
        }
      }
      return code;
    }
    case 'connect': {
      const p = parseFlags(rest, { '--alias': { value: true }, '--ip': { value: true }, '--link': { value: true } }, false);
      const [netRef, ctrRef] = p.args;
      const n = d.findNetwork(netRef ?? '');
      if (!n) throw new DockerError(`network ${netRef} not found`);
      const c = d.mustContainer(ctrRef ?? '');
      const ipText = one(p, '--ip');
      d.connect(c, n, all(p, '--alias'), ipText ? parseIpv4(ipText) : null);
      return 0;
    }
    case 'disconnect': {
      const p = parseFlags(rest, { '--force': { value: false, aliases: ['-f'] } }, false);
      const [netRef, ctrRef] = p.args;
      const n = d.findNetwork(netRef ?? '');
      if (!n) throw new DockerError(`network ${netRef} not found`);
      d.disconnect(d.mustContainer(ctrRef ?? ''), n);
      return 0;
    }
    case 'prune': {
      const used = new Set([...d.containers.values()].flatMap((c) => c.endpoints.map((x) => x.network)));
      const gone: string[] = [];
      for (const n of [...d.networks.values()]) if (!n.isDefault && (n.driver === 'bridge' || n.driver === 'ipvlan') && !used.has(n) && n.name !== 'docker_gwbridge') gone.push(d.networkRm(n.id).name);
      if (gone.length) ctx.out(`Deleted Networks:\n${gone.map((g) => `${g}\n`).join('')}`);
      return 0;
    }
    default:
      ctx.err(`docker: unknown command: docker network ${sub ?? ''}\n\nRun 'docker network --help' for more information\n`);
      return 1;
  }
}

function swarm(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'init': {
      const p = parseFlags(rest, { '--advertise-addr': { value: true }, '--listen-addr': { value: true }, '--default-addr-pool': { value: true }, '--data-path-port': { value: true } }, false);
      const s = d.swarmInit(one(p, '--advertise-addr'));
      const me = s.nodes[0];
      ctx.out(`Swarm initialized: current node (${me.id}) is now a manager.\n\nTo add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${s.workerToken} ${formatIpv4(me.addr)}:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n`);
      return 0;
    }
    case 'join': {
      const p = parseFlags(rest, { '--token': { value: true }, '--advertise-addr': { value: true }, '--listen-addr': { value: true } }, false);
      const token = one(p, '--token');
      if (!token || p.args.length !== 1) {
        ctx.err(`"docker swarm join" requires exactly 1 argument.\nSee 'docker swarm join --help'.\n\nUsage:  docker swarm join [OPTIONS] HOST:PORT\n\nJoin a swarm as a node and/or manager\n`);
        return 1;
      }
      const n = d.swarmJoin(token, p.args[0]);
      ctx.out(`This node joined a swarm as a ${n.role}.\n`);
      return 0;
    }
    case 'join-token': {
      const s = swarmOf(d);
      if (!s) throw new DockerError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
      const role = rest.find((x) => !x.startsWith('-')) ?? 'worker';
      const mgr = s.nodes.find((x) => x.leader)!;
      if (rest.includes('-q') || rest.includes('--quiet')) {
        ctx.out(`${role === 'manager' ? s.managerToken : s.workerToken}\n`);
        return 0;
      }
      ctx.out(`To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${role === 'manager' ? s.managerToken : s.workerToken} ${formatIpv4(mgr.addr)}:2377\n\n`);
      return 0;
    }
    default:
      ctx.err(`docker: unknown command: docker swarm ${sub ?? ''}\n\nRun 'docker swarm --help' for more information\n`);
      return 1;
  }
}

function node(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const s = swarmOf(d);
  if (argv[0] !== 'ls' && argv[0] !== 'list') {
    ctx.err(`docker: unknown command: docker node ${argv[0] ?? ''}\n\nRun 'docker node --help' for more information\n`);
    return 1;
  }
  if (!s || s.nodeOf(d)?.role !== 'manager') throw new DockerError('This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.');
  const rows = [['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION']];
  for (const n of s.nodes) rows.push([`${n.id}${n.daemon === d ? ' *' : ''}`, (n.daemon.hostFs.readText('/etc/hostname') ?? 'host').trim(), 'Ready', 'Active', n.leader ? 'Leader' : n.role === 'manager' ? 'Reachable' : '', '27.5.1']);
  ctx.out(table(rows));
  return 0;
}

function progress(svc: { id: string; tasks: unknown[] }): string {
  const n = svc.tasks.length;
  const bars = Array.from({ length: n }, (_, i) => `${i + 1}/${n}: running   [==================================================>] \n`).join('');
  return `overall progress: ${n} out of ${n} tasks \n${bars}verify: Service ${svc.id} converged \n`;
}

function service(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'create': {
      const p = parseFlags(rest, { '--name': { value: true }, '--replicas': { value: true }, '--network': { value: true }, '--publish': { value: true, aliases: ['-p'] }, '--endpoint-mode': { value: true }, '--detach': { value: false, aliases: ['-d'] }, '--env': { value: true, aliases: ['-e'] }, '--mode': { value: true } }, true);
      const [image, ...cmd] = p.args;
      if (!image) {
        ctx.err('"docker service create" requires at least 1 argument.\nSee \'docker service create --help\'.\n');
        return 1;
      }
      const ports = all(p, '--publish').map(parsePublish);
      const mode = one(p, '--endpoint-mode') ?? 'vip';
      if (mode !== 'vip' && mode !== 'dnsrr') throw new DockerError(`invalid endpoint mode: ${mode}`);
      const svc = serviceCreate(d, { name: one(p, '--name'), image, replicas: Number(one(p, '--replicas') ?? 1), networks: all(p, '--network'), endpointMode: mode, cmd, ports });
      ctx.out(`${svc.id}\n${has(p, '--detach') ? '' : progress(svc)}`);
      return 0;
    }
    case 'ls':
    case 'list': {
      const s = swarmOf(d);
      if (!s || s.nodeOf(d)?.role !== 'manager') throw new DockerError('This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.');
      const rows = [['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS']];
      for (const svc of servicesOf(s).list) rows.push([svc.id.slice(0, 12), svc.name, 'replicated', `${svc.tasks.length}/${svc.replicas}`, svc.image.includes(':') ? svc.image : `${svc.image}:latest`, formatIngressPorts(svc.ports)]);
      ctx.out(table(rows));
      return 0;
    }
    case 'ps': {
      const svc = findService(d, rest[0] ?? '');
      const rows = [['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR', 'PORTS']];
      for (const t of svc.tasks) rows.push([t.id.slice(0, 12), `${svc.name}.${t.slot}`, svc.image.includes(':') ? svc.image : `${svc.image}:latest`, (t.daemon.hostFs.readText('/etc/hostname') ?? 'host').trim(), 'Running', `Running ${d.ago(t.container.startedAt ?? 0)}`, '', '']);
      ctx.out(table(rows));
      return 0;
    }
    case 'rm':
    case 'remove': {
      for (const ref of rest) {
        serviceRm(d, findService(d, ref));
        ctx.out(`${ref}\n`);
      }
      return 0;
    }
    case 'scale': {
      for (const arg of rest) {
        const m = /^([^=]+)=(\d+)$/.exec(arg);
        if (!m) throw new DockerError(`invalid scale specifier '${arg}'.\nSee 'docker service scale --help'.`);
        const svc = findService(d, m[1]);
        scale(d, svc, Number(m[2]));
        ctx.out(`${m[1]} scaled to ${m[2]}\n${progress(svc)}`);
      }
      return 0;
    }
    default:
      ctx.err(`docker: unknown command: docker service ${sub ?? ''}\n\nRun 'docker service --help' for more information\n`);
      return 1;
  }
}
