/**
 * Golden frames captured from the Linux 6.x kernel with tshark, not written by hand.
 *
 * Topology (network namespaces, veth pairs, fixed MACs):
 *
 *   A 10.0.0.1 (02:00:00:00:00:01) — (02:00:00:00:00:02) 10.0.0.2 R 10.0.1.2 (02:00:00:00:01:02)
 *                                                   — (02:00:00:00:01:01) 10.0.1.1 B
 *
 * R forwards; A and B route via R. Every frame was captured on A's interface with
 * `ip netns exec A tshark -i wt-a -w x.pcap` while running ping / OpenBSD nc, and the hex is
 * copied byte for byte from the pcap. TX checksum offload was turned off on A and B (ethtool's
 * ETHTOOL_STXCSUM ioctl) so TCP/UDP checksums are the full ones, except UDP_CSUM_OFFLOADED,
 * which keeps Linux's offload placeholder on purpose. tshark reported every IP/ICMP/UDP/TCP
 * checksum here as good. The pcaps themselves are in ./pcap (classic pcap format), and
 * captures.test.ts checks every constant below against them.
 *
 * Three large frames are stored as a captured prefix plus the data pattern ping fills its
 * payload with (after a 16-byte timestamp, byte i of the ICMP data is i & 0xff); the
 * reconstruction was checked byte for byte against the capture.
 */

/** Bytes from hex text; whitespace is ignored so dumps can be pasted as tshark -x shows them. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** ping's payload pattern: `n` bytes whose values continue from ICMP data index `start`. */
export function pingPattern(start: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (start + i) & 0xff;
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Offsets into a frame captured on Ethernet. */
export const L3 = 14;
export const L4 = 34;

/** ARP 42 Who has 10.0.0.2? Tell 10.0.0.1 */
export const ARP_REQUEST = hex(
  'ff ff ff ff ff ff 02 00 00 00 00 01 08 06 00 01' +
  '08 00 06 04 00 01 02 00 00 00 00 01 0a 00 00 01' +
  '00 00 00 00 00 00 0a 00 00 02',
);

/** ARP 42 10.0.0.2 is at 02:00:00:00:00:02 */
export const ARP_REPLY = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 06 00 01' +
  '08 00 06 04 00 02 02 00 00 00 00 02 0a 00 00 02' +
  '02 00 00 00 00 01 0a 00 00 01',
);

/** 10.0.0.1 → 10.0.0.2 ICMP 98 Echo (ping) request id=0x138f, seq=1/256, ttl=64 (DF) */
export const ICMP_ECHO_REQUEST = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 54 ea a5 40 00 40 01 3c 01 0a 00 00 01 0a 00' +
  '00 02 08 00 c7 ff 13 8f 00 01 13 2f 0a 6b 00 00' +
  '00 00 3a 03 06 00 00 00 00 00 10 11 12 13 14 15' +
  '16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25' +
  '26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35' +
  '36 37',
);

/** 10.0.0.2 → 10.0.0.1 ICMP 98 Echo (ping) reply id=0x138f, seq=1/256, ttl=64 */
export const ICMP_ECHO_REPLY = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00' +
  '00 54 13 13 00 00 40 01 53 94 0a 00 00 02 0a 00' +
  '00 01 00 00 cf ff 13 8f 00 01 13 2f 0a 6b 00 00' +
  '00 00 3a 03 06 00 00 00 00 00 10 11 12 13 14 15' +
  '16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25' +
  '26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35' +
  '36 37',
);

/** 10.0.0.1:40000 → 10.0.1.1:9000 UDP payload "hello\n" (tx checksum offload off) */
export const UDP_HELLO = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 22 2b 3c 40 00 40 11 fa 8d 0a 00 00 01 0a 00' +
  '01 01 9c 40 23 28 00 0e e7 8b 68 65 6c 6c 6f 0a',
);

/** 10.0.0.1:40001 → 10.0.1.1:9001 UDP payload "x\n" */
export const UDP_TO_CLOSED_PORT = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 1e 37 dc 40 00 40 11 ed f1 0a 00 00 01 0a 00' +
  '01 01 9c 41 23 29 00 0a b3 63 78 0a',
);

/**
 * 10.0.1.1 → 10.0.0.1 ICMP port unreachable quoting UDP_TO_CLOSED_PORT after forwarding (ttl 63)
 */
export const ICMP_PORT_UNREACHABLE = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 c0' +
  '00 3a 71 09 00 00 3f 01 f4 f8 0a 00 01 01 0a 00' +
  '00 01 03 03 12 1a 00 00 00 00 45 00 00 1e 37 dc' +
  '40 00 3f 11 ee f1 0a 00 00 01 0a 00 01 01 9c 41' +
  '23 29 00 0a b3 63 78 0a',
);

/** UDP_HELLO as sent with tx checksum offload on: the field holds only the pseudo-header sum */
export const UDP_CSUM_OFFLOADED = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 22 07 cd 40 00 40 11 1d fd 0a 00 00 01 0a 00' +
  '01 01 9c 40 23 28 00 0e 15 21 68 65 6c 6c 6f 0a',
);

/** `ping -t 1 10.0.1.1`: echo request with ttl 1, to be dropped by the router */
export const ICMP_ECHO_TTL1 = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 54 03 a8 40 00 01 01 61 00 0a 00 00 01 0a 00' +
  '01 01 08 00 c2 9b 16 18 00 01 1d 2f 0a 6b 00 00' +
  '00 00 33 de 05 00 00 00 00 00 10 11 12 13 14 15' +
  '16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25' +
  '26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35' +
  '36 37',
);

/** 10.0.0.2 → 10.0.0.1 ICMP time exceeded in transit, quoting ICMP_ECHO_TTL1 in full */
export const ICMP_TIME_EXCEEDED = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 c0' +
  '00 70 1c c9 00 00 40 01 49 02 0a 00 00 02 0a 00' +
  '00 01 0b 00 f4 ff 00 00 00 00 45 00 00 54 03 a8' +
  '40 00 01 01 61 00 0a 00 00 01 0a 00 01 01 08 00' +
  'c2 9b 16 18 00 01 1d 2f 0a 6b 00 00 00 00 33 de' +
  '05 00 00 00 00 00 10 11 12 13 14 15 16 17 18 19' +
  '1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29' +
  '2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37',
);

/** 10.0.0.1:40012 → 10.0.1.1:8080 [S] seq 972357799 win 64240 <mss,sackOK,TS,nop,wscale 10> */
export const TCP_SYN_FULL_OPTIONS = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 3c 87 6f 40 00 40 06 9e 4b 0a 00 00 01 0a 00' +
  '01 01 9c 4c 1f 90 39 f5 00 a7 00 00 00 00 a0 02' +
  'fa f0 1b 8b 00 00 02 04 05 b4 04 02 08 0a c8 18' +
  '5d ee 00 00 00 00 01 03 03 0a',
);

/** 10.0.1.1:8080 → 10.0.0.1:40012 [S.] <mss 1460,sackOK,TS,nop,wscale 10> */
export const TCP_SYNACK_FULL_OPTIONS = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00' +
  '00 3c 00 00 40 00 3f 06 26 bb 0a 00 01 01 0a 00' +
  '00 01 1f 90 9c 4c c4 c1 c6 fe 39 f5 00 a8 a0 12' +
  'fe 88 74 e5 00 00 02 04 05 b4 04 02 08 0a 3b 19' +
  'dc 22 c8 18 5d ee 01 03 03 0a',
);

/** 10.0.0.1:40012 → 10.0.1.1:8080 [P.] payload "hi\n" <nop,nop,TS> */
export const TCP_PSH_TS = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 37 87 71 40 00 40 06 9e 4e 0a 00 00 01 0a 00' +
  '01 01 9c 4c 1f 90 39 f5 00 a8 c4 c1 c6 ff 80 18' +
  '00 3f 2f 8a 00 00 01 01 08 0a c8 18 5d ee 3b 19' +
  'dc 22 68 69 0a',
);

/** 10.0.1.1:8081 → 10.0.0.1:40013 [R.] (connection refused) */
export const TCP_RST_ACK = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00' +
  '00 28 00 00 40 00 3f 06 26 cf 0a 00 01 01 0a 00' +
  '00 01 1f 91 9c 4d 00 00 00 00 9a 0c e0 61 50 14' +
  '00 00 64 82 00 00',
);

/** 10.0.0.1:40014 → 10.0.1.1:8082 [S] win 64240 <mss 1460> (sack, timestamps, wscale disabled) */
export const TCP_SYN_MSS = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 2c 1d 5c 40 00 40 06 08 6f 0a 00 00 01 0a 00' +
  '01 01 9c 4e 1f 92 ac fe f0 01 00 00 00 00 60 02' +
  'fa f0 2f 53 00 00 02 04 05 b4',
);

/** 10.0.1.1:8082 → 10.0.0.1:40014 [S.] <mss 1460> */
export const TCP_SYNACK_MSS = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00' +
  '00 2c 00 00 40 00 3f 06 26 cb 0a 00 01 01 0a 00' +
  '00 01 1f 92 9c 4e f1 2b eb 99 ac fe f0 02 60 12' +
  'fa f0 52 7c 00 00 02 04 05 b4',
);

/** 10.0.0.1:40014 → 10.0.1.1:8082 [.] (third packet of the handshake) */
export const TCP_ACK = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 28 1d 5d 40 00 40 06 08 72 0a 00 00 01 0a 00' +
  '01 01 9c 4e 1f 92 ac fe f0 02 f1 2b eb 9a 50 10' +
  'fa f0 6a 39 00 00',
);

/** 10.0.0.1:40014 → 10.0.1.1:8082 [P.] payload "x" */
export const TCP_PSH = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 29 1d 5e 40 00 40 06 08 70 0a 00 00 01 0a 00' +
  '01 01 9c 4e 1f 92 ac fe f0 02 f1 2b eb 9a 50 18' +
  'fa f0 f2 2f 00 00 78',
);

/** 10.0.0.1:40014 → 10.0.1.1:8082 [F.] */
export const TCP_FIN = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '00 28 1d 5f 40 00 40 06 08 70 0a 00 00 01 0a 00' +
  '01 01 9c 4e 1f 92 ac fe f0 03 f1 2b eb 9a 50 11' +
  'fa f0 6a 37 00 00',
);

/**
 * `ping -M do -s 1200 10.0.1.1`: eth+IP+ICMP headers and the 16-byte timestamp; data continues
 * with pingPattern(16, 1184)
 */
export const BIG_PING_PREFIX = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '04 cc 00 00 40 00 40 01 21 30 0a 00 00 01 0a 00' +
  '01 01 08 00 97 43 16 19 00 01 1d 2f 0a 6b 00 00' +
  '00 00 4e eb 05 00 00 00 00 00',
);

/**
 * 10.0.0.2 → 10.0.0.1 ICMP frag needed (mtu 1000) quoting 548 bytes of the big ping; data
 * continues with pingPattern(16, 504)
 */
export const FRAG_NEEDED_PREFIX = hex(
  '02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 c0' +
  '02 40 1c ca 00 00 40 01 47 31 0a 00 00 02 0a 00' +
  '00 01 03 04 73 e1 00 00 03 e8 45 00 04 cc 00 00' +
  '40 00 40 01 21 30 0a 00 00 01 0a 00 01 01 08 00' +
  '97 43 16 19 00 01 1d 2f 0a 6b 00 00 00 00 4e eb' +
  '05 00 00 00 00 00',
);

/**
 * `ping -s 3000 10.0.0.2`, 2nd of 3 fragments: MF, offset 1480; payload is pingPattern(1472,
 * 1480)
 */
export const FRAGMENT_MF_1480_PREFIX = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00' +
  '05 dc ef 36 20 b9 40 01 51 2f 0a 00 00 01 0a 00' +
  '00 02',
);

/** The full 1242-byte frame of `ping -M do -s 1200 10.0.1.1`. */
export const BIG_PING = concat(BIG_PING_PREFIX, pingPattern(16, 1184));

/** The full 590-byte ICMP Fragmentation Needed frame. */
export const ICMP_FRAG_NEEDED = concat(FRAG_NEEDED_PREFIX, pingPattern(16, 504));

/** The full 1514-byte middle fragment (MF set, offset 1480). */
export const FRAGMENT_MF_1480 = concat(FRAGMENT_MF_1480_PREFIX, pingPattern(1472, 1480));
