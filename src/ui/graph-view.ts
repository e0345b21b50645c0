/**
 * The topology picture: a Cytoscape instance fed by topology-graph.ts through a view
 * (views.ts). State lives in element data and classes; the stylesheet maps it to looks.
 *
 * Positions: the layered layout (topology-graph.ts) places every node, deterministically, so
 * a world that grows keeps its shape; a node the user dragged stays where it was put, and is
 * remembered in localStorage per view. "Re-layout" forgets the dragged positions.
 */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular, StylesheetJson } from 'cytoscape';
import { h } from './dom.ts';
import { NAMESPACE_PADDING_PX, topologyElements } from './topology-graph.ts';
import type { Drawing, ViewMode } from './views.ts';
import type { Theme } from './theme.ts';

export interface GraphSelection {
  /** The namespace (summary name) of what was clicked. */
  readonly namespace: string;
  /** The node clicked: a device or a namespace. */
  readonly nodeId: string;
  readonly device?: string;
}

export interface GraphView {
  render(drawing: Drawing): void;
  /** Outlines a node (e.g. while its event is selected); undefined clears it. */
  highlight(nodeIds: readonly string[]): void;
  fit(): void;
  /** Forgets remembered positions for the current view and lays the picture out afresh. */
  relayout(): void;
  /** A node's centre in canvas pixels (CSS px), or undefined when it is not drawn. */
  project(nodeId: string): { x: number; y: number } | undefined;
  zoom(): number;
  setTheme(theme: Theme): void;
  readonly canvasHost: HTMLElement;
  readonly cy: Core;
}

export interface GraphViewOptions {
  readonly onSelect?: (selection: GraphSelection | undefined) => void;
  /** Told when the picture moves (pan, zoom, drag, new elements), so overlays redraw. */
  readonly onViewport?: () => void;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Where dragged positions are remembered (one key per view under it). */
  readonly storageKey?: string;
  /** Without the legend of link styles (a small pane). */
  readonly legend?: boolean;
}

interface Palette {
  text: string;
  muted: string;
  namespaceFill: string;
  namespaceBorder: string;
  containerFill: string;
  containerBorder: string;
  up: string;
  noCarrier: string;
  down: string;
  bridgeFill: string;
  dockerBridgeFill: string;
  deviceFill: string;
  highlight: string;
  tunnel: string;
  lower: string;
  hostFill: string;
  hostBorder: string;
  overlayFill: string;
}

const PALETTES: Record<Theme, Palette> = {
  dark: {
    text: '#e2e8f0',
    muted: '#94a3b8',
    namespaceFill: '#1e293b',
    namespaceBorder: '#475569',
    containerFill: '#132a3a',
    containerBorder: '#38bdf8',
    up: '#22c55e',
    noCarrier: '#f59e0b',
    down: '#64748b',
    bridgeFill: '#172554',
    dockerBridgeFill: '#0c3b5e',
    deviceFill: '#0f172a',
    highlight: '#f8fafc',
    tunnel: '#a78bfa',
    lower: '#94a3b8',
    hostFill: '#0f1a2e',
    hostBorder: '#64748b',
    overlayFill: '#231c44',
  },
  light: {
    text: '#0f172a',
    muted: '#64748b',
    namespaceFill: '#f1f5f9',
    namespaceBorder: '#94a3b8',
    containerFill: '#e0f2fe',
    containerBorder: '#0284c7',
    up: '#16a34a',
    noCarrier: '#d97706',
    down: '#94a3b8',
    bridgeFill: '#dbeafe',
    dockerBridgeFill: '#bae6fd',
    deviceFill: '#ffffff',
    highlight: '#0f172a',
    tunnel: '#7c3aed',
    lower: '#64748b',
    hostFill: '#f8fafc',
    hostBorder: '#64748b',
    overlayFill: '#ede9fe',
  },
};

const MONO = '"DejaVu Sans Mono", "JetBrains Mono", ui-monospace, Menlo, Consolas, monospace';
const SANS = 'Inter, "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif';

/** Room above the topmost box for its title, in model pixels. */
const TITLE_ROOM_PX = 26;
/** Largest zoom a fit may pick, so a small world is not drawn huge. */
const MAX_FIT_ZOOM = 1.25;

function stylesheet(c: Palette): StylesheetJson {
  return [
    {
      selector: 'node.namespace',
      style: {
        shape: 'round-rectangle',
        'background-color': c.namespaceFill,
        'background-opacity': 0.6,
        'border-color': c.namespaceBorder,
        'border-width': 1.5,
        padding: `${NAMESPACE_PADDING_PX}px`,
        label: 'data(label)',
        color: c.text,
        'font-family': SANS,
        'font-size': 15,
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        // A function: @types/cytoscape does not accept a data() mapper for this property.
        'text-margin-x': (node: NodeSingular) => node.data('titleShift') as number,
      },
    },
    { selector: 'node.namespace.root', style: { 'border-style': 'dashed' } },
    { selector: 'node.namespace.container', style: { 'background-color': c.containerFill, 'border-color': c.containerBorder, 'border-width': 2 } },
    { selector: 'node.namespace.container-exited, node.namespace.container-created', style: { 'border-style': 'dotted', opacity: 0.7 } },
    {
      selector: 'node.namespace.docker-host',
      style: { 'background-color': c.hostFill, 'background-opacity': 0.85, 'border-color': c.hostBorder, 'border-width': 2.5, 'font-size': 17 },
    },
    {
      selector: 'node.namespace.overlay-sandbox',
      style: {
        'background-color': c.overlayFill,
        'background-opacity': 0.9,
        'border-color': c.tunnel,
        'border-width': 2,
        'border-style': 'dashed',
        color: c.tunnel,
        'font-size': 13,
        'text-valign': 'bottom',
        'text-margin-y': 6,
      },
    },
    { selector: 'node.device.underlay', style: { 'border-width': 3.5 } },
    {
      selector: 'node.device',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': c.deviceFill,
        'border-width': 2.5,
        label: 'data(label)',
        color: c.text,
        'font-family': MONO,
        'font-size': 12,
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'line-height': 1.35,
        // Labels too small to read are not drawn (a hundred namespaces fitted in view).
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'node.device.bridge', style: { 'background-color': c.bridgeFill, 'border-width': 3.5 } },
    { selector: 'node.device.docker-bridge', style: { 'background-color': c.dockerBridgeFill } },
    { selector: 'node.device.vxlan', style: { shape: 'cut-rectangle', 'background-color': c.deviceFill } },
    { selector: 'node.device.loopback', style: { 'border-style': 'dotted', 'font-size': 11 } },
    { selector: 'node.device.up', style: { 'border-color': c.up } },
    { selector: 'node.device.no-carrier', style: { 'border-color': c.noCarrier } },
    { selector: 'node.device.down', style: { 'border-color': c.down, color: c.muted } },
    { selector: 'node.device.vxlan.up', style: { 'border-color': c.tunnel } },
    {
      selector: 'edge',
      style: { 'curve-style': 'straight', width: 3, 'line-color': c.down, 'line-style': 'dashed' },
    },
    { selector: 'edge.up', style: { 'line-color': c.up, 'line-style': 'solid' } },
    // Many containers on one bridge: their links thin and faint, so the containers stand out.
    { selector: 'edge.crowded', style: { width: 1.2, opacity: 0.45, 'target-arrow-shape': 'none' } },
    {
      selector: 'edge.port',
      style: { width: 2, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.down, 'arrow-scale': 0.9 },
    },
    { selector: 'edge.port.up', style: { 'line-color': c.up, 'target-arrow-color': c.up } },
    {
      selector: 'edge.lower',
      style: {
        width: 2,
        'line-style': 'dotted',
        'line-color': c.lower,
        label: 'data(label)',
        'font-size': 10,
        'font-family': MONO,
        color: c.muted,
        'text-background-color': c.namespaceFill,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    {
      selector: 'edge.tunnel',
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': [-70],
        'control-point-weights': [0.5],
        width: 3,
        'line-style': 'dashed',
        'line-dash-pattern': [10, 6],
        'line-color': c.tunnel,
        label: 'data(label)',
        'font-size': 11,
        'font-family': MONO,
        color: c.tunnel,
        'text-background-color': c.namespaceFill,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'z-index': 20,
      },
    },
    { selector: 'edge.tunnel.down', style: { opacity: 0.5 } },
    {
      // The tunnel between two hosts' underlay addresses, over the underlay.
      selector: 'edge.host-tunnel',
      // Arched over what stands between the hosts (the LAN switch), its label on top.
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': [95],
        'control-point-weights': [0.5],
        'text-wrap': 'wrap',
        'font-size': 12,
        'font-weight': 'bold',
        'text-margin-y': -16,
        width: 4,
      },
    },
    {
      // An overlay network between its namespaces on each host: a wide translucent band.
      selector: 'edge.overlay-band',
      style: {
        'curve-style': 'straight',
        width: 18,
        'line-color': c.tunnel,
        'line-opacity': 0.35,
        'line-style': 'solid',
        label: 'data(label)',
        'font-size': 13,
        'font-weight': 'bold',
        'font-family': SANS,
        color: c.tunnel,
        'text-background-color': c.namespaceFill,
        'text-background-opacity': 0.95,
        'text-background-padding': '3px',
        'text-background-shape': 'roundrectangle',
        'z-compound-depth': 'top',
        'z-index': 1,
      },
    },
    {
      selector: 'edge.vxlan-lower',
      style: { 'line-color': c.tunnel, 'line-style': 'dotted', width: 2.5, color: c.tunnel, 'font-size': 11 },
    },
    { selector: 'node.device.highlighted, node.device:selected', style: { 'border-color': c.highlight, 'border-width': 4 } },
    { selector: 'node.namespace.highlighted, node.namespace:selected', style: { 'border-color': c.highlight, 'border-width': 3 } },
  ];
}

function legend(): HTMLElement {
  const item = (swatch: string, text: string) => h('li', {}, h('span', { class: `swatch ${swatch}` }), text);
  return h(
    'ul',
    { class: 'graph-legend', 'aria-label': 'Legend' },
    item('dev-up', 'up'),
    item('dev-no-carrier', 'no carrier'),
    item('dev-down', 'down'),
    item('dev-bridge', 'bridge'),
    item('link-veth', 'veth pair'),
    item('link-port', 'port → bridge'),
    item('link-tunnel', 'VXLAN tunnel'),
    item('link-overlay', 'overlay network'),
    item('link-down', 'link down'),
  );
}

/** Keys Cytoscape fixes at creation; `data()` may not change them. */
const FIXED_DATA_KEYS = new Set(['id', 'parent', 'source', 'target']);

type Point = { x: number; y: number };

function layoutKey(mode: ViewMode, prefix = 'netsim.layout.v1'): string {
  return `${prefix}.${mode}`;
}

export function createGraphView(container: HTMLElement, options: GraphViewOptions = {}): GraphView {
  const storage = options.storage ?? window.localStorage;
  const canvasHost = h('div', { class: 'graph-canvas', 'data-testid': 'graph' });
  const empty = h('p', { class: 'graph-empty' }, 'No namespaces yet.');
  const key = legend();
  container.append(canvasHost, empty);
  if (options.legend !== false) canvasHost.append(key);

  const cy: Core = cytoscape({
    container: canvasHost,
    style: stylesheet(PALETTES.dark),
    layout: { name: 'preset' },
    minZoom: 0.1,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
  });

  let mode: ViewMode | undefined;
  /** Set once the user pans or zooms: from then on only the Fit button refits. */
  let userMoved = false;
  canvasHost.addEventListener('wheel', () => (userMoved = true), { passive: true });
  canvasHost.addEventListener('pointerdown', () => (userMoved = true));
  let saved = new Map<string, Point>();

  function loadSaved(view: ViewMode): Map<string, Point> {
    try {
      const raw = storage.getItem(layoutKey(view, options.storageKey));
      return raw ? new Map(Object.entries(JSON.parse(raw) as Record<string, Point>)) : new Map();
    } catch {
      return new Map();
    }
  }

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  function persist(): void {
    if (!mode) return;
    const view = mode;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      try {
        storage.setItem(layoutKey(view, options.storageKey), JSON.stringify(Object.fromEntries(saved)));
      } catch {
        // Storage full or disabled: positions just do not survive a reload.
      }
    }, 200);
  }

  /**
   * The picture's extent from the devices' positions and sizes, the boxes' padding around them
   * and room for titles: Cytoscape's own boundingBox() would first bring every compound box and
   * style up to date, several milliseconds each time in a big world.
   */
  function modelBounds(): { x1: number; y1: number; w: number; h: number } {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    cy.nodes().forEach((node) => {
      if (node.isParent()) return;
      const p = node.position();
      const w = (node.data('w') as number | undefined) ?? 64;
      const h = (node.data('h') as number | undefined) ?? 40;
      x1 = Math.min(x1, p.x - w / 2);
      x2 = Math.max(x2, p.x + w / 2);
      y1 = Math.min(y1, p.y - h / 2);
      y2 = Math.max(y2, p.y + h / 2);
    });
    // Up to two boxes around a device (a container in its host), and the title above them.
    const pad = 2 * (NAMESPACE_PADDING_PX + 3);
    return { x1: x1 - pad, y1: y1 - pad - TITLE_ROOM_PX, w: x2 - x1 + 2 * pad, h: y2 - y1 + 2 * pad + TITLE_ROOM_PX };
  }

  /** Fits the picture in what the overlays (packet colours and tools on top, the legend below) leave free. */
  function fit(): void {
    if (cy.elements().empty()) return;
    const box = modelBounds();
    const width = cy.width();
    const height = cy.height();
    const inset = { top: 46, bottom: Math.min(60, key.offsetHeight + 14), left: 18, right: 18 };
    const free = { w: Math.max(50, width - inset.left - inset.right), h: Math.max(50, height - inset.top - inset.bottom) };
    const zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, free.w / Math.max(1, box.w), free.h / Math.max(1, box.h)));
    cy.viewport({
      zoom,
      pan: { x: inset.left + (free.w - box.w * zoom) / 2 - box.x1 * zoom, y: inset.top + (free.h - box.h * zoom) / 2 - box.y1 * zoom },
    });
  }

  cy.on('tap', (event) => {
    const target: unknown = event.target;
    if (target === cy) {
      options.onSelect?.(undefined);
      return;
    }
    const element = target as cytoscape.SingularElementReturnValue;
    if (!element.isNode()) return;
    const namespace = element.data('namespace') as string;
    const device = element.data('device') as string | undefined;
    options.onSelect?.({ namespace, nodeId: element.id(), ...(device !== undefined ? { device } : {}) });
  });
  cy.on('dragfree', 'node', (event) => {
    const node = event.target as NodeSingular;
    const leaves = node.isParent() ? node.descendants().filter((n) => !n.isParent()) : node;
    leaves.forEach((leaf) => {
      saved.set(leaf.id(), { ...leaf.position() });
    });
    persist();
  });
  cy.on('pan zoom position', () => options.onViewport?.());
  new ResizeObserver(() => {
    cy.resize();
    if (!userMoved) fit();
    options.onViewport?.();
  }).observe(canvasHost);

  function render(drawing: Drawing, forceLayout = false): void {
    if (drawing.mode !== mode) {
      mode = drawing.mode;
      saved = loadSaved(mode);
      cy.elements().remove();
    }
    const elements: ElementDefinition[] = topologyElements(drawing.namespaces, drawing.extras);
    const wanted = new Set(elements.map((element) => element.data.id));
    let added = 0;
    cy.batch(() => {
      const stale = cy.elements().filter((element) => !wanted.has(element.id()));
      cy.remove(stale);
      const fresh: ElementDefinition[] = [];
      const moves: { id: string; parent: string | null }[] = [];
      for (const element of elements) {
        const isLeaf = element.group === 'nodes' && element.data.parent !== undefined;
        // A node the user dragged stays where it was put; the others follow the layout,
        // which is deterministic and keeps what was there in place as the world grows.
        const want = isLeaf && element.position ? (saved.get(element.data.id!) ?? element.position) : undefined;
        const existing = cy.getElementById(element.data.id!);
        if (existing.empty()) {
          if (want) element.position = { ...want };
          fresh.push(element);
          continue;
        }
        // A namespace that now belongs in another box (its host became known) moves there,
        // once every new node exists.
        if (element.group === 'nodes' && (element.data.parent ?? null) !== (existing.data('parent') ?? null)) {
          moves.push({ id: element.data.id!, parent: element.data.parent ?? null });
        }
        const node = existing;
        // Only what changed: each data() or classes() call makes Cytoscape restyle the element.
        const changed = Object.entries(element.data).filter(([key, value]) => !FIXED_DATA_KEYS.has(key) && node.data(key) !== value);
        if (changed.length > 0) node.data(Object.fromEntries(changed));
        const classes = element.classes ?? '';
        if (typeof classes === 'string' ? classes !== node.classes().join(' ') : true) node.classes(classes);
        if (want) {
          const at = node.position();
          if (at.x !== want.x || at.y !== want.y) node.position({ ...want });
        }
      }
      // Nodes before edges, parents before children: Cytoscape needs the ends to exist.
      fresh.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1));
      added = fresh.length;
      if (fresh.length > 0) cy.add(fresh);
      for (const { id, parent } of moves) cy.getElementById(id).move({ parent });
    });
    empty.hidden = drawing.namespaces.length > 0;
    if (added > 0 || forceLayout || !userMoved) fit();
    options.onViewport?.();
  }

  let lastDrawing: Drawing | undefined;
  return {
    canvasHost,
    cy,
    render(drawing) {
      lastDrawing = drawing;
      render(drawing);
    },
    highlight(nodeIds) {
      cy.batch(() => {
        cy.nodes('.highlighted').removeClass('highlighted');
        for (const id of nodeIds) cy.getElementById(id).addClass('highlighted');
      });
    },
    fit() {
      userMoved = false;
      fit();
    },
    relayout() {
      if (!mode) return;
      saved = new Map();
      try {
        storage.removeItem(layoutKey(mode, options.storageKey));
      } catch {
        // nothing remembered then
      }
      if (lastDrawing) render(lastDrawing, true);
    },
    project(nodeId) {
      const node = cy.getElementById(nodeId);
      if (node.empty()) return undefined;
      const p = node.renderedPosition();
      return { x: p.x, y: p.y };
    },
    zoom: () => cy.zoom(),
    setTheme(theme) {
      cy.style(stylesheet(PALETTES[theme]));
    },
  };
}
