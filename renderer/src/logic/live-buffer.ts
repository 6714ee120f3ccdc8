import type { RunSeries } from '../../../engine/results/run-result'

/**
 * Time-series points of running runs, kept OUTSIDE Vue reactivity: progress batches arrive up to
 * ~20 times a second per run, and making thousands of points reactive would cost a proxy per
 * access. Charts read the arrays directly; a version counter tells them something changed.
 */

/** The live series of one run, as flat parsed points ready for Chart.js (`parsing: false`). */
export interface LiveRunSeries {
  throughput: { x: number; y: number }[]
  /** CPU busy share per context, percent of one CPU. */
  cpu: Map<string, { x: number; y: number }[]>
  lroRate: { x: number; y: number }[]
  /** Last simulated time seen, seconds. */
  lastTimeS: number
}

/** Keeps live series per run id, bounded in memory. */
export class LiveSeriesBuffer {
  private readonly runs = new Map<string, LiveRunSeries>()
  /** Incremented on every change; cheap to compare in a render loop. */
  version = 0

  /** @param maxPointsPerSeries points kept per line; older ones are dropped in halves (PERF: amortized O(1)). */
  constructor(private readonly maxPointsPerSeries = 20_000) {}

  /** Appends a batch of new samples of a run. Samples older than the last one seen are ignored. */
  append(runId: string, samples: RunSeries): void {
    let series = this.runs.get(runId)
    if (!series) {
      series = { throughput: [], cpu: new Map(), lroRate: [], lastTimeS: -Infinity }
      this.runs.set(runId, series)
    }
    for (let index = 0; index < samples.timeS.length; index++) {
      const time = samples.timeS[index]
      if (!(time > series.lastTimeS)) continue
      series.lastTimeS = time
      push(series.throughput, { x: time, y: samples.throughputMbps[index] ?? 0 }, this.maxPointsPerSeries)
      for (const [context, shares] of Object.entries(samples.cpu)) {
        if (!shares) continue
        let line = series.cpu.get(context)
        if (!line) {
          line = []
          series.cpu.set(context, line)
        }
        push(line, { x: time, y: (shares[index] ?? 0) * 100 }, this.maxPointsPerSeries)
      }
      const lro = samples.lroRate[index]
      if (lro !== null && lro !== undefined)
        push(series.lroRate, { x: time, y: lro }, this.maxPointsPerSeries)
    }
    this.version++
  }

  /** The series of a run, or undefined before its first batch. */
  get(runId: string): LiveRunSeries | undefined {
    return this.runs.get(runId)
  }

  /** Forgets a run (finished runs are read back from the store). */
  delete(runId: string): void {
    if (this.runs.delete(runId)) this.version++
  }

  /** Run ids with buffered data. */
  runIds(): string[] {
    return [...this.runs.keys()]
  }

  /** Forgets everything. */
  clear(): void {
    this.runs.clear()
    this.version++
  }
}

function push<T>(line: T[], point: T, max: number): void {
  line.push(point)
  // PERF: drop the oldest half at once instead of shift() per point (O(n) each).
  if (line.length > max) line.splice(0, line.length - Math.floor(max / 2))
}
