import { describe, expect, it } from 'vitest'
import { pointSpec, DEFAULT_EVALUATION_OPTIONS } from '../../../engine/calibration/evaluation-points'
import { resolveRunParams } from '../../../engine/experiments/run-experiment'
import { parseRunSpec } from '../../../engine/experiments/spec'
import { TEST_BEDS } from '../../../engine/model/net/testbeds'
import { parseScopedId, scopedId, splitScoped } from '../../../engine/params/environment-scoped'

const spec = (env: 'direct-2009' | 'switched-2008') => {
  const parsed = parseRunSpec({ config: 'xen', env })
  if (!parsed.ok) throw new Error('bad spec')
  return parsed.spec
}

describe('environment-scoped parameter values', () => {
  it('splits ENV:id keys from plain ids and keeps only the asked environment', () => {
    const values = { a: 1, [scopedId('switched-2008', 'b')]: 2, [scopedId('direct-2009', 'b')]: 3 }
    expect(splitScoped(values, 'switched-2008')).toEqual({ shared: { a: 1 }, scoped: { b: 2 } })
    expect(splitScoped(values, 'direct-2009')).toEqual({ shared: { a: 1 }, scoped: { b: 3 } })
  })

  it('refuses an unknown environment, naming the choices', () => {
    expect(parseScopedId('nic.interruptRateHz')).toBeNull()
    expect(() => parseScopedId('lab-2010:nic.interruptRateHz')).toThrow(
      /unknown environment "lab-2010".*direct-2009/,
    )
  })

  it("applies a set's scoped value over the test bed's, to that environment's runs only", () => {
    const set = { [scopedId('switched-2008', 'nic.interruptRateHz')]: 12345 }
    expect(resolveRunParams(spec('switched-2008'), set)['nic.interruptRateHz']).toBe(12345)
    const direct = TEST_BEDS['direct-2009'].identified.find((p) => p.id === 'nic.interruptRateHz')!
    expect(resolveRunParams(spec('direct-2009'), set)['nic.interruptRateHz']).toBe(direct.value)
  })

  it('turns scoped calibration candidates into plain overrides of the matching points', () => {
    const options = {
      ...DEFAULT_EVALUATION_OPTIONS,
      params: { 'xen.netback.skbCycles': 500, [scopedId('direct-2009', 'nic.interruptRateHz')]: 9000 },
    }
    expect(pointSpec({ config: 'xen', env: 'direct-2009' }, options).params).toEqual({
      'xen.netback.skbCycles': 500,
      'nic.interruptRateHz': 9000,
    })
    expect(pointSpec({ config: 'xen', env: 'switched-2008' }, options).params).toEqual({
      'xen.netback.skbCycles': 500,
    })
  })
})
