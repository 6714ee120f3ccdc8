/**
 * Runs a list of specs on the job pool and collects their outcomes in spec order: the engine side
 * of `labbench sweep` and of the pool benchmark (the app goes through `RunService`, which also
 * stores runs).
 */
import type { RunSpec } from '../../engine/experiments/spec'
import type { IJobPool, JobOutcome } from './job-pool'

/** Options of `runBatch`. */
export interface RunBatchOptions {
  /** Values of the named parameter set each spec refers to (by set name). */
  parameterSets?: ReadonlyMap<string, Record<string, number>>
  /** A run's simulated-time fraction, as the engine reports it. */
  onProgress?: (index: number, fraction: number) => void
  /** A run ended (any outcome). */
  onSettled?: (index: number, outcome: JobOutcome) => void
  /** Aborting cancels every unfinished run (their outcomes become `cancelled`). */
  signal?: AbortSignal
}

/** Submits every spec at once (the pool queues what it cannot run yet) and waits for all. */
export async function runBatch(
  pool: IJobPool,
  specs: readonly RunSpec[],
  options: RunBatchOptions = {},
): Promise<JobOutcome[]> {
  const handles = specs.map((spec, index) =>
    pool.submit({
      spec,
      paramSet: options.parameterSets?.get(spec.paramSet),
      onProgress: (progress) => options.onProgress?.(index, progress.fraction),
    }),
  )
  const cancelAll = (): void => handles.forEach((handle) => handle.cancel())
  if (options.signal?.aborted) cancelAll()
  options.signal?.addEventListener('abort', cancelAll, { once: true })
  try {
    return await Promise.all(
      handles.map(async (handle, index) => {
        const outcome = await handle.outcome
        options.onSettled?.(index, outcome)
        return outcome
      }),
    )
  } finally {
    options.signal?.removeEventListener('abort', cancelAll)
  }
}
