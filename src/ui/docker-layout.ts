/**
 * The Docker view's layout: hosts side by side, each a box holding (top to bottom) its
 * underlay interfaces, its Docker bridges and overlay namespaces, and its containers in a
 * grid, each group of containers under the network it is attached to; namespaces outside
 * the hosts (a LAN switch, a laptop) stand in a row above the hosts they link to. Pure and
 * deterministic: the same world gives the same picture, and a world that grows keeps what was
 * there in its row.
 */
import type { DeviceSummary, NamespaceSummary } from '../api/types.ts';
import { DEVICE_GAP_X, deviceNodeId, NAMESPACE_PADDING_PX, namespaceNodeId, nodeSize, type Point, TITLE_CHAR_WIDTH_PX, TITLE_ROOM_Y } from './topology-graph.ts';

/** What the Docker view draws, by namespace key. */
export interface DockerScene {
  readonly hosts: readonly {
    readonly key: string;
    /** The host's own devices, first row: interfaces to the outside (eth0, …). */
    readonly uplinks: readonly string[];
    /** Second row: Docker bridges and other bridges… */
    readonly bridges: readonly string[];
    /** …and the namespaces of its overlay networks (and other process namespaces). */
    readonly sandboxes: readonly string[];
    /** Bridges drawn in the first row, beside the uplinks: docker_gwbridge, the local way out of an overlay. */
    readonly exits: readonly string[];
    /** Its containers, each with the node its first interface is wired to (for grouping). */
    readonly containers: readonly { readonly key: string; readonly attached: string | undefined }[];
  }[];
  /** Namespaces outside every host, linked to them: drawn above. */
  readonly outside: readonly string[];
}

const BOX_GAP_X = 30;
const ROW_GAP_Y = 30;
const HOST_GAP_X = 140;
const OUTSIDE_GAP_Y = 64;
/** Room either side of a switch standing between two hosts. */
const SWITCH_MARGIN_X = 50;
/** Width over height the container grid aims at (a screen is wider than tall). */
const TARGET_ASPECT = 1.7;

interface Block {
  w: number;
  h: number;
  /** For a device: where its link leads (sorts a row so links do not cross). */
  peer?: string;
  /** Places the block with its top-left corner at (x, y). */
  place(x: number, y: number): void;
}

export function layoutDockerScene(
  scene: DockerScene,
  namespaces: readonly NamespaceSummary[],
  labelOf: (namespace: string, device: DeviceSummary) => string,
  titleOf: (namespace: string) => string,
): Map<string, Point> {
  const byKey = new Map(namespaces.map((ns) => [ns.name, ns]));
  const positions = new Map<string, Point>();
  const titleWidth = (key: string) => Math.max(...titleOf(key).split('\n').map((l) => l.length)) * TITLE_CHAR_WIDTH_PX;

  const deviceBlock = (ns: string, device: DeviceSummary): Block => {
    const { w, h } = nodeSize(labelOf(ns, device));
    return {
      w,
      h,
      ...(device.peer ? { peer: deviceNodeId(device.peer.netns, device.peer.device) } : {}),
      place: (x, y) => positions.set(deviceNodeId(ns, device.name), { x: Math.round(x + w / 2), y: Math.round(y + h / 2) }),
    };
  };
  /** Where a block's link leads, once placed (else far right, keeping the order). */
  const peerX = (b: Block) => (b.peer !== undefined ? (positions.get(b.peer)?.x ?? Infinity) : Infinity);

  /**
   * Blocks side by side, vertically centred, `gap` apart; `order` (called when placing, once
   * what they link to is placed) sorts them, so links do not cross.
   */
  const row = (items: Block[], gap: number, order?: (b: Block) => number, alignTop = false): Block => {
    const w = items.reduce((sum, b) => sum + b.w, 0) + gap * Math.max(0, items.length - 1);
    const h = Math.max(0, ...items.map((b) => b.h));
    return {
      w,
      h,
      place(x, y) {
        let at = x;
        const placed = order ? [...items].map((b, i) => ({ b, i, k: order(b) })).sort((p, q) => p.k - q.k || p.i - q.i).map((p) => p.b) : items;
        for (const b of placed) {
          b.place(at, alignTop ? y : y + (h - b.h) / 2);
          at += b.w + gap;
        }
      },
    };
  };

  /** Rows one under the other, each centred, `gap` apart. */
  const column = (rows: Block[], gap: number, align: 'centre' | 'top' = 'centre'): Block => {
    const shown = rows.filter((r) => r.w > 0);
    const w = Math.max(0, ...shown.map((r) => r.w));
    const h = shown.reduce((sum, r) => sum + r.h, 0) + gap * Math.max(0, shown.length - 1);
    return {
      w,
      h,
      place(x, y) {
        let at = y;
        for (const r of shown) {
          r.place(align === 'centre' ? x + (w - r.w) / 2 : x, at);
          at += r.h + gap;
        }
      },
    };
  };

  /** A namespace's box around `inner`, with its title above (or below): padding on every side. */
  const boxed = (key: string, inner: Block, titleBelow = false): Block => {
    const innerW = Math.max(inner.w, 40);
    const innerH = Math.max(inner.h, 20);
    const w = Math.max(innerW + 2 * NAMESPACE_PADDING_PX, titleWidth(key));
    const h = TITLE_ROOM_Y + innerH + 2 * NAMESPACE_PADDING_PX;
    return {
      w,
      h,
      place(x, y) {
        const left = x + (w - innerW) / 2;
        const top = y + (titleBelow ? 0 : TITLE_ROOM_Y) + NAMESPACE_PADDING_PX;
        if (inner.w > 0) inner.place(left + (innerW - inner.w) / 2, top + (innerH - inner.h) / 2);
        else positions.set(namespaceNodeId(key), { x: Math.round(left + innerW / 2), y: Math.round(top + innerH / 2) });
      },
    };
  };

  const devicesOf = (key: string) => (byKey.get(key)?.devices ?? []).map((d) => deviceBlock(key, d));
  /** A namespace with its devices in one row, each under what it links to. */
  const namespaceBox = (key: string): Block => boxed(key, row(devicesOf(key), DEVICE_GAP_X, peerX));
  /** An overlay network's namespace: its title below, out of the way of the links above. */
  const sandboxBox = (key: string): Block => boxed(key, row(devicesOf(key), DEVICE_GAP_X), true);
  /** A namespace outside the hosts (a switch): bridges on top, their ports below, each over the host it leads to. */
  const outsideBox = (key: string): Block => {
    const devices = byKey.get(key)?.devices ?? [];
    const ports = devices.filter((d) => d.master !== undefined);
    const others = devices.filter((d) => d.master === undefined);
    if (ports.length === 0) return namespaceBox(key);
    return boxed(
      key,
      column(
        [row(others.map((d) => deviceBlock(key, d)), DEVICE_GAP_X, peerX), row(ports.map((d) => deviceBlock(key, d)), DEVICE_GAP_X, peerX)],
        ROW_GAP_Y,
      ),
    );
  };

  /** Containers: one grid per network, side by side, as many rows as make the host about TARGET_ASPECT wide. */
  const containerGrid = (containers: DockerScene['hosts'][number]['containers'], order: readonly string[], minWidth: number): Block => {
    if (containers.length === 0) return row([], 0);
    const groups = new Map<string, string[]>();
    for (const c of containers) {
      const g = c.attached ?? '';
      groups.set(g, [...(groups.get(g) ?? []), c.key]);
    }
    const rank = (g: string) => {
      const i = order.indexOf(g);
      return i < 0 ? order.length : i;
    };
    const ordered = [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
    const boxes = new Map(containers.map((c) => [c.key, namespaceBox(c.key)]));
    const cellW = Math.max(...[...boxes.values()].map((b) => b.w));
    const cellH = Math.max(...[...boxes.values()].map((b) => b.h));
    const grid = (rows: number): Block =>
      row(
        ordered.map(([, keys]) => {
          const cols = Math.ceil(keys.length / rows);
          const lines: Block[] = [];
          for (let r = 0; r * cols < keys.length; r++) {
            lines.push(row(keys.slice(r * cols, (r + 1) * cols).map((k) => cell(boxes.get(k)!, cellW, cellH)), BOX_GAP_X));
          }
          return column(lines, ROW_GAP_Y, 'top');
        }),
        BOX_GAP_X * 2,
      );
    const largest = Math.max(...ordered.map(([, keys]) => keys.length));
    let best = grid(1);
    let bestScore = Infinity;
    for (let rows = 1; rows <= largest; rows++) {
      const candidate = grid(rows);
      const w = Math.max(candidate.w, minWidth);
      const score = Math.abs(Math.log(w / (candidate.h + 200) / TARGET_ASPECT));
      if (score < bestScore - 1e-9) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  };

  /** A switch between two hosts: its ports either side of the bridge, in one row. */
  const switchBox = (key: string): Block => {
    const devices = byKey.get(key)?.devices ?? [];
    const ports = devices.filter((d) => d.master !== undefined).map((d) => deviceBlock(key, d));
    const others = devices.filter((d) => d.master === undefined).map((d) => deviceBlock(key, d));
    const half = Math.ceil(ports.length / 2);
    // Sorted once the hosts are placed: the port to the left host on the left.
    const lazy: Block = {
      w: row([...ports, ...others], DEVICE_GAP_X).w,
      h: row([...ports, ...others], DEVICE_GAP_X).h,
      place(x, y) {
        const sorted = [...ports].sort((a, b) => peerX(a) - peerX(b));
        row([...sorted.slice(0, half), ...others, ...sorted.slice(half)], DEVICE_GAP_X).place(x, y);
      },
    };
    return boxed(key, lazy);
  };

  const hostBlocks = scene.hosts.map((host, index) => {
    // The uplinks face the host before (the tunnel between them runs outside the boxes).
    const exits = host.exits.map((name) => deviceBlock(host.key, byKey.get(host.key)!.devices.find((d) => d.name === name)!));
    const ups = host.uplinks.map((name) => deviceBlock(host.key, byKey.get(host.key)!.devices.find((d) => d.name === name)!));
    const uplinks = row(index === 0 ? [...exits, ...ups] : [...ups, ...exits], DEVICE_GAP_X * 2);
    // Overlay namespaces face the host before (the band to them runs outside the boxes).
    const bridges = host.bridges.map((name) => deviceBlock(host.key, byKey.get(host.key)!.devices.find((d) => d.name === name)!));
    const sandboxes = host.sandboxes.map((key) => sandboxBox(key));
    const middleItems = index === 0 ? [...bridges, ...sandboxes] : [...sandboxes, ...bridges];
    const middle = row(middleItems, BOX_GAP_X);
    const order = [...host.exits.map((b) => deviceNodeId(host.key, b)), ...host.bridges.map((b) => deviceNodeId(host.key, b)), ...host.sandboxes.flatMap((key) => (byKey.get(key)?.devices ?? []).map((d) => deviceNodeId(key, d.name)))];
    const grid = containerGrid(host.containers, order, Math.max(uplinks.w, middle.w));
    return { key: host.key, block: boxed(host.key, column([uplinks, middle, grid], ROW_GAP_Y + 8)) };
  });
  // A namespace cabled to two neighbouring hosts and nothing else (the LAN switch between
  // them) stands in the gap between them, level with their uplinks; other outside
  // namespaces stand in a row above the hosts they link to.
  const hostIndex = new Map(scene.hosts.map((host, i) => [host.key, i]));
  const between = new Map<number, { key: string; block: Block }>();
  const above: string[] = [];
  for (const key of scene.outside) {
    const linked = [...new Set((byKey.get(key)?.devices ?? []).flatMap((d) => (d.peer ? [d.peer.netns] : [])))];
    const at = linked.map((k) => hostIndex.get(k));
    const pair = at.length === 2 && at.every((i) => i !== undefined) ? (at as number[]).sort((a, b) => a - b) : undefined;
    if (pair && pair[1] === pair[0] + 1 && !between.has(pair[0])) between.set(pair[0], { key, block: switchBox(key) });
    else above.push(key);
  }
  const outsideBoxes = above.map((key) => ({ key, block: outsideBox(key) }));
  const top = outsideBoxes.length > 0 ? Math.max(...outsideBoxes.map((o) => o.block.h)) + OUTSIDE_GAP_Y : 0;
  let x = 0;
  hostBlocks.forEach((host, i) => {
    host.block.place(x, top);
    const gap = between.get(i);
    x += host.block.w + (gap ? Math.max(HOST_GAP_X, gap.block.w + 2 * SWITCH_MARGIN_X) : HOST_GAP_X);
  });
  const uplinkY = (hostKey: string) => {
    const ys = scene.hosts.find((h) => h.key === hostKey)!.uplinks.map((name) => positions.get(deviceNodeId(hostKey, name))?.y).filter((y): y is number => y !== undefined);
    return ys.length > 0 ? Math.min(...ys) : undefined;
  };
  for (const [i, gap] of between) {
    const leftHost = hostBlocks[i];
    const rightHost = hostBlocks[i + 1];
    const leftEdge = Math.max(...(byKey.get(leftHost.key)?.devices ?? []).map((d) => positions.get(deviceNodeId(leftHost.key, d.name))?.x ?? -Infinity));
    const rightEdge = Math.min(...(byKey.get(rightHost.key)?.devices ?? []).map((d) => positions.get(deviceNodeId(rightHost.key, d.name))?.x ?? Infinity));
    const y = uplinkY(leftHost.key) ?? uplinkY(rightHost.key) ?? top;
    const centre = Number.isFinite(leftEdge) && Number.isFinite(rightEdge) ? (leftEdge + rightEdge) / 2 : x / 2;
    // Level with the uplinks: the box's devices row on their line.
    gap.block.place(centre - gap.block.w / 2, y - TITLE_ROOM_Y - NAMESPACE_PADDING_PX - gap.block.h / 2 + TITLE_ROOM_Y / 2 + NAMESPACE_PADDING_PX);
  }
  const hostCentre = new Map<string, number>();
  for (const host of scene.hosts) {
    const xs = (byKey.get(host.key)?.devices ?? []).map((d) => positions.get(deviceNodeId(host.key, d.name))?.x).filter((x): x is number => x !== undefined);
    if (xs.length > 0) hostCentre.set(host.key, (Math.min(...xs) + Math.max(...xs)) / 2);
  }
  const ideal = outsideBoxes.map((o, i) => {
    const linked = (byKey.get(o.key)?.devices ?? [])
      .map((d) => (d.peer ? positions.get(deviceNodeId(d.peer.netns, d.peer.device))?.x ?? hostCentre.get(d.peer.netns) : undefined))
      .filter((x): x is number => x !== undefined);
    const centre = linked.length > 0 ? linked.reduce((a, b) => a + b, 0) / linked.length : x / 2 + i;
    return { ...o, centre };
  });
  ideal.sort((a, b) => a.centre - b.centre);
  let right = -Infinity;
  for (const o of ideal) {
    const left = Math.max(o.centre - o.block.w / 2, right + BOX_GAP_X * 2);
    o.block.place(left, top - OUTSIDE_GAP_Y - o.block.h);
    right = left + o.block.w;
  }
  return positions;
}

/** A block in a cell of the given size, centred horizontally, at the top. */
function cell(block: Block, w: number, h: number): Block {
  return { w, h, place: (x, y) => block.place(x + (w - block.w) / 2, y) };
}
