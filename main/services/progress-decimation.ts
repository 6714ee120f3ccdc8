/**
 * Live progress pacing: the engine reports sampled progress, possibly faster than a chart can use
 * it. Per run, reports are merged and forwarded at most every `minIntervalMs` (about 20 a second),
 * and each forwarded batch keeps at most `maxPointsPerSeries` points per series.
 */
import type { RunProgress, RunSeries } from '../../engine/results/run-result'
import type { Clock } from './clock'

/** Default pacing: 20 batches per second per run. */
export const DEFAULT_MIN_BATCH_INTERVAL_MS = 50
/** Default cap on points per series in one batch (a chart can't show more per redraw anyway). */
export const DEFAULT_MAX_POINTS_PER_SERIES = 500

/** Keeps at most `maxPoints` samples, evenly strided, always including the last one. */
export function decimateSeries(series: RunSeries, maxPoints: number): RunSeries {
  const count = series.timeS.length
  if (count <= maxPoints) return series
  const keep = stridedIndices(count, Math.max(1, Math.floor(maxPoints)))
  const pick = <T>(values: readonly T[]): T[] => keep.map((index) => values[index])
  const cpu: RunSeries['cpu'] = {}
  for (const [context, values] of Object.entries(series.cpu) as [keyof RunSeries['cpu'], number[]][]) {
    cpu[context] = pick(values)
  }
  return {
    intervalS: series.intervalS,
    timeS: pick(series.timeS),
    throughputMbps: pick(series.throughputMbps),
    cpu,
    cwndSegments: pick(series.cwndSegments),
    lroRate: pick(series.lroRate),
  }
}

function stridedIndices(count: number, maxPoints: number): number[] {
  if (maxPoints === 1) return [count - 1]
  const indices: number[] = []
  const stride = (count - 1) / (maxPoints - 1)
  for (let point = 0; point < maxPoints; point += 1) indices.push(Math.round(point * stride))
  return indices
}

/** Appends `next`'s samples to `into` (same shape; series absent in one side are padded by none). */
function appendSeries(into: RunSeries, next: RunSeries): RunSeries {
  const cpu: RunSeries['cpu'] = { ...into.cpu }
  for (const [context, values] of Object.entries(next.cpu) as [keyof RunSeries['cpu'], number[]][]) {
    cpu[context] = [...(cpu[context] ?? []), ...values]
  }
  return {
    intervalS: next.intervalS,
    timeS: [...into.timeS, ...next.timeS],
    throughputMbps: [...into.throughputMbps, ...next.throughputMbps],
    cpu,
    cwndSegments: [...into.cwndSegments, ...next.cwndSegments],
    lroRate: [...into.lroRate, ...next.lroRate],
  }
}

interface PendingProgress {
  lastEmitMs: number
  pending: RunProgress | null
}

/** Options of `ProgressPacer`. */
export interface ProgressPacerOptions {
  clock: Clock
  /** Receives each paced, decimated report. */
  emit: (runId: string, progress: RunProgress) => void
  minIntervalMs?: number
  maxPointsPerSeries?: number
}

/** Merges and paces progress reports per run. */
export class ProgressPacer {
  private readonly runs = new Map<string, PendingProgress>()
  private readonly minIntervalMs: number
  private readonly maxPointsPerSeries: number

  constructor(private readonly options: ProgressPacerOptions) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_BATCH_INTERVAL_MS
    this.maxPointsPerSeries = options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS_PER_SERIES
  }

  /** Takes one engine report; forwards the merged pending reports when the run's interval is up. */
  push(runId: string, progress: RunProgress): void {
    const state = this.runs.get(runId) ?? { lastEmitMs: Number.NEGATIVE_INFINITY, pending: null }
    this.runs.set(runId, state)
    state.pending = state.pending
      ? { ...progress, samples: appendSeries(state.pending.samples, progress.samples) }
      : progress
    const nowMs = this.options.clock.now()
    if (nowMs - state.lastEmitMs >= this.minIntervalMs) {
      state.lastEmitMs = nowMs
      this.emitPending(runId, state)
    }
  }

  /** Forwards what is pending for a run (call when it ends) and forgets the run. */
  flush(runId: string): void {
    const state = this.runs.get(runId)
    if (!state) return
    this.runs.delete(runId)
    this.emitPending(runId, state)
  }

  /** Forgets a run without forwarding (cancelled or failed: its partial points are moot). */
  drop(runId: string): void {
    this.runs.delete(runId)
  }

  private emitPending(runId: string, state: PendingProgress): void {
    const pending = state.pending
    if (!pending) return
    state.pending = null
    this.options.emit(runId, {
      ...pending,
      samples: decimateSeries(pending.samples, this.maxPointsPerSeries),
    })
  }
}
