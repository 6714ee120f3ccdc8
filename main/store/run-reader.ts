import type { RunResult } from '../../engine/results/run-result'
import type { SqliteDatabase } from './open-database'
import {
  EXPERIMENT_SELECT,
  RUN_SUMMARY_SELECT,
  RUN_SUMMARY_SELECT_WITHOUT_TAGS,
  experimentFromRow,
  runSummaryFromRow,
  type ExperimentRow,
  type RunSummaryRow,
} from './run-rows'
import { likePattern, metricSortColumn, runCondition, runJoins, runOrderBy, runPage } from './run-query'
import { decodeSeries, type EncodedSeries } from './series-codec'
import type { StoreTarget } from './store-tags'
import type { ExperimentFilter, ExperimentRecord, Page, RunDetail, RunFilter, RunSummary } from './types'

interface ResultRow {
  run_id: string
  throughput_mbps: number
  throughput_ci95: number | null
  lro_rate: number | null
  lro_rates_json: string
  clk: number
  inst: number
  specjbb_score: number | null
  cpu_json: string
  stages_json: string
  counters_json: string
  bounds_json: string | null
  events: number
  sim_seconds: number
  stopped_early: number
  series_interval_s: number
}

/** The read side of the run store: lists (filtered, sorted, paged in SQL) and single records. */
export class RunReader {
  constructor(private readonly db: SqliteDatabase) {}

  /** One page of runs matching the filter, sorted and paged in SQL, with the total count. */
  listRuns(filter: RunFilter = {}): Page<RunSummary> {
    const condition = runCondition(filter)
    const { limit, offset } = runPage(filter)
    const joins = runJoins(filter)
    // PERF: page the ids first (narrow rows, index-ordered), then load the full rows of just
    // that page; sorting full rows with their tag subqueries cost ~10x more on 10,000 runs.
    const metric = metricSortColumn(filter)
    const pageIds = metric
      ? this.pageIdsByMetric(filter, metric, limit, offset)
      : (this.db
          .prepare(
            `SELECT r.id FROM runs r ${joins} WHERE ${condition.where} ORDER BY ${runOrderBy(filter)} LIMIT ? OFFSET ?`,
          )
          .pluck()
          .all(...condition.params, limit, offset) as string[])
    const total = this.db
      .prepare(`SELECT count(*) FROM runs r ${joins} WHERE ${condition.where}`)
      .pluck()
      .get(...condition.params) as number
    return { items: this.summariesInOrder(pageIds), total }
  }

  /**
   * PERF: a metric sort walks the results index (runs with the metric), then appends the runs
   * without it (NULLS LAST), instead of joining and sorting every run.
   */
  private pageIdsByMetric(filter: RunFilter, metric: string, limit: number, offset: number): string[] {
    const condition = runCondition(filter)
    const experimentJoin = filter.sort === 'experiment' ? 'JOIN experiments e ON e.id = r.experiment_id' : ''
    const withMetric = `FROM results res JOIN runs r ON r.id = res.run_id ${experimentJoin}
      WHERE ${condition.where} AND ${metric} IS NOT NULL`
    const ids = this.db
      .prepare(`SELECT r.id ${withMetric} ORDER BY ${runOrderBy(filter)} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...condition.params, limit, offset) as string[]
    if (ids.length === limit) return ids
    const countWithMetric = this.db
      .prepare(`SELECT count(*) ${withMetric}`)
      .pluck()
      .get(...condition.params) as number
    const rest = this.db
      .prepare(
        `SELECT r.id FROM runs r LEFT JOIN results res ON res.run_id = r.id ${experimentJoin}
         WHERE ${condition.where} AND ${metric} IS NULL ORDER BY ${runOrderBy({ ...filter, sort: 'created', order: filter.order })}
         LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(...condition.params, limit - ids.length, Math.max(0, offset - countWithMetric)) as string[]
    return [...ids, ...rest]
  }

  private summariesInOrder(runIds: readonly string[]): RunSummary[] {
    if (runIds.length === 0) return []
    // PERF: a placeholder list lets SQLite probe the primary key (`IN json_each(?)` scanned), and
    // the page's tags come in one query instead of one subquery per row.
    const placeholders = runIds.map(() => '?').join(', ')
    const rows = this.db
      .prepare(`${RUN_SUMMARY_SELECT_WITHOUT_TAGS} WHERE r.id IN (${placeholders})`)
      .all(...runIds) as RunSummaryRow[]
    const tagsByRun = new Map<string, string[]>()
    const tagRows = this.db
      .prepare(`SELECT run_id, tag FROM run_tags WHERE run_id IN (${placeholders}) ORDER BY run_id, position`)
      .raw(true)
      .all(...runIds) as [string, string][]
    for (const [runId, tag] of tagRows) {
      const tags = tagsByRun.get(runId)
      if (tags) tags.push(tag)
      else tagsByRun.set(runId, [tag])
    }
    const byId = new Map(rows.map((row) => [row.id, row]))
    return runIds.flatMap((runId) => {
      const row = byId.get(runId)
      return row ? [runSummaryFromRow(row, tagsByRun.get(runId) ?? [])] : []
    })
  }

  /** Every run matching the filter (paging ignored unless set), streamed row by row. */
  *iterateRuns(filter: RunFilter = {}): IterableIterator<RunSummary> {
    const condition = runCondition(filter)
    const paging =
      filter.limit === undefined ? '' : ` LIMIT ${runPage(filter).limit} OFFSET ${runPage(filter).offset}`
    const statement = this.db.prepare(
      `${RUN_SUMMARY_SELECT} WHERE ${condition.where} ORDER BY ${runOrderBy(filter)}${paging}`,
    )
    for (const row of statement.iterate(...condition.params)) yield runSummaryFromRow(row as RunSummaryRow)
  }

  /** One run with its full result and time series, or null when there is no such run. */
  getRun(runId: string): RunDetail | null {
    const row = this.db.prepare(`${RUN_SUMMARY_SELECT} WHERE r.id = ?`).get(runId) as
      RunSummaryRow | undefined
    if (!row) return null
    return { ...runSummaryFromRow(row), result: this.readResult(runId, row.wall_ms ?? 0) }
  }

  /** Several runs with results, in the order asked (missing ids are left out). */
  getRuns(runIds: readonly string[]): RunDetail[] {
    return runIds.map((runId) => this.getRun(runId)).filter((run): run is RunDetail => run !== null)
  }

  private readResult(runId: string, wallMs: number): RunResult | null {
    const row = this.db.prepare(`SELECT * FROM results WHERE run_id = ?`).get(runId) as ResultRow | undefined
    if (!row) return null
    const seriesRows = this.db
      .prepare(`SELECT name, samples FROM run_series WHERE run_id = ?`)
      .all(runId) as EncodedSeries[]
    return {
      throughputMbps: row.throughput_mbps,
      throughputCi95: row.throughput_ci95,
      lroRate: row.lro_rate,
      lroRates: JSON.parse(row.lro_rates_json) as RunResult['lroRates'],
      clk: row.clk,
      inst: row.inst,
      cpu: JSON.parse(row.cpu_json) as RunResult['cpu'],
      stages: JSON.parse(row.stages_json) as RunResult['stages'],
      specjbbScore: row.specjbb_score,
      counters: JSON.parse(row.counters_json) as RunResult['counters'],
      series: decodeSeries(row.series_interval_s, seriesRows),
      events: row.events,
      simSeconds: row.sim_seconds,
      wallMs,
      stoppedEarly: row.stopped_early === 1,
      ...(row.bounds_json === null ? {} : { bounds: JSON.parse(row.bounds_json) as RunResult['bounds'] }),
    }
  }

  /** Experiments, newest first, with tags and run counts by status. */
  listExperiments(filter: ExperimentFilter = {}): Page<ExperimentRecord> {
    const clauses: string[] = []
    const params: unknown[] = []
    if (filter.tag !== undefined) {
      clauses.push(`EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.id AND t.tag = ?)`)
      params.push(filter.tag)
    }
    if (filter.text !== undefined && filter.text !== '') {
      const pattern = likePattern(filter.text)
      clauses.push(
        `(e.name LIKE ? ESCAPE '\\' OR e.notes LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.id AND t.tag LIKE ? ESCAPE '\\'))`,
      )
      params.push(pattern, pattern, pattern)
    }
    const where = clauses.length === 0 ? '1' : clauses.join(' AND ')
    const { limit, offset } = runPage(filter)
    const rows = this.db
      .prepare(`${EXPERIMENT_SELECT} WHERE ${where} ORDER BY e.created_ms DESC, e.id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as ExperimentRow[]
    const total = this.db
      .prepare(`SELECT count(*) AS total FROM experiments e WHERE ${where}`)
      .get(...params) as {
      total: number
    }
    return { items: rows.map(experimentFromRow), total: total.total }
  }

  /** One experiment, or null. */
  getExperiment(experimentId: string): ExperimentRecord | null {
    const row = this.db.prepare(`${EXPERIMENT_SELECT} WHERE e.id = ?`).get(experimentId) as
      ExperimentRow | undefined
    return row ? experimentFromRow(row) : null
  }

  /**
   * Finds what an id names: a run or an experiment, by full UUID or by a unique prefix of at
   * least 6 characters (the CLI shows 8). Null when nothing or more than one thing matches.
   */
  resolveTarget(idOrPrefix: string): StoreTarget | null {
    const exact = this.db
      .prepare(
        `SELECT 'run' AS kind, id FROM runs WHERE id = ? UNION ALL SELECT 'experiment', id FROM experiments WHERE id = ?`,
      )
      .all(idOrPrefix, idOrPrefix) as StoreTarget[]
    if (exact.length === 1) return exact[0]
    if (idOrPrefix.length < 6 || /[%_\\]/.test(idOrPrefix)) return null
    const matches = this.db
      .prepare(
        `SELECT 'run' AS kind, id FROM runs WHERE id LIKE ? || '%'
         UNION ALL SELECT 'experiment', id FROM experiments WHERE id LIKE ? || '%' LIMIT 2`,
      )
      .all(idOrPrefix, idOrPrefix) as StoreTarget[]
    return matches.length === 1 ? matches[0] : null
  }
}
