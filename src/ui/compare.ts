/**
 * Bridge versus overlay, the pure part: finds the two worlds in a topology (two containers on
 * a bridge network on one host, two on an overlay network across two hosts), the commands of
 * one conversation in each (ping, HTTP, a ping the size of a full 1500-byte frame), and what a
 * conversation did: the path of its first packet, the frames on links, the encapsulation,
 * the MTU, the bytes on the wire and the outcome. No DOM.
 */
import type { DockerContainerSummary, DockerNetworkSummary, Topology } from '../api/types.ts';
import { hostKey } from './names.ts';
import type { Timeline, TimelineEvent } from './timeline.ts';

/** Two containers of one network that talk: `client` asks `server`. */
export interface Pair {
  readonly network: DockerNetworkSummary;
  /** The host whose daemon runs the client (namespace key, "" for the machine). */
  readonly host: string;
  /** Every host the network's containers run on, in the topology's order. */
  readonly hosts: readonly string[];
  readonly client: DockerContainerSummary;
  readonly server: DockerContainerSummary;
}

export interface Worlds {
  readonly bridge?: Pair;
  readonly overlay?: Pair;
}

export type Conversation = 'ping' | 'http' | 'mtu';

export const CONVERSATIONS: readonly { readonly id: Conversation; readonly label: string; readonly title: string }[] = [
  { id: 'ping', label: 'ping', title: 'One ICMP echo request and its reply' },
  { id: 'http', label: 'wget (HTTP)', title: 'A TCP connection and an HTTP GET of the page' },
  { id: 'mtu', label: 'ping 1472 bytes', title: 'A ping that fills a 1500-byte frame, with "do not fragment"' },
];

const PREFERRED_CLIENTS = ['client', 'alpine'];
const PREFERRED_SERVERS = ['web', 'nginx', 'server'];

function pickPair(network: DockerNetworkSummary, members: DockerContainerSummary[], order: readonly string[], acrossHosts: boolean): Pair | undefined {
  const running = members.filter((c) => c.state === 'running' && c.netns !== null);
  const rank = (c: DockerContainerSummary, names: readonly string[]) => {
    const i = names.findIndex((n) => c.name === n || c.image === n);
    return i < 0 ? names.length : i;
  };
  const servers = [...running].sort((a, b) => rank(a, PREFERRED_SERVERS) - rank(b, PREFERRED_SERVERS));
  for (const server of servers) {
    const clients = running
      .filter((c) => c !== server && (acrossHosts ? hostKey(c.host) !== hostKey(server.host) : hostKey(c.host) === hostKey(server.host)))
      .sort((a, b) => rank(a, PREFERRED_CLIENTS) - rank(b, PREFERRED_CLIENTS));
    const client = clients[0];
    if (!client) continue;
    const hosts = [...new Set(running.map((c) => hostKey(c.host)))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return { network, host: hostKey(client.host), hosts: acrossHosts ? hosts : [hostKey(client.host)], client, server };
  }
  return undefined;
}

/** The two worlds of the comparison, as far as the topology has them. */
export function findWorlds(topology: Topology): Worlds {
  const docker = topology.docker;
  if (!docker) return {};
  const order = topology.namespaces.map((ns) => ns.name);
  // An endpoint names its network; on a host with a local network of that name, it is that one.
  const localNames = new Set(docker.networks.filter((n) => n.host !== null && n.host !== undefined).map((n) => `${hostKey(n.host)}\u0000${n.name}`));
  const membersOf = (n: DockerNetworkSummary) =>
    docker.containers.filter((c) =>
      c.endpoints.some((e) => e.network === n.name) &&
      (n.host === null || n.host === undefined ? !localNames.has(`${hostKey(c.host)}\u0000${n.name}`) : hostKey(n.host) === hostKey(c.host)),
    );
  let overlay: Pair | undefined;
  for (const n of docker.networks.filter((x) => x.driver === 'overlay')) {
    overlay = pickPair(n, membersOf(n), order, true);
    if (overlay) break;
  }
  let bridge: Pair | undefined;
  const bridges = docker.networks.filter((n) => n.driver === 'bridge' && n.name !== 'docker_gwbridge');
  // A user-defined network first (names resolve there), and one on a host of its own.
  bridges.sort((a, b) => Number(a.name === 'bridge') - Number(b.name === 'bridge') || Number(overlay?.hosts.includes(hostKey(a.host)) ?? false) - Number(overlay?.hosts.includes(hostKey(b.host)) ?? false));
  for (const n of bridges) {
    bridge = pickPair(n, membersOf(n), order, false);
    if (bridge) break;
  }
  return { ...(bridge ? { bridge } : {}), ...(overlay ? { overlay } : {}) };
}

/** The command that runs a conversation in a world, as typed on the machine. */
export function conversationCommand(pair: Pair, conversation: Conversation): string {
  const on = pair.host === '' ? '' : `ip netns exec ${pair.host} `;
  // The default bridge has no embedded DNS: the server by address there.
  const server = pair.network.name === 'bridge' ? (pair.server.endpoints.find((e) => e.network === pair.network.name)?.ip ?? pair.server.name) : pair.server.name;
  const exec = `${on}docker exec ${pair.client.name}`;
  switch (conversation) {
    case 'ping':
      return `${exec} ping -c 1 -W 1 ${server}`;
    case 'http':
      return `${exec} wget -qO- http://${server}/`;
    case 'mtu':
      return `${exec} ping -c 1 -W 1 -M do -s 1472 ${server}`;
  }
}

/** Which conversation a command line is, in which world, if any. */
export function conversationOf(line: string, worlds: Worlds): { world: 'bridge' | 'overlay'; conversation: Conversation } | undefined {
  for (const world of ['bridge', 'overlay'] as const) {
    const pair = worlds[world];
    if (!pair) continue;
    for (const c of CONVERSATIONS) if (conversationCommand(pair, c.id) === line) return { world, conversation: c.id };
  }
  return undefined;
}

export interface Hop {
  /** Where: "client eth0", "host2 overlay vxlan0", "lan p2". */
  readonly place: string;
  /** What happened there, when it is more than a frame passing: "wrap", "unwrap". */
  readonly mark?: 'wrap' | 'unwrap';
}

export interface Facts {
  /** Frames sent on links (loopback left out), every packet of the conversation. */
  readonly frames: number;
  /** The first packet that is the conversation's own (the echo request, the SYN), hop by hop. */
  readonly path: readonly Hop[];
  /** The VXLAN header it was wrapped in, if it was. */
  readonly encap?: { readonly vni: number; readonly outerSrc: string; readonly outerDst: string; readonly sport: number; readonly dport: number };
  /** Its size as the client sent it, and the most it weighed on any link (wrapped), in bytes. */
  readonly innerBytes?: number;
  readonly wireBytes?: number;
  /** The MTU of the client's interface on the network. */
  readonly mtu?: number;
  /** A drop on the way, if any: the kernel's reason. */
  readonly drop?: string;
}

/** Short names for places: the container's name, "host2 overlay", "host", "lan". */
export function placeName(ns: string, containers: ReadonlyMap<string, string>): string {
  const container = containers.get(ns);
  if (container) return container;
  const [name, host] = ns.split('@');
  if (host !== undefined) return `${host} ${name.startsWith('1-') ? 'overlay' : name}`;
  return name === '' ? 'host' : name;
}

/**
 * What one conversation did, read from its events [first, end) in `timeline`. `stand` maps a
 * device to what stands for it in the picture (a container's host veth: its bridge), so the
 * path names what is drawn.
 */
export function factsOf(
  timeline: Timeline,
  first: number,
  end: number,
  topology: Topology,
  pair: Pair,
  stand: (ns: string, dev: string) => string = (_ns, dev) => dev,
): Facts {
  const events = timeline.events.slice(first, end);
  const onLink = (e: TimelineEvent) => e.event.type === 'xmit' && e.event.dev !== 'lo';
  const frames = events.filter(onLink).length;
  const containers = new Map((topology.docker?.containers ?? []).filter((c) => c.netns !== null).map((c) => [c.netns!, c.name]));
  const clientNs = pair.client.netns ?? '';
  const clientNsSummary = topology.namespaces.find((ns) => ns.name === clientNs);
  const clientIp = pair.client.endpoints.find((e) => e.network === pair.network.name)?.ip;
  const clientDev = clientNsSummary?.devices.find((d) => clientIp !== undefined && d.addresses.some((a) => a.startsWith(`${clientIp}/`)));
  const mtu = clientDev?.mtu;
  const dropEvent = events.find((e) => e.event.type === 'drop');
  const drop = dropEvent && dropEvent.event.type === 'drop' ? `${dropEvent.event.reason}: ${dropEvent.event.detail}` : undefined;
  // The conversation's own first packet: what the client sends first that is not ARP, on a link.
  const start = events.find((e) => onLink(e) && e.ns === clientNs && e.kind !== 'arp' && e.kind !== 'dns');
  const base = { frames, ...(mtu !== undefined ? { mtu } : {}), ...(drop ? { drop } : {}) };
  if (!start) return { ...base, path: [] };
  const journey = timeline.journey(start.index);
  const path: Hop[] = [];
  let encap: Facts['encap'];
  let wireBytes = 0;
  const innerBytes = start.event.type === 'xmit' ? start.event.bytes.length : undefined;
  for (const e of journey) {
    const ev = e.event;
    if (ev.type === 'encap' || ev.type === 'decap') {
      if (ev.type === 'encap') encap ??= { vni: ev.vni, outerSrc: ev.outerSrc, outerDst: ev.outerDst, sport: ev.sport, dport: ev.dport };
      const hop: Hop = { place: `${placeName(e.at?.ns ?? e.ns, containers)} ${e.at?.dev ?? ev.dev}`, mark: ev.type === 'encap' ? 'wrap' : 'unwrap' };
      // Wrapped on the device the frame was just sent to: one hop, marked.
      if (path.length > 0 && path[path.length - 1].place === hop.place && path[path.length - 1].mark === undefined) path[path.length - 1] = hop;
      else path.push(hop);
      continue;
    }
    if (ev.type !== 'xmit' && ev.type !== 'rcv') continue;
    if (ev.dev === 'lo') continue;
    wireBytes = Math.max(wireBytes, ev.bytes.length);
    const place = `${placeName(e.ns, containers)} ${stand(e.ns, ev.dev)}`;
    const last = path[path.length - 1];
    if (last && last.place === place && last.mark === undefined) continue;
    // A wrap or unwrap happens on the device the frame is on: no separate hop for it.
    if (last && last.mark !== undefined && last.place === place) continue;
    path.push({ place });
  }
  return { ...base, path, ...(encap ? { encap } : {}), ...(innerBytes !== undefined ? { innerBytes } : {}), ...(wireBytes > 0 ? { wireBytes } : {}) };
}

/** One line for a conversation's outcome, from what the command printed. */
export function outcomeOf(conversation: Conversation, exitCode: number, stdout: string): string {
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = lines.find((l) => /error|unreachable|refused|timed out|can't|bad address/i.test(l));
  if (error) return error;
  if (conversation === 'http') return exitCode === 0 ? `page received (${stdout.length} bytes)` : `failed (exit ${exitCode})`;
  const stats = lines.find((l) => /packets transmitted/.test(l));
  return stats ?? (exitCode === 0 ? 'done' : `failed (exit ${exitCode})`);
}
