import type { SensitivityRequest } from '../../engine/analysis/sensitivity-plan'
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'

/** Life cycle of a stored run. `interrupted` means the process died while it was queued or running. */
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** Statuses a run can still leave (the job pool has not finished with it). */
export const UNFINISHED_STATUSES: readonly RunStatus[] = ['queued', 'running']

/** One experiment: a named batch of runs started together. */
export interface ExperimentRecord {
  /** UUID. */
  id: string
  name: string
  /** Preset id the experiment was made from (e.g. `table1`), or null for a hand-made one. */
  preset: string | null
  notes: string
  /** Tags in the order they were added, without duplicates. */
  tags: string[]
  /** Creation time, milliseconds since the Unix epoch. */
  createdMs: number
  /** Number of runs in each status. */
  runCounts: Record<RunStatus, number>
  /** The sensitivity analysis the runs were planned for (by ordinal), or null for a plain grid. */
  analysis: SensitivityRequest | null
}

/** The headline metrics of a finished run (the columns of the history table). */
export interface RunMetrics {
  throughputMbps: number
  throughputCi95: number | null
  lroRate: number | null
  clk: number
  inst: number
  specjbbScore: number | null
}

/** One run as listed in history: spec, status and headline metrics, without the time series. */
export interface RunSummary {
  /** UUID. */
  id: string
  experimentId: string
  experimentName: string
  /** Position of the run inside its experiment (0-based), as created. */
  ordinal: number
  spec: RunSpec
  config: RunSpec['config']
  env: RunSpec['env']
  mtu: number
  messageSize: number
  jbb: RunSpec['jbb']
  seed: number
  paramSetName: string
  /** sha256 (hex) of the canonical JSON of the resolved overrides (`spec.params`). */
  paramSetHash: string
  engineVersion: string
  status: RunStatus
  /** Last progress report, 0..1 (1 once done). */
  progress: number
  /** Error text of a failed run, else null. */
  error: string | null
  notes: string
  /** Run tags (experiment tags are listed on the experiment). */
  tags: string[]
  /** Milliseconds since the Unix epoch, or null before the run started / finished. */
  startedMs: number | null
  finishedMs: number | null
  wallMs: number | null
  /** Headline metrics, null until the run is done. */
  metrics: RunMetrics | null
}

/** One run with its full result (time series included), for the run page and comparisons. */
export interface RunDetail extends RunSummary {
  result: RunResult | null
}

/** Columns the run list can sort by. */
export const RUN_SORT_KEYS = [
  'created',
  'started',
  'finished',
  'config',
  'mtu',
  'messageSize',
  'status',
  'throughput',
  'lroRate',
  'clk',
  'experiment',
] as const
export type RunSortKey = (typeof RUN_SORT_KEYS)[number]

/** Filters, sort and paging for the run list; all applied in SQL. Unset fields do not filter. */
export interface RunFilter {
  experimentId?: string
  config?: RunSpec['config'] | RunSpec['config'][]
  mtu?: number
  messageSize?: number
  env?: RunSpec['env']
  /** Matches a tag of the run or of its experiment, exactly. */
  tag?: string
  status?: RunStatus | RunStatus[]
  paramSetName?: string
  /**
   * Parameter values by id (in the parameter's unit): runs whose spec overrides each of them with
   * exactly that value, as a swept parameter axis does.
   */
  params?: Record<string, number>
  /** Case-insensitive substring of the experiment name, experiment or run notes, or any tag. */
  text?: string
  /** Restrict to these run ids. */
  ids?: string[]
  sort?: RunSortKey
  /** Default: descending for `created`/`started`/`finished`, ascending otherwise. */
  order?: 'asc' | 'desc'
  /** Page size; default 100, at most 10,000. */
  limit?: number
  offset?: number
}

/** One page of a list, with the number of matching rows across all pages. */
export interface Page<T> {
  items: T[]
  total: number
}

/** Filters for the experiment list. */
export interface ExperimentFilter {
  tag?: string
  text?: string
  limit?: number
  offset?: number
}

/** What is needed to create an experiment with its queued runs. */
export interface NewExperiment {
  name: string
  preset?: string | null
  notes?: string
  tags?: string[]
  /** Validated specs (output of `parseRunSpec`), one queued run each, in order. */
  specs: RunSpec[]
  /** The sensitivity analysis the specs were planned for (run i is the plan's spec i). */
  analysis?: SensitivityRequest | null
  /** Engine version stamped on each run; defaults to ENGINE_VERSION. */
  engineVersion?: string
  /** Creation time; defaults to now. */
  createdMs?: number
  /**
   * A fixed identity instead of fresh UUIDs (shards of one sweep): the experiment's id, and each
   * run's id and ordinal in the whole plan, in the order of `specs`.
   */
  identity?: { experimentId: string; runIds: string[]; ordinals: number[] }
}

/** The ids created by `createExperiment`. */
export interface CreatedExperiment {
  experimentId: string
  /** In the order of `NewExperiment.specs`. */
  runIds: string[]
}

/** A named parameter set: overrides by parameter id plus where they came from. */
export interface ParameterSetRecord {
  name: string
  /** Parameter values by id, in parameter units. */
  values: Record<string, number>
  /** Free-form provenance (source, fit report, parent set, ...). */
  provenance: Record<string, unknown>
  createdMs: number
}

/** What saving a parameter set takes; the store adds the creation time. */
export interface ParameterSetInput {
  name: string
  values: Record<string, number>
  provenance?: Record<string, unknown>
}

/** What saving a comparison view takes: no `id` creates one, an `id` replaces that view. */
export interface ComparisonViewInput {
  id?: string
  name: string
  runIds: string[]
  baselineRunId?: string | null
  options?: Record<string, unknown>
}

/** A saved comparison view of several runs against a pinned baseline. */
export interface ComparisonViewRecord {
  /** UUID. */
  id: string
  name: string
  runIds: string[]
  baselineRunId: string | null
  /** View options (visible metrics, chart sync, diff-only, ...), free-form JSON. */
  options: Record<string, unknown>
  createdMs: number
}

/** Counts from an archive export. */
export interface ExportReport {
  experiments: number
  runs: number
}

/** Counts from an archive import: rows added and rows skipped because their id already existed. */
export interface ImportReport {
  added: { experiments: number; runs: number; parameterSets: number; comparisonViews: number }
  skipped: { experiments: number; runs: number; parameterSets: number; comparisonViews: number }
}

/** What the store did when it opened the database. */
export interface OpenReport {
  /** Runs left `queued` or `running` by a crash and now marked `interrupted`. */
  interruptedRuns: number
  /** Schema version before opening (0 for a new file). */
  previousSchemaVersion: number
  /** Backup taken before migrating an existing database, or null. */
  backupPath: string | null
  /**
   * False when another live process owns the store (`<store>.owner`): this one recovered nothing,
   * since that process may be running the store's queued runs.
   */
  isOwner: boolean
}
