/**
 * The page's only way to the engine: starts the engine Web Worker, wraps it with comlink and
 * implements EngineApi on the main thread. When the worker dies it is reported and replaced by
 * a fresh one (a new, empty world), so the page never goes blank.
 */
import { wrap, type Remote } from 'comlink';
import type { CommandResult, EngineApi, NamespaceSummary, ParsedScenario, ScriptResult, Topology, NamespaceTables } from './types.ts';

/** What the client needs from a Worker; a test can hand in a MessagePort with `terminate`. */
export type EngineWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

export interface WorkerFailure {
  /** Why the worker stopped, as the browser reported it. */
  readonly reason: string;
  /** True when a fresh worker (with an empty world) replaced it; false when the client gave up. */
  readonly restarted: boolean;
}

export interface EngineClientOptions {
  /** Told each time the worker dies. */
  readonly onWorkerFailure?: (failure: WorkerFailure) => void;
  /** Starts a worker; defaults to the bundled engine worker. */
  readonly spawn?: () => EngineWorker;
}

export interface EngineClient extends EngineApi {
  /** Stops the worker; later calls fail. */
  dispose(): void;
}

/** Exit code given to a command whose worker died under it. */
export const WORKER_FAILURE_EXIT_CODE = 1;

/**
 * A worker that dies this many times in a row without answering a single call is not going
 * to start (e.g. its script failed to load); the client stops replacing it.
 */
export const MAX_CONSECUTIVE_RESTARTS = 3;

export function spawnEngineWorker(): Worker {
  // Vite recognises this exact form and bundles the worker as its own ES module chunk.
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
}

class WorkerStoppedError extends Error {
  override readonly name = 'WorkerStoppedError';
}

interface Connection {
  readonly worker: EngineWorker;
  readonly api: Remote<EngineApi>;
  /** Rejects when this worker dies, so calls in flight on it do not hang forever. */
  readonly stopped: Promise<never>;
  readonly stop: (error: WorkerStoppedError) => void;
  readonly detach: () => void;
}

function describeWorkerError(event: Event): string {
  if (typeof ErrorEvent !== 'undefined' && event instanceof ErrorEvent && event.message) {
    const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
    return `${event.message}${where}`;
  }
  if (event.type === 'messageerror') return 'a message from the engine worker could not be read';
  return 'the engine worker failed to start or stopped unexpectedly';
}

export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const spawn = options.spawn ?? spawnEngineWorker;
  let connection: Connection | undefined;
  let consecutiveFailures = 0;
  let disposed = false;

  function connect(): Connection {
    const worker = spawn();
    let stop: (error: WorkerStoppedError) => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => {}); // observed through Promise.race in call(); never unhandled
    const onFailure = (event: Event): void => fail(current, describeWorkerError(event));
    worker.addEventListener('error', onFailure);
    // A reply that cannot be read never reaches its caller, and the page's command queue
    // would wait on it forever: treat it like a dead worker.
    worker.addEventListener('messageerror', onFailure);
    const current: Connection = {
      worker,
      api: wrap<EngineApi>(worker),
      stopped,
      stop,
      detach: () => {
        worker.removeEventListener('error', onFailure);
        worker.removeEventListener('messageerror', onFailure);
      },
    };
    return current;
  }

  function fail(failed: Connection, reason: string): void {
    if (failed !== connection || disposed) return; // an old worker's late event
    failed.detach();
    failed.worker.terminate();
    // The reason goes to onWorkerFailure; calls in flight just learn they were cut short.
    failed.stop(new WorkerStoppedError('the engine worker stopped before this finished'));
    consecutiveFailures += 1;
    const restarted = consecutiveFailures <= MAX_CONSECUTIVE_RESTARTS;
    connection = restarted ? connect() : undefined;
    options.onWorkerFailure?.({ reason, restarted });
  }

  async function call<T>(method: (api: Remote<EngineApi>) => Promise<T>): Promise<T> {
    if (disposed) throw new WorkerStoppedError('the engine client was disposed');
    const current = connection;
    if (!current) {
      throw new WorkerStoppedError(
        `the engine worker failed ${MAX_CONSECUTIVE_RESTARTS + 1} times in a row and was not restarted; reload the page`,
      );
    }
    const result = await Promise.race([method(current.api), current.stopped]);
    consecutiveFailures = 0;
    return result;
  }

  /** A command cut short by a dying worker is still a command result the terminal can show. */
  function stoppedResult(error: unknown): CommandResult {
    if (!(error instanceof WorkerStoppedError)) throw error;
    return { exitCode: WORKER_FAILURE_EXIT_CODE, stdout: `netsim: ${error.message}\n` };
  }

  connection = connect();

  return {
    async exec(line: string): Promise<CommandResult> {
      try {
        return await call((api) => api.exec(line));
      } catch (error) {
        return stoppedResult(error);
      }
    },
    async runScript(fileName: string, text: string): Promise<ScriptResult> {
      try {
        return await call((api) => api.runScript(fileName, text));
      } catch (error) {
        return { steps: [], error: `${fileName}: ${stoppedResult(error).stdout.trimEnd()}` };
      }
    },
    namespaces(): Promise<NamespaceSummary[]> {
      return call((api) => api.namespaces());
    },
    reset(seed?: number): Promise<void> {
      return call((api) => api.reset(seed));
    },
    topology(): Promise<Topology> {
      return call((api) => api.topology());
    },
    tables(netns: string): Promise<NamespaceTables> {
      return call((api) => api.tables(netns));
    },
    tablesAt(netns: string, seed: number, lines: readonly string[], events: number): Promise<NamespaceTables> {
      return call((api) => api.tablesAt(netns, seed, lines, events));
    },
    commandNames(): Promise<string[]> {
      return call((api) => api.commandNames());
    },
    peek(line: string): Promise<string> {
      return call((api) => api.peek(line));
    },
    parseScenario(text: string): Promise<ParsedScenario> {
      return call<ParsedScenario>((api) => api.parseScenario(text));
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      connection?.detach();
      connection?.worker.terminate();
      connection?.stop(new WorkerStoppedError('the engine client was disposed'));
      connection = undefined;
    },
  };
}
