import type { RunResult } from '../../engine/results/run-result'
import type { SqliteDatabase } from './open-database'
import { encodeSeries } from './series-codec'

/** Inserts a run's result row and its series blobs (the caller holds the transaction). */
export function insertResult(db: SqliteDatabase, runId: string, result: RunResult): void {
  db.prepare(
    `INSERT INTO results (run_id, throughput_mbps, throughput_ci95, lro_rate, lro_rates_json, clk, inst,
         specjbb_score, cpu_json, stages_json, counters_json, events, sim_seconds, stopped_early,
         series_interval_s, sample_count, bounds_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    result.throughputMbps,
    result.throughputCi95,
    result.lroRate,
    JSON.stringify(result.lroRates),
    result.clk,
    result.inst,
    result.specjbbScore,
    JSON.stringify(result.cpu),
    JSON.stringify(result.stages),
    JSON.stringify(result.counters),
    result.events,
    result.simSeconds,
    result.stoppedEarly ? 1 : 0,
    result.series.intervalS,
    result.series.timeS.length,
    result.bounds ? JSON.stringify(result.bounds) : null,
  )
  const insertSeries = db.prepare(`INSERT INTO run_series (run_id, name, samples) VALUES (?, ?, ?)`)
  for (const series of encodeSeries(result.series)) insertSeries.run(runId, series.name, series.samples)
}
