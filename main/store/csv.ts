import { CONTEXTS, type RunSeries } from '../../engine/results/run-result'
import type { RunSummary } from './types'

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV record; RFC 4180 ends every record with CRLF. */
export function csvRecord(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

/** Header of the runs CSV; one column per searchable field and headline metric. */
export const RUNS_CSV_COLUMNS = [
  'run_id',
  'experiment_id',
  'experiment',
  'status',
  'config',
  'env',
  'mtu',
  'guest_mtu',
  'message_size',
  'jbb',
  'seed',
  'duration_s',
  'param_set',
  'param_set_hash',
  'engine_version',
  'throughput_mbps',
  'throughput_ci95_mbps',
  'lro_rate',
  'clk',
  'inst',
  'specjbb_score',
  'wall_ms',
  'started',
  'finished',
  'tags',
  'notes',
  'error',
] as const

/** The run table as CSV (header plus one record per run). */
export function runsCsv(runs: Iterable<RunSummary>): string {
  const parts = [csvRecord(RUNS_CSV_COLUMNS)]
  for (const run of runs) {
    parts.push(
      csvRecord([
        run.id,
        run.experimentId,
        run.experimentName,
        run.status,
        run.config,
        run.env,
        run.mtu,
        run.spec.guestMtu,
        run.messageSize,
        run.jbb,
        run.seed,
        run.spec.durationS,
        run.paramSetName,
        run.paramSetHash,
        run.engineVersion,
        run.metrics?.throughputMbps,
        run.metrics?.throughputCi95,
        run.metrics?.lroRate,
        run.metrics?.clk,
        run.metrics?.inst,
        run.metrics?.specjbbScore,
        run.wallMs,
        isoTime(run.startedMs),
        isoTime(run.finishedMs),
        // Tags joined with ';' inside one field; the field is quoted if a tag holds a comma.
        run.tags.join(';'),
        run.notes,
        run.error,
      ]),
    )
  }
  return parts.join('')
}

/** A run's time series as CSV: one record per sample, one column per series. */
export function seriesCsv(series: RunSeries): string {
  const contexts = CONTEXTS.filter((context) => series.cpu[context] !== undefined)
  const parts = [
    csvRecord(['time_s', 'throughput_mbps', 'cwnd_segments', 'lro_rate', ...contexts.map((c) => `cpu_${c}`)]),
  ]
  for (let index = 0; index < series.timeS.length; index += 1) {
    parts.push(
      csvRecord([
        series.timeS[index],
        series.throughputMbps[index],
        series.cwndSegments[index],
        series.lroRate[index],
        ...contexts.map((context) => series.cpu[context]?.[index]),
      ]),
    )
  }
  return parts.join('')
}
