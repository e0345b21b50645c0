/**
 * Userland network programs (DNS and HTTP clients) for the shell, registered by name.
 * The servers (dns-server.ts, http-server.ts) are libraries for the Docker model, not commands.
 */
import type { Command } from '../context.ts';
import { curlCommand } from './curl.ts';
import { getentCommand } from './getent.ts';
import { hostCommand } from './host.ts';
import { nslookupCommand } from './nslookup.ts';
import { wgetCommand } from './wget.ts';

export const appCommands: Record<string, Command> = {
  curl: curlCommand,
  wget: wgetCommand,
  nslookup: nslookupCommand,
  getent: getentCommand,
  host: hostCommand,
};
