/**
 * How iptables fails. A usage problem (xtables_error(PARAMETER_PROBLEM, ...)) prints
 * "iptables v1.8.9 (nf_tables): MSG" and a line pointing at -h, and exits 2; a stray
 * argument prints "Bad argument `X'" without the program prefix. Messages that end in
 * "\n" in iptables' sources keep it, which is why some errors show a blank line.
 */

export const VERSION = 'v1.8.9 (nf_tables)';

/** Exit codes of libxtables (enum xtables_exittype). */
export const EXIT = { other: 1, parameter: 2, version: 3, resource: 4 } as const;

export type UsageKind = 'message' | 'bad-argument' | 'try-help';

/** A command-line problem found while parsing; the caller formats it for iptables or iptables-restore. */
export class UsageError extends Error {
  constructor(
    readonly kind: UsageKind,
    readonly text: string,
  ) {
    super(text);
  }
}

export function usage(text: string): UsageError {
  return new UsageError('message', text);
}

export function badArgument(arg: string): UsageError {
  return new UsageError('bad-argument', arg);
}

/** The text iptables prints for a usage error, ending with the pointer to -h. */
export function formatUsage(program: string, e: UsageError, line: number | null = null): string {
  let out = '';
  if (e.kind === 'message') out += `${program} ${VERSION}: ${e.text}\n`;
  if (e.kind === 'bad-argument') out += `Bad argument \`${e.text}'\n`;
  if (line !== null) out += `Error occurred at line: ${line}\n`;
  out += `Try \`${program} -h' or '${program} --help' for more information.\n`;
  return out;
}
