/**
 * The job pool: engine runs on worker threads (piscina), one run per thread, the rest queued.
 * Progress streams over a MessagePort per run; cancellation is cooperative first (a shared flag the
 * engine polls) and forced after a grace period (piscina's abort terminates the thread). A run whose
 * worker throws, crashes or exceeds its memory limit fails alone: the outcome carries the error
 * text and piscina replaces the thread, so the app never goes down with it.
 */
import { availableParallelism } from 'node:os'
import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunProgress, RunResult } from '../../engine/results/run-result'
import type { IDisposable } from '../services/lifecycle'
import type { WorkerEntry } from './worker-entry'
import {
  CANCEL_FLAG_INDEX,
  CANCEL_REQUESTED,
  type EngineTask,
  type EngineTaskResult,
  type WorkerMessage,
} from './worker-protocol'

/** How a submitted run ended. Never a rejection: failures are data. */
export type JobOutcome =
  { status: 'done'; result: RunResult } | { status: 'failed'; error: string } | { status: 'cancelled' }

/** One run to execute. */
export interface RunJob {
  spec: RunSpec
  /** Values of the parameter set the spec names, looked up by the caller. */
  paramSet?: Record<string, number>
  /** Called when a thread picks the run up (it was queued until then). */
  onStarted?: () => void
  /** Sampled progress from the engine, in order. */
  onProgress?: (progress: RunProgress) => void
}

/** A submitted run: its outcome and a way to stop it. */
export interface JobHandle {
  readonly outcome: Promise<JobOutcome>
  /** Asks the run to stop; a queued run is dropped at once, a running one after the grace period. */
  cancel(): void
}

/** What services need from the pool (tests may substitute a fake). */
export interface IJobPool extends IDisposable {
  /** Number of worker threads runs are spread over. */
  readonly threadCount: number
  submit(job: RunJob): JobHandle
  /** Stops every run and the threads; resolves once the threads are gone. */
  close(): Promise<void>
}

/** Options of `JobPool`. */
export interface JobPoolOptions {
  entry: WorkerEntry
  /** Worker threads; default `defaultThreadCount()`. */
  threadCount?: number
  /** Time a cancelled run gets to stop cooperatively before its thread is terminated. */
  cancelGraceMs?: number
  /** V8 old-generation limit per worker, MB: a runaway run fails instead of exhausting memory. */
  maxOldGenerationSizeMb?: number
  /** Idle threads exit after this long (they are respawned on demand). */
  idleTimeoutMs?: number
}

/** One thread fewer than the machine's cores (the main thread keeps the UI and API responsive), >= 1. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism() - 1)
}

const DEFAULT_CANCEL_GRACE_MS = 2_000
const DEFAULT_MAX_OLD_GENERATION_MB = 1_024
const DEFAULT_IDLE_TIMEOUT_MS = 60_000
/** Longest wait for a finished worker's last progress message (it normally takes one tick). */
const PORT_DRAIN_TIMEOUT_MS = 1_000

/** The engine job pool on worker threads. */
export class JobPool implements IJobPool {
  readonly threadCount: number
  private readonly piscina: Piscina<EngineTask, EngineTaskResult>
  private readonly cancelGraceMs: number
  private readonly activeHandles = new Set<{ cancel(): void }>()
  private isClosing = false
  private waitingRuns = 0

  constructor(options: JobPoolOptions) {
    this.threadCount = Math.max(1, Math.floor(options.threadCount ?? defaultThreadCount()))
    this.cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS
    this.piscina = new Piscina<EngineTask, EngineTaskResult>({
      filename: options.entry.filename,
      execArgv: options.entry.execArgv,
      minThreads: 0,
      maxThreads: this.threadCount,
      idleTimeout: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DEFAULT_MAX_OLD_GENERATION_MB,
      },
    })
    // piscina emits 'error' for failures outside a task (e.g. a thread that dies while idle);
    // without a listener EventEmitter would throw and take the process down.
    this.piscina.on('error', (error: unknown) => console.error('job pool worker error:', error))
  }

  /**
   * Runs submitted that have not started on a thread yet. Counted by the pool itself from each
   * run's 'started' message: piscina's own queueSize leaves out a task it has already handed to a
   * thread that is still starting, which made this 0 now and then on a loaded machine.
   */
  get queuedCount(): number {
    return this.waitingRuns
  }

  submit(job: RunJob): JobHandle {
    if (this.isClosing) {
      return { outcome: Promise.resolve({ status: 'cancelled' }), cancel: () => undefined }
    }
    const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)
    const { port1: listenPort, port2: workerPort } = new MessageChannel()
    const abort = new AbortController()
    let hasStarted = false
    let isFinished = false
    this.waitingRuns++
    let isCancelRequested = false
    let graceTimer: NodeJS.Timeout | undefined

    // Progress and the result travel on different ports, so they may arrive in either order; the
    // worker's last message on this port is 'finished', and the outcome waits for it (briefly) so
    // every progress report is delivered before the outcome.
    let markPortDrained!: () => void
    const portDrained = new Promise<void>((resolve) => (markPortDrained = resolve))
    listenPort.on('message', (message: WorkerMessage) => {
      if (message.type === 'finished') markPortDrained()
      if (isFinished) return
      if (message.type === 'started') {
        hasStarted = true
        this.waitingRuns--
        job.onStarted?.()
      } else if (message.type === 'progress') {
        job.onProgress?.(message.progress)
      }
    })

    const cancel = (): void => {
      if (isFinished || isCancelRequested) return
      isCancelRequested = true
      Atomics.store(new Int32Array(cancelFlag), CANCEL_FLAG_INDEX, CANCEL_REQUESTED)
      if (!hasStarted) {
        // Still queued (as far as we know): drop it from the queue now. If the thread had just
        // picked it up, piscina terminates that thread, which costs only a respawn.
        abort.abort()
        return
      }
      graceTimer = setTimeout(() => abort.abort(), this.cancelGraceMs)
      graceTimer.unref()
    }
    const handle = { cancel }
    this.activeHandles.add(handle)

    const task: EngineTask = { spec: job.spec, paramSet: job.paramSet, progressPort: workerPort, cancelFlag }
    const outcome = this.piscina
      .run(task, { transferList: [workerPort], signal: abort.signal })
      .then(
        async (taskResult): Promise<JobOutcome> => {
          if (taskResult.status !== 'done') return { status: 'cancelled' }
          await Promise.race([portDrained, delay(PORT_DRAIN_TIMEOUT_MS)])
          return { status: 'done', result: taskResult.result }
        },
        (error: unknown): JobOutcome =>
          isCancelRequested || this.isClosing
            ? { status: 'cancelled' }
            : { status: 'failed', error: errorText(error) },
      )
      .finally(() => {
        if (!hasStarted) this.waitingRuns--
        isFinished = true
        if (graceTimer) clearTimeout(graceTimer)
        this.activeHandles.delete(handle)
        listenPort.close()
      })
    return { outcome, cancel }
  }

  async close(): Promise<void> {
    if (this.isClosing) return
    this.isClosing = true
    for (const handle of [...this.activeHandles]) handle.cancel()
    await this.piscina.destroy()
  }

  dispose(): void {
    this.close().catch((error: unknown) => console.error('job pool close failed:', error))
  }
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref())
}

/** The text stored for a failed run: the error's message (stack only for non-Error throws). */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
