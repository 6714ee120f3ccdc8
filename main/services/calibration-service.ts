/**
 * Calibration jobs (fit free parameters to measurements and save the fit as a named set). Until the
 * engine's calibration library can run on the job pool, starting one answers NOT_AVAILABLE; the
 * list and the change event already exist so the renderer can be built against them.
 */
import { AppError, type CalibrationJobInfo, type StartCalibrationRequest } from '../contract/api'
import type { RunStore } from '../store/run-store'
import type { IJobPool } from '../workers/job-pool'
import type { Clock } from './clock'
import { Disposable, Emitter } from './lifecycle'

/** Collaborators of `CalibrationService`. */
export interface CalibrationServiceOptions {
  store: Pick<RunStore, 'library'>
  pool: IJobPool
  clock: Clock
}

/** Starts, tracks and cancels calibration jobs. */
export class CalibrationService extends Disposable {
  private readonly changeEmitter = this._register(new Emitter<CalibrationJobInfo>())
  /** A job's progress or completion. */
  readonly onDidChange = this.changeEmitter.event
  private readonly jobs = new Map<string, CalibrationJobInfo>()

  constructor(private readonly options: CalibrationServiceOptions) {
    super()
  }

  start(request: StartCalibrationRequest): { jobId: string } {
    void request
    void this.options
    throw new AppError('NOT_AVAILABLE', 'calibration from the app is not available yet; use `labbench calibrate`')
  }

  cancel(jobId: string): void {
    if (!this.jobs.has(jobId)) throw AppError.notFound('calibration job', jobId)
  }

  list(): CalibrationJobInfo[] {
    return [...this.jobs.values()]
  }
}
