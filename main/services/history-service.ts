/**
 * History: listing, reading, tagging, annotating, comparing and deleting stored experiments and
 * runs. Unknown ids are NOT_FOUND errors, checked before anything is written.
 */
import {
  AppError,
  type DeleteReport,
  type ExperimentFilter,
  type ExperimentRecord,
  type Page,
  type RunComparison,
  type RunDetail,
  type RunFilter,
  type RunSummary,
} from '../contract/api'
import type { RunStore } from '../store/run-store'
import { compareRunSummaries } from './run-comparison'
import type { RunService } from './run-service'

/** The store operations history needs. */
export type HistoryStore = Pick<
  RunStore,
  | 'listExperiments'
  | 'getExperiment'
  | 'listRuns'
  | 'getRun'
  | 'getRuns'
  | 'tags'
  | 'deleteExperiment'
  | 'deleteRun'
>

/** Reads and edits stored experiments and runs. */
export class HistoryService {
  constructor(
    private readonly store: HistoryStore,
    /** Cancels live runs of an experiment before it is deleted, and announces the deletion. */
    private readonly runs: Pick<
      RunService,
      'cancelExperiment' | 'isExperimentActive' | 'notifyExperimentDeleted' | 'notifyExperimentChanged'
    >,
  ) {}

  listExperiments(filter: ExperimentFilter = {}): Page<ExperimentRecord> {
    return this.store.listExperiments(filter)
  }

  getExperiment(experimentId: string): ExperimentRecord {
    const experiment = this.store.getExperiment(experimentId)
    if (!experiment) throw AppError.notFound('experiment', experimentId)
    return experiment
  }

  listRuns(filter: RunFilter = {}): Page<RunSummary> {
    return this.store.listRuns(filter)
  }

  /** One run with its result; without series the arrays are emptied (a much smaller payload). */
  getRun(runId: string, withSeries = true): RunDetail {
    const run = this.store.getRun(runId)
    if (!run) throw AppError.notFound('run', runId)
    if (withSeries || !run.result) return run
    const series = run.result.series
    return {
      ...run,
      result: {
        ...run.result,
        series: {
          intervalS: series.intervalS,
          timeS: [],
          throughputMbps: [],
          cpu: {},
          cwndSegments: [],
          lroRate: [],
        },
      },
    }
  }

  private requireRunSummary(runId: string): RunSummary {
    const page = this.store.listRuns({ ids: [runId], limit: 1 })
    const run = page.items[0]
    if (!run) throw AppError.notFound('run', runId)
    return run
  }

  tagRun(runId: string, tags: string[]): RunSummary {
    this.requireRunSummary(runId)
    this.store.tags.set({ kind: 'run', id: runId }, tags)
    return this.requireRunSummary(runId)
  }

  noteRun(runId: string, notes: string): RunSummary {
    this.requireRunSummary(runId)
    this.store.tags.setNotes({ kind: 'run', id: runId }, notes)
    return this.requireRunSummary(runId)
  }

  tagExperiment(experimentId: string, tags: string[]): ExperimentRecord {
    this.getExperiment(experimentId)
    this.store.tags.set({ kind: 'experiment', id: experimentId }, tags)
    return this.getExperiment(experimentId)
  }

  noteExperiment(experimentId: string, notes: string): ExperimentRecord {
    this.getExperiment(experimentId)
    this.store.tags.setNotes({ kind: 'experiment', id: experimentId }, notes)
    return this.getExperiment(experimentId)
  }

  /** Deletes an experiment with its runs, cancelling live ones first. */
  deleteExperiment(experimentId: string): DeleteReport {
    const experiment = this.getExperiment(experimentId)
    if (this.runs.isExperimentActive(experimentId)) this.runs.cancelExperiment(experimentId)
    const deletedRuns = Object.values(experiment.runCounts).reduce((sum, count) => sum + count, 0)
    this.store.deleteExperiment(experimentId)
    this.runs.notifyExperimentDeleted(experimentId)
    return { deletedRuns }
  }

  /**
   * Deletes one run with its result, series and tags; its experiment and the other runs stay. A run
   * still queued or running is refused (cancel its experiment first), so no worker writes to it.
   */
  deleteRun(runId: string): DeleteReport {
    const run = this.store.getRun(runId)
    if (!run) throw AppError.notFound('run', runId)
    if (run.status === 'queued' || run.status === 'running') {
      throw new AppError('CONFLICT', `run "${runId}" is ${run.status}; cancel its experiment first`, {
        runId,
      })
    }
    this.store.deleteRun(runId)
    this.runs.notifyExperimentChanged(run.experimentId)
    return { deletedRuns: 1 }
  }

  /** Compares runs in the order given; the baseline defaults to the first. */
  compareRuns(runIds: string[], baselineRunId?: string): RunComparison {
    const unique = [...new Set(runIds)]
    const page = this.store.listRuns({ ids: unique, limit: unique.length })
    const byId = new Map(page.items.map((run) => [run.id, run]))
    const missing = unique.filter((runId) => !byId.has(runId))
    if (missing.length > 0) throw AppError.notFound('run', missing[0])
    const baseline = baselineRunId ?? unique[0]
    if (!byId.has(baseline)) {
      throw AppError.validation([{ path: 'baselineRunId', message: 'must be one of runIds' }])
    }
    return compareRunSummaries(
      unique.map((runId) => byId.get(runId) as RunSummary),
      baseline,
    )
  }
}
