import {
  linuxReferenceOf,
  targetMessageSizes,
  targetSpecs,
  type EvaluationOptions,
} from './evaluation-points'
import type { PointSet } from './point-set'
import type { TargetsFile } from './targets-schema'

/** What a comparison measures. clk and inst are compared as ratios to linux (Table I's own scale). */
export type ComparedQuantity =
  'throughputMbps' | 'lroRate' | 'lroRateRange' | 'clkRatioToLinux' | 'instRatioToLinux'

/** One message size's share of a comparison. */
export interface SizeComparison {
  messageSizeBytes: number
  simulated: number | null
  /** Signed relative error against the reference (0 inside a range); null when not simulated. */
  relativeError: number | null
}

/** One target quantity beside its simulated value. */
export interface TargetComparison {
  targetId: string
  quantity: ComparedQuantity
  /** Reference value, or the closed range for `lroRateRange`. */
  reference: number | readonly [number, number]
  /** Mean simulated value over the evaluated message sizes (null when the engine gave none). */
  simulated: number | null
  /** The signed relative error of the worst message size (0 inside a range). */
  relativeError: number | null
  /** Allowed absolute relative error. */
  tolerance: number
  pass: boolean
  perSize: SizeComparison[]
  /** For clk and inst: the absolute Table I values beside the ratio (informational). */
  absolute?: { reference: number; simulated: number | null }
  /** Weight in the calibration objective. */
  weight: number
}

/** Every point `file`'s targets need (ratio targets also need their linux reference). */
export function addTargetPoints(file: TargetsFile, points: PointSet, options: EvaluationOptions): void {
  for (const target of file.targets) {
    for (const spec of targetSpecs(target, options)) points.add(spec)
  }
}

/** Compares every quantity of every target. Points must have been run. */
export function compareTargets(
  file: TargetsFile,
  points: PointSet,
  options: EvaluationOptions,
): TargetComparison[] {
  const comparisons: TargetComparison[] = []
  for (const target of file.targets) {
    const sizes = targetMessageSizes(target, options)
    const results = targetSpecs(target, options).map((spec) => points.result(spec))
    const weight = target.weight ?? 1
    const tolerance = file.tolerance
    const base = { targetId: target.id, weight }
    if (target.throughputMbps != null) {
      const values = results.map((result) => result.throughputMbps)
      comparisons.push({
        ...base,
        ...pointComparison(target.throughputMbps, values, sizes, tolerance.throughputMbps),
        quantity: 'throughputMbps',
      })
    }
    if (target.lroRate != null) {
      const values = results.map((result) => result.lroRate)
      comparisons.push({
        ...base,
        ...pointComparison(target.lroRate, values, sizes, tolerance.lroRate),
        quantity: 'lroRate',
      })
    }
    if (target.lroRateRange) {
      const values = results.map((result) => result.lroRate)
      comparisons.push({
        ...base,
        ...rangeComparison(target.lroRateRange, values, sizes, tolerance.lroRate),
        quantity: 'lroRateRange',
      })
    }
    if (target.clk != null || target.inst != null) {
      const linux = linuxReferenceOf(target, file)
      if (!linux) throw new Error(`target ${target.id}: no linux reference for clk/inst ratios`)
      const linuxResults = targetSpecs(linux, options).map((spec) => points.result(spec))
      for (const metric of ['clk', 'inst'] as const) {
        const reference = target[metric]
        const linuxReference = linux[metric]
        if (reference == null || linuxReference == null) continue
        const linuxSimulated = mean(linuxResults.map((result) => result[metric]))
        const ratios = results.map((result) => (linuxSimulated > 0 ? result[metric] / linuxSimulated : null))
        const quantity = metric === 'clk' ? 'clkRatioToLinux' : 'instRatioToLinux'
        comparisons.push({
          ...base,
          ...pointComparison(reference / linuxReference, ratios, sizes, tolerance[quantity]),
          quantity,
          absolute: { reference, simulated: mean(results.map((result) => result[metric])) },
        })
      }
    }
  }
  return comparisons
}

/** Sum over comparisons and sizes of weight * (relative error / tolerance)^2; a missing value counts as 100 % off. */
export function objectiveOf(comparisons: readonly TargetComparison[]): number {
  let sum = 0
  for (const comparison of comparisons) {
    for (const size of comparison.perSize) {
      const error = size.relativeError ?? 1
      sum += comparison.weight * (error / comparison.tolerance) ** 2
    }
  }
  return sum
}

type ComparisonCore = Omit<TargetComparison, 'targetId' | 'quantity' | 'weight' | 'absolute'>

function pointComparison(
  reference: number,
  values: readonly (number | null)[],
  sizes: readonly number[],
  tolerance: number,
): ComparisonCore {
  const perSize = values.map((simulated, index) => ({
    messageSizeBytes: sizes[index],
    simulated,
    relativeError:
      simulated === null || !Number.isFinite(simulated) ? null : (simulated - reference) / reference,
  }))
  return summarise(reference, perSize, tolerance)
}

function rangeComparison(
  range: readonly [number, number],
  values: readonly (number | null)[],
  sizes: readonly number[],
  tolerance: number,
): ComparisonCore {
  const [low, high] = range
  const perSize = values.map((simulated, index) => {
    let relativeError: number | null = null
    if (simulated !== null && Number.isFinite(simulated)) {
      relativeError =
        simulated < low ? (simulated - low) / low : simulated > high ? (simulated - high) / high : 0
    }
    return { messageSizeBytes: sizes[index], simulated, relativeError }
  })
  return summarise(range, perSize, tolerance)
}

function summarise(
  reference: number | readonly [number, number],
  perSize: SizeComparison[],
  tolerance: number,
): ComparisonCore {
  const simulatedValues = perSize.map((size) => size.simulated)
  const isComplete = perSize.every((size) => size.relativeError !== null)
  let worst: number | null = null
  if (isComplete) {
    for (const size of perSize) {
      if (worst === null || Math.abs(size.relativeError as number) > Math.abs(worst))
        worst = size.relativeError
    }
  }
  return {
    reference,
    simulated: simulatedValues.every((value) => value !== null) ? mean(simulatedValues as number[]) : null,
    relativeError: worst,
    tolerance,
    // A tiny allowance keeps a value printed as exactly on the tolerance from failing on rounding.
    pass: worst !== null && Math.abs(worst) <= tolerance + 1e-12,
    perSize,
  }
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(values: readonly number[]): number {
  let sum = 0
  for (const value of values) sum += value
  return sum / values.length
}
