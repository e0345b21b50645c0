/** The left panel: every network namespace and its devices, as `ip -d link` and `ip addr` would list them. */
import type { DeviceSummary, NamespaceSummary } from '../api/types.ts';
import { h } from './dom.ts';
import { deviceNodeId, deviceState, namespaceLabel } from './topology-graph.ts';

export interface NamespacePanel {
  render(namespaces: readonly NamespaceSummary[]): void;
  /** Scrolls to a device and marks it, e.g. when its node is clicked in the graph. */
  select(nodeId: string | undefined): void;
}

export interface NamespacePanelOptions {
  /** Told when the pointer enters or leaves a device entry (undefined on leave). */
  readonly onHover?: (nodeId: string | undefined) => void;
}

function stateBadge(device: DeviceSummary): HTMLElement {
  const state = deviceState(device);
  const text = state === 'up' ? 'UP' : state === 'down' ? 'DOWN' : 'NO CARRIER';
  const why =
    state === 'no-carrier'
      ? `set up, but operstate ${device.operState}: ${device.kind === 'veth' ? 'its peer is down' : 'no port is up'}`
      : `operstate ${device.operState}`;
  return h('span', { class: `badge state-${state}`, title: why }, text);
}

function fact(term: string, ...values: (string | Node)[]): Node[] {
  return [h('dt', {}, term), h('dd', {}, ...values)];
}

function deviceEntry(namespace: string, device: DeviceSummary): HTMLElement {
  const facts: Node[] = [
    ...fact('mtu', String(device.mtu)),
    ...fact('mac', device.mac),
    ...device.addresses.flatMap((address) => fact('inet', h('span', { class: 'address' }, address))),
  ];
  if (device.master !== undefined) facts.push(...fact('master', device.master));
  if (device.peer) {
    facts.push(
      ...fact('peer', device.peer.device, h('span', { class: 'muted' }, ` in ${namespaceLabel(device.peer.netns)}`)),
    );
  }
  return h(
    'li',
    {
      class: `device kind-${device.kind} state-${deviceState(device)}`,
      'data-node': deviceNodeId(namespace, device.name),
      'data-device': device.name,
    },
    h(
      'div',
      { class: 'device-head' },
      h('span', { class: 'device-name' }, device.name),
      h('span', { class: 'device-kind' }, device.kind),
      stateBadge(device),
    ),
    h('dl', { class: 'device-facts' }, ...facts),
  );
}

export function createNamespacePanel(container: HTMLElement, options: NamespacePanelOptions = {}): NamespacePanel {
  const count = h('span', { class: 'panel-count' });
  const list = h('ul', { class: 'namespace-list', 'data-testid': 'namespace-list' });
  container.append(h('h2', { class: 'panel-title' }, 'Namespaces ', count), list);
  let selected: string | undefined;

  list.addEventListener('mouseover', (event) => {
    const entry = (event.target as Element).closest<HTMLElement>('li.device');
    options.onHover?.(entry?.dataset.node);
  });
  list.addEventListener('mouseleave', () => options.onHover?.(undefined));

  function mark(): void {
    for (const entry of list.querySelectorAll<HTMLElement>('li.device')) {
      entry.classList.toggle('selected', entry.dataset.node === selected);
    }
  }

  return {
    render(namespaces) {
      count.textContent = String(namespaces.length);
      list.replaceChildren(
        ...namespaces.map((ns) =>
          h(
            'li',
            { class: ns.name === '' ? 'namespace root' : 'namespace', 'data-namespace': ns.name },
            h(
              'div',
              { class: 'namespace-head' },
              h('span', { class: 'namespace-name' }, namespaceLabel(ns.name)),
              h('span', { class: 'muted' }, `${ns.devices.length} device${ns.devices.length === 1 ? '' : 's'}`),
            ),
            h('ul', { class: 'device-list' }, ...ns.devices.map((device) => deviceEntry(ns.name, device))),
          ),
        ),
      );
      mark();
    },
    select(nodeId) {
      selected = nodeId;
      mark();
      if (nodeId !== undefined) {
        list.querySelector(`li.device[data-node="${CSS.escape(nodeId)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    },
  };
}
