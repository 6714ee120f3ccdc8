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

  it('words range, type and choice problems with the field, its unit and the value given', () => {
    const messages = (input: object) => {
      const parsed = parseRunSpec({ config: 'xen', ...input })
      return parsed.ok ? [] : parsed.issues.map((issue) => `${issue.path}: ${issue.message}`)
    }
    expect(messages({ mtu: 9001 })).toEqual(['mtu: MTU must be at most 9000 bytes, got 9001 bytes'])
    expect(messages({ mtu: 1500.5 })).toEqual(['mtu: MTU must be a whole number of bytes, got 1500.5 bytes'])
    expect(messages({ jbb: 0 })).toEqual([
      'jbb: SPECjbb load must be more than 0 %, got 0 % (off for none, max for unthrottled)',
    ])
    expect(messages({ jbb: 'lots' })).toEqual([
      'jbb: SPECjbb load must be off for none, max for unthrottled or a share of one CPU above 0 % and below 100 %, got "lots"',
    ])
    expect(messages({ warmupS: 'x' })).toEqual(['warmupS: warm-up must be a number, got "x"'])
    expect(messages({ config: 'nope' })).toEqual([
      'config: config must be one of linux, xen, plro, vlro, pvlro',
    ])
    expect(messages({ colour: 1 })).toEqual(['(spec): unknown field(s): colour'])
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
