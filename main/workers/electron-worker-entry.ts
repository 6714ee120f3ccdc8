/**
 * The engine worker entry in the Electron build: electron-vite compiles `engine-worker.ts` as a
 * separate chunk and this import yields its path. Only the composition root (`main/index.ts`) imports
 * this module, so Node (tests, CLI, browser mode) never meets the `?modulePath` suffix.
 */
/// <reference types="electron-vite/node" />
import engineWorkerPath from './engine-worker?modulePath'
import { builtEngineWorkerEntry, type WorkerEntry } from './worker-entry'

/** The compiled engine worker, for the job pool. */
export function electronEngineWorkerEntry(): WorkerEntry {
  return builtEngineWorkerEntry(engineWorkerPath)
}
