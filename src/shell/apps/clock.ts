import type { Kernel } from '../../engine/net/kernel.ts';
import { MS } from '../../engine/sim/scheduler.ts';

/**
 * The simulated machine's wall clock. The engine only knows virtual time since it booted;
 * programs that print dates (HTTP Date headers, nginx's access log, GNU wget) read this
 * instead: a fixed boot instant, 2026-11-28 00:00:00 UTC, plus virtual time. Fixed so that
 * runs stay deterministic and outputs can be compared.
 */
export const SIM_EPOCH_MS = Date.UTC(2026, 10, 28, 0, 0, 0);

export function simDate(kernel: Kernel): Date {
  return simDateAt(kernel.now);
}

/** The wall-clock instant of virtual time `t` (a process's start, a log line's). */
export function simDateAt(t: number): Date {
  return new Date(SIM_EPOCH_MS + Math.floor(t / MS));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 7231 IMF-fixdate, as in an HTTP Date header: "Sat, 28 Nov 2026 00:00:01 GMT". */
export function httpDate(d: Date): string {
  return d.toUTCString();
}

/** nginx's $time_local for a server whose TZ is UTC (as in the official image): "28/Nov/2026:00:00:01 +0000". */
export function nginxTimeLocal(d: Date): string {
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** GNU wget's timestamps: "2026-11-28 00:00:01". */
export function isoSeconds(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
