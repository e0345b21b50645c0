/**
 * Why a packet died, named after the kernel's `enum skb_drop_reason`
 * (include/net/dropreason-core.h) so a learner can look the name up in the real source.
 * Only the reasons this simulator can produce are listed; each has the kernel's meaning.
 */
export const DropReason = {
  NOT_SPECIFIED: 'NOT_SPECIFIED',
  /** no socket listens on the destination port */
  NO_SOCKET: 'NO_SOCKET',
  /** packet shorter than its headers */
  PKT_TOO_SMALL: 'PKT_TOO_SMALL',
  /** IPv4 header checksum error */
  IP_CSUM: 'IP_CSUM',
  /** invalid IPv4 header (version, length) or TTL expired while forwarding */
  IP_INHDR: 'IP_INHDR',
  /** destination is not local and forwarding is off (IPSTATS_MIB_INADDRERRORS) */
  IP_INADDRERRORS: 'IP_INADDRERRORS',
  /** source address is invalid for the interface (a martian, e.g. one of our own) */
  IP_INVALID_SOURCE: 'IP_INVALID_SOURCE',
  /** no route for a received packet */
  IP_INNOROUTES: 'IP_INNOROUTES',
  /** reverse path filter (rp_filter) failed */
  IP_RPFILTER: 'IP_RPFILTER',
  /** no route for an outgoing packet */
  IP_OUTNOROUTES: 'IP_OUTNOROUTES',
  /** no handler for the IP protocol number */
  IP_NOPROTO: 'IP_NOPROTO',
  /** frame addressed to another host's MAC */
  OTHERHOST: 'OTHERHOST',
  /** frame bigger than the egress MTU (and DF set, or a bridge that cannot fragment) */
  PKT_TOO_BIG: 'PKT_TOO_BIG',
  /** the device is down (or has no carrier) */
  DEV_READY: 'DEV_READY',
  /** neighbour (ARP) resolution failed */
  NEIGH_FAILED: 'NEIGH_FAILED',
  /** too many packets queued waiting for ARP */
  NEIGH_QUEUEFULL: 'NEIGH_QUEUEFULL',
  /** the neighbour entry was removed while packets waited */
  NEIGH_DEAD: 'NEIGH_DEAD',
  /** a netfilter rule or policy dropped it */
  NETFILTER_DROP: 'NETFILTER_DROP',
  UDP_CSUM: 'UDP_CSUM',
  TCP_CSUM: 'TCP_CSUM',
  /** a TCP segment that fits no connection state (e.g. an unexpected ACK) */
  TCP_INVALID_SEQUENCE: 'TCP_INVALID_SEQUENCE',
  /** fragments not completed within the reassembly timeout */
  FRAG_REASM_TIMEOUT: 'FRAG_REASM_TIMEOUT',
  /** no remote VTEP for the frame's destination (no FDB entry, no default entry) */
  VXLAN_NO_REMOTE: 'VXLAN_NO_REMOTE',
  /** VXLAN header without the I flag */
  VXLAN_INVALID_HDR: 'VXLAN_INVALID_HDR',
  /** no VXLAN device with the packet's VNI on this port */
  VXLAN_VNI_NOT_FOUND: 'VXLAN_VNI_NOT_FOUND',
  /** the bridge port is not forwarding (down, or no longer in the bridge) */
  BRIDGE_PORT_DISABLED: 'NOT_SPECIFIED',
  /** the route is a blackhole (dst_discard) */
  BLACKHOLE: 'NOT_SPECIFIED',
} as const;

export type DropReason = (typeof DropReason)[keyof typeof DropReason];
