import { SEC } from '../engine/sim/scheduler.ts';
import type { Command } from './context.ts';

/** A few shell builtins and coreutils that scripts lean on. `sleep` advances virtual time. */
export const basicCommands: Record<string, Command> = {
  true: () => 0,
  false: () => 1,
  echo: (ctx, argv) => {
    const args = argv.slice(1);
    const noNewline = args[0] === '-n';
    ctx.out(args.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'));
    return 0;
  },
  cat: (ctx, argv) => {
    let code = 0;
    for (const path of argv.slice(1)) {
      const v = ctx.fs.readText(path);
      if (v === undefined) {
        ctx.err(`cat: ${path}: No such file or directory\n`);
        code = 1;
      } else ctx.out(v);
    }
    return code;
  },
  sh: shellC,
  bash: shellC,
  hostname: (ctx) => {
    ctx.out(ctx.fs.readText('/etc/hostname') ?? 'localhost\n');
    return 0;
  },
  sleep: (ctx, argv) => {
    if (argv.length < 2) {
      ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of argv.slice(1)) {
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
      if (!m) {
        ctx.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
      total += Number(m[1]) * mult;
    }
    ctx.kernel.sched.runFor(total * SEC);
    return 0;
  },
};

/** `sh -c 'CMD'`: run a command line in the same namespace and filesystem. */
function shellC(ctx: Parameters<Command>[0], argv: string[]): number {
  if (argv[1] !== '-c' || argv[2] === undefined) {
    ctx.err(`${argv[0]}: only "${argv[0]} -c COMMAND" is available in this simulator\n`);
    return 2;
  }
  let code = 0;
  // One level of sequencing: "a; b" and "a && b".
  for (const part of argv[2].split(/\s*;\s*/)) {
    for (const step of part.split(/\s*&&\s*/)) {
      const r = ctx.shell.run(step, ctx.ns, ctx.fs);
      ctx.out(r.output);
      code = r.exitCode;
      if (code !== 0) break;
    }
  }
  return code;
}
