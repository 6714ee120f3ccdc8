import { describe, expect, it } from 'vitest'
import { nelderMead } from '../../../engine/calibration/nelder-mead'

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic bowl', async () => {
    const found = await nelderMead((point) => (point[0] - 0.3) ** 2 + 4 * (point[1] + 0.7) ** 2, [0, 0], {
      maxEvaluations: 400,
      pointTolerance: 1e-6,
      valueTolerance: 1e-12,
    })
    expect(found.point[0]).toBeCloseTo(0.3, 3)
    expect(found.point[1]).toBeCloseTo(-0.7, 3)
    expect(found.hasConverged).toBe(true)
  })

  it('gets close to the Rosenbrock valley minimum', async () => {
    const rosenbrock = (p: readonly number[]): number => 100 * (p[1] - p[0] ** 2) ** 2 + (1 - p[0]) ** 2
    const found = await nelderMead(rosenbrock, [-1.2, 1], {
      maxEvaluations: 2000,
      initialStep: 0.5,
      valueTolerance: 1e-14,
      pointTolerance: 1e-8,
    })
    expect(found.point[0]).toBeCloseTo(1, 2)
    expect(found.point[1]).toBeCloseTo(1, 2)
  })

  it('awaits an asynchronous objective and never exceeds the evaluation budget', async () => {
    let calls = 0
    const found = await nelderMead(
      async (point) => {
        calls++
        await Promise.resolve()
        return Math.abs(point[0] - 5) + Math.abs(point[1]) + Math.abs(point[2])
      },
      [0, 0, 0],
      { maxEvaluations: 25 },
    )
    expect(calls).toBe(25)
    expect(found.evaluations).toBe(25)
    expect(found.hasConverged).toBe(false)
    expect(found.value).toBeLessThan(5)
  })

  it('treats NaN as worse than any number', async () => {
    const found = await nelderMead((point) => (point[0] < 0 ? Number.NaN : (point[0] - 1) ** 2), [0.5], {
      maxEvaluations: 200,
    })
    expect(found.point[0]).toBeCloseTo(1, 3)
  })
})
