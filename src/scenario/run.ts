import type { ScriptResult, StepResult } from '../api/types.ts';
import type { Shell } from '../shell/shell.ts';
import { parseScript } from './script.ts';

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
