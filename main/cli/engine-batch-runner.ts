import { performance } from 'node:perf_hooks'
import { serialBatchRunner, type BatchRunner } from '../../engine/calibration/runner'
import { runExperiment, type RunOptions } from '../../engine/experiments/run-experiment'
import { JobPool } from '../workers/job-pool'
import { nodeEngineWorkerEntry } from '../workers/worker-entry'

/** A batch runner on the real engine, and how to release what it holds. */
export interface EngineBatchRunner {
  runner: BatchRunner
  /** Worker threads in use (1 = serial on this thread). */
  parallelism: number
  close(): Promise<void>
}

/** Options of `createEngineBatchRunner`. */
export interface EngineBatchRunnerOptions {
  /** Points run at once; above 1 the job pool's worker threads are used. */
  jobs: number
  /** Parameter-set values (undefined: the engine's built-in calibrated set). */
  paramSet?: Record<string, number>
  /** Told when the pool cannot start and the runner falls back to serial. */
  onFallback?: (reason: string) => void
}

/**
 * Runs calibration and validation points on the real engine: serially on this thread for
 * `jobs <= 1`, otherwise on the services' job pool (one run per worker thread).
 */
export function createEngineBatchRunner(options: EngineBatchRunnerOptions): EngineBatchRunner {
  if (options.jobs > 1) {
    try {
      return poolRunner(options.jobs, options.paramSet)
    } catch (error) {
      options.onFallback?.(error instanceof Error ? error.message : String(error))
    }
  }
  const runOptions: RunOptions & { now?: () => number } = {
    paramSet: options.paramSet,
    // The engine reads no clock; it reports wallMs from this.
    now: () => performance.now(),
  }
  return {
    runner: serialBatchRunner((spec) => runExperiment(spec, runOptions)),
    parallelism: 1,
    close: async () => undefined,
  }
}

function poolRunner(jobs: number, paramSet: Record<string, number> | undefined): EngineBatchRunner {
  const pool = new JobPool({ entry: nodeEngineWorkerEntry(), threadCount: jobs })
  const runner: BatchRunner = async (specs, onPointDone) => {
    const outcomes = specs.map((spec, index) =>
      pool.submit({ spec, paramSet }).outcome.then((outcome) => {
        onPointDone?.(index)
        return outcome
      }),
    )
    return (await Promise.all(outcomes)).map((outcome, index) => {
      if (outcome.status === 'done') return outcome.result
      const reason = outcome.status === 'failed' ? outcome.error : 'cancelled'
      throw new Error(
        `point ${index} (${specs[index].config}, MTU ${specs[index].mtu}, ${specs[index].messageSize} B) ${reason}`,
      )
    })
  }
  return { runner, parallelism: pool.threadCount, close: () => pool.close() }
}
