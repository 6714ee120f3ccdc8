import { describe, expect, it } from 'vitest'
import { hashString } from '../../../engine/kernel/rng'
import { runExperiment } from '../../../engine/experiments/run-experiment'
import { shortSpec } from './run-helpers'

describe('runExperiment determinism', () => {
  it('gives byte-identical JSON for the same spec and seed', () => {
    const spec = shortSpec({ config: 'pvlro', env: 'switched-2008', seed: 7 })
    const first = JSON.stringify(runExperiment(spec))
    const second = JSON.stringify(runExperiment(spec))
    expect(first).toBe(second)
  })

  it('gives a different trace fingerprint for a different seed', () => {
    const fingerprint = (seed: number): number => {
      const result = runExperiment(shortSpec({ config: 'xen', env: 'switched-2008', seed }))
      return hashString(JSON.stringify([result.counters, result.series.throughputMbps, result.events]))
    }
    expect(fingerprint(1)).not.toBe(fingerprint(2))
  })

  it('reports wall time only when given a clock', () => {
    const spec = shortSpec({ config: 'linux', durationS: 0.05, warmupS: 0 })
    expect(runExperiment(spec).wallMs).toBe(0)
    let tick = 0
    expect(runExperiment(spec, { now: () => (tick += 5) }).wallMs).toBe(5)
  })

  it('records a series over warm-up and measurement and reports sampled progress', () => {
    const spec = shortSpec({ config: 'linux', durationS: 0.1, warmupS: 0.04, sampleIntervalS: 0.02 })
    let reports = 0
    let samples = 0
    const result = runExperiment(spec, {
      onProgress: (progress) => {
        reports++
        samples += progress.samples.timeS.length
        expect(progress.fraction).toBeGreaterThan(0)
        expect(progress.fraction).toBeLessThanOrEqual(1)
      },
    })
    expect(result.series.timeS.length).toBe(7)
    expect(samples).toBe(result.series.timeS.length)
    expect(reports).toBe(7)
    expect(result.series.cpu.kernel?.length).toBe(7)
    expect(result.simSeconds).toBeCloseTo(0.14, 9)
  })

  it('stops early when the interval is tight enough, and cancels on request', () => {
    const early = runExperiment(
      shortSpec({ config: 'linux', durationS: 0.4, warmupS: 0.05, stopAtRelativeCi: 0.5 }),
    )
    expect(early.stoppedEarly).toBe(true)
    expect(early.simSeconds).toBeLessThan(0.45)
    expect(early.throughputCi95).not.toBeNull()
    expect(() => runExperiment(shortSpec({ config: 'linux' }), { isCancelled: () => true })).toThrow(
      /cancelled/,
    )
  })
})
