import { describe, expect, it } from 'vitest'
import { referenceTargets } from '../../../engine/calibration/reference-targets'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import { DEFAULT_VALIDATION_OPTIONS, validateTargets } from '../../../engine/calibration/validate'
import { fakeRun, type FakeEngineTweaks } from './fake-engine'

async function rulesOf(tweaks: FakeEngineTweaks = {}) {
  const report = await validateTargets(
    referenceTargets(),
    serialBatchRunner((spec) => fakeRun(spec, tweaks)),
    DEFAULT_VALIDATION_OPTIONS,
  )
  return { report, rule: (id: string) => report.rules.find((rule) => rule.id === id) }
}

describe('qualitative rules (fake engine)', () => {
  it('all hold when the engine behaves as the paper says', async () => {
    const { report } = await rulesOf()
    for (const rule of report.rules) expect(rule.pass, `${rule.id}: ${rule.detail}`).toBe(true)
    expect(report.ruleFailures).toBe(0)
  })

  it('flags a curve that is not flat from 256 B up, naming the configuration', async () => {
    const { report, rule } = await rulesOf({ sizeScale: { 256: 0.9 } })
    expect(rule('flat-from-256')?.pass).toBe(false)
    expect(rule('flat-from-256')?.detail).toMatch(/linux spreads 10\.0%/)
    expect(report.passed).toBe(false)
  })

  it('flags small messages that are not far lower', async () => {
    const { rule } = await rulesOf({ sizeScale: { 128: 1.9 } })
    expect(rule('small-messages-far-lower')?.pass).toBe(false)
    expect(rule('small-messages-far-lower')?.values['xen.128B/flat']).toBeCloseTo(0.95, 6)
  })

  it('flags a vLRO gain outside the paper range in Table I and standalone', async () => {
    const { rule } = await rulesOf({ throughputScale: { vlro: 0.85 } })
    expect(rule('table1-vlro-faster-slightly-costlier')?.pass).toBe(false)
    expect(rule('standalone-2009-gains')?.pass).toBe(false)
  })

  it('never fails the validation through an informational rule', async () => {
    const { report, rule } = await rulesOf({ throughputScale: { plro: 1.3 } })
    const consolidated = rule('consolidated-lro-gains')
    expect(consolidated?.kind).toBe('informational')
    expect(consolidated?.pass).toBe(false)
    const qualitativeFailures = report.rules.filter((r) => r.kind === 'qualitative' && !r.pass).length
    expect(report.ruleFailures).toBe(qualitativeFailures)
  })
})
