/**
 * Replicate aggregation: mean and a 95% confidence interval from Student's t distribution, because
 * replications are few (typically 2-10) and the normal 1.96 would understate the spread. The quantile
 * is the engine's own (`studentT975`), so the app and the CLI's `sweep --replications` agree.
 */
import { studentT975 } from '../../../engine/results/batch-means'

/** Mean and 95% interval half-width of a set of replicate values. */
export interface ReplicateSummary {
  count: number
  mean: number
  /** Sample standard deviation (n - 1); 0 for a single value. */
  standardDeviation: number
  /** Half-width of the 95% interval of the mean; null for fewer than two values. */
  halfWidth95: number | null
  min: number
  max: number
}

/** Summarizes replicate values; null values (metric missing) are ignored. Null when none remain. */
export function summarizeReplicates(values: readonly (number | null | undefined)[]): ReplicateSummary | null {
  const numbers = values.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  )
  if (numbers.length === 0) return null
  const count = numbers.length
  const mean = numbers.reduce((sum, value) => sum + value, 0) / count
  const variance = count > 1 ? numbers.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1) : 0
  const standardDeviation = Math.sqrt(variance)
  return {
    count,
    mean,
    standardDeviation,
    halfWidth95: count > 1 ? (studentT975(count - 1) * standardDeviation) / Math.sqrt(count) : null,
    min: Math.min(...numbers),
    max: Math.max(...numbers),
  }
}

/** Relative change of `value` against `baseline`, in percent; null when the baseline is 0 or missing. */
export function percentDelta(
  value: number | null | undefined,
  baseline: number | null | undefined,
): number | null {
  if (value === null || value === undefined || baseline === null || baseline === undefined) return null
  if (baseline === 0 || !Number.isFinite(baseline) || !Number.isFinite(value)) return null
  return ((value - baseline) / Math.abs(baseline)) * 100
}

/** Formats a percent delta with its sign (`+4.2 %`, `-0.8 %`, `0.0 %`). */
export function formatPercentDelta(delta: number | null, digits = 1): string {
  if (delta === null) return '—'
  const rounded = delta.toFixed(digits)
  const isZero = Number(rounded) === 0
  return `${!isZero && delta > 0 ? '+' : ''}${isZero ? (0).toFixed(digits) : rounded} %`
}
