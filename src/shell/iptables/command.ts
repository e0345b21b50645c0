/**
 * The commands: iptables (also as iptables-nft), iptables-save and iptables-restore
 * (and their -nft names), as iptables 1.8.9 with the nf_tables backend behaves.
 */
import type { Command, CommandContext } from '../context.ts';
import { EXIT, UsageError, VERSION, formatUsage } from './errors.ts';
import { execute, formatFailure } from './execute.ts';
import { Getopt, type GetoptResult, type HasArg, type LongOption } from './getopt.ts';
import { IPTABLES_HELP, IPTABLES_RESTORE_HELP } from './help.ts';
import { type HostsDb, hostsDb } from './names.ts';
import { parseIptables } from './parse.ts';
import { restore } from './restore.ts';
import { saveTable } from './show.ts';
import { existingTable, isTableName, viewTable } from './state.ts';
import type { TableName } from '../../engine/netfilter/rules.ts';

/** Host names come from the /etc/hosts the command sees (the host's or a container's). */
function hostsOf(ctx: CommandContext): HostsDb {
  return hostsDb(ctx.fs.readText('/etc/hosts'));
}

/** The program name iptables-save and iptables-restore print: their own, as invoked. */
function programName(argv: readonly string[]): string {
  return argv[0].replace(/^.*\//, '');
}

export const iptablesCommand: Command = (ctx, argv) => {
  const hosts = hostsOf(ctx);
  let outcome;
  try {
    outcome = parseIptables(argv, { help: IPTABLES_HELP, hosts, warn: (t) => ctx.err(t) });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ctx.err(formatUsage('iptables', e));
    return EXIT.parameter;
  }
  if (outcome.kind === 'exit') {
    ctx.out(outcome.stdout);
    return outcome.code;
  }
  const failure = execute(ctx.ns, outcome.command, { out: (t) => ctx.out(t), hosts });
  if (!failure) return 0;
  const { text, code } = formatFailure(failure);
  ctx.err(text);
  return code;
};

/** getopt's own complaint about an option, as glibc words it. */
function getoptComplaint(program: string, r: GetoptResult): string {
  if (r.kind === 'missing-argument')
    return r.text.startsWith('--') ? `${program}: option '${r.text}' requires an argument\n` : `${program}: option requires an argument -- '${r.text.slice(-1)}'\n`;
  if (r.kind === 'unknown') return r.text.startsWith('--') ? `${program}: unrecognized option '${r.text}'\n` : `${program}: invalid option -- '${r.text.slice(1)}'\n`;
  return '';
}

interface Options {
  values: Map<string, string | null>;
  args: string[];
}

/** Read options with getopt; a complaint ends the command (exit 1). */
function readOptions(argv: readonly string[], shorts: Record<string, HasArg>, longs: readonly LongOption[]): Options | GetoptResult {
  const g = new Getopt(argv, new Map(Object.entries(shorts)));
  const values = new Map<string, string | null>();
  const args: string[] = [];
  for (;;) {
    const r = g.next(longs);
    if (r.kind === 'end') break;
    if (r.kind === 'nonoption') args.push(r.arg);
    else if (r.kind === 'option') values.set(r.key, r.arg);
    else return r;
  }
  // getopt puts non-options last: whatever follows `--` or the options is an argument too.
  while (g.hasMore()) args.push(g.take());
  return { values, args };
}

const SAVE_LONGS: readonly LongOption[] = [
  { name: 'counters', hasArg: 0, key: 'c' },
  { name: 'dump', hasArg: 0, key: 'd' },
  { name: 'table', hasArg: 1, key: 't' },
  { name: 'modprobe', hasArg: 1, key: 'M' },
  { name: 'file', hasArg: 1, key: 'f' },
  { name: 'version', hasArg: 0, key: 'V' },
];

/** The order iptables-nft-save writes the tables that exist. */
const SAVE_ORDER: readonly TableName[] = ['mangle', 'raw', 'filter', 'nat'];

export const iptablesSaveCommand: Command = (ctx, argv) => {
  const program = programName(argv);
  const o = readOptions(argv, { b: 0, c: 0, d: 0, t: 1, M: 1, f: 1, V: 0 }, SAVE_LONGS);
  if (!('values' in o)) {
    ctx.err(`${getoptComplaint(program, o)}Look at manual page \`${program}.8' for more information.\n`);
    return EXIT.other;
  }
  if (o.values.has('V')) {
    ctx.out(`${program} ${VERSION}\n`);
    return 0;
  }
  if (o.args.length > 0) {
    ctx.err('Unknown arguments found on commandline\n');
    return EXIT.other;
  }
  const counters = o.values.has('c');
  const only = o.values.get('t') ?? null;
  let text = '';
  if (only !== null) {
    if (!isTableName(only)) {
      ctx.err(`Table \`${only}' does not exist\n`);
      return EXIT.other;
    }
    text = saveTable(program, viewTable(ctx.ns, only), counters);
  } else {
    for (const name of SAVE_ORDER) {
      const t = existingTable(ctx.ns, name);
      if (t) text += saveTable(program, t, counters);
    }
  }
  const file = o.values.get('f');
  if (file) ctx.fs.write(file, text);
  else ctx.out(text);
  return 0;
};

const RESTORE_LONGS: readonly LongOption[] = [
  { name: 'binary', hasArg: 0, key: 'b' },
  { name: 'counters', hasArg: 0, key: 'c' },
  { name: 'verbose', hasArg: 0, key: 'v' },
  { name: 'version', hasArg: 0, key: 'V' },
  { name: 'test', hasArg: 0, key: 't' },
  { name: 'help', hasArg: 0, key: 'h' },
  { name: 'noflush', hasArg: 0, key: 'n' },
  { name: 'modprobe', hasArg: 1, key: 'M' },
  { name: 'table', hasArg: 1, key: 'T' },
  { name: 'wait', hasArg: 2, key: 'w' },
  { name: 'wait-interval', hasArg: 2, key: 'W' },
  { name: 'ipv4', hasArg: 0, key: '4' },
  { name: 'ipv6', hasArg: 0, key: '6' },
];

export const iptablesRestoreCommand: Command = (ctx, argv) => {
  const program = programName(argv);
  const o = readOptions(argv, { b: 0, c: 0, v: 0, V: 0, t: 0, h: 0, n: 0, M: 1, T: 1, w: 2, W: 2, '4': 0, '6': 0 }, RESTORE_LONGS);
  if (!('values' in o)) {
    ctx.err(`${getoptComplaint(program, o)}Try \`${program} -h' for more information.\n`);
    return EXIT.other;
  }
  if (o.values.has('h')) {
    // iptables-restore prints its usage on stderr, even when asked for it.
    ctx.err(IPTABLES_RESTORE_HELP);
    return 0;
  }
  if (o.values.has('V')) {
    ctx.out(`${program} ${VERSION}\n`);
    return 0;
  }
  if (o.args.length > 1) {
    ctx.err('Unknown arguments found on commandline\n');
    return EXIT.other;
  }
  // The simulator has no standard input to read: without a file there is nothing to restore.
  let text = '';
  if (o.args.length === 1) {
    const file = ctx.fs.readText(o.args[0]);
    if (file === undefined) {
      ctx.err(`Can't open ${o.args[0]}: No such file or directory\n`);
      return EXIT.other;
    }
    text = file;
  }
  const opts = { counters: o.values.has('c'), noflush: o.values.has('n'), test: o.values.has('t'), only: o.values.get('T') ?? null };
  return restore(ctx.ns, text, opts, { out: (t) => ctx.out(t), err: (t) => ctx.err(t), hosts: hostsOf(ctx) });
};

/** Every name the iptables package installs, for the shell to register. */
export const iptablesCommands: Record<string, Command> = {
  iptables: iptablesCommand,
  'iptables-nft': iptablesCommand,
  'iptables-save': iptablesSaveCommand,
  'iptables-nft-save': iptablesSaveCommand,
  'iptables-restore': iptablesRestoreCommand,
  'iptables-nft-restore': iptablesRestoreCommand,
};
