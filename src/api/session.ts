import { formatIpv4 } from '../engine/addr/ipv4.ts';
import { formatMac } from '../engine/addr/mac.ts';
import type { NetNs } from '../engine/net/netns.ts';
import { Veth } from '../engine/net/veth.ts';
import { Vxlan } from '../engine/net/vxlan.ts';
import { Vlan } from '../engine/net/vlan.ts';
import { Macvlan } from '../engine/net/macvlan.ts';
import { parseScript } from '../scenario/script.ts';
import { MemoryRecorder } from '../engine/trace/events.ts';
import { allDaemons } from '../docker/cli.ts';
import { createMachine } from '../docker/install.ts';
import { formatSubnet } from '../docker/ipam.ts';
import { runScript } from '../scenario/run.ts';
import type { Shell } from '../shell/shell.ts';
import { operState } from '../shell/ip/format.ts';
import type { CommandResult, DeviceSummary, NamespaceSummary, NamespaceTables, ParsedScenario, ScriptResult, Topology } from './types.ts';

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
}

/** A machine with its trace recorded, so every command reports what its packets did. */
export function createEngineSession(seed = 1, opts: { trace?: boolean } = {}): EngineSession {
  let shell: Shell;
  let rec: MemoryRecorder;
  const fresh = (s: number): void => {
    shell = createMachine(s);
    rec = new MemoryRecorder();
    if (opts.trace !== false) shell.kernel.trace = rec;
  };
  fresh(seed);
  const takeEvents = (): CommandResult['events'] => {
    const events = rec.events.slice();
    rec.clear();
    return events;
  };
  const namespaceByLabel = (label: string): NetNs | undefined => shell.kernel.allNamespaces().find((n) => n.name === label || n.label === label);
  const session: EngineSession = {
    exec(line) {
      const r = shell.run(line);
      return { exitCode: r.exitCode, stdout: r.output, events: takeEvents() };
    },
    runScript(fileName, text) {
      const result = runScript(shell, fileName, text);
      rec.clear();
      return result;
    },
    namespaces() {
      return shell.kernel.allNamespaces().map((ns) => ({
        name: ns.name,
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
            ...(d instanceof Veth && d.peer ? { peer: { netns: d.peer.ns.name, device: d.peer.name } } : {}),
            ...(d instanceof Vlan ? { lower: { netns: d.lower.ns.name, device: d.lower.name }, vlanId: d.vid } : {}),
            ...(d instanceof Macvlan ? { lower: { netns: d.lower.ns.name, device: d.lower.name }, macvlanMode: d.mode } : {}),
            ...(d instanceof Vxlan
              ? {
                  ...(d.cfg.lower ? { lower: { netns: d.cfg.lower.ns.name, device: d.cfg.lower.name } } : {}),
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
