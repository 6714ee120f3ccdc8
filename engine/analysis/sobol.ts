/**
 * Variance-based sensitivity (Sobol' indices) by Saltelli sampling: two independent N x k samples
 * A and B of the unit cube and, for each parameter i, A with column i taken from B (AB_i); N (k + 2)
 * model runs. First-order index S_i (the share of output variance parameter i explains alone) by
 * Saltelli et al. 2010's estimator, total index ST_i (its share with every interaction) by
 * Jansen's; 95 % intervals by bootstrap over the N rows.
 */
import type { RandomStream } from '../kernel/rng'

/** Saltelli's points: A's rows, then B's, then AB_1's, ..., AB_k's. */
export interface SaltelliDesign {
  dimensions: number
  /** Base sample size N. */
  samples: number
  points: number[][]
}

/** An index with its bootstrap interval. */
export interface IndexEstimate {
  value: number
  low: number
  high: number
}

/** First-order and total indices of one parameter. */
export interface SobolIndex {
  index: number
  first: IndexEstimate
  total: IndexEstimate
}

/** Builds the N (k + 2) points of a Saltelli design. */
export function saltelliDesign(dimensions: number, samples: number, random: RandomStream): SaltelliDesign {
  if (!(dimensions >= 1 && samples >= 2)) throw new RangeError('Sobol needs k >= 1 and N >= 2')
  const draw = (): number[][] =>
    Array.from({ length: samples }, () => Array.from({ length: dimensions }, () => random.next()))
  const a = draw()
  const b = draw()
  const points = [...a, ...b]
  for (let coordinate = 0; coordinate < dimensions; coordinate++) {
    for (let row = 0; row < samples; row++) {
      const mixed = [...a[row]]
      mixed[coordinate] = b[row][coordinate]
      points.push(mixed)
    }
  }
  return { dimensions, samples, points }
}

/** Point estimates for the given rows of the design (NaN rows already removed by the caller). */
function estimate(
  fA: readonly number[],
  fB: readonly number[],
  fAB: readonly (readonly number[])[],
  rows: readonly number[],
): { first: number[]; total: number[] } {
  const n = rows.length
  let mean = 0
  for (const row of rows) mean += fA[row] + fB[row]
  mean /= 2 * n
  let variance = 0
  for (const row of rows) variance += (fA[row] - mean) ** 2 + (fB[row] - mean) ** 2
  variance /= 2 * n - 1
  const first: number[] = []
  const total: number[] = []
  for (const column of fAB) {
    let firstSum = 0
    let totalSum = 0
    for (const row of rows) {
      firstSum += fB[row] * (column[row] - fA[row])
      totalSum += (fA[row] - column[row]) ** 2
    }
    first.push(variance > 0 ? firstSum / n / variance : Number.NaN)
    total.push(variance > 0 ? totalSum / (2 * n) / variance : Number.NaN)
  }
  return { first, total }
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = share * (sorted.length - 1)
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
}

/** Sobol' indices from the outputs of a Saltelli design, with bootstrap 95 % intervals. */
export function sobolIndices(
  design: SaltelliDesign,
  outputs: readonly number[],
  random: RandomStream,
  bootstrapSamples = 500,
): SobolIndex[] {
  const { samples: n, dimensions: k } = design
  if (outputs.length !== n * (k + 2))
    throw new RangeError(`expected ${n * (k + 2)} outputs, got ${outputs.length}`)
  const fA = outputs.slice(0, n)
  const fB = outputs.slice(n, 2 * n)
  const fAB = Array.from({ length: k }, (_, column) => outputs.slice((2 + column) * n, (3 + column) * n))
  // A row counts only when every run of it finished.
  const rows = Array.from({ length: n }, (_, row) => row).filter(
    (row) =>
      Number.isFinite(fA[row]) &&
      Number.isFinite(fB[row]) &&
      fAB.every((column) => Number.isFinite(column[row])),
  )
  if (rows.length < 2) throw new RangeError('fewer than two complete rows: no indices')
  const point = estimate(fA, fB, fAB, rows)
  const firstDraws: number[][] = Array.from({ length: k }, () => [])
  const totalDraws: number[][] = Array.from({ length: k }, () => [])
  for (let draw = 0; draw < bootstrapSamples; draw++) {
    const resampled = rows.map(() => rows[Math.floor(random.next() * rows.length)])
    const again = estimate(fA, fB, fAB, resampled)
    for (let column = 0; column < k; column++) {
      firstDraws[column].push(again.first[column])
      totalDraws[column].push(again.total[column])
    }
  }
  const interval = (value: number, draws: number[]): IndexEstimate => {
    const sorted = draws.filter(Number.isFinite).sort((left, right) => left - right)
    return { value, low: percentile(sorted, 0.025), high: percentile(sorted, 0.975) }
  }
  return Array.from({ length: k }, (_, column) => ({
    index: column,
    first: interval(point.first[column], firstDraws[column]),
    total: interval(point.total[column], totalDraws[column]),
  }))
}
