/**
 * The event list, Packet Tracer style: one row per trace event (time, namespace, what
 * happened), filtered by protocol, namespace and "drops only". Virtualized: only the rows in
 * view are in the DOM, so a timeline of tens of thousands of events scrolls smoothly.
 */
import { PACKET_KINDS, type PacketKind } from './decode/frame.ts';
import { h } from './dom.ts';
import { KIND_COLOURS, KIND_LABELS } from './packet-layer.ts';
import { describeEvent, type Timeline, type TimelineEvent } from './timeline.ts';
import { namespaceLabel } from './topology-graph.ts';

export interface EventFilter {
  readonly kinds: ReadonlySet<PacketKind>;
  /** Summary name, or undefined for every namespace. */
  readonly namespace: string | undefined;
  readonly dropsOnly: boolean;
}

export function matches(filter: EventFilter, e: TimelineEvent): boolean {
  if (filter.dropsOnly && e.event.type !== 'drop') return false;
  if (filter.namespace !== undefined && e.ns !== filter.namespace) return false;
  return filter.kinds.has(e.kind);
}

export interface EventList {
  /** Redraws for a new timeline version or cursor. */
  update(cursor: number): void;
  readonly filter: EventFilter;
}

export interface EventListOptions {
  /** A row was clicked: move the cursor there and inspect it. */
  readonly onPick: (index: number) => void;
  readonly namespaces: () => readonly string[];
}

const ROW_PX = 22;

/** Virtual time as seconds with microseconds. */
export function formatTime(ns: number): string {
  return (ns / 1e9).toFixed(6);
}

export function createEventList(container: HTMLElement, timeline: Timeline, options: EventListOptions): EventList {
  let filter: EventFilter = { kinds: new Set(PACKET_KINDS), namespace: undefined, dropsOnly: false };
  const kindBoxes = PACKET_KINDS.map((kind) => {
    const box = h('input', { type: 'checkbox', checked: true, 'aria-label': `Show ${KIND_LABELS[kind]} events` });
    box.addEventListener('change', () => {
      const kinds = new Set(filter.kinds);
      if (box.checked) kinds.add(kind);
      else kinds.delete(kind);
      filter = { ...filter, kinds };
      refilter();
    });
    return h('label', { class: 'kind-filter', title: `${KIND_LABELS[kind]} events` }, box, h('span', { class: 'kind-chip', style: `--kind:${KIND_COLOURS[kind]}` }, KIND_LABELS[kind]));
  });
  const nsSelect = h('select', { 'aria-label': 'Namespace filter', 'data-testid': 'event-namespace-filter' });
  nsSelect.addEventListener('change', () => {
    filter = { ...filter, namespace: nsSelect.value === '*' ? undefined : nsSelect.value };
    refilter();
  });
  const drops = h('input', { type: 'checkbox', 'aria-label': 'Drops only', 'data-testid': 'drops-only' });
  drops.addEventListener('change', () => {
    filter = { ...filter, dropsOnly: drops.checked };
    refilter();
  });
  const count = h('span', { class: 'event-count', 'data-testid': 'event-count' });
  const toolbar = h(
    'div',
    { class: 'event-toolbar' },
    ...kindBoxes,
    nsSelect,
    h('label', { class: 'drops-filter' }, drops, 'drops only'),
    count,
  );
  const spacer = h('div', { class: 'event-spacer' });
  const rows = h('div', { class: 'event-rows' });
  const viewport = h('div', { class: 'event-viewport', role: 'listbox', 'aria-label': 'Trace events', tabindex: 0, 'data-testid': 'event-list' }, spacer, rows);
  container.append(toolbar, viewport);

  /** Timeline indices that pass the filter. */
  let visible: number[] = [];
  let seenVersion = -1;
  let seenLength = 0;
  let cursor = -1;

  function refreshNamespaces(): void {
    const names = options.namespaces();
    const current = nsSelect.value || '*';
    const wantedOptions = ['*', ...names];
    if (nsSelect.options.length !== wantedOptions.length || wantedOptions.some((v, i) => nsSelect.options[i]?.value !== v)) {
      nsSelect.replaceChildren(
        h('option', { value: '*' }, 'all namespaces'),
        ...names.map((name) => h('option', { value: name }, namespaceLabel(name))),
      );
      nsSelect.value = wantedOptions.includes(current) ? current : '*';
    }
  }

  function refilter(): void {
    visible = [];
    for (const e of timeline.events) if (matches(filter, e)) visible.push(e.index);
    seenVersion = timeline.version;
    seenLength = timeline.length;
    paint(true);
  }

  function row(e: TimelineEvent): HTMLElement {
    const ev = e.event;
    const classes = ['event-row', `type-${ev.type}`];
    if (e.index === cursor) classes.push('current');
    else if (e.index > cursor) classes.push('future');
    return h(
      'div',
      { class: classes.join(' '), role: 'option', 'aria-selected': e.index === cursor ? 'true' : 'false', 'data-index': e.index },
      h('span', { class: 'ev-kind', style: `--kind:${KIND_COLOURS[e.kind]}`, title: KIND_LABELS[e.kind] }),
      h('span', { class: 'ev-time' }, formatTime(ev.t)),
      h('span', { class: 'ev-ns' }, namespaceLabel(e.ns)),
      h('span', { class: 'ev-type' }, ev.type),
      h('span', { class: 'ev-text' }, describeEvent(ev)),
    );
  }

  let lastScrolledTo = -2;
  function paint(scrollToCursor: boolean): void {
    spacer.style.height = `${visible.length * ROW_PX}px`;
    count.textContent = `${visible.length} of ${timeline.length} events`;
    if (scrollToCursor && cursor !== lastScrolledTo) {
      lastScrolledTo = cursor;
      const at = lowerBound(visible, cursor);
      if (at < visible.length) {
        const top = at * ROW_PX;
        if (top < viewport.scrollTop || top > viewport.scrollTop + viewport.clientHeight - ROW_PX * 2) {
          viewport.scrollTop = Math.max(0, top - viewport.clientHeight / 2);
        }
      }
    }
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_PX) - 5);
    const last = Math.min(visible.length, first + Math.ceil(viewport.clientHeight / ROW_PX) + 10);
    const items: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const e = timeline.events[visible[i]];
      if (!e) continue;
      const el = row(e);
      el.style.top = `${i * ROW_PX}px`;
      items.push(el);
    }
    rows.replaceChildren(...items);
  }

  viewport.addEventListener('scroll', () => paint(false));
  viewport.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('.event-row');
    if (target?.dataset.index) options.onPick(Number(target.dataset.index));
  });
  viewport.addEventListener('keydown', (event) => {
    const at = lowerBound(visible, cursor);
    if (event.key === 'ArrowDown' && at + 1 < visible.length) options.onPick(visible[visible[at] === cursor ? at + 1 : at]);
    else if (event.key === 'ArrowUp' && at > 0) options.onPick(visible[at - 1]);
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  new ResizeObserver(() => paint(false)).observe(viewport);

  return {
    get filter() {
      return filter;
    },
    update(next) {
      cursor = next;
      refreshNamespaces();
      if (timeline.version !== seenVersion) {
        // Appended only: filter just the new events.
        if (timeline.length >= seenLength && seenVersion >= 0 && (visible.length === 0 || visible[visible.length - 1] < seenLength)) {
          for (let i = seenLength; i < timeline.length; i++) if (matches(filter, timeline.events[i])) visible.push(i);
          seenVersion = timeline.version;
          seenLength = timeline.length;
        } else {
          refilter();
          return;
        }
      }
      paint(true);
    },
  };
}

/** First position in sorted `list` whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
