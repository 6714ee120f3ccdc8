/**
 * Where the engine worker's code lives. In Node (tests, CLI, browser mode) the worker runs the
 * TypeScript entry through tsx's loader; in the Electron build electron-vite compiles the worker and
 * `electron-worker-entry.ts` supplies the built path (its `?modulePath` import stays out of Node).
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

/** The file a pool thread loads and the Node flags it needs. */
export interface WorkerEntry {
  /** A file URL or absolute path of a module whose default export handles one task. */
  filename: string
  /** Extra Node flags for the worker threads (e.g. a TypeScript loader). */
  execArgv: string[]
}

/**
 * Loader flag that lets a worker thread import `.ts` files. tsx's main export registers both the
 * ESM and CommonJS hooks (`tsx/esm` alone fails on the worker's entry). Resolved to an absolute URL
 * because `--import tsx` would resolve against the process's working directory.
 */
export function typeScriptLoaderArgv(): string[] {
  const require = createRequire(import.meta.url)
  return ['--import', pathToFileURL(require.resolve('tsx')).href]
}

/** A TypeScript worker module run through tsx (the engine worker, or a test fixture). */
export function typeScriptWorkerEntry(moduleUrl: URL | string): WorkerEntry {
  return { filename: moduleUrl.toString(), execArgv: typeScriptLoaderArgv() }
}

/** The engine worker as TypeScript source (Node: tests, CLI, browser mode). */
export function nodeEngineWorkerEntry(): WorkerEntry {
  return typeScriptWorkerEntry(new URL('./engine-worker.ts', import.meta.url))
}

/** The engine worker compiled by electron-vite (`builtPath` from its `?modulePath` import). */
export function builtEngineWorkerEntry(builtPath: string): WorkerEntry {
  return { filename: builtPath, execArgv: [] }
}
