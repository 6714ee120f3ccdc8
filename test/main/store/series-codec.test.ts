import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeSamples, decodeSeries, encodeSamples, encodeSeries } from '../../../main/store/series-codec'
import { makeResult } from './helpers/fixtures'

describe('series codec', () => {
  it('packs 8 bytes per sample, little-endian', () => {
    const blob = encodeSamples([1.5, null])
    expect(blob.length).toBe(16)
    expect(blob.readDoubleLE(0)).toBe(1.5)
    expect(Number.isNaN(blob.readDoubleLE(8))).toBe(true)
  })

  it('round-trips any finite numbers and nulls exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ noNaN: true }), { nil: null })), (values) => {
        expect(decodeSamples(encodeSamples(values), true)).toEqual(values)
      }),
    )
  })

  it('decodes from an unaligned buffer', () => {
    const blob = encodeSamples([3.25, -7])
    const unaligned = Buffer.alloc(blob.length + 1).subarray(1)
    blob.copy(unaligned)
    expect(decodeSamples(unaligned, false)).toEqual([3.25, -7])
  })

  it('refuses a blob that is not whole Float64s', () => {
    expect(() => decodeSamples(Buffer.alloc(7), false)).toThrow(/whole number/)
  })

  it('rebuilds a run series, per-context CPU included', () => {
    const { series } = makeResult(64, 2)
    expect(decodeSeries(series.intervalS, encodeSeries(series))).toEqual(series)
  })
})
