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

/** A process of a running container, as `docker top` (ps -ef on the host) shows it. */
export interface ContainerProcess {
  uid: string;
  pid: number;
  ppid: number;
  cmd: string;
}

/**
 * The processes an image's default command starts: the main one and, for servers, their
 * workers (nginx forks one worker per CPU; the simulated host has 2), with the user each
 * runs as on the host (the image's uid, printed by number when the host has no such user).
 */
export function imageProcessTree(img: ImageInfo, cmd: string[]): { uid: string; cmd: string; parent: number | null }[] {
  if (cmd.length > 0) return [{ uid: 'root', cmd: cmd.join(' '), parent: null }];
  switch (img.name) {
    case 'nginx':
      return [
        { uid: 'root', cmd: 'nginx: master process nginx -g daemon off;', parent: null },
        { uid: '101', cmd: 'nginx: worker process', parent: 0 },
        { uid: '101', cmd: 'nginx: worker process', parent: 0 },
      ];
    case 'httpd':
      return [
        { uid: 'root', cmd: 'httpd -DFOREGROUND', parent: null },
        { uid: 'daemon', cmd: 'httpd -DFOREGROUND', parent: 0 },
        { uid: 'daemon', cmd: 'httpd -DFOREGROUND', parent: 0 },
        { uid: 'daemon', cmd: 'httpd -DFOREGROUND', parent: 0 },
      ];
    case 'mysql':
      return [{ uid: '999', cmd: 'mysqld', parent: null }];
    case 'postgres':
      return [
        { uid: '999', cmd: 'postgres', parent: null },
        ...['checkpointer', 'background writer', 'walwriter', 'autovacuum launcher', 'logical replication launcher'].map((w) => ({ uid: '999', cmd: `postgres: ${w} `, parent: 0 })),
      ];
    case 'redis':
      return [{ uid: '999', cmd: 'redis-server *:6379', parent: null }];
    case 'mongo':
      return [{ uid: '999', cmd: 'mongod --bind_ip_all', parent: null }];
    case 'registry':
      return [{ uid: 'root', cmd: 'registry serve /etc/docker/registry/config.yml', parent: null }];
    case 'node':
      return [{ uid: 'root', cmd: 'node', parent: null }];
    case 'traefik/whoami':
      return [{ uid: 'root', cmd: '/whoami', parent: null }];
    default:
      return [{ uid: 'root', cmd: img.cmd.replace(/^"|"$/g, ''), parent: null }];
  }
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
