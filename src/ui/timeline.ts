/**
 * Every trace event the world produced, command by command, with what the animation needs:
 * the packet's kind (for colour), where each event happens, where a frame came from (for the
 * dot's path) and the groups the player steps through. Pure: no DOM, no Cytoscape.
 *
 * Where a frame moves: a `rcv` comes from the packet's last place (the peer's `xmit`); an
 * `xmit` leaves from where the packet last arrived (its `rcv`, `encap` or `decap`), through
 * the bridge that forwarded or flooded it. A flood's copies share one group, so they fan out
 * together.
 */
import type { TraceEvent } from '../api/types.ts';
import { packetKind, type PacketKind } from './decode/frame.ts';
import { namespaceKey } from './names.ts';
import { namespaceFromLabel } from './views.ts';

/** A device in a namespace (namespace by summary name: "" for the root). */
export interface Place {
  readonly ns: string;
  readonly dev: string;
}

export interface TimelineEvent {
  /** Position in the timeline. */
  readonly index: number;
  /** The command whose run produced it. */
  readonly cmd: number;
  readonly event: TraceEvent;
  /** Namespace by summary name. */
  readonly ns: string;
  /** What the packet carries (ARP, ICMP, …); "other" for events about no packet. */
  readonly kind: PacketKind;
  /** A packet's identity across the timeline ("epoch/pkt"), when the event concerns one. */
  readonly key?: string;
  /** The parent packet's identity (a copy, an encapsulation, a decapsulated frame). */
  readonly parentKey?: string;
  /** Where it happens: the device, or the packet's last place. */
  readonly at?: Place;
  /** For a frame that moves: where it came from, and the bridge it crossed on the way. */
  readonly from?: Place;
  readonly via?: Place;
  /** The animation group it belongs to. */
  group: number;
}

export interface CommandRecord {
  readonly index: number;
  /** World generation: packet ids restart when the world is reset. */
  readonly epoch: number;
  /** The line as the engine ran it. */
  readonly line: string;
  /** Where it came from: "scenarios/x.sh:12", "terminal", … */
  readonly source: string;
  readonly exitCode: number;
  /** What it printed (the first few kilobytes), when known. */
  readonly output?: string;
  /** Its events are [first, end) in the timeline. */
  first: number;
  end: number;
}

export interface Group {
  readonly start: number;
  end: number;
  /** True when a frame moves along a link in this group (takes longer to play). */
  moving: boolean;
}

/** Beyond this many events the oldest commands' events are forgotten. */
export const MAX_EVENTS = 60_000;

const placeKey = (p: Place) => `${p.ns}\u0000${p.dev}`;
const samePlace = (a: Place | undefined, b: Place | undefined) => a !== undefined && b !== undefined && a.ns === b.ns && a.dev === b.dev;

/** The events that concern a packet. */
function pktOf(e: TraceEvent): { pkt: number; parent?: number } | undefined {
  return 'pkt' in e ? { pkt: e.pkt, ...(e.parent !== undefined ? { parent: e.parent } : {}) } : undefined;
}

function devOf(e: TraceEvent): string | undefined {
  switch (e.type) {
    case 'xmit':
    case 'rcv':
    case 'encap':
    case 'decap':
    case 'fragment':
    case 'neigh':
      return e.dev;
    case 'drop':
      return e.dev;
    case 'fdb-learn':
    case 'fdb-lookup':
    case 'flood':
      return e.bridge;
    default:
      return undefined;
  }
}

export class Timeline {
  readonly events: TimelineEvent[] = [];
  readonly commands: CommandRecord[] = [];
  readonly groups: Group[] = [];
  private epoch = 0;
  /** Per packet: where it is now, and whether it got there by being sent (xmit) or received. */
  private place = new Map<string, { at: Place; sent: boolean }>();
  /** Per packet: the last place it arrived at (what an xmit leaves from). */
  private arrived = new Map<string, Place>();
  /** Per packet: the bridge that last decided where it goes. */
  private bridged = new Map<string, Place>();
  /** Outer packets just made by an encap: their first xmit leaves from the VXLAN device, in whatever namespace it lives. */
  private wrapped = new Set<string>();
  private kinds = new Map<string, PacketKind>();
  /** An encapsulated packet's inner frame, by the outer packet's key. */
  private inner = new Map<string, string>();
  /** Bumped on every change, so views know to redraw. */
  version = 0;

  /** The world was thrown away: packet ids start again. */
  newEpoch(): void {
    this.epoch += 1;
    this.place.clear();
    this.arrived.clear();
    this.bridged.clear();
    this.wrapped.clear();
  }

  /** What a packet carries, by its key. */
  kindOfKey(key: string | undefined): PacketKind | undefined {
    return key === undefined ? undefined : this.kinds.get(key);
  }

  /** For a VXLAN packet: what its inner frame carries. */
  innerKindOf(key: string | undefined): PacketKind | undefined {
    const inner = key === undefined ? undefined : this.inner.get(key);
    return inner === undefined ? undefined : this.kinds.get(inner);
  }

  get length(): number {
    return this.events.length;
  }

  /** Appends a command and its events; returns its record. */
  add(line: string, source: string, exitCode: number, events: readonly TraceEvent[], output?: string): CommandRecord {
    const record: CommandRecord = {
      index: this.commands.length,
      epoch: this.epoch,
      line,
      source,
      exitCode,
      ...(output !== undefined ? { output: output.slice(0, 4096) } : {}),
      first: this.events.length,
      end: this.events.length,
    };
    this.commands.push(record);
    // First the kinds: an event may come before the packet's first bytes are seen (a route lookup).
    for (const e of events) {
      if ((e.type === 'xmit' || e.type === 'rcv') && !this.kinds.has(`${this.epoch}/${e.pkt}`)) this.kinds.set(`${this.epoch}/${e.pkt}`, packetKind(e.bytes));
      if (e.type === 'encap') {
        this.kinds.set(`${this.epoch}/${e.pkt}`, 'vxlan');
        if (e.parent !== undefined) this.inner.set(`${this.epoch}/${e.pkt}`, `${this.epoch}/${e.parent}`);
      }
    }
    const firstGroup = this.groups.length;
    for (const e of events) this.push(record, e);
    this.mergeArrivals(firstGroup);
    record.end = this.events.length;
    this.version += 1;
    return record;
  }

  /**
   * Frames that arrive at the same instant (a flood's copies reaching every container) move
   * together: consecutive groups of arrivals at one virtual time, with what happens on arrival
   * between them, become one group. The first frame sent back (a reply leaving) ends it, so a
   * reply never moves before the request that caused it has arrived.
   */
  private mergeArrivals(firstGroup: number): void {
    const groups = this.groups;
    const eventsOf = (g: Group) => this.events.slice(g.start, g.end);
    const isArrival = (g: Group) => g.moving && eventsOf(g).every((e) => e.event.type === 'rcv');
    const merged: Group[] = [];
    let i = firstGroup;
    while (i < groups.length) {
      const g = groups[i];
      if (!isArrival(g)) {
        merged.push(g);
        i += 1;
        continue;
      }
      const t = this.events[g.start].event.t;
      let lastArrival = i;
      let arrivals = 1;
      for (let j = i + 1; j < groups.length; j++) {
        const x = groups[j];
        const evs = eventsOf(x);
        if (evs[0].event.t !== t || evs.some((e) => e.event.type === 'xmit' || e.event.type === 'encap' || e.event.type === 'decap' || e.event.type === 'drop')) break;
        if (x.moving) {
          if (!isArrival(x)) break;
          lastArrival = j;
          arrivals += 1;
        }
      }
      if (arrivals >= 2) {
        merged.push({ start: g.start, end: groups[lastArrival].end, moving: true });
        i = lastArrival + 1;
      } else {
        merged.push(g);
        i += 1;
      }
    }
    if (merged.length === groups.length - firstGroup) return;
    groups.splice(firstGroup, groups.length - firstGroup, ...merged);
    for (let k = firstGroup; k < groups.length; k++) for (let e = groups[k].start; e < groups[k].end; e++) this.events[e].group = k;
  }

  private kindOf(key: string | undefined, parentKey: string | undefined, e: TraceEvent): PacketKind {
    if (key !== undefined) {
      const k = this.kinds.get(key) ?? (parentKey !== undefined ? this.kinds.get(parentKey) : undefined);
      if (k) return k;
    }
    if (e.type === 'neigh') return 'arp';
    if (e.type === 'deliver') return e.proto === 'arp' ? 'arp' : e.proto === 'icmp' ? 'icmp' : e.proto === 'tcp' ? 'tcp' : e.proto === 'udp' ? 'udp' : 'other';
    return 'other';
  }

  private push(record: CommandRecord, e: TraceEvent): void {
    const ns = namespaceKey(namespaceFromLabel(e.ns), e.nsHost);
    const ids = pktOf(e);
    const key = ids ? `${record.epoch}/${ids.pkt}` : undefined;
    const parentKey = ids?.parent !== undefined ? `${record.epoch}/${ids.parent}` : undefined;
    const dev = devOf(e);
    let here: Place | undefined = dev !== undefined ? { ns, dev } : undefined;
    // Docker's overlay vxlan0 lives in the network's namespace but wraps in the host's (the
    // event names the host): the frame is wrapped where it was, on that vxlan0.
    if (e.type === 'encap' && parentKey !== undefined) {
      const inner = this.place.get(parentKey)?.at;
      if (inner && inner.dev === e.dev && inner.ns !== ns) here = inner;
    }
    let from: Place | undefined;
    let via: Place | undefined;
    let at = here;
    if (key !== undefined) {
      const last = this.place.get(key) ?? (parentKey !== undefined ? this.place.get(parentKey) : undefined);
      at ??= last?.at;
      if (e.type === 'rcv' || e.type === 'decap') {
        if (last && !samePlace(last.at, here)) from = last.at;
      } else if (e.type === 'xmit') {
        const arrived = this.arrived.get(key) ?? (parentKey !== undefined ? this.arrived.get(parentKey) : undefined);
        if (arrived && (arrived.ns === ns || this.wrapped.has(key)) && !samePlace(arrived, here)) {
          from = arrived;
          const bridge = this.bridged.get(key);
          if (bridge && bridge.ns === ns && !samePlace(bridge, here) && !samePlace(bridge, arrived)) via = bridge;
        }
      }
      if (here && (e.type === 'xmit' || e.type === 'rcv' || e.type === 'encap' || e.type === 'decap')) {
        this.place.set(key, { at: here, sent: e.type === 'xmit' });
        if (e.type !== 'xmit') this.arrived.set(key, here);
        if (e.type === 'encap') this.wrapped.add(key);
        else this.wrapped.delete(key);
      }
      if ((e.type === 'flood' || e.type === 'fdb-lookup') && here) this.bridged.set(key, here);
    }
    const item: TimelineEvent = {
      index: this.events.length,
      cmd: record.index,
      event: e,
      ns,
      kind: this.kindOf(key, parentKey, e),
      ...(key !== undefined ? { key } : {}),
      ...(parentKey !== undefined ? { parentKey } : {}),
      ...(at ? { at } : {}),
      ...(from ? { from } : {}),
      ...(via ? { via } : {}),
      group: 0,
    };
    // A flood's copies (consecutive xmits of one packet, or of its clones, from one namespace) move together.
    const previous = this.events[this.events.length - 1];
    const group = this.groups[this.groups.length - 1];
    const sameFrame = (a: TimelineEvent) => a.key === key || (parentKey !== undefined && (a.parentKey === parentKey || a.key === parentKey)) || (a.parentKey !== undefined && a.parentKey === key);
    const joins =
      group !== undefined &&
      previous !== undefined &&
      previous.cmd === item.cmd &&
      e.type === 'xmit' &&
      previous.event.type === 'xmit' &&
      sameFrame(previous) &&
      previous.ns === ns &&
      previous.from !== undefined &&
      from !== undefined &&
      placeKey(previous.from) === placeKey(from);
    if (joins) {
      group.end = item.index + 1;
      group.moving ||= from !== undefined;
    } else {
      this.groups.push({ start: item.index, end: item.index + 1, moving: from !== undefined });
    }
    item.group = this.groups.length - 1;
    this.events.push(item);
  }

  /** The group holding event `index`. */
  groupOf(index: number): Group | undefined {
    const e = this.events[index];
    return e ? this.groups[e.group] : undefined;
  }

  /** Every event of a packet's journey: its own, its parents' and its children's (copies, encapsulations). */
  journey(index: number): TimelineEvent[] {
    const start = this.events[index];
    if (!start || start.key === undefined) return start ? [start] : [];
    const related = new Set<string>([start.key]);
    // Up the parent chain, then down to children, within the same command.
    const cmd = this.commands[start.cmd];
    const span = this.events.slice(cmd.first, cmd.end);
    let parent = start.parentKey;
    while (parent !== undefined && !related.has(parent)) {
      related.add(parent);
      parent = span.find((x) => x.key === parent && x.parentKey !== undefined)?.parentKey;
    }
    let grew = true;
    while (grew) {
      grew = false;
      for (const x of span) {
        if (x.key !== undefined && !related.has(x.key) && x.parentKey !== undefined && related.has(x.parentKey) && x.event.type !== 'deliver') {
          related.add(x.key);
          grew = true;
        }
      }
    }
    return span.filter((x) => x.key !== undefined && related.has(x.key));
  }

  /** Drops the oldest commands' events beyond MAX_EVENTS; returns how many events went. */
  trim(): number {
    if (this.events.length <= MAX_EVENTS) return 0;
    const cut = this.commands.find((c) => c.end >= this.events.length - MAX_EVENTS)?.end ?? 0;
    if (cut <= 0) return 0;
    const keptGroups = this.groups.filter((g) => g.start >= cut);
    const firstGroup = this.groups.length - keptGroups.length;
    this.events.splice(0, cut);
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events[i] as { index: number; group: number };
      e.index = i;
      e.group -= firstGroup;
    }
    this.groups.splice(0, this.groups.length, ...keptGroups.map((g) => ({ ...g, start: g.start - cut, end: g.end - cut })));
    for (const c of this.commands) {
      c.first = Math.max(0, c.first - cut);
      c.end = Math.max(0, c.end - cut);
    }
    this.version += 1;
    return cut;
  }

  clear(): void {
    this.events.length = 0;
    this.commands.length = 0;
    this.groups.length = 0;
    this.kinds.clear();
    this.inner.clear();
    this.newEpoch();
    this.version += 1;
  }
}

/** One line of plain words for an event, as the event list and the narration show it. */
export function describeEvent(e: TraceEvent): string {
  switch (e.type) {
    case 'xmit':
      return `${e.dev} sends: ${e.summary}`;
    case 'rcv':
      return `${e.dev} receives: ${e.summary}`;
    case 'fdb-learn':
      return `${e.bridge} learns ${e.mac} is on port ${e.port}`;
    case 'fdb-lookup':
      return e.port === null ? `${e.bridge}: ${e.mac} unknown, flood` : `${e.bridge}: ${e.mac} is on ${e.port}, forward`;
    case 'flood':
      return `${e.bridge} floods to ${e.ports.length > 0 ? e.ports.join(', ') : 'no other port'}`;
    case 'neigh':
      return `neighbour ${e.ip} on ${e.dev}: ${e.state}${e.mac ? ` (${e.mac})` : ''}`;
    case 'route':
      return `route to ${e.dst}: ${e.result}${e.via ? ` via ${e.via}` : ''}${e.dev ? ` dev ${e.dev}` : ''}`;
    case 'nf':
      return `netfilter ${e.hook}: ${e.table}/${e.chain} ${e.rule > 0 ? `rule ${e.rule}` : 'policy'} → ${e.verdict}`;
    case 'deliver':
      return `delivered (${e.proto}): ${e.to}`;
    case 'encap':
      return `${e.dev} wraps the frame in VXLAN ${e.vni}: ${e.outerSrc}:${e.sport} > ${e.outerDst}:${e.dport}`;
    case 'decap':
      return `${e.dev} unwraps VXLAN ${e.vni} from ${e.outerSrc}`;
    case 'icmp-out':
      return `sends ICMP ${e.icmp} to ${e.to}`;
    case 'fragment':
      return `${e.dev} splits the packet into ${e.count} fragments (mtu ${e.mtu})`;
    case 'reassembled':
      return `${e.fragments} fragments reassembled (${e.length} bytes)`;
    case 'drop':
      return `DROP ${e.reason}: ${e.detail}`;
  }
}
