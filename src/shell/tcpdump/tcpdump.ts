/**
 * tcpdump 4.99 (libpcap 1.10) in a namespace:
 *
 *   tcpdump [-i DEV|any] [-n] [-e] [-q] [-v[v]] [-c N] [-w FILE | -r FILE] [-s N] [-S] [-t...]
 *           [-#] [-Q in|out|inout] [-l] [-U] [-p] [expression]
 *
 * A command must finish, so a capture cannot block the terminal: in the foreground it runs
 * virtual time until -c packets were captured or FOREGROUND_LIMIT passed (then it stops as if
 * interrupted, and says so). With a trailing `&` it keeps capturing while later commands run;
 * its lines wait in the machine's job table and are printed, with the exit summary, by
 * `kill %N` (ends it, like Ctrl-C) or `wait` (once -c is reached). See jobs.ts.
 */
import type { NetDevice } from '../../engine/net/device.ts';
import { readPcap, LinkType, PCAP_SNAPLEN, PcapWriter } from '../../engine/wire/pcap.ts';
import { SEC } from '../../engine/sim/scheduler.ts';
import { SIM_EPOCH_MS } from '../apps/clock.ts';
import type { Command, CommandContext } from '../context.ts';
import { Capture, type LinkKind, addJob } from './capture.ts';
import { type CookedPktType, PacketPrinter, Stamper } from './decode.ts';
import { type FrameFilter, FilterError, compileFilter } from './filter.ts';
import { parseHosts } from './hosts.ts';

/** How long a foreground capture may run before it is stopped as if by Ctrl-C. */
export const FOREGROUND_LIMIT = 10 * SEC;

const VERSION = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';
const USAGE = `${VERSION}Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

/** tcpdump's getopt string: letters that take an argument, and flags it knows. */
const WITH_ARG = new Set('BcCEFGiJjmMQrsTVwWyzZ'.split(''));
const FLAGS = new Set('AbdDefhHIKlLnNOpqStuUvxXY#'.split(''));
/** Options tcpdump has that the simulator does not model (they would change the output). */
const UNSUPPORTED = new Set('AbBCdDEfFGHIjJKLmMNOTuVWxXyYzZ'.split(''));

interface Options {
  iface: string | null;
  numeric: boolean;
  link: boolean;
  quiet: boolean;
  verbose: number;
  count: number | null;
  write: string | null;
  read: string | null;
  snaplen: number;
  absoluteSeq: boolean;
  timeMode: number;
  number: boolean;
  direction: 'in' | 'out' | 'inout';
  print: boolean;
  expression: string;
}

/** getopt_long as tcpdump calls it: bundled flags, attached or separate arguments, GNU permutation. */
function parseArgs(ctx: CommandContext, argv: string[]): Options | number {
  const o: Options = {
    iface: null, numeric: false, link: false, quiet: false, verbose: 0, count: null, write: null, read: null,
    snaplen: PCAP_SNAPLEN, absoluteSeq: false, timeMode: 0, number: false, direction: 'inout', print: false, expression: '',
  };
  const words: string[] = [];
  const usageError = (msg: string): number => {
    ctx.err(`tcpdump: ${msg}\n${USAGE}`);
    return 1;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const value = (): string | null => inline ?? argv[++i] ?? null;
      switch (name) {
        case 'version':
          ctx.out(VERSION);
          return 0;
        case 'help':
          ctx.out(USAGE);
          return 0;
        case 'number':
          o.number = true;
          break;
        case 'print':
          o.print = true;
          break;
        case 'immediate-mode':
        case 'micro':
          break;
        case 'count': {
          const v = value();
          if (v === null) return usageError(`option '--count' requires an argument`);
          if (!/^\d+$/.test(v) || Number(v) < 1) {
            ctx.err(`tcpdump: invalid packet count ${v}\n`);
            return 1;
          }
          o.count = Number(v);
          break;
        }
        case 'interface': {
          const v = value();
          if (v === null) return usageError(`option '--interface' requires an argument`);
          o.iface = v;
          break;
        }
        default:
          return usageError(`unrecognized option '${a}'`);
      }
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      words.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (WITH_ARG.has(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return usageError(`option requires an argument -- '${f}'`);
        const r = applyArg(ctx, o, f, v);
        if (r !== null) return r;
        break;
      }
      if (!FLAGS.has(f)) return usageError(`invalid option -- '${f}'`);
      switch (f) {
        case 'n':
          o.numeric = true;
          break;
        case 'e':
          o.link = true;
          break;
        case 'q':
          o.quiet = true;
          break;
        case 'v':
          o.verbose++;
          break;
        case 'S':
          o.absoluteSeq = true;
          break;
        case 't':
          o.timeMode++;
          break;
        case '#':
          o.number = true;
          break;
        case 'h':
          ctx.out(USAGE);
          return 0;
        case 'l':
        case 'U':
        case 'p':
          // Line buffering, packet-buffered writes, no promiscuous mode: no visible difference here.
          break;
        default:
          if (UNSUPPORTED.has(f)) {
            ctx.err(`tcpdump: option -${f} is not supported by the simulator\n`);
            return 1;
          }
      }
    }
  }
  o.expression = words.join(' ');
  if (o.timeMode > 5) o.timeMode = 5;
  return o;
}

/** One option with its argument; a number is an exit code. */
function applyArg(ctx: CommandContext, o: Options, f: string, v: string): number | null {
  switch (f) {
    case 'i':
      o.iface = v;
      return null;
    case 'c':
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 2 ** 31 - 1) {
        ctx.err(`tcpdump: invalid packet count ${v}\n`);
        return 1;
      }
      o.count = Number(v);
      return null;
    case 'w':
      o.write = v;
      return null;
    case 'r':
      o.read = v;
      return null;
    case 's': {
      if (!/^\d+$/.test(v) || Number(v) > PCAP_SNAPLEN) {
        ctx.err(`tcpdump: invalid snaplen ${v} (must be >= 0 and <= ${PCAP_SNAPLEN})\n`);
        return 1;
      }
      // 0 means the default; libpcap raises anything smaller than a header to something sane.
      o.snaplen = Number(v) === 0 ? PCAP_SNAPLEN : Number(v);
      return null;
    }
    case 'Q':
      if (v !== 'in' && v !== 'out' && v !== 'inout') {
        ctx.err(`tcpdump: unknown capture direction '${v}'\n`);
        return 1;
      }
      o.direction = v;
      return null;
    default:
      ctx.err(`tcpdump: option -${f} is not supported by the simulator\n`);
      return 1;
  }
}

/** libpcap's default device: the first up-and-running non-loopback one, else "any". */
function defaultDevice(ctx: CommandContext): NetDevice | null {
  const devs = [...ctx.ns.devices.values()].sort((a, b) => a.ifindex - b.ifindex);
  return devs.find((d) => d.kind !== 'loopback' && d.running) ?? null;
}

export const tcpdumpCommand: Command = (ctx, argv) => {
  const o = parseArgs(ctx, argv);
  if (typeof o === 'number') return o;
  const hosts = parseHosts(ctx.fs.readText('/etc/hosts'));
  let filter: FrameFilter;
  try {
    filter = compileFilter(o.expression, (name) => hosts.byName.get(name) ?? []);
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    ctx.err(`tcpdump: ${e.message}\n`);
    return 1;
  }
  const printer = new PacketPrinter({ numeric: o.numeric, link: o.link, quiet: o.quiet, verbose: o.verbose, absoluteSeq: o.absoluteSeq, hostNames: hosts.byAddr });
  const stamper = new Stamper(o.timeMode);
  if (o.read !== null) return readFile(ctx, o, filter, printer, stamper);

  // The device: named, "any", or libpcap's pick.
  let dev: NetDevice | null = null;
  let link: LinkKind = 'ether';
  if (o.iface === null) {
    dev = defaultDevice(ctx);
    if (dev === null) link = 'sll1';
  } else if (o.iface === 'any') {
    link = 'sll2';
  } else {
    dev = ctx.ns.device(o.iface) ?? null;
    if (dev === null) {
      ctx.err(`tcpdump: ${o.iface}: No such device exists\n(No such device exists)\n`);
      return 1;
    }
    if (!dev.adminUp) {
      ctx.err(`tcpdump: ${o.iface}: That device is not up\n`);
      return 1;
    }
  }
  const name = dev?.name ?? 'any';
  const linkText = link === 'ether' ? 'EN10MB (Ethernet)' : link === 'sll2' ? 'LINUX_SLL2 (Linux cooked v2)' : 'LINUX_SLL (Linux cooked v1)';
  // An explicit -i any makes tcpdump choose the cooked v2 header, and it says so.
  if (link === 'sll2') ctx.err('tcpdump: data link type LINUX_SLL2\n');
  const listening = `listening on ${name}, link-type ${linkText}, snapshot length ${o.snaplen} bytes\n`;
  if (o.write !== null || o.verbose) ctx.err(`tcpdump: ${listening}`);
  else ctx.err(`tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n${listening}`);

  const direction = o.direction;
  const capture = new Capture(ctx.kernel, {
    ns: ctx.ns,
    dev,
    link,
    filter,
    printer,
    stamper,
    count: o.count,
    snaplen: o.snaplen,
    write: o.write !== null ? { fs: ctx.fs, path: o.write } : null,
    epochSec: Math.floor(SIM_EPOCH_MS / 1000),
    direction,
    number: o.number,
    print: o.print,
  });
  if (ctx.background) {
    capture.start();
    addJob(ctx.kernel, argv.join(' '), capture);
    return 0;
  }
  // In the foreground the lines belong to this command: print them as they come.
  capture.onText = (text) => ctx.out(text);
  capture.start();
  ctx.kernel.sched.runFor(FOREGROUND_LIMIT, () => capture.ended);
  const interrupted = !capture.ended;
  capture.stop();
  if (interrupted) {
    // What Ctrl-C would do: a newline to finish the line the terminal was on.
    if (o.write === null) ctx.out('\n');
    ctx.err(`tcpdump: stopped after ${FOREGROUND_LIMIT / SEC} s of virtual time (the simulator's Ctrl-C); to capture while other commands run, end the line with &\n`);
  }
  ctx.err(capture.summary());
  return 0;
};

/** -r: print a pcap file from the machine's filesystem. */
function readFile(ctx: CommandContext, o: Options, filter: FrameFilter, printer: PacketPrinter, stamper: Stamper): number {
  const data = ctx.fs.read(o.read!);
  if (data === undefined) {
    ctx.err(`tcpdump: ${o.read}: No such file or directory\n`);
    return 1;
  }
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const file = readPcap(bytes);
  if (typeof file === 'string') {
    ctx.err(`tcpdump: ${file}\n`);
    return 1;
  }
  const linkText =
    file.linkType === LinkType.ETHERNET ? 'EN10MB (Ethernet)' : file.linkType === LinkType.LINUX_SLL2 ? 'LINUX_SLL2 (Linux cooked v2)' : file.linkType === LinkType.LINUX_SLL ? 'LINUX_SLL (Linux cooked v1)' : null;
  if (linkText === null) {
    ctx.err(`tcpdump: unsupported data link type ${file.linkType}\n`);
    return 1;
  }
  ctx.err(`reading from file ${o.read}, link-type ${linkText}, snapshot length ${file.snaplen}\n`);
  // Interface indexes in a file are the capturing machine's; tcpdump names them with this one's.
  if (file.linkType === LinkType.LINUX_SLL2) ctx.err('Warning: interface names might be incorrect\n');
  // -r with -w: the records that pass the filter, copied to a new file (nothing printed).
  const out = o.write !== null ? new PcapWriter(file.linkType, file.snaplen) : null;
  let n = 0;
  for (const r of file.records) {
    const eth = file.linkType === LinkType.ETHERNET ? { frame: r.frame, ifindex: 0, pkt: 'host' as const } : uncook(r.frame, file.linkType);
    if (eth === null || !filter(eth.frame)) continue;
    n++;
    if (out !== null) {
      out.addStamped(r.sec, r.usec, r.frame, r.origLen);
      if (o.count !== null && n >= o.count) break;
      continue;
    }
    const prefix = o.number ? `${String(n).padStart(5)}  ` : '';
    const wire = r.origLen - (r.frame.length - eth.frame.length);
    let body: string;
    if (file.linkType === LinkType.ETHERNET) body = printer.ethernet(eth.frame, wire);
    else if (file.linkType === LinkType.LINUX_SLL2) {
      // tcpdump names the interface with if_indextoname() on the machine reading the file.
      const ifname = [...ctx.ns.devices.values()].find((d) => d.ifindex === eth.ifindex)?.name ?? '?';
      body = printer.cookedV2(eth.frame, ifname, eth.ifindex, eth.pkt, wire);
    }
    else body = printer.cookedV1(eth.frame, eth.pkt, wire);
    ctx.out(`${prefix}${stamper.stamp(r.sec, r.usec)}${body}\n`);
    if (o.count !== null && n >= o.count) return 0;
  }
  if (out !== null) ctx.fs.write(o.write!, out.bytes());
  if (file.truncated !== undefined) {
    ctx.err(`tcpdump: pcap_loop: ${file.truncated}\n`);
    return 1;
  }
  return 0;
}

const PKTTYPES: readonly CookedPktType[] = ['host', 'broadcast', 'multicast', 'otherhost', 'outgoing'];

/** A cooked record back to an Ethernet frame (addresses the cooked header lacks are zero). */
function uncook(p: Uint8Array, linkType: number): { frame: Uint8Array; ifindex: number; pkt: CookedPktType } | null {
  const v2 = linkType === LinkType.LINUX_SLL2;
  const hlen = v2 ? 20 : 16;
  if (p.length < hlen) return null;
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const proto = v2 ? v.getUint16(0) : v.getUint16(14);
  const pkt = PKTTYPES[v2 ? p[10] : v.getUint16(0)] ?? 'host';
  const frame = new Uint8Array(14 + p.length - hlen);
  frame.set(p.subarray(v2 ? 12 : 6, (v2 ? 12 : 6) + 6), 6);
  frame[12] = proto >> 8;
  frame[13] = proto & 0xff;
  frame.set(p.subarray(hlen), 14);
  return { frame, ifindex: v2 ? v.getUint32(4) : 0, pkt };
}
