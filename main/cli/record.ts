import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'
import { RunStore } from '../store/run-store'

/** One finished run to record: the spec it ran with and what it produced. */
export interface FinishedRun {
  spec: unknown
  result: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Records runs a CLI command just finished (e.g. `run --db`, `sweep --db`): creates the
 * experiment and its runs, already `done` with their results, in one transaction. Specs must be
 * validated (`parseRunSpec` output) and results engine `RunResult`s.
 */
export function recordRuns(
  dbPath: string,
  experimentName: string,
  runs: FinishedRun[],
  options: { preset?: string } = {},
): void {
  runs.forEach((run, index) => {
    if (!isRecord(run.spec) || typeof run.spec.config !== 'string') {
      throw new TypeError(`run ${index}: spec is not a validated run spec`)
    }
    if (
      !isRecord(run.result) ||
      typeof run.result.throughputMbps !== 'number' ||
      !isRecord(run.result.series)
    ) {
      throw new TypeError(`run ${index}: result is not a run result`)
    }
  })
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true })
  const store = RunStore.open(dbPath, { recoverInterrupted: false })
  try {
    store.transaction(() => {
      const { runIds } = store.createExperiment({
        name: experimentName,
        preset: options.preset ?? null,
        specs: runs.map((run) => run.spec as RunSpec),
      })
      runIds.forEach((runId, index) => store.storeResult(runId, runs[index].result as RunResult))
    })
  } finally {
    store.close()
  }
}
