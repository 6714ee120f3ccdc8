/**
 * The worker-thread entry of the job pool: runs one engine run per task. piscina calls the default
 * export with an `EngineTask`; progress goes out on the task's own MessagePort and cancellation is
 * read from the shared flag, so the engine stays unaware of threads.
 */
import { performance } from 'node:perf_hooks'
import { SimCancelledError } from '../../engine/kernel/simulation'
import { runExperiment, type RunOptions } from '../../engine/experiments/run-experiment'
import {
  CANCEL_FLAG_INDEX,
  CANCEL_REQUESTED,
  type EngineTask,
  type EngineTaskResult,
  type WorkerMessage,
} from './worker-protocol'

/** Runs the task's spec to completion, cancellation or failure (a throw fails the run). */
export default function runEngineTask(task: EngineTask): EngineTaskResult {
  const cancelFlag = new Int32Array(task.cancelFlag)
  const isCancelled = (): boolean => Atomics.load(cancelFlag, CANCEL_FLAG_INDEX) === CANCEL_REQUESTED
  const post = (message: WorkerMessage): void => task.progressPort.postMessage(message)
  post({ type: 'started' })
  try {
    if (isCancelled()) return { status: 'cancelled' }
    const options: RunOptions = {
      paramSet: task.paramSet,
      onProgress: (progress) => post({ type: 'progress', progress }),
      isCancelled,
      // The engine never reads a clock itself (it is pure); it fills wallMs from this.
      now: () => performance.now(),
    }
    const result = runExperiment(task.spec, options)
    return { status: 'done', result }
  } catch (error) {
    if (
      error instanceof SimCancelledError ||
      (error instanceof Error && error.name === 'SimCancelledError')
    ) {
      return { status: 'cancelled' }
    }
    throw error
  } finally {
    post({ type: 'finished' })
    task.progressPort.close()
  }
}
