/**
 * Target names: the standard verdicts, and every target a real iptables 1.8.9 install knows.
 * The simulator implements some of them (targets.ts); the matches are in matches.ts.
 */

/** Verdicts of the standard target. */
export const STANDARD_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN']);

/**
 * Every target an iptables 1.8.9 install knows (its libxt_*.so files). A chain may not be
 * named like one, and `-j` with one the simulator lacks fails as if the file were missing.
 */
export const KNOWN_TARGETS = new Set([
  ...STANDARD_TARGETS,
  'QUEUE',
  'AUDIT',
  'CHECKSUM',
  'CLASSIFY',
  'CLUSTERIP',
  'CONNMARK',
  'CONNSECMARK',
  'CT',
  'DNAT',
  'DSCP',
  'ECN',
  'HMARK',
  'IDLETIMER',
  'LED',
  'LOG',
  'MARK',
  'MASQUERADE',
  'NETMAP',
  'NFLOG',
  'NFQUEUE',
  'NOTRACK',
  'RATEEST',
  'REDIRECT',
  'REJECT',
  'SECMARK',
  'SET',
  'SNAT',
  'SYNPROXY',
  'TCPMSS',
  'TCPOPTSTRIP',
  'TEE',
  'TOS',
  'TPROXY',
  'TRACE',
  'TTL',
  'ULOG',
  'standard',
]);

