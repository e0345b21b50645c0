/**
 * The topology picture: a Cytoscape instance fed by topology-graph.ts. State lives in element
 * data and classes; the stylesheet below maps it to looks.
 */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import type { NamespaceSummary } from '../api/types.ts';
import { h } from './dom.ts';
import { NAMESPACE_PADDING_PX, topologyElements } from './topology-graph.ts';

export interface GraphView {
  render(namespaces: readonly NamespaceSummary[]): void;
  /** Outlines a device node (e.g. while its panel entry is hovered); undefined clears it. */
  highlight(nodeId: string | undefined): void;
  fit(): void;
}

export interface GraphViewOptions {
  /** Told when a device node is clicked (undefined when the background is). */
  readonly onSelect?: (nodeId: string | undefined) => void;
}

const COLOURS = {
  text: '#e2e8f0',
  muted: '#94a3b8',
  namespaceFill: '#1e293b',
  namespaceBorder: '#475569',
  up: '#22c55e',
  noCarrier: '#f59e0b',
  down: '#64748b',
  bridgeFill: '#172554',
  deviceFill: '#0f172a',
  highlight: '#38bdf8',
} as const;

const MONO = '"DejaVu Sans Mono", "JetBrains Mono", ui-monospace, Menlo, Consolas, monospace';
const SANS = 'Inter, "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif';

/** Largest zoom a fit may pick, so a small world is not drawn huge. */
const MAX_FIT_ZOOM = 1.25;

const stylesheet: StylesheetJson = [
  {
    selector: 'node.namespace',
    style: {
      shape: 'round-rectangle',
      'background-color': COLOURS.namespaceFill,
      'background-opacity': 0.55,
      'border-color': COLOURS.namespaceBorder,
      'border-width': 1.5,
      padding: `${NAMESPACE_PADDING_PX}px`,
      label: 'data(label)',
      color: COLOURS.text,
      'font-family': SANS,
      'font-size': 15,
      'font-weight': 'bold',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -6,
      // A function: @types/cytoscape does not accept a data() mapper for this property.
      'text-margin-x': (node: cytoscape.NodeSingular) => node.data('titleShift') as number,
    },
  },
  { selector: 'node.namespace.root', style: { 'border-style': 'dashed' } },
  {
    selector: 'node.device',
    style: {
      shape: 'round-rectangle',
      width: 'data(w)',
      height: 'data(h)',
      'background-color': COLOURS.deviceFill,
      'border-width': 2.5,
      label: 'data(label)',
      color: COLOURS.text,
      'font-family': MONO,
      'font-size': 12,
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
      'line-height': 1.35,
    },
  },
  { selector: 'node.device.bridge', style: { 'background-color': COLOURS.bridgeFill, 'border-width': 3.5 } },
  { selector: 'node.device.loopback', style: { 'border-style': 'dotted', 'font-size': 11 } },
  { selector: 'node.device.up', style: { 'border-color': COLOURS.up } },
  { selector: 'node.device.no-carrier', style: { 'border-color': COLOURS.noCarrier } },
  { selector: 'node.device.down', style: { 'border-color': COLOURS.down, color: COLOURS.muted } },
  {
    selector: 'edge',
    style: { 'curve-style': 'straight', width: 3, 'line-color': COLOURS.down, 'line-style': 'dashed' },
  },
  { selector: 'edge.up', style: { 'line-color': COLOURS.up, 'line-style': 'solid' } },
  {
    selector: 'edge.port',
    style: {
      width: 2,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': COLOURS.down,
      'arrow-scale': 0.9,
    },
  },
  { selector: 'edge.port.up', style: { 'line-color': COLOURS.up, 'target-arrow-color': COLOURS.up } },
  { selector: 'node.device.highlighted, node.device:selected', style: { 'border-color': COLOURS.highlight, 'border-width': 4 } },
];

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
    item('link-down', 'link down'),
  );
}

/** Keys Cytoscape fixes at creation; `data()` may not change them. */
const FIXED_DATA_KEYS = new Set(['id', 'parent', 'source', 'target']);

export function createGraphView(container: HTMLElement, options: GraphViewOptions = {}): GraphView {
  const canvas = h('div', { class: 'graph-canvas', 'data-testid': 'graph' });
  const empty = h('p', { class: 'graph-empty' }, 'No namespaces yet.');
  const fitButton = h('button', { class: 'graph-fit', type: 'button', title: 'Fit the whole topology in view' }, 'Fit');
  container.append(canvas, empty, legend(), fitButton);

  const cy: Core = cytoscape({
    container: canvas,
    style: stylesheet,
    layout: { name: 'preset' },
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
  });

  function fit(): void {
    if (cy.elements().empty()) return;
    cy.fit(undefined, 36);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
  }

  cy.on('tap', (event) => {
    // The target is the core itself when the background is tapped.
    const target: unknown = event.target;
    const device = target !== cy && (target as cytoscape.SingularElementReturnValue).hasClass('device');
    options.onSelect?.(device ? (target as cytoscape.SingularElementReturnValue).id() : undefined);
  });
  fitButton.addEventListener('click', fit);
  new ResizeObserver(() => {
    cy.resize();
    fit();
  }).observe(canvas);

  return {
    render(namespaces) {
      const elements: ElementDefinition[] = topologyElements(namespaces);
      const wanted = new Set(elements.map((element) => element.data.id));
      let changedShape = false;
      cy.batch(() => {
        const stale = cy.elements().filter((element) => !wanted.has(element.id()));
        if (stale.nonempty()) {
          changedShape = true;
          cy.remove(stale);
        }
        const added: ElementDefinition[] = [];
        for (const element of elements) {
          const existing = cy.getElementById(element.data.id!);
          if (existing.empty()) {
            added.push(element);
            continue;
          }
          existing.data(Object.fromEntries(Object.entries(element.data).filter(([key]) => !FIXED_DATA_KEYS.has(key))));
          existing.classes(element.classes ?? '');
          if (element.position && existing.isNode() && !existing.isParent()) existing.position(element.position);
        }
        if (added.length > 0) {
          changedShape = true;
          cy.add(added);
        }
      });
      empty.hidden = namespaces.length > 0;
      if (changedShape) fit();
    },
    highlight(nodeId) {
      cy.batch(() => {
        cy.nodes('.highlighted').removeClass('highlighted');
        if (nodeId !== undefined) cy.getElementById(nodeId).addClass('highlighted');
      });
    },
    fit,
  };
}
