import type { Kernel } from '../engine/net/kernel.ts';
import type { NetNs } from '../engine/net/netns.ts';
import type { Command, CommandContext } from './context.ts';

/**
 * Namespace files other programs keep (Docker's /var/run/docker/netns/KEY bind mounts): a
 * layer above the shell registers how to find the namespace behind such a path, as seen from
 * the namespace the command runs in (the host whose daemon owns it).
 */
export type NetnsPathResolver = (from: NetNs, path: string) => NetNs | undefined;

const resolvers = new WeakMap<Kernel, NetnsPathResolver[]>();

export function registerNetnsPathResolver(kernel: Kernel, fn: NetnsPathResolver): void {
  const list = resolvers.get(kernel) ?? [];
  if (!list.includes(fn)) list.push(fn);
  resolvers.set(kernel, list);
}

function resolveNetnsPath(ctx: CommandContext, path: string): NetNs | undefined {
  for (const fn of resolvers.get(ctx.kernel) ?? []) {
    const ns = fn(ctx.ns, path);
    if (ns) return ns;
  }
  return undefined;
}

/**
 * util-linux's nsenter, for the network namespace: `nsenter -t PID -n CMD` (a container's
 * pid from `docker inspect -f '{{.State.Pid}}'`), `nsenter --net=/run/netns/NAME CMD`, or a
 * namespace file Docker keeps (`--net=/var/run/docker/netns/ingress_sbox`).
 * The other namespace kinds (-m -u -i -p -U -C -T) are accepted and have nothing to change
 * here: the simulator's processes share everything but the network.
 */
export const nsenterCommand: Command = (ctx, argv) => {
  let pid: number | null = null;
  let net: string | true | null = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-t' || a === '--target') {
      const v = argv[++i];
      if (v === undefined) return usageError(ctx, `option requires an argument -- '${a === '-t' ? 't' : 'target'}'`);
      if (!/^\d+$/.test(v)) return fail(ctx, `failed to parse pid: '${v}'`);
      pid = Number(v);
    } else if (a.startsWith('--target=')) pid = Number(a.slice(9));
    else if (/^-t\d+$/.test(a)) pid = Number(a.slice(2));
    else if (a === '-n' || a === '--net') net = true;
    else if (a.startsWith('--net=')) net = a.slice(6);
    else if (/^-[muipUCTan]+$/.test(a)) {
      // Grouped short options (-mnu); -a enters every namespace of the target, the network too.
      if (a.includes('n') || a.includes('a')) net = net ?? true;
    } else if (a === '--all') net = net ?? true;
    else if (/^--(mount|uts|ipc|pid|user|cgroup|time|preserve-credentials)(=.*)?$/.test(a)) continue;
    else if (a === '-h' || a === '--help') {
      ctx.out('\nUsage:\n nsenter [options] [<program> [<argument>...]]\n\nRun a program with namespaces of other processes.\n');
      return 0;
    } else return usageError(ctx, `unrecognized option '${a}'`);
  }
  const cmd = argv.slice(i);
  let target: NetNs | undefined = ctx.ns;
  if (net === true) {
    if (pid === null) return fail(ctx, 'neither filename nor target pid supplied for ns/net');
    target = pid === 1 ? ctx.kernel.root : ctx.kernel.processNs.get(pid);
    if (!target) return fail(ctx, `cannot open /proc/${pid}/ns/net: No such file or directory`);
  } else if (typeof net === 'string') {
    const m = /^(?:\/var)?\/run\/netns\/([^/]+)$/.exec(net);
    const proc = /^\/proc\/(\d+)\/ns\/net$/.exec(net);
    target = m ? ctx.kernel.netns.get(m[1]) : proc ? (proc[1] === '1' ? ctx.kernel.root : ctx.kernel.processNs.get(Number(proc[1]))) : resolveNetnsPath(ctx, net);
    if (!target) return fail(ctx, `cannot open ${net}: No such file or directory`);
  } else if (pid !== null && !(pid === 1 || ctx.kernel.processNs.has(pid))) return fail(ctx, `cannot open /proc/${pid}/ns/net: No such file or directory`);
  else if (pid === null) return fail(ctx, 'no namespace specified');
  if (cmd.length === 0) return fail(ctx, 'no program given: an interactive shell is not simulated, give a command (nsenter -t PID -n ip addr)');
  return ctx.exec(cmd, target);
};

function fail(ctx: CommandContext, msg: string): number {
  ctx.err(`nsenter: ${msg}\n`);
  return 1;
}

function usageError(ctx: CommandContext, msg: string): number {
  ctx.err(`nsenter: ${msg}\nTry 'nsenter --help' for more information.\n`);
  return 1;
}
