/**
 * Test harness: the real services on a temporary SQLite store and a real worker pool, running
 * either the engine or the scripted test worker (fault injection without the engine).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RunStore } from '../../../main/store/run-store'
import type { Clock } from '../../../main/services/clock'
import { LabServices } from '../../../main/services/lab-services'
import type { FileDialogs } from '../../../main/services/archive-service'
import { JobPool } from '../../../main/workers/job-pool'
import { nodeEngineWorkerEntry, typeScriptWorkerEntry } from '../../../main/workers/worker-entry'

/** A clock that advances one second per reading: deterministic stamps, and every progress report passes the pacer. */
export function steppingClock(startMs = Date.UTC(2026, 0, 1)): Clock {
  let nowMs = startMs
  return {
    now: () => {
      nowMs += 1_000
      return nowMs
    },
  }
}

/** Options of `createLabHarness`. */
export interface LabHarnessOptions {
  /** `scripted`: the test worker (seeds select faults); `engine`: the real engine worker. */
  worker?: 'scripted' | 'engine'
  threadCount?: number
  dialogs?: FileDialogs
  cancelGraceMs?: number
}

/** Real services over a temporary store; `close()` removes everything. */
export interface LabHarness {
  services: LabServices
  store: RunStore
  pool: JobPool
  directory: string
  /** Rows per table, to prove a rejected call wrote nothing. */
  rowCounts(): Record<string, number>
  close(): Promise<void>
}

const COUNTED_TABLES = [
  'experiments',
  'runs',
  'results',
  'run_tags',
  'experiment_tags',
  'parameter_sets',
  'comparison_views',
]

export function createLabHarness(options: LabHarnessOptions = {}): LabHarness {
  const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-test-'))
  const clock = steppingClock()
  const store = RunStore.open(join(directory, 'runs.sqlite'), { nowMs: () => clock.now() })
  const entry =
    options.worker === 'engine'
      ? nodeEngineWorkerEntry()
      : typeScriptWorkerEntry(new URL('../workers/fixtures/scripted-worker.ts', import.meta.url))
  const pool = new JobPool({
    entry,
    threadCount: options.threadCount ?? 2,
    cancelGraceMs: options.cancelGraceMs ?? 500,
  })
  const services = new LabServices({
    store,
    pool,
    clock,
    host: { appVersion: '0.0.0-test', mode: options.dialogs ? 'electron' : 'browser', electronVersion: null },
    dialogs: options.dialogs,
  })
  return {
    services,
    store,
    pool,
    directory,
    rowCounts: () =>
      Object.fromEntries(
        COUNTED_TABLES.map((table) => [
          table,
          (store.db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number }).count,
        ]),
      ),
    close: async () => {
      services.dispose()
      await pool.close()
      store.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
