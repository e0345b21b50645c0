import { type Ipv4, formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import type { NetDevice } from '../engine/net/device.ts';
import { buildIpPacket, ipLocalOut } from '../engine/net/ip-output.ts';
import { ROUTE_ERROR_TEXT, ipRouteOutput } from '../engine/net/route.ts';
import { MS, SEC } from '../engine/sim/scheduler.ts';
import { closePingSocket, openPingSocket } from '../engine/socket/ping.ts';
import type { IcmpErrorInfo } from '../engine/socket/table.ts';
import { IpProto } from '../engine/wire/ipv4.ts';
import { emitIcmp } from '../engine/wire/icmp.ts';
import { isBusybox, resolveForPing } from './apps/resolver.ts';
import type { Command } from './context.ts';

const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      DNS name or IP address
  -c <count>         stop after <count> replies
  -I <interface>     either interface name or address
  -M <pmtud opt>     define path MTU discovery, can be one of <do|dont|want|probe>
  -s <size>          use <size> as number of data bytes to be sent
  -t <ttl>           define time to live
  -W <timeout>       time to wait for response
  -w <deadline>      reply wait <deadline> in seconds
  -i <interval>      seconds between sending each packet
  -q                 quiet output
  -b                 allow pinging broadcast
`;

/** iputils' wording for an ICMP error it receives about one of its echo requests. */
function describeIcmpError(e: IcmpErrorInfo): string {
  if (e.type === 11) return e.code === 0 ? 'Time to live exceeded' : 'Frag reassembly time exceeded';
  switch (e.code) {
    case 0: return 'Destination Net Unreachable';
    case 1: return 'Destination Host Unreachable';
    case 2: return 'Destination Protocol Unreachable';
    case 3: return 'Destination Port Unreachable';
    case 4: return `Frag needed and DF set (mtu = ${e.mtu})`;
    case 5: return 'Source Route Failed';
    case 6: return 'Destination Net Unknown';
    case 7: return 'Destination Host Unknown';
    case 9: return 'Destination Net Prohibited';
    case 10: return 'Destination Host Prohibited';
    case 13: return 'Packet filtered';
    default: return `Dest Unreachable, Bad Code: ${e.code}`;
  }
}

function fmtMs(ns: number): string {
  const ms = ns / MS;
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3);
}

/** iputils `ping` for IPv4: echo requests at 1 s intervals, replies timed in virtual time. */
export const pingCommand: Command = (ctx, argv) => {
  let count = Infinity;
  let timeoutS: number | null = null;
  let deadlineS: number | null = null;
  let intervalS = 1;
  let ttl: number | undefined;
  let size = 56;
  let pmtu: 'do' | 'dont' | 'want' | 'probe' = 'want';
  let iface: string | null = null;
  let quiet = false;
  let broadcastOk = false;
  let target: string | null = null;
  const args = argv.slice(1);
  const needs = (opt: string, i: number): string | null => {
    const v = args[i + 1];
    if (v === undefined) {
      ctx.err(`ping: option requires an argument -- '${opt}'${USAGE}`);
      return null;
    }
    return v;
  };
  const badNum = (v: string, lo: number, hi: number): boolean => !/^\d+$/.test(v) || Number(v) < lo || Number(v) > hi;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let m: RegExpExecArray | null;
    if ((m = /^-([cWwtsIMi])(.*)$/.exec(a))) {
      const opt = m[1];
      let v = m[2];
      if (v === '') {
        const n = needs(opt, i);
        if (n === null) return 2;
        v = n;
        i++;
      }
      switch (opt) {
        case 'c':
          if (badNum(v, 1, 2 ** 31 - 1)) {
            ctx.err(`ping: invalid argument: '${v}': out of range: 1 <= value <= 9223372036854775807\n`);
            return 1;
          }
          count = Number(v);
          break;
        case 'W':
          if (!/^\d+(\.\d+)?$/.test(v)) {
            ctx.err(`ping: bad linger time: ${v}\n`);
            return 1;
          }
          timeoutS = Number(v);
          break;
        case 'w':
          if (badNum(v, 0, 2147483)) {
            ctx.err(`ping: invalid argument: '${v}': out of range: 0 <= value <= 2147483\n`);
            return 1;
          }
          deadlineS = Number(v);
          break;
        case 't':
          if (v === '0') {
            ctx.err('ping: cannot set unicast time-to-live: Invalid argument\n');
            return 2;
          }
          if (badNum(v, 1, 255)) {
            ctx.err(`ping: invalid argument: '${v}': out of range: 1 <= value <= 255\n`);
            return 1;
          }
          ttl = Number(v);
          break;
        case 's':
          if (badNum(v, 0, 65507)) {
            ctx.err(`ping: invalid argument: '${v}': out of range: 0 <= value <= 2147483647\n`);
            return 1;
          }
          size = Number(v);
          break;
        case 'I':
          iface = v;
          break;
        case 'i':
          if (!/^\d+(\.\d+)?$/.test(v)) {
            // iputils 20221126 parses with strtod and only warns about trailing garbage.
            const lead = /^\s*\d*(\.\d*)?/.exec(v)?.[0] ?? '';
            if (!/\d/.test(lead)) {
              ctx.err(`ping: option argument contains garbage: ${v}\nping: this will become fatal error in the future\n`);
              intervalS = 0;
              break;
            }
            ctx.err(`ping: bad timing interval: ${v}\n`);
            return 1;
          }
          intervalS = Number(v);
          break;
        case 'M':
          if (v !== 'do' && v !== 'dont' && v !== 'want' && v !== 'probe') {
            ctx.err(`ping: invalid -M argument: ${v}\n`);
            return 2;
          }
          pmtu = v;
          break;
      }
    } else if (a === '-q') quiet = true;
    else if (a === '-b') broadcastOk = true;
    else if (a === '-n' || a === '-4') continue;
    else if (a.startsWith('-') && a.length > 1) {
      ctx.err(`ping: invalid option -- '${a[1]}'${USAGE}`);
      return 2;
    } else if (target === null) target = a;
    else {
      ctx.err(`ping: usage error: Only one destination address is allowed\n`);
      return 2;
    }
  }
  if (target === null) {
    ctx.err(`ping: usage error: Destination address required\n`);
    return 1;
  }
  // Names go through /etc/hosts and DNS like getaddrinfo (or busybox's resolver in alpine).
  const res = resolveForPing(ctx, target);
  if ('error' in res) {
    ctx.err(`${res.error}\n`);
    return res.exitCode;
  }
  // ip_route_output_key_hash_rcu: a zero destination means this host (daddr = 127.0.0.1 on lo).
  const dst = res.ok === 0 ? (0x7f000001 as Ipv4) : res.ok;
  const ns = ctx.ns;
  const k = ctx.kernel;
  let oif: NetDevice | null = null;
  let bindSrc: Ipv4 | null = null;
  if (iface !== null) {
    const asAddr = parseIpv4(iface);
    if (asAddr !== null) {
      if (!ns.isLocalAddr(asAddr)) {
        ctx.err(`ping: bind: Cannot assign requested address\n`);
        return 2;
      }
      bindSrc = asAddr;
    } else {
      oif = ns.device(iface) ?? null;
      if (!oif) {
        ctx.err(`ping: SO_BINDTODEVICE ${iface}: No such device\n`);
        return 2;
      }
    }
  }
  // iputils connect()s a probe socket first, only when no source address was given (-I ADDR
  // skips it): no route means an immediate error, exit 2. A broadcast route makes connect()
  // fail with EACCES (no SO_BROADCAST yet): without -b that is fatal, with -b a warning.
  const probe = ipRouteOutput(ns, dst, { oif, src: bindSrc });
  if (typeof probe === 'string' && bindSrc === null) {
    ctx.err(`ping: connect: ${ROUTE_ERROR_TEXT[probe]}\n`);
    return 2;
  }
  if (typeof probe !== 'string' && probe.type === 'broadcast' && bindSrc === null) {
    if (!broadcastOk) {
      ctx.err('ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n');
      return 2;
    }
    ctx.err('WARNING: pinging broadcast address\n');
  }
  const src = bindSrc ?? (probe as Exclude<typeof probe, string>).src;
  const dstText = formatIpv4(dst);
  const from = iface !== null ? ` from ${formatIpv4(src)} ${oif ? oif.name : ''}`.trimEnd() + ':' : '';
  // Alpine and busybox images have busybox's ping, which prints its own format.
  const busybox = isBusybox(ctx.fs);
  if (busybox) ctx.out(`PING ${target} (${dstText}): ${size} data bytes\n`);
  else ctx.out(`PING ${target} (${dstText})${from} ${size}(${size + 28}) bytes of data.\n`);

  const sent = new Map<number, number>();
  const rtts: number[] = [];
  let received = 0;
  let errors = 0;
  let transmitted = 0;
  const start = k.now;
  let lastSend = start;
  const sock = openPingSocket(ns, (id) => ({
    id,
    onReply: (fromAddr, seq, replyTtl, bytes) => {
      const at = sent.get(seq);
      if (at === undefined) return;
      sent.delete(seq);
      received++;
      const rtt = k.now - at;
      rtts.push(rtt);
      if (quiet) return;
      if (busybox) ctx.out(`${bytes} bytes from ${formatIpv4(fromAddr)}: seq=${seq - 1} ttl=${replyTtl} time=${(rtt / MS).toFixed(3)} ms\n`);
      else ctx.out(`${bytes} bytes from ${formatIpv4(fromAddr)}: icmp_seq=${seq} ttl=${replyTtl} time=${fmtMs(rtt)} ms\n`);
    },
    onError: (info, seq) => {
      if (!sent.has(seq)) return;
      sent.delete(seq);
      errors++;
      if (!quiet) ctx.out(`From ${formatIpv4(info.from)} icmp_seq=${seq} ${describeIcmpError(info)}\n`);
    },
  }));

  const sendOne = (seq: number): void => {
    transmitted++;
    lastSend = k.now;
    const rt = ipRouteOutput(ns, dst, { oif, src: bindSrc });
    if (typeof rt === 'string') {
      ctx.err(`ping: sendmsg: ${ROUTE_ERROR_TEXT[rt]}\n`);
      errors++;
      return;
    }
    if (rt.type === 'broadcast' && !broadcastOk) {
      // ip_route_output_flow: a broadcast route on a socket without SO_BROADCAST is EACCES.
      ctx.err(`ping: sendmsg: ${ROUTE_ERROR_TEXT.EACCES}\n`);
      errors++;
      return;
    }
    const total = 28 + size;
    if (pmtu === 'do' && total > rt.mtu) {
      // The socket refuses before anything is sent (EMSGSIZE), as iputils reports it.
      ctx.err(`ping: local error: message too long, mtu=${rt.mtu}\n`);
      errors++;
      return;
    }
    const df = pmtu === 'do' || (pmtu === 'want' && total <= rt.mtu);
    const data = new Uint8Array(size);
    // iputils: a struct timeval first, then the bytes 0x10, 0x11, ... as the pattern.
    const t = k.now;
    if (size >= 16) {
      const secs = Math.floor(t / SEC);
      const usec = Math.floor((t % SEC) / 1000);
      new DataView(data.buffer).setUint32(0, secs, true);
      new DataView(data.buffer).setUint32(8, usec, true);
      for (let i = 16; i < size; i++) data[i] = i & 0xff;
    } else for (let i = 0; i < size; i++) data[i] = (i + 8) & 0xff;
    const skb = buildIpPacket(ns, {
      src: rt.src,
      dst,
      protocol: IpProto.ICMP,
      ttl,
      df,
      length: 8 + size,
      write: (b, off) => emitIcmp({ kind: 'echo', type: 8, id: sock.id, seq, data }, b, off),
    });
    sent.set(seq, k.now);
    // Netfilter dropping it on the way out makes sendmsg() fail with EPERM. iputils says so
    // only when a REJECT's ICMP error is already queued on the socket; a plain DROP is silent.
    if (!ipLocalOut(ns, skb, rt) && skb.rejected) ctx.err('ping: sendmsg: Operation not permitted\n');
  };

  // The run: send every interval until count is reached; then wait -W (default 10 s) for the rest.
  const linger = (timeoutS ?? 10) * SEC;
  const deadline = deadlineS !== null ? start + deadlineS * SEC : Infinity;
  let seq = 0;
  const finished = (): boolean => received + errors >= count || k.now >= deadline;
  try {
    while (seq < count && k.now < deadline) {
      seq++;
      sendOne(seq);
      if (finished()) break;
      const next = seq < count ? k.now + intervalS * SEC : Math.min(deadline, k.now + linger);
      const until = Math.min(next, deadline);
      k.sched.runUntil(until, () => finished() || (seq >= count && sent.size === 0));
      if (finished()) break;
      if (seq >= count) break;
    }
  } finally {
    closePingSocket(ns, sock);
  }
  const elapsed = Math.round((lastSend - start) / MS);
  const loss = transmitted === 0 ? 0 : Math.round(((transmitted - received) * 100) / transmitted);
  let stats = `\n--- ${target} ping statistics ---\n${transmitted} packets transmitted, ${received} received`;
  if (errors > 0) stats += `, +${errors} errors`;
  stats += `, ${loss}% packet loss, time ${elapsed}ms\n`;
  if (received > 0) {
    const min = Math.min(...rtts);
    const max = Math.max(...rtts);
    const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / rtts.length);
    stats += `rtt min/avg/max/mdev = ${(min / MS).toFixed(3)}/${(avg / MS).toFixed(3)}/${(max / MS).toFixed(3)}/${(mdev / MS).toFixed(3)} ms\n`;
  }
  if (busybox) {
    stats = `\n--- ${target} ping statistics ---\n${transmitted} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (received > 0) {
      const ms = (x: number): string => (x / MS).toFixed(3);
      stats += `round-trip min/avg/max = ${ms(Math.min(...rtts))}/${ms(rtts.reduce((a, b) => a + b, 0) / rtts.length)}/${ms(Math.max(...rtts))} ms\n`;
    }
  }
  ctx.out(stats);
  return received > 0 ? 0 : 1;
};
