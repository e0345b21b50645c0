/**
 * The page's state: the world's topology as last fetched, the engine's status, what is
 * selected (a namespace, the terminal's target), the view, and the scenario being stepped
 * through. A zustand vanilla store driven by a pure reducer, so it is tested without a DOM.
 * Timeline and player state live apart (timeline.ts, player.ts): they change every frame.
 */
import { createStore } from 'zustand/vanilla';
import type { Topology } from '../api/types.ts';
import { hostKey } from './names.ts';
import type { Narrative } from './scenarios.ts';
import type { ViewMode } from './views.ts';

export type EngineStatus = 'starting' | 'ready' | 'busy' | 'restarted' | 'failed';

/** Where the terminal's commands run. */
export type TerminalTarget =
  | { readonly kind: 'host' }
  | { readonly kind: 'netns'; readonly name: string }
  /** `host`: the named namespace whose Docker daemon runs it (absent for the machine's own). */
  | { readonly kind: 'container'; readonly name: string; readonly host?: string };

export interface ScenarioState {
  readonly name: string;
  readonly text: string;
  readonly narrative: Narrative;
  /** Index of the next step to run. */
  readonly next: number;
}

export interface AppState {
  readonly topology: Topology;
  readonly status: EngineStatus;
  /** Shown next to the status: why the engine restarted or failed. */
  readonly statusDetail: string;
  /** The namespace whose tables show (summary name, "" for the root). */
  readonly selectedNs: string;
  readonly target: TerminalTarget;
  readonly view: ViewMode;
  /** True once the user picked a view; until then it follows the world (Docker when it runs). */
  readonly viewChosen: boolean;
  /** The picture (kernel or Docker view), or the "Bridge vs overlay" screen in its place. */
  readonly screen: 'picture' | 'compare';
  readonly scenario: ScenarioState | null;
  /** Why the last scenario could not be loaded ("file:line: reason"). */
  readonly scenarioError: string | null;
}

export type AppAction =
  | { readonly type: 'topology'; readonly topology: Topology }
  | { readonly type: 'status'; readonly status: EngineStatus; readonly detail?: string }
  | { readonly type: 'select-namespace'; readonly ns: string }
  | { readonly type: 'target'; readonly target: TerminalTarget }
  | { readonly type: 'view'; readonly view: ViewMode }
  | { readonly type: 'screen'; readonly screen: AppState['screen'] }
  | { readonly type: 'scenario-loaded'; readonly scenario: ScenarioState }
  | { readonly type: 'scenario-step-done' }
  | { readonly type: 'scenario-error'; readonly error: string | null }
  | { readonly type: 'scenario-closed' };

export const initialState: AppState = {
  topology: { namespaces: [], docker: null },
  status: 'starting',
  statusDetail: '',
  selectedNs: '',
  target: { kind: 'host' },
  view: 'kernel',
  viewChosen: false,
  screen: 'picture',
  scenario: null,
  scenarioError: null,
};

function targetExists(topology: Topology, target: TerminalTarget): boolean {
  if (target.kind === 'host') return true;
  if (target.kind === 'netns') return topology.namespaces.some((ns) => ns.name === target.name && !ns.process);
  return (topology.docker?.containers ?? []).some((c) => c.name === target.name && hostKey(c.host) === (target.host ?? ''));
}

export function reducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'topology': {
      const topology = action.topology;
      const selectedNs = topology.namespaces.some((ns) => ns.name === state.selectedNs) ? state.selectedNs : '';
      const target = targetExists(topology, state.target) ? state.target : { kind: 'host' as const };
      const dockerRuns = (topology.docker?.containers.length ?? 0) > 0;
      const view = state.viewChosen ? state.view : dockerRuns ? 'docker' : 'kernel';
      return { ...state, topology, selectedNs, target, view };
    }
    case 'status':
      return { ...state, status: action.status, statusDetail: action.detail ?? '' };
    case 'select-namespace':
      return { ...state, selectedNs: action.ns };
    case 'target':
      return { ...state, target: action.target };
    case 'view':
      return { ...state, view: action.view, viewChosen: true, screen: 'picture' };
    case 'screen':
      return { ...state, screen: action.screen };
    case 'scenario-loaded':
      return { ...state, scenario: action.scenario, scenarioError: null };
    case 'scenario-step-done':
      return state.scenario ? { ...state, scenario: { ...state.scenario, next: state.scenario.next + 1 } } : state;
    case 'scenario-error':
      return { ...state, scenarioError: action.error };
    case 'scenario-closed':
      return { ...state, scenario: null };
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
