import { describe, expect, it } from 'vitest'
import { parseRunSpec, type RunSpec } from '../../../engine/experiments/spec'
import { studentT975 } from '../../../engine/results/batch-means'
import { expandReplications, groupReplicates, summarise } from '../../../engine/results/replicate'
import { fakeRun } from '../calibration/fake-engine'

function parse(input: unknown): RunSpec {
  const parsed = parseRunSpec(input)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.spec
}

describe('expandReplications', () => {
  it('repeats each spec with consecutive seeds from seedBase, common to every spec', () => {
    const specs = expandReplications([{ config: 'xen' }, { config: 'vlro', seed: 99 }], 3, 7)
    expect(specs.map((spec) => `${spec.config}:${spec.seed}`)).toEqual([
      'xen:7',
      'xen:8',
      'xen:9',
      'vlro:7',
      'vlro:8',
      'vlro:9',
    ])
  })

  it('rejects zero or fractional replications and seeds past 2^32 - 1', () => {
    expect(() => expandReplications([{ config: 'xen' }], 0, 1)).toThrow(RangeError)
    expect(() => expandReplications([{ config: 'xen' }], 1.5, 1)).toThrow(RangeError)
    expect(() => expandReplications([{ config: 'xen' }], 2, 4_294_967_295)).toThrow(RangeError)
  })
})

describe('summarise', () => {
  it('gives mean, sample deviation and the Student-t half-width', () => {
    const summary = summarise([1, 2, 3, 4])
    expect(summary.mean).toBe(2.5)
    expect(summary.standardDeviation).toBeCloseTo(Math.sqrt(5 / 3), 12)
    expect(summary.ci95HalfWidth).toBeCloseTo(3.182 * (Math.sqrt(5 / 3) / 2), 9)
    expect([summary.min, summary.max]).toEqual([1, 4])
  })

  it('has no interval for a single value', () => {
    expect(summarise([5]).ci95HalfWidth).toBeNull()
  })
})

describe('studentT975', () => {
  it('matches tables and approaches the normal quantile', () => {
    expect(studentT975(1)).toBe(12.706)
    expect(studentT975(10)).toBe(2.228)
    expect(studentT975(40)).toBeCloseTo(2.021, 3)
    expect(studentT975(50)).toBeCloseTo(2.009, 2)
    expect(studentT975(1e6)).toBeCloseTo(1.96, 3)
    for (let df = 1; df < 200; df++) expect(studentT975(df + 1)).toBeLessThanOrEqual(studentT975(df))
  })
})

describe('groupReplicates', () => {
  it('groups by everything but the seed and summarises each metric', () => {
    const inputs = expandReplications([{ config: 'xen' }, { config: 'plro' }], 3, 1)
    const entries = inputs.map((input) => {
      const spec = parse(input)
      return { spec, result: fakeRun(spec) }
    })
    const groups = groupReplicates(entries)
    expect(groups).toHaveLength(2)
    expect(groups[0].spec.config).toBe('xen')
    expect(groups[0].seeds).toEqual([1, 2, 3])
    // The fake's cpu.total is 0.2 + 0.01 * seed.
    expect(groups[0].metrics.cpuTotal?.mean).toBeCloseTo(0.22, 12)
    expect(groups[0].metrics.cpuTotal?.ci95HalfWidth).toBeCloseTo(4.303 * (0.01 / Math.sqrt(3)), 9)
    // xen has no LRO rate, so the metric is absent rather than zero.
    expect(groups[0].metrics.lroRate).toBeUndefined()
    expect(groups[1].metrics.lroRate?.mean).toBeCloseTo(2.7, 12)
  })
})
