/**
 * The terminal: what ran and what it printed, and the command box under it. Enter runs the
 * line; Up and Down browse earlier commands, as in a shell; Ctrl+L clears the screen.
 */
import { h } from './dom.ts';
import type { TerminalLine } from './store.ts';

export interface Terminal {
  render(lines: readonly TerminalLine[]): void;
  focus(): void;
}

export interface TerminalOptions {
  readonly onSubmit: (line: string) => void;
  readonly onClear: () => void;
  /** Commands typed so far, oldest first. */
  readonly history: () => readonly string[];
}

/** How close to the bottom (px) still counts as "following the output". */
const FOLLOW_SLACK_PX = 40;

function lineElement(line: TerminalLine): HTMLElement {
  switch (line.kind) {
    case 'command':
      return h(
        'div',
        { class: 'line command' },
        h('span', { class: 'prompt' }, '$ '),
        h('span', { class: 'command-text' }, line.text),
        line.source !== undefined && h('span', { class: 'source' }, line.source),
      );
    case 'output':
      return h('div', { class: 'line output' }, line.text);
    case 'exit':
      return h('div', { class: 'line exit' }, h('span', { class: 'exit-code' }, `exit ${line.code}`));
    case 'note':
      return h('div', { class: 'line note' }, line.text);
    case 'error':
      return h('div', { class: 'line error' }, line.text);
  }
}

export function createTerminal(container: HTMLElement, options: TerminalOptions): Terminal {
  const output = h('div', { class: 'terminal-output', 'data-testid': 'terminal-output', role: 'log', 'aria-live': 'polite' });
  const input = h('input', {
    class: 'command-input',
    'data-testid': 'command-input',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    'aria-label': 'Command',
    placeholder: 'Type a command, e.g. ip netns exec c1 ping -c 1 -W 1 10.0.0.3  (↑/↓: history)',
  });
  const form = h('form', { class: 'command-box' }, h('label', { class: 'prompt', for: 'command-input' }, '$'), input);
  input.id = 'command-input';
  container.append(output, form);

  let rendered: readonly TerminalLine[] = [];
  /** Position while browsing history; history().length means "the line being typed". */
  let cursor = 0;
  let draft = '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const line = input.value.trim();
    input.value = '';
    draft = '';
    if (line !== '') options.onSubmit(line);
    cursor = options.history().length + (line === '' ? 0 : 1);
  });

  input.addEventListener('keydown', (event) => {
    const history = options.history();
    cursor = Math.min(cursor, history.length);
    if (event.key === 'ArrowUp' && cursor > 0) {
      if (cursor === history.length) draft = input.value;
      cursor -= 1;
      input.value = history[cursor];
    } else if (event.key === 'ArrowDown' && cursor < history.length) {
      cursor += 1;
      input.value = cursor === history.length ? draft : history[cursor];
    } else if (event.key === 'l' && event.ctrlKey) {
      options.onClear();
    } else {
      return;
    }
    event.preventDefault();
    input.setSelectionRange(input.value.length, input.value.length);
  });

  // A click on the output (not a text selection) puts the caret back in the command box.
  output.addEventListener('mouseup', () => {
    if (window.getSelection()?.isCollapsed !== false) input.focus();
  });

  return {
    render(lines) {
      const following = output.scrollHeight - output.scrollTop - output.clientHeight < FOLLOW_SLACK_PX;
      const appendOnly =
        rendered.length > 0 && lines.length >= rendered.length && lines[rendered.length - 1] === rendered[rendered.length - 1];
      if (appendOnly) {
        output.append(...lines.slice(rendered.length).map(lineElement));
      } else {
        output.replaceChildren(...lines.map(lineElement));
      }
      rendered = lines;
      if (following) output.scrollTop = output.scrollHeight;
    },
    focus() {
      input.focus();
    },
  };
}
