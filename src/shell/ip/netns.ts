import { matches } from '../argv.ts';
import { type IpCtx, EXIT_PARSE } from './common.ts';

/** `ip netns`: add, delete, list, exec, identify. */
export function ipNetns(ctx: IpCtx, argv: string[]): number {
  const sub = argv[0] ?? 'list';
  const k = ctx.kernel;
  if (matches(sub, 'list') || sub === 'show') {
    // Newest first, as readdir on /run/netns returns them.
    const names = [...k.netns.keys()].reverse();
    for (const n of names) {
      const ns = k.netns.get(n)!;
      const id = ctx.ns.peerIds.get(ns);
      ctx.out(id === undefined ? `${n}\n` : `${n} (id: ${id})\n`);
    }
    return 0;
  }
  if (matches(sub, 'add')) {
    const name = argv[1];
    if (name === undefined) {
      ctx.err('No netns name specified\n');
      return EXIT_PARSE;
    }
    if (name.includes('/') || name === '.' || name === '..') {
      ctx.err(`Invalid netns name "${name}"\n`);
      return EXIT_PARSE;
    }
    const r = k.addNetns(name);
    if (!r.ok) {
      ctx.err(`Cannot create namespace file "/run/netns/${name}": File exists\n`);
      return 1;
    }
    return 0;
  }
  if (matches(sub, 'delete')) {
    const name = argv[1];
    if (name === undefined) {
      ctx.err('No netns name specified\n');
      return EXIT_PARSE;
    }
    if (name === '-all' || name === '--all') {
      for (const n of [...k.netns.keys()]) k.delNetns(n);
      return 0;
    }
    const r = k.delNetns(name);
    if (!r.ok) {
      ctx.err(`Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`);
      return 1;
    }
    return 0;
  }
  if (matches(sub, 'exec')) {
    const name = argv[1];
    if (name === undefined) {
      ctx.err('No netns name specified\n');
      return EXIT_PARSE;
    }
    const ns = k.netns.get(name);
    if (!ns) {
      ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
      return EXIT_PARSE;
    }
    if (argv.length < 3) {
      ctx.err('No command specified\n');
      return EXIT_PARSE;
    }
    return ctx.exec(argv.slice(2), ns);
  }
  if (matches(sub, 'identify')) {
    if (ctx.ns.name !== '') ctx.out(`${ctx.ns.name}\n`);
    return 0;
  }
  ctx.err(`Command "${sub}" is unknown, try "ip netns help".\n`);
  return EXIT_PARSE;
}
