/**
 * `netsim run FILE --pcap DIR`: every device of every namespace captured for the whole run,
 * one classic pcap per device, DIR/<namespace>-<device>.pcap (the initial namespace is
 * "root"). Devices created during the run (veth pairs, containers' eth0) are picked up the
 * moment they first send or receive, so no frame is missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureTap } from '../engine/net/capture.ts';
import type { NetDevice } from '../engine/net/device.ts';
import type { Kernel } from '../engine/net/kernel.ts';
import { PcapWriter, LinkType, PCAP_SNAPLEN } from '../engine/wire/pcap.ts';
import { watchNewDevices } from '../shell/tcpdump/capture.ts';

export class PcapRecorder {
  private readonly taps = new Map<NetDevice, CaptureTap>();
  private readonly writers = new Map<string, PcapWriter>();
  private watcher: CaptureTap | null = null;

  constructor(
    private readonly kernel: Kernel,
    /** The wall-clock second virtual time 0 stands for, as tcpdump -w stamps it. */
    private readonly epochSec = 0,
  ) {}

  start(): void {
    this.refresh();
    this.watcher = watchNewDevices(this.kernel.root, () => this.refresh());
    this.kernel.captures.add(this.watcher);
  }

  stop(): void {
    for (const t of this.taps.values()) this.kernel.captures.delete(t);
    this.taps.clear();
    if (this.watcher) this.kernel.captures.delete(this.watcher);
    this.watcher = null;
  }

  /** File name → pcap bytes, for every device seen (devices that stayed silent get an empty capture). */
  files(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [name, w] of [...this.writers].sort(([a], [b]) => a.localeCompare(b))) out.set(name, w.bytes().slice());
    return out;
  }

  /** Writes the files into `dir` (created if needed); returns their paths. */
  writeTo(dir: string): string[] {
    mkdirSync(dir, { recursive: true });
    return [...this.files()].map(([name, bytes]) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    });
  }

  private refresh(): void {
    for (const ns of this.kernel.allNamespaces()) for (const d of ns.devices.values()) if (!this.taps.has(d)) this.tap(d);
  }

  private tap(dev: NetDevice): void {
    this.writer(dev);
    const tap: CaptureTap = {
      dev,
      onFrame: (frame, t, direction) => {
        // As tcpdump -w on lo: each looped-back packet once, not its outgoing copy too.
        if (direction === 'out' && dev.kind === 'loopback') return;
        this.writer(dev).add(t, frame);
      },
    };
    this.taps.set(dev, tap);
    this.kernel.captures.add(tap);
  }

  /** The file for the device's current namespace and name (a moved device changes file). */
  private writer(dev: NetDevice): PcapWriter {
    const name = pcapFileName(dev.ns.name === '' ? 'root' : dev.ns.name, dev.name);
    let w = this.writers.get(name);
    if (!w) {
      w = new PcapWriter(LinkType.ETHERNET, PCAP_SNAPLEN, this.epochSec);
      this.writers.set(name, w);
    }
    return w;
  }
}

/** "<namespace>-<device>.pcap", with characters a file name cannot hold replaced. */
export function pcapFileName(ns: string, dev: string): string {
  return `${ns}-${dev}.pcap`.replace(/[/\\\0]/g, '_');
}
