/**
 * Live conformance: runs every script on this machine's real kernel (as root, each in its
 * own network and mount namespace, via kernel-run.py) and compares every line's exit code
 * with the recording and with the simulator.
 *
 *   npm run conformance:live [-- SCRIPT...]
 *
 * Needs root, iproute2, iptables, netcat-openbsd and iputils-ping. Exits 1 on any mismatch
 * outside the known differences listed in compare.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOCKER_CASES, buildReplay } from './docker-replay.ts';
import { CONFORMANCE_DIR, KNOWN_DIFFERENCES, NEEDS_LATER_WORK, allowedMismatches, compareWithSimulator, conformanceScripts, diffSteps, loadExpected } from './compare.ts';

const run = promisify(execFile);

async function missingPrerequisites(): Promise<string[]> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const tool of ['ip', 'iptables', 'nc', 'ping', 'unshare', 'python3']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      missing.push(tool);
    }
  }
  return missing;
}

async function liveRun(script: string): Promise<{ line: number; exitCode: number; stdout: string }[]> {
  const { stdout } = await run('python3', [join(CONFORMANCE_DIR, 'kernel-run.py'), join(CONFORMANCE_DIR, script)], { maxBuffer: 64 << 20, timeout: 600_000 });
  return (JSON.parse(stdout) as { steps: { line: number; exitCode: number; stdout: string }[] }).steps;
}

async function main(): Promise<number> {
  const missing = await missingPrerequisites();
  if (missing.length > 0) {
    console.error(`conformance:live needs ${missing.join(', ')}; nothing was run.`);
    return 2;
  }
  const wanted = process.argv.slice(2);
  const scripts = wanted.length ? wanted.map((s) => s.split('/').pop() as string) : conformanceScripts();
  for (const s of scripts) if (!existsSync(join(CONFORMANCE_DIR, s))) {
    console.error(`no such script: ${s}`);
    return 2;
  }
  let failures = 0;
  const queue = [...scripts];
  const results = new Map<string, string[]>();
  // One at a time: the kernel's timing is steadier on an idle machine.
  await Promise.all(
    [0].map(async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        const lines: string[] = [];
        const expected = loadExpected(s);
        const known = KNOWN_DIFFERENCES[s] ?? {};
        // The real kernel's timing can wobble on a loaded machine (a ping right after a link
        // comes up): a script whose run differs from its recording runs up to twice more.
        let live = await liveRun(s);
        let kernelVsRecorded = diffSteps(expected, live).filter((m) => !(m.line in known));
        // Up to two more runs: a line that wobbles under load matches again on a later one.
        for (let attempt = 2; attempt <= 3 && kernelVsRecorded.length > 0; attempt++) {
          const again = await liveRun(s);
          const d2 = diffSteps(expected, again).filter((m) => !(m.line in known));
          lines.push(`  (kernel run differed from the recording at line ${kernelVsRecorded.map((m) => m.line).join(', ')}; run ${attempt}: ${d2.length === 0 ? 'matches' : 'still differs'})`);
          if (d2.length < kernelVsRecorded.length) {
            live = again;
            kernelVsRecorded = d2;
          }
        }
        for (const m of kernelVsRecorded) lines.push(`  kernel differs from recording at line ${m.line} (${m.command}): recorded ${m.expected}, now ${m.actual}`);
        if (!(s in NEEDS_LATER_WORK)) {
          const allowed = allowedMismatches(s);
          const simVsLive = compareWithSimulator(s).filter((m) => !(m.line in allowed));
          const liveByLine = new Map(live.map((x) => [x.line, x.exitCode]));
          for (const m of simVsLive) lines.push(`  simulator differs at line ${m.line} (${m.command}): kernel ${liveByLine.get(m.line)}, simulator ${m.actual}`);
        }
        failures += lines.filter((l) => !l.startsWith('  (')).length;
        const pending = Object.keys(allowedMismatches(s)).length - Object.keys(known).length;
        const tag = s in NEEDS_LATER_WORK ? ` (simulator not compared: needs ${NEEDS_LATER_WORK[s]})` : pending > 0 ? ` (${pending} not yet modelled in the simulator, see pending.json)` : '';
        const failed = lines.some((l) => !l.startsWith('  ('));
        results.set(s, [`${!failed ? 'ok  ' : 'FAIL'} ${s}: ${expected.steps.length} lines${tag}`, ...lines]);
        console.log(results.get(s)!.join('\n'));
      }
    }),
  );
  // What Docker did, replayed on the real kernel: the probes must give the simulator's results.
  if (wanted.length === 0) {
    for (const c of DOCKER_CASES) {
      const r = buildReplay(c);
      const file = join(tmpdir(), `netsim-docker-${c.name}.sh`);
      writeFileSync(file, r.script);
      const { stdout } = await run('python3', [join(CONFORMANCE_DIR, 'kernel-run.py'), file], { maxBuffer: 64 << 20, timeout: 600_000 });
      const live = (JSON.parse(stdout) as { steps: { command: string; exitCode: number }[] }).steps;
      const liveCodes = r.probes.map((p) => live.find((s) => s.command === p.line)?.exitCode);
      const setupFailures = live.filter((s) => !r.probes.some((p) => p.line === s.command) && !s.command.endsWith('&') && s.exitCode !== 0);
      const diff = r.probes.filter((_, i) => liveCodes[i] !== r.dockerCodes[i]);
      const ok = diff.length === 0 && setupFailures.length === 0;
      console.log(`${ok ? 'ok  ' : 'FAIL'} docker replay ${c.name}: ${r.probes.length} probes`);
      for (const s of setupFailures) console.log(`  the kernel refused a command Docker ran: ${s.command} (exit ${s.exitCode})`);
      for (const p of diff) console.log(`  probe ${p.line}: simulator ${r.dockerCodes[r.probes.indexOf(p)]}, kernel ${liveCodes[r.probes.indexOf(p)]}`);
      if (!ok) failures++;
    }
  }
  console.log(failures === 0 ? `\nall ${scripts.length} scripts and the Docker replays match the live kernel` : `\n${failures} mismatching lines`);
  return failures === 0 ? 0 : 1;
}

main().then((code) => (process.exitCode = code));
