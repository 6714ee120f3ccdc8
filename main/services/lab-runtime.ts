/**
 * Opens everything the services need from a store path: the SQLite store, the worker pool and
 * the services over them, and closes them in the right order. Shared by browser mode, the CLI, the
 * benchmarks and the Electron composition root (which passes the compiled worker entry).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { RunStore } from '../store/run-store'
import { JobPool } from '../workers/job-pool'
import { nodeEngineWorkerEntry, type WorkerEntry } from '../workers/worker-entry'
import type { FileDialogs } from './archive-service'
import type { HostInfo } from './catalog-service'
import { systemClock, type Clock } from './clock'
import { LabServices } from './lab-services'

/** Options of `openLabRuntime`. */
export interface LabRuntimeOptions {
  /** SQLite file of the run store (`:memory:` for throwaway use); its folder is created. */
  dbPath: string
  host: HostInfo
  /** Default: the TypeScript engine worker through tsx (Node). */
  workerEntry?: WorkerEntry
  /** Default: one fewer than the cores, at least one. */
  threadCount?: number
  clock?: Clock
  dialogs?: FileDialogs
}

/** The opened store, pool and services. */
export interface LabRuntime {
  store: RunStore
  pool: JobPool
  services: LabServices
  /** Cancels runs, stops the threads, closes the store. */
  close(): Promise<void>
}

/** Opens the store, the pool and the services. */
export function openLabRuntime(options: LabRuntimeOptions): LabRuntime {
  const clock = options.clock ?? systemClock
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true })
  const store = RunStore.open(options.dbPath, { nowMs: () => clock.now() })
  const pool = new JobPool({
    entry: options.workerEntry ?? nodeEngineWorkerEntry(),
    threadCount: options.threadCount,
  })
  const services = new LabServices({ store, pool, clock, host: options.host, dialogs: options.dialogs })
  let closing: Promise<void> | undefined
  return {
    store,
    pool,
    services,
    close: () => {
      closing ??= (async () => {
        services.dispose()
        await pool.close()
        store.close()
      })()
      return closing
    },
  }
}
