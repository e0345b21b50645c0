/**
 * The "Bridge vs overlay" screen: the same conversation between two containers, once on a
 * bridge network inside one host and once on an overlay network across two hosts, side by
 * side. Each pane has its own picture (the Docker view of its hosts), its own packets and
 * its own timeline (the events of its one command); one set of controls plays and steps both
 * together, group by group, so the extra hops of the overlay (wrap, underlay, unwrap) show
 * next to the bridge's. Below: what each conversation did (path, frames, encapsulation, MTU,
 * bytes on the wire, outcome) and a few lines saying what to look at.
 */
import type { TraceEvent, Topology } from '../api/types.ts';
import { CONVERSATIONS, conversationCommand, conversationOf, factsOf, findWorlds, outcomeOf, type Conversation, type Facts, type Pair, type Worlds } from './compare.ts';
import { h } from './dom.ts';
import { ICONS } from './icons.ts';
import { createGraphView, type GraphView } from './graph-view.ts';
import { createPacketLayer, type PacketLayer } from './packet-layer.ts';
import { createPlayer, type Player } from './player.ts';
import type { Theme } from './theme.ts';
import { describeEvent, Timeline, type CommandRecord, type Group } from './timeline.ts';
import { drawingFor, type Drawing } from './views.ts';

/** A command as the screen shows it: what ran, what it printed, what its packets did. */
export interface PaneRun {
  readonly line: string;
  readonly exitCode: number;
  readonly output?: string;
  readonly events: readonly TraceEvent[];
}

export interface CompareScreenOptions {
  /** Runs the lines in the world, in order, as the terminal would; resolves with their results. */
  readonly run: (lines: readonly string[]) => Promise<readonly (PaneRun | undefined)[]>;
  /** Opens and runs the scenario that builds both worlds. */
  readonly loadWorlds: () => void;
  /** Commands run so far, oldest first (to show the last conversation when the screen opens). */
  readonly history: () => readonly CommandRecord[];
  /** The events of a command run earlier. */
  readonly eventsOf: (record: CommandRecord) => readonly TraceEvent[];
}

export interface CompareScreen {
  readonly element: HTMLElement;
  setTopology(topology: Topology): void;
  /** The screen became visible: size the pictures and show the last conversation. */
  activate(): void;
  /** The screen was hidden: its pictures stop following the world. */
  deactivate(): void;
  setTheme(theme: Theme): void;
  /** A key pressed outside text fields: space plays or pauses both, → steps both, ← steps both back. True when used. */
  key(key: string): boolean;
  /** For tests and the benchmark: both panes' players and timelines. */
  readonly panes: readonly { readonly timeline: Timeline; readonly player: Player; readonly layer: PacketLayer; readonly graph: GraphView }[];
  /** Whether a conversation is shown in both panes. */
  readonly showing: Conversation | undefined;
}

const SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** A group worth showing when only frames are: something moves, is wrapped, unwrapped or dropped. */
function framesOnly(timeline: Timeline): (group: Group) => boolean {
  return (group) => {
    if (group.moving) return false;
    for (let i = group.start; i < group.end; i++) {
      const t = timeline.events[i].event.type;
      if (t === 'encap' || t === 'decap' || t === 'drop') return false;
    }
    return true;
  };
}

interface Pane {
  readonly side: 'bridge' | 'overlay';
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly now: HTMLElement;
  readonly graph: GraphView;
  readonly layer: PacketLayer;
  readonly timeline: Timeline;
  player: Player;
  drawing: Drawing;
  run?: PaneRun;
}

export function createCompareScreen(options: CompareScreenOptions): CompareScreen {
  let topology: Topology = { namespaces: [], docker: null };
  let worlds: Worlds = {};
  let showing: Conversation | undefined;
  let everyEvent = false;
  let speed = 1;
  let busy = false;
  let visible = false;

  const buttons = CONVERSATIONS.map((c) => {
    const b = h('button', { type: 'button', 'data-conversation': c.id, title: c.title, 'data-testid': `compare-${c.id}` }, c.label);
    b.addEventListener('click', () => void converse(c.id));
    return b;
  });
  const icon = (name: keyof typeof ICONS, label: string, title: string, testId: string) => {
    const b = h('button', { type: 'button', class: 'icon', 'aria-label': label, title, 'data-testid': testId });
    b.innerHTML = ICONS[name];
    return b;
  };
  const restart = icon('back', 'Play both from the start', 'Play both from the start', 'compare-restart');
  const playButton = icon('play', 'Play', 'Play / pause both (space)', 'compare-play');
  const stepButton = icon('forward', 'Step both', 'Both panes one step forward (→)', 'compare-step');
  const speedSelect = h('select', { 'aria-label': 'Speed of both panes', title: 'Speed' }, ...SPEEDS.map((s) => h('option', { value: String(s), selected: s === speed }, `${s}×`)));
  const everyBox = h('input', { type: 'checkbox', 'aria-label': 'Every event, not only frames on links' });
  const setup = h('div', { class: 'compare-setup', hidden: true, 'data-testid': 'compare-setup' });
  const toolbar = h(
    'div',
    { class: 'compare-toolbar', role: 'toolbar', 'aria-label': 'Bridge versus overlay' },
    h('strong', { class: 'compare-title' }, 'Bridge vs overlay'),
    h('span', { class: 'muted small' }, 'run in both:'),
    ...buttons,
    h('span', { class: 'compare-sep' }),
    restart,
    playButton,
    stepButton,
    speedSelect,
    h('label', { class: 'small', title: 'Also stop on netfilter rules, route lookups and deliveries' }, everyBox, ' every event'),
  );

  function makePane(side: Pane['side']): Pane {
    const root = h('section', { class: `compare-pane compare-${side}`, 'aria-label': side === 'bridge' ? 'Bridge network' : 'Overlay network', 'data-testid': `compare-pane-${side}` });
    const title = h('h3', { class: 'compare-pane-title' });
    const graphHost = h('div', { class: 'compare-graph' });
    const now = h('p', { class: 'compare-now', 'aria-live': 'polite' });
    root.append(title, graphHost, now);
    const graph = createGraphView(graphHost, { storageKey: `netsim.layout.v1.compare-${side}`, legend: false, onViewport: () => pane.layer.draw(pane.player.state) });
    const timeline = new Timeline();
    const layer = createPacketLayer(graph, timeline);
    const pane: Pane = { side, root, title, now, graph, layer, timeline, player: undefined as unknown as Player, drawing: drawingFor(topology, 'docker') };
    pane.player = makePlayer(pane);
    return pane;
  }

  function makePlayer(pane: Pane): Player {
    return createPlayer(pane.timeline, {
      skip: (group) => !everyEvent && framesOnly(pane.timeline)(group),
      onChange: (state) => {
        pane.layer.draw(state);
        const e = pane.timeline.events[state.cursor];
        pane.now.textContent = e ? `${e.ns === '' ? 'host' : e.ns}: ${describeEvent(e.event)}` : pane.run ? 'ready: press play' : '';
        renderControls();
      },
    });
  }

  const panes: Pane[] = [];
  const paneRow = h('div', { class: 'compare-panes' });
  const facts = h('table', { class: 'compare-facts', 'data-testid': 'compare-facts' });
  const story = h('div', { class: 'compare-story', 'data-testid': 'compare-story' });
  const element = h('section', { class: 'compare-screen', 'aria-label': 'Bridge versus overlay', 'data-testid': 'compare-screen' }, toolbar, setup, paneRow, h('div', { class: 'compare-bottom' }, facts, story));
  for (const side of ['bridge', 'overlay'] as const) {
    const pane = makePane(side);
    panes.push(pane);
    paneRow.append(pane.root);
  }

  function both(fn: (p: Player) => void): void {
    for (const p of panes) fn(p.player);
  }
  restart.addEventListener('click', () => {
    both((p) => p.seek(-1));
    both((p) => p.play());
  });
  playButton.addEventListener('click', () => {
    const playing = panes.some((p) => p.player.state.playing);
    if (playing) both((p) => p.pause());
    else if (panes.every((p) => p.player.state.cursor >= p.timeline.length - 1)) restart.click();
    else both((p) => p.play());
  });
  stepButton.addEventListener('click', () => both((p) => p.stepForward()));
  speedSelect.addEventListener('change', () => {
    speed = Number(speedSelect.value);
    both((p) => p.setSpeed(speed));
  });
  everyBox.addEventListener('change', () => {
    everyEvent = everyBox.checked;
  });

  function renderControls(): void {
    const playing = panes.some((p) => p.player.state.playing);
    playButton.innerHTML = ICONS[playing ? 'pause' : 'play'];
    playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    const ready = worlds.bridge !== undefined && worlds.overlay !== undefined;
    for (const b of buttons) {
      b.disabled = busy || !ready;
      b.setAttribute('aria-pressed', String(b.dataset.conversation === showing));
    }
    const loaded = panes.some((p) => p.timeline.length > 0);
    restart.disabled = !loaded;
    playButton.disabled = !loaded;
    stepButton.disabled = !loaded;
  }

  /** What a device is called on the path: what stands for it in the picture; a Docker bridge by its network. */
  function standFor(pane: Pane): (ns: string, dev: string) => string {
    return (ns, dev) => {
      const id = pane.drawing.locate(ns, dev);
      if (!id?.startsWith('dev:')) return dev;
      const network = /network "([^"]+)"/.exec(pane.drawing.extras.deviceLabels?.get(id) ?? '');
      return network ? `bridge "${network[1]}"` : id.slice(id.lastIndexOf('/') + 1);
    };
  }

  function pairOf(pane: Pane): Pair | undefined {
    return pane.side === 'bridge' ? worlds.bridge : worlds.overlay;
  }

  function drawPanes(): void {
    for (const pane of panes) {
      const pair = pairOf(pane);
      pane.drawing = drawingFor(topology, 'docker', { hosts: pair ? pair.hosts : [], sharedOutsideOnly: true, hideGateway: true });
      pane.graph.render(pane.drawing);
      pane.layer.setLocator((place) => pane.drawing.locate(place.ns, place.dev));
      pane.title.textContent = pair
        ? pane.side === 'bridge'
          ? `Bridge network "${pair.network.name}" · one host (${pair.host === '' ? 'this machine' : pair.host})`
          : `Overlay network "${pair.network.name}" · ${pair.hosts.length} hosts (${pair.hosts.join(', ')})`
        : pane.side === 'bridge'
          ? 'Bridge network · not in this world'
          : 'Overlay network · not in this world';
      pane.layer.draw(pane.player.state);
    }
  }

  function renderSetup(): void {
    const missing = [...(worlds.bridge ? [] : ['two containers on a bridge network on one host']), ...(worlds.overlay ? [] : ['two containers on an overlay network on two hosts'])];
    setup.hidden = missing.length === 0;
    if (missing.length === 0) return;
    const load = h('button', { type: 'button', class: 'primary', 'data-testid': 'compare-load' }, 'Build both worlds');
    load.addEventListener('click', () => options.loadWorlds());
    setup.replaceChildren(h('span', {}, `This world has no ${missing.join(', and no ')}. `), load, h('span', { class: 'muted' }, ' runs scenarios/docker-bridge-vs-overlay.sh (it replaces the current world).'));
  }

  /** Loads a conversation's two commands into the panes and plays them together. */
  function showRuns(conversation: Conversation, runs: readonly (PaneRun | undefined)[], play: boolean): void {
    showing = conversation;
    panes.forEach((pane, i) => {
      const run = runs[i];
      pane.player.pause();
      pane.timeline.clear();
      if (run) {
        pane.run = run;
        pane.timeline.add(run.line, 'compare', run.exitCode, run.events, run.output);
      } else delete pane.run;
      pane.player.seek(-1);
    });
    renderFacts();
    renderControls();
    if (play) both((p) => p.play());
    else {
      for (const pane of panes) pane.now.textContent = pane.run ? 'ready: press play' : '';
    }
  }

  async function converse(conversation: Conversation): Promise<void> {
    if (!worlds.bridge || !worlds.overlay || busy) return;
    busy = true;
    renderControls();
    try {
      const lines = [conversationCommand(worlds.bridge, conversation), conversationCommand(worlds.overlay, conversation)];
      const runs = await options.run(lines);
      showRuns(conversation, runs, true);
    } finally {
      busy = false;
      renderControls();
    }
  }

  /** The last conversation run in both worlds, from the history. */
  function lastFromHistory(): void {
    const history = options.history();
    const latest = new Map<string, CommandRecord>();
    for (const record of history) {
      const which = conversationOf(record.line, worlds);
      if (which) latest.set(`${which.world}/${which.conversation}`, record);
    }
    // The conversation both worlds had most recently.
    let best: { conversation: Conversation; bridge: CommandRecord; overlay: CommandRecord } | undefined;
    for (const c of CONVERSATIONS) {
      const bridge = latest.get(`bridge/${c.id}`);
      const overlay = latest.get(`overlay/${c.id}`);
      if (!bridge || !overlay) continue;
      if (!best || Math.min(bridge.index, overlay.index) > Math.min(best.bridge.index, best.overlay.index)) best = { conversation: c.id, bridge, overlay };
    }
    if (!best) return;
    const runOf = (record: CommandRecord): PaneRun => ({ line: record.line, exitCode: record.exitCode, events: options.eventsOf(record), ...(record.output !== undefined ? { output: record.output } : {}) });
    showRuns(best.conversation, [runOf(best.bridge), runOf(best.overlay)], false);
  }

  function renderFacts(): void {
    const rows: { label: string; cell: (f: Facts | undefined, pane: Pane) => string | HTMLElement }[] = [
      {
        label: 'path of the first packet',
        cell: (f) =>
          f && f.path.length > 0
            ? h('span', { class: 'hops' }, ...f.path.flatMap((hop, i) => [...(i > 0 ? [h('span', { class: 'hop-arrow' }, hop.mark === 'unwrap' ? ' ⇒ ' : ' → ')] : []), h('span', { class: `hop${hop.mark ? ` hop-${hop.mark}` : ''}` }, hop.mark === 'wrap' ? `${hop.place} wraps` : hop.mark === 'unwrap' ? `${hop.place} unwraps` : hop.place)]))
            : 'no packet left the container',
      },
      {
        label: 'encapsulation',
        cell: (f) =>
          f?.encap
            ? `VXLAN, VNI ${f.encap.vni}, in UDP ${f.encap.sport} → ${f.encap.dport}, IP ${f.encap.outerSrc} → ${f.encap.outerDst}`
            : !f
              ? ''
              : f.path.length === 0
                ? 'nothing was sent'
                : 'none: the frame crosses the bridge as it is',
      },
      {
        label: 'MTU · first packet',
        cell: (f) =>
          f?.mtu === undefined
            ? ''
            : `MTU ${f.mtu} · ${f.innerBytes === undefined ? 'nothing sent' : f.wireBytes !== undefined && f.wireBytes > f.innerBytes ? `${f.innerBytes} bytes inside, ${f.wireBytes} on the wire (+${f.wireBytes - f.innerBytes})` : `${f.innerBytes} bytes on the wire`}`,
      },
      { label: 'frames on links', cell: (f) => (f ? `${f.frames}, both ways, the whole conversation` : '') },
      { label: 'outcome', cell: (_f, pane) => (pane.run ? outcomeOf(showing ?? 'ping', pane.run.exitCode, pane.run.output ?? '') : '') },
    ];
    const computed = panes.map((pane) => {
      const pair = pairOf(pane);
      return pane.run && pair ? factsOf(pane.timeline, 0, pane.timeline.length, topology, pair, standFor(pane)) : undefined;
    });
    facts.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'bridge (one host)'), h('th', {}, 'overlay (two hosts)'))),
      h(
        'tbody',
        {},
        ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), ...panes.map((pane, i) => h('td', { 'data-side': pane.side }, r.cell(computed[i], pane))))),
      ),
    );
    story.replaceChildren(...narrative(computed[0], computed[1]).map((p) => h('p', {}, p)));
  }

  function narrative(bridge: Facts | undefined, overlay: Facts | undefined): string[] {
    if (!worlds.bridge || !worlds.overlay) return ['Two worlds are needed: a bridge network with two containers on one host, and an overlay network with two containers on two hosts.'];
    if (!bridge || !overlay) return [`Pick a conversation above: it runs between ${worlds.bridge.client.name} and ${worlds.bridge.server.name} in both worlds, and both panes play it together.`];
    const what = showing === 'http' ? 'the TCP SYN' : 'the echo request';
    const lines: string[] = [];
    if (bridge.path.length > 0) lines.push(`Bridge: ${what} is switched from one veth to the other inside one host, as it is (${bridge.path.length} places, ${bridge.frames} frames on links for the whole conversation).`);
    if (overlay.encap) {
      lines.push(
        `Overlay: it reaches the overlay's own bridge (br0, in a namespace of its own on each host); vxlan0 wraps the whole Ethernet frame in UDP ${overlay.encap.dport}, VNI ${overlay.encap.vni}; the hosts' eth0 carry it over the LAN, ${overlay.encap.outerSrc} → ${overlay.encap.outerDst}; the other vxlan0 unwraps it (${overlay.path.length} places, ${overlay.frames} frames).`,
      );
    }
    if (bridge.mtu !== undefined && overlay.mtu !== undefined && overlay.mtu < bridge.mtu) {
      lines.push(
        `The wrap costs ${bridge.mtu - overlay.mtu} bytes (outer Ethernet 14, IP 20, UDP 8, VXLAN 8), so the overlay's interfaces get an MTU of ${overlay.mtu}, not ${bridge.mtu}: ${showing === 'mtu' ? 'the full-size ping fits the bridge but not the overlay.' : 'try "ping 1472 bytes".'}`,
      );
    }
    return lines;
  }

  renderSetup();
  renderFacts();
  renderControls();

  return {
    element,
    panes: panes.map((p) => ({
      get timeline() {
        return p.timeline;
      },
      get player() {
        return p.player;
      },
      get layer() {
        return p.layer;
      },
      get graph() {
        return p.graph;
      },
    })),
    get showing() {
      return showing;
    },
    setTopology(next) {
      topology = next;
      worlds = findWorlds(topology);
      renderSetup();
      if (visible) drawPanes();
      renderControls();
    },
    deactivate() {
      visible = false;
      both((p) => p.pause());
    },
    activate() {
      visible = true;
      drawPanes();
      for (const pane of panes) {
        pane.graph.cy.resize();
        pane.graph.fit();
      }
      if (!showing) lastFromHistory();
      else renderFacts();
    },
    setTheme(theme) {
      for (const pane of panes) pane.graph.setTheme(theme);
    },
    key(key) {
      if (key === ' ') playButton.click();
      else if (key === 'ArrowRight') stepButton.click();
      else if (key === 'ArrowLeft') both((p) => p.stepBack());
      else return false;
      return true;
    },
  };
}
