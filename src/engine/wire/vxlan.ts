/** The VXLAN header (RFC 7348): flags (I = VNI valid), 24 reserved bits, 24-bit VNI, 8 reserved. */
export const VXLAN_HLEN = 8;
export const VXLAN_FLAG_I = 0x08;
export const VXLAN_IANA_PORT = 4789;

export interface VxlanRepr {
  vni: number;
}

/** Returns null when the I flag is not set (the kernel drops such packets). */
export function parseVxlan(buf: Uint8Array, off = 0): VxlanRepr | null {
  if (buf.length - off < VXLAN_HLEN) return null;
  if ((buf[off] & VXLAN_FLAG_I) === 0) return null;
  return { vni: (buf[off + 4] << 16) | (buf[off + 5] << 8) | buf[off + 6] };
}

export function emitVxlan(repr: VxlanRepr, buf: Uint8Array, off = 0): void {
  buf[off] = VXLAN_FLAG_I;
  buf[off + 1] = 0;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  buf[off + 4] = (repr.vni >> 16) & 255;
  buf[off + 5] = (repr.vni >> 8) & 255;
  buf[off + 6] = repr.vni & 255;
  buf[off + 7] = 0;
}

export function formatVxlan(repr: VxlanRepr): string {
  return `VXLAN, flags [I] (0x08), vni ${repr.vni}`;
}
