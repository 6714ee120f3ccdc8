import type { Configuration, Environment } from '../../../engine/experiments/spec'

/**
 * The paper's published values (Oi & Nakajima 2009, Table I and Figures 2-5, as transcribed in
 * `engine/calibration/targets/oi-nakajima-2009.json`) turned into chart markers for the runs being
 * compared. A target applies to a run with the same environment, configuration and MTU, SPECjbb off,
 * and a message size the target covers (`>=256` covers every size from 256 B up).
 */

/** The part of a calibration target the markers read. */
export interface ReferenceTarget {
  id: string
  env: Environment
  config: Configuration
  mtu: number
  messageSizes?: '>=256' | number
  throughputMbps?: number | null
  lroRate?: number | null
  lroRateRange?: [number, number]
  clk?: number | null
  inst?: number | null
}

/** The part of a run the matching reads. */
export interface MarkerRun {
  config: Configuration
  env: Environment
  mtu: number
  messageSize: number
  jbb: 'off' | 'max' | number
}

/** A reference value to draw: a point, or a horizontal segment over message sizes. */
export interface ReferenceMarker {
  targetId: string
  config: Configuration
  mtu: number
  metric: 'throughputMbps' | 'lroRate' | 'clk' | 'inst'
  /** The published value (for a range, its middle). */
  value: number
  /** For a published range (`lroRateRange`), its ends. */
  range: [number, number] | null
  /** Message sizes the value holds for (both ends inclusive); null for "not stated". */
  messageSizeFrom: number | null
  messageSizeTo: number | null
}

/** True when `target` describes the conditions `run` ran under. */
export function targetMatchesRun(target: ReferenceTarget, run: MarkerRun): boolean {
  if (target.env !== run.env || target.config !== run.config || target.mtu !== run.mtu) return false
  if (run.jbb !== 'off') return false
  if (target.messageSizes === '>=256') return run.messageSize >= 256
  if (typeof target.messageSizes === 'number') return target.messageSizes === run.messageSize
  return true
}

/** Markers of every target that matches at least one of the runs, for the given metric. */
export function referenceMarkers(
  targets: readonly ReferenceTarget[],
  runs: readonly MarkerRun[],
  metric: ReferenceMarker['metric'],
): ReferenceMarker[] {
  const markers: ReferenceMarker[] = []
  for (const target of targets) {
    const matching = runs.filter((run) => targetMatchesRun(target, run))
    if (matching.length === 0) continue
    const range = metric === 'lroRate' && target.lroRateRange ? target.lroRateRange : null
    const raw = target[metric]
    const value = typeof raw === 'number' ? raw : range ? (range[0] + range[1]) / 2 : null
    if (value === null) continue
    const sizes = matching.map((run) => run.messageSize)
    markers.push({
      targetId: target.id,
      config: target.config,
      mtu: target.mtu,
      metric,
      value,
      range,
      messageSizeFrom: target.messageSizes === undefined ? null : Math.min(...sizes),
      messageSizeTo: target.messageSizes === undefined ? null : Math.max(...sizes),
    })
  }
  return markers
}
