import { describe, expect, it } from 'vitest'
import { analyseSensitivity, planSensitivity } from '../../../engine/analysis/sensitivity-plan'

describe('planSensitivity', () => {
  it('plans r (k + 1) Morris runs at one seed, each parameter inside its plausible range', () => {
    const plan = planSensitivity({
      params: ['nic.interruptRateHz', 'tcp.delayedAckNs'],
      trajectories: 3,
      seed: 5,
    })
    expect(plan.specs).toHaveLength(3 * 3)
    expect(plan.specs.every((spec) => spec.seed === 5 && spec.config === 'vlro')).toBe(true)
    for (const [column, parameter] of plan.parameters.entries()) {
      const values = plan.specs.map((spec) => spec.params[parameter.id])
      expect(Math.min(...values)).toBeGreaterThanOrEqual(parameter.min)
      expect(Math.max(...values)).toBeLessThanOrEqual(parameter.max)
      expect(new Set(values).size, `column ${column}`).toBeGreaterThan(1)
    }
    expect(plan.name).toBe('sensitivity morris throughputMbps: nic.interruptRateHz, tcp.delayedAckNs')
    // A pure function of the request: the same request plans the same runs.
    expect(planSensitivity(plan.request).specs).toEqual(plan.specs)
  })
  it('runs xen beside the configuration for the gain, and refuses a parameter of the other bed', () => {
    const plan = planSensitivity({
      params: ['tcp.sack'],
      metric: 'gainOverXenPercent',
      method: 'sobol',
      samples: 4,
    })
    expect(plan.specs.map((spec) => spec.config).slice(0, 4)).toEqual(['vlro', 'xen', 'vlro', 'xen'])
    expect(plan.specs).toHaveLength(2 * 4 * (1 + 2))
    expect(() => planSensitivity({ params: ['switched-2008:nic.interruptRateHz'] })).toThrow(
      /belongs to switched-2008/,
    )
    expect(() => planSensitivity({ params: ['tcp.sack', 'tcp.sack'] })).toThrow(/twice/)
    expect(() => planSensitivity({ params: [] })).toThrow(/params/)
  })
})

describe('analyseSensitivity', () => {
  it('ranks by mu* a parameter the metric follows over one it ignores, and counts the missing points', () => {
    const plan = planSensitivity({ params: ['tcp.sack', 'nic.interruptRateHz'], trajectories: 4 })
    const itr = plan.parameters[1]
    // A made-up metric that follows the interrupt rate only (normalised over its log range).
    const values = plan.specs.map((spec) => ({
      throughputMbps:
        100 * (Math.log(spec.params['nic.interruptRateHz'] / itr.min) / Math.log(itr.max / itr.min)),
    }))
    const result = analyseSensitivity(plan, values)
    expect(result.ranked.map((index) => index.id)).toEqual(['nic.interruptRateHz', 'tcp.sack'])
    const [top, bottom] = result.ranked
    if (top.method !== 'morris' || bottom.method !== 'morris') throw new Error('expected Morris')
    expect(top.muStar).toBeCloseTo(100, 6)
    expect(bottom.muStar).toBe(0)
    expect(result.pointsKnown).toBe(plan.design.points.length)
    const partial = analyseSensitivity(
      plan,
      values.map((value, index) => (index === 0 ? null : value)),
    )
    expect(partial.pointsKnown).toBe(plan.design.points.length - 1)
  })
})
