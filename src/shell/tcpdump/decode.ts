/**
 * tcpdump 4.99's one-line packet printer for the protocols the simulator carries: Ethernet,
 * 802.1Q, ARP, IPv4 (with fragments), ICMP, TCP (HTTP and DNS payloads), UDP (DNS, mDNS) and
 * VXLAN, and the Linux cooked headers of "any" captures. The wording, field order and
 * separators follow tcpdump's print-ether.c, print-arp.c, print-ip.c, print-icmp.c,
 * print-tcp.c, print-udp.c, print-domain.c, print-vxlan.c and print-sll.c, and were checked
 * line by line against tcpdump 4.99.3 reading the same frames (test/unit/tcpdump/golden).
 * Protocols tcpdump decodes and this does not (IPv6, GRE, IGMP, DHCP, NTP, ...) print as
 * tcpdump prints an unknown protocol, which is not what tcpdump prints for them.
 *
 * Like tcpdump, printing never trusts the bytes: a field past the end of the captured data
 * ends the line with "[|proto]". The engine's own parsers reject bad checksums; tcpdump
 * shows such packets (and with -v says the checksum is wrong), so this reads bytes directly.
 */
import { formatIpv6 } from '../../engine/addr/ipv6.ts';
import { formatIpv4, ipv4 } from '../../engine/addr/ipv4.ts';
import { readU16, readU32 } from '../../engine/wire/bytes.ts';
import { internetChecksum, onesComplementSum, pseudoHeaderSum } from '../../engine/wire/checksum.ts';
import { ipProtoValue, portName, protocolName } from './services.ts';

export interface DecodeOptions {
  /** -n: no address or port names. */
  numeric: boolean;
  /** -e: print the link-level header. */
  link: boolean;
  /** -q: quick output, less protocol detail. */
  quiet: boolean;
  /** Number of -v flags. */
  verbose: number;
  /** -S: absolute TCP sequence numbers. */
  absoluteSeq?: boolean;
  /**
   * Names for addresses when not given -n (gethostbyaddr: /etc/hosts, as the simulator has
   * no reverse DNS). Absent: addresses print as numbers.
   */
  hostNames?: ReadonlyMap<number, string>;
}

/** How an "any"-device (Linux cooked) capture saw the frame: sll_pkttype. */
export type CookedPktType = 'host' | 'broadcast' | 'multicast' | 'otherhost' | 'outgoing';

const SLL_PKTTYPE_TEXT: Readonly<Record<CookedPktType, string>> = {
  host: 'In',
  broadcast: 'B',
  multicast: 'M',
  otherhost: 'P',
  outgoing: 'Out',
};

const ETH_HLEN = 14;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
/** Largest value of the Ethernet type field that is an 802.3 length instead. */
const MAX_ETHERNET_LENGTH_VAL = 1500;
const VLAN_TPIDS = new Set([0x8100, 0x88a8, 0x9100]);

/** tcpdump's ethertype_values (the entries a simulated network can plausibly carry). */
const ETHERTYPE_VALUES: Readonly<Record<number, string>> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8035: 'Reverse ARP',
  0x8100: '802.1Q',
  0x86dd: 'IPv6',
  0x8847: 'MPLS unicast',
  0x8848: 'MPLS multicast',
  0x8863: 'PPPoE D',
  0x8864: 'PPPoE S',
  0x888e: 'EAPOL',
  0x88a8: '802.1Q-QinQ',
  0x88cc: 'LLDP',
  0x9000: 'Loopback',
  0x9100: '802.1Q-9100',
};

/** oui_values: the organisation tcpdump names after a MAC when not given -n. */
const OUI_VALUES: Readonly<Record<number, string>> = {
  0x000000: 'Ethernet',
  0x00000c: 'Cisco',
  0x00005e: 'IANA',
  0x0000f8: 'Cisco bridged',
  0x0080c2: 'Ethernet bridged',
  0x080007: 'Appletalk',
  0x080009: 'Hewlett-Packard',
  0x009069: 'Juniper',
  0x002320: 'Nicira Networks',
};

const ICMP_INFO_TEXT: Readonly<Record<number, string>> = {
  0: 'echo reply',
  4: 'source quench',
  8: 'echo request',
  10: 'router solicitation',
  13: 'time stamp request',
  14: 'time stamp reply',
  15: 'information request',
  16: 'information reply',
  17: 'address mask request',
};

/** unreach2str, for the codes without their own case. */
const UNREACH_TEXT: Readonly<Record<number, string>> = {
  0: 'net %s unreachable',
  1: 'host %s unreachable',
  5: '%s unreachable - source route failed',
  6: 'net %s unreachable - unknown',
  7: 'host %s unreachable - unknown',
  8: '%s unreachable - source host isolated',
  9: 'net %s unreachable - admin prohibited',
  10: 'host %s unreachable - admin prohibited',
  11: 'net %s unreachable - tos prohibited',
  12: 'host %s unreachable - tos prohibited',
  13: 'host %s unreachable - admin prohibited filter',
  14: 'host %s unreachable - host precedence violation',
  15: 'host %s unreachable - precedence cutoff',
};

const REDIRECT_TEXT: Readonly<Record<number, string>> = {
  0: 'redirect %s to net %s',
  1: 'redirect %s to host %s',
  2: 'redirect-tos %s to net %s',
  3: 'redirect-tos %s to host %s',
};

/** ICMP types that quote the offending datagram (ICMP_ERRTYPE). */
const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

const ARPOP_VALUES: Readonly<Record<number, string>> = {
  1: 'Request',
  2: 'Reply',
  3: 'Reverse Request',
  4: 'Reverse Reply',
  8: 'Inverse Request',
  9: 'Inverse Reply',
  10: 'NACK Reply',
};

const TCP_FLAG_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
];
const TH_FIN = 0x01;
const TH_SYN = 0x02;
const TH_RST = 0x04;
const TH_ACK = 0x10;
const TH_URG = 0x20;

const TCP_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'eol',
  1: 'nop',
  2: 'mss',
  3: 'wscale',
  4: 'sackOK',
  5: 'sack',
  6: 'echo',
  7: 'echoreply',
  8: 'TS',
  11: 'cc',
  12: 'ccnew',
  13: '',
  19: 'md5',
  20: 'scps',
  28: 'uto',
  29: 'tcp-ao',
  30: 'mptcp',
  34: 'tfo',
  254: 'exp',
};

/** http_print's request words (httpcmds in print-http.c). */
const HTTP_COMMANDS = new Set([
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE',
  'LABEL', 'MERGE', 'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY', 'BDELETE', 'CONNECT',
  'OPTIONS', 'CHECKIN', 'PROPFIND', 'CHECKOUT', 'BPROPFIND', 'BPROPPATCH', 'PROPPATCH', 'MKACTIVITY',
  'MKWORKSPACE', 'UNCHECKOUT', 'VERSION-CONTROL', 'BASELINE-CONTROL',
]);
const HTTP_PORTS = new Set([80, 8080]);
const NAMESERVER_PORT = 53;
const MDNS_PORT = 5353;
const VXLAN_PORT = 4789;
const VXLAN_HLEN = 8;

/** Thrown to abandon a packet after printing "[|proto]", as tcpdump's longjmp does. */
class Truncated extends Error {}

const hex = (n: number, width = 0): string => n.toString(16).padStart(width, '0');

/** in_cksum_shouldbe(): the checksum the field should hold, from what it holds and the sum. */
function cksumShouldBe(sum: number, computed: number): number {
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** fn_print_char: bytes as `cat -v` shows them (M- for the high bit, ^X for control). */
function printChar(c: number): string {
  let s = '';
  let ch = c;
  if (ch >= 0x80) {
    s += 'M-';
    ch &= 0x7f;
  }
  if (ch < 0x20 || ch === 0x7f) return `${s}^${String.fromCharCode(ch ^ 0x40)}`;
  return s + String.fromCharCode(ch);
}

function isPrintableAscii(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/**
 * Prints packets one at a time. An instance lives as long as a capture: it remembers each
 * TCP conversation's initial sequence numbers so later segments print relative ones
 * (tcpdump's tcp_seq_hash; -S turns that off).
 */
export class PacketPrinter {
  private out = '';
  private readonly tcpIsn = new Map<string, { seq: number; ack: number }>();

  constructor(readonly opts: DecodeOptions) {}

  /**
   * The text after the time stamp for an Ethernet frame (lines after the first start with no
   * time). `frame` is what was captured; `wireLength` its length on the wire when -s cut it.
   */
  ethernet(frame: Uint8Array, wireLength = frame.length): string {
    return this.run(() => this.etherPrint(frame, 0, wireLength, frame.length));
  }

  /**
   * A frame as an "any" capture (LINUX_SLL2) prints it: interface name and direction first;
   * with -e, the cooked header instead of the Ethernet one. `frame` is still the Ethernet frame.
   */
  cookedV2(frame: Uint8Array, ifname: string, ifindex: number, pkt: CookedPktType, wireLength = frame.length): string {
    return this.run(() => {
      this.p(`${ifname.padEnd(5)} ${SLL_PKTTYPE_TEXT[pkt].padEnd(3)} `);
      this.cookedBody(frame, wireLength, () => this.p(`ifindex ${ifindex} `), 20);
    });
  }

  /** LINUX_SLL (v1): what tcpdump uses for "any" when it picked the device itself. */
  cookedV1(frame: Uint8Array, pkt: CookedPktType, wireLength = frame.length): string {
    return this.run(() => {
      if (this.opts.link) this.p(`${SLL_PKTTYPE_TEXT[pkt].padStart(3)} `);
      this.cookedBody(frame, wireLength, () => undefined, 16);
    });
  }

  private cookedBody(frame: Uint8Array, wireLength: number, prefix: () => void, cookedHlen: number): void {
    if (frame.length < ETH_HLEN) this.trunc('sll');
    const type = readU16(frame, 12);
    const length = wireLength - ETH_HLEN + cookedHlen;
    if (this.opts.link) {
      prefix();
      this.p(`${this.mac(frame, 6)} `);
      // With -q the cooked header shows only where the packet came from.
      if (!this.opts.quiet) this.p(`ethertype ${ETHERTYPE_VALUES[type] ?? 'Unknown'} (0x${hex(type, 4)}), length ${length}: `);
    }
    if (!this.ethertypePrint(type, frame, ETH_HLEN, wireLength - ETH_HLEN, frame.length)) this.hexPrint(frame, ETH_HLEN, frame.length);
  }

  private run(f: () => void): string {
    this.out = '';
    try {
      f();
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
    }
    return this.out;
  }

  private p(s: string): void {
    this.out += s;
  }

  private trunc(proto: string): never {
    this.out += ` [|${proto}]`;
    throw new Truncated();
  }

  // ---- names -------------------------------------------------------------------------

  private ip(buf: Uint8Array, off: number): string {
    const a = readU32(buf, off);
    if (!this.opts.numeric) {
      const name = this.opts.hostNames?.get(a);
      if (name !== undefined) return name;
    }
    return formatIpv4(a);
  }

  private mac(buf: Uint8Array, off: number): string {
    const bytes = Array.from(buf.subarray(off, off + 6), (b) => hex(b, 2));
    const text = bytes.join(':');
    if (this.opts.numeric) return text;
    if (text === 'ff:ff:ff:ff:ff:ff') return 'Broadcast';
    const oui = (buf[off] << 16) | (buf[off + 1] << 8) | buf[off + 2];
    return `${text} (oui ${OUI_VALUES[oui] ?? 'Unknown'})`;
  }

  private port(proto: 'tcp' | 'udp', port: number): string {
    return portName(proto, port, this.opts.numeric);
  }

  // ---- link layer --------------------------------------------------------------------

  /** ether_print: `length` is the frame's length on the wire, `end` where captured bytes stop. */
  private etherPrint(buf: Uint8Array, off: number, length: number, end: number): void {
    const o = this.opts;
    if (end - off < ETH_HLEN) this.trunc('ether');
    const src = this.mac(buf, off + 6);
    const dst = this.mac(buf, off);
    if (o.link) this.p(`${src} > ${dst}, `);
    let type = readU16(buf, off + 12);
    if (o.link) {
      this.p(type <= MAX_ETHERNET_LENGTH_VAL ? `802.3` : this.etherTypeText(type));
      this.p(`, length ${length}: `);
    }
    let p = off + ETH_HLEN;
    let len = length - ETH_HLEN;
    while (VLAN_TPIDS.has(type)) {
      if (end - p < 4) this.trunc('ether');
      const tci = readU16(buf, p);
      if (o.link) this.p(`vlan ${tci & 0xfff}, p ${tci >>> 13}${tci & 0x1000 ? ', DEI' : ''}, `);
      type = readU16(buf, p + 2);
      if (o.link && type > MAX_ETHERNET_LENGTH_VAL) this.p(`${this.etherTypeText(type)}, `);
      p += 4;
      len -= 4;
    }
    if (!this.ethertypePrint(type, buf, p, len, end)) {
      if (!o.link) this.p(`${src} > ${dst}, ${this.etherTypeText(type)}, length ${length}: `);
      this.hexPrint(buf, p, end);
    }
  }

  private etherTypeText(type: number): string {
    const name = ETHERTYPE_VALUES[type];
    if (this.opts.quiet) return name ?? `Unknown Ethertype (0x${hex(type, 4)})`;
    return `ethertype ${name ?? 'Unknown'} (0x${hex(type, 4)})`;
  }

  /** Returns false for an EtherType tcpdump would hand to a dissector this printer lacks. */
  private ethertypePrint(type: number, buf: Uint8Array, off: number, length: number, end: number): boolean {
    if (type === ETHERTYPE_IPV4) this.ipPrint(buf, off, length, end);
    else if (type === ETHERTYPE_ARP) this.arpPrint(buf, off, length, end);
    else return false;
    return true;
  }

  /**
   * ND_DEFAULTPRINT (hex_and_ascii_print): "\n\t0x0000:  0001 0203 ...  ascii" lines of 16
   * bytes, the hex column padded to 40 characters, non-graphic bytes shown as ".".
   */
  private hexPrint(buf: Uint8Array, off: number, end: number): void {
    // -q sets ndo_suppress_default_print: unknown payloads are not dumped at all.
    if (this.opts.quiet) return;
    const length = Math.max(0, end - off);
    const graph = (c: number): string => (c > 0x20 && c < 0x7f ? String.fromCharCode(c) : '.');
    let hexs = '';
    let asc = '';
    let oset = 0;
    const flush = (): void => {
      this.p(`\n\t0x${hex(oset, 4)}: ${hexs.padEnd(40)}  ${asc}`);
      hexs = '';
      asc = '';
      oset += 16;
    };
    for (let i = 0; i + 1 < length; i += 2) {
      hexs += ` ${hex(buf[off + i], 2)}${hex(buf[off + i + 1], 2)}`;
      asc += graph(buf[off + i]) + graph(buf[off + i + 1]);
      if (hexs.length >= 40) flush();
    }
    if (length & 1) {
      hexs += ` ${hex(buf[off + length - 1], 2)}`;
      asc += graph(buf[off + length - 1]);
    }
    if (hexs !== '') flush();
  }

  // ---- ARP ---------------------------------------------------------------------------

  private arpPrint(buf: Uint8Array, off: number, length: number, end: number): void {
    const o = this.opts;
    if (end - off < 8) this.trunc('arp');
    const hrd = readU16(buf, off);
    const pro = readU16(buf, off + 2);
    const hln = buf[off + 4];
    const pln = buf[off + 5];
    const op = readU16(buf, off + 6);
    const sha = off + 8;
    const spa = sha + hln;
    const tha = spa + pln;
    const tpa = tha + hln;
    if (end < tpa + pln) this.trunc('arp');
    if (!o.link) this.p('ARP, ');
    if (o.verbose) {
      const h = hrd === 1 ? 'Ethernet' : `Unknown Hardware (${hrd})`;
      this.p(`${h} (len ${hln}), ${ETHERTYPE_VALUES[pro] ?? `Unknown Protocol (0x${hex(pro, 4)})`} (len ${pln})`);
    }
    if (pro !== ETHERTYPE_IPV4 || pln !== 4 || hln === 0) {
      this.p(`, length ${length}`);
      return;
    }
    const opName = ARPOP_VALUES[op];
    this.p(`${o.verbose ? ', ' : ''}${opName ?? `Unknown (${op})`} `);
    const linkaddr = (at: number): string =>
      hln === 6 ? this.mac(buf, at) : Array.from(buf.subarray(at, at + hln), (b) => hex(b, 2)).join(':');
    if (op === 1) {
      this.p(`who-has ${this.ip(buf, tpa)}`);
      if (buf.subarray(tha, tha + hln).some((b) => b !== 0)) this.p(` (${linkaddr(tha)})`);
      this.p(` tell ${this.ip(buf, spa)}`);
    } else if (op === 2) {
      this.p(`${this.ip(buf, spa)} is-at ${linkaddr(sha)}`);
    } else {
      // The reverse/inverse operations are not modelled: tcpdump's raw dump, no length.
      this.hexPrint(buf, off, end);
      return;
    }
    this.p(`, length ${length}`);
  }

  // ---- IPv4 --------------------------------------------------------------------------

  /** ip_print: `length` is what the link layer says is there, `end` where captured bytes stop. */
  private ipPrint(buf: Uint8Array, off: number, length: number, end: number): void {
    const o = this.opts;
    if (end - off < 1) this.trunc('ip');
    const ver = buf[off] >>> 4;
    if (ver !== 4) {
      this.p(ver === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${ver}`);
      this.p(' (invalid)');
      return;
    }
    if (!o.link) this.p('IP ');
    if (end - off < 20) this.trunc('ip');
    if (length < 20) {
      this.p(`truncated-ip ${length}`);
      return;
    }
    const hlen = (buf[off] & 0x0f) * 4;
    if (hlen < 20) {
      this.p(`bad-hlen ${hlen}`);
      return;
    }
    const totalLength = readU16(buf, off + 2);
    if (length < totalLength) this.p(`truncated-ip - ${totalLength - length} bytes missing! `);
    if (totalLength < hlen) {
      this.p(`bad-len ${totalLength}`);
      return;
    }
    // The IP datagram ends the captured data (Ethernet padding is not part of it).
    const ipEnd = Math.min(end, off + totalLength);
    const len = totalLength - hlen;
    const flagsOff = readU16(buf, off + 6);
    const proto = buf[off + 9];
    if (o.verbose) {
      const tos = buf[off + 1];
      let s = `(tos 0x${hex(tos)}`;
      s += ['', ',ECT(1)', ',ECT(0)', ',CE'][tos & 0x03];
      const ttl = buf[off + 8];
      if (ttl >= 1) s += `, ttl ${ttl}`;
      const flags = [flagsOff & 0x2000 ? '+' : '', flagsOff & 0x4000 ? 'DF' : '', flagsOff & 0x8000 ? 'rsvd' : ''].filter((f) => f !== '');
      s += `, id ${readU16(buf, off + 4)}, offset ${(flagsOff & 0x1fff) * 8}, flags [${flags.length > 0 ? flags.join(', ') : 'none'}]`;
      s += `, proto ${ipProtoValue(proto)} (${proto}), length ${totalLength}`;
      if (hlen > 20) s += `, options (${this.ipOptions(buf, off + 20, off + hlen)})`;
      if (off + hlen <= ipEnd) {
        const sum = internetChecksum(buf, off, hlen);
        if (sum !== 0) {
          const field = readU16(buf, off + 10);
          s += `, bad cksum ${hex(field)} (->${hex(cksumShouldBe(field, sum))})!`;
        }
      }
      this.p(`${s})\n    `);
    }
    if ((flagsOff & 0x1fff) === 0) {
      if (proto !== 6 && proto !== 17 && proto !== 132 && proto !== 33) this.p(`${this.ip(buf, off + 12)} > ${this.ip(buf, off + 16)}: `);
      if (ipEnd - off < hlen) {
        this.p(` [remaining caplen(${ipEnd - off}) < header length(${hlen})]`);
        throw new Truncated();
      }
      this.ipDemux(buf, off, off + hlen, len, (flagsOff & 0x2000) !== 0, proto, ipEnd);
    } else {
      // A later fragment has no transport header: addresses and the protocol only.
      this.p(`${this.ip(buf, off + 12)} > ${this.ip(buf, off + 16)}:`);
      const name = o.numeric ? undefined : protocolName(proto);
      this.p(name !== undefined ? ` ${name}` : ` ip-proto-${proto}`);
    }
  }

  /** ip_optprint, for the options the simulator might see; others by number. */
  private ipOptions(buf: Uint8Array, off: number, end: number): string {
    const parts: string[] = [];
    let i = off;
    while (i < end) {
      const opt = buf[i];
      if (opt === 0) {
        parts.push('EOL');
        i++;
        continue;
      }
      if (opt === 1) {
        parts.push('NOP');
        i++;
        continue;
      }
      const olen = i + 1 < end ? buf[i + 1] : 0;
      if (olen < 2) {
        parts.push(`[bad length ${olen}]`);
        break;
      }
      if (opt === 148) {
        const value = i + 4 <= end ? readU16(buf, i + 2) : 0;
        parts.push(value !== 0 ? `RA value ${value}` : 'RA');
      } else parts.push(`unknown ${opt}`);
      i += olen;
    }
    return parts.join(',');
  }

  private ipDemux(buf: Uint8Array, ipOff: number, off: number, length: number, fragmented: boolean, proto: number, end: number): void {
    switch (proto) {
      case 1:
        this.icmpPrint(buf, off, length, fragmented, end);
        return;
      case 6:
        this.tcpPrint(buf, ipOff, off, length, fragmented, end);
        return;
      case 17:
        this.udpPrint(buf, ipOff, off, length, fragmented, end);
        return;
      default: {
        const name = this.opts.numeric ? undefined : protocolName(proto);
        this.p(name !== undefined ? ` ${name}` : ` ip-proto-${proto}`);
        this.p(` ${length}`);
      }
    }
  }

  // ---- ICMP --------------------------------------------------------------------------

  private icmpPrint(buf: Uint8Array, off: number, plen: number, fragmented: boolean, end: number): void {
    const o = this.opts;
    const need = (n: number): void => {
      if (end - off < n) this.trunc('icmp');
    };
    need(2);
    const type = buf[off];
    const code = buf[off + 1];
    const quotedDst = (): string => {
      need(8 + 20);
      return this.ip(buf, off + 8 + 16);
    };
    let str: string;
    switch (type) {
      case 0:
      case 8:
        need(8);
        str = `echo ${type === 8 ? 'request' : 'reply'}, id ${readU16(buf, off + 4)}, seq ${readU16(buf, off + 6)}`;
        break;
      case 3:
        str = this.unreachText(buf, off, code, quotedDst, need);
        break;
      case 5: {
        need(8 + 20);
        const gw = this.ip(buf, off + 4);
        const fmt = REDIRECT_TEXT[code] ?? `redirect-#${code} %s to %s`;
        str = fmt.replace('%s', quotedDst()).replace('%s', gw);
        break;
      }
      case 11:
        need(8 + 20);
        str = code === 0 ? 'time exceeded in-transit' : code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${code}`;
        break;
      case 12:
        if (code !== 0) str = `parameter problem - code ${code}`;
        else {
          need(5);
          str = `parameter problem - octet ${buf[off + 4]}`;
        }
        break;
      case 13:
        need(8);
        str = `time stamp query id ${readU16(buf, off + 4)} seq ${readU16(buf, off + 6)}`;
        break;
      case 18:
        need(12);
        str = `address mask is 0x${hex(readU32(buf, off + 8), 8)}`;
        break;
      default:
        str = ICMP_INFO_TEXT[type] ?? `type-#${type}`;
    }
    this.p(`ICMP ${str}, length ${plen}`);
    if (o.verbose && !fragmented && end - off >= plen) {
      const sum = internetChecksum(buf, off, plen);
      if (sum !== 0) {
        const field = readU16(buf, off + 2);
        this.p(` (wrong icmp cksum ${hex(field)} (->${hex(cksumShouldBe(field, sum))})!)`);
      }
    }
    if (o.verbose && ICMP_ERROR_TYPES.has(type)) {
      // The quoted datagram, printed as a packet of its own on the next line.
      const q = off + 8;
      this.p('\n\t');
      if (end - q < 4) this.trunc('ip');
      const qlen = readU16(buf, q + 2);
      this.ipPrint(buf, q, qlen, Math.min(end, q + qlen));
    }
  }

  private unreachText(buf: Uint8Array, off: number, code: number, quotedDst: () => string, need: (n: number) => void): string {
    const dst = quotedDst();
    if (code === 2) return `${dst} protocol ${buf[off + 8 + 9]} unreachable`;
    if (code === 3) {
      const q = off + 8;
      const hl = (buf[q] & 0x0f) * 4;
      need(8 + hl + 4);
      const dport = readU16(buf, q + hl + 2);
      const proto = buf[q + 9];
      if (proto === 6) return `${dst} tcp port ${this.port('tcp', dport)} unreachable`;
      if (proto === 17) return `${dst} udp port ${this.port('udp', dport)} unreachable`;
      return `${dst} protocol ${proto} port ${dport} unreachable`;
    }
    if (code === 4) {
      const mtu = readU16(buf, off + 6);
      return mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
    }
    const fmt = UNREACH_TEXT[code];
    return fmt !== undefined ? fmt.replace('%s', dst) : `${dst} unreachable - #${code}`;
  }

  // ---- TCP ---------------------------------------------------------------------------

  private tcpPrint(buf: Uint8Array, ipOff: number, off: number, length: number, fragmented: boolean, end: number): void {
    const o = this.opts;
    const srcIp = this.ip(buf, ipOff + 12);
    const dstIp = this.ip(buf, ipOff + 16);
    if (end - off < 4) {
      this.p(`${srcIp} > ${dstIp}:`);
      this.trunc('tcp');
    }
    const sport = readU16(buf, off);
    const dport = readU16(buf, off + 2);
    this.p(`${srcIp}.${this.port('tcp', sport)} > ${dstIp}.${this.port('tcp', dport)}: `);
    if (end - off < 20) this.trunc('tcp');
    const hlen = (buf[off + 12] >>> 4) * 4;
    if (hlen < 20) {
      this.p(` tcp ${length - hlen} [bad hdr length ${hlen} - too short, < 20]`);
      return;
    }
    let seq = readU32(buf, off + 4);
    let ack = readU32(buf, off + 8);
    const win = readU16(buf, off + 14);
    const urp = readU16(buf, off + 18);
    if (o.quiet) {
      this.p(`tcp ${length - hlen}`);
      if (hlen > length) this.p(` [bad hdr length ${hlen} - too long, > ${length}]`);
      return;
    }
    const flags = buf[off + 13];
    let letters = '';
    for (const [bit, l] of TCP_FLAG_LETTERS) if (flags & bit) letters += l;
    this.p(`Flags [${letters === '' ? 'none' : letters}]`);
    // The conversation's initial numbers, which SACK blocks are shown relative to as well.
    let thseq = 0;
    let thack = 0;
    let rev = false;
    if (flags & TH_ACK && !o.absoluteSeq) {
      // One entry per conversation, keyed in a fixed order so both directions share it.
      const srcA = readU32(buf, ipOff + 12);
      const dstA = readU32(buf, ipOff + 16);
      rev = sport > dport || (sport === dport && srcA > dstA);
      const key = rev ? `${dstA}:${srcA}:${dport}:${sport}` : `${srcA}:${dstA}:${sport}:${dport}`;
      const th = this.tcpIsn.get(key);
      if (th === undefined || flags & TH_SYN) {
        this.tcpIsn.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      } else if (rev) {
        seq = (seq - th.ack) >>> 0;
        ack = (ack - th.seq) >>> 0;
      } else {
        seq = (seq - th.seq) >>> 0;
        ack = (ack - th.ack) >>> 0;
      }
      const cur = this.tcpIsn.get(key)!;
      thseq = cur.seq;
      thack = cur.ack;
    }
    if (hlen > length) {
      this.p(` [bad hdr length ${hlen} - too long, > ${length}]`);
      return;
    }
    if (o.verbose && !fragmented && end - off >= length) {
      const initial = pseudoHeaderSum(ipv4(readU32(buf, ipOff + 12)), ipv4(readU32(buf, ipOff + 16)), 6, length);
      const sum = ~onesComplementSum(buf, off, length, initial) & 0xffff;
      const field = readU16(buf, off + 16);
      this.p(`, cksum 0x${hex(field, 4)}`);
      this.p(sum !== 0 ? ` (incorrect -> 0x${hex(cksumShouldBe(field, sum), 4)})` : ' (correct)');
    }
    const dataLen = length - hlen;
    if (o.verbose > 1 || dataLen > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
      this.p(`, seq ${seq}`);
      if (dataLen > 0) this.p(`:${(seq + dataLen) >>> 0}`);
    }
    if (flags & TH_ACK) this.p(`, ack ${ack}`);
    this.p(`, win ${win}`);
    if (flags & TH_URG) this.p(`, urg ${urp}`);
    if (hlen > 20) {
      this.p(', options [');
      if (!this.tcpOptions(buf, off + 20, hlen - 20, end, rev ? thseq : thack)) return;
      this.p(']');
    }
    this.p(`, length ${dataLen}`);
    if (dataLen <= 0) return;
    if (end - off < hlen) {
      this.p(` [remaining caplen(${end - off}) < header length(${hlen})]`);
      throw new Truncated();
    }
    const data = off + hlen;
    if (flags & TH_RST && o.verbose) {
      this.rstData(buf, data, dataLen, end);
      return;
    }
    if (HTTP_PORTS.has(sport) || HTTP_PORTS.has(dport)) {
      this.p(': ');
      this.txtproto(buf, data, Math.min(dataLen, end - data), 'HTTP');
    } else if (sport === NAMESERVER_PORT || dport === NAMESERVER_PORT) {
      this.domainPrint(buf, data, dataLen, end, true, false);
    }
  }

  /** print_tcp_rst_data: RFC 1122 lets a RST carry text; up to 30 bytes, control characters as ^X. */
  private rstData(buf: Uint8Array, off: number, length: number, end: number): void {
    this.p(off + length <= end ? ' [RST' : ' [!RST');
    let n = length;
    if (n > 30) {
      n = 30;
      this.p('+');
    }
    this.p(' ');
    for (let i = 0; i < n && off + i < end; i++) this.p(printChar(buf[off + i]));
    this.p(']');
  }

  /** Returns false after "[bad opt]" (the line then ends there, as in tcpdump). */
  private tcpOptions(buf: Uint8Array, off: number, hlenIn: number, end: number, sackBase: number): boolean {
    let hlen = hlenIn;
    let cp = off;
    let first = true;
    const bad = (): false => {
      this.p('[bad opt]');
      if (!first) this.p(']');
      return false;
    };
    while (hlen > 0) {
      if (!first) this.p(',');
      if (cp >= end) this.trunc('tcp');
      const opt = buf[cp++];
      let len: number;
      if (opt === 0 || opt === 1) len = 1;
      else {
        if (cp >= end) this.trunc('tcp');
        len = buf[cp++];
        if (len < 2 || len > hlen) return bad();
        hlen--;
      }
      hlen--;
      let datalen = 0;
      const lencheck = (l: number): boolean => {
        if (l > hlen) return false;
        if (cp + l > end) this.trunc('tcp');
        return true;
      };
      this.p(TCP_OPTION_NAMES[opt] ?? `unknown-${opt}`);
      switch (opt) {
        case 2:
          datalen = 2;
          if (!lencheck(datalen)) return bad();
          this.p(` ${readU16(buf, cp)}`);
          break;
        case 3:
          datalen = 1;
          if (!lencheck(datalen)) return bad();
          this.p(` ${buf[cp]}`);
          break;
        case 5:
          datalen = len - 2;
          if (datalen % 8 !== 0) this.p(' invalid sack');
          else {
            this.p(` ${datalen / 8} `);
            for (let i = 0; i < datalen; i += 8) {
              if (!lencheck(i + 8)) return bad();
              this.p(`{${(readU32(buf, cp + i) - sackBase) >>> 0}:${(readU32(buf, cp + i + 4) - sackBase) >>> 0}}`);
            }
          }
          break;
        case 6:
        case 7:
        case 11:
        case 12:
        case 13:
          datalen = 4;
          if (!lencheck(datalen)) return bad();
          this.p(` ${readU32(buf, cp)}`);
          break;
        case 8:
          datalen = 8;
          if (!lencheck(datalen)) return bad();
          this.p(` val ${readU32(buf, cp)} ecr ${readU32(buf, cp + 4)}`);
          break;
        case 0:
        case 1:
        case 4:
          break;
        default:
          datalen = len - 2;
          if (datalen) this.p(' 0x');
          for (let i = 0; i < datalen; i++) {
            if (!lencheck(i + 1)) return bad();
            this.p(hex(buf[cp + i], 2));
          }
      }
      cp += datalen;
      hlen -= datalen;
      datalen++;
      if (opt !== 0 && opt !== 1) datalen++;
      if (datalen !== len) this.p(`[len ${len}]`);
      first = false;
      if (opt === 0) break;
    }
    return true;
  }

  /**
   * txtproto_print for HTTP: "HTTP" alone unless the data starts with a request or a status
   * line; then that first line (with -v, every text line on its own tab-indented line).
   */
  private txtproto(buf: Uint8Array, off: number, len: number, name: string): void {
    const token = (from: number): { text: string; next: number } | null => {
      let i = from;
      let text = '';
      for (; i < len; i++) {
        const c = buf[off + i];
        if (c >= 0x80) return null;
        if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
        if (!isPrintableAscii(c)) return null;
        if (text.length + 2 > 129) return null;
        text += String.fromCharCode(c);
      }
      if (text === '') return null;
      for (; i < len; i++) {
        const c = buf[off + i];
        if (c === 0x0d || c === 0x0a || !isPrintableAscii(c) || (c !== 0x20 && c !== 0x09)) break;
      }
      return { text, next: i };
    };
    let show = false;
    const t1 = token(0);
    if (t1 !== null) {
      if (HTTP_COMMANDS.has(t1.text.toUpperCase())) show = true;
      const t2 = token(t1.next);
      if (t2 !== null && /^\d{3}$/.test(t2.text)) show = true;
    }
    this.p(name);
    if (!show) return;
    /** print_txt_line: one line without its CR-LF; 0 when the data is not a text line. */
    const line = (prefix: string, start: number): number => {
      for (let i = start; i < len; i++) {
        const c = buf[off + i];
        if (c === 0x0a) {
          this.p(prefix + this.ascii(buf, off + start, off + i));
          return i + 1;
        }
        if (c === 0x0d) {
          if (i + 1 >= len) return 0;
          if (buf[off + i + 1] === 0x0a) {
            this.p(prefix + this.ascii(buf, off + start, off + i));
            return i + 2;
          }
          return 0;
        }
        if (!isPrintableAscii(c) && c !== 0x09) return 0;
      }
      this.p(prefix + this.ascii(buf, off + start, off + len));
      this.trunc(name.toLowerCase());
    };
    if (this.opts.verbose) {
      this.p(`, length: ${len}`);
      for (let idx = 0; idx < len; ) {
        const eol = line('\n\t', idx);
        if (eol === 0) break;
        idx = eol;
      }
    } else line(': ', 0);
  }

  private ascii(buf: Uint8Array, from: number, to: number): string {
    return String.fromCharCode(...buf.subarray(from, to));
  }

  // ---- DNS ---------------------------------------------------------------------------

  /**
   * domain_print: one line per message. Queries: "id[+][%] [counts] TYPE? name. (len)";
   * responses: "id[op][rcode][*][-][|][$] an/ns/ar RECORD, RECORD (len)". With -v each
   * answer is preceded by its owner name. The message is read from `off` to `off + length`.
   */
  private domainPrint(buf: Uint8Array, off: number, lengthIn: number, endIn: number, overTcp: boolean, mdns: boolean): void {
    let length = lengthIn;
    let bp = off;
    // The DNS message ends the captured data; names must not be read past it.
    const end = Math.min(endIn, off + lengthIn);
    if (overTcp) {
      if (length < 2) {
        this.p(` [DNS over TCP: length ${length} < 2] (invalid)`);
        return;
      }
      length -= 2;
      if (end - bp < 2) this.trunc('domain');
      const prefix = readU16(buf, bp);
      if (prefix !== length) {
        this.p(` [prefix length(${prefix}) != length(${length})] (invalid)`);
        return;
      }
      bp += 2;
      this.p(' ');
    }
    if (length < 12) {
      this.p(`domain [length ${length} < 12] (invalid)`);
      return;
    }
    if (end - bp < 12) this.trunc('domain');
    const id = readU16(buf, bp);
    const flags = readU16(buf, bp + 2);
    let qd = readU16(buf, bp + 4);
    const an = readU16(buf, bp + 6);
    const ns = readU16(buf, bp + 8);
    const ar = readU16(buf, bp + 10);
    const opcode = (flags >>> 11) & 0x0f;
    let rcode = flags & 0x0f;
    // The extended RCODE lives in the OPT record's TTL: find it first.
    rcode |= this.dnsExtendedRcode(buf, bp, end, qd, an, ns, ar);
    const t = (): never => this.trunc('domain');
    let cp = bp + 12;
    if (flags & 0x8000) {
      this.p(`${id}${DNS_OPS[opcode]}${rcode < DNS_RCODES.length ? DNS_RCODES[rcode] : ` Resp${rcode & 0xfff}`}`);
      this.p(`${flags & 0x0400 ? '*' : ''}${flags & 0x0080 ? '' : '-'}${flags & 0x0200 ? '|' : ''}${flags & 0x0020 ? '$' : ''}`);
      if (qd !== 1) this.p(` [${qd}q]`);
      for (let i = 0; i < qd; i++) {
        if (i !== 0) this.p(',');
        if (this.opts.verbose > 1) {
          this.p(' q:');
          cp = this.dnsQuestion(buf, cp, bp, end, mdns) ?? t();
        } else {
          cp = this.dnsSkipName(buf, cp, end) ?? t();
          cp += 4;
        }
      }
      this.p(` ${an}/${ns}/${ar}`);
      cp = this.dnsRecords(buf, cp, bp, end, an, '', mdns) ?? t();
      if (this.opts.verbose > 1) {
        cp = this.dnsRecords(buf, cp, bp, end, ns, ' ns:', mdns) ?? t();
        if (this.dnsRecords(buf, cp, bp, end, ar, ' ar:', mdns) === null) t();
      }
    } else {
      this.p(`${id}${DNS_OPS[opcode]}${flags & 0x0100 ? '+' : ''}${flags & 0x0010 ? '%' : ''}`);
      if (flags & 0x6cf) this.p(` [b2&3=0x${hex(flags)}]`);
      if (opcode === 1) {
        if (qd) this.p(` [${qd}q]`);
        if (an !== 1) this.p(` [${an}a]`);
      } else {
        if (an) this.p(` [${an}a]`);
        if (qd !== 1) this.p(` [${qd}q]`);
      }
      if (ns) this.p(` [${ns}n]`);
      if (ar) this.p(` [${ar}au]`);
      for (; qd > 0; qd--) {
        if (cp >= end && qd > 0) t();
        cp = this.dnsQuestion(buf, cp, bp, end, mdns) ?? t();
      }
      if (this.opts.verbose > 1) {
        cp = this.dnsRecords(buf, cp, bp, end, an, '', mdns) ?? t();
        cp = this.dnsRecords(buf, cp, bp, end, ns, ' ns:', mdns) ?? t();
        if (this.dnsRecords(buf, cp, bp, end, ar, ' ar:', mdns) === null) t();
      }
    }
    this.p(` (${length})`);
  }

  /** The upper 8 bits of the RCODE from an OPT record, or 0 (the walk tcpdump does first). */
  private dnsExtendedRcode(buf: Uint8Array, bp: number, end: number, qd: number, an: number, ns: number, ar: number): number {
    let cp: number | null = bp + 12;
    for (let i = 0; i < qd; i++) {
      cp = this.dnsSkipName(buf, cp, end);
      if (cp === null) return 0;
      cp += 4;
      if (cp >= end) return 0;
    }
    for (let i = 0; i < an + ns; i++) {
      cp = this.dnsSkipName(buf, cp, end);
      if (cp === null) return 0;
      cp += 8;
      if (cp + 2 > end) return 0;
      cp += 2 + readU16(buf, cp);
      if (cp >= end) return 0;
    }
    for (let i = 0; i < ar; i++) {
      cp = this.dnsSkipName(buf, cp, end);
      if (cp === null || cp + 2 > end) return 0;
      const type = readU16(buf, cp);
      cp += 4;
      if (cp + 1 > end) return 0;
      if (type === 41) return buf[cp] << 4;
      cp += 4;
      if (cp + 2 > end) return 0;
      cp += 2 + readU16(buf, cp);
      if (cp >= end) return 0;
    }
    return 0;
  }

  /** ns_nskip: past a name (a compression pointer ends it); null when it runs off the data. */
  private dnsSkipName(buf: Uint8Array, start: number, end: number): number | null {
    let cp = start;
    if (cp >= end) return null;
    let i = buf[cp++];
    while (i) {
      if ((i & 0xc0) === 0xc0) return cp + 1;
      if ((i & 0xc0) === 0x40) return null;
      cp += i;
      if (cp >= end) return null;
      i = buf[cp++];
    }
    return cp;
  }

  /** fqdn_print: "www.example.com." following pointers; returns the offset after the name. */
  private dnsName(buf: Uint8Array, start: number, bp: number, end: number): number | null {
    let cp = start;
    if (cp >= end) return null;
    let i = buf[cp++];
    let rp: number | null = null;
    let processed = 1;
    const dataSize = end - bp;
    let text = '';
    if ((i & 0xc0) !== 0xc0) rp = cp + i;
    let compressed = (i & 0xc0) === 0xc0;
    if (i === 0) {
      this.p('.');
      return cp;
    }
    while (i) {
      if ((i & 0xc0) === 0xc0) {
        if (!compressed || rp === null) {
          rp = cp + 1;
          compressed = true;
        }
        if (cp >= end) return null;
        cp = bp + (((i << 8) | buf[cp]) & 0x3fff);
        if (cp >= end) return null;
        i = buf[cp++];
        processed++;
        if (processed >= dataSize) {
          this.p(text + '<LOOP>');
          return null;
        }
        continue;
      }
      if ((i & 0xc0) === 0x40) {
        this.p(`${text}<ELT ${i & 0x3f}>`);
        return null;
      }
      if (cp + i > end) {
        this.p(text);
        return null;
      }
      for (let k = 0; k < i; k++) text += printChar(buf[cp + k]);
      cp += i;
      processed += i;
      text += '.';
      if (cp >= end) {
        this.p(text);
        return null;
      }
      i = buf[cp++];
      processed++;
      if (!compressed) rp = (rp ?? 0) + i + 1;
    }
    this.p(text);
    return rp;
  }

  /** ns_qprint: " TYPE[ CLASS][ (QU)]? name." */
  private dnsQuestion(buf: Uint8Array, start: number, bp: number, end: number, mdns: boolean): number | null {
    const cp = this.dnsSkipName(buf, start, end);
    if (cp === null || cp + 4 > end) return null;
    const type = readU16(buf, cp);
    const raw = readU16(buf, cp + 2);
    const cls = mdns ? raw & 0x7fff : raw;
    this.p(` ${dnsTypeName(type)}`);
    if (cls !== 1) this.p(` ${DNS_CLASSES[cls] ?? `(Class ${cls})`}`);
    if (mdns) this.p(raw & 0x8000 ? ' (QU)' : ' (QM)');
    this.p('? ');
    return this.dnsName(buf, start, bp, end) === null ? null : cp + 4;
  }

  /** `count` resource records, comma-separated, after `label` (" ns:", " ar:" or nothing). */
  private dnsRecords(buf: Uint8Array, start: number, bp: number, end: number, count: number, label: string, mdns: boolean): number | null {
    let cp = start;
    if (count === 0) return cp;
    if (label !== '') {
      if (cp >= end) return null;
      this.p(label);
    }
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        if (cp >= end) return null;
        this.p(',');
      }
      const next = this.dnsRecord(buf, cp, bp, end, mdns);
      if (next === null) return null;
      cp = next;
    }
    return cp;
  }

  /** ns_rprint: one record; returns where the next starts (past the rdata). */
  private dnsRecord(buf: Uint8Array, start: number, bp: number, end: number, mdns: boolean): number | null {
    let cp: number | null;
    if (this.opts.verbose) {
      this.p(' ');
      cp = this.dnsName(buf, start, bp, end);
    } else cp = this.dnsSkipName(buf, start, end);
    if (cp === null || cp + 10 > end) return end;
    const type = readU16(buf, cp);
    const raw = readU16(buf, cp + 2);
    const cls = mdns ? raw & 0x7fff : raw;
    if (cls !== 1 && type !== 41) this.p(` ${DNS_CLASSES[cls] ?? `(Class ${cls})`}`);
    if (mdns && raw & 0x8000) this.p(' (Cache flush)');
    const optFlags = readU16(buf, cp + 6);
    const len = readU16(buf, cp + 8);
    cp += 10;
    const rp = cp + len;
    this.p(` ${dnsTypeName(type)}`);
    if (rp > end) return null;
    switch (type) {
      case 1:
        if (len < 4) return null;
        this.p(` ${formatIpv4(readU32(buf, cp))}`);
        break;
      case 2:
      case 5:
      case 12:
      case 39:
        this.p(' ');
        if (this.dnsName(buf, cp, bp, end) === null) return null;
        break;
      case 6: {
        if (!this.opts.verbose) break;
        this.p(' ');
        let c = this.dnsName(buf, cp, bp, end);
        if (c === null) return null;
        this.p(' ');
        c = this.dnsName(buf, c, bp, end);
        if (c === null || c + 20 > end) return null;
        for (let k = 0; k < 5; k++) this.p(` ${readU32(buf, c + 4 * k)}`);
        break;
      }
      case 15:
        this.p(' ');
        if (cp + 2 > end || this.dnsName(buf, cp + 2, bp, end) === null) return null;
        this.p(` ${readU16(buf, cp)}`);
        break;
      case 16: {
        let c = cp;
        while (c < rp) {
          this.p(' "');
          const n = buf[c];
          if (c + 1 + n > end) return null;
          for (let k = 0; k < n; k++) this.p(printChar(buf[c + 1 + k]));
          c += 1 + n;
          this.p('"');
        }
        break;
      }
      case 33:
        this.p(' ');
        if (cp + 6 > end || this.dnsName(buf, cp + 6, bp, end) === null) return null;
        this.p(`:${readU16(buf, cp + 4)} ${readU16(buf, cp)} ${readU16(buf, cp + 2)}`);
        break;
      case 28:
        if (len < 16) return null;
        this.p(` ${formatIpv6(buf, cp)}`);
        break;
      case 41:
        this.p(` UDPsize=${cls}`);
        if (optFlags & 0x8000) this.p(' DO');
        break;
    }
    return rp;
  }

  // ---- UDP ---------------------------------------------------------------------------

  private udpPrint(buf: Uint8Array, ipOff: number, off: number, length: number, fragmented: boolean, end: number): void {
    const o = this.opts;
    const srcIp = this.ip(buf, ipOff + 12);
    const dstIp = this.ip(buf, ipOff + 16);
    if (end - off < 4) {
      this.p(`${srcIp} > ${dstIp}:`);
      this.trunc('udp');
    }
    const sport = readU16(buf, off);
    const dport = readU16(buf, off + 2);
    const addrs = (): void => this.p(`${srcIp}.${this.port('udp', sport)} > ${dstIp}.${this.port('udp', dport)}: `);
    if (length < 8) {
      addrs();
      this.p(`truncated-udp ${length}`);
      return;
    }
    if (end - off < 8) {
      addrs();
      this.trunc('udp');
    }
    let ulen = readU16(buf, off + 4);
    if (ulen < 8) {
      addrs();
      this.p(`truncated-udplength ${ulen}`);
      return;
    }
    ulen -= 8;
    let dataLen = length - 8;
    if (ulen < dataLen) dataLen = ulen;
    const data = off + 8;
    addrs();
    if (o.verbose > 1 && !fragmented) {
      const field = readU16(buf, off + 6);
      if (field === 0) this.p('[no cksum] ');
      else if (end - data >= dataLen) {
        const initial = pseudoHeaderSum(ipv4(readU32(buf, ipOff + 12)), ipv4(readU32(buf, ipOff + 16)), 17, dataLen + 8);
        const sum = ~onesComplementSum(buf, off, dataLen + 8, initial) & 0xffff;
        this.p(sum !== 0 ? `[bad udp cksum 0x${hex(field, 4)} -> 0x${hex(cksumShouldBe(field, sum), 4)}!] ` : '[udp sum ok] ');
      }
    }
    if (!o.quiet) {
      if (sport === NAMESERVER_PORT || dport === NAMESERVER_PORT) {
        this.domainPrint(buf, data, dataLen, end, false, false);
        return;
      }
      if (sport === MDNS_PORT || dport === MDNS_PORT) {
        this.domainPrint(buf, data, dataLen, end, false, true);
        return;
      }
      if (sport === VXLAN_PORT || dport === VXLAN_PORT) {
        this.vxlanPrint(buf, data, dataLen, end);
        return;
      }
    }
    if (ulen > dataLen && !fragmented) this.p(`UDP, bad length ${ulen} > ${dataLen}`);
    else this.p(`UDP, length ${ulen}`);
  }

  /** print-vxlan.c: the 8-byte header, then the inner frame on its own line. */
  private vxlanPrint(buf: Uint8Array, off: number, len: number, end: number): void {
    this.p('VXLAN');
    if (len < VXLAN_HLEN) {
      this.p(' (invalid)');
      return;
    }
    if (end - off < VXLAN_HLEN) this.trunc('vxlan');
    const flags = buf[off];
    this.p(`, flags [${flags & 0x08 ? 'I' : 'invalid'}] (0x${hex(flags, 2)}), `);
    const vni = (buf[off + 4] << 16) | (buf[off + 5] << 8) | buf[off + 6];
    this.p(`vni ${vni}\n`);
    this.etherPrint(buf, off + VXLAN_HLEN, len - VXLAN_HLEN, Math.min(end, off + len));
  }
}

/** ns_ops: the opcode as tcpdump names it after the id. */
const DNS_OPS = ['', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7', ' op8', ' updateA', ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef'];

/** ns_resp: RCODEs 0-22 (extended ones come from EDNS). */
const DNS_RCODES = [
  '', ' FormErr', ' ServFail', ' NXDomain', ' NotImp', ' Refused', ' YXDomain', ' YXRRSet', ' NXRRSet', ' NotAuth', ' NotZone',
  ' Resp11', ' Resp12', ' Resp13', ' Resp14', ' NoChange', ' BadVers', ' BadKey', ' BadTime', ' BadMode', ' BadName', ' BadAlg', ' BadTrunc',
];

/** ns_type2str (as built into tcpdump 4.99.3). */
const DNS_TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL', 11: 'WKS', 12: 'PTR',
  13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25', 20: 'ISDN', 21: 'RT', 22: 'NSAP',
  23: 'NSAP_PTR', 24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC',
  33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL',
  43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 99: 'SPF', 100: 'UINFO', 101: 'UID',
  102: 'GID', 103: 'UNSPEC', 104: 'UNSPECA', 249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB',
  254: 'MAILA', 255: 'ANY',
};

const DNS_CLASSES: Readonly<Record<number, string>> = { 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' };

function dnsTypeName(type: number): string {
  return DNS_TYPES[type] ?? `Type${type}`;
}


/**
 * The time stamp before each line, for the number of -t flags: 0 "HH:MM:SS.uuuuuu" (time of
 * day, UTC), 1 none, 2 "seconds.uuuuuu" since 1970, 3 " HH:MM:SS.uuuuuu" since the previous
 * packet, 4 "YYYY-MM-DD HH:MM:SS.uuuuuu", 5 like 3 but since the first packet.
 * Returns the stamp with its trailing space, or "" for -t.
 */
export class Stamper {
  private prev: [number, number] | null = null;
  private first: [number, number] | null = null;

  constructor(private readonly mode: number) {}

  stamp(sec: number, usec: number): string {
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const u6 = (n: number): string => String(n).padStart(6, '0');
    const hms = (s: number): string => `${p2(Math.floor(s / 3600) % 24)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
    const delta = (from: [number, number]): string => {
      let ds = sec - from[0];
      let du = usec - from[1];
      if (du < 0) {
        du += 1_000_000;
        ds -= 1;
      }
      return ` ${hms(ds)}.${u6(du)} `;
    };
    this.first ??= [sec, usec];
    switch (this.mode) {
      case 0:
        return `${hms(sec)}.${u6(usec)} `;
      case 1:
        return '';
      case 2:
        return `${sec}.${u6(usec)} `;
      case 3: {
        const s = delta(this.prev ?? [sec, usec]);
        this.prev = [sec, usec];
        return s;
      }
      case 4: {
        const d = new Date(sec * 1000);
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${hms(sec)}.${u6(usec)} `;
      }
      default:
        return delta(this.first);
    }
  }
}

/** tcpdump's default time stamp, "HH:MM:SS.uuuuuu", for virtual nanoseconds since midnight. */
export function formatTimestamp(ns: number): string {
  const us = Math.floor(ns / 1000);
  return new Stamper(0).stamp(Math.floor(us / 1_000_000), us % 1_000_000).trimEnd();
}
