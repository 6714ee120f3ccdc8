import { describe, expect, it } from 'vitest'
import { DEFAULT_EVALUATION_OPTIONS } from '../../../engine/calibration/evaluation-points'
import { fitOptions, freeParametersFlag, sizesFlag } from '../../../main/cli/calibration-args'
import { UsageError } from '../../../main/cli/command'
import { commaList } from '../../../main/cli/parse-flags'

describe('the fit arguments calibrate and validate --refit share', () => {
  it('reads an id list without blanks, and sizes from 256 B up', () => {
    expect(commaList(' a.b , ,c.d,')).toEqual(['a.b', 'c.d'])
    expect(sizesFlag('256, 16384')).toEqual([256, 16384])
    expect(() => sizesFlag('128')).toThrow(UsageError)
  })

  it('names the flag when an id is unknown or none is given', () => {
    expect(() => freeParametersFlag(['no.such.id'], '--refit')).toThrow(UsageError)
    expect(() => freeParametersFlag(['no.such.id'], '--refit')).toThrow(/^--refit: .*unknown parameter id/)
    expect(() => freeParametersFlag([], '--free')).toThrow(/^--free: give the parameters/)
  })

  it('describes a registered parameter with its range', () => {
    const [free] = freeParametersFlag(['sender.nic.dmaTxFrameNs'], '--free')
    expect(free.id).toBe('sender.nic.dmaTxFrameNs')
    expect(free.max).toBeGreaterThan(free.min)
  })

  it('layers the knobs over the shared evaluation defaults', () => {
    const options = fitOptions({
      sizesFromAtLeast256: [16384],
      durationS: 0.4,
      warmupS: 0.1,
      seed: 7,
      maxEvaluations: 9,
    })
    expect(options).toMatchObject({
      durationS: 0.4,
      warmupS: 0.1,
      seed: 7,
      maxEvaluations: 9,
      initialStep: 0.1,
    })
    expect(options.defaultMessageSizeBytes).toBe(DEFAULT_EVALUATION_OPTIONS.defaultMessageSizeBytes)
    expect(options.sizesFromAtLeast256).toEqual([16384])
  })
})
