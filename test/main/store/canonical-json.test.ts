import { describe, expect, it } from 'vitest'
import { canonicalJson, parameterSetHash } from '../../../main/store/canonical-json'

describe('canonical JSON and parameter-set hash', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}',
    )
  })

  it('gives the same hash whatever the key order, and a different one for different values', () => {
    expect(parameterSetHash({ a: 1, b: 2 })).toBe(parameterSetHash({ b: 2, a: 1 }))
    expect(parameterSetHash({ a: 1, b: 2 })).not.toBe(parameterSetHash({ a: 1, b: 3 }))
    expect(parameterSetHash({})).toMatch(/^[0-9a-f]{64}$/)
  })
})
