/**
 * The terminal: xterm.js with a small line editor of our own (xterm only draws; the shell is
 * the simulator's). Enter runs the line; Up/Down browse the history (kept across reloads);
 * Tab completes command, namespace, container and device names; Ctrl+A/E/U/C/L as in bash.
 * A plain-text copy of the session sits in a visually hidden live region, for screen readers.
 */
import { Terminal as Xterm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { h } from './dom.ts';
import type { Theme } from './theme.ts';

export interface Terminal {
  /** Prints a command's output (plain text, \n line ends). */
  print(text: string, style?: 'output' | 'error' | 'note' | 'command' | 'exit'): void;
  /** Shows the prompt again (after a command finished). */
  prompt(): void;
  focus(): void;
  clear(): void;
  setTheme(theme: Theme): void;
  /** The history, oldest first. */
  readonly history: readonly string[];
}

export interface TerminalOptions {
  readonly onSubmit: (line: string) => void;
  /** The prompt's text, e.g. "c1" for a container. */
  readonly promptLabel: () => string;
  /** Candidates for the word being typed (`words` before it, `prefix` so far). */
  readonly complete: (words: readonly string[], prefix: string) => readonly string[];
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const HISTORY_KEY = 'netsim.history.v1';
export const MAX_HISTORY = 500;
const MAX_TRANSCRIPT_LINES = 400;

const STYLES = {
  output: '',
  error: '\x1b[31m',
  note: '\x1b[2;36m',
  command: '\x1b[1m',
  exit: '\x1b[33m',
} as const;

const THEMES = {
  dark: { background: '#0b1220', foreground: '#e2e8f0', cursor: '#22c55e', selectionBackground: '#334155' },
  light: { background: '#ffffff', foreground: '#0f172a', cursor: '#16a34a', selectionBackground: '#cbd5e1' },
} as const;

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function createTerminal(container: HTMLElement, options: TerminalOptions): Terminal {
  const storage = options.storage ?? window.localStorage;
  const host = h('div', { class: 'xterm-host', 'data-testid': 'terminal' });
  const transcript = h('div', { class: 'visually-hidden', 'data-testid': 'terminal-output', role: 'log', 'aria-live': 'polite', 'aria-label': 'Terminal transcript' });
  container.append(host, transcript);
  const term = new Xterm({
    fontFamily: '"DejaVu Sans Mono", "JetBrains Mono", ui-monospace, Menlo, Consolas, monospace',
    fontSize: 13,
    cursorBlink: true,
    convertEol: true,
    scrollback: 5000,
    theme: THEMES.dark,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(host);
  term.textarea?.setAttribute('aria-label', 'Terminal input: type a command and press Enter');
  term.textarea?.setAttribute('data-testid', 'command-input');
  new ResizeObserver(() => {
    try {
      fitAddon.fit();
    } catch {
      // not laid out yet
    }
  }).observe(host);

  let history: string[] = [];
  try {
    const raw = storage.getItem(HISTORY_KEY);
    if (raw) history = (JSON.parse(raw) as string[]).filter((x) => typeof x === 'string').slice(-MAX_HISTORY);
  } catch {
    history = [];
  }
  let line = '';
  let pos = 0;
  let browsing = history.length;
  let draft = '';
  let lastTab = false;

  const promptText = () => `\x1b[1;32m${options.promptLabel()}\x1b[0m:\x1b[1;34m~\x1b[0m# `;

  function redraw(): void {
    // Back to the start of the line, reprint, put the cursor where it belongs.
    term.write(`\r\x1b[K${promptText()}${line}`);
    const back = line.length - pos;
    if (back > 0) term.write(`\x1b[${back}D`);
  }

  function addTranscript(text: string, kind: string): void {
    for (const l of text.split('\n')) transcript.append(h('div', { class: `t-${kind}` }, l));
    while (transcript.childElementCount > MAX_TRANSCRIPT_LINES) transcript.firstElementChild?.remove();
  }

  function remember(entry: string): void {
    if (history[history.length - 1] !== entry) history.push(entry);
    if (history.length > MAX_HISTORY) history = history.slice(-MAX_HISTORY);
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch {
      // history just does not survive a reload
    }
  }

  function submit(): void {
    const entry = line.trim();
    term.write('\r\n');
    addTranscript(`${options.promptLabel()}:~# ${line}`, 'command');
    line = '';
    pos = 0;
    draft = '';
    if (entry !== '') {
      remember(entry);
      browsing = history.length;
      options.onSubmit(entry);
    } else {
      browsing = history.length;
      term.write(promptText());
    }
  }

  function complete(): void {
    const before = line.slice(0, pos);
    const match = /(\S*)$/.exec(before)!;
    const prefix = match[1];
    const words = before.slice(0, before.length - prefix.length).trim().split(/\s+/).filter(Boolean);
    const candidates = [...new Set(options.complete(words, prefix).filter((c) => c.startsWith(prefix)))].sort();
    if (candidates.length === 0) return;
    const common = commonPrefix(candidates);
    if (candidates.length === 1 || common.length > prefix.length) {
      const insert = common.slice(prefix.length) + (candidates.length === 1 ? ' ' : '');
      line = line.slice(0, pos) + insert + line.slice(pos);
      pos += insert.length;
      redraw();
      lastTab = false;
      return;
    }
    if (lastTab) {
      term.write(`\r\n${candidates.join('  ')}\r\n`);
      redraw();
    }
    lastTab = true;
  }

  function insert(text: string): void {
    line = line.slice(0, pos) + text + line.slice(pos);
    pos += text.length;
    redraw();
  }

  term.onData((data) => {
    if (data !== '\t') lastTab = false;
    // A paste of several lines runs each one.
    if (data.length > 1 && /[\r\n]/.test(data)) {
      const parts = data.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        insert(part);
        if (i < parts.length - 1) submit();
      });
      return;
    }
    switch (data) {
      case '\r':
        submit();
        return;
      case '\x7f':
      case '\b':
        if (pos > 0) {
          line = line.slice(0, pos - 1) + line.slice(pos);
          pos -= 1;
          redraw();
        }
        return;
      case '\x1b[3~':
        line = line.slice(0, pos) + line.slice(pos + 1);
        redraw();
        return;
      case '\x1b[D':
        if (pos > 0) pos -= 1;
        redraw();
        return;
      case '\x1b[C':
        if (pos < line.length) pos += 1;
        redraw();
        return;
      case '\x1b[H':
      case '\x01':
        pos = 0;
        redraw();
        return;
      case '\x1b[F':
      case '\x05':
        pos = line.length;
        redraw();
        return;
      case '\x15':
        line = line.slice(pos);
        pos = 0;
        redraw();
        return;
      case '\x03':
        term.write('^C\r\n');
        line = '';
        pos = 0;
        browsing = history.length;
        term.write(promptText());
        return;
      case '\x0c':
        term.clear();
        redraw();
        return;
      case '\x1b[A':
        if (browsing > 0) {
          if (browsing === history.length) draft = line;
          browsing -= 1;
          line = history[browsing];
          pos = line.length;
          redraw();
        }
        return;
      case '\x1b[B':
        if (browsing < history.length) {
          browsing += 1;
          line = browsing === history.length ? draft : history[browsing];
          pos = line.length;
          redraw();
        }
        return;
      case '\t':
        complete();
        return;
      default:
        if (data.startsWith('\x1b')) return;
        insert(data.replace(/[\x00-\x1f]/g, ''));
    }
  });

  term.write(promptText());

  return {
    print(text, style = 'output') {
      if (text === '') return;
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      // Output arrives between prompts: clear the prompt line first, then reprint it after.
      term.write(`\r\x1b[K${STYLES[style]}${body}${STYLES[style] ? '\x1b[0m' : ''}\r\n`);
      addTranscript(body, style);
    },
    prompt() {
      term.write(`\r\x1b[K${promptText()}${line}`);
      const back = line.length - pos;
      if (back > 0) term.write(`\x1b[${back}D`);
    },
    focus() {
      term.focus();
    },
    clear() {
      term.clear();
      transcript.replaceChildren();
    },
    setTheme(theme) {
      term.options.theme = THEMES[theme];
    },
    get history() {
      return history;
    },
  };
}
