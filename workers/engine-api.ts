/**
 * The object the engine worker exposes through comlink: an EngineApi over one synchronous
 * engine session. Kept apart from engine.worker.ts so tests can expose it over a
 * MessageChannel without a real Worker.
 */
import type { CommandResult, EngineApi, NamespaceSummary, NamespaceTables, ParsedScenario, ScriptResult, Topology } from '../src/api/types.ts';
import { createEngineSession, type EngineSession, tablesAt } from '../src/api/session.ts';

export type { EngineSession };
export type CreateSession = (seed?: number) => EngineSession;

/** Exit code of a command the engine failed on internally (as a shell reports a failed tool). */
export const ENGINE_FAILURE_EXIT_CODE = 1;

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * An exception escaping the engine is a simulator bug, not something the user did: it comes
 * back as an ordinary failed command, so the terminal shows it and the worker keeps running.
 */
function engineFailure(command: string, error: unknown): CommandResult {
  return {
    exitCode: ENGINE_FAILURE_EXIT_CODE,
    stdout: `netsim: internal error while running '${command}': ${errorText(error)}\n`,
  };
}

export function createEngineApi(
  seed?: number,
  createSession: CreateSession = createEngineSession,
): EngineApi {
  let session = createSession(seed);

  return {
    async exec(line: string): Promise<CommandResult> {
      try {
        return session.exec(line);
      } catch (error) {
        return engineFailure(line, error);
      }
    },

    async runScript(fileName: string, text: string): Promise<ScriptResult> {
      try {
        return session.runScript(fileName, text);
      } catch (error) {
        // The steps run before the failure are lost with the call; the error says why.
        return { steps: [], error: `${fileName}: ${engineFailure(fileName, error).stdout.trimEnd()}` };
      }
    },

    async namespaces(): Promise<NamespaceSummary[]> {
      // No result type can carry a failure here; comlink sends the Error to the caller as
      // a rejected promise and the worker stays alive.
      try {
        return session.namespaces();
      } catch (error) {
        throw new Error(`netsim: internal error while listing namespaces: ${errorText(error)}`);
      }
    },

    async reset(nextSeed?: number): Promise<void> {
      try {
        session = createSession(nextSeed);
      } catch (error) {
        throw new Error(`netsim: internal error while resetting the world: ${errorText(error)}`);
      }
    },

    async topology(): Promise<Topology> {
      try {
        return session.topology();
      } catch (error) {
        throw new Error(`netsim: internal error while reading the topology: ${errorText(error)}`);
      }
    },

    async tables(netns: string): Promise<NamespaceTables> {
      try {
        return session.tables(netns);
      } catch (error) {
        throw new Error(`netsim: internal error while reading the tables of ${netns || '(root)'}: ${errorText(error)}`);
      }
    },

    async tablesAt(netns: string, seed: number, lines: readonly string[], events: number): Promise<NamespaceTables> {
      try {
        return tablesAt(netns, seed, lines, events);
      } catch (error) {
        throw new Error(`netsim: internal error while replaying the tables of ${netns || '(root)'}: ${errorText(error)}`);
      }
    },

    async commandNames(): Promise<string[]> {
      try {
        return session.commandNames();
      } catch (error) {
        throw new Error(`netsim: internal error while listing commands: ${errorText(error)}`);
      }
    },

    async peek(line: string): Promise<string> {
      try {
        return session.peek(line);
      } catch (error) {
        return engineFailure(line, error).stdout;
      }
    },

    async parseScenario(text: string): Promise<ParsedScenario> {
      try {
        return session.parseScenario(text);
      } catch (error) {
        return { ok: false, line: 1, reason: `internal error while reading the file: ${errorText(error)}` };
      }
    },
  };
}
