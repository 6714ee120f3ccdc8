import { parameterRegistry } from '../../../engine/params/registry'
import type { RunSpec } from '../../../engine/experiments/spec'

/**
 * What a time-series chart needs of the run it shows: the warm-up to shade (it is not in the run's
 * metrics) and the wire's rate to read samples against.
 */
export interface SeriesRunInfo {
  /** Warm-up before the measured window, simulated seconds. */
  warmupS: number
  /** Link rate of the run's wire, Mb/s. */
  wireMbps: number
}

/** The warm-up and the link rate of a run: its own `wire.rateBps` override, else the registry's. */
export function seriesRunInfo(spec: Pick<RunSpec, 'warmupS' | 'params'>): SeriesRunInfo {
  const override = Number(spec.params?.['wire.rateBps'])
  const rateBps =
    Number.isFinite(override) && override > 0 ? override : parameterRegistry.get('wire.rateBps')?.default
  return { warmupS: spec.warmupS, wireMbps: (rateBps ?? 1e9) / 1e6 }
}

/** The warm-up as a shaded x range (none without a warm-up). */
export function warmupBands(info: SeriesRunInfo | null): { from: number; to: number; label: string }[] {
  return info && info.warmupS > 0 ? [{ from: 0, to: info.warmupS, label: 'warm-up (not measured)' }] : []
}

/**
 * Why a sample can sit above the wire: samples count the bytes netserver read in each interval,
 * and a reader that waited for the CPU (a SPECjbb guest, the credit scheduler) drains its socket
 * buffer and the rings behind it in one burst. The run's throughput is the mean over the measured
 * window, which the wire does bound.
 */
export function aboveWireNote(
  points: readonly { x: number; y: number }[],
  info: SeriesRunInfo | null,
): string[] {
  if (!info) return []
  let highest = 0
  let above = 0
  for (const point of points) {
    if (point.y > info.wireMbps) above++
    highest = Math.max(highest, point.y)
  }
  if (above === 0) return []
  return [
    `${above} sample(s) exceed the ${info.wireMbps} Mb/s wire (up to ${Math.round(highest)} Mb/s): a sample ` +
      'counts the bytes netserver read in its interval, and a receiver that waited for the CPU reads ' +
      "the backlog queued in its socket and rings in one burst. The run's throughput is the mean over " +
      'the measured window, which the wire bounds.',
  ]
}
