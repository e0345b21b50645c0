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
  },
};

const MONO = '"DejaVu Sans Mono", "JetBrains Mono", ui-monospace, Menlo, Consolas, monospace';
const SANS = 'Inter, "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif';

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
    item('link-down', 'link down'),
  );
}

/** Keys Cytoscape fixes at creation; `data()` may not change them. */
const FIXED_DATA_KEYS = new Set(['id', 'parent', 'source', 'target']);

type Point = { x: number; y: number };

function layoutKey(mode: ViewMode): string {
  return `netsim.layout.v1.${mode}`;
}

export function createGraphView(container: HTMLElement, options: GraphViewOptions = {}): GraphView {
  const storage = options.storage ?? window.localStorage;
  const canvasHost = h('div', { class: 'graph-canvas', 'data-testid': 'graph' });
  const empty = h('p', { class: 'graph-empty' }, 'No namespaces yet.');
  container.append(canvasHost, empty, legend());

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
      const raw = storage.getItem(layoutKey(view));
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
        storage.setItem(layoutKey(view), JSON.stringify(Object.fromEntries(saved)));
      } catch {
        // Storage full or disabled: positions just do not survive a reload.
      }
    }, 200);
  }

  function fit(): void {
    if (cy.elements().empty()) return;
    cy.fit(undefined, 36);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
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
        existing.data(Object.fromEntries(Object.entries(element.data).filter(([key]) => !FIXED_DATA_KEYS.has(key))));
        existing.classes(element.classes ?? '');
        if (want) {
          const at = existing.position();
          if (at.x !== want.x || at.y !== want.y) existing.position({ ...want });
        }
      }
      // Nodes before edges, parents before children: Cytoscape needs the ends to exist.
      fresh.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1));
      added = fresh.length;
      if (fresh.length > 0) cy.add(fresh);
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
        storage.removeItem(layoutKey(mode));
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
