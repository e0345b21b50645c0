import type { Kernel } from '../engine/net/kernel.ts';
import type { NetNs } from '../engine/net/netns.ts';
import type { FileSystem } from './fs.ts';
import type { Shell } from './shell.ts';

/** What a command sees: the machine, the namespace it runs in, and where it prints. */
export interface CommandContext {
  kernel: Kernel;
  ns: NetNs;
  /** The filesystem the command sees: the host's, or a container's. */
  fs: FileSystem;
  /** Started with a trailing `&`: set up and return, keep running in the background. */
  background: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Runs another command line in a namespace (for `ip netns exec`). */
  exec(argv: string[], ns: NetNs): number;
  /** The shell itself, for programs that run whole command lines (docker exec, sh -c). */
  shell: Shell;
}

/** A command: argv[0] is its name; returns the exit code. */
export type Command = (ctx: CommandContext, argv: string[]) => number;
