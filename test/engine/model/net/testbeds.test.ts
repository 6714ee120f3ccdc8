import { describe, expect, it } from 'vitest'
import { freeParametersFrom } from '../../../../engine/calibration/calibrate'
import { ENVIRONMENTS } from '../../../../engine/experiments/spec'
import { environmentParams } from '../../../../engine/model/net/environment'
import { TEST_BEDS } from '../../../../engine/model/net/testbeds'
import { parameterRegistry } from '../../../../engine/params/registry'

describe('test beds and their identified parameters', () => {
  it('declares a handful of identified parameters per test bed, each a registry parameter with its reasoning', () => {
    for (const env of ENVIRONMENTS) {
      const bed = TEST_BEDS[env]
      expect(bed.identified.length).toBeGreaterThan(0)
      expect(bed.identified.length).toBeLessThanOrEqual(6)
      for (const parameter of bed.identified) {
        const spec = parameterRegistry.get(parameter.id)
        expect(spec, parameter.id).toBeDefined()
        expect(parameter.reasoning.length, parameter.id).toBeGreaterThan(40)
        // The plausible range sits inside what the registry allows, and the fitted value inside it.
        expect(parameter.min).toBeGreaterThanOrEqual(spec!.min)
        expect(parameter.max).toBeLessThanOrEqual(spec!.max)
        expect(parameter.value, `${env} ${parameter.id}`).toBeGreaterThanOrEqual(parameter.min)
        expect(parameter.value, `${env} ${parameter.id}`).toBeLessThanOrEqual(parameter.max)
      }
    }
  })

  it('puts each test bed into its runs: the switch where the paper had one, and the identified values', () => {
    expect(environmentParams('switched-2008')['switch.enabled']).toBe(1)
    expect(environmentParams('direct-2009')['switch.enabled']).toBe(0)
    for (const env of ENVIRONMENTS) {
      for (const parameter of TEST_BEDS[env].identified) {
        expect(environmentParams(env)[parameter.id]).toBe(parameter.value)
      }
    }
  })

  it('lets calibrate search an identified parameter over its test bed range when scoped to it', () => {
    const [scoped] = freeParametersFrom(['switched-2008:sender.nic.busBytesPerS'], parameterRegistry)
    const declared = TEST_BEDS['switched-2008'].identified.find((p) => p.id === 'sender.nic.busBytesPerS')!
    expect([scoped.min, scoped.max]).toEqual([declared.min, declared.max])
    expect(() => freeParametersFrom(['switched-2008:no.such.id'], parameterRegistry)).toThrow(/no.such.id/)
  })
})
