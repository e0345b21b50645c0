/**
 * Plays the timeline: a cursor on the last event that has happened, and how far the group it
 * ends has been animated (0..1). Play advances group by group, one requestAnimationFrame
 * tick at a time; step forward animates one group; step back shows the previous group as it
 * ended. Everything drawn is a function of (cursor, progress), so going back is exact.
 */
import type { Group, Timeline } from './timeline.ts';

export interface PlayerState {
  /** Index of the last event that has happened; -1 before the first. */
  readonly cursor: number;
  /** How far the cursor's group has been animated. */
  readonly progress: number;
  readonly playing: boolean;
  /** 0.1 to 100. */
  readonly speed: number;
}

export interface Player {
  readonly state: PlayerState;
  play(): void;
  pause(): void;
  toggle(): void;
  stepForward(): void;
  stepBack(): void;
  /** Shows the world as it was at event `index` (its group ended), without animating. */
  seek(index: number): void;
  /** New events arrived from `first` on: play them if the player was keeping up. */
  follow(first: number): void;
  setSpeed(speed: number): void;
  /** Events before `cut` were forgotten: shift the cursor. */
  shift(cut: number): void;
}

export interface PlayerOptions {
  /** Every state change (each animation frame while playing). */
  readonly onChange: (state: PlayerState, cursorMoved: boolean) => void;
  /** Milliseconds at 1×: a group where a frame crosses a link, and one where only something happens. */
  readonly moveMs?: number;
  readonly markMs?: number;
  /** At most this many events behind the newest while following; older ones are skipped. */
  readonly maxBacklog?: number;
  readonly now?: () => number;
  readonly frame?: (callback: (time: number) => void) => unknown;
  /** Groups to pass over without showing them (e.g. everything but frames moving). */
  readonly skip?: (group: Group) => boolean;
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

export function createPlayer(timeline: Timeline, options: PlayerOptions): Player {
  const moveMs = options.moveMs ?? 900;
  const markMs = options.markMs ?? 260;
  const maxBacklog = options.maxBacklog ?? 400;
  const frame = options.frame ?? ((cb: (time: number) => void) => requestAnimationFrame(cb));
  const now = options.now ?? (() => performance.now());
  let state: PlayerState = { cursor: -1, progress: 1, playing: false, speed: 2 };
  /** Stop when the cursor's group has finished (a single step). */
  let stopAtGroupEnd = false;
  let ticking = false;
  let last = 0;

  function set(next: Partial<PlayerState>): void {
    const moved = next.cursor !== undefined && next.cursor !== state.cursor;
    state = { ...state, ...next };
    options.onChange(state, moved);
  }

  function duration(cursor: number): number {
    const group = timeline.groupOf(cursor);
    return (group?.moving ? moveMs : markMs) / state.speed;
  }

  /** The cursor for the group after the one holding `cursor` (passing over skipped ones). */
  function nextGroupEnd(cursor: number): number | undefined {
    let next = timeline.groupOf(cursor + 1);
    while (next && options.skip?.(next)) next = timeline.groupOf(next.end);
    return next ? next.end - 1 : undefined;
  }

  function tick(time: number): void {
    if (!state.playing && !stopAtGroupEnd) {
      ticking = false;
      return;
    }
    const dt = Math.min(100, time - last);
    last = time;
    let { cursor, progress } = state;
    let budget = dt;
    // Spend the frame's time across as many groups as it covers (fast speeds skip frames).
    while (budget > 0) {
      if (cursor < 0 || progress >= 1) {
        if (stopAtGroupEnd && cursor >= 0 && progress >= 1) {
          stopAtGroupEnd = false;
          break;
        }
        const next = nextGroupEnd(cursor);
        if (next === undefined) {
          set({ cursor, progress: 1, playing: false });
          ticking = false;
          return;
        }
        cursor = next;
        progress = 0;
      }
      const d = duration(cursor);
      const left = (1 - progress) * d;
      if (budget < left) {
        progress += budget / d;
        budget = 0;
      } else {
        budget -= left;
        progress = 1;
        if (stopAtGroupEnd) break;
      }
    }
    const done = stopAtGroupEnd && progress >= 1;
    if (done) stopAtGroupEnd = false;
    set({ cursor, progress, ...(done ? { playing: false } : {}) });
    if (state.playing || stopAtGroupEnd) frame(tick);
    else ticking = false;
  }

  function start(): void {
    if (ticking) return;
    ticking = true;
    last = now();
    frame(tick);
  }

  const player: Player = {
    get state() {
      return state;
    },
    play() {
      if (timeline.length === 0) return;
      // At the end: start again from the first event of the last command.
      if (state.cursor >= timeline.length - 1 && state.progress >= 1) {
        const lastCommand = [...timeline.commands].reverse().find((c) => c.end > c.first);
        set({ cursor: lastCommand ? lastCommand.first - 1 : -1, progress: 1 });
      }
      stopAtGroupEnd = false;
      set({ playing: true });
      start();
    },
    pause() {
      stopAtGroupEnd = false;
      set({ playing: false, progress: 1 });
    },
    toggle() {
      if (state.playing) player.pause();
      else player.play();
    },
    stepForward() {
      const next = nextGroupEnd(state.cursor);
      if (next === undefined) {
        set({ progress: 1, playing: false });
        return;
      }
      stopAtGroupEnd = true;
      set({ cursor: next, progress: 0, playing: false });
      start();
    },
    stepBack() {
      stopAtGroupEnd = false;
      const group = timeline.groupOf(state.cursor);
      if (!group) return;
      let previous = group.start > 0 ? timeline.groupOf(group.start - 1) : undefined;
      while (previous && options.skip?.(previous)) previous = previous.start > 0 ? timeline.groupOf(previous.start - 1) : undefined;
      set({ cursor: previous ? previous.end - 1 : -1, progress: 1, playing: false });
    },
    seek(index) {
      stopAtGroupEnd = false;
      set({ cursor: Math.max(-1, Math.min(index, timeline.length - 1)), progress: 1, playing: false });
    },
    follow(first) {
      const behind = state.cursor < first - 1 && (state.playing || stopAtGroupEnd);
      if (behind && timeline.length - 1 - state.cursor <= maxBacklog) return;
      const from = Math.max(first, timeline.length - maxBacklog) - 1;
      if (from >= timeline.length - 1) return;
      set({ cursor: from, progress: 1, playing: true });
      start();
    },
    setSpeed(speed) {
      set({ speed: Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed)) });
    },
    shift(cut) {
      if (cut > 0) set({ cursor: Math.max(-1, state.cursor - cut) });
    },
  };
  return player;
}
