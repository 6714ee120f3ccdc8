import { describe, expect, it } from 'vitest'
import {
  checkSensitivityDesign,
  defaultSensitivityDesign,
  plausibleRangeText,
  requestParameterId,
} from '../../../../renderer/src/logic/sensitivity-design'

describe('checkSensitivityDesign', () => {
  it("plans the default analysis with the engine's planner: r (k + 1) runs", () => {
    const check = checkSensitivityDesign(defaultSensitivityDesign())
    expect(check.errors).toEqual({})
    expect(check.runCount).toBe(4 * (3 + 1))
    // The test bed's identified parameters move over that bed's range.
    expect(check.request?.params).toEqual([
      'direct-2009:nic.interruptRateHz',
      'direct-2009:sender.nic.busBytesPerS',
      'xen.sched.switchCycles',
    ])
  })
  it('counts Sobol and the gain metric (two runs per point): 2 N (k + 2)', () => {
    const design = { ...defaultSensitivityDesign(), method: 'sobol' as const, samples: '8' }
    design.metric = 'gainOverXenPercent'
    expect(checkSensitivityDesign(design).runCount).toBe(2 * 8 * (3 + 2))
  })
  it('names each problem at its field, the engine refusing what the form cannot know', () => {
    const design = {
      ...defaultSensitivityDesign(),
      params: ['tcp.sack', 'tcp.sack'],
      trajectories: '2.5',
      durationS: 'long',
      jbb: 'off, max',
    }
    const { errors, request } = checkSensitivityDesign(design)
    expect(request).toBeNull()
    expect(Object.keys(errors).sort()).toEqual(['durationS', 'jbb', 'params', 'trajectories'])
    const tooSmall = checkSensitivityDesign({ ...defaultSensitivityDesign(), mtu: '100' })
    expect(tooSmall.errors.mtu?.[0]).toMatch(/^mtu: /)
    expect(checkSensitivityDesign({ ...defaultSensitivityDesign(), params: [''] }).errors.params).toEqual([
      'choose at least one parameter',
    ])
  })
  it('leaves a shared parameter unscoped on either bed', () => {
    expect(requestParameterId('tcp.sack', 'switched-2008')).toBe('tcp.sack')
    expect(requestParameterId('nic.interruptRateHz', 'switched-2008')).toBe(
      'switched-2008:nic.interruptRateHz',
    )
  })
})

describe('plausibleRangeText', () => {
  it("shows a test bed's identified range, not the declared limits", () => {
    expect(plausibleRangeText('nic.interruptRateHz', 'direct-2009', 'Hz')).toBe('4000 … 30000 Hz (log)')
    expect(plausibleRangeText('', 'direct-2009')).toBe('')
  })
})
