/**
 * Time a frame takes to cross a link (veth, loopback). Real veths hand a frame over within
 * the same softirq; a small fixed delay keeps the order of events visible and the RTTs
 * that `ping` prints plausible.
 */
export const LINK_DELAY_NS = 2_000;
