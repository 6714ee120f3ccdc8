/**
 * Batch-means confidence intervals (Law & Kelton, "Simulation Modeling and Analysis", ch. 9): the
 * measurement window is cut into equal batches, each batch mean is treated as one observation, and
 * the 95% half-width comes from Student's t with (batches - 1) degrees of freedom.
 */

/** Two-sided 95% quantiles t(0.975, df) for df = 1..30 (standard tables). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
]

/** t(0.975, df); beyond the table, the Cornish-Fisher expansion around z = 1.96. */
export function studentT975(degreesOfFreedom: number): number {
  if (!(degreesOfFreedom >= 1))
    throw new RangeError(`degrees of freedom must be >= 1, got ${degreesOfFreedom}`)
  const df = Math.floor(degreesOfFreedom)
  if (df <= T_975.length) return T_975[df - 1]
  const z = 1.959964
  const z3 = z ** 3
  const z5 = z ** 5
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
}

/** Mean and 95% half-width of a set of batch means; half-width null below 2 batches. */
export function batchMeansInterval(
  batchMeans: ArrayLike<number>,
  count = batchMeans.length,
): {
  mean: number
  halfWidth95: number | null
} {
  if (count === 0) return { mean: 0, halfWidth95: null }
  let sum = 0
  for (let i = 0; i < count; i++) sum += batchMeans[i]
  const mean = sum / count
  if (count < 2) return { mean, halfWidth95: null }
  let squares = 0
  for (let i = 0; i < count; i++) squares += (batchMeans[i] - mean) ** 2
  const variance = squares / (count - 1)
  return { mean, halfWidth95: studentT975(count - 1) * Math.sqrt(variance / count) }
}

/**
 * Accumulates a quantity (e.g. delivered bytes) into fixed-length batches of simulated time.
 * PERF: the batch array is allocated once for the whole window.
 */
export class BatchAccumulator {
  private readonly means: Float64Array
  private filled = 0

  /** @param maxBatches Capacity: the number of batches the whole window would hold. */
  constructor(maxBatches: number) {
    this.means = new Float64Array(Math.max(1, maxBatches))
  }

  /** Records one completed batch's mean. Extra batches beyond capacity are ignored. */
  add(batchMean: number): void {
    if (this.filled < this.means.length) this.means[this.filled++] = batchMean
  }

  /** Completed batches. */
  get count(): number {
    return this.filled
  }

  /** Mean and 95% half-width over the completed batches. */
  interval(): { mean: number; halfWidth95: number | null } {
    return batchMeansInterval(this.means, this.filled)
  }
}
