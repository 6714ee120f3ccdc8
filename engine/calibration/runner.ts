import type { RunSpec } from '../experiments/spec'
import type { RunResult } from '../results/run-result'

/**
 * How calibration and validation get results. They never call the engine directly: the caller
 * injects a runner, so the CLI can use the real engine (serially or on a worker pool) and tests can
 * use a small analytic stand-in that exercises the optimizer and the reporting.
 */

/** Runs one point synchronously (the shape of `runExperiment` with its parameter set bound). */
export type PointRunner = (spec: RunSpec) => RunResult

/**
 * Runs a batch of points, possibly in parallel, and resolves with the results in the order of
 * `specs`. `onPointDone` is called once per finished point (in completion order) for progress.
 */
export type BatchRunner = (
  specs: readonly RunSpec[],
  onPointDone?: (index: number) => void,
) => Promise<RunResult[]>

/** Wraps a synchronous point runner as a batch runner that runs the points one after another. */
export function serialBatchRunner(run: PointRunner): BatchRunner {
  return async (specs, onPointDone) => {
    const results: RunResult[] = []
    for (let index = 0; index < specs.length; index++) {
      results.push(run(specs[index]))
      onPointDone?.(index)
      // Yield between points so a caller's timers (progress output, cancellation) get a turn.
      await Promise.resolve()
    }
    return results
  }
}
