/**
 * A namespace's state tables as the real tools print them (ip addr, ip route, ip neigh,
 * bridge fdb, iptables-save with counters, conntrack -L), and Docker's `network inspect`.
 * Live after each command; when the player's cursor is on an earlier event, the tables exactly
 * as they were at that event (the worker replays the world up to it), shown with the table
 * changes the command's events made up to the cursor; the end-of-command snapshot meanwhile.
 */
import type { NamespaceTables } from '../api/types.ts';
import { h } from './dom.ts';
import { describeEvent, type Timeline } from './timeline.ts';
import { namespaceLabel } from './topology-graph.ts';

export type TableName = keyof NamespaceTables | 'docker';

const TABS: { name: TableName; label: string; command: string }[] = [
  { name: 'addresses', label: 'addr', command: 'ip addr show' },
  { name: 'routes', label: 'routes', command: 'ip route show table all' },
  { name: 'neighbours', label: 'neigh', command: 'ip neigh show' },
  { name: 'fdb', label: 'fdb', command: 'bridge fdb show' },
  { name: 'iptables', label: 'iptables', command: 'iptables-save' },
  { name: 'conntrack', label: 'conntrack', command: 'conntrack -L' },
  { name: 'docker', label: 'docker network', command: 'docker network inspect' },
];

export interface TableSnapshots {
  /** Tables of `ns` at the end of command `cmd`, if recorded. */
  at(cmd: number, ns: string): NamespaceTables | undefined;
  /** The newest tables of `ns` recorded, and the command they follow. */
  latest(ns: string): { cmd: number; tables: NamespaceTables } | undefined;
}

export interface TablesPanel {
  /** Redraws for the selected namespace and the player's cursor. */
  update(ns: string, cursor: number): void;
  setNetworks(names: readonly string[]): void;
}

export interface TablesPanelOptions {
  readonly snapshots: TableSnapshots;
  readonly timeline: Timeline;
  /** Namespaces to choose from (summary names). */
  readonly namespaces: () => readonly string[];
  readonly onNamespace: (ns: string) => void;
  /** `docker network inspect NAME` output. */
  readonly inspectNetwork: (name: string) => Promise<string>;
  /** The exact tables of `ns` at the `events`-th event of command `cmd` (a replay in the worker). */
  readonly tablesAt?: (ns: string, cmd: number, events: number) => Promise<NamespaceTables>;
}

export function createTablesPanel(container: HTMLElement, options: TablesPanelOptions): TablesPanel {
  let tab: TableName = 'addresses';
  let ns = '';
  let cursor = -1;
  let networks: readonly string[] = [];
  let network = '';
  const nsSelect = h('select', { 'aria-label': 'Namespace of the tables', 'data-testid': 'tables-namespace' });
  nsSelect.addEventListener('change', () => options.onNamespace(nsSelect.value));
  const tabButtons = TABS.map((t) => {
    const b = h('button', { type: 'button', role: 'tab', class: 'table-tab', 'data-table': t.name, title: t.command }, t.label);
    b.addEventListener('click', () => {
      tab = t.name;
      paint();
    });
    return b;
  });
  const when = h('p', { class: 'tables-when', 'data-testid': 'tables-when', role: 'note' });
  const text = h('pre', { class: 'table-text', 'data-testid': 'table-text', tabindex: 0 });
  const changes = h('ul', { class: 'table-changes', 'aria-label': 'Table changes in this command up to the selected event' });
  container.append(h('div', { class: 'tables-head' }, h('label', {}, 'namespace ', nsSelect)), h('div', { class: 'table-tabs', role: 'tablist' }, ...tabButtons), when, changes, text);

  let dockerRequest = 0;
  let exactRequest = 0;
  /** Exact tables already replayed, by world generation, command, event and namespace. */
  const exact = new Map<string, NamespaceTables>();
  function paint(): void {
    for (const b of tabButtons) b.setAttribute('aria-selected', b.dataset.table === tab ? 'true' : 'false');
    const names = options.namespaces();
    if (nsSelect.options.length !== names.length || names.some((n, i) => nsSelect.options[i].value !== n)) {
      nsSelect.replaceChildren(...names.map((n) => h('option', { value: n }, namespaceLabel(n))));
    }
    nsSelect.value = ns;
    changes.replaceChildren();
    if (tab === 'docker') {
      nsSelect.disabled = true;
      if (networks.length === 0) {
        when.textContent = 'Docker is not running in this world (no networks).';
        text.textContent = '';
        return;
      }
      if (!networks.includes(network)) network = networks[0];
      const picker = h('select', { 'aria-label': 'Docker network' }, ...networks.map((n) => h('option', { value: n, selected: n === network }, n)));
      picker.addEventListener('change', () => {
        network = picker.value;
        paint();
      });
      when.replaceChildren(`$ docker network inspect `, picker, ' (now)');
      const request = ++dockerRequest;
      void options.inspectNetwork(network).then((out) => {
        if (request === dockerRequest && tab === 'docker') text.textContent = out;
      });
      return;
    }
    nsSelect.disabled = false;
    const { timeline } = options;
    const latest = options.snapshots.latest(ns);
    const at = timeline.events[cursor];
    const lastCmd = timeline.commands.length - 1;
    const command = TABS.find((t) => t.name === tab)!.command;
    const prefix = `$ ${ns === '' ? '' : `ip netns exec ${namespaceLabel(ns)} `}${command}`;
    if (at && (at.cmd < lastCmd || at.index < timeline.events.length - 1)) {
      const cmd = timeline.commands[at.cmd];
      const nth = at.index - cmd.first + 1;
      const key = `${cmd.epoch}|${at.cmd}|${nth}|${ns}`;
      const known = exact.get(key);
      const exactNote = `Exactly as at the selected event #${at.index} (event ${nth} of command #${at.cmd + 1}: ${cmd.line}), replayed.`;
      if (known) {
        when.textContent = exactNote;
        when.className = 'tables-when past exact';
        text.textContent = `${prefix}\n${known[tab]}`;
      } else {
        const then = options.snapshots.at(at.cmd, ns);
        if (then) {
          when.textContent = `As at the end of command #${at.cmd + 1} (${cmd.line}), which the selected event #${at.index} is part of${options.tablesAt ? '; replaying to the exact instant…' : '; not the exact instant of the event.'}`;
          when.className = 'tables-when past';
          text.textContent = `${prefix}\n${then[tab]}`;
        } else {
          when.textContent = `Not recorded for ${namespaceLabel(ns)} at command #${at.cmd + 1}; showing the latest tables.`;
          when.className = 'tables-when past';
          text.textContent = latest ? `${prefix}\n${latest.tables[tab]}` : '';
        }
        if (options.tablesAt) {
          const request = ++exactRequest;
          const wantNs = ns;
          void options.tablesAt(wantNs, at.cmd, nth).then(
            (tables) => {
              exact.set(key, tables);
              if (exact.size > 200) exact.delete(exact.keys().next().value as string);
              if (request === exactRequest && ns === wantNs) paint();
            },
            () => {
              // the namespace did not exist yet at that instant: the snapshot stays
            },
          );
        }
      }
      // What this command's events changed in this namespace up to the cursor.
      const items: HTMLElement[] = [];
      for (let i = cmd.first; i <= at.index; i++) {
        const e = timeline.events[i];
        if (e.ns === ns && (e.event.type === 'fdb-learn' || e.event.type === 'neigh')) items.push(h('li', {}, `#${i} ${describeEvent(e.event)}`));
      }
      changes.replaceChildren(...items.slice(-8));
      return;
    }
    when.textContent = latest ? `Live: after the latest command${latest.cmd >= 0 ? ` (#${latest.cmd + 1})` : ''}.` : 'Loading…';
    when.className = 'tables-when';
    text.textContent = latest ? `${prefix}\n${latest.tables[tab]}` : '';
  }

  return {
    update(nextNs, nextCursor) {
      ns = nextNs;
      cursor = nextCursor;
      paint();
    },
    setNetworks(names) {
      networks = names;
      if (tab === 'docker') paint();
    },
  };
}
