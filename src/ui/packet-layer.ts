/**
 * Packets drawn over the graph: one canvas on top of Cytoscape's, redrawn once per animation
 * frame from the player's (cursor, progress). Dots move along the links a frame crosses,
 * coloured by kind; a VXLAN packet is a dot inside a violet ring (wrapped at one VTEP,
 * unwrapped at the other); marks pulse where something is decided; a drop is a red cross
 * with the kernel's reason. Drawing on a canvas of its own keeps Cytoscape's elements
 * untouched while hundreds of packets move.
 */
import type { PacketKind } from './decode/frame.ts';
import type { GraphView } from './graph-view.ts';
import type { PlayerState } from './player.ts';
import { describeEvent, type Place, type Timeline, type TimelineEvent } from './timeline.ts';

export const KIND_COLOURS: Record<PacketKind, string> = {
  arp: '#facc15',
  icmp: '#22d3ee',
  tcp: '#4ade80',
  udp: '#f472b6',
  dns: '#fb923c',
  vxlan: '#a78bfa',
  other: '#cbd5e1',
};

export const KIND_LABELS: Record<PacketKind, string> = {
  arp: 'ARP',
  icmp: 'ICMP',
  tcp: 'TCP',
  udp: 'UDP',
  dns: 'DNS',
  vxlan: 'VXLAN',
  other: 'other',
};

const DROP = '#ef4444';
/** How many earlier groups still show their packets resting where they arrived. */
const TRAIL_GROUPS = 4;
/** How many events a drop mark stays after it happened. */
const DROP_LINGER = 30;

export interface PacketLayer {
  draw(state: PlayerState): void;
  /** Where a place is drawn in the current view. */
  setLocator(locate: (place: Place | { ns: string; dev?: undefined }) => string | undefined): void;
  /** How many moving dots the last frame drew (for tests and the benchmark). */
  readonly lastDots: number;
}

type Pt = { x: number; y: number };

function lerp(a: Pt, b: Pt, t: number): Pt {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/** A point `t` of the way along a path of points (equal time per segment). */
function along(points: Pt[], t: number): Pt {
  if (points.length === 1) return points[0];
  const segments = points.length - 1;
  const at = Math.min(segments - 1e-9, t * segments);
  const i = Math.floor(at);
  return lerp(points[i], points[i + 1], at - i);
}

/** The inner frame's kind of a VXLAN packet (the UI colours the dot inside the ring). */
function innerKind(timeline: Timeline, e: TimelineEvent): PacketKind | undefined {
  return e.kind === 'vxlan' ? timeline.innerKindOf(e.key) : undefined;
}

export function createPacketLayer(graph: GraphView, timeline: Timeline): PacketLayer {
  const canvas = document.createElement('canvas');
  canvas.className = 'packet-layer';
  canvas.setAttribute('aria-hidden', 'true');
  graph.canvasHost.append(canvas);
  const ctx = canvas.getContext('2d')!;
  let locate: (place: Place | { ns: string; dev?: undefined }) => string | undefined = () => undefined;
  let lastDots = 0;

  function resize(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = graph.canvasHost.clientWidth;
    const hgt = graph.canvasHost.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${hgt}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  const point = (place: Place | undefined, ns?: string): Pt | undefined => {
    const id = place ? locate(place) : ns !== undefined ? locate({ ns }) : undefined;
    return id ? graph.project(id) : undefined;
  };

  function dot(p: Pt, kind: PacketKind, r: number, alpha: number, inner?: PacketKind, ring = 0): void {
    ctx.globalAlpha = alpha;
    if (kind === 'vxlan' || ring > 0) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, r * (1.7 + ring), 0, Math.PI * 2);
      ctx.strokeStyle = KIND_COLOURS.vxlan;
      ctx.lineWidth = Math.max(2, r * 0.55);
      ctx.globalAlpha = alpha * (ring > 0 ? Math.max(0, 1 - ring) : 1);
      ctx.stroke();
      ctx.globalAlpha = alpha;
    }
    ctx.beginPath();
    ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
    ctx.fillStyle = KIND_COLOURS[kind === 'vxlan' ? (inner ?? 'vxlan') : kind];
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(0,0,0,0.6)';
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  function tag(p: Pt, text: string, colour: string, alpha = 1): void {
    ctx.globalAlpha = alpha;
    ctx.font = '12px "DejaVu Sans", system-ui, sans-serif';
    const width = Math.min(360, ctx.measureText(text).width);
    // Keep the label inside the canvas.
    const x = Math.max(6, Math.min(p.x + 12, graph.canvasHost.clientWidth - width - 10));
    const y = Math.max(18, p.y - 16);
    ctx.fillStyle = 'rgba(15, 23, 42, 0.88)';
    ctx.fillRect(x - 4, y - 13, width + 8, 18);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.strokeRect(x - 4, y - 13, width + 8, 18);
    ctx.fillStyle = '#f8fafc';
    ctx.fillText(text, x, y, 360);
    ctx.globalAlpha = 1;
  }

  function cross(p: Pt, size: number, alpha: number): void {
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = DROP;
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(p.x - size, p.y - size);
    ctx.lineTo(p.x + size, p.y + size);
    ctx.moveTo(p.x + size, p.y - size);
    ctx.lineTo(p.x - size, p.y + size);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  function pulse(p: Pt, colour: string, t: number, r: number): void {
    ctx.globalAlpha = Math.max(0, 1 - t);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(p.x, p.y, r * (1 + t * 1.5), 0, Math.PI * 2);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  function path(e: TimelineEvent): Pt[] | undefined {
    const from = point(e.from);
    const to = point(e.at);
    if (!from || !to) return undefined;
    const via = e.via ? point(e.via) : undefined;
    return via ? [from, via, to] : [from, to];
  }

  return {
    get lastDots() {
      return lastDots;
    },
    setLocator(fn) {
      locate = fn;
    },
    draw(state) {
      resize();
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      lastDots = 0;
      const group = timeline.groupOf(state.cursor);
      if (!group) return;
      const r = Math.max(4, Math.min(9, 7 * graph.zoom()));
      const current = timeline.events.slice(group.start, group.end);
      const movingNow = new Set(current.map((e) => e.key));

      // Packets resting where the last few groups left them.
      let g = group.start - 1;
      for (let back = 1; back <= TRAIL_GROUPS && g >= 0; back++) {
        const earlier = timeline.groupOf(g);
        if (!earlier) break;
        for (let i = earlier.start; i < earlier.end; i++) {
          const e = timeline.events[i];
          if (!e.from || movingNow.has(e.key) || e.event.type === 'drop') continue;
          const p = point(e.at);
          if (p) dot(p, e.kind, r * 0.8, 0.55 - back * 0.1, innerKind(timeline, e));
        }
        g = earlier.start - 1;
      }

      // Recent drops stay marked for a while.
      for (let i = Math.max(0, group.start - DROP_LINGER); i < group.start; i++) {
        const e = timeline.events[i];
        if (e.event.type !== 'drop') continue;
        const p = point(e.at, e.ns);
        if (p) cross(p, r, 0.45);
      }

      const t = state.progress;
      const ease = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      for (const e of current) {
        const ev = e.event;
        if (e.from) {
          const points = path(e);
          if (!points) continue;
          const p = along(points, ease);
          dot(p, e.kind, r, 1, innerKind(timeline, e), ev.type === 'decap' ? ease : 0);
          lastDots++;
          if (current.length <= 3 && (ev.type === 'xmit' || ev.type === 'rcv')) tag(p, ev.summary, KIND_COLOURS[e.kind], 0.95);
          else if (ev.type === 'decap') tag(p, `unwrap VXLAN ${ev.vni}`, KIND_COLOURS.vxlan);
          continue;
        }
        const p = point(e.at, e.ns);
        if (!p) continue;
        if (ev.type === 'drop') {
          cross(p, r * (1 + (1 - ease)), 1);
          tag(p, `DROP ${ev.reason}: ${ev.detail}`, DROP);
        } else if (ev.type === 'encap') {
          // The ring closes around the inner frame.
          dot(p, 'vxlan', r, 1, timeline.kindOfKey(e.parentKey), 1 - ease);
          tag(p, `wrap in VXLAN ${ev.vni}: ${ev.outerSrc} > ${ev.outerDst}`, KIND_COLOURS.vxlan);
        } else {
          const colour = ev.type === 'nf' ? (ev.verdict === 'DROP' || ev.verdict === 'REJECT' ? DROP : '#e2e8f0') : KIND_COLOURS[e.kind];
          if (ev.type === 'xmit') dot(p, e.kind, r, 1, innerKind(timeline, e));
          pulse(p, colour, ease, r * 1.6);
          if (e === current[current.length - 1]) tag(p, describeEvent(ev), colour, 0.95);
        }
      }
    },
  };
}
