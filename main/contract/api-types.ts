/**
 * Data shapes of the API contract: what methods return and what events carry. Plain JSON-safe data
 * (it crosses IPC, HTTP and WebSocket). Type-only imports, so the renderer can import this module.
 */
import type { PresetChartHints } from '../../engine/experiments/presets'
import type { RunSpec, RunSpecInput, SpecIssue } from '../../engine/experiments/spec'
import type { Provenance } from '../../engine/params/define'
import type { RunSeries } from '../../engine/results/run-result'
import type { ExperimentRecord, RunMetrics, RunStatus, RunSummary } from '../store/types'

export type {
  ComparisonViewRecord,
  ExperimentFilter,
  ExperimentRecord,
  ExportReport,
  ImportReport,
  Page,
  ParameterSetRecord,
  RunDetail,
  RunFilter,
  RunMetrics,
  RunSortKey,
  RunStatus,
  RunSummary,
} from '../store/types'
export type { RunSpec, RunSpecInput, SpecIssue } from '../../engine/experiments/spec'
export type { RunResult, RunSeries } from '../../engine/results/run-result'
export type { PresetChartHints, PresetField, PresetMetric } from '../../engine/experiments/presets'

/** Which shell hosts the API: the Electron app or `npm run serve` in a browser. */
export type ApiMode = 'electron' | 'browser'

/** Versions shown in the About box and stamped on runs. */
export interface AppVersionInfo {
  appVersion: string
  engineVersion: string
  mode: ApiMode
  /** Node's version in the main process. */
  nodeVersion: string
  /** Electron's version, or null in browser mode. */
  electronVersion: string | null
}

/** Answer of `ping` (a liveness check). */
export interface PingResult {
  pong: true
  /** Main-process wall time, milliseconds since the Unix epoch. */
  timeMs: number
}

/** How the renderer should chart a preset's results (the engine's own hints, passed through). */
export type PresetChartHint = PresetChartHints

/** One of the paper's experiments (Table I, Figures 2-6, split MTU, ...), as listed in the UI. */
export interface PresetInfo {
  id: string
  title: string
  description: string
  /** Where in the paper. */
  paperReference: string
  /** Number of runs one replication expands into. */
  runCount: number
  chart: PresetChartHint
}

/** Overrides applied on top of every spec a preset expands into (e.g. shorter runs for a demo). */
export interface PresetOverrides {
  durationS?: number
  warmupS?: number
  seed?: number
  paramSet?: string
  /** Parameter overrides by id, merged over the preset's own. */
  params?: Record<string, number | string>
  sampleIntervalS?: number
}

/** The result of `validateSpec`: the parsed spec, or every issue named by its field path. */
export type SpecValidation = { ok: true; spec: RunSpec } | { ok: false; issues: SpecIssue[] }

/** One parameter of the engine, for the parameter panel and forms. */
export interface ParameterInfo {
  id: string
  unit: string
  default: number
  min: number
  max: number
  isInteger: boolean
  /** For enumerations: value -> label. */
  choices: Record<number, string> | null
  help: string
  group: string
  provenance: Provenance
  source: string | null
  deprecated: string | null
}

/** Ids created by `startExperiment` and `rerun`. */
export interface StartedExperiment {
  experimentId: string
  /** One per run, in spec order (replications of a spec are consecutive). */
  runIds: string[]
}

/** What `cancelExperiment` did. */
export interface CancelReport {
  /** Runs that were queued or running and are now `cancelled`. */
  cancelledRuns: number
}

/** What `deleteExperiment` removed. */
export interface DeleteReport {
  deletedRuns: number
}

/** One row of the parameter diff in a comparison. */
export interface ComparisonParamRow {
  /** Parameter id, or a spec field name (`config`, `mtu`, ...) prefixed `spec.`. */
  id: string
  unit: string
  /** One value per compared run, in the order of `runs`. */
  values: (number | string | null)[]
  /** True when not every run has the same value. */
  isDifferent: boolean
}

/** One metric row in a comparison, with deltas against the baseline run. */
export interface ComparisonMetricRow {
  metric: keyof RunMetrics
  values: (number | null)[]
  /** value - baseline value, per run (null when either is null). */
  deltas: (number | null)[]
  /** (value - baseline) / baseline, per run (null when undefined). */
  relativeDeltas: (number | null)[]
}

/** The answer of `compareRuns`: runs aligned by id, diffable parameters and metrics. */
export interface RunComparison {
  runs: RunSummary[]
  baselineRunId: string
  params: ComparisonParamRow[]
  metrics: ComparisonMetricRow[]
}

/**
 * A file the API produced. In the Electron app it is written where the user chose in a save dialog
 * (`saved`); in browser mode it comes back as bytes for the page to download (`download`).
 * `cancelled` means the user closed the dialog.
 */
export type FileOutcome =
  | { kind: 'saved'; path: string }
  | { kind: 'download'; fileName: string; mimeType: string; bytesBase64: string }
  | { kind: 'cancelled' }

/** Result of `exportArchive`. */
export type ArchiveExportResult = FileOutcome & { experiments: number; runs: number }

/** Result of `exportCsv`. */
export type CsvExportResult = FileOutcome & { rows: number }

/** Result of `importArchive` (`cancelled` when the user closed the open dialog). */
export type ArchiveImportResult =
  | {
      kind: 'imported'
      added: { experiments: number; runs: number; parameterSets: number; comparisonViews: number }
      skipped: { experiments: number; runs: number; parameterSets: number; comparisonViews: number }
    }
  | { kind: 'cancelled' }

/** A calibration job's state. */
export type CalibrationStatus = 'running' | 'done' | 'failed' | 'cancelled'

/** A calibration job, as listed and as carried by `onDidCalibrationChange`. */
export interface CalibrationJobInfo {
  jobId: string
  status: CalibrationStatus
  /** Parameter set the fit is saved as when done. */
  saveAs: string
  iterations: number
  /** Best objective so far (sum of squared relative errors), null before the first evaluation. */
  bestError: number | null
  /** Best parameter values so far, by id. */
  bestValues: Record<string, number>
  error: string | null
  startedMs: number
  finishedMs: number | null
}

// ---- events ----

/**
 * Live progress of one run: new (decimated) series points since the previous batch. Sent at most
 * ~20 times a second per run; each series carries at most ~500 points per batch.
 */
export interface ProgressBatch {
  runId: string
  experimentId: string
  /** Fraction of simulated time done, 0..1. */
  fraction: number
  simTimeS: number
  events: number
  /** Only the new points, same shape as the final series. */
  samples: RunSeries
}

/** A run changed status (started, finished, failed, cancelled); carries metrics when done. */
export interface RunChangeEvent {
  runId: string
  experimentId: string
  status: RunStatus
  /** Error text when failed. */
  error: string | null
  metrics: RunMetrics | null
  wallMs: number | null
}

/** An experiment was created, changed (run counts), finished, or deleted. */
export interface ExperimentChangeEvent {
  experimentId: string
  kind: 'created' | 'updated' | 'finished' | 'deleted'
  /** The experiment after the change; null when deleted. */
  experiment: ExperimentRecord | null
}

/** Re-exported so the renderer can name the spec input type from one place. */
export type SpecInput = RunSpecInput
