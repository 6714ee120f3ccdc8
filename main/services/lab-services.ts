/**
 * Builds every service of the lab bench from its collaborators and exposes them as one
 * `ApiBackend` (handlers + events). Used by the Electron composition root, browser mode, the CLI
 * and the contract tests, so all of them run the same code.
 */
import type { RunStore } from '../store/run-store'
import type { IJobPool } from '../workers/job-pool'
import type { ApiBackend, ApiEventSources, ApiHandlers } from './api-handlers'
import { ArchiveService, type FileDialogs } from './archive-service'
import { CalibrationService } from './calibration-service'
import { CatalogService, type HostInfo } from './catalog-service'
import type { Clock } from './clock'
import { HistoryService } from './history-service'
import { LibraryService } from './library-service'
import { Disposable } from './lifecycle'
import { RunService } from './run-service'

/** Collaborators of the lab services. */
export interface LabServicesOptions {
  store: RunStore
  pool: IJobPool
  clock: Clock
  host: HostInfo
  /** Electron's file dialogs; absent in browser mode (files travel as bytes). */
  dialogs?: FileDialogs
  /** Progress pacing (tests may shorten it). */
  minProgressIntervalMs?: number
}

/** Every service, plus the contract tables over them. */
export class LabServices extends Disposable implements ApiBackend {
  readonly runs: RunService
  readonly history: HistoryService
  readonly library: LibraryService
  readonly catalog: CatalogService
  readonly archives: ArchiveService
  readonly calibration: CalibrationService
  readonly handlers: ApiHandlers
  readonly events: ApiEventSources

  constructor(options: LabServicesOptions) {
    super()
    const { store, pool, clock } = options
    this.runs = this._register(
      new RunService({ store, pool, clock, minProgressIntervalMs: options.minProgressIntervalMs }),
    )
    this.history = new HistoryService(store, this.runs)
    this.library = new LibraryService(store)
    this.catalog = new CatalogService(options.host, clock)
    this.archives = new ArchiveService(store, clock, options.dialogs)
    this.calibration = this._register(new CalibrationService({ store, pool, clock }))
    this.handlers = this.buildHandlers()
    this.events = {
      onDidProgress: this.runs.onDidProgress,
      onDidRunChange: this.runs.onDidRunChange,
      onDidExperimentChange: this.runs.onDidExperimentChange,
      onDidCalibrationChange: this.calibration.onDidChange,
    }
  }

  private buildHandlers(): ApiHandlers {
    const { runs, history, library, catalog, archives, calibration } = this
    return {
      getVersion: () => catalog.getVersion(),
      ping: () => catalog.ping(),
      listPresets: () => catalog.listPresets(),
      expandPreset: (request) => catalog.expandPreset(request.presetId, request.overrides),
      validateSpec: (request) => catalog.validateSpec(request.spec),
      getParameterRegistry: () => catalog.getParameterRegistry(),
      startExperiment: (request) => runs.startExperiment(request),
      cancelExperiment: (request) => runs.cancelExperiment(request.experimentId),
      listExperiments: (request) => history.listExperiments(request),
      getExperiment: (request) => history.getExperiment(request.experimentId),
      listRuns: (request) => history.listRuns(request),
      getRun: (request) => history.getRun(request.runId, request.withSeries ?? true),
      tagRun: (request) => history.tagRun(request.runId, request.tags),
      noteRun: (request) => history.noteRun(request.runId, request.notes),
      tagExperiment: (request) => history.tagExperiment(request.experimentId, request.tags),
      noteExperiment: (request) => history.noteExperiment(request.experimentId, request.notes),
      deleteExperiment: (request) => history.deleteExperiment(request.experimentId),
      deleteRun: (request) => history.deleteRun(request.runId),
      rerun: (request) => runs.rerun(request),
      compareRuns: (request) => history.compareRuns(request.runIds, request.baselineRunId),
      listParameterSets: () => library.listParameterSets(),
      getParameterSet: (request) => library.getParameterSet(request.name),
      saveParameterSet: (request) => library.saveParameterSet(request),
      deleteParameterSet: (request) => library.deleteParameterSet(request.name),
      listViews: () => library.listViews(),
      saveView: (request) => library.saveView(request),
      deleteView: (request) => library.deleteView(request.id),
      exportArchive: (request) => archives.exportArchive(request?.experimentIds),
      importArchive: (request) => archives.importArchive(request ?? {}),
      exportCsv: (request) => archives.exportCsv(request ?? {}),
      startCalibration: (request) => calibration.start(request),
      cancelCalibration: (request) => calibration.cancel(request.jobId),
      listCalibrations: () => calibration.list(),
    }
  }
}
