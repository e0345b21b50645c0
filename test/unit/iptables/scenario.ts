/** The scenario format shared by the capture script and the tests. */

export type ScenarioStep = { kind: 'cmd'; cmd: string } | { kind: 'file'; path: string; text: string };

/** One command per line; `#` lines and blank lines are skipped; `@file PATH` ... `@end` is a file. */
export function parseScenario(text: string): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const file = /^@file (\S+)$/.exec(line);
    if (file) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '@end'; i++) body.push(lines[i]);
      steps.push({ kind: 'file', path: file[1], text: body.map((l) => `${l}\n`).join('') });
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    steps.push({ kind: 'cmd', cmd: line });
  }
  return steps;
}

/** The date stamp of iptables-save's header and trailer lines. */
export const SIMULATED_DATE_RE = /on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g;

export interface FixtureStep {
  cmd?: string;
  file?: string;
  text?: string;
  stdout?: string;
  stderr?: string;
  rc?: number;
}
