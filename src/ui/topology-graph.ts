/**
 * Namespaces and devices as Cytoscape elements, with a deterministic layered layout. Pure:
 * no DOM and no Cytoscape instance, so it runs in tests as is.
 *
 * Layout: namespaces linked by veth pairs form components. In each component the namespace
 * holding the most bridges is the top layer; namespaces one veth further away form the next
 * layer, each placed under the device its veth leads to. Inside a namespace devices sit in
 * up to three rows: veths towards the layer above, then bridges and other devices, then veths
 * towards the layer below. Namespaces linked to nothing stand in columns on the right.
 */
import type { ElementDefinition } from 'cytoscape';
import type { DeviceSummary, NamespaceSummary } from '../api/types.ts';

export const ROOT_NAMESPACE_LABEL = '(root)';

export function namespaceLabel(name: string): string {
  return name === '' ? ROOT_NAMESPACE_LABEL : name;
}

export function namespaceNodeId(namespace: string): string {
  return `ns:${namespace}`;
}

export function deviceNodeId(namespace: string, device: string): string {
  return `dev:${namespace}/${device}`;
}

/** up: passes traffic; no-carrier: set up but its link is not (peer or ports down); down: set down. */
export type DeviceState = 'up' | 'no-carrier' | 'down';

export function deviceState(device: DeviceSummary): DeviceState {
  if (!device.up) return 'down';
  // Loopback reports UNKNOWN when up, as on Linux.
  return device.operState === 'UP' || device.operState === 'UNKNOWN' ? 'up' : 'no-carrier';
}

/** Size of a device node, from its label (monospace, LABEL_FONT_PX). */
const LABEL_FONT_PX = 12;
const CHAR_WIDTH_PX = LABEL_FONT_PX * 0.62;
const LINE_HEIGHT_PX = LABEL_FONT_PX * 1.35;
const NODE_PADDING_X = 18;
const NODE_PADDING_Y = 12;
const MIN_NODE_WIDTH = 64;

/** Space between a namespace's border and its devices (the stylesheet's `padding`). */
export const NAMESPACE_PADDING_PX = 18;
/** Namespace titles: 15px bold sans, drawn above the box's top-left corner. */
export const TITLE_CHAR_WIDTH_PX = 9.5;

export const DEVICE_GAP_X = 26;
const ROW_GAP_Y = 28;
const NAMESPACE_GAP_X = 70;
/** Room between layers for the namespace's title (drawn above its box) and the links. */
const LAYER_GAP_Y = 96;
const COMPONENT_GAP_X = 110;
/** A namespace's title above its box. */
export const TITLE_ROOM_Y = 24;

export function deviceLabel(device: DeviceSummary): string {
  return [device.name, ...device.addresses].join('\n');
}

export function nodeSize(label: string): { w: number; h: number } {
  const lines = label.split('\n');
  const longest = Math.max(...lines.map((line) => line.length));
  return {
    w: Math.max(MIN_NODE_WIDTH, Math.round(longest * CHAR_WIDTH_PX + 2 * NODE_PADDING_X)),
    h: Math.round(lines.length * LINE_HEIGHT_PX + 2 * NODE_PADDING_Y),
  };
}

interface Box {
  readonly device: DeviceSummary;
  readonly id: string;
  readonly w: number;
  readonly h: number;
  /** Relative to the namespace's centre line and top. */
  dx: number;
  dy: number;
}

interface NamespaceBox {
  readonly name: string;
  readonly rows: Box[][];
  width: number;
  height: number;
  /** Absolute centre x and top y. */
  cx: number;
  top: number;
}

export type Point = { readonly x: number; readonly y: number };

/** A row of devices wider than this wraps into several (a bridge with a hundred ports). */
const MAX_ROW_PX = 2000;
/** A layer of namespaces wider than this wraps into several rows. */
const MAX_LAYER_PX = 3000;
const WRAPPED_ROW_GAP_Y = 40;

/** Splits a row into rows no wider than MAX_ROW_PX, keeping the order. */
function wrapRow(row: Box[]): Box[][] {
  const out: Box[][] = [];
  let current: Box[] = [];
  let width = 0;
  for (const box of row) {
    if (current.length > 0 && width + DEVICE_GAP_X + box.w > MAX_ROW_PX) {
      out.push(current);
      current = [];
      width = 0;
    }
    width += (current.length > 0 ? DEVICE_GAP_X : 0) + box.w;
    current.push(box);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function arrangeRows(ns: NamespaceBox): void {
  const rows = ns.rows.filter((row) => row.length > 0).flatMap(wrapRow);
  ns.rows.splice(0, ns.rows.length, ...rows);
  let y = 0;
  let width = 0;
  for (const row of rows) {
    const rowWidth = row.reduce((sum, box) => sum + box.w, 0) + DEVICE_GAP_X * (row.length - 1);
    const rowHeight = Math.max(...row.map((box) => box.h));
    let x = -rowWidth / 2;
    for (const box of row) {
      box.dx = x + box.w / 2;
      box.dy = y + rowHeight / 2;
      x += box.w + DEVICE_GAP_X;
    }
    width = Math.max(width, rowWidth);
    y += rowHeight + ROW_GAP_Y;
  }
  ns.width = Math.max(width, MIN_NODE_WIDTH);
  ns.height = rows.length > 0 ? y - ROW_GAP_Y : LINE_HEIGHT_PX;
}

/** Bridges first, then other devices by ifindex, loopback last. */
function middleRowOrder(a: DeviceSummary, b: DeviceSummary): number {
  const rank = (d: DeviceSummary) => (d.kind === 'bridge' ? 0 : d.kind === 'loopback' ? 2 : 1);
  return rank(a) - rank(b) || (a.kind === 'bridge' ? a.name.localeCompare(b.name) : a.ifindex - b.ifindex);
}


/** Places namespaces; returns each device's absolute centre, keyed by node id. */
export function layoutTopology(
  namespaces: readonly NamespaceSummary[],
  labelOf: (namespace: string, device: DeviceSummary) => string = (_ns, device) => deviceLabel(device),
): Map<string, Point> {
  const makeBox = (namespace: string, device: DeviceSummary): Box => ({ device, id: deviceNodeId(namespace, device.name), ...nodeSize(labelOf(namespace, device)), dx: 0, dy: 0 });
  const known = new Set(namespaces.map((ns) => ns.name));
  const neighbours = new Map<string, Set<string>>(namespaces.map((ns) => [ns.name, new Set<string>()]));
  for (const ns of namespaces) {
    for (const device of ns.devices) {
      const peer = device.peer?.netns;
      if (peer === undefined || peer === ns.name || !known.has(peer)) continue;
      neighbours.get(ns.name)!.add(peer);
      neighbours.get(peer)!.add(ns.name);
    }
  }
  const byName = new Map(namespaces.map((ns) => [ns.name, ns]));
  const bridgeCount = (name: string) => byName.get(name)!.devices.filter((d) => d.kind === 'bridge').length;

  // Components, each as BFS layers from its hub namespace.
  const seen = new Set<string>();
  const components: string[][][] = [];
  const loners: string[] = [];
  for (const ns of namespaces) {
    if (seen.has(ns.name)) continue;
    const members: string[] = [];
    const queue = [ns.name];
    seen.add(ns.name);
    while (queue.length > 0) {
      const name = queue.shift()!;
      members.push(name);
      for (const next of neighbours.get(name)!) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    if (members.length === 1) {
      loners.push(members[0]);
      continue;
    }
    const hub = members.reduce((best, name) => {
      const score = bridgeCount(name) * 1000 + neighbours.get(name)!.size;
      const bestScore = bridgeCount(best) * 1000 + neighbours.get(best)!.size;
      return score > bestScore ? name : best;
    });
    // Hosts (namespaces with a bridge or a VXLAN device) linked to each other stand side by
    // side in one layer, as machines on an underlay do; everything else hangs one layer below
    // what it links to (0-1 breadth-first search).
    const isHost = (name: string) => byName.get(name)!.devices.some((d) => d.kind === 'bridge' || d.kind === 'vxlan');
    const layerOf = new Map<string, number>([[hub, 0]]);
    const deque: string[] = [hub];
    while (deque.length > 0) {
      const name = deque.shift()!;
      const here = layerOf.get(name)!;
      for (const next of neighbours.get(name)!) {
        const step = isHost(name) && isHost(next) ? 0 : 1;
        const known = layerOf.get(next);
        if (known !== undefined && known <= here + step) continue;
        layerOf.set(next, here + step);
        if (step === 0) deque.unshift(next);
        else deque.push(next);
      }
    }
    const layers: string[][] = [];
    for (const name of members) {
      const layer = layerOf.get(name)!;
      (layers[layer] ??= []).push(name);
    }
    components.push(layers);
  }

  const positions = new Map<string, Point>();
  const placeDevices = (ns: NamespaceBox) => {
    for (const row of ns.rows) {
      for (const box of row) positions.set(box.id, { x: Math.round(ns.cx + box.dx), y: Math.round(ns.top + box.dy) });
    }
  };

  let componentLeft = 0;
  let bottom = 0;
  for (const layers of components) {
    const layerOf = new Map<string, number>();
    layers.forEach((layer, index) => layer.forEach((name) => layerOf.set(name, index)));
    const boxes: NamespaceBox[] = [];
    let top = 0;
    for (const [index, layer] of layers.entries()) {
      const layerBoxes = layer.map((name): NamespaceBox & { ideal: number } => {
        const { devices } = byName.get(name)!;
        const upward: Box[] = [];
        const middle: Box[] = [];
        const downward: Box[] = [];
        for (const device of devices) {
          const peerLayer = device.peer ? layerOf.get(device.peer.netns) : undefined;
          const box = makeBox(name, device);
          if (peerLayer !== undefined && peerLayer < index) upward.push(box);
          else if (peerLayer !== undefined && peerLayer > index) downward.push(box);
          else middle.push(box);
        }
        const peerX = (box: Box) => {
          const peer = box.device.peer!;
          return positions.get(deviceNodeId(peer.netns, peer.device))?.x ?? 0;
        };
        upward.sort((a, b) => peerX(a) - peerX(b));
        middle.sort((a, b) => middleRowOrder(a.device, b.device));
        const bridgeRank = (box: Box) => {
          const at = middle.findIndex((m) => m.device.name === box.device.master);
          return at < 0 ? middle.length : at;
        };
        downward.sort((a, b) => bridgeRank(a) - bridgeRank(b) || a.device.ifindex - b.device.ifindex);
        // A middle row of nothing but loopback joins the row above, to keep the box short.
        if (middle.every((box) => box.device.kind === 'loopback') && upward.length > 0) upward.push(...middle.splice(0));
        const ns = { name, rows: [upward, middle, downward], width: 0, height: 0, cx: 0, top, ideal: 0 };
        arrangeRows(ns);
        // Centre the namespace so its upward veths sit right under their peers (on average).
        const links = upward.filter((box) => box.device.peer !== undefined && box.device.kind !== 'loopback');
        ns.ideal = links.length > 0 ? links.reduce((sum, box) => sum + peerX(box) - box.dx, 0) / links.length : 0;
        return ns;
      });
      // Each namespace goes under what it links to; push neighbours apart, then re-centre.
      layerBoxes.sort((a, b) => a.ideal - b.ideal);
      let previous: (typeof layerBoxes)[number] | undefined;
      for (const ns of layerBoxes) {
        ns.cx = previous ? Math.max(ns.ideal, previous.cx + (previous.width + ns.width) / 2 + NAMESPACE_GAP_X) : ns.ideal;
        previous = ns;
      }
      const drift = layerBoxes.reduce((sum, ns) => sum + ns.cx - ns.ideal, 0) / layerBoxes.length;
      const extent = layerBoxes.length > 0 ? layerBoxes[layerBoxes.length - 1].cx + layerBoxes[layerBoxes.length - 1].width / 2 - (layerBoxes[0].cx - layerBoxes[0].width / 2) : 0;
      if (extent <= MAX_LAYER_PX) {
        for (const ns of layerBoxes) {
          ns.cx -= drift;
          placeDevices(ns);
          boxes.push(ns);
        }
        top += Math.max(...layerBoxes.map((ns) => ns.height)) + LAYER_GAP_Y;
      } else {
        // Too wide for one row (a hundred containers under one host): rows of them, in the
        // same left-to-right order, centred under the layer above.
        const centre = (layerBoxes[0].ideal + layerBoxes[layerBoxes.length - 1].ideal) / 2;
        const lines: (typeof layerBoxes)[] = [];
        let line: typeof layerBoxes = [];
        let width = 0;
        for (const ns of layerBoxes) {
          if (line.length > 0 && width + NAMESPACE_GAP_X + ns.width > MAX_LAYER_PX) {
            lines.push(line);
            line = [];
            width = 0;
          }
          width += (line.length > 0 ? NAMESPACE_GAP_X : 0) + ns.width;
          line.push(ns);
        }
        if (line.length > 0) lines.push(line);
        for (const row of lines) {
          const rowWidth = row.reduce((sum, ns) => sum + ns.width, 0) + NAMESPACE_GAP_X * (row.length - 1);
          let x = centre - rowWidth / 2;
          for (const ns of row) {
            ns.cx = x + ns.width / 2;
            ns.top = top;
            x += ns.width + NAMESPACE_GAP_X;
            placeDevices(ns);
            boxes.push(ns);
          }
          top += Math.max(...row.map((ns) => ns.height)) + WRAPPED_ROW_GAP_Y + TITLE_ROOM_Y;
        }
        top += LAYER_GAP_Y - WRAPPED_ROW_GAP_Y - TITLE_ROOM_Y;
      }
    }
    // Line the component up to the right of the previous one.
    const left = Math.min(...boxes.map((ns) => ns.cx - ns.width / 2));
    const right = Math.max(...boxes.map((ns) => ns.cx + ns.width / 2));
    const shift = componentLeft - left;
    for (const ns of boxes) {
      ns.cx += shift;
      placeDevices(ns);
    }
    componentLeft += right - left + COMPONENT_GAP_X;
    bottom = Math.max(bottom, top - LAYER_GAP_Y);
  }

  // Namespaces with no veth to another namespace: columns to the right of everything else,
  // as tall as the linked part (a wide screen has more room across than down).
  let loneLeft = components.length > 0 ? componentLeft : 0;
  let loneTop = 0;
  let columnWidth = 0;
  const columnHeight = Math.max(bottom, 1);
  for (const name of loners) {
    const devices = [...byName.get(name)!.devices].sort(middleRowOrder);
    const ns: NamespaceBox = { name, rows: [devices.map((d) => makeBox(name, d))], width: 0, height: 0, cx: 0, top: 0 };
    arrangeRows(ns);
    if (loneTop > 0 && loneTop + ns.height > columnHeight) {
      loneLeft += columnWidth + NAMESPACE_GAP_X;
      loneTop = 0;
      columnWidth = 0;
    }
    ns.top = loneTop;
    ns.cx = loneLeft + ns.width / 2;
    loneTop += ns.height + LAYER_GAP_Y;
    columnWidth = Math.max(columnWidth, ns.width);
    placeDevices(ns);
    positions.set(namespaceNodeId(name), { x: Math.round(ns.cx), y: Math.round(ns.top + ns.height / 2) });
  }
  return positions;
}

/** Overrides a view applies to the plain drawing of namespaces and devices. */
export interface DrawingExtras {
  /** Compound node titles by namespace name (default: the name, "(root)" for ""). */
  readonly namespaceLabels?: ReadonlyMap<string, string>;
  /** Extra classes by namespace name ("container", "host"). */
  readonly namespaceClasses?: ReadonlyMap<string, string>;
  /** Device labels by node id (default: name and addresses). */
  readonly deviceLabels?: ReadonlyMap<string, string>;
  /** Extra classes by device node id ("docker-bridge"). */
  readonly deviceClasses?: ReadonlyMap<string, string>;
  /** A namespace drawn inside another one's box (a container inside its host): child → parent. */
  readonly parents?: ReadonlyMap<string, string>;
  /** Edges a view adds (VXLAN tunnels between hosts, overlay bands, …). */
  readonly edges?: readonly ElementDefinition[];
  /** Places the devices instead of the layered layout. */
  readonly layout?: (namespaces: readonly NamespaceSummary[], labelOf: (namespace: string, device: DeviceSummary) => string) => Map<string, Point>;
  /** False: no tunnel edge between VXLAN devices of the same VNI (the view draws its own). */
  readonly tunnels?: boolean;
}

/** Cytoscape elements for the world: namespaces as compound nodes around their devices. */
export function topologyElements(namespaces: readonly NamespaceSummary[], extras: DrawingExtras = {}): ElementDefinition[] {
  const labelOf = (ns: string, device: DeviceSummary) => extras.deviceLabels?.get(deviceNodeId(ns, device.name)) ?? deviceLabel(device);
  const positions = (extras.layout ?? layoutTopology)(namespaces, labelOf);
  const parents = extras.parents ?? new Map<string, string>();
  // Each namespace's box: its devices' and its nested namespaces' boxes, plus the padding.
  const boxes = new Map<string, { left: number; right: number }>();
  const boxOf = (name: string, seen = new Set<string>()): { left: number; right: number } | undefined => {
    if (boxes.has(name)) return boxes.get(name);
    if (seen.has(name)) return undefined;
    seen.add(name);
    const ns = namespaces.find((n) => n.name === name);
    const sides: number[] = [];
    for (const device of ns?.devices ?? []) {
      const at = positions.get(deviceNodeId(name, device.name));
      const { w } = nodeSize(labelOf(name, device));
      if (at) sides.push(at.x - w / 2, at.x + w / 2);
    }
    for (const [child, parent] of parents) {
      if (parent !== name) continue;
      const inner = boxOf(child, seen);
      if (inner) sides.push(inner.left, inner.right);
    }
    const box = sides.length > 0 ? { left: Math.min(...sides) - NAMESPACE_PADDING_PX, right: Math.max(...sides) + NAMESPACE_PADDING_PX } : undefined;
    if (box) boxes.set(name, box);
    return box;
  };
  const elements: ElementDefinition[] = [];
  const deviceAt = new Map<string, DeviceSummary>();
  for (const ns of namespaces) {
    for (const device of ns.devices) deviceAt.set(deviceNodeId(ns.name, device.name), device);
  }

  for (const ns of namespaces) {
    const id = namespaceNodeId(ns.name);
    const label = extras.namespaceLabels?.get(ns.name) ?? namespaceLabel(ns.name);
    // Cytoscape centres a compound node's title; shift it to the left edge, out of the way
    // of links arriving at the top of the box.
    const box = boxOf(ns.name);
    const boxWidth = box ? box.right - box.left : 0;
    const longest = Math.max(...label.split('\n').map((line) => line.length));
    const titleShift = Math.min(0, Math.round(-boxWidth / 2 + (longest * TITLE_CHAR_WIDTH_PX) / 2));
    const extraClass = extras.namespaceClasses?.get(ns.name);
    const parent = parents.get(ns.name);
    elements.push({
      group: 'nodes',
      data: { id, label, namespace: ns.name, titleShift, ...(parent !== undefined ? { parent: namespaceNodeId(parent) } : {}) },
      classes: [ns.name === '' ? 'namespace root' : 'namespace', extraClass].filter(Boolean).join(' '),
      ...(positions.has(id) ? { position: { ...positions.get(id)! } } : {}),
    });
    for (const device of ns.devices) {
      const deviceId = deviceNodeId(ns.name, device.name);
      const label = labelOf(ns.name, device);
      const extraDeviceClass = extras.deviceClasses?.get(deviceId);
      elements.push({
        group: 'nodes',
        data: { id: deviceId, parent: id, label, namespace: ns.name, device: device.name, ...nodeSize(label) },
        classes: [`device ${device.kind} ${deviceState(device)}`, extraDeviceClass].filter(Boolean).join(' '),
        position: { ...(positions.get(deviceId) ?? { x: 0, y: 0 }) },
      });
    }
  }

  const drawn = new Set<string>();
  const push = (edge: ElementDefinition) => {
    if (drawn.has(edge.data.id!)) return;
    drawn.add(edge.data.id!);
    elements.push(edge);
  };
  for (const ns of namespaces) {
    for (const device of ns.devices) {
      const id = deviceNodeId(ns.name, device.name);
      if (device.peer) {
        const peerId = deviceNodeId(device.peer.netns, device.peer.device);
        const peer = deviceAt.get(peerId);
        // One edge per pair, drawn from the end whose id sorts first (when both ends know each other).
        const mutual = peer?.peer !== undefined && deviceNodeId(peer.peer.netns, peer.peer.device) === id;
        if (peer && (!mutual || id < peerId)) {
          push({
            group: 'edges',
            data: { id: `veth:${id}|${peerId}`, source: id, target: peerId },
            classes: `veth ${device.up && peer.up ? 'up' : 'down'}`,
          });
        }
      }
      if (device.master !== undefined) {
        const bridgeId = deviceNodeId(ns.name, device.master);
        const bridge = deviceAt.get(bridgeId);
        if (bridge) {
          push({
            group: 'edges',
            data: { id: `port:${id}`, source: id, target: bridgeId },
            // A port passes frames only with carrier (its veth peer up too), so not just when set up.
            classes: `port ${deviceState(device) === 'up' && bridge.up ? 'up' : 'down'}`,
          });
        }
      }
      if (device.lower) {
        const lowerId = deviceNodeId(device.lower.netns, device.lower.device);
        if (deviceAt.has(lowerId)) {
          push({
            group: 'edges',
            data: { id: `lower:${id}`, source: id, target: lowerId, label: device.kind === 'vlan' ? `vlan ${device.vlanId ?? ''}` : '' },
            classes: `lower ${device.kind}-lower ${deviceState(device) === 'up' ? 'up' : 'down'}`,
          });
        }
      }
    }
  }
  for (const edge of extras.edges ?? []) push(edge);
  markCrowded(elements);
  if (extras.tunnels === false) return elements;
  // VXLAN tunnels: one edge per pair of endpoints with the same VNI and port in different namespaces.
  const vteps = namespaces.flatMap((ns) => ns.devices.filter((d) => d.vxlan).map((d) => ({ ns: ns.name, device: d, id: deviceNodeId(ns.name, d.name) })));
  for (let i = 0; i < vteps.length; i++) {
    for (let j = i + 1; j < vteps.length; j++) {
      const a = vteps[i];
      const b = vteps[j];
      if (a.ns === b.ns || a.device.vxlan!.vni !== b.device.vxlan!.vni || a.device.vxlan!.dstport !== b.device.vxlan!.dstport) continue;
      push({
        group: 'edges',
        data: { id: `tunnel:${a.id}|${b.id}`, source: a.id, target: b.id, label: `VXLAN ${a.device.vxlan!.vni}` },
        classes: `tunnel ${a.device.up && b.device.up ? 'up' : 'down'}`,
      });
    }
  }
  return elements;
}

/** More links than this at one device (a bridge with every container on it) draw thin and faint. */
const CROWDED_LINKS = 12;

function markCrowded(elements: ElementDefinition[]): void {
  const degree = new Map<string, number>();
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    for (const end of [e.data.source!, e.data.target!]) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  for (const e of elements) {
    if (e.group !== 'edges' || !/^(veth|port)\b/.test(String(e.classes))) continue;
    if ((degree.get(e.data.source!) ?? 0) > CROWDED_LINKS || (degree.get(e.data.target!) ?? 0) > CROWDED_LINKS) e.classes = `${String(e.classes)} crowded`;
  }
}
