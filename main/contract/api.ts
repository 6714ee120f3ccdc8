/**
 * The typed API contract between the main process (or the browser-mode server) and the renderer:
 * the `LabApi` interface that `window.api` exposes, the zod request schema of every method, the
 * event names and the error codes. Imported by the preload, the dispatcher and (type-only) the
 * renderer; no Node or Electron imports here.
 *
 * Calling convention (one rule for every transport): a method takes at most one argument, a plain
 * request object, and returns a Promise of JSON-safe data; it rejects with an `AppError`. Events are
 * `onDidX(listener)` and return a function that unsubscribes. Feature code never writes a channel
 * string: transports derive them from `API_METHODS` / `API_EVENTS` (see `channels.ts`).
 */
import type { SensitivityRequestInput } from '../../engine/analysis/sensitivity-plan'
import type {
  AppVersionInfo,
  ArchiveExportResult,
  ArchiveImportResult,
  CalibrationJobInfo,
  CancelReport,
  ComparisonViewRecord,
  CsvExportResult,
  DeleteReport,
  ExperimentChangeEvent,
  ExperimentFilter,
  ExperimentRecord,
  Page,
  ParameterInfo,
  ParameterSetRecord,
  PingResult,
  PresetInfo,
  PresetOverrides,
  ProgressBatch,
  RunChangeEvent,
  RunComparison,
  RunDetail,
  RunFilter,
  RunSpec,
  RunSummary,
  SpecValidation,
  StartedExperiment,
} from './api-types'

import { API_EVENTS, API_METHODS } from './api-names'
import { API_REQUEST_SCHEMAS } from './api-schemas'

export * from './api-types'
export * from './errors'
export { API_REQUEST_SCHEMAS, type ApiRequest } from './api-schemas'
export {
  API_EVENTS,
  API_METHODS,
  EVENT_CHANNEL,
  isApiEventName,
  isApiMethodName,
  methodChannel,
} from './api-names'

/** Unsubscribes an event listener. */
export type Unsubscribe = () => void

/**
 * The request of `startExperiment`: a preset (with overrides), explicit specs, or a sensitivity
 * analysis (whose plan gives the specs; the analysis is stored with the experiment).
 */
export interface StartExperimentRequest {
  name: string
  /** Preset id; when set, `specs` and `sensitivity` must be absent and the preset is expanded. */
  presetId?: string
  /** A sensitivity analysis to plan and run (see `engine/analysis/sensitivity-plan.ts`). */
  sensitivity?: SensitivityRequestInput
  /** Applied on top of every expanded preset spec. */
  overrides?: PresetOverrides
  /** Hand-written specs (inputs: defaults are filled in); required without `presetId`. */
  specs?: unknown[]
  /** Each spec is run this many times with seeds seed, seed+1, ... (default 1). */
  replications?: number
  notes?: string
  tags?: string[]
}

/** The request of `startCalibration` (E3's `engine/calibration/`). */
export interface StartCalibrationRequest {
  /** Targets in the shape of `calibration-targets.json`; omitted = the built-in paper targets. */
  targets?: unknown
  /** Parameter ids the optimizer may move. */
  freeParameterIds: string[]
  /** Named set to start from (default `default`). */
  baseParameterSet?: string
  /** Name the fitted set is saved under. */
  saveAs: string
  maxIterations?: number
  /** Simulated seconds per evaluation run (shorter = faster, noisier). */
  durationS?: number
}

/** The API that `window.api` exposes to the renderer. */
export interface LabApi {
  // -- app --
  /** App, engine, Node and Electron versions and the hosting mode. */
  getVersion(): Promise<AppVersionInfo>
  /** Liveness check. */
  ping(): Promise<PingResult>

  // -- presets, specs, parameters --
  /** The paper's experiments (Table I, Figures 2-6, what-ifs). */
  listPresets(): Promise<PresetInfo[]>
  /** The validated specs a preset expands into, overrides applied (one replication). */
  expandPreset(request: { presetId: string; overrides?: PresetOverrides }): Promise<RunSpec[]>
  /** Validates one spec; never rejects for a bad spec (issues come back as data). */
  validateSpec(request: { spec: unknown }): Promise<SpecValidation>
  /** Every engine parameter with unit, range, help, group and provenance. */
  getParameterRegistry(): Promise<ParameterInfo[]>

  // -- experiments and runs --
  /** Stores the experiment and its queued runs, then schedules them on the job pool. */
  startExperiment(request: StartExperimentRequest): Promise<StartedExperiment>
  /** Cancels the unfinished runs of an experiment (finished runs stay stored). */
  cancelExperiment(request: { experimentId: string }): Promise<CancelReport>
  listExperiments(request?: ExperimentFilter): Promise<Page<ExperimentRecord>>
  getExperiment(request: { experimentId: string }): Promise<ExperimentRecord>
  /** Filtered, sorted, paged run list (headline metrics, no series). */
  listRuns(request?: RunFilter): Promise<Page<RunSummary>>
  /** One run with its result; `withSeries: false` strips the time series (smaller payload). */
  getRun(request: { runId: string; withSeries?: boolean }): Promise<RunDetail>
  /** Replaces the tags of a run. */
  tagRun(request: { runId: string; tags: string[] }): Promise<RunSummary>
  /** Replaces the notes of a run. */
  noteRun(request: { runId: string; notes: string }): Promise<RunSummary>
  /** Replaces the tags of an experiment. */
  tagExperiment(request: { experimentId: string; tags: string[] }): Promise<ExperimentRecord>
  /** Replaces the notes of an experiment. */
  noteExperiment(request: { experimentId: string; notes: string }): Promise<ExperimentRecord>
  /** Deletes an experiment and its runs (cancels unfinished ones first). */
  deleteExperiment(request: { experimentId: string }): Promise<DeleteReport>
  /** Deletes one finished run (its experiment and the other runs stay); CONFLICT while it runs. */
  deleteRun(request: { runId: string }): Promise<DeleteReport>
  /** Starts a new experiment with the same specs as the given runs (or a whole experiment). */
  rerun(request: { runIds?: string[]; experimentId?: string; name?: string }): Promise<StartedExperiment>
  /** Aligned parameter diff and metric deltas against a baseline (default: the first run). */
  compareRuns(request: { runIds: string[]; baselineRunId?: string }): Promise<RunComparison>

  // -- parameter sets and saved views --
  listParameterSets(): Promise<ParameterSetRecord[]>
  getParameterSet(request: { name: string }): Promise<ParameterSetRecord>
  /** Creates or replaces a named set; values are validated against the registry. */
  saveParameterSet(request: {
    name: string
    values: Record<string, number>
    provenance?: Record<string, unknown>
  }): Promise<ParameterSetRecord>
  deleteParameterSet(request: { name: string }): Promise<void>
  listViews(): Promise<ComparisonViewRecord[]>
  /** Creates (no id) or replaces (id) a saved comparison view. */
  saveView(request: {
    id?: string
    name: string
    runIds: string[]
    baselineRunId?: string | null
    options?: Record<string, unknown>
  }): Promise<ComparisonViewRecord>
  deleteView(request: { id: string }): Promise<void>

  // -- files --
  /**
   * Exports experiments (default all) as a SQLite archive. Electron: asks where to save and returns
   * `saved`/`cancelled`. Browser mode: returns `download` with the bytes in base64.
   */
  exportArchive(request?: { experimentIds?: string[] }): Promise<ArchiveExportResult>
  /**
   * Imports an archive. Electron: without `bytesBase64` an open dialog asks for the file. Browser
   * mode: `bytesBase64` is required (the page reads the file the user picked).
   */
  importArchive(request?: { bytesBase64?: string; fileName?: string }): Promise<ArchiveImportResult>
  /** Exports the runs matching a filter (or the given ids) as CSV; same file rules as archives. */
  exportCsv(request?: { runIds?: string[]; filter?: RunFilter }): Promise<CsvExportResult>

  // -- calibration (NOT_AVAILABLE until the engine's calibration library is usable) --
  startCalibration(request: StartCalibrationRequest): Promise<{ jobId: string }>
  cancelCalibration(request: { jobId: string }): Promise<void>
  listCalibrations(): Promise<CalibrationJobInfo[]>

  // -- events --
  /** Live progress batches of every running run. */
  onDidProgress(listener: (batch: ProgressBatch) => void): Unsubscribe
  /** Run status changes (started, done with metrics, failed with error text, cancelled). */
  onDidRunChange(listener: (event: RunChangeEvent) => void): Unsubscribe
  /** Experiments created, updated (run counts), finished or deleted. */
  onDidExperimentChange(listener: (event: ExperimentChangeEvent) => void): Unsubscribe
  /** Calibration job progress and completion. */
  onDidCalibrationChange(listener: (job: CalibrationJobInfo) => void): Unsubscribe
}

/** Names of the event subscriptions of `LabApi` (`onDidX`). */
export type ApiEventName = {
  [K in keyof LabApi]: K extends `onDid${string}` ? K : never
}[keyof LabApi]

/** Names of the request/response methods of `LabApi`. */
export type ApiMethodName = Exclude<keyof LabApi, ApiEventName>

/** The payload an event delivers to its listeners. */
export type ApiEventPayload<E extends ApiEventName> = Parameters<Parameters<LabApi[E]>[0]>[0]

/** The request type of a method (undefined for methods without one). */
export type ApiMethodRequest<M extends ApiMethodName> = Parameters<LabApi[M]>[0]

/** The resolved result type of a method. */
export type ApiMethodResult<M extends ApiMethodName> = Awaited<ReturnType<LabApi[M]>>

// Compile-time check that the lists cover the interface exactly (a missing name fails here).
type MissingMethod = Exclude<ApiMethodName, (typeof API_METHODS)[number]>
type MissingEvent = Exclude<ApiEventName, (typeof API_EVENTS)[number]>
type MissingSchema = Exclude<ApiMethodName, keyof typeof API_REQUEST_SCHEMAS>
type ExtraSchema = Exclude<keyof typeof API_REQUEST_SCHEMAS, ApiMethodName>
const contractIsComplete: [MissingMethod | MissingSchema | ExtraSchema, MissingEvent] extends [never, never]
  ? true
  : never = true
void contractIsComplete

/** A response envelope: transports never rely on their own error serialization. */
export type ApiResponse<T = unknown> =
  { ok: true; value: T } | { ok: false; error: import('./errors').AppErrorData }

/** One event as sent over a transport (IPC event channel, WebSocket message). */
export interface ApiEventMessage<E extends ApiEventName = ApiEventName> {
  event: E
  payload: ApiEventPayload<E>
}
