import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cpuUtilization, thinkTimeForLoad } from '../../../../engine/model/jbb/think-time'

describe('cpuUtilization (exact MVA)', () => {
  it('is 1 without think time and falls as think time grows', () => {
    expect(cpuUtilization(4, 100_000, 0)).toBeCloseTo(1, 12)
    let previous = 1
    for (const thinkNs of [1e4, 1e5, 1e6, 1e7]) {
      const utilization = cpuUtilization(4, 100_000, thinkNs)
      expect(utilization).toBeLessThan(previous)
      previous = utilization
    }
  })

  it('matches the closed form D / (D + Z) for one customer', () => {
    expect(cpuUtilization(1, 100, 300)).toBeCloseTo(0.25, 12)
  })

  it('matches the machine-repairman closed form for two customers', () => {
    // Two customers, PS server with demand D, think Z: U = 1 - p0, p0 = 1 / (1 + 2r + 2r^2), r = D/Z.
    const demand = 100
    const think = 250
    const r = demand / think
    expect(cpuUtilization(2, demand, think)).toBeCloseTo(1 - 1 / (1 + 2 * r + 2 * r * r), 12)
  })
})

describe('thinkTimeForLoad', () => {
  it('inverts the utilisation for any load, warehouse count and transaction time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        fc.double({ min: 1e3, max: 1e7, noNaN: true }),
        (load, warehouses, transactionNs) => {
          const thinkNs = thinkTimeForLoad(load, warehouses, transactionNs)
          expect(thinkNs).toBeGreaterThan(0)
          expect(cpuUtilization(warehouses, transactionNs, thinkNs)).toBeCloseTo(load, 6)
        },
      ),
    )
  })

  it('gives Z = D (1 - x) / x for one warehouse', () => {
    expect(thinkTimeForLoad(0.2, 1, 100_000)).toBeCloseTo(400_000, 0)
  })

  it('rejects loads outside (0, 1)', () => {
    expect(() => thinkTimeForLoad(0, 4, 1e5)).toThrow(RangeError)
    expect(() => thinkTimeForLoad(1, 4, 1e5)).toThrow(RangeError)
  })
})
