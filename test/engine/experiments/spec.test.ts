import { describe, expect, it } from 'vitest'
import {
  MAX_SERIES_SAMPLES,
  runExperiment,
  seriesIntervalS,
} from '../../../engine/experiments/run-experiment'
import { parseRunSpec } from '../../../engine/experiments/spec'

describe('RunSpecSchema parameter overrides', () => {
  it('refuses prototype keys from JSON input, naming them, instead of dropping them', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const parsed = parseRunSpec(JSON.parse(`{"config":"xen","params":{"${key}":5}}`))
      expect(parsed.ok).toBe(false)
      if (!parsed.ok)
        expect(parsed.issues).toEqual([{ path: `params.${key}`, message: `unknown parameter id "${key}"` }])
    }
  })

  it('still takes ordinary overrides with units', () => {
    const parsed = parseRunSpec({
      config: 'xen',
      params: { 'nic.interruptRateHz': 9000, 'lro.vlro.flushTimeoutNs': '50us' },
    })
    expect(parsed.ok && parsed.spec.params).toEqual({
      'nic.interruptRateHz': 9000,
      'lro.vlro.flushTimeoutNs': 50000,
    })
  })
})

describe('time-series sampling cap', () => {
  it('widens the interval of a long, finely sampled run so the series keeps at most the cap', () => {
    const spec = { sampleIntervalS: 0.001, warmupS: 0, durationS: 3600 }
    expect(seriesIntervalS(spec)).toBe(3600 / MAX_SERIES_SAMPLES)
    expect(seriesIntervalS({ sampleIntervalS: 0.05, warmupS: 0.5, durationS: 2 })).toBe(0.05)
  })

  it('records no more samples than the cap in a real run', () => {
    const parsed = parseRunSpec({ config: 'linux', durationS: 12, warmupS: 0, sampleIntervalS: 0.001 })
    if (!parsed.ok) throw new Error('bad spec')
    const result = runExperiment(parsed.spec)
    expect(result.series.timeS.length).toBeLessThanOrEqual(MAX_SERIES_SAMPLES + 2)
    expect(result.series.timeS.length).toBeGreaterThan(MAX_SERIES_SAMPLES * 0.9)
    expect(result.series.intervalS).toBeCloseTo(12 / MAX_SERIES_SAMPLES, 12)
  })
})
