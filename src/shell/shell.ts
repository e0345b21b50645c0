import { Kernel } from '../engine/net/kernel.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { MS } from '../engine/sim/scheduler.ts';
import { splitWords } from './argv.ts';
import type { Command, CommandContext } from './context.ts';
import { ipCommand } from './ip/ip.ts';
import { bridgeCommand } from './bridge.ts';
import { brctlCommand } from './brctl.ts';
import { sysctlCommand } from './sysctl.ts';
import { pingCommand } from './ping.ts';
import { ncCommand } from './nc.ts';
import { basicCommands } from './basic.ts';
import { tcpdumpCommands } from './tcpdump/index.ts';
import { type FileSystem, hostFileSystem } from './fs.ts';
import { conntrackCommand } from './conntrack.ts';
import { dmesgCommand } from './dmesg.ts';
import { ipvsadmCommand } from './ipvsadm.ts';
import { nsenterCommand } from './nsenter.ts';
import { appCommands } from './apps/index.ts';
import { iptablesCommands } from './iptables/command.ts';

export interface ShellResult {
  exitCode: number;
  /** stdout and stderr as a terminal shows them, in the order printed. */
  output: string;
}

/** Time that passes between two commands (a process starting and exiting). */
const BETWEEN_COMMANDS = 1 * MS;

/**
 * The simulated machine's shell: runs one command line at a time against the kernel.
 * Unknown commands get bash's "command not found" and exit 127, as on a real machine.
 */
export class Shell {
  readonly kernel: Kernel;
  private readonly commands = new Map<string, Command>();

  constructor(kernel: Kernel = new Kernel()) {
    this.kernel = kernel;
    this.commands.set('ip', ipCommand);
    this.commands.set('bridge', bridgeCommand);
    this.commands.set('brctl', brctlCommand);
    this.commands.set('sysctl', sysctlCommand);
    this.commands.set('ping', pingCommand);
    this.commands.set('nc', ncCommand);
    this.commands.set('netcat', ncCommand);
    this.commands.set('conntrack', conntrackCommand);
    this.commands.set('dmesg', dmesgCommand);
    this.commands.set('ipvsadm', ipvsadmCommand);
    this.commands.set('nsenter', nsenterCommand);
    for (const [name, cmd] of Object.entries(basicCommands)) this.commands.set(name, cmd);
    for (const [name, cmd] of Object.entries(tcpdumpCommands)) this.commands.set(name, cmd);
    for (const [name, cmd] of Object.entries(appCommands)) this.commands.set(name, cmd);
    for (const [name, cmd] of Object.entries(iptablesCommands)) this.commands.set(name, cmd);
  }

  /** Adds a program to the machine (layers above the shell, like Docker, install theirs). */
  register(name: string, cmd: Command): void {
    this.commands.set(name, cmd);
  }

  /** Names of every command, for completion and help. */
  commandNames(): string[] {
    return [...this.commands.keys()].sort();
  }

  /** Runs a line in `ns` (the root namespace by default). A trailing `&` runs it in the background. */
  run(line: string, ns: NetNs = this.kernel.root, fs: FileSystem = hostFileSystem(this.kernel), opts: { still?: boolean } = {}): ShellResult {
    let text = line.trim();
    let background = false;
    if (text.endsWith('&') && !text.endsWith('&&')) {
      background = true;
      text = text.slice(0, -1).trim();
    }
    let output = '';
    // $(command) is replaced by that command's output, as bash does (nested ones first).
    text = substitute(text, (inner) => this.run(inner, ns, fs, { still: true }).output.replace(/\n+$/, '').replace(/\n/g, ' '));
    const words = splitWords(text);
    if (!Array.isArray(words)) return { exitCode: 2, output: `bash: line 1: ${words.error}\n` };
    if (words.length === 0) return { exitCode: 0, output: '' };
    const ctx: CommandContext = {
      kernel: this.kernel,
      ns,
      fs,
      background,
      out: (s) => (output += s),
      err: (s) => (output += s),
      exec: (argv, target) => this.execArgv({ ...ctx, ns: target }, argv, true),
      shell: this,
    };
    let code: number;
    try {
      code = this.execArgv(ctx, words, false);
    } catch (e) {
      // A bug in a command must never take the machine down: report it like a crash.
      output += `${words[0]}: internal error: ${e instanceof Error ? e.message : String(e)}\n`;
      code = 134;
    }
    // A look at the state (the UI's tables) takes no time; a command does.
    if (!opts.still) this.kernel.sched.runFor(BETWEEN_COMMANDS);
    return { exitCode: background ? 0 : code, output };
  }

  private execArgv(ctx: CommandContext, argv: string[], viaExec: boolean): number {
    const cmd = this.commands.get(argv[0]);
    if (!cmd) {
      if (viaExec) ctx.err(`exec of "${argv[0]}" failed: No such file or directory\n`);
      else ctx.err(`bash: line 1: ${argv[0]}: command not found\n`);
      return viaExec ? 1 : 127;
    }
    return cmd(ctx, argv);
  }
}

/**
 * Command substitution: each `$(...)` (with its parentheses balanced) is replaced by what
 * `run` gives for its text, inner substitutions first; the output is not scanned again.
 */
function substitute(text: string, run: (inner: string) => string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = text.indexOf('$(', i);
    if (at < 0) return out + text.slice(i);
    let depth = 0;
    let j = at + 1;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    // Unbalanced: left as typed.
    if (j >= text.length) return out + text.slice(i);
    out += text.slice(i, at) + run(substitute(text.slice(at + 2, j), run));
    i = j + 1;
  }
}
