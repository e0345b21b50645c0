/**
 * The page: header, namespace panel, topology graph and terminal, wired to the engine worker
 * through src/api/client.ts. On start it runs scenarios/default.sh so the page opens with a
 * world in it.
 */
import './app.css';
import defaultScenario from '../../scenarios/default.sh?raw';
import { createEngineClient } from '../api/client.ts';
import { h } from './dom.ts';
import { createGraphView } from './graph-view.ts';
import { createNamespacePanel } from './namespace-panel.ts';
import { createAppStore, type AppState, type EngineStatus } from './store.ts';
import { createTerminal } from './terminal.ts';

const DEFAULT_SCENARIO_FILE = 'scenarios/default.sh';

const STATUS_TEXT: Record<EngineStatus, string> = {
  starting: 'Starting engine…',
  ready: 'Ready',
  busy: 'Running…',
  restarted: 'Engine restarted',
  failed: 'Engine stopped',
};

function mount(root: HTMLElement): void {
  const store = createAppStore();
  const { dispatch } = store;

  const status = h('span', { class: 'status', 'data-testid': 'status', role: 'status' });
  const summary = h('span', { class: 'world-summary' });
  const resetButton = h(
    'button',
    { type: 'button', class: 'reset', title: `Throw the world away and run ${DEFAULT_SCENARIO_FILE} again` },
    'Reset world',
  );
  const header = h(
    'header',
    { class: 'app-header' },
    h('h1', {}, 'netsim', h('span', { class: 'subtitle' }, 'container network simulator')),
    summary,
    h('div', { class: 'header-actions' }, status, resetButton),
  );
  const panelSection = h('aside', { class: 'panel namespaces-panel', 'aria-label': 'Namespaces' });
  const graphSection = h('section', { class: 'panel graph-panel', 'aria-label': 'Topology' });
  const terminalSection = h('section', { class: 'panel terminal-panel', 'aria-label': 'Terminal' });
  root.replaceChildren(header, h('main', { class: 'workspace' }, panelSection, graphSection), terminalSection);

  const graph = createGraphView(graphSection, { onSelect: (nodeId) => panel.select(nodeId) });
  const panel = createNamespacePanel(panelSection, { onHover: (nodeId) => graph.highlight(nodeId) });

  /** Set when the worker failed for good: every later call fails, and the status says so. */
  let engineGone = false;
  const client = createEngineClient({
    onWorkerFailure({ reason, restarted }) {
      if (restarted) {
        dispatch({ type: 'error', text: `The engine stopped (${reason}). A new, empty world was started; Reset world loads the default scenario again.` });
        dispatch({ type: 'status', status: 'restarted', detail: reason });
        void enqueue(refresh);
      } else {
        engineGone = true;
        dispatch({ type: 'error', text: `The engine stopped (${reason}) and could not be restarted. Reload the page.` });
        dispatch({ type: 'status', status: 'failed', detail: reason });
      }
    },
  });

  // One thing at a time reaches the engine, in the order the user asked for it.
  let queue: Promise<void> = Promise.resolve();
  function enqueue(task: () => Promise<void>): Promise<void> {
    queue = queue.then(task).catch((error: unknown) => {
      dispatch({ type: 'error', text: `netsim: ${error instanceof Error ? error.message : String(error)}` });
    });
    return queue;
  }

  async function refresh(): Promise<void> {
    dispatch({ type: 'namespaces-loaded', namespaces: await client.namespaces() });
  }

  async function busy(task: () => Promise<void>): Promise<void> {
    if (engineGone) return task();
    dispatch({ type: 'status', status: 'busy' });
    try {
      await task();
    } finally {
      // A worker failure during the task has set its own status; keep that one visible.
      if (store.getState().status === 'busy') dispatch({ type: 'status', status: 'ready' });
    }
  }

  function runDefaultScenario(): Promise<void> {
    return enqueue(() =>
      busy(async () => {
        dispatch({ type: 'note', text: `# running ${DEFAULT_SCENARIO_FILE}` });
        const result = await client.runScript(DEFAULT_SCENARIO_FILE, defaultScenario);
        dispatch({ type: 'script-finished', fileName: DEFAULT_SCENARIO_FILE, result });
        await refresh();
        dispatch({ type: 'note', text: '# your turn: type a command below' });
      }),
    );
  }

  const terminal = createTerminal(terminalSection, {
    history: () => store.getState().history,
    onClear: () => dispatch({ type: 'terminal-cleared' }),
    onSubmit(line) {
      dispatch({ type: 'command-typed', line });
      void enqueue(() =>
        busy(async () => {
          dispatch({ type: 'command-finished', result: await client.exec(line) });
          await refresh();
        }),
      );
    },
  });

  resetButton.addEventListener('click', () => {
    dispatch({ type: 'terminal-cleared' });
    void enqueue(async () => {
      await client.reset();
      dispatch({ type: 'note', text: '# world reset' });
    });
    void runDefaultScenario();
    terminal.focus();
  });

  function render(state: AppState, previous: AppState | undefined): void {
    if (state.namespaces !== previous?.namespaces) {
      panel.render(state.namespaces);
      graph.render(state.namespaces);
      const devices = state.namespaces.reduce((sum, ns) => sum + ns.devices.length, 0);
      summary.textContent = `${state.namespaces.length} namespaces · ${devices} devices`;
    }
    if (state.lines !== previous?.lines) terminal.render(state.lines);
    if (state.status !== previous?.status || state.statusDetail !== previous?.statusDetail) {
      status.textContent = STATUS_TEXT[state.status];
      status.className = `status status-${state.status}`;
      status.title = state.statusDetail;
    }
  }
  store.subscribe(render);
  render(store.getState(), undefined);

  void runDefaultScenario();
  terminal.focus();
}

mount(document.getElementById('app')!);
