import type { NlError } from '../../engine/net/kernel.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import type { CommandContext } from '../context.ts';

/** Global options of `ip` (before the object). */
export interface IpOptions {
  details: boolean;
  stats: boolean;
  family4: boolean;
  brief: boolean;
  oneline: boolean;
}

export interface IpCtx extends CommandContext {
  opts: IpOptions;
}

const STRERROR: Record<NlError['errno'], string> = {
  EEXIST: 'File exists',
  ENOENT: 'No such file or directory',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  ENETDOWN: 'Network is down',
  ESRCH: 'No such process',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EADDRINUSE: 'Address already in use',
  ENETUNREACH: 'Network is unreachable',
  EBUSY: 'Device or resource busy',
  EOPNOTSUPP: 'Operation not supported',
  ERANGE: 'Numerical result out of range',
  ELOOP: 'Too many levels of symbolic links',
};

/** How iproute2 reports a netlink error: the extack message if any, else strerror. Exit 2. */
export function nlFail(ctx: CommandContext, e: NlError): number {
  ctx.err(e.extack ? `Error: ${e.extack}\n` : `RTNETLINK answers: ${STRERROR[e.errno]}\n`);
  return 2;
}

export function strerror(errno: NlError['errno']): string {
  return STRERROR[errno];
}

/** Exit codes iproute2 uses: -1 from a parser becomes 255. */
export const EXIT_PARSE = 255;

export function invarg(ctx: CommandContext, msg: string, arg: string): number {
  ctx.err(`Error: argument "${arg}" is wrong: ${msg}\n`);
  return EXIT_PARSE;
}

export function incomplete(ctx: CommandContext): number {
  ctx.err('Command line is not complete. Try option "help"\n');
  return EXIT_PARSE;
}

export function duparg2(ctx: CommandContext, key: string, arg: string): number {
  ctx.err(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`);
  return EXIT_PARSE;
}

export function noDevice(ctx: CommandContext, name: string): number {
  ctx.err(`Cannot find device "${name}"\n`);
  return 1;
}

export function findDev(ns: NetNs, name: string): NetDevice | undefined {
  return ns.device(name);
}

/** Resolve `netns NAME` or a PID (every simulated process lives in the root namespace). */
export function resolveNetns(ctx: CommandContext, arg: string): NetNs | null {
  const named = ctx.kernel.netns.get(arg);
  if (named) return named;
  if (/^\d+$/.test(arg) && Number(arg) >= 1) return ctx.kernel.processNs.get(Number(arg)) ?? ctx.kernel.root;
  return null;
}

/** The devices a `show` lists: all by ifindex, or the one named (else iproute2's error, exit 1). */
export function devicesToShow(ctx: CommandContext, name: string | null): NetDevice[] | number {
  if (name === null) return [...ctx.ns.devices.values()].sort((a, b) => a.ifindex - b.ifindex);
  const d = ctx.ns.device(name);
  if (!d) {
    ctx.err(`Device "${name}" does not exist.\n`);
    return 1;
  }
  return [d];
}

/** The value after a `dev` keyword, resolved to a device; an exit code when missing or unknown. */
export function devArg(ctx: CommandContext, value: string | undefined): NetDevice | number {
  if (value === undefined) return incomplete(ctx);
  const d = ctx.ns.device(value);
  return d ?? noDevice(ctx, value);
}
