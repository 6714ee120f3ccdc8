import type { SensitivityRequest } from '../../engine/analysis/sensitivity-plan'
import type { RunSpec } from '../../engine/experiments/spec'
import type { ExperimentRecord, RunStatus, RunSummary } from './types'
import { RUN_STATUSES } from './types'

/** Columns selected for a run summary (see `RUN_SUMMARY_SELECT`). */
export interface RunSummaryRow {
  id: string
  experiment_id: string
  experiment_name: string
  ordinal: number
  spec_json: string
  config: string
  env: string
  mtu: number
  message_size: number
  jbb: string
  seed: number
  param_set_name: string
  param_set_hash: string
  engine_version: string
  status: string
  progress: number
  error: string | null
  notes: string
  tags_json: string
  started_ms: number | null
  finished_ms: number | null
  wall_ms: number | null
  throughput_mbps: number | null
  throughput_ci95: number | null
  lro_rate: number | null
  clk: number | null
  inst: number | null
  specjbb_score: number | null
}

const RUN_SUMMARY_COLUMNS = `r.id, r.experiment_id, e.name AS experiment_name, r.ordinal, r.spec_json, r.config,
    r.env, r.mtu, r.message_size, r.jbb, r.seed, r.param_set_name, r.param_set_hash, r.engine_version,
    r.status, r.progress, r.error, r.notes, r.started_ms, r.finished_ms, r.wall_ms,
    res.throughput_mbps, res.throughput_ci95, res.lro_rate, res.clk, res.inst, res.specjbb_score`

const RUN_SUMMARY_FROM = `FROM runs r
  JOIN experiments e ON e.id = r.experiment_id
  LEFT JOIN results res ON res.run_id = r.id`

/** SELECT list and FROM clause shared by run queries (`r` runs, `e` experiments, `res` results), tags included. */
export const RUN_SUMMARY_SELECT = `SELECT ${RUN_SUMMARY_COLUMNS},
    (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags WHERE run_id = r.id ORDER BY position)) AS tags_json
  ${RUN_SUMMARY_FROM}`

/** Like `RUN_SUMMARY_SELECT` but with `tags_json` left as '[]' for the caller to fill in one batch. */
export const RUN_SUMMARY_SELECT_WITHOUT_TAGS = `SELECT ${RUN_SUMMARY_COLUMNS}, '[]' AS tags_json ${RUN_SUMMARY_FROM}`

/** Stores `jbb` ('off', 'max' or a CPU share) as text in one column. */
export function jbbToText(jbb: RunSpec['jbb']): string {
  return typeof jbb === 'number' ? String(jbb) : jbb
}

/** Inverse of `jbbToText`. */
export function jbbFromText(text: string): RunSpec['jbb'] {
  return text === 'off' || text === 'max' ? text : Number(text)
}

/** Maps a joined row to the public run summary. */
export function runSummaryFromRow(row: RunSummaryRow, tags?: string[]): RunSummary {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    experimentName: row.experiment_name,
    ordinal: row.ordinal,
    spec: JSON.parse(row.spec_json) as RunSpec,
    config: row.config as RunSpec['config'],
    env: row.env as RunSpec['env'],
    mtu: row.mtu,
    messageSize: row.message_size,
    jbb: jbbFromText(row.jbb),
    seed: row.seed,
    paramSetName: row.param_set_name,
    paramSetHash: row.param_set_hash,
    engineVersion: row.engine_version,
    status: row.status as RunStatus,
    progress: row.progress,
    error: row.error,
    notes: row.notes,
    tags: tags ?? (JSON.parse(row.tags_json) as string[]),
    startedMs: row.started_ms,
    finishedMs: row.finished_ms,
    wallMs: row.wall_ms,
    metrics:
      row.throughput_mbps === null
        ? null
        : {
            throughputMbps: row.throughput_mbps,
            throughputCi95: row.throughput_ci95,
            lroRate: row.lro_rate,
            clk: row.clk ?? 0,
            inst: row.inst ?? 0,
            specjbbScore: row.specjbb_score,
          },
  }
}

/** Columns selected for an experiment (see `EXPERIMENT_SELECT`). */
export interface ExperimentRow {
  id: string
  name: string
  preset: string | null
  notes: string
  created_ms: number
  analysis_json: string | null
  tags_json: string
  counts_json: string
}

/** SELECT list of an experiment with its tags and run counts by status. */
export const EXPERIMENT_SELECT = `
  SELECT e.id, e.name, e.preset, e.notes, e.created_ms, e.analysis_json,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM experiment_tags WHERE experiment_id = e.id ORDER BY position)) AS tags_json,
    (SELECT json_group_object(status, n) FROM (SELECT status, count(*) AS n FROM runs WHERE experiment_id = e.id GROUP BY status)) AS counts_json
  FROM experiments e`

/** Maps an experiment row to the public record. */
export function experimentFromRow(row: ExperimentRow): ExperimentRecord {
  const counts = JSON.parse(row.counts_json) as Partial<Record<RunStatus, number>>
  const runCounts = Object.fromEntries(RUN_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<
    RunStatus,
    number
  >
  return {
    id: row.id,
    name: row.name,
    preset: row.preset,
    notes: row.notes,
    tags: JSON.parse(row.tags_json) as string[],
    createdMs: row.created_ms,
    analysis: row.analysis_json === null ? null : (JSON.parse(row.analysis_json) as SensitivityRequest),
    runCounts,
  }
}
