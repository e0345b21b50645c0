import type { Ipv4 } from '../engine/addr/ipv4.ts';
import type { Mac } from '../engine/addr/mac.ts';
import type { NetNs } from '../engine/net/netns.ts';
import type { FileSystem } from '../shell/fs.ts';
import type { AddressPool, Subnet } from './ipam.ts';
import type { ContainerProcess, ImageInfo } from './images.ts';

/** A Docker network (libnetwork's network object, as `docker network inspect` shows it). */
export interface Network {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null' | 'macvlan' | 'ipvlan' | 'overlay';
  scope: 'local' | 'swarm';
  created: number;
  subnet: Subnet | null;
  ipRange: Subnet | null;
  gateway: Ipv4 | null;
  aux: Record<string, Ipv4>;
  pool: AddressPool | null;
  internal: boolean;
  attachable: boolean;
  /** The Linux bridge behind a bridge network (docker0, br-<id12>). */
  bridge: string | null;
  icc: boolean;
  masquerade: boolean;
  mtu: number | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** The default bridge network: no embedded DNS, `--link` works. */
  isDefault: boolean;
}

/** A container's attachment to a network. */
export interface Endpoint {
  id: string;
  network: Network;
  ip: Ipv4;
  mac: Mac;
  ifname: string;
  /** The host end of the veth pair. */
  hostVeth: string | null;
  aliases: string[];
  links: { name: string; alias: string }[];
  /** Overlay: the veth end inside the network's namespace, on its br0. */
  sandboxVeth?: string;
  /** docker_gwbridge's endpoint of an overlay container: not one of its networks to the user. */
  hidden?: boolean;
}

export interface PortBinding {
  hostIp: Ipv4 | null;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
}

export type NetworkMode = { kind: 'bridge' | 'named'; network: string } | { kind: 'host' } | { kind: 'none' } | { kind: 'container'; of: string };

export interface Container {
  id: string;
  name: string;
  imageRef: string;
  image: ImageInfo;
  hostname: string;
  created: number;
  state: 'created' | 'running' | 'exited';
  exitCode: number;
  startedAt: number | null;
  finishedAt: number | null;
  mode: NetworkMode;
  /** Networks to attach when started, with per-network options, in order. */
  networks: { network: Network; aliases: string[]; ip: Ipv4 | null }[];
  endpoints: Endpoint[];
  ports: PortBinding[];
  /** `-p` as asked, for `docker inspect` HostConfig.PortBindings and restarts. */
  portSpecs: PortBinding[];
  publishAll: boolean;
  links: { name: string; alias: string }[];
  dns: Ipv4[];
  env: string[];
  cmd: string[];
  ns: NetNs | null;
  pid: number | null;
  fs: FileSystem;
  logs: string[];
  autoRemove: boolean;
  /** Started with -it: an interactive shell that keeps running. */
  interactive: boolean;
  /** Things to stop when the container stops (servers, proxies). */
  cleanups: (() => void)[];
  /** Its processes while it runs (`docker top`), the shim first as their parent. */
  procs: ContainerProcess[];
  /** The swarm service this container is a task of. */
  service?: string;
  /** Its namespace holds IPVS services for swarm VIPs. */
  lbProgrammed?: boolean;
  /** The embedded DNS server's query log, while it runs. */
  dnsLog?: readonly { name: string; type: string; answer: string }[];
}
