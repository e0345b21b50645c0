import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cap from './captures.ts';

/** Frames of a classic little-endian pcap file (what `editcap -F pcap` writes). */
function readPcap(name: string): Uint8Array[] {
  const file = readFileSync(new URL(`./pcap/${name}`, import.meta.url));
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  expect(view.getUint32(0, true)).toBe(0xa1b2c3d4);
  expect(view.getUint32(20, true)).toBe(1); // LINKTYPE_ETHERNET
  const frames: Uint8Array[] = [];
  for (let off = 24; off < file.length; ) {
    const incl = view.getUint32(off + 8, true);
    frames.push(new Uint8Array(file.subarray(off + 16, off + 16 + incl)));
    off += 16 + incl;
  }
  return frames;
}

// The fixtures are transcriptions; this pins each one to the frame it was copied from.
describe('golden captures match the pcaps they were taken from', () => {
  const ping = readPcap('ping.pcap');
  const errs = readPcap('errors-frags.pcap');
  const udp = readPcap('udp.pcap');
  const tcp = readPcap('tcp.pcap');

  const cases: Array<[string, Uint8Array, Uint8Array]> = [
    ['ARP_REQUEST', cap.ARP_REQUEST, ping[0]],
    ['ARP_REPLY', cap.ARP_REPLY, ping[1]],
    ['ICMP_ECHO_REQUEST', cap.ICMP_ECHO_REQUEST, ping[2]],
    ['ICMP_ECHO_REPLY', cap.ICMP_ECHO_REPLY, ping[3]],
    ['UDP_CSUM_OFFLOADED', cap.UDP_CSUM_OFFLOADED, errs[0]],
    ['ICMP_ECHO_TTL1', cap.ICMP_ECHO_TTL1, errs[3]],
    ['ICMP_TIME_EXCEEDED', cap.ICMP_TIME_EXCEEDED, errs[4]],
    ['BIG_PING', cap.BIG_PING, errs[5]],
    ['ICMP_FRAG_NEEDED', cap.ICMP_FRAG_NEEDED, errs[6]],
    ['FRAGMENT_MF_1480', cap.FRAGMENT_MF_1480, errs[8]],
    ['UDP_HELLO', cap.UDP_HELLO, udp[0]],
    ['UDP_TO_CLOSED_PORT', cap.UDP_TO_CLOSED_PORT, udp[1]],
    ['ICMP_PORT_UNREACHABLE', cap.ICMP_PORT_UNREACHABLE, udp[2]],
    ['TCP_SYN_FULL_OPTIONS', cap.TCP_SYN_FULL_OPTIONS, tcp[0]],
    ['TCP_SYNACK_FULL_OPTIONS', cap.TCP_SYNACK_FULL_OPTIONS, tcp[1]],
    ['TCP_PSH_TS', cap.TCP_PSH_TS, tcp[3]],
    ['TCP_RST_ACK', cap.TCP_RST_ACK, tcp[9]],
    ['TCP_SYN_MSS', cap.TCP_SYN_MSS, tcp[10]],
    ['TCP_SYNACK_MSS', cap.TCP_SYNACK_MSS, tcp[11]],
    ['TCP_ACK', cap.TCP_ACK, tcp[12]],
    ['TCP_PSH', cap.TCP_PSH, tcp[13]],
    ['TCP_FIN', cap.TCP_FIN, tcp[15]],
  ];
  it.each(cases)('%s', (_name, fixture, frame) => {
    expect(cap.toHex(fixture)).toBe(cap.toHex(frame));
  });
});
