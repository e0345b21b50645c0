import { Kernel } from '../engine/net/kernel.ts';
import { Shell } from '../shell/shell.ts';
import { dockerCommand } from './cli.ts';

/** Puts the `docker` command on a machine's shell. */
export function installDocker(shell: Shell): Shell {
  shell.register('docker', dockerCommand);
  return shell;
}

/** A simulated machine with everything installed: the shell the app and the CLI use. */
export function createMachine(seed = 1): Shell {
  return installDocker(new Shell(new Kernel(seed)));
}
