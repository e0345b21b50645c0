/**
 * Engine benchmark: simulated UDP packets per second from namespace c1 through
 * veth → bridge → veth to c2 (18-byte payloads, the receiving socket counts them),
 * with tracing off and with tracing into an in-memory recorder, and with 10, 100 and
 * 1,000 namespaces on the bridge. Prints JSON and writes bench-results/bench.json.
 *
 *   npm run bench [-- --quick]
 *
 * The script is bundled with esbuild first, as the browser gets the engine bundled: that
 * measures the engine, not the module loader's export getters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { parseIpv4, type Ipv4 } from '../../src/engine/addr/ipv4.ts';
import { Kernel } from '../../src/engine/net/kernel.ts';
import { MS } from '../../src/engine/sim/scheduler.ts';
import { udpBind } from '../../src/engine/socket/udp.ts';
import { MemoryRecorder } from '../../src/engine/trace/events.ts';
import { Shell } from '../../src/shell/shell.ts';
import { readFileSync } from 'node:fs';
import { createEngineSession, tablesAt } from '../../src/api/session.ts';
import { parseScript } from '../../src/scenario/script.ts';

interface Result {
  name: string;
  namespaces: number;
  tracing: boolean;
  packets: number;
  received: number;
  seconds: number;
  packetsPerSecond: number;
  eventsPerPacket?: number;
}

/** A bridge in namespace "host" with `n` container namespaces c1..cn, built with real commands. */
function buildWorld(n: number): Shell {
  const sh = new Shell(new Kernel(42));
  const must = (cmd: string): void => {
    const r = sh.run(cmd);
    if (r.exitCode !== 0) throw new Error(`${cmd}: ${r.output}`);
  };
  must('ip netns add host');
  must('ip -n host link add br0 type bridge');
  must('ip -n host link set br0 up');
  for (let i = 1; i <= n; i++) {
    must(`ip netns add c${i}`);
    must(`ip -n host link add v${i} type veth peer name eth0 netns c${i}`);
    must(`ip -n host link set v${i} master br0`);
    must(`ip -n host link set v${i} up`);
    must(`ip -n c${i} addr add 10.${(i >> 8) & 255}.${i & 255}.${1 + ((i >> 16) & 255)}/8 dev eth0`);
    must(`ip -n c${i} link set eth0 up`);
  }
  // Warm ARP and the FDB so the measured stream is the steady state.
  must('ip netns exec c1 ping -c 1 -W 1 10.0.2.1');
  return sh;
}

function measure(n: number, tracing: boolean, packets: number, prepare?: (sh: Shell) => void, label?: string): Result {
  const sh = buildWorld(n);
  prepare?.(sh);
  return stream(sh, 'c1', 'c2', '10.0.2.1', tracing, packets, label ?? `udp c1→c2 via bridge, ${n} namespaces, tracing ${tracing ? 'into memory' : 'off'}`, n);
}

/** Stream UDP from `from` to `to` (address `dst`) in batches; the receiving socket counts. */
function stream(sh: Shell, from: string, to: string, dstText: string, tracing: boolean, packets: number, name: string, n: number): Result {
  const k = sh.kernel;
  const c1 = k.netns.get(from)!;
  const c2 = k.netns.get(to)!;
  const rx = udpBind(c2, 5001)!;
  const tx = udpBind(c1, 40000)!;
  const dst = parseIpv4(dstText) as Ipv4;
  const payload = new Uint8Array(18).fill(0x61);
  const rec = new MemoryRecorder();
  k.trace = tracing ? rec : null;
  let events = 0;
  const batch = 256;
  const t0 = performance.now();
  for (let sent = 0; sent < packets; sent += batch) {
    for (let i = 0; i < batch; i++) tx.sendTo(dst, 5001, payload);
    k.sched.runFor(1 * MS);
    if (tracing) {
      events += rec.events.length;
      rec.clear();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const sentTotal = Math.ceil(packets / batch) * batch;
  if (rx.received !== sentTotal) throw new Error(`sent ${sentTotal}, received ${rx.received}`);
  return {
    name,
    namespaces: n,
    tracing,
    packets: sentTotal,
    received: rx.received,
    seconds: Number(seconds.toFixed(3)),
    packetsPerSecond: Math.round(rx.received / seconds),
    ...(tracing ? { eventsPerPacket: Number((events / sentTotal).toFixed(1)) } : {}),
  };
}

/** Docker's classic filter and nat rules for one bridge (docker-networking.md §3a), as commands. */
const DOCKER_RULES = [
  'iptables -P FORWARD DROP',
  'iptables -N DOCKER',
  'iptables -N DOCKER-ISOLATION-STAGE-1',
  'iptables -N DOCKER-ISOLATION-STAGE-2',
  'iptables -N DOCKER-USER',
  'iptables -A FORWARD -j DOCKER-USER',
  'iptables -A FORWARD -j DOCKER-ISOLATION-STAGE-1',
  'iptables -A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  'iptables -A FORWARD -o br0 -j DOCKER',
  'iptables -A FORWARD -i br0 ! -o br0 -j ACCEPT',
  'iptables -A FORWARD -i br0 -o br0 -j ACCEPT',
  'iptables -A DOCKER-ISOLATION-STAGE-1 -i br0 ! -o br0 -j DOCKER-ISOLATION-STAGE-2',
  'iptables -A DOCKER-ISOLATION-STAGE-1 -j RETURN',
  'iptables -A DOCKER-ISOLATION-STAGE-2 -o br0 -j DROP',
  'iptables -A DOCKER-ISOLATION-STAGE-2 -j RETURN',
  'iptables -A DOCKER-USER -j RETURN',
  'iptables -t nat -N DOCKER',
  'iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
  'iptables -t nat -A POSTROUTING -s 10.0.0.0/8 ! -o br0 -j MASQUERADE',
  'iptables -t nat -A DOCKER -i br0 -j RETURN',
];

function runIn(sh: Shell, ns: string, cmds: string[]): void {
  for (const c of cmds) {
    const r = sh.run(`ip netns exec ${ns} ${c}`);
    if (r.exitCode !== 0) throw new Error(`${c}: ${r.output}`);
  }
}

/**
 * Cost per packet with `rules` non-matching rules in filter FORWARD and in nat PREROUTING,
 * for a connection's first packet (a new UDP flow each time) and for its later packets
 * (one flow that has seen a reply, accepted by an ESTABLISHED rule in front).
 */
function ruleScaling(rules: number, packets: number): { rules: number; firstPacketNs: number; laterPacketNs: number } {
  const sh = buildWorld(2);
  const cmds = ['iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'];
  for (let i = 0; i < rules; i++) {
    cmds.push(`iptables -A FORWARD -s 192.168.${(i >> 8) & 255}.${i & 255} -j DROP`);
    cmds.push(`iptables -t nat -A PREROUTING -p tcp --dport ${1 + (i % 60000)} -j DNAT --to-destination 10.9.9.9`);
  }
  cmds.push('iptables -A FORWARD -j ACCEPT');
  runIn(sh, 'host', cmds);
  const k = sh.kernel;
  const c1 = k.netns.get('c1')!;
  const c2 = k.netns.get('c2')!;
  const dst = parseIpv4('10.0.2.1') as Ipv4;
  const rx = udpBind(c2, 5001)!;
  const payload = new Uint8Array(18);
  // New flows: every packet from a fresh source port is a connection's first packet.
  const firstCount = Math.min(packets, 20_000);
  const socks = Array.from({ length: firstCount }, (_, i) => udpBind(c1, 20000 + i)!);
  let t0 = performance.now();
  for (let i = 0; i < firstCount; i += 64) {
    for (let j = i; j < Math.min(firstCount, i + 64); j++) socks[j].sendTo(dst, 5001, payload);
    k.sched.runFor(1 * MS);
  }
  const firstNs = ((performance.now() - t0) * 1e6) / firstCount;
  // One flow with a reply seen: its packets are ESTABLISHED and never meet the nat table.
  const tx = udpBind(c1, 45000)!;
  tx.sendTo(dst, 5001, payload);
  k.sched.runFor(1 * MS);
  const back = udpBind(c2, 5002)!;
  void back;
  rx.sendTo(parseIpv4('10.0.1.1') as Ipv4, 45000, payload);
  k.sched.runFor(1 * MS);
  const before = rx.received;
  t0 = performance.now();
  for (let i = 0; i < packets; i += 256) {
    for (let j = 0; j < 256; j++) tx.sendTo(dst, 5001, payload);
    k.sched.runFor(1 * MS);
  }
  const laterNs = ((performance.now() - t0) * 1e6) / packets;
  if (rx.received - before < packets) throw new Error(`later packets lost: ${rx.received - before} of ${packets}`);
  return { rules, firstPacketNs: Math.round(firstNs), laterPacketNs: Math.round(laterNs) };
}

/** Two hosts whose bridges are joined by VXLAN over an underlay veth; c1 on h1, c2 on h2. */
function buildOverlay(): Shell {
  const sh = new Shell(new Kernel(42));
  const cmds = [
    'ip netns add h1',
    'ip netns add h2',
    'ip netns add c1',
    'ip netns add c2',
    'ip -n h1 link add phy type veth peer name phy netns h2',
    'ip -n h1 addr add 192.168.1.11/24 dev phy',
    'ip -n h2 addr add 192.168.1.12/24 dev phy',
    'ip -n h1 link set phy up',
    'ip -n h2 link set phy up',
  ];
  for (const [h, c, me, peer, addr] of [
    ['h1', 'c1', '192.168.1.11', '192.168.1.12', '10.0.1.1'],
    ['h2', 'c2', '192.168.1.12', '192.168.1.11', '10.0.2.1'],
  ]) {
    cmds.push(
      `ip -n ${h} link add br0 type bridge`,
      `ip -n ${h} link add vx0 type vxlan id 42 dstport 4789 local ${me} dev phy nolearning`,
      `ip -n ${h} link set vx0 master br0`,
      `ip netns exec ${h} bridge fdb append 00:00:00:00:00:00 dev vx0 dst ${peer}`,
      `ip -n ${h} link add v${c} type veth peer name eth0 netns ${c}`,
      `ip -n ${h} link set v${c} master br0`,
      `ip -n ${h} link set vx0 up`,
      `ip -n ${h} link set v${c} up`,
      `ip -n ${h} link set br0 up`,
      `ip -n ${c} link set eth0 mtu 1450`,
      `ip -n ${c} addr add ${addr}/8 dev eth0`,
      `ip -n ${c} link set eth0 up`,
    );
  }
  cmds.push('ip netns exec c1 ping -c 1 -W 1 10.0.2.1');
  for (const c of cmds) {
    const r = sh.run(c);
    if (r.exitCode !== 0) throw new Error(`${c}: ${r.output}`);
  }
  return sh;
}

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 400_000;
const results: Result[] = [];
// Warm the JIT first, so the first figure is not the compiler's.
measure(2, false, N / 4);
measure(2, true, N / 8);
for (const [n, tracing, count] of [
  [2, false, N],
  [2, true, N / 4],
  [10, false, N],
  [100, false, N],
  [1000, false, N],
  [1000, true, N / 4],
] as const) {
  const r = measure(n, tracing, count);
  results.push(r);
  console.error(`${r.name}: ${r.packetsPerSecond.toLocaleString('en-US')} packets/s`);
}
for (const tracing of [false, true]) {
  const r = stream(buildOverlay(), 'c1', 'c2', '10.0.2.1', tracing, tracing ? N / 4 : N, `udp c1→c2 across two hosts over VXLAN, tracing ${tracing ? 'into memory' : 'off'}`, 4);
  results.push(r);
  console.error(`${r.name}: ${r.packetsPerSecond.toLocaleString('en-US')} packets/s`);
}
{
  const r = measure(2, false, N, (sh) => runIn(sh, 'host', DOCKER_RULES), "udp c1→c2 via bridge with Docker's classic FORWARD and nat rules, conntrack on");
  results.push(r);
  console.error(`${r.name}: ${r.packetsPerSecond.toLocaleString('en-US')} packets/s`);
}
const scaling = [10, 1000, 10000].map((n) => ruleScaling(n, quick ? 5_000 : 50_000));
for (const s of scaling) console.error(`${s.rules} rules: first packet ${s.firstPacketNs} ns, later packets ${s.laterPacketNs} ns`);
/**
 * The tables panel's exact state at an earlier event: the worker replays the world to it. The
 * cost of one such replay at the middle event of a scenario's last command.
 */
function replayCost(file: string): { scenario: string; commands: number; milliseconds: number } {
  const parsed = parseScript(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}:${parsed.line}: ${parsed.reason}`);
  const lines = parsed.lines.map((l) => l.command);
  const live = createEngineSession(1);
  let events = 0;
  for (const l of lines) events = (live.exec(l).events ?? []).length;
  const runs = quick ? 2 : 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) tablesAt('', 1, lines, Math.max(1, events >> 1));
  return { scenario: file, commands: lines.length, milliseconds: Math.round(((performance.now() - t0) / runs) * 10) / 10 };
}
const replays = ['scenarios/default.sh', 'scenarios/docker-swarm-overlay.sh', 'scenarios/scale-100.sh'].map(replayCost);
for (const r of replays) console.error(`tables at an earlier event, ${r.scenario} (${r.commands} commands): ${r.milliseconds} ms`);
const doc = {
  benchmark: 'engine-udp-bridge',
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  kernelReference: 'real kernel on this path: 140,000–190,000 packets/s (kernel-facts.md)',
  results,
  ruleScaling: scaling,
  tablesAtReplay: replays,
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', JSON.stringify(doc, null, 2) + '\n');
console.log(JSON.stringify(doc, null, 2));
