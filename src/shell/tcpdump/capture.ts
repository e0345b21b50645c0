/**
 * A running tcpdump: packet-socket taps on one device (or every device of a namespace, for
 * `-i any`), the filter, and where captured packets go (text lines or a pcap file).
 * Also the per-machine table of background captures that `kill` and `wait` act on.
 */
import { readMac } from '../../engine/addr/mac.ts';
import type { CaptureTap } from '../../engine/net/capture.ts';
import type { NetDevice } from '../../engine/net/device.ts';
import type { Kernel } from '../../engine/net/kernel.ts';
import type { NetNs } from '../../engine/net/netns.ts';
import { LinkType, PcapWriter } from '../../engine/wire/pcap.ts';
import type { FileSystem } from '../fs.ts';
import { type CookedPktType, type PacketPrinter, Stamper } from './decode.ts';
import type { FrameFilter } from './filter.ts';

/** How frames are presented: as Ethernet, or "Linux cooked" for the any device. */
export type LinkKind = 'ether' | 'sll2' | 'sll1';

export interface CaptureSpec {
  ns: NetNs;
  /** The device, or null for "any". */
  dev: NetDevice | null;
  link: LinkKind;
  filter: FrameFilter;
  printer: PacketPrinter;
  stamper: Stamper;
  /** -c: end after this many packets. */
  count: number | null;
  /** -s: bytes kept of each packet. */
  snaplen: number;
  /** -w: the pcap file, instead of text. */
  write: { fs: FileSystem; path: string } | null;
  /** The wall-clock second virtual time 0 stands for (time stamps are wall-clock). */
  epochSec: number;
  /** -Q: which way packets must be going. */
  direction: 'in' | 'out' | 'inout';
  /** -#: number the lines. */
  number: boolean;
  /** --print: print lines even while writing a file. */
  print: boolean;
}

/** The Linux cooked headers' sll_pkttype values. */
const PKTTYPE_CODE: Readonly<Record<CookedPktType, number>> = { host: 0, broadcast: 1, multicast: 2, otherhost: 3, outgoing: 4 };
const ARPHRD_ETHER = 1;
const ARPHRD_LOOPBACK = 772;

/** eth_type_trans's classification of a frame a device received, as packet sockets see it. */
function pktType(dev: NetDevice, frame: Uint8Array, direction: 'in' | 'out'): CookedPktType {
  if (direction === 'out') return 'outgoing';
  if (dev.kind === 'loopback') return 'host';
  if (frame.subarray(0, 6).every((b) => b === 0xff)) return 'broadcast';
  if (frame[0] & 1) return 'multicast';
  return readMac(frame, 0) === dev.mac ? 'host' : 'otherhost';
}

/** Where a cooked header's fields come from. */
export interface CookedDev {
  ifindex: number;
  kind: string;
}

/** An Ethernet frame as a LINUX_SLL2 packet: 20-byte cooked header, then the payload. */
export function toSll2(frame: Uint8Array, dev: CookedDev, pkt: CookedPktType): Uint8Array {
  const out = new Uint8Array(20 + frame.length - 14);
  const v = new DataView(out.buffer);
  v.setUint16(0, (frame[12] << 8) | frame[13]);
  v.setUint32(4, dev.ifindex);
  v.setUint16(8, dev.kind === 'loopback' ? ARPHRD_LOOPBACK : ARPHRD_ETHER);
  out[10] = PKTTYPE_CODE[pkt];
  out[11] = 6;
  out.set(frame.subarray(6, 12), 12);
  out.set(frame.subarray(14), 20);
  return out;
}

/** LINUX_SLL (v1): 16-byte cooked header. */
export function toSll1(frame: Uint8Array, dev: CookedDev, pkt: CookedPktType): Uint8Array {
  const out = new Uint8Array(16 + frame.length - 14);
  const v = new DataView(out.buffer);
  v.setUint16(0, PKTTYPE_CODE[pkt]);
  v.setUint16(2, dev.kind === 'loopback' ? ARPHRD_LOOPBACK : ARPHRD_ETHER);
  v.setUint16(4, 6);
  out.set(frame.subarray(6, 12), 6);
  v.setUint16(14, (frame[12] << 8) | frame[13]);
  out.set(frame.subarray(14), 16);
  return out;
}

function plural(n: number, what: string): string {
  return `${n} packet${n === 1 ? '' : 's'} ${what}\n`;
}

export class Capture {
  /** Text lines captured and not yet shown (a background capture's output waits here). */
  pending = '';
  captured = 0;
  /** Packets that passed the filter (libpcap's ps_recv: includes loopback's outgoing copies). */
  received = 0;
  /** -c reached, or stopped. */
  ended = false;
  /** Where each line goes as it is captured; by default it waits in `pending`. */
  onText: ((text: string) => void) | null = null;
  private readonly taps = new Map<NetDevice, CaptureTap>();
  private watcher: CaptureTap | null = null;
  private readonly writer: PcapWriter | null;

  constructor(
    private readonly kernel: Kernel,
    readonly spec: CaptureSpec,
  ) {
    const linkType = spec.link === 'ether' ? LinkType.ETHERNET : spec.link === 'sll2' ? LinkType.LINUX_SLL2 : LinkType.LINUX_SLL;
    this.writer = spec.write ? new PcapWriter(linkType, spec.snaplen, spec.epochSec) : null;
  }

  start(): void {
    // tcpdump creates the file (with its header) before the first packet.
    this.flushFile();
    if (this.spec.dev !== null) this.tap(this.spec.dev);
    else {
      for (const d of this.spec.ns.devices.values()) this.tap(d);
      this.watcher = watchNewDevices(this.spec.ns, () => {
        for (const d of this.spec.ns.devices.values()) if (!this.taps.has(d)) this.tap(d);
      });
      this.kernel.captures.add(this.watcher);
    }
  }

  /** Closes the packet sockets; the pcap file gets everything captured. */
  stop(): void {
    this.ended = true;
    for (const t of this.taps.values()) this.kernel.captures.delete(t);
    this.taps.clear();
    if (this.watcher) this.kernel.captures.delete(this.watcher);
    this.watcher = null;
    this.flushFile();
  }

  /** What tcpdump prints on stderr as it exits. */
  summary(): string {
    return `${plural(this.captured, 'captured')}${plural(this.received, 'received by filter')}0 packets dropped by kernel\n`;
  }

  private tap(dev: NetDevice): void {
    const tap: CaptureTap = { dev, onFrame: (frame, t, direction) => this.onFrame(dev, frame, t, direction) };
    this.taps.set(dev, tap);
    this.kernel.captures.add(tap);
  }

  private onFrame(dev: NetDevice, frame: Uint8Array, t: number, direction: 'in' | 'out'): void {
    // A device moved to another namespace is no longer this socket's (or "any"'s) business.
    if (this.ended || dev.ns !== this.spec.ns || frame.length < 14) return;
    const s = this.spec;
    if (s.direction !== 'inout' && s.direction !== direction) return;
    if (!s.filter(frame)) return;
    this.received++;
    // libpcap drops loopback's outgoing copy after the filter: each packet shows once.
    if (direction === 'out' && dev.kind === 'loopback') return;
    this.captured++;
    const pkt = pktType(dev, frame, direction);
    const us = Math.floor(t / 1000);
    if (this.writer) {
      const data = s.link === 'ether' ? frame : s.link === 'sll2' ? toSll2(frame, dev, pkt) : toSll1(frame, dev, pkt);
      this.writer.add(t, data);
      this.flushFile();
    }
    if (!this.writer || s.print) {
      const snapped = frame.length > s.snaplen ? frame.subarray(0, s.snaplen) : frame;
      const stamp = s.stamper.stamp(s.epochSec + Math.floor(us / 1_000_000), us % 1_000_000);
      const body =
        s.link === 'ether'
          ? s.printer.ethernet(snapped, frame.length)
          : s.link === 'sll2'
            ? s.printer.cookedV2(snapped, dev.name, dev.ifindex, pkt, frame.length)
            : s.printer.cookedV1(snapped, pkt, frame.length);
      const line = `${s.number ? `${String(this.captured).padStart(5)}  ` : ''}${stamp}${body}\n`;
      if (this.onText) this.onText(line);
      else this.pending += line;
    }
    if (s.count !== null && this.captured >= s.count) this.stop();
  }

  private flushFile(): void {
    // A view of the growing buffer: no copy per packet, and later appends do not change it.
    if (this.writer && this.spec.write) this.spec.write.fs.write(this.spec.write.path, this.writer.bytes());
  }
}

/**
 * A tap that captures nothing but is consulted on every frame any device reports: the engine
 * reads each tap's `dev` before comparing, so the getter is the moment to add taps for devices
 * created since the capture began (a Set visits entries added while it is being iterated, so
 * the new tap still sees the frame that triggered it). What it returns must not match a real
 * frame's device; the namespace's loopback is a device whose frames the no-op handler ignores.
 */
export function watchNewDevices(ns: NetNs, check: () => void): CaptureTap {
  return {
    get dev(): NetDevice {
      check();
      return ns.loopback;
    },
    onFrame: () => undefined,
  };
}

// ---- background captures (bash jobs) -----------------------------------------------------

export interface Job {
  /** bash's job number, as in %1. */
  id: number;
  /** The command line, for %name job specs and messages. */
  command: string;
  capture: Capture;
  /** Killed and its output shown; bash keeps it in the table until `wait` collects it. */
  done: boolean;
}

const jobTables = new WeakMap<Kernel, Job[]>();

export function jobsOf(kernel: Kernel): Job[] {
  let t = jobTables.get(kernel);
  if (!t) {
    t = [];
    jobTables.set(kernel, t);
  }
  return t;
}

/**
 * bash numbers a new job one past the highest one in its table (so numbers restart once all
 * are gone); finished jobs it has reported are dropped first.
 */
export function addJob(kernel: Kernel, command: string, capture: Capture): Job {
  const table = jobsOf(kernel);
  for (const j of table.filter((x) => x.done)) removeJob(kernel, j);
  const job = { id: table.reduce((m, j) => Math.max(m, j.id), 0) + 1, command, capture, done: false };
  table.push(job);
  return job;
}

export function removeJob(kernel: Kernel, job: Job): void {
  const table = jobsOf(kernel);
  const i = table.indexOf(job);
  if (i >= 0) table.splice(i, 1);
}
