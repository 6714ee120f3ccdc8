import { describe, expect, it } from 'vitest'
import {
  formatPercentDelta,
  percentDelta,
  summarizeReplicates,
} from '../../../../renderer/src/logic/statistics'
import { studentT975 } from '../../../../engine/results/batch-means'

describe('summarizeReplicates', () => {
  it('computes mean, sample deviation and the t interval', () => {
    const summary = summarizeReplicates([1, 2, 3, 4])
    expect(summary?.mean).toBe(2.5)
    const deviation = Math.sqrt((1.5 ** 2 * 2 + 0.5 ** 2 * 2) / 3)
    expect(summary?.standardDeviation).toBeCloseTo(deviation, 12)
    expect(summary?.halfWidth95).toBeCloseTo((3.182 * deviation) / 2, 12)
    expect([summary?.min, summary?.max]).toEqual([1, 4])
  })
  it('has no interval for a single value and ignores nulls', () => {
    expect(summarizeReplicates([null, 5, undefined])).toMatchObject({ count: 1, mean: 5, halfWidth95: null })
    expect(summarizeReplicates([null])).toBeNull()
  })
  it('uses the engine t quantile beyond the table, not the normal 1.96', () => {
    const values = Array.from({ length: 41 }, (_, index) => index % 2)
    const summary = summarizeReplicates(values)
    const deviation = summary?.standardDeviation ?? Number.NaN
    expect(summary?.halfWidth95).toBeCloseTo((studentT975(40) * deviation) / Math.sqrt(41), 12)
    expect(studentT975(40)).toBeGreaterThan(1.96)
  })
})

describe('percentDelta', () => {
  it('is relative to the baseline and undefined against zero', () => {
    expect(percentDelta(110, 100)).toBeCloseTo(10, 12)
    expect(percentDelta(90, 100)).toBeCloseTo(-10, 12)
    expect(percentDelta(1, 0)).toBeNull()
    expect(percentDelta(null, 1)).toBeNull()
  })
  it('formats with a sign', () => {
    expect(formatPercentDelta(4.24)).toBe('+4.2 %')
    expect(formatPercentDelta(-0.8)).toBe('-0.8 %')
    expect(formatPercentDelta(-0.01)).toBe('0.0 %')
    expect(formatPercentDelta(null)).toBe('—')
  })
})
