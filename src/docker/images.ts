/**
 * What the simulator knows of common images: the ports they EXPOSE and listen on, their
 * default command, and whether their shell tools are busybox's (alpine, busybox) or GNU's.
 */
export interface ImageInfo {
  name: string;
  /** `EXPOSE` ports, used by `-P`. */
  expose: { port: number; proto: 'tcp' | 'udp' }[];
  /** What the container's main process serves. */
  serves: 'http' | 'tcp' | null;
  cmd: string;
  busybox: boolean;
  /** The image keeps running without -it (a server), or exits at once (a shell). */
  longRunning: boolean;
}

const IMAGES: ImageInfo[] = [
  { name: 'nginx', expose: [{ port: 80, proto: 'tcp' }], serves: 'http', cmd: '"/docker-entrypoint.…"', busybox: false, longRunning: true },
  { name: 'httpd', expose: [{ port: 80, proto: 'tcp' }], serves: 'http', cmd: '"httpd-foreground"', busybox: false, longRunning: true },
  { name: 'mysql', expose: [{ port: 3306, proto: 'tcp' }, { port: 33060, proto: 'tcp' }], serves: 'tcp', cmd: '"docker-entrypoint.s…"', busybox: false, longRunning: true },
  { name: 'postgres', expose: [{ port: 5432, proto: 'tcp' }], serves: 'tcp', cmd: '"docker-entrypoint.s…"', busybox: false, longRunning: true },
  { name: 'redis', expose: [{ port: 6379, proto: 'tcp' }], serves: 'tcp', cmd: '"docker-entrypoint.s…"', busybox: false, longRunning: true },
  { name: 'registry', expose: [{ port: 5000, proto: 'tcp' }], serves: 'http', cmd: '"/entrypoint.sh /etc…"', busybox: true, longRunning: true },
  { name: 'mongo', expose: [{ port: 27017, proto: 'tcp' }], serves: 'tcp', cmd: '"docker-entrypoint.s…"', busybox: false, longRunning: true },
  { name: 'traefik/whoami', expose: [{ port: 80, proto: 'tcp' }], serves: 'http', cmd: '"/whoami"', busybox: false, longRunning: true },
  { name: 'busybox', expose: [], serves: null, cmd: '"sh"', busybox: true, longRunning: false },
  { name: 'alpine', expose: [], serves: null, cmd: '"/bin/sh"', busybox: true, longRunning: false },
  { name: 'ubuntu', expose: [], serves: null, cmd: '"/bin/bash"', busybox: false, longRunning: false },
  { name: 'debian', expose: [], serves: null, cmd: '"bash"', busybox: false, longRunning: false },
  { name: 'node', expose: [], serves: null, cmd: '"docker-entrypoint.s…"', busybox: false, longRunning: false },
  { name: 'nicolaka/netshoot', expose: [], serves: null, cmd: '"zsh"', busybox: false, longRunning: false },
];

/** Look an image up by reference (`nginx`, `nginx:1.27`, `library/nginx:latest`). */
export function findImage(ref: string): ImageInfo | null {
  const noTag = ref.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^/:]+$/, '');
  const name = noTag.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return IMAGES.find((i) => i.name === name) ?? null;
}

export function imageRef(ref: string): string {
  return /:[^/:]+$/.test(ref) ? ref : ref;
}
