/**
 * The page's state: the world's namespaces as last fetched, the terminal's lines and the
 * engine's status. A zustand vanilla store driven by a pure reducer, so the reducer can be
 * tested without a DOM.
 */
import { createStore } from 'zustand/vanilla';
import type { CommandResult, NamespaceSummary, ScriptResult } from '../api/types.ts';

export type TerminalLine =
  /** A command as typed or read from a scenario; `source` is "file:line" for scenario lines. */
  | { readonly kind: 'command'; readonly text: string; readonly source?: string }
  | { readonly kind: 'output'; readonly text: string }
  | { readonly kind: 'exit'; readonly code: number }
  /** Something the page says, not a command: "running scenarios/default.sh". */
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

export type EngineStatus = 'starting' | 'ready' | 'busy' | 'restarted' | 'failed';

export interface AppState {
  readonly namespaces: readonly NamespaceSummary[];
  readonly lines: readonly TerminalLine[];
  readonly status: EngineStatus;
  /** Shown next to the status: why the engine restarted or failed. */
  readonly statusDetail: string;
  /** Commands typed into the command box, oldest first. */
  readonly history: readonly string[];
}

export type AppAction =
  | { readonly type: 'namespaces-loaded'; readonly namespaces: readonly NamespaceSummary[] }
  | { readonly type: 'command-typed'; readonly line: string }
  | { readonly type: 'command-finished'; readonly result: CommandResult }
  | { readonly type: 'script-finished'; readonly fileName: string; readonly result: ScriptResult }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'status'; readonly status: EngineStatus; readonly detail?: string }
  | { readonly type: 'terminal-cleared' };

/** Older terminal lines are dropped beyond this, so a long session stays fast. */
export const MAX_TERMINAL_LINES = 5000;
export const MAX_HISTORY = 500;

export const initialState: AppState = {
  namespaces: [],
  lines: [],
  status: 'starting',
  statusDetail: '',
  history: [],
};

function resultLines(result: CommandResult): TerminalLine[] {
  const lines: TerminalLine[] = [];
  if (result.stdout !== '') lines.push({ kind: 'output', text: result.stdout.replace(/\n$/, '') });
  if (result.exitCode !== 0) lines.push({ kind: 'exit', code: result.exitCode });
  return lines;
}

function appendLines(state: AppState, added: readonly TerminalLine[]): AppState {
  const lines = [...state.lines, ...added];
  return { ...state, lines: lines.length > MAX_TERMINAL_LINES ? lines.slice(-MAX_TERMINAL_LINES) : lines };
}

export function reducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'namespaces-loaded':
      return { ...state, namespaces: action.namespaces };
    case 'command-typed': {
      const last = state.history[state.history.length - 1];
      const history = last === action.line ? state.history : [...state.history, action.line].slice(-MAX_HISTORY);
      return appendLines({ ...state, history }, [{ kind: 'command', text: action.line }]);
    }
    case 'command-finished':
      return appendLines(state, resultLines(action.result));
    case 'script-finished': {
      const lines: TerminalLine[] = action.result.steps.flatMap((step) => [
        { kind: 'command', text: step.command, source: `${action.fileName}:${step.line}` } as const,
        ...resultLines(step),
      ]);
      if (action.result.error !== undefined) lines.push({ kind: 'error', text: action.result.error });
      return appendLines(state, lines);
    }
    case 'note':
      return appendLines(state, [{ kind: 'note', text: action.text }]);
    case 'error':
      return appendLines(state, [{ kind: 'error', text: action.text }]);
    case 'status':
      return { ...state, status: action.status, statusDetail: action.detail ?? '' };
    case 'terminal-cleared':
      return { ...state, lines: [] };
  }
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore(state: AppState = initialState) {
  const store = createStore<AppState>()(() => state);
  return {
    ...store,
    dispatch(action: AppAction): void {
      store.setState((current) => reducer(current, action), true);
    },
  };
}
