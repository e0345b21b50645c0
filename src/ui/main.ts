/**
 * The page: header, scenario panel, topology graph with the packet player, inspector and
 * tables, terminal and event list, wired to the engine worker through src/api/client.ts.
 *
 * Every command goes through one queue, in the order asked for; its result feeds the
 * timeline (events), the world record (for reloads), the terminal, the topology and the
 * table snapshots. On start the page restores the saved world, or opens the scenario named
 * in the URL, or runs scenarios/default.sh.
 */
import './app.css';
import { createEngineClient } from '../api/client.ts';
import type { CommandResult, DockerContainerSummary, NamespaceTables, Topology } from '../api/types.ts';
import { createCompareScreen } from './compare-screen.ts';
import { h } from './dom.ts';
import { createEventList } from './event-list.ts';
import { createGraphView } from './graph-view.ts';
import { createInspector } from './inspector.ts';
import { createPacketLayer, KIND_COLOURS, KIND_LABELS } from './packet-layer.ts';
import { createPlayer, MAX_SPEED, MIN_SPEED, type PlayerState } from './player.ts';
import { createScenarioPanel } from './scenario-panel.ts';
import { findScenario, narrativeOf, readShareHash, shareHash, textOf } from './scenarios.ts';
import { createAppStore, type AppState, type EngineStatus, type TerminalTarget } from './store.ts';
import { createTablesPanel, type TableSnapshots } from './tables-panel.ts';
import { createTerminal } from './terminal.ts';
import { applyTheme, initialTheme, type Theme } from './theme.ts';
import { Timeline } from './timeline.ts';
import { drawingFor, type Drawing } from './views.ts';
import { DEFAULT_SEED, emptyWorld, exportWorld, loadWorld, saveWorld, type WorldRecord } from './world.ts';
import { PACKET_KINDS } from './decode/frame.ts';
import { hostKey, normalizeTopology } from './names.ts';
import { ICONS } from './icons.ts';

const DEFAULT_SCENARIO = 'scenarios/default.sh';
/** Tables of every namespace are kept after each command up to this many namespaces; beyond, only the selected one's. */
const SNAPSHOT_ALL_UP_TO = 12;
const MAX_SNAPSHOT_COMMANDS = 300;

const STATUS_TEXT: Record<EngineStatus, string> = {
  starting: 'Starting engine…',
  ready: 'Ready',
  busy: 'Running…',
  restarted: 'Engine restarted',
  failed: 'Engine stopped',
};

/** Subcommands and words worth completing after a command name. */
const SUBCOMMANDS: Record<string, readonly string[]> = {
  ip: ['link', 'addr', 'address', 'route', 'neigh', 'netns', 'rule', '-n', '-d', '-s', '-br', 'exec', 'add', 'del', 'set', 'show', 'list', 'dev', 'up', 'down', 'master', 'nomaster', 'type', 'veth', 'bridge', 'vxlan', 'vlan', 'macvlan', 'peer', 'name', 'via', 'default', 'get', 'flush'],
  docker: ['run', 'create', 'start', 'stop', 'rm', 'ps', 'exec', 'inspect', 'logs', 'port', 'network', 'images', 'connect', 'disconnect', 'ls', '--name', '--network', '-p', '-d', '--rm', 'alpine', 'nginx', 'busybox'],
  iptables: ['-t', 'nat', 'filter', 'mangle', 'raw', '-A', '-I', '-D', '-L', '-S', '-P', '-F', '-N', '-X', '-n', '-v', '--line-numbers', '-j', 'ACCEPT', 'DROP', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'LOG', 'INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING', '-p', 'tcp', 'udp', 'icmp', '--dport', '--sport', '-s', '-d', '-i', '-o'],
  bridge: ['fdb', 'link', 'show', 'add', 'del', 'dev', 'dst', 'self', 'master'],
  ping: ['-c', '-W', '-I', '-s', '-M', 'do'],
  conntrack: ['-L', '-F', '-C'],
  sysctl: ['-w', 'net.ipv4.ip_forward=1', 'net.ipv4.ip_forward=0'],
};

function iconButton(icon: keyof typeof ICONS, label: string, title: string, testId: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'icon', 'aria-label': label, title, 'data-testid': testId });
  button.innerHTML = ICONS[icon];
  return button;
}

function containerTarget(c: DockerContainerSummary): TerminalTarget {
  const host = hostKey(c.host);
  return host ? { kind: 'container', name: c.name, host } : { kind: 'container', name: c.name };
}

function mount(root: HTMLElement): void {
  const store = createAppStore();
  const { dispatch } = store;
  const timeline = new Timeline();
  let world: WorldRecord = emptyWorld();
  /** Per command index: tables by namespace, as at the end of that command. */
  const snapshots = new Map<number, Map<string, NamespaceTables>>();
  let theme: Theme = initialTheme();
  applyTheme(theme);

  // ---- the page's frame ---------------------------------------------------------------
  const status = h('span', { class: 'status', 'data-testid': 'status', role: 'status' });
  const summary = h('span', { class: 'world-summary', 'data-testid': 'world-summary' });
  const viewDocker = h('button', { type: 'button', 'data-view': 'docker', 'aria-pressed': 'false', title: 'Containers and Docker networks' }, 'Docker view');
  const viewKernel = h('button', { type: 'button', 'data-view': 'kernel', 'aria-pressed': 'false', title: 'Every namespace and device' }, 'Kernel view');
  const viewCompare = h('button', { type: 'button', 'data-view': 'compare', 'aria-pressed': 'false', title: 'The same conversation on a bridge network and on an overlay network, side by side', 'data-testid': 'view-compare' }, 'Bridge vs overlay');
  const themeButton = h('button', { type: 'button', title: 'Switch between light and dark', 'aria-label': 'Switch theme' }, '◐');
  const resetButton = h('button', { type: 'button', class: 'reset', title: `Throw the world away and run ${DEFAULT_SCENARIO} again` }, 'Reset world');
  const header = h(
    'header',
    { class: 'app-header' },
    h('h1', {}, 'netsim', h('span', { class: 'subtitle' }, 'container network simulator')),
    h('div', { class: 'view-switch', role: 'group', 'aria-label': 'Picture' }, viewDocker, viewKernel, viewCompare),
    summary,
    h('div', { class: 'header-actions' }, status, themeButton, resetButton),
  );
  const scenarioSection = h('aside', { class: 'panel scenario-panel', 'aria-label': 'Scenario' });
  const graphSection = h('section', { class: 'panel graph-panel', 'aria-label': 'Topology' });
  const sideTabs = h('div', { class: 'side-tabs', role: 'tablist' });
  const inspectorSection = h('div', { class: 'side-pane inspector-pane', role: 'tabpanel', 'aria-label': 'Packet inspector' });
  const tablesSection = h('div', { class: 'side-pane tables-pane', role: 'tabpanel', 'aria-label': 'Tables', hidden: true });
  const sideSection = h('aside', { class: 'panel side-panel' }, sideTabs, inspectorSection, tablesSection);
  const terminalSection = h('section', { class: 'panel terminal-panel', 'aria-label': 'Terminal' });
  const eventsSection = h('section', { class: 'panel events-panel', 'aria-label': 'Events' });
  const compareSection = h('section', { class: 'panel compare-panel', 'aria-label': 'Bridge versus overlay', hidden: true });
  const workspace = h('main', { class: 'workspace' }, scenarioSection, graphSection, compareSection, sideSection);
  root.replaceChildren(
    header,
    workspace,
    h('div', { class: 'bottom' }, terminalSection, eventsSection),
  );

  const tabs = [
    { button: h('button', { type: 'button', role: 'tab', 'data-testid': 'tab-inspector' }, 'Packet'), pane: inspectorSection },
    { button: h('button', { type: 'button', role: 'tab', 'data-testid': 'tab-tables' }, 'Tables'), pane: tablesSection },
  ];
  function showTab(i: number): void {
    tabs.forEach((t, j) => {
      t.pane.hidden = i !== j;
      t.button.setAttribute('aria-selected', i === j ? 'true' : 'false');
    });
    if (i === 1) refreshTables();
  }
  tabs.forEach((t, i) => {
    t.button.addEventListener('click', () => showTab(i));
    sideTabs.append(t.button);
  });
  showTab(0);

  // ---- the engine -----------------------------------------------------------------------
  let engineGone = false;
  const client = createEngineClient({
    onWorkerFailure({ reason, restarted }) {
      if (restarted) {
        terminal.print(`The engine stopped (${reason}). A new engine is rebuilding the world from its ${world.commands.length} commands.`, 'error');
        dispatch({ type: 'status', status: 'restarted', detail: reason });
        void enqueue(() => replay(world));
      } else {
        engineGone = true;
        terminal.print(`The engine stopped (${reason}) and could not be restarted. Reload the page.`, 'error');
        dispatch({ type: 'status', status: 'failed', detail: reason });
      }
    },
  });

  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
  function enqueue(task: () => Promise<void>): Promise<void> {
    pending += 1;
    renderScenario();
    queue = queue
      .then(async () => {
        if (!engineGone) dispatch({ type: 'status', status: 'busy' });
        await task();
      })
      .catch((error: unknown) => {
        terminal.print(`netsim: ${error instanceof Error ? error.message : String(error)}`, 'error');
      })
      .finally(() => {
        pending -= 1;
        if (pending === 0 && store.getState().status === 'busy') dispatch({ type: 'status', status: 'ready' });
        renderScenario();
      });
    return queue;
  }

  async function refreshTopology(): Promise<Topology> {
    const topology = normalizeTopology(await client.topology());
    dispatch({ type: 'topology', topology });
    return topology;
  }

  /**
   * Keeps the tables as they are at the end of command `cmd`. The requests go to the worker
   * now, before any later command (it answers in order), but nothing waits for them: the next
   * command does not queue behind table reads.
   */
  function snapshot(cmd: number, topology: Topology): void {
    const selected = store.getState().selectedNs;
    const names = topology.namespaces.length <= SNAPSHOT_ALL_UP_TO ? topology.namespaces.map((ns) => ns.name) : [selected];
    const taken = new Map<string, NamespaceTables>();
    snapshots.set(cmd, taken);
    for (const key of snapshots.keys()) if (key < cmd - MAX_SNAPSHOT_COMMANDS) snapshots.delete(key);
    const reads = names.map((name) =>
      client.tables(name).then(
        (tables) => void taken.set(name, tables),
        () => {
          // a namespace that went away between the two calls
        },
      ),
    );
    void Promise.all(reads).then(() => {
      if (cmd === timeline.commands.length - 1) refreshTables();
    });
  }

  const tableSnapshots: TableSnapshots = {
    at: (cmd, ns) => snapshots.get(cmd)?.get(ns),
    latest(ns) {
      const keys = [...snapshots.keys()].sort((a, b) => b - a);
      for (const cmd of keys) {
        const t = snapshots.get(cmd)!.get(ns);
        if (t) return { cmd, tables: t };
      }
      return undefined;
    },
  };

  /** Runs one line in the world: the terminal shows it, the timeline keeps its events. Resolves with its result (undefined when it did not run). */
  function runLine(line: string, source: string, echo: boolean): Promise<CommandResult | undefined> {
    let ran: CommandResult | undefined;
    return enqueue(async () => {
      if (echo) terminal.print(`$ ${line}   # ${source}`, 'command');
      const result = await client.exec(line);
      // A command the worker died under is not part of the world: the replay that rebuilds
      // the world must not run it again (it may be what killed the worker).
      if (result.stdout.startsWith('netsim: the engine worker')) {
        terminal.print(result.stdout, 'error');
        return;
      }
      world = { ...world, commands: [...world.commands, { line, source }] };
      saveWorld(world);
      ran = result;
      const record = timeline.add(line, source, result.exitCode, result.events ?? [], result.stdout);
      player.shift(timeline.trim());
      terminal.print(result.stdout);
      if (result.exitCode !== 0) terminal.print(`exit ${result.exitCode}`, 'exit');
      const topology = await refreshTopology();
      snapshot(record.index, topology);
      if (record.end > record.first) player.follow(record.first);
      else onPlayer(player.state, true);
    }).then(() => ran);
  }

  function wrap(line: string, target: TerminalTarget): string {
    if (target.kind === 'netns') return `ip netns exec ${target.name} ${line}`;
    if (target.kind === 'container') return `${target.host ? `ip netns exec ${target.host} ` : ''}docker exec ${target.name} ${line}`;
    return line;
  }

  /** Rebuilds a world from its commands (after a reload or a crash), without animating. */
  async function replay(saved: WorldRecord): Promise<void> {
    await client.reset(saved.seed);
    timeline.clear();
    snapshots.clear();
    for (const c of saved.commands) {
      const result = await client.exec(c.line);
      timeline.add(c.line, c.source, result.exitCode, result.events ?? [], result.stdout);
      player.shift(timeline.trim());
    }
    world = saved;
    saveWorld(world);
    const topology = await refreshTopology();
    if (timeline.commands.length > 0) snapshot(timeline.commands.length - 1, topology);
    player.seek(timeline.length - 1);
    terminal.print(`# restored the world: ${saved.commands.length} commands replayed (seed ${saved.seed})`, 'note');
    if (saved.scenario) await openScenario(saved.scenario.name, saved.scenario.text, saved.scenario.next, false);
  }

  /** Loads a scenario: checks it first; a broken file leaves the world as it is. */
  async function openScenario(name: string, text: string, next = 0, fresh = true): Promise<boolean> {
    const parsed = await client.parseScenario(text);
    if (!parsed.ok) {
      const message = `${name}:${parsed.line}: ${parsed.reason}`;
      dispatch({ type: 'scenario-error', error: `Could not open ${message}. The current world is unchanged.` });
      terminal.print(`netsim: ${message}`, 'error');
      return false;
    }
    if (fresh) {
      await client.reset(DEFAULT_SEED);
      timeline.clear();
      snapshots.clear();
      player.seek(-1);
      world = emptyWorld(DEFAULT_SEED);
      terminal.print(`# opened ${name}: a new world (run its steps with "Run step")`, 'note');
      await refreshTopology();
    }
    const narrative = narrativeOf(text, parsed.lines);
    dispatch({ type: 'scenario-loaded', scenario: { name, text, narrative, next } });
    world = { ...world, scenario: { name, text, next } };
    saveWorld(world);
    return true;
  }

  function runStep(): Promise<unknown> {
    const scenario = store.getState().scenario;
    if (!scenario || scenario.next >= scenario.narrative.steps.length) return Promise.resolve();
    const step = scenario.narrative.steps[scenario.next];
    dispatch({ type: 'scenario-step-done' });
    const next = scenario.next + 1;
    world = { ...world, scenario: { name: scenario.name, text: scenario.text, next } };
    return runLine(step.command, `${scenario.name}:${step.line}`, true);
  }

  function runAll(): Promise<unknown> {
    const scenario = store.getState().scenario;
    if (!scenario) return Promise.resolve();
    let last: Promise<unknown> = Promise.resolve();
    for (let i = scenario.next; i < scenario.narrative.steps.length; i++) last = runStep();
    return last;
  }

  // ---- the panels -----------------------------------------------------------------------
  const scenarioPanel = createScenarioPanel(scenarioSection, {
    onOpen: (name, text) => void enqueue(async () => void (await openScenario(name, text))),
    onRunStep: () => void runStep(),
    onRunAll: () => void runAll(),
    async onShare() {
      const scenario = store.getState().scenario;
      const text = scenario ? scenario.text : exportWorld(world);
      const hash = await shareHash(scenario?.name ?? 'world', text);
      const url = `${location.origin}${location.pathname}${hash}`;
      history.replaceState(null, '', hash);
      try {
        await navigator.clipboard.writeText(url);
        terminal.print('# share link copied to the clipboard (and in the address bar)', 'note');
      } catch {
        terminal.print(`# share link (in the address bar): ${url}`, 'note');
      }
    },
    onExport() {
      const blob = new Blob([exportWorld(world)], { type: 'text/x-sh' });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: 'netsim-world.sh' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  function renderScenario(): void {
    const s = store.getState();
    scenarioPanel.render(s.scenario, s.scenarioError, pending > 0);
  }

  let drawing: Drawing = drawingFor(store.getState().topology, 'kernel');
  const graph = createGraphView(graphSection, {
    onSelect(selection) {
      if (!selection) {
        graph.highlight([]);
        return;
      }
      dispatch({ type: 'select-namespace', ns: selection.namespace });
      const container = store.getState().topology.docker?.containers.find((c) => c.netns === selection.namespace);
      const ns = store.getState().topology.namespaces.find((n) => n.name === selection.namespace);
      const target: TerminalTarget = container ? containerTarget(container) : ns && ns.name !== '' && !ns.process ? { kind: 'netns', name: ns.name } : { kind: 'host' };
      dispatch({ type: 'target', target });
    },
    onViewport: () => layer.draw(player.state),
  });
  const layer = createPacketLayer(graph, timeline);

  // Player bar, over the bottom of the graph.
  const back = iconButton('back', 'Step back', 'Step back (←)', 'step-back');
  const playButton = iconButton('play', 'Play', 'Play / pause (space)', 'play');
  const forward = iconButton('forward', 'Step forward', 'Step forward (→)', 'step-forward');
  const speed = h('input', { type: 'range', min: 0, max: 1000, value: 0, 'aria-label': 'Speed', 'data-testid': 'speed', title: 'Speed: 0.1× to 100×' });
  const speedText = h('span', { class: 'speed-text' });
  const scrubber = h('input', { type: 'range', min: -1, max: 0, value: -1, 'aria-label': 'Timeline', 'data-testid': 'scrubber', class: 'scrubber' });
  const position = h('span', { class: 'position', 'data-testid': 'position' });
  const fitButton = h('button', { type: 'button', title: 'Fit the whole picture in view' }, 'Fit');
  const relayoutButton = h('button', { type: 'button', title: 'Forget dragged positions and lay the picture out again' }, 'Re-layout');
  const kindLegend = h('div', { class: 'kind-legend', 'aria-label': 'Packet colours' }, ...PACKET_KINDS.filter((k) => k !== 'other').map((k) => h('span', { class: 'kind-chip', style: `--kind:${KIND_COLOURS[k]}` }, KIND_LABELS[k])));
  graphSection.append(
    h('div', { class: 'graph-tools' }, fitButton, relayoutButton),
    kindLegend,
    h('div', { class: 'player-bar', role: 'group', 'aria-label': 'Packet player' }, back, playButton, forward, scrubber, position, h('label', { class: 'speed' }, speed, speedText)),
  );
  const toSpeed = (v: number) => MIN_SPEED * (MAX_SPEED / MIN_SPEED) ** (v / 1000);
  const fromSpeed = (s: number) => Math.round((Math.log(s / MIN_SPEED) / Math.log(MAX_SPEED / MIN_SPEED)) * 1000);

  const player = createPlayer(timeline, { onChange: (state, moved) => onPlayer(state, moved) });
  speed.value = String(fromSpeed(player.state.speed));
  back.addEventListener('click', () => player.stepBack());
  forward.addEventListener('click', () => player.stepForward());
  playButton.addEventListener('click', () => player.toggle());
  speed.addEventListener('input', () => player.setSpeed(toSpeed(Number(speed.value))));
  scrubber.addEventListener('input', () => player.seek(Number(scrubber.value)));
  fitButton.addEventListener('click', () => graph.fit());
  relayoutButton.addEventListener('click', () => graph.relayout());

  const inspector = createInspector(inspectorSection, timeline, {
    onPick: (index) => pick(index),
    iptablesAt: (cmd, ns) => snapshots.get(cmd)?.get(ns)?.iptables ?? tableSnapshots.latest(ns)?.tables.iptables,
  });
  const tables = createTablesPanel(tablesSection, {
    snapshots: tableSnapshots,
    timeline,
    namespaces: () => store.getState().topology.namespaces.map((ns) => ns.name),
    onNamespace: (ns) => {
      dispatch({ type: 'select-namespace', ns });
      void fetchTables(ns);
    },
    inspectNetwork: (name) => client.peek(`docker network inspect ${name}`),
    tablesAt: (ns, cmd, events) =>
      client.tablesAt(
        ns,
        world.seed,
        world.commands.slice(0, cmd + 1).map((c) => c.line),
        events,
      ),
  });
  /** The selected namespace's tables, fetched when none is recorded yet. */
  async function fetchTables(ns: string): Promise<void> {
    if (tableSnapshots.latest(ns) || timeline.commands.length === 0) return refreshTables();
    await enqueue(async () => {
      const cmd = timeline.commands.length - 1;
      const taken = snapshots.get(cmd) ?? new Map<string, NamespaceTables>();
      taken.set(ns, await client.tables(ns));
      snapshots.set(cmd, taken);
    });
    refreshTables();
  }
  function refreshTables(): void {
    if (!tablesSection.hidden) tables.update(store.getState().selectedNs, player.state.cursor);
  }

  const events = createEventList(eventsSection, timeline, {
    onPick: (index) => pick(index),
    namespaces: () => store.getState().topology.namespaces.map((ns) => ns.name),
  });

  function pick(index: number): void {
    player.seek(index);
    showTab(tabs.findIndex((t) => t.pane === inspectorSection));
  }

  let inspected = -2;
  function onPlayer(state: PlayerState, moved: boolean): void {
    layer.draw(state);
    if (!moved && state.playing) return;
    playButton.innerHTML = ICONS[state.playing ? 'pause' : 'play'];
    playButton.setAttribute('aria-label', state.playing ? 'Pause' : 'Play');
    speedText.textContent = `${state.speed < 1 ? state.speed.toFixed(1) : Math.round(state.speed)}×`;
    scrubber.max = String(Math.max(0, timeline.length - 1));
    scrubber.value = String(state.cursor);
    position.textContent = timeline.length === 0 ? 'no events yet' : `event ${state.cursor + 1} / ${timeline.length}`;
    events.update(state.cursor);
    if (state.cursor !== inspected) {
      inspected = state.cursor;
      inspector.show(state.cursor);
      const e = timeline.events[state.cursor];
      const at = e?.at ? drawing.locate(e.at.ns, e.at.dev) : undefined;
      graph.highlight(at ? [at] : []);
    }
    refreshTables();
  }

  // ---- the terminal -----------------------------------------------------------------------
  const targetSelect = h('select', { 'aria-label': 'Where commands run', 'data-testid': 'terminal-target' });
  targetSelect.addEventListener('change', () => {
    const [kind, name] = targetSelect.value.split(':', 2) as [TerminalTarget['kind'], string];
    const container = kind === 'container' ? store.getState().topology.docker?.containers.find((c) => c.netns === name) : undefined;
    dispatch({ type: 'target', target: kind === 'host' ? { kind } : container ? containerTarget(container) : { kind: 'netns', name } });
    terminal.focus();
  });
  const clearButton = h('button', { type: 'button', title: 'Clear the terminal (Ctrl+L)' }, 'Clear');
  terminalSection.append(h('div', { class: 'terminal-head' }, h('label', {}, 'run in ', targetSelect), h('span', { class: 'muted small' }, 'Tab completes · ↑↓ history'), clearButton));
  const terminal = createTerminal(terminalSection, {
    promptLabel: () => {
      const t = store.getState().target;
      return t.kind === 'host' ? 'root@host' : t.kind === 'netns' ? `root@netns:${t.name}` : `root@${t.name}${t.host ? `(${t.host})` : ''}`;
    },
    onSubmit(line) {
      const target = store.getState().target;
      void runLine(wrap(line, target), target.kind === 'host' ? 'terminal' : `terminal (${target.kind} ${target.name})`, false).then(() => terminal.prompt());
    },
    complete(words, prefix) {
      const { topology } = store.getState();
      const names = [
        ...topology.namespaces.filter((ns) => ns.name !== '' && !ns.process).map((ns) => ns.name),
        ...(topology.docker?.containers.map((c) => c.name) ?? []),
        ...(topology.docker?.networks.map((n) => n.name) ?? []),
        ...new Set(topology.namespaces.flatMap((ns) => ns.devices.map((d) => d.name))),
      ];
      if (words.length === 0) return commandNames;
      if (words.length === 1 || (words[0] === 'ip' && words[1] === 'netns' && words[2] === 'exec' && words.length === 4) || (words[0] === 'docker' && words[1] === 'exec' && words.length === 3)) {
        const sub = SUBCOMMANDS[words[0]] ?? [];
        return words.length === 1 ? [...sub, ...names] : commandNames;
      }
      void prefix;
      return [...(SUBCOMMANDS[words[0]] ?? []), ...(SUBCOMMANDS[words[words.length - 1]] ?? []), ...names];
    },
  });
  clearButton.addEventListener('click', () => terminal.clear());
  let commandNames: readonly string[] = ['ip', 'ping', 'bridge', 'docker', 'iptables'];
  void client.commandNames().then((names) => (commandNames = names), () => {});

  // ---- bridge versus overlay ----------------------------------------------------------------
  const COMPARE_SCENARIO = 'scenarios/docker-bridge-vs-overlay.sh';
  const compare = createCompareScreen({
    async run(lines) {
      const results = [];
      for (const line of lines) {
        const r = await runLine(line, 'bridge vs overlay', true);
        results.push(r ? { line, exitCode: r.exitCode, output: r.stdout, events: r.events ?? [] } : undefined);
      }
      return results;
    },
    loadWorlds() {
      const file = findScenario(COMPARE_SCENARIO);
      if (!file) return;
      let opened = false;
      void enqueue(async () => {
        opened = await openScenario(file.path, file.text);
      }).then(() => (opened ? runAll() : undefined));
    },
    history: () => timeline.commands,
    eventsOf: (record) => timeline.events.slice(record.first, record.end).map((e) => e.event),
  });
  compareSection.append(compare.element);

  // ---- rendering the store -------------------------------------------------------------
  /** For the benchmark: how long the last picture took to build (layout and Cytoscape). */
  const stats = { renderMs: 0, renders: 0 };
  let firstDrawn = false;
  function render(state: AppState, previous: AppState | undefined): void {
    if (state.topology !== previous?.topology) compare.setTopology(state.topology);
    if (state.screen !== previous?.screen) {
      const comparing = state.screen === 'compare';
      workspace.classList.toggle('comparing', comparing);
      compareSection.hidden = !comparing;
      viewCompare.setAttribute('aria-pressed', String(comparing));
      if (comparing) compare.activate();
      else compare.deactivate();
      if (!comparing && previous !== undefined) {
        graph.cy.resize();
        graph.fit();
      }
    }
    if (state.topology !== previous?.topology || state.view !== previous?.view) {
      drawing = drawingFor(state.topology, state.view);
      const started = performance.now();
      graph.render(drawing);
      stats.renderMs = performance.now() - started;
      stats.renders += 1;
      if (!firstDrawn && drawing.namespaces.length > 0) {
        firstDrawn = true;
        performance.mark('netsim:first-draw');
      }
      layer.setLocator((place) => drawing.locate(place.ns, place.dev));
      layer.draw(player.state);
      const devices = state.topology.namespaces.reduce((sum, ns) => sum + ns.devices.length, 0);
      const containers = state.topology.docker?.containers.length ?? 0;
      summary.textContent = `${state.topology.namespaces.length} namespaces · ${devices} devices${state.topology.docker ? ` · ${containers} containers · ${state.topology.docker.networks.length} networks` : ''}`;
      tables.setNetworks(state.topology.docker?.networks.map((n) => n.name) ?? []);
      viewDocker.disabled = state.topology.docker === null;
      viewDocker.title = state.topology.docker === null ? 'Docker is not running in this world' : 'Containers and Docker networks';
    }
    if (state.view !== previous?.view || state.topology !== previous?.topology || state.screen !== previous?.screen) {
      const effective = state.screen === 'compare' ? undefined : drawing.mode;
      viewDocker.setAttribute('aria-pressed', String(effective === 'docker'));
      viewKernel.setAttribute('aria-pressed', String(effective === 'kernel'));
    }
    if (state.target !== previous?.target || state.topology !== previous?.topology) {
      const options = [
        h('option', { value: 'host' }, 'host (root namespace)'),
        ...state.topology.namespaces.filter((ns) => ns.name !== '' && !ns.process).map((ns) => h('option', { value: `netns:${ns.name}` }, `netns ${ns.name}`)),
        ...(state.topology.docker?.containers ?? []).filter((c) => c.netns !== null).map((c) => h('option', { value: `container:${c.netns}` }, `container ${c.name}${hostKey(c.host) ? ` on ${hostKey(c.host)}` : ''}`)),
      ];
      targetSelect.replaceChildren(...options);
      const t = state.target;
      targetSelect.value = t.kind === 'host' ? 'host' : t.kind === 'netns' ? `netns:${t.name}` : `container:${state.topology.docker?.containers.find((c) => c.name === t.name && hostKey(c.host) === (t.host ?? ''))?.netns ?? t.name}`;
      if (state.target !== previous?.target && previous !== undefined) terminal.prompt();
    }
    if (state.selectedNs !== previous?.selectedNs) refreshTables();
    if (state.scenario !== previous?.scenario || state.scenarioError !== previous?.scenarioError) renderScenario();
    if (state.status !== previous?.status || state.statusDetail !== previous?.statusDetail) {
      status.textContent = STATUS_TEXT[state.status];
      status.className = `status status-${state.status}`;
      status.title = state.statusDetail;
      renderScenario();
    }
  }
  store.subscribe(render);
  render(store.getState(), undefined);

  viewDocker.addEventListener('click', () => dispatch({ type: 'view', view: 'docker' }));
  viewKernel.addEventListener('click', () => dispatch({ type: 'view', view: 'kernel' }));
  viewCompare.addEventListener('click', () => dispatch({ type: 'screen', screen: store.getState().screen === 'compare' ? 'picture' : 'compare' }));
  themeButton.addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    applyTheme(theme);
    graph.setTheme(theme);
    compare.setTheme(theme);
    terminal.setTheme(theme);
  });
  graph.setTheme(theme);
  compare.setTheme(theme);
  terminal.setTheme(theme);

  resetButton.addEventListener('click', () => {
    terminal.clear();
    const file = findScenario(DEFAULT_SCENARIO)!;
    // Its steps go through the queue after the opening: awaited inside the opening's task
    // they would wait for themselves.
    let opened = false;
    void enqueue(async () => {
      opened = await openScenario(file.path, file.text);
    }).then(() => (opened ? runAll() : undefined));
    terminal.focus();
  });

  // Space plays and pauses, arrows step, unless typing somewhere.
  window.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, .xterm, [contenteditable]')) return;
    if (store.getState().screen === 'compare') {
      if (!compare.key(event.key)) return;
    } else if (event.key === ' ') player.toggle();
    else if (event.key === 'ArrowRight') player.stepForward();
    else if (event.key === 'ArrowLeft') player.stepBack();
    else return;
    event.preventDefault();
  });

  // ---- start --------------------------------------------------------------------------
  void (async () => {
    const params = new URLSearchParams(location.search);
    const named = params.get('scenario');
    let shared: { name: string; text: string } | undefined;
    try {
      shared = await readShareHash(location.hash);
    } catch {
      terminal.print('netsim: the share link in the address could not be read (it may be cut short).', 'error');
    }
    const saved = loadWorld();
    // Opened once: a reload then restores the world as the user left it.
    if (shared || named !== null) history.replaceState(null, '', location.pathname);
    if (shared) {
      await enqueue(async () => void (await openScenario(shared.name, shared.text)));
    } else if (named !== null) {
      const file = findScenario(named);
      if (file) await enqueue(async () => void (await openScenario(file.path, await textOf(file))));
      else {
        dispatch({ type: 'scenario-error', error: `No scenario named "${named}" in the gallery; the saved world is shown instead.` });
        if (saved) await enqueue(() => replay(saved));
      }
    } else if (saved && (saved.commands.length > 0 || saved.scenario)) {
      await enqueue(() => replay(saved));
    } else {
      const file = findScenario(DEFAULT_SCENARIO)!;
      await enqueue(async () => void (await openScenario(file.path, file.text)));
      await runAll();
    }
    terminal.prompt();
    performance.mark('netsim:ready');
  })();
  terminal.focus();
  // For the browser tests and the benchmark: read-only views of what is going on.
  (window as unknown as { netsim: unknown }).netsim = {
    timeline,
    player,
    get dots() {
      return layer.lastDots;
    },
    nodes: () => graph.cy.nodes().map((n) => n.id()),
    edges: () => graph.cy.edges().length,
    edgeIds: () => graph.cy.edges().map((e) => e.id()),
    node: (id: string) => {
      const n = graph.cy.getElementById(id);
      return n.empty() ? undefined : { parent: (n.data('parent') as string | undefined) ?? null, label: n.data('label') as string, classes: n.classes().join(' ') };
    },
    stats,
    compare: {
      get showing() {
        return compare.showing;
      },
      panes: compare.panes.map((p) => ({
        get timeline() {
          return p.timeline;
        },
        get player() {
          return p.player;
        },
        get dots() {
          return p.layer.lastDots;
        },
        nodes: () => p.graph.cy.nodes().map((n) => n.id()),
      })),
    },
  };
}

/** The built app keeps working offline after its first visit (public/sw.js caches its files); not under the dev server. */
function enableOffline(): void {
  if (import.meta.env.MODE === 'development' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline cache unavailable:', e));
}

mount(document.getElementById('app')!);
enableOffline();
