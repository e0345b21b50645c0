/**
 * A `.sh` scenario: one command per non-blank line; `#` starts a comment; a trailing `&`
 * runs the command in the background. Lines keep their 1-based numbers from the file.
 */
export interface ScriptLine {
  line: number;
  command: string;
}

export type ParsedScript = { ok: true; lines: ScriptLine[] } | { ok: false; line: number; reason: string };

export function parseScript(text: string): ParsedScript {
  if (text.includes('\u0000')) {
    const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
    return { ok: false, line, reason: 'binary data (NUL byte): expected a text file of shell commands, one per line' };
  }
  const lines: ScriptLine[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const command = raw[i].trim();
    if (command === '' || command.startsWith('#')) continue;
    if (command.endsWith('\\')) return { ok: false, line: i + 1, reason: 'line continuation with "\\" is not supported: put each command on one line' };
    const quotes = (command.match(/'/g) ?? []).length;
    const dquotes = (command.replace(/\\"/g, '').match(/"/g) ?? []).length;
    if (quotes % 2 === 1 || dquotes % 2 === 1) return { ok: false, line: i + 1, reason: 'unterminated quote: expected a closing quote on the same line' };
    lines.push({ line: i + 1, command });
  }
  return { ok: true, lines };
}
