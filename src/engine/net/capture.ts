import type { NetDevice } from './device.ts';

/**
 * A packet socket on a device (what tcpdump opens, AF_PACKET): it sees every frame the
 * device sends and receives, as bytes, with the virtual time. Taps only observe.
 */
export interface CaptureTap {
  dev: NetDevice;
  onFrame(frame: Uint8Array, t: number, direction: 'in' | 'out'): void;
}

/** Called by the device layer for every frame; cheap when nothing captures. */
export function tapFrame(dev: NetDevice, frame: Uint8Array, direction: 'in' | 'out'): void {
  const taps = dev.ns.kernel.captures;
  if (taps.size === 0) return;
  for (const tap of taps) if (tap.dev === dev) tap.onFrame(frame.slice(), dev.ns.kernel.now, direction);
}
