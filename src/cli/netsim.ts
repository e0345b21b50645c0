import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createMachine } from '../docker/install.ts';
import { existingDaemon } from '../docker/cli.ts';
import { explainSteps } from '../docker/daemon.ts';
import { SCENARIO_DATA_FILE, loadScenarioFiles, runScript } from '../scenario/run.ts';
import { SIM_EPOCH_MS } from '../shell/apps/clock.ts';
import { PcapRecorder } from './pcap.ts';

const USAGE = `usage: netsim run FILE [--json] [--seed N] [--pcap DIR]
       netsim explain FILE [--seed N]
  run:     runs a scenario headless: each non-comment line of a .sh file is one command.
  explain: runs it and prints the ip/bridge/iptables/sysctl commands Docker performed, as a
           script to replay on a real machine.
  --json    print {"steps":[{"line","command","exitCode","stdout"}]}
  --seed N  seed for MACs, ports and timings (default 1)
  --pcap DIR  capture every device for the whole run: DIR/<namespace>-<device>.pcap
`;

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd !== 'run' && cmd !== 'explain') {
    process.stderr.write(cmd === undefined || cmd === '--help' || cmd === '-h' ? USAGE : `netsim: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  let file: string | null = null;
  let json = false;
  let seed = 1;
  let pcapDir: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--pcap') {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) {
        process.stderr.write('netsim: --pcap expects a directory\n');
        return 2;
      }
      pcapDir = v;
    } else if (a === '--seed') {
      const v = rest[++i];
      if (v === undefined || !/^\d+$/.test(v)) {
        process.stderr.write(`netsim: --seed expects a non-negative integer, got ${v === undefined ? 'nothing' : `"${v}"`}\n`);
        return 2;
      }
      seed = Number(v);
    } else if (a.startsWith('--')) {
      process.stderr.write(`netsim: unknown option "${a}"\n${USAGE}`);
      return 2;
    } else if (file === null) file = a;
    else {
      process.stderr.write(`netsim: one FILE expected, got "${file}" and "${a}"\n`);
      return 2;
    }
  }
  if (file === null) {
    process.stderr.write(`netsim: run needs a FILE\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : code === 'EACCES' ? 'Permission denied' : String(e);
    process.stderr.write(`${file}:0: cannot read file: ${why}\n`);
    return 2;
  }
  const shell = createMachine(seed);
  const recorder = pcapDir === null ? null : new PcapRecorder(shell.kernel, Math.floor(SIM_EPOCH_MS / 1000));
  recorder?.start();
  loadScenarioFiles(shell, siblingDataFiles(file));
  const result = runScript(shell, file, text);
  recorder?.stop();
  if (result.error) {
    process.stderr.write(`${result.error}\n`);
    return 2;
  }
  if (recorder && pcapDir !== null) {
    const paths = recorder.writeTo(pcapDir);
    process.stderr.write(`netsim: wrote ${paths.length} pcap file${paths.length === 1 ? '' : 's'} to ${pcapDir}\n`);
  }
  if (cmd === 'explain') {
    process.stdout.write(explainSteps(existingDaemon(shell.kernel)?.steps ?? []));
    return 0;
  }
  if (json) {
    process.stdout.write(JSON.stringify({ steps: result.steps }) + '\n');
  } else {
    for (const s of result.steps) process.stdout.write(`$ ${s.command}\n${s.stdout}`);
  }
  return 0;
}

/** The data files (compose, rules) next to a scenario, which its commands may name. */
function siblingDataFiles(file: string): Record<string, string> {
  const dir = dirname(file);
  const out: Record<string, string> = {};
  try {
    for (const f of readdirSync(dir)) if (SCENARIO_DATA_FILE.test(f) && f !== basename(file)) out[f] = readFileSync(join(dir, f), 'utf8');
  } catch {
    // An unreadable folder just means no data files.
  }
  return out;
}

process.exitCode = main(process.argv.slice(2));
