/**
 * MAC addresses as 48-bit numbers (exact in a double), so FDB and neighbour tables key on
 * plain numbers. Bytes are written with writeMac / read with readMac.
 */
export type Mac = number & { readonly __brand: 'Mac' };

export const MAC_ZERO = 0 as Mac;
export const MAC_BROADCAST = 0xffffffffffff as Mac;

const TWO32 = 0x100000000;

export function readMac(buf: Uint8Array, off: number): Mac {
  return ((buf[off] * 256 + buf[off + 1]) * TWO32 +
    ((buf[off + 2] << 24) >>> 0) + (buf[off + 3] << 16) + (buf[off + 4] << 8) + buf[off + 5]) as Mac;
}

export function writeMac(buf: Uint8Array, off: number, mac: Mac): void {
  const hi = Math.floor(mac / TWO32);
  const lo = mac % TWO32;
  buf[off] = (hi >>> 8) & 255;
  buf[off + 1] = hi & 255;
  buf[off + 2] = (lo >>> 24) & 255;
  buf[off + 3] = (lo >>> 16) & 255;
  buf[off + 4] = (lo >>> 8) & 255;
  buf[off + 5] = lo & 255;
}

export function formatMac(mac: Mac): string {
  const b = new Uint8Array(6);
  writeMac(b, 0, mac);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/** "aa:bb:cc:dd:ee:ff" (case-insensitive, one or two hex digits per part, as iproute2 takes). */
export function parseMac(text: string): Mac | null {
  const parts = text.split(':');
  if (parts.length !== 6) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return null;
    n = n * 256 + parseInt(p, 16);
  }
  return n as Mac;
}

/** The first octet's least significant bit: group (multicast/broadcast) address. */
export function isGroupMac(mac: Mac): boolean {
  return Math.floor(mac / 0x10000000000) % 2 === 1;
}
