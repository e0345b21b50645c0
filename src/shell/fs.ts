import type { Kernel } from '../engine/net/kernel.ts';

/**
 * A tiny in-memory filesystem: absolute paths to contents. The simulated machine has one
 * (the host's); each Docker container has its own. Text and binary (pcap) files both fit.
 */
export class FileSystem {
  private readonly files = new Map<string, string | Uint8Array>();

  read(path: string): string | Uint8Array | undefined {
    return this.files.get(normalize(path));
  }

  readText(path: string): string | undefined {
    const v = this.read(path);
    return v === undefined ? undefined : typeof v === 'string' ? v : new TextDecoder().decode(v);
  }

  write(path: string, contents: string | Uint8Array): void {
    this.files.set(normalize(path), contents);
  }

  exists(path: string): boolean {
    return this.files.has(normalize(path));
  }

  remove(path: string): boolean {
    return this.files.delete(normalize(path));
  }

  /** Paths directly or indirectly under `dir`. */
  list(dir = '/'): string[] {
    const d = normalize(dir).replace(/\/?$/, '/');
    return [...this.files.keys()].filter((p) => p.startsWith(d)).sort();
  }
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

const hostFs = new WeakMap<Kernel, FileSystem>();

/** The host's filesystem of a simulated machine, with the files a fresh Debian host has. */
export function hostFileSystem(kernel: Kernel): FileSystem {
  let fs = hostFs.get(kernel);
  if (!fs) {
    fs = new FileSystem();
    fs.write('/etc/hostname', 'host\n');
    fs.write('/etc/hosts', '127.0.0.1\tlocalhost\n127.0.1.1\thost\n\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n');
    fs.write('/etc/resolv.conf', 'nameserver 8.8.8.8\n');
    hostFs.set(kernel, fs);
  }
  return fs;
}
