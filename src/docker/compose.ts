import { LineCounter, parseDocument } from 'yaml';
import type { CommandContext } from '../shell/context.ts';
import { type DockerDaemon, DockerError } from './daemon.ts';
import type { Container, Network } from './model.ts';
import { table } from './format.ts';

/** The part of the Compose specification the simulator understands. */
interface ComposeService {
  image: string;
  containerName: string | null;
  command: string[];
  ports: string[];
  environment: string[];
  dependsOn: string[];
  networks: { name: string; aliases: string[]; ip: string | null }[];
  hostname: string | null;
}

interface ComposeFile {
  name: string | null;
  services: Map<string, ComposeService>;
  networks: Map<string, { driver: string; subnet: string | null; internal: boolean; external: boolean; name: string | null }>;
}

/** A message like docker compose's: the file, the line, and what was expected there. */
class ComposeError extends Error {}

const asStrings = (v: unknown, what: string): string[] => {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  if (Array.isArray(v)) return v.map((x) => String(x));
  throw new ComposeError(`${what} must be a string or a list`);
};

/** Parse compose YAML into the services and networks we model. */
export function parseCompose(path: string, text: string): ComposeFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw new ComposeError(`yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!root || typeof root !== 'object') throw new ComposeError(`${path}: empty compose file`);
  const servicesRaw = root.services as Record<string, Record<string, unknown>> | undefined;
  if (!servicesRaw || typeof servicesRaw !== 'object') throw new ComposeError(`${path}: services must be a mapping`);
  const where = (keyPath: (string | number)[]): string => {
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `${path}:${lc.linePos(node.range[0]).line}` : path;
  };
  const services = new Map<string, ComposeService>();
  for (const [name, s] of Object.entries(servicesRaw)) {
    if (!s || typeof s !== 'object') throw new ComposeError(`${where(['services', name])}: service "${name}" must be a mapping`);
    if (typeof s.image !== 'string') throw new ComposeError(`${where(['services', name])}: service "${name}" has neither an image nor a build context specified: invalid compose project`);
    const env = s.environment;
    const environment = Array.isArray(env) ? env.map(String) : env && typeof env === 'object' ? Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`) : [];
    const deps = s.depends_on;
    const dependsOn = Array.isArray(deps) ? deps.map(String) : deps && typeof deps === 'object' ? Object.keys(deps) : [];
    const nets = s.networks;
    const networks: ComposeService['networks'] = Array.isArray(nets)
      ? nets.map((n) => ({ name: String(n), aliases: [], ip: null }))
      : nets && typeof nets === 'object'
        ? Object.entries(nets as Record<string, { aliases?: string[]; ipv4_address?: string } | null>).map(([n, o]) => ({ name: n, aliases: o?.aliases ?? [], ip: o?.ipv4_address ?? null }))
        : [];
    services.set(name, {
      image: s.image,
      containerName: typeof s.container_name === 'string' ? s.container_name : null,
      command: asStrings(s.command, `services.${name}.command`),
      ports: (Array.isArray(s.ports) ? s.ports : []).map((p) => (typeof p === 'object' && p ? `${(p as { published?: unknown }).published ?? ''}:${(p as { target?: unknown }).target}` : String(p))),
      environment,
      dependsOn,
      networks,
      hostname: typeof s.hostname === 'string' ? s.hostname : null,
    });
  }
  for (const [name, s] of services) for (const dep of s.dependsOn) if (!services.has(dep)) throw new ComposeError(`${where(['services', name, 'depends_on'])}: service "${name}" depends on undefined service "${dep}": invalid compose project`);
  const networks = new Map<string, { driver: string; subnet: string | null; internal: boolean; external: boolean; name: string | null }>();
  for (const [name, n] of Object.entries((root.networks as Record<string, Record<string, unknown> | null>) ?? {})) {
    const ipam = n?.ipam as { config?: { subnet?: string }[] } | undefined;
    networks.set(name, { driver: typeof n?.driver === 'string' ? n.driver : 'bridge', subnet: ipam?.config?.[0]?.subnet ?? null, internal: n?.internal === true, external: n?.external === true, name: typeof n?.name === 'string' ? n.name : null });
  }
  for (const [name, s] of services)
    for (const n of s.networks) if (n.name !== 'default' && !networks.has(n.name)) throw new ComposeError(`${where(['services', name, 'networks'])}: service "${name}" refers to undefined network ${n.name}: invalid compose project`);
  return { name: typeof root.name === 'string' ? root.name : null, services, networks };
}

/** Services in an order that starts dependencies first. */
function startOrder(f: ComposeFile): string[] {
  const out: string[] = [];
  const visit = (s: string, stack: string[]): void => {
    if (out.includes(s)) return;
    if (stack.includes(s)) throw new ComposeError(`dependency cycle detected: ${[...stack, s].join(' -> ')}`);
    for (const d of f.services.get(s)!.dependsOn) visit(d, [...stack, s]);
    out.push(s);
  };
  for (const s of f.services.keys()) visit(s, []);
  return out;
}

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** `docker compose [-f FILE] [-p NAME] up [-d] | down | ps`. */
export function compose(ctx: CommandContext, d: DockerDaemon, argv: string[]): number {
  let file: string | null = null;
  let project: string | null = null;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-f' || a === '--file') file = argv[++i] ?? null;
    else if (a === '-p' || a === '--project-name') project = argv[++i] ?? null;
    else break;
  }
  const sub = argv[i];
  const rest = argv.slice(i + 1);
  const path = file ?? DEFAULT_FILES.find((f) => ctx.fs.exists(f)) ?? null;
  if (path === null) {
    ctx.err('no configuration file provided: not found\n');
    return 1;
  }
  const text = ctx.fs.readText(path);
  if (text === undefined) {
    ctx.err(`open ${path}: no such file or directory\n`);
    return 1;
  }
  let f: ComposeFile;
  try {
    f = parseCompose(path, text);
  } catch (e) {
    if (!(e instanceof ComposeError)) throw e;
    ctx.err(`${e.message}\n`);
    return 1;
  }
  const proj = (project ?? f.name ?? 'root').toLowerCase();
  const netName = (n: string): string => (n === 'default' ? `${proj}_default` : (f.networks.get(n)?.name ?? `${proj}_${n}`));
  const ctrName = (s: string): string => f.services.get(s)!.containerName ?? `${proj}-${s}-1`;
  try {
    switch (sub) {
      case 'up':
        return up(ctx, d, f, proj, netName, ctrName, rest.includes('-d') || rest.includes('--detach'));
      case 'down':
        return down(ctx, d, f, netName, ctrName);
      case 'ps': {
        const rows = [['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS']];
        for (const s of f.services.keys()) {
          const c = d.findContainer(ctrName(s));
          if (!c || c.state !== 'running') continue;
          rows.push([c.name, c.imageRef, c.cmd.length ? `"${c.cmd.join(' ')}"` : c.image.cmd, s, d.ago(c.created), `Up ${d.ago(c.startedAt ?? 0).replace(/ ago$/, '')}`, c.ports.map((b) => `0.0.0.0:${b.hostPort}->${b.containerPort}/${b.proto}`).join(', ')]);
        }
        ctx.out(table(rows));
        return 0;
      }
      default:
        ctx.err(`unknown docker command: "compose ${sub ?? ''}"\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof ComposeError) {
      ctx.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof DockerError) {
      ctx.err(`Error response from daemon: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function up(ctx: CommandContext, d: DockerDaemon, f: ComposeFile, proj: string, netName: (n: string) => string, ctrName: (s: string) => string, detach: boolean): number {
  const lines: string[] = [];
  const used = new Set<string>();
  for (const s of f.services.values()) for (const n of s.networks.length ? s.networks : [{ name: 'default' }]) used.add(n.name);
  for (const n of used) {
    const name = netName(n);
    const def = f.networks.get(n);
    if (def?.external) {
      if (!d.findNetwork(name)) throw new ComposeError(`network ${name} declared as external, but could not be found`);
      continue;
    }
    if (d.findNetwork(name)) continue;
    d.networkCreate({ name, driver: def?.driver ?? 'bridge', subnet: def?.subnet ?? null, gateway: null, ipRange: null, aux: {}, internal: def?.internal ?? false, attachable: false, options: {}, labels: { 'com.docker.compose.network': n, 'com.docker.compose.project': proj } });
    lines.push(` ✔ Network ${name}  Created`);
  }
  for (const s of startOrder(f)) {
    const svc = f.services.get(s)!;
    const name = ctrName(s);
    let c: Container | null = d.findContainer(name);
    if (!c) {
      const nets = svc.networks.length ? svc.networks : [{ name: 'default', aliases: [], ip: null }];
      c = d.containerCreate({ name, image: svc.image, hostname: svc.hostname, network: netName(nets[0].name), aliases: [s, ...nets[0].aliases], ip: nets[0].ip, ports: svc.ports, publishAll: false, links: [], dns: [], env: svc.environment, cmd: svc.command, autoRemove: false, interactive: false });
      for (const extra of nets.slice(1)) {
        const n = d.findNetwork(netName(extra.name)) as Network;
        c.networks.push({ network: n, aliases: [s, ...extra.aliases], ip: null });
      }
    }
    d.containerStart(c);
    lines.push(` ✔ Container ${name}  Started`);
  }
  ctx.err(`[+] Running ${lines.length}/${lines.length}\n${lines.join('\n')}\n`);
  if (!detach) ctx.err('(attached mode is not simulated: the services keep running as with -d)\n');
  return 0;
}

function down(ctx: CommandContext, d: DockerDaemon, f: ComposeFile, netName: (n: string) => string, ctrName: (s: string) => string): number {
  const lines: string[] = [];
  for (const s of startOrder(f).reverse()) {
    const c = d.findContainer(ctrName(s));
    if (!c) continue;
    d.containerRm(c, true);
    lines.push(` ✔ Container ${c.name}  Removed`);
  }
  const used = new Set<string>();
  for (const s of f.services.values()) for (const n of s.networks.length ? s.networks : [{ name: 'default' }]) used.add(n.name);
  for (const n of used) {
    if (f.networks.get(n)?.external) continue;
    const net = d.findNetwork(netName(n));
    if (!net) continue;
    d.networkRm(net.id);
    lines.push(` ✔ Network ${net.name}  Removed`);
  }
  ctx.err(`[+] Running ${lines.length}/${lines.length}\n${lines.join('\n')}\n`);
  return 0;
}
