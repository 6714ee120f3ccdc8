import { describe, expect, it } from 'vitest'
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
