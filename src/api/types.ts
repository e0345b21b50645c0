/**
 * The engine's API as the UI sees it. The worker exposes an object implementing
 * EngineApi through comlink; the UI imports only these types.
 */
import type { TraceEvent as EngineTraceEvent } from '../engine/trace/events.ts';

/**
 * What the engine reports as packets move. `nsHost` is set on events of a process namespace
 * that belongs to a named host (see NamespaceSummary.host): `ns@nsHost` names it uniquely.
 */
export type TraceEvent = EngineTraceEvent & { readonly nsHost?: string };

export interface CommandResult {
  readonly exitCode: number;
  /** What a terminal would show: stdout and stderr interleaved as printed. */
  readonly stdout: string;
  /** What the packets did while the command ran, in order (when the session traces). */
  readonly events?: readonly TraceEvent[];
}

export interface StepResult extends CommandResult {
  /** 1-based line in the file. */
  readonly line: number;
  readonly command: string;
}

export interface ScriptResult {
  readonly steps: StepResult[];
  /** Set when the file could not be parsed: "file:line: reason". */
  readonly error?: string;
}

export interface DeviceSummary {
  readonly ifindex: number;
  readonly name: string;
  readonly kind: 'loopback' | 'veth' | 'bridge' | 'vlan' | 'macvlan' | 'ipvlan' | 'vxlan';
  readonly up: boolean;
  /** Operational state: UP only when the device is up and has carrier. */
  readonly operState: 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';
  readonly mtu: number;
  readonly mac: string;
  readonly addresses: string[];
  readonly master?: string;
  /** For a veth: the other end, by namespace name (and host, see NamespaceSummary.host) and device name. */
  readonly peer?: { readonly netns: string; readonly device: string; readonly host?: string };
  /** For a vlan or macvlan (and a vxlan with `dev`): the device it sends through (a macvlan may have moved to another namespace). */
  readonly lower?: { readonly netns: string; readonly device: string; readonly host?: string };
  /** For a vxlan made in one namespace and moved to another (Docker's overlay vxlan0): the namespace whose UDP socket it uses. */
  readonly socketNetns?: string;
  /** For a vlan: its 802.1Q id. */
  readonly vlanId?: number;
  /** For a macvlan: its mode (bridge, private, vepa, passthru, source). */
  readonly macvlanMode?: string;
  /** For a vxlan: the tunnel's settings (addresses dotted, null when unset). */
  readonly vxlan?: { readonly vni: number; readonly dstport: number; readonly local: string | null; readonly remote: string | null };
}

export interface NamespaceSummary {
  /** "" for the initial (root) namespace. */
  readonly name: string;
  readonly devices: DeviceSummary[];
  /** A process's namespace (a container's), not listed by `ip netns`. */
  readonly process?: boolean;
  /**
   * For a process namespace on a host other than the machine itself (a named namespace with
   * its own Docker daemon): that host's name. Such labels repeat across hosts (an overlay
   * network's "1-<id>" namespace on every swarm node); `name@host` tells them apart, and
   * `tables()` accepts it.
   */
  readonly host?: string;
}

export interface DockerNetworkSummary {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  /** The Linux bridge behind it (docker0, br-…), if any. */
  readonly bridge: string | null;
  readonly subnet: string | null;
  readonly gateway: string | null;
  /** The host (namespace label) a local network lives on; null for a swarm-wide overlay. */
  readonly host?: string | null;
}

export interface DockerContainerSummary {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: 'created' | 'running' | 'exited';
  /** The label of its network namespace in NamespaceSummary / trace events. */
  readonly netns: string | null;
  /** The host (namespace label) whose daemon runs it: "(root)" for the machine itself. */
  readonly host?: string;
  readonly endpoints: readonly { readonly network: string; readonly ip: string; readonly mac: string; readonly hostVeth: string | null }[];
  readonly ports: string;
}

export interface Topology {
  readonly namespaces: NamespaceSummary[];
  /** Null until the machine's Docker daemon has started. */
  readonly docker: { readonly networks: DockerNetworkSummary[]; readonly containers: DockerContainerSummary[] } | null;
}

/** The state tables of one namespace, as the real tools print them. */
export interface NamespaceTables {
  readonly addresses: string;
  readonly routes: string;
  readonly neighbours: string;
  readonly fdb: string;
  readonly iptables: string;
  readonly conntrack: string;
}

/** A `.sh` scenario as the runner reads it: its commands with their 1-based line numbers, or why it cannot be read. */
export type ParsedScenario =
  | { readonly ok: true; readonly lines: readonly { readonly line: number; readonly command: string }[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

export interface EngineApi {
  /** Runs one shell line in the root namespace, as a terminal would. */
  exec(line: string): Promise<CommandResult>;
  /** Runs a `.sh` script line by line. */
  runScript(fileName: string, text: string): Promise<ScriptResult>;
  namespaces(): Promise<NamespaceSummary[]>;
  /** Throws the world away and starts a new one with this seed. */
  reset(seed?: number): Promise<void>;
  /** Namespaces and devices, plus Docker's networks and containers. */
  topology(): Promise<Topology>;
  /** Addresses, routes, neighbours, FDB, iptables and conntrack of a namespace ("" = root, `name@host` for a process namespace on a named host). */
  tables(netns: string): Promise<NamespaceTables>;
  /**
   * The tables of a namespace as they were just after an earlier event: a fresh machine with
   * `seed` replays `lines` (the world's commands since its reset), the last one only up to its
   * first `events` trace events. The live world is not touched.
   */
  tablesAt(netns: string, seed: number, lines: readonly string[], events: number): Promise<NamespaceTables>;
  /** The shell's command names, for tab completion. */
  commandNames(): Promise<string[]>;
  /**
   * Runs a command that only looks (e.g. `docker network inspect NAME`) without it counting as
   * part of the world: no time passes and no events are kept. Returns what it printed.
   */
  peek(line: string): Promise<string>;
  /** Reads a `.sh` scenario as the runner would, without running it. */
  parseScenario(text: string): Promise<ParsedScenario>;
}
