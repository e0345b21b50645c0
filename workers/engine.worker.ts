/// <reference lib="webworker" />
/**
 * The engine's Web Worker: one simulated world, exposed to the page with comlink.
 * The page reaches it only through src/api/client.ts.
 */
import { expose } from 'comlink';
import { createEngineApi } from './engine-api.ts';

expose(createEngineApi());
