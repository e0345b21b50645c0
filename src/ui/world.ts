/**
 * The world as data: the seed and every command run in it, in order. The engine is
 * deterministic, so replaying the list with the same seed rebuilds the same world, byte for
 * byte; that is how the page survives a reload and a worker crash. Kept in localStorage with
 * the scenario being stepped through, and exported as a scenario file.
 */

export interface WorldCommand {
  readonly line: string;
  /** Where it came from: "scenarios/x.sh:12" or "terminal". */
  readonly source: string;
}

export interface LoadedScenario {
  readonly name: string;
  readonly text: string;
  /** Index in the scenario's steps of the next command to run. */
  readonly next: number;
}

export interface WorldRecord {
  readonly version: 1;
  readonly seed: number;
  readonly commands: readonly WorldCommand[];
  readonly scenario: LoadedScenario | null;
}

const KEY = 'netsim.world.v1';
export const DEFAULT_SEED = 1;
/** A world longer than this is not saved (it would take long to replay). */
const MAX_SAVED_COMMANDS = 2000;

export function emptyWorld(seed = DEFAULT_SEED): WorldRecord {
  return { version: 1, seed, commands: [], scenario: null };
}

export function loadWorld(storage: Pick<Storage, 'getItem'> = window.localStorage): WorldRecord | undefined {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return undefined;
    const w = JSON.parse(raw) as WorldRecord;
    if (w.version !== 1 || !Array.isArray(w.commands) || typeof w.seed !== 'number') return undefined;
    return w;
  } catch {
    return undefined;
  }
}

export function saveWorld(world: WorldRecord, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  if (world.commands.length > MAX_SAVED_COMMANDS) return;
  try {
    storage.setItem(KEY, JSON.stringify(world));
  } catch {
    // Storage full or disabled: the world just does not survive a reload.
  }
}

/** The world as a `.sh` scenario: every command, with where it came from as a comment. */
export function exportWorld(world: WorldRecord): string {
  const lines = ['# A world exported from netsim: every command run in it, in order.', `# Replays to the same state (seed ${world.seed}).`, ''];
  let source = '';
  for (const c of world.commands) {
    const from = c.source.replace(/:\d+$/, '');
    if (from !== source) {
      lines.push(`# from ${from}`);
      source = from;
    }
    lines.push(c.line);
  }
  return `${lines.join('\n')}\n`;
}
