import { describe, expect, it } from 'vitest'
import { BatchAccumulator, batchMeansInterval, studentT975 } from '../../../engine/results/batch-means'

describe('batch means', () => {
  it('uses Student t quantiles that shrink toward 1.96', () => {
    expect(studentT975(1)).toBeCloseTo(12.706, 3)
    expect(studentT975(19)).toBeCloseTo(2.093, 3)
    expect(studentT975(60)).toBeGreaterThan(1.96)
    expect(studentT975(60)).toBeLessThan(studentT975(30))
    expect(studentT975(120)).toBeCloseTo(1.98, 2)
  })

  it('gives no interval for one batch and zero width for identical batches', () => {
    expect(batchMeansInterval([5]).halfWidth95).toBeNull()
    expect(batchMeansInterval([3, 3, 3, 3]).halfWidth95).toBe(0)
  })

  it('matches the textbook half-width t * s / sqrt(n)', () => {
    const values = [10, 12, 9, 11, 13]
    const mean = 11
    const s = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / 4)
    const { mean: m, halfWidth95 } = batchMeansInterval(values)
    expect(m).toBe(mean)
    expect(halfWidth95).toBeCloseTo((2.776 * s) / Math.sqrt(5), 9)
  })

  it('accumulates up to its capacity', () => {
    const accumulator = new BatchAccumulator(3)
    for (const value of [1, 2, 3, 4]) accumulator.add(value)
    expect(accumulator.count).toBe(3)
    expect(accumulator.interval().mean).toBe(2)
  })
})
