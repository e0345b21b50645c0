import type { ScriptResult, StepResult } from '../api/types.ts';
import type { Shell } from '../shell/shell.ts';
import { parseScript } from './script.ts';
import { hostFileSystem } from '../shell/fs.ts';

/** Data files a scenario uses (compose files, iptables-restore rules): what its folder holds. */
export const SCENARIO_DATA_FILE = /\.(ya?ml|rules|v4|conf|txt)$/;

/** Puts a scenario's data files on the machine, at / (the shell's working directory). */
export function loadScenarioFiles(shell: Shell, files: Record<string, string>): void {
  const fs = hostFileSystem(shell.kernel);
  for (const [name, text] of Object.entries(files)) fs.write(`/${name}`, text);
}

/** Runs a `.sh` scenario through a shell, one step per command line. */
export function runScript(shell: Shell, fileName: string, text: string): ScriptResult {
  const parsed = parseScript(text);
  if (!parsed.ok) return { steps: [], error: `${fileName}:${parsed.line}: ${parsed.reason}` };
  const steps: StepResult[] = [];
  for (const { line, command } of parsed.lines) {
    const r = shell.run(command);
    steps.push({ line, command, exitCode: r.exitCode, stdout: r.output });
  }
  return { steps };
}
