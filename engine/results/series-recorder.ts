import { CONTEXTS, type ContextName, type RunSeries } from './run-result'

/** One sample's raw readings, taken from the running models. */
export interface SampleReading {
  timeS: number
  /** Bytes delivered to netserver since the previous sample. */
  deliveredBytes: number
  intervalS: number
  /** Busy CPU seconds per context (index in CONTEXTS) since the previous sample. */
  busySecondsByContext: Float64Array
  cwndSegments: number
  /** LRO packets in/out since the previous sample (0/0 when there is no LRO point). */
  lroIn: number
  lroOut: number
  hasLro: boolean
}

/**
 * The run's time series in typed arrays sized once for the whole run.
 * PERF: recording a sample writes a few numbers; memory does not grow with run length beyond the
 * series itself (one slot per sample interval).
 */
export class SeriesRecorder {
  private readonly timeS: Float64Array
  private readonly throughputMbps: Float64Array
  private readonly cwnd: Float64Array
  private readonly lroRate: Float64Array
  private readonly cpu: Float64Array[]
  private count = 0
  private readonly isContextSeen = new Uint8Array(CONTEXTS.length)

  constructor(
    readonly intervalS: number,
    capacity: number,
  ) {
    const size = Math.max(1, capacity)
    this.timeS = new Float64Array(size)
    this.throughputMbps = new Float64Array(size)
    this.cwnd = new Float64Array(size)
    this.lroRate = new Float64Array(size)
    this.cpu = CONTEXTS.map(() => new Float64Array(size))
  }

  /** Samples recorded. */
  get length(): number {
    return this.count
  }

  /** Appends a sample (ignored beyond capacity). */
  record(reading: SampleReading): void {
    const i = this.count
    if (i >= this.timeS.length) return
    this.timeS[i] = reading.timeS
    this.throughputMbps[i] =
      reading.intervalS > 0 ? (reading.deliveredBytes * 8) / reading.intervalS / 1e6 : 0
    this.cwnd[i] = reading.cwndSegments
    this.lroRate[i] = reading.hasLro && reading.lroOut > 0 ? reading.lroIn / reading.lroOut : Number.NaN
    for (let c = 0; c < CONTEXTS.length; c++) {
      const busy = reading.busySecondsByContext[c]
      this.cpu[c][i] = reading.intervalS > 0 ? busy / reading.intervalS : 0
      if (busy > 0) this.isContextSeen[c] = 1
    }
    this.count++
  }

  /** Samples [from, to) as plain JSON-safe arrays; contexts never busy are left out. */
  slice(from = 0, to = this.count): RunSeries {
    const cpu: Partial<Record<ContextName, number[]>> = {}
    for (let c = 0; c < CONTEXTS.length; c++) {
      if (this.isContextSeen[c]) cpu[CONTEXTS[c]] = Array.from(this.cpu[c].subarray(from, to))
    }
    return {
      intervalS: this.intervalS,
      timeS: Array.from(this.timeS.subarray(from, to)),
      throughputMbps: Array.from(this.throughputMbps.subarray(from, to)),
      cpu,
      cwndSegments: Array.from(this.cwnd.subarray(from, to)),
      lroRate: Array.from(this.lroRate.subarray(from, to), (value) => (Number.isNaN(value) ? null : value)),
    }
  }
}
