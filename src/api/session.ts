import { formatIpv4 } from '../engine/addr/ipv4.ts';
import { formatMac } from '../engine/addr/mac.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { Veth } from '../engine/net/veth.ts';
import { Vxlan } from '../engine/net/vxlan.ts';
import { Vlan } from '../engine/net/vlan.ts';
import { Macvlan } from '../engine/net/macvlan.ts';
import { parseScript } from '../scenario/script.ts';
import { MemoryRecorder, type TraceEvent as EngineTraceEvent, type TraceSink } from '../engine/trace/events.ts';
import { allDaemons } from '../docker/cli.ts';
import { createMachine } from '../docker/install.ts';
import { formatSubnet } from '../docker/ipam.ts';
import { runScript } from '../scenario/run.ts';
import type { Shell } from '../shell/shell.ts';
import { operState } from '../shell/ip/format.ts';
import type { Kernel } from '../engine/net/kernel.ts';
import type { CommandResult, DeviceSummary, NamespaceSummary, NamespaceTables, ParsedScenario, ScriptResult, Topology, TraceEvent } from './types.ts';

/**
 * The host a process namespace belongs to, when that host is a named namespace (a machine
 * standing in a namespace, with its own Docker daemon) rather than the machine itself:
 * a container's daemon's host, else the host whose UDP socket a VXLAN device in it uses (an
 * overlay network's "1-<id>" namespace), else a named namespace one of its veths leads to.
 * Labels of such namespaces repeat across hosts ("1-<id>" on every swarm node), so the API
 * names them `label@host` (NamespaceSummary.host, TraceEvent.nsHost).
 */
function processNamespaceHosts(kernel: Kernel): Map<NetNs, string> {
  const hosts = new Map<NetNs, string>();
  const named = (ns: NetNs | undefined): ns is NetNs => ns !== undefined && ns !== kernel.root && !ns.hidden;
  for (const d of allDaemons(kernel)) {
    if (!named(d.hostNs)) continue;
    for (const c of d.containers.values()) if (c.ns) hosts.set(c.ns, d.hostNs.name);
  }
  for (const ns of kernel.processNs.values()) {
    if (hosts.has(ns)) continue;
    let host: NetNs | undefined;
    for (const d of ns.devices.values()) {
      if (d instanceof Vxlan && d.netOfSocket !== ns && named(d.netOfSocket)) host = d.netOfSocket;
      else if (!host && d instanceof Veth && d.peer && named(d.peer.ns)) host = d.peer.ns;
    }
    if (host) hosts.set(ns, host.name);
  }
  return hosts;
}

/** The device names an event concerns (to tell apart namespaces that share a label). */
function eventDevices(e: EngineTraceEvent): string[] {
  switch (e.type) {
    case 'fdb-learn':
      return [e.bridge, e.port];
    case 'fdb-lookup':
    case 'flood':
      return [e.bridge];
    case 'route':
      return e.dev ? [e.dev] : [];
    default:
      return 'dev' in e && e.dev ? [e.dev] : [];
  }
}

/** The IPv4 addresses an Ethernet frame carries (IPv4 source and destination, or ARP sender and target), dotted. */
function frameAddresses(bytes: Uint8Array): string[] {
  if (bytes.length < 14) return [];
  const type = (bytes[12] << 8) | bytes[13];
  const ip = (at: number) => (bytes.length >= at + 4 ? `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}` : '');
  if (type === 0x0800) return [ip(26), ip(30)].filter(Boolean);
  if (type === 0x0806) return [ip(28), ip(38)].filter(Boolean);
  return [];
}

/** The container a command line runs in, when it says so: `[ip netns exec HOST] docker exec [-flags] NAME …`. */
function commandHint(line: string): { label: string; host: string } | undefined {
  const m = /^\s*(?:ip\s+netns\s+exec\s+(\S+)\s+)?docker\s+exec\s+(?:-\S+\s+)*([A-Za-z0-9][\w.-]*)/.exec(line);
  return m ? { label: m[2], host: m[1] ?? '' } : undefined;
}

interface Candidate {
  readonly ns: NetNs;
  /** The named host it belongs to, "" for the machine. */
  readonly host: string;
}

/**
 * Adds `nsHost` to events of process namespaces on a named host. Events name a namespace by
 * its label only, and several may share one (a container "web" on the machine and one on
 * host1; "1-<id>" on every swarm node). Which one it was is read, in this order, from the
 * device the event names; the addresses in its frame; where the packet (or its parent) was
 * last; the command (`ip netns exec HOST docker exec NAME …`); the event before it.
 */
function hostAnnotator(kernel: Kernel, sink: TraceSink): TraceSink & { reset(line?: string): void } {
  let byLabel = new Map<string, Candidate[]>();
  let seenSize = -1;
  /** Where each packet was last seen: a namespace (a label for a named one) and its host. */
  const lastOf = new Map<number, { ns: NetNs | string; host: string }>();
  let lastEvent: { ns: NetNs | string; host: string } | undefined;
  let hint: { label: string; host: string } | undefined;
  const rebuild = (): void => {
    const hosts = processNamespaceHosts(kernel);
    const all = new Map<string, Candidate[]>();
    for (const ns of kernel.processNs.values()) {
      const list = all.get(ns.label) ?? [];
      list.push({ ns, host: hosts.get(ns) ?? '' });
      all.set(ns.label, list);
    }
    // Only labels that some namespace on a named host carries need telling apart.
    byLabel = new Map([...all].filter(([, list]) => list.some((c) => c.host !== '')));
    seenSize = kernel.processNs.size;
  };
  const pick = (e: EngineTraceEvent, candidates: Candidate[]): Candidate => {
    if (candidates.length === 1) return candidates[0];
    const devices = eventDevices(e);
    let pool = devices.length > 0 ? candidates.filter((c) => devices.every((name) => c.ns.device(name) !== undefined)) : candidates;
    if (pool.length === 1) return pool[0];
    if (pool.length === 0) pool = candidates;
    if ((e.type === 'xmit' || e.type === 'rcv') && e.dev !== 'lo') {
      const addresses = frameAddresses(e.bytes);
      const owning = pool.filter((c) => c.ns.device(e.dev)?.addrs.some((a) => addresses.includes(formatIpv4(a.addr))));
      if (owning.length === 1) return owning[0];
    }
    const pkt = 'pkt' in e ? e.pkt : undefined;
    const parent = 'parent' in e ? e.parent : undefined;
    for (const id of [pkt, parent]) {
      const last = id === undefined ? undefined : lastOf.get(id);
      if (!last) continue;
      // The same namespace as before, or (a frame just unwrapped) the one on the host it arrived at.
      const same = pool.find((c) => c.ns === last.ns) ?? pool.find((c) => typeof last.ns === 'string' && c.host === last.ns);
      if (same) return same;
    }
    if (hint && hint.label === e.ns) {
      const hinted = pool.find((c) => c.host === hint!.host);
      if (hinted) return hinted;
    }
    const previous = lastEvent ? pool.find((c) => c.ns === lastEvent!.ns) : undefined;
    return previous ?? pool[0];
  };
  return {
    reset(line) {
      seenSize = -1;
      lastOf.clear();
      lastEvent = undefined;
      hint = line === undefined ? undefined : commandHint(line);
    },
    emit(e) {
      if (kernel.processNs.size !== seenSize || byLabel.get(e.ns)?.some((c) => !c.ns.alive)) rebuild();
      const candidates = byLabel.get(e.ns);
      let at: { ns: NetNs | string; host: string };
      let out: TraceEvent = e;
      if (candidates) {
        const chosen = pick(e, candidates);
        at = chosen;
        if (chosen.host !== '') out = { ...e, nsHost: chosen.host };
      } else {
        at = { ns: e.ns, host: '' };
      }
      if ('pkt' in e && e.pkt >= 0) {
        if (lastOf.size > 50_000) lastOf.clear();
        lastOf.set(e.pkt, at);
      }
      lastEvent = at;
      sink.emit(out);
    },
  };
}

/** Ends a replay at the event whose state was asked for. */
class ReplayStop extends Error {}

/**
 * The tables of `netns` at the `events`-th trace event of the last of `lines` (1-based), on a
 * fresh machine with `seed` (the engine is deterministic: the same lines make the same events).
 * The state is read inside the trace sink, at the instant of that event, then the replay stops.
 */
export function tablesAt(netns: string, seed: number, lines: readonly string[], events: number): NamespaceTables {
  const session = createEngineSession(seed, { trace: false });
  for (const line of lines.slice(0, -1)) session.exec(line);
  const last = lines.at(-1);
  // Before the command's first event: the state the earlier commands left. Fewer events than
  // asked for (the world changed since): the end of the command.
  if (last === undefined || events <= 0) return session.tables(netns);
  return session.tablesDuring(last, netns, events) ?? session.tables(netns);
}

/** The engine behind the worker: the same methods as EngineApi, synchronous. */
export interface EngineSession {
  exec(line: string): CommandResult;
  runScript(fileName: string, text: string): ScriptResult;
  namespaces(): NamespaceSummary[];
  reset(seed?: number): void;
  topology(): Topology;
  tables(netns: string): NamespaceTables;
  commandNames(): string[];
  peek(line: string): string;
  parseScenario(text: string): ParsedScenario;
  /**
   * Runs `line` and reads the tables of `netns` as its `events`-th trace event is emitted (the
   * kernel emits an event once it has acted: a neighbour or FDB event after the entry
   * changed), then stops the command there; undefined if it made fewer events. For replays.
   */
  tablesDuring(line: string, netns: string, events: number): NamespaceTables | undefined;
}

/** A machine with its trace recorded, so every command reports what its packets did. */
export function createEngineSession(seed = 1, opts: { trace?: boolean } = {}): EngineSession {
  let shell: Shell;
  let rec: MemoryRecorder;
  let annotator: ReturnType<typeof hostAnnotator>;
  const fresh = (s: number): void => {
    shell = createMachine(s);
    rec = new MemoryRecorder();
    annotator = hostAnnotator(shell.kernel, rec);
    if (opts.trace !== false) shell.kernel.trace = annotator;
  };
  fresh(seed);
  const takeEvents = (): CommandResult['events'] => {
    const events = rec.events.slice();
    rec.clear();
    return events;
  };
  /** A namespace by label, or by `label@host` for a process namespace on a named host. */
  const namespaceByLabel = (label: string): NetNs | undefined => {
    const all = shell.kernel.allNamespaces();
    const at = label.lastIndexOf('@');
    if (at > 0) {
      const hosts = processNamespaceHosts(shell.kernel);
      const found = all.find((n) => n.hidden && n.label === label.slice(0, at) && hosts.get(n) === label.slice(at + 1));
      if (found) return found;
    }
    return all.find((n) => n.name === label || n.label === label);
  };
  const session: EngineSession = {
    exec(line) {
      annotator.reset(line);
      const r = shell.run(line);
      return { exitCode: r.exitCode, stdout: r.output, events: takeEvents() };
    },
    runScript(fileName, text) {
      const result = runScript(shell, fileName, text);
      rec.clear();
      return result;
    },
    namespaces() {
      const hosts = processNamespaceHosts(shell.kernel);
      const hostOf = (ns: NetNs) => {
        const host = hosts.get(ns);
        return host === undefined ? {} : { host };
      };
      return shell.kernel.allNamespaces().map((ns) => ({
        name: ns.name,
        ...hostOf(ns),
        devices: [...ns.devices.values()]
          .sort((a, b) => a.ifindex - b.ifindex)
          .map((d): DeviceSummary => ({
            ifindex: d.ifindex,
            name: d.name,
            kind: d.kind,
            up: d.adminUp,
            operState: operState(d),
            mtu: d.mtu,
            mac: formatMac(d.mac),
            addresses: d.addrs.map((a) => `${formatIpv4(a.addr)}/${a.prefixLen}`),
            ...(d.master ? { master: d.master.name } : {}),
            ...(d instanceof Veth && d.peer ? { peer: { netns: d.peer.ns.name, device: d.peer.name, ...hostOf(d.peer.ns) } } : {}),
            ...(d instanceof Vlan ? { lower: { netns: d.lower.ns.name, device: d.lower.name, ...hostOf(d.lower.ns) }, vlanId: d.vid } : {}),
            ...(d instanceof Macvlan ? { lower: { netns: d.lower.ns.name, device: d.lower.name, ...hostOf(d.lower.ns) }, macvlanMode: d.mode } : {}),
            ...(d instanceof Vxlan
              ? {
                  ...(d.cfg.lower ? { lower: { netns: d.cfg.lower.ns.name, device: d.cfg.lower.name, ...hostOf(d.cfg.lower.ns) } } : {}),
                  ...(d.netOfSocket !== ns ? { socketNetns: d.netOfSocket.name } : {}),
                  vxlan: { vni: d.cfg.vni, dstport: d.cfg.dstport, local: d.cfg.local === null ? null : formatIpv4(d.cfg.local), remote: d.cfg.remote === null ? null : formatIpv4(d.cfg.remote) },
                }
              : {}),
          })),
        ...(ns.hidden ? { process: true } : {}),
      }));
    },
    reset(newSeed = seed) {
      fresh(newSeed);
    },
    topology() {
      const daemons = allDaemons(shell.kernel).filter((d) => d.started);
      const seen = new Set<string>();
      const networks: NonNullable<Topology['docker']>['networks'][number][] = [];
      const containers: NonNullable<Topology['docker']>['containers'][number][] = [];
      for (const d of daemons) {
        const host = d.hostNs.label;
        for (const n of d.visibleNetworks()) {
          // A swarm network is one network on every node; list it once.
          const key = n.scope === 'swarm' ? n.id : `${host}/${n.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          networks.push({ id: n.id, name: n.name, driver: n.driver, bridge: n.bridge, subnet: n.subnet ? formatSubnet(n.subnet) : null, gateway: n.gateway === null ? null : formatIpv4(n.gateway), host: n.scope === 'swarm' ? null : host });
        }
        for (const c of d.containers.values())
          containers.push({
            id: c.id,
            name: c.name,
            image: c.imageRef,
            state: c.state,
            netns: c.ns ? c.ns.name : null,
            host,
            endpoints: c.endpoints.filter((e) => !e.hidden).map((e) => ({ network: e.network.name, ip: formatIpv4(e.ip), mac: formatMac(e.mac), hostVeth: e.hostVeth })),
            ports: c.ports.map((b) => `${b.hostIp === null ? '0.0.0.0' : formatIpv4(b.hostIp)}:${b.hostPort}->${b.containerPort}/${b.proto}`).join(', '),
          });
      }
      return { namespaces: session.namespaces(), docker: daemons.length ? { networks, containers } : null };
    },
    tables(netns) {
      const ns = netns === '' ? shell.kernel.root : namespaceByLabel(netns);
      if (!ns) throw new Error(`no namespace ${netns}`);
      const look = (cmd: string): string => shell.run(cmd, ns, undefined, { still: true }).output;
      const tables = {
        addresses: look('ip addr show'),
        routes: look('ip route show table all'),
        neighbours: look('ip neigh show'),
        fdb: look('bridge fdb show'),
        iptables: look('iptables-save'),
        conntrack: look('conntrack -L'),
      };
      rec.clear();
      return tables;
    },
    commandNames() {
      return shell.commandNames();
    },
    tablesDuring(line, netns, events) {
      const kernel = shell.kernel;
      const before = kernel.trace;
      let seen = 0;
      let taken: NamespaceTables | undefined;
      kernel.trace = {
        emit: () => {
          seen += 1;
          if (seen < events) return;
          kernel.trace = null;
          taken = session.tables(netns);
          throw new ReplayStop('replay reached the event');
        },
      };
      try {
        shell.run(line);
      } catch (e) {
        if (!(e instanceof ReplayStop)) throw e;
      } finally {
        kernel.trace = before;
        rec.clear();
      }
      return taken;
    },
    peek(line) {
      const output = shell.run(line, shell.kernel.root, undefined, { still: true }).output;
      rec.clear();
      return output;
    },
    parseScenario(text) {
      const parsed = parseScript(text);
      return parsed.ok ? { ok: true, lines: parsed.lines } : parsed;
    },
  };
  return session;
}
