/**
 * Virtual time. The engine never reads a wall clock: every delay (a frame crossing a
 * link, an ARP retransmit, a ping timeout) is an entry in this queue, and time jumps
 * from one entry to the next. Entries at the same instant run in the order scheduled,
 * which keeps runs deterministic.
 */
export type Nanos = number;

export const US: Nanos = 1_000;
export const MS: Nanos = 1_000_000;
export const SEC: Nanos = 1_000_000_000;

export interface Timer {
  cancelled: boolean;
}

interface Entry extends Timer {
  at: Nanos;
  seq: number;
  fn: () => void;
}

export class Scheduler {
  now: Nanos = 0;
  private heap: Entry[] = [];
  private seq = 0;

  /** Runs fn after delay nanoseconds of virtual time. */
  after(delay: Nanos, fn: () => void): Timer {
    const e: Entry = { at: this.now + delay, seq: this.seq++, fn, cancelled: false };
    this.push(e);
    return e;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Runs every entry due up to and including `until`, then sets the clock to `until`. */
  runUntil(until: Nanos, stop?: () => boolean): void {
    while (this.heap.length > 0 && this.heap[0].at <= until) {
      const e = this.pop();
      if (e.cancelled) continue;
      this.now = e.at;
      e.fn();
      if (stop?.()) return;
    }
    if (until > this.now) this.now = until;
  }

  /** Runs entries until none is due within `limit` from now (timers further out stay queued). */
  runFor(limit: Nanos, stop?: () => boolean): void {
    this.runUntil(this.now + limit, stop);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as Entry;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(h[r], h[l]) ? r : l;
        if (!less(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
