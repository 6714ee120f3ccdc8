import { describe, expect, it } from 'vitest'
import {
  formatHypothesisScores,
  mechanismAlternatives,
  scoreHypotheses,
} from '../../../engine/calibration/hypotheses'
import { referenceTargets } from '../../../engine/calibration/reference-targets'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import { DEFAULT_VALIDATION_OPTIONS } from '../../../engine/calibration/validate'
import { parameterRegistry } from '../../../engine/params/registry'
import { fakeRun } from './fake-engine'

describe('mechanism hypotheses', () => {
  it('crosses the choices of every unpublished implementation', () => {
    const alternatives = mechanismAlternatives(parameterRegistry)
    expect(alternatives).toHaveLength(2 * 3 * 2)
    expect(new Set(alternatives.map((a) => a.label)).size).toBe(12)
    expect(alternatives[0].params).toEqual({
      'lro.plro.aggregateForm': 0,
      'lro.vlro.flushPolicy': 0,
      'lro.vlro.setGsoSize': 0,
    })
    expect(() => mechanismAlternatives(parameterRegistry, ['nic.interruptRateHz'])).toThrow(
      /not an enumerated/,
    )
  })

  it('scores each alternative on the same targets and ranks them by objective', async () => {
    const seen: Record<string, number>[] = []
    const runner = serialBatchRunner((spec) => {
      seen.push(spec.params)
      // The fake reproduces the targets; one alternative is made to miss every throughput by 20 %.
      const result = fakeRun(spec)
      if (spec.params['lro.vlro.flushPolicy'] === 2) result.throughputMbps *= 1.2
      return result
    })
    const alternatives = mechanismAlternatives(parameterRegistry, ['lro.vlro.flushPolicy'])
    const scores = await scoreHypotheses(
      referenceTargets(),
      runner,
      { ...DEFAULT_VALIDATION_OPTIONS, includeRules: false },
      alternatives,
    )
    expect(scores).toHaveLength(3)
    expect(seen.some((params) => params['lro.vlro.flushPolicy'] === 1)).toBe(true)
    const age = scores.find((s) => s.alternative.params['lro.vlro.flushPolicy'] === 2)!
    const pollEnd = scores.find((s) => s.alternative.params['lro.vlro.flushPolicy'] === 0)!
    expect(age.objective).toBeGreaterThan(pollEnd.objective)
    expect(age.misses).toContain('T1-linux:throughputMbps')
    const table = formatHypothesisScores(scores, { 'lro.vlro.flushPolicy': 0 })
    expect(table.split('\n')[1]).not.toMatch(/age-timer/)
    expect(table).toMatch(/poll-end.*yes/)
  })
})
