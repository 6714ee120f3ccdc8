/**
 * Calibration jobs from the app: fit free parameters to targets (the paper's, or the user's own in
 * the same JSON shape) with the engine's Nelder-Mead calibrator, evaluating every candidate on the
 * job pool, and save the fit as a named parameter set whose provenance records the fit. Jobs run in
 * the background; `onDidChange` reports each evaluation and the end.
 */
import { randomUUID } from 'node:crypto'
import { calibrate, freeParametersFrom, type FreeParameter } from '../../engine/calibration/calibrate'
import { DEFAULT_EVALUATION_OPTIONS } from '../../engine/calibration/evaluation-points'
import { REFERENCE_TARGETS_NAME, referenceTargets } from '../../engine/calibration/reference-targets'
import type { BatchRunner } from '../../engine/calibration/runner'
import { parseTargetsFile, type TargetsFile } from '../../engine/calibration/targets-schema'
import { parameterRegistry } from '../../engine/params/registry'
import { ENGINE_VERSION } from '../../engine/version'
import { AppError, type CalibrationJobInfo, type StartCalibrationRequest } from '../contract/api'
import type { RunStore } from '../store/run-store'
import type { IJobPool, JobHandle } from '../workers/job-pool'
import type { Clock } from './clock'
import { DEFAULT_PARAMETER_SET } from './experiment-plan'
import { Disposable, Emitter, toDisposable } from './lifecycle'
import { builtInSetValues } from './library-service'

/** Collaborators of `CalibrationService`. */
export interface CalibrationServiceOptions {
  store: Pick<RunStore, 'library'>
  pool: IJobPool
  clock: Clock
}

/** Default number of objective evaluations of an app calibration. */
const DEFAULT_MAX_EVALUATIONS = 60

interface CalibrationJob {
  info: CalibrationJobInfo
  isCancelled: boolean
  handles: Set<JobHandle>
}

/** Starts, tracks and cancels calibration jobs. */
export class CalibrationService extends Disposable {
  private readonly changeEmitter = this._register(new Emitter<CalibrationJobInfo>())
  /** A job's progress or completion. */
  readonly onDidChange = this.changeEmitter.event
  private readonly jobs = new Map<string, CalibrationJob>()

  constructor(private readonly options: CalibrationServiceOptions) {
    super()
    this._register(toDisposable(() => [...this.jobs.keys()].forEach((jobId) => this.stop(jobId))))
  }

  /** Validates the request, then starts the job in the background. */
  start(request: StartCalibrationRequest): { jobId: string } {
    const targets = this.targetsOf(request.targets)
    let free: FreeParameter[]
    try {
      free = freeParametersFrom(request.freeParameterIds, parameterRegistry)
    } catch (error) {
      throw AppError.validation([{ path: 'freeParameterIds', message: (error as Error).message }])
    }
    if (request.saveAs === DEFAULT_PARAMETER_SET) {
      throw new AppError(
        'CONFLICT',
        `"${DEFAULT_PARAMETER_SET}" is the built-in set; save the fit under another name`,
      )
    }
    const baseName = request.baseParameterSet ?? DEFAULT_PARAMETER_SET
    const baseValues = this.parameterSetValues(baseName)
    const start = Object.fromEntries(
      free.map((parameter) => [
        parameter.id,
        baseValues[parameter.id] ?? parameterRegistry.get(parameter.id)?.default ?? 0,
      ]),
    )
    const job: CalibrationJob = {
      info: {
        jobId: randomUUID(),
        status: 'running',
        saveAs: request.saveAs,
        iterations: 0,
        bestError: null,
        bestValues: { ...start },
        error: null,
        startedMs: this.options.clock.now(),
        finishedMs: null,
      },
      isCancelled: false,
      handles: new Set(),
    }
    this.jobs.set(job.info.jobId, job)
    this.emit(job)
    void this.run(job, { targets, free, start, baseName, baseValues, request })
    return { jobId: job.info.jobId }
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId)
    if (!job) throw AppError.notFound('calibration job', jobId)
    this.stop(jobId)
  }

  list(): CalibrationJobInfo[] {
    return [...this.jobs.values()].map((job) => ({ ...job.info, bestValues: { ...job.info.bestValues } }))
  }

  private stop(jobId: string): void {
    const job = this.jobs.get(jobId)
    if (!job || job.info.status !== 'running') return
    job.isCancelled = true
    job.handles.forEach((handle) => handle.cancel())
  }

  private targetsOf(input: unknown): TargetsFile {
    if (input === undefined) return referenceTargets()
    const parsed = parseTargetsFile(input)
    if (!parsed.ok)
      throw AppError.validation([{ path: 'targets', message: parsed.message }], 'Invalid targets')
    return parsed.file
  }

  private parameterSetValues(name: string): Record<string, number> {
    if (name === DEFAULT_PARAMETER_SET) return builtInSetValues()
    const stored = this.options.store.library.getParameterSet(name)
    if (!stored) throw AppError.notFound('parameter set', name)
    return { ...builtInSetValues(), ...stored.values }
  }

  /** Evaluates candidates on the pool; a cancelled job stops at its next batch. */
  private poolRunner(job: CalibrationJob, paramSet: Record<string, number>): BatchRunner {
    return async (specs, onPointDone) => {
      if (job.isCancelled) throw new AppError('CANCELLED', 'calibration cancelled')
      const handles = specs.map((spec) => this.options.pool.submit({ spec, paramSet }))
      handles.forEach((handle) => job.handles.add(handle))
      try {
        const outcomes = await Promise.all(
          handles.map(async (handle, index) => {
            const outcome = await handle.outcome
            onPointDone?.(index)
            return outcome
          }),
        )
        return outcomes.map((outcome) => {
          if (outcome.status === 'done') return outcome.result
          if (outcome.status === 'cancelled' || job.isCancelled)
            throw new AppError('CANCELLED', 'calibration cancelled')
          throw new AppError('ENGINE_FAILED', outcome.error)
        })
      } finally {
        handles.forEach((handle) => job.handles.delete(handle))
      }
    }
  }

  private async run(
    job: CalibrationJob,
    plan: {
      targets: TargetsFile
      free: FreeParameter[]
      start: Record<string, number>
      baseName: string
      baseValues: Record<string, number>
      request: StartCalibrationRequest
    },
  ): Promise<void> {
    const options = {
      ...DEFAULT_EVALUATION_OPTIONS,
      durationS: plan.request.durationS ?? DEFAULT_EVALUATION_OPTIONS.durationS,
      maxEvaluations: plan.request.maxIterations ?? DEFAULT_MAX_EVALUATIONS,
      initialStep: 0.1,
    }
    try {
      const result = await calibrate(
        plan.targets,
        this.poolRunner(job, plan.baseValues),
        plan.free,
        plan.start,
        options,
        (step) => {
          job.info.iterations = step.evaluation
          if (job.info.bestError === null || step.objective <= job.info.bestError) {
            job.info.bestError = step.objective
            job.info.bestValues = { ...step.values }
          }
          this.emit(job)
        },
      )
      if (job.isCancelled) throw new AppError('CANCELLED', 'calibration cancelled')
      this.options.store.library.saveParameterSet({
        name: plan.request.saveAs,
        // A set replaces the built-in one when used, so it carries every value of its base.
        values: { ...plan.baseValues, ...result.values },
        provenance: {
          fittedBy: 'app calibration',
          targets: plan.request.targets === undefined ? REFERENCE_TARGETS_NAME : 'user targets',
          engineVersion: ENGINE_VERSION,
          baseSet: plan.baseName,
          free: plan.free.map((parameter) => parameter.id),
          objective: result.objective,
          startObjective: result.startObjective,
          evaluations: result.evaluations,
          hasConverged: result.hasConverged,
          durationS: options.durationS,
          warmupS: options.warmupS,
          seed: options.seed,
          errors: result.comparisons.map((comparison) => ({
            targetId: comparison.targetId,
            quantity: comparison.quantity,
            relativeError: comparison.relativeError,
            pass: comparison.pass,
          })),
        },
      })
      job.info.status = 'done'
      job.info.bestError = result.objective
      job.info.bestValues = { ...result.values }
    } catch (error) {
      const isCancelled = job.isCancelled || (error instanceof AppError && error.code === 'CANCELLED')
      job.info.status = isCancelled ? 'cancelled' : 'failed'
      job.info.error = isCancelled ? null : error instanceof Error ? error.message : String(error)
    }
    job.info.finishedMs = this.options.clock.now()
    this.emit(job)
  }

  private emit(job: CalibrationJob): void {
    this.changeEmitter.fire({ ...job.info, bestValues: { ...job.info.bestValues } })
  }
}
