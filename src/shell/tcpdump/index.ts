/** The commands this directory adds to the shell: tcpdump, and the job builtins that end captures. */
import type { Command } from '../context.ts';
import { killCommand, waitCommand } from './jobs.ts';
import { tcpdumpCommand } from './tcpdump.ts';

export const tcpdumpCommands: Record<string, Command> = {
  tcpdump: tcpdumpCommand,
  kill: killCommand,
  wait: waitCommand,
};
