import type { DropReason } from './drop-reasons.ts';
import type { Nanos } from '../sim/scheduler.ts';

/**
 * The closed set of things the engine reports as packets move. Every event carries the
 * virtual time, the namespace, and where it concerns a packet, the packet id (`pkt`)
 * with the id it was copied or derived from (`parent`). The UI animates from these alone.
 */
interface Base {
  t: Nanos;
  ns: string;
}

interface PacketBase extends Base {
  pkt: number;
  parent?: number;
}

export type TraceEvent =
  | (PacketBase & { type: 'xmit'; dev: string; bytes: Uint8Array; summary: string })
  | (PacketBase & { type: 'rcv'; dev: string; bytes: Uint8Array; summary: string })
  | (Base & { type: 'fdb-learn'; bridge: string; port: string; mac: string })
  | (PacketBase & { type: 'fdb-lookup'; bridge: string; mac: string; port: string | null })
  | (PacketBase & { type: 'flood'; bridge: string; ports: string[] })
  | (Base & { type: 'neigh'; dev: string; ip: string; state: string; mac?: string })
  | (PacketBase & {
      type: 'route';
      dst: string;
      result: string;
      dev?: string;
      via?: string;
    })
  /** A netfilter step: `rule` is the 1-based rule number in `chain`, 0 for the policy or a return. */
  | (PacketBase & { type: 'nf'; hook: string; table: string; chain: string; rule: number; verdict: string })
  | (PacketBase & { type: 'deliver'; proto: string; to: string })
  /** A frame wrapped into UDP by a VXLAN device (`pkt` is the outer packet, `parent` the frame). */
  | (PacketBase & { type: 'encap'; dev: string; vni: number; outerSrc: string; outerDst: string; sport: number; dport: number })
  /** A frame unwrapped by a VXLAN device (`pkt` is the inner frame, `parent` the outer packet). */
  | (PacketBase & { type: 'decap'; dev: string; vni: number; outerSrc: string })
  | (PacketBase & { type: 'icmp-out'; icmp: string; to: string })
  | (PacketBase & { type: 'fragment'; dev: string; mtu: number; count: number })
  | (PacketBase & { type: 'reassembled'; fragments: number; length: number })
  | (PacketBase & { type: 'drop'; dev?: string; reason: DropReason; detail: string });

export interface TraceSink {
  emit(e: TraceEvent): void;
}

/** Keeps every event in memory: tests, the CLI's --trace and the UI read from it. */
export class MemoryRecorder implements TraceSink {
  readonly events: TraceEvent[] = [];
  emit(e: TraceEvent): void {
    this.events.push(e);
  }
  clear(): void {
    this.events.length = 0;
  }
}
