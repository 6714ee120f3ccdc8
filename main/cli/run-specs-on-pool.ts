/**
 * Runs a list of specs on the worker pool for a CLI command: a progress bar on stderr, each run
 * recorded in the store as it finishes (so a killed command keeps every finished run), SIGINT and
 * SIGTERM cancel the remaining runs. Shared by `sweep` and `sensitivity`.
 */
import type { RunResult, RunSpec } from '../../engine/index'
import { JobPool, type JobOutcome } from '../workers/job-pool'
import { runBatch } from '../workers/run-batch'
import { nodeEngineWorkerEntry } from '../workers/worker-entry'
import type { NewExperiment } from '../store/types'
import type { CliIo } from './command'
import { openRecorder } from './record'

/** How a command runs its specs. */
export interface PoolRunOptions {
  /** Command name, prefixed to progress lines. */
  label: string
  /** What the runs are, for the first line. */
  title: string
  threadCount: number
  /** Store to record into; undefined records nothing. */
  dbPath: string | undefined
  experimentName: string
  presetId: string | null
  /** Ids and plan ordinals of the runs when they are a shard of a larger plan. */
  identity?: NewExperiment['identity']
  /** The sensitivity analysis the specs were planned for, stored with the experiment. */
  analysis?: NewExperiment['analysis']
}

const BAR_WIDTH = 30

/**
 * Draws the progress bar. On a terminal each bar replaces the previous line (cursor up, clear);
 * otherwise (logs, CI) a line is printed only when a run ends.
 */
function progressReporter(
  io: CliIo,
  label: string,
  total: number,
): (done: number, fraction: number, failed: number, isRunEnd: boolean) => void {
  let lastLine = ''
  return (done, fraction, failed, isRunEnd) => {
    if (!io.isErrTty && !isRunEnd) return
    const filled = Math.round(fraction * BAR_WIDTH)
    const line =
      `${label}: [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${done}/${total} runs${failed > 0 ? `, ${failed} failed` : ''}`
    if (line === lastLine) return
    io.err(io.isErrTty && lastLine !== '' ? `\u001b[1A\u001b[2K${line}` : line)
    lastLine = line
  }
}

/** Runs the specs; resolves with one outcome per spec, in order, and whether it was interrupted. */
export async function runSpecsOnPool(
  io: CliIo,
  specs: readonly RunSpec[],
  options: PoolRunOptions,
): Promise<{ outcomes: JobOutcome[]; isInterrupted: boolean }> {
  const { label } = options
  // Open the store first: a wrong --db fails before any run.
  const recorder = options.dbPath === undefined ? null : openRecorder(options.dbPath)
  recorder?.startExperiment(
    options.experimentName,
    [...specs],
    options.presetId,
    options.identity,
    options.analysis,
  )
  io.err(`${label}: ${options.title}: ${specs.length} runs on ${options.threadCount} thread(s)`)
  const fractions = new Array<number>(specs.length).fill(0)
  let done = 0
  let failed = 0
  const report = progressReporter(io, label, specs.length)
  const overall = (): number => fractions.reduce((sum, fraction) => sum + fraction, 0) / specs.length
  const pool = new JobPool({ entry: nodeEngineWorkerEntry(), threadCount: options.threadCount })
  const interrupt = new AbortController()
  const onSignal = (): void => {
    io.err(`${label}: interrupted, cancelling the remaining runs`)
    interrupt.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let outcomes: JobOutcome[]
  try {
    report(0, 0, 0, io.isErrTty)
    outcomes = await runBatch(pool, specs, {
      signal: interrupt.signal,
      onProgress: (index, fraction) => {
        fractions[index] = fraction
        report(done, overall(), failed, false)
      },
      onSettled: (index, outcome) => {
        fractions[index] = 1
        done += 1
        if (outcome.status === 'done') recorder?.storeResult(index, outcome.result as RunResult)
        if (outcome.status === 'failed') {
          failed += 1
          recorder?.storeFailure(index, outcome.error)
        }
        report(done, overall(), failed, true)
      },
    })
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await pool.close()
    recorder?.close()
  }
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === 'failed')
      io.err(`${label}: run ${index} (${specs[index].config}) failed: ${outcome.error}`)
  }
  return { outcomes, isInterrupted: interrupt.signal.aborted }
}
