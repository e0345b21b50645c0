/**
 * The engine's API as the UI sees it. The worker exposes an object implementing
 * EngineApi through comlink; the UI imports only these types.
 */

export interface CommandResult {
  readonly exitCode: number;
  /** What a terminal would show: stdout and stderr interleaved as printed. */
  readonly stdout: string;
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
  readonly kind: 'loopback' | 'veth' | 'bridge' | 'vlan' | 'macvlan' | 'vxlan';
  readonly up: boolean;
  /** Operational state: UP only when the device is up and has carrier. */
  readonly operState: 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';
  readonly mtu: number;
  readonly mac: string;
  readonly addresses: string[];
  readonly master?: string;
  /** For a veth: the other end, by namespace name and device name. */
  readonly peer?: { readonly netns: string; readonly device: string };
}

export interface NamespaceSummary {
  /** "" for the initial (root) namespace. */
  readonly name: string;
  readonly devices: DeviceSummary[];
}

export interface EngineApi {
  /** Runs one shell line in the root namespace, as a terminal would. */
  exec(line: string): Promise<CommandResult>;
  /** Runs a `.sh` script line by line. */
  runScript(fileName: string, text: string): Promise<ScriptResult>;
  namespaces(): Promise<NamespaceSummary[]>;
  /** Throws the world away and starts a new one with this seed. */
  reset(seed?: number): Promise<void>;
}
