/**
 * Runs experiments: writes the experiment and its queued runs first (so a crash leaves a record),
 * then schedules every run on the job pool, stores each final result in its own transaction, marks
 * failures with their error text, and cancels on request (finished runs stay stored, the rest
 * become `cancelled`). Emits paced progress, run status changes and experiment changes.
 */
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'
import {
  AppError,
  type CancelReport,
  type ExperimentRecord,
  type ExperimentChangeEvent,
  type ProgressBatch,
  type RunChangeEvent,
  type RunMetrics,
  type StartExperimentRequest,
  type StartedExperiment,
} from '../contract/api'
import type { RunStore } from '../store/run-store'
import type { IJobPool, JobHandle, JobOutcome } from '../workers/job-pool'
import type { Clock } from './clock'
import { planExperiment, type ParameterSetLookup } from './experiment-plan'
import { Disposable, Emitter, toDisposable } from './lifecycle'
import { builtInSetValues } from './library-service'
import { ProgressPacer } from './progress-decimation'
import { parseRunSpec } from '../../engine/experiments/spec'

/** The store operations the run service needs. */
export type RunServiceStore = Pick<
  RunStore,
  | 'createExperiment'
  | 'markRunning'
  | 'recordProgress'
  | 'storeResult'
  | 'markFailed'
  | 'cancelRun'
  | 'cancelExperiment'
  | 'getExperiment'
  | 'getRun'
  | 'listRuns'
  | 'library'
>

/** Collaborators of `RunService`. */
export interface RunServiceOptions {
  store: RunServiceStore
  pool: IJobPool
  clock: Clock
  /** Progress pacing (defaults: 50 ms per run, 500 points per series). */
  minProgressIntervalMs?: number
  maxPointsPerSeries?: number
}

interface ActiveRun {
  runId: string
  experimentId: string
  spec: RunSpec
  paramSet: Record<string, number> | undefined
  /** The pool's handle once the run is handed to it; null while it waits in this service. */
  handle: JobHandle | null
  settled: Promise<void>
  markSettled: () => void
}

/** Runs handed to the pool at once per thread: enough to keep threads busy, few enough to scale. */
const SUBMITTED_PER_THREAD = 2

/** The headline metrics of a result (the history table's columns). */
export function metricsOf(result: RunResult): RunMetrics {
  return {
    throughputMbps: result.throughputMbps,
    throughputCi95: result.throughputCi95,
    lroRate: result.lroRate,
    clk: result.clk,
    inst: result.inst,
    specjbbScore: result.specjbbScore,
  }
}

/** Starts, tracks and cancels experiment runs on the job pool. */
export class RunService extends Disposable {
  private readonly progressEmitter = this._register(new Emitter<ProgressBatch>())
  private readonly runChangeEmitter = this._register(new Emitter<RunChangeEvent>())
  private readonly experimentChangeEmitter = this._register(new Emitter<ExperimentChangeEvent>())
  /** Live progress batches (paced, decimated). */
  readonly onDidProgress = this.progressEmitter.event
  /** Run status changes. */
  readonly onDidRunChange = this.runChangeEmitter.event
  /** Experiment created / updated / finished / deleted. */
  readonly onDidExperimentChange = this.experimentChangeEmitter.event

  private readonly store: RunServiceStore
  private readonly pool: IJobPool
  private readonly clock: Clock
  private readonly pacer: ProgressPacer
  /** Runs queued or running in this process, whether handed to the pool yet or not. */
  private readonly activeRuns = new Map<string, ActiveRun>()
  /**
   * Runs waiting to be handed to the pool, oldest first (from `waitingHead`). An experiment of
   * thousands of runs is fed to the pool a few at a time instead of all at once.
   */
  private waiting: ActiveRun[] = []
  private waitingHead = 0
  private submittedCount = 0
  private readonly runExperimentIds = new Map<string, string>()
  private isShuttingDown = false
  /** Runs cancelled by the user whose worker has not stopped yet: their late progress is dropped. */
  private readonly cancelledRunIds = new Set<string>()
  /** Experiments whose 'finished' event has been sent (late settles of cancelled runs repeat none). */
  private readonly finishedExperimentIds = new Set<string>()

  constructor(options: RunServiceOptions) {
    super()
    this.store = options.store
    this.pool = options.pool
    this.clock = options.clock
    this.pacer = new ProgressPacer({
      clock: options.clock,
      minIntervalMs: options.minProgressIntervalMs,
      maxPointsPerSeries: options.maxPointsPerSeries,
      emit: (runId, progress) => this.forwardProgress(runId, progress),
    })
    this._register(toDisposable(() => this.cancelAll()))
  }

  /**
   * Looks up a named parameter set's values in the store. A set replaces the engine's built-in one
   * when used, so its values are layered over the built-in set (ids it does not name keep theirs).
   */
  readonly lookupParameterSet: ParameterSetLookup = (name) => {
    const stored = this.store.library.getParameterSet(name)
    return stored ? { ...builtInSetValues(), ...stored.values } : undefined
  }

  /** Validates, stores and schedules an experiment. Nothing is written when validation fails. */
  startExperiment(request: StartExperimentRequest): StartedExperiment {
    const plan = planExperiment(request, this.lookupParameterSet)
    const created = this.store.createExperiment({
      name: request.name,
      preset: plan.presetId,
      analysis: plan.analysis,
      notes: request.notes,
      tags: request.tags,
      specs: plan.specs,
      createdMs: this.clock.now(),
    })
    this.scheduleCreated(created.experimentId, created.runIds, plan.specs, plan.parameterSets)
    return created
  }

  /** Starts a new experiment with the stored specs of the given runs (or of a whole experiment). */
  rerun(request: { runIds?: string[]; experimentId?: string; name?: string }): StartedExperiment {
    let runIds = request.runIds
    let name = request.name
    let preset: string | null = null
    let analysis: ExperimentRecord['analysis'] = null
    let tags: string[] = []
    if (request.experimentId !== undefined) {
      const experiment = this.store.getExperiment(request.experimentId)
      if (!experiment) throw AppError.notFound('experiment', request.experimentId)
      runIds = this.runIdsOfExperiment(request.experimentId)
      name ??= `${experiment.name} (rerun)`
      preset = experiment.preset
      // The whole experiment in ordinal order: run i is still the plan's spec i.
      analysis = experiment.analysis
      tags = experiment.tags
    }
    const ids = runIds ?? []
    const runs = ids.map((runId) => {
      const run = this.store.getRun(runId)
      if (!run) throw AppError.notFound('run', runId)
      return run
    })
    if (runs.length === 0)
      throw AppError.validation([{ path: 'experimentId', message: 'the experiment has no runs' }])
    // Stored specs are checked again with the engine's schema (a store written by another build, or
    // by hand, may hold one this engine refuses): a bad one is named, never run as is.
    const specs: RunSpec[] = runs.map((run) => {
      const parsed = parseRunSpec(run.spec)
      if (parsed.ok) return parsed.spec
      const issue = parsed.issues[0]
      throw AppError.validation([
        { path: 'runIds', message: `run ${run.id}: spec.${issue.path}: ${issue.message}` },
      ])
    })
    const parameterSets = new Map<string, Record<string, number>>()
    for (const spec of specs) {
      if (spec.paramSet === 'default' || parameterSets.has(spec.paramSet)) continue
      const values = this.lookupParameterSet(spec.paramSet)
      if (!values)
        throw AppError.validation([
          { path: 'runIds', message: `parameter set "${spec.paramSet}" no longer exists` },
        ])
      parameterSets.set(spec.paramSet, values)
    }
    const created = this.store.createExperiment({
      name: name ?? `${runs[0].experimentName} (rerun)`,
      preset,
      analysis,
      tags,
      specs,
      createdMs: this.clock.now(),
    })
    this.scheduleCreated(created.experimentId, created.runIds, specs, parameterSets)
    return created
  }

  private runIdsOfExperiment(experimentId: string): string[] {
    return this.store
      .listRuns({ experimentId, sort: 'created', order: 'asc', limit: 10_000 })
      .items.sort((left, right) => left.ordinal - right.ordinal)
      .map((run) => run.id)
  }

  /** Cancels the unfinished runs of an experiment; finished ones stay stored. */
  cancelExperiment(experimentId: string): CancelReport {
    if (!this.store.getExperiment(experimentId)) throw AppError.notFound('experiment', experimentId)
    const active = [...this.activeRuns.values()].filter((run) => run.experimentId === experimentId)
    const cancelledRuns = this.store.cancelExperiment(experimentId, this.clock.now())
    for (const run of active) {
      if (run.handle === null) this.dropWaiting(run)
      else {
        this.cancelledRunIds.add(run.runId)
        run.handle.cancel()
        this.pacer.drop(run.runId)
      }
      this.emitRunChange(run.runId, run.experimentId, 'cancelled', null, null, null)
    }
    this.emitExperimentChange(experimentId)
    return { cancelledRuns }
  }

  /** Resolves when every run of the experiment scheduled by this service has settled. */
  async whenExperimentSettled(experimentId: string): Promise<void> {
    const pending = [...this.activeRuns.values()].filter((run) => run.experimentId === experimentId)
    await Promise.all(pending.map((run) => run.settled))
  }

  /** True while any run of the experiment is queued or running in this process. */
  isExperimentActive(experimentId: string): boolean {
    for (const run of this.activeRuns.values()) if (run.experimentId === experimentId) return true
    return false
  }

  /** Runs queued or running in this process. */
  get activeRunCount(): number {
    return this.activeRuns.size
  }

  /** Tells listeners an experiment changed outside a run (e.g. one of its runs was deleted). */
  notifyExperimentChanged(experimentId: string): void {
    this.emitExperimentChange(experimentId, 'updated')
  }

  /** Tells listeners an experiment was deleted (the history service deletes it). */
  notifyExperimentDeleted(experimentId: string): void {
    this.finishedExperimentIds.delete(experimentId)
    this.experimentChangeEmitter.fire({ experimentId, kind: 'deleted', experiment: null })
  }

  private scheduleCreated(
    experimentId: string,
    runIds: readonly string[],
    specs: readonly RunSpec[],
    parameterSets: ReadonlyMap<string, Record<string, number>>,
  ): void {
    this.emitExperimentChange(experimentId, 'created')
    runIds.forEach((runId, index) => {
      const spec = specs[index]
      this.schedule(runId, experimentId, spec, parameterSets.get(spec.paramSet))
    })
  }

  private schedule(
    runId: string,
    experimentId: string,
    spec: RunSpec,
    paramSet?: Record<string, number>,
  ): void {
    this.runExperimentIds.set(runId, experimentId)
    let markSettled!: () => void
    const settled = new Promise<void>((resolve) => (markSettled = resolve))
    const run: ActiveRun = { runId, experimentId, spec, paramSet, handle: null, settled, markSettled }
    this.activeRuns.set(runId, run)
    this.waiting.push(run)
    this.submitWaiting()
  }

  /** Hands waiting runs to the pool while it has fewer than SUBMITTED_PER_THREAD per thread. */
  private submitWaiting(): void {
    const limit = Math.max(1, this.pool.threadCount) * SUBMITTED_PER_THREAD
    while (this.submittedCount < limit && this.waitingHead < this.waiting.length && !this.isShuttingDown) {
      const run = this.waiting[this.waitingHead++]
      // A run cancelled (or its experiment deleted) while waiting is no longer active: skip it.
      if (this.activeRuns.get(run.runId) === run) this.submit(run)
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead)
      this.waitingHead = 0
    }
  }

  private submit(run: ActiveRun): void {
    const { runId, experimentId } = run
    this.submittedCount++
    run.handle = this.pool.submit({
      spec: run.spec,
      paramSet: run.paramSet,
      onStarted: () => {
        if (this.store.markRunning(runId, this.clock.now())) {
          this.emitRunChange(runId, experimentId, 'running', null, null, null)
        }
      },
      onProgress: (progress) => this.pacer.push(runId, progress),
    })
    run.handle.outcome
      .then(
        (outcome) => this.finish(runId, experimentId, outcome),
        (error: unknown) => this.finish(runId, experimentId, { status: 'failed', error: String(error) }),
      )
      .finally(() => {
        this.submittedCount--
        run.markSettled()
        this.submitWaiting()
      })
  }

  /** Drops a run that never reached the pool (its experiment was cancelled or is closing). */
  private dropWaiting(run: ActiveRun): void {
    this.activeRuns.delete(run.runId)
    this.runExperimentIds.delete(run.runId)
    run.markSettled()
  }

  private finish(runId: string, experimentId: string, outcome: JobOutcome): void {
    this.activeRuns.delete(runId)
    // After dispose the store may already be closed; cancelAll recorded these runs as cancelled.
    if (this.isShuttingDown) return
    const nowMs = this.clock.now()
    try {
      if (outcome.status === 'done') {
        this.pacer.flush(runId)
        if (this.isUnfinished(runId)) {
          this.store.storeResult(runId, outcome.result, nowMs)
          this.emitRunChange(
            runId,
            experimentId,
            'done',
            null,
            metricsOf(outcome.result),
            outcome.result.wallMs,
          )
        }
      } else if (outcome.status === 'failed') {
        this.pacer.drop(runId)
        if (this.store.markFailed(runId, outcome.error, nowMs)) {
          this.emitRunChange(runId, experimentId, 'failed', outcome.error, null, null)
        }
      } else {
        this.pacer.drop(runId)
        if (this.store.cancelRun(runId, nowMs))
          this.emitRunChange(runId, experimentId, 'cancelled', null, null, null)
      }
    } catch (error) {
      // The store refused (e.g. the experiment was deleted meanwhile): the run no longer exists,
      // so there is nothing to record. Report it rather than crash the main process.
      if (this.store.getRun(runId)) console.error(`run ${runId}: could not record its outcome:`, error)
    }
    this.runExperimentIds.delete(runId)
    const wasCancelledByUser = this.cancelledRunIds.delete(runId)
    // cancelExperiment already recorded these runs and announced the experiment once: re-reading
    // the experiment (a count over all its runs) for each of them made cancelling N runs O(N^2).
    if (wasCancelledByUser) return
    if (this.store.getExperiment(experimentId)) this.emitExperimentChange(experimentId)
  }

  private isUnfinished(runId: string): boolean {
    const status = this.store.getRun(runId)?.status
    return status === 'queued' || status === 'running'
  }

  private forwardProgress(
    runId: string,
    progress: ProgressBatch | Omit<ProgressBatch, 'runId' | 'experimentId'>,
  ): void {
    const experimentId = this.runExperimentIds.get(runId)
    if (experimentId === undefined || this.cancelledRunIds.has(runId)) return
    this.store.recordProgress(runId, progress.fraction)
    this.progressEmitter.fire({
      runId,
      experimentId,
      fraction: progress.fraction,
      simTimeS: progress.simTimeS,
      events: progress.events,
      samples: progress.samples,
    })
  }

  private emitRunChange(
    runId: string,
    experimentId: string,
    status: RunChangeEvent['status'],
    error: string | null,
    metrics: RunMetrics | null,
    wallMs: number | null,
  ): void {
    this.runChangeEmitter.fire({ runId, experimentId, status, error, metrics, wallMs })
  }

  private emitExperimentChange(experimentId: string, kind?: ExperimentChangeEvent['kind']): void {
    const experiment = this.store.getExperiment(experimentId)
    if (!experiment) return
    const isFinished = experiment.runCounts.queued === 0 && experiment.runCounts.running === 0
    if (kind === undefined && isFinished) {
      if (this.finishedExperimentIds.has(experimentId)) return
      this.finishedExperimentIds.add(experimentId)
    }
    this.experimentChangeEmitter.fire({
      experimentId,
      kind: kind ?? (isFinished ? 'finished' : 'updated'),
      experiment,
    })
  }

  /** On shutdown: stops every run and records it as cancelled while the store is still open. */
  private cancelAll(): void {
    this.isShuttingDown = true
    const nowMs = this.clock.now()
    for (const run of [...this.activeRuns.values()]) {
      if (run.handle === null) this.dropWaiting(run)
      else run.handle.cancel()
      try {
        this.store.cancelRun(run.runId, nowMs)
      } catch (error) {
        // The store is already closed: the next open marks the run `interrupted` instead.
        console.error(`run ${run.runId}: could not record the cancellation:`, error)
      }
    }
  }
}
