import type { RunProgress, RunResult } from '../results/run-result'
import type { RunSpec } from './spec'

/** Options of `runExperiment`. */
export interface RunOptions {
  /**
   * The named parameter set the spec refers to (values by id), already looked up by the caller;
   * the spec's own overrides are applied on top. Defaults to the built-in calibrated set.
   */
  paramSet?: Readonly<Record<string, number>>
  /** Sampled progress (a few times per simulated sample interval at most). */
  onProgress?: (progress: RunProgress) => void
  /** Polled every few thousand events; true stops the run with SimCancelledError. */
  isCancelled?: () => boolean
}

/** Runs one experiment point synchronously (call it from a worker thread in the app). */
export function runExperiment(spec: RunSpec, options: RunOptions = {}): RunResult {
  void spec
  void options
  throw new Error('runExperiment: the engine models are not assembled yet')
}
