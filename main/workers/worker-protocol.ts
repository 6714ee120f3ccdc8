/**
 * Messages between the job pool (main thread) and an engine worker. The task travels through
 * piscina; progress travels over a dedicated MessagePort passed in the task (transferred), so a
 * chatty run never delays another run's result. Cancellation is a SharedArrayBuffer flag the worker
 * polls through the engine's `isCancelled`, so it needs no message round trip.
 */
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunProgress, RunResult } from '../../engine/results/run-result'

/** Index of the cancellation flag in the shared Int32Array (0 = keep going, 1 = stop). */
export const CANCEL_FLAG_INDEX = 0
/** Value written to the flag to ask the worker to stop at its next poll. */
export const CANCEL_REQUESTED = 1

/** What the pool sends to a worker for one run. */
export interface EngineTask {
  spec: RunSpec
  /** Values of the named parameter set the spec refers to, already looked up by the caller. */
  paramSet?: Record<string, number>
  /** Progress messages go here (`WorkerMessage`); transferred with the task. */
  progressPort: import('node:worker_threads').MessagePort
  /** Shared Int32Array(1) storage: the worker stops once slot 0 is `CANCEL_REQUESTED`. */
  cancelFlag: SharedArrayBuffer
}

/** A message the worker posts on the task's progress port. */
export type WorkerMessage =
  /** The worker picked the task up (it was queued until now). */
  | { type: 'started' }
  /** A sampled progress report from the engine. */
  | { type: 'progress'; progress: RunProgress }
  /** The last message of a task: everything it posted before has been delivered. */
  | { type: 'finished' }

/** What the worker returns for one task (a thrown error means `failed`, via piscina). */
export type EngineTaskResult = { status: 'done'; result: RunResult } | { status: 'cancelled' }
