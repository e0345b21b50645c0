/**
 * bash's `kill` and `wait` for background captures (`tcpdump ... &`).
 *
 * A real terminal shows a background tcpdump's lines the moment packets arrive, in the middle
 * of whatever runs next. Here each command's output belongs to that command, so a background
 * capture keeps its lines until it ends, and the command that ends it prints them:
 *
 *   kill %N   ends the capture as Ctrl-C or SIGTERM would: its lines, the newline tcpdump
 *             prints when interrupted, and the "N packets captured" summary (stderr);
 *   wait      lets virtual time run until captures with -c have their packets (at most
 *             FOREGROUND_LIMIT), then prints each finished capture's lines and summary.
 *
 * Only captures are jobs here: other background commands (nc -l &) are not in this table.
 */
import type { Command, CommandContext } from '../context.ts';
import { type Job, jobsOf, removeJob } from './capture.ts';
import { FOREGROUND_LIMIT } from './tcpdump.ts';

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/** Signal names and numbers bash accepts (the ones that matter to a capture). */
const SIGNALS: Readonly<Record<string, number>> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, CONT: 18, STOP: 19 };
/** tcpdump's cleanup() handles these: it stops, prints its summary and exits 0. */
const GRACEFUL = new Set([1, 2, 13, 15]);

function parseSignal(spec: string): number | null {
  if (/^\d+$/.test(spec)) return Number(spec) <= 64 ? Number(spec) : null;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return SIGNALS[name] ?? null;
}

/** A job spec: %N, %% / %+ (current), %- (previous), %name (command prefix), %?text. */
function findJob(ctx: CommandContext, builtin: string, spec: string): Job | string {
  const jobs = jobsOf(ctx.kernel);
  const noSuch = `bash: line 1: ${builtin}: ${spec}: no such job\n`;
  const s = spec.slice(1);
  if (s === '' || s === '%' || s === '+') return jobs[jobs.length - 1] ?? noSuch;
  if (s === '-') return jobs[jobs.length - 2] ?? jobs[jobs.length - 1] ?? noSuch;
  if (/^\d+$/.test(s)) return jobs.find((j) => j.id === Number(s)) ?? noSuch;
  const matches = s.startsWith('?') ? jobs.filter((j) => j.command.includes(s.slice(1))) : jobs.filter((j) => j.command.startsWith(s));
  if (matches.length > 1) return `bash: line 1: ${builtin}: ${s}: ambiguous job spec\n`;
  return matches[0] ?? noSuch;
}

/** Prints what the capture printed (and what it prints as it exits); the job is then done. */
function finish(ctx: CommandContext, job: Job, interrupted: boolean, graceful = true): void {
  const c = job.capture;
  c.stop();
  ctx.out(c.pending);
  c.pending = '';
  if (graceful) {
    // pcap_breakloop'd: tcpdump ends the terminal line it may have been in the middle of.
    if (interrupted && (c.spec.write === null || c.spec.print)) ctx.out('\n');
    ctx.err(c.summary());
  }
  job.done = true;
}

export const killCommand: Command = (ctx, argv) => {
  let signal = 15;
  let i = 1;
  const a = argv[1];
  if (a === '-s' || a === '-n') {
    const v = argv[2];
    if (v === undefined) {
      ctx.err(`bash: line 1: kill: ${a}: option requires an argument\n${KILL_USAGE}`);
      return 2;
    }
    const n = parseSignal(v);
    if (n === null) {
      ctx.err(`bash: line 1: kill: ${v}: invalid signal specification\n`);
      return 1;
    }
    signal = n;
    i = 3;
  } else if (a !== undefined && a.startsWith('-') && a !== '-' && a !== '--') {
    const n = parseSignal(a.slice(1));
    if (n === null) {
      ctx.err(`bash: line 1: kill: ${a.slice(1)}: invalid signal specification\n`);
      return 1;
    }
    signal = n;
    i = 2;
  } else if (a === '--') i = 2;
  const targets = argv.slice(i);
  if (targets.length === 0) {
    ctx.err(KILL_USAGE);
    return 2;
  }
  let status = 0;
  for (const t of targets) {
    if (!t.startsWith('%')) {
      // No simulated process has a PID a script could know.
      ctx.err(/^-?\d+$/.test(t) ? `bash: line 1: kill: (${t}) - No such process\n` : `bash: line 1: kill: ${t}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const job = findJob(ctx, 'kill', t);
    if (typeof job === 'string') {
      ctx.err(job);
      status = 1;
      continue;
    }
    // SIGCONT/SIGSTOP do not end a capture (the simulator has no stopped state); a job already
    // killed is a process that is gone but not yet waited for: bash says nothing.
    if (signal === 18 || signal === 19 || signal === 0 || job.done) continue;
    // A capture that already stopped on -c exited normally: its output, no interruption.
    finish(ctx, job, !job.capture.ended, GRACEFUL.has(signal) || job.capture.ended);
  }
  return status;
};

export const waitCommand: Command = (ctx, argv) => {
  const specs = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  let jobs: Job[];
  let status = 0;
  if (specs.length === 0) jobs = [...jobsOf(ctx.kernel)];
  else {
    jobs = [];
    for (const s of specs) {
      const j = s.startsWith('%') ? findJob(ctx, 'wait', s) : `bash: line 1: wait: pid ${s} is not a child of this shell\n`;
      if (typeof j === 'string') {
        ctx.err(j);
        status = 127;
      } else jobs.push(j);
    }
  }
  // Captures with -c end by themselves: let time run until they have (within the limit).
  const finite = jobs.filter((j) => !j.done && j.capture.spec.count !== null);
  const allEnded = (): boolean => finite.every((j) => j.capture.ended);
  // (The scheduler checks the stop condition only after an event: do not start it for nothing.)
  if (!allEnded()) ctx.kernel.sched.runFor(FOREGROUND_LIMIT, allEnded);
  for (const j of jobs) {
    if (j.done) removeJob(ctx.kernel, j);
    else if (j.capture.ended) {
      finish(ctx, j, false);
      removeJob(ctx.kernel, j);
    } else {
      const why = j.capture.spec.count === null ? 'has no -c and runs until it is killed' : `had not captured ${j.capture.spec.count} packets after ${FOREGROUND_LIMIT / 1e9} s of virtual time`;
      ctx.err(`wait: %${j.id} (${j.command}) ${why}; end it with kill %${j.id}\n`);
    }
  }
  return status;
};
