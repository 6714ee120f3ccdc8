import { describe, expect, it } from 'vitest'
import { referenceTargets } from '../../../engine/calibration/reference-targets'
import { parseTargetsFile } from '../../../engine/calibration/targets-schema'
import shipped from '../../../engine/calibration/targets/oi-nakajima-2009.json'

describe('targets schema', () => {
  it('accepts the shipped Oi & Nakajima targets with their tolerances', () => {
    const file = referenceTargets()
    expect(file.targets.map((target) => target.id)).toContain('T1-vlro')
    expect(file.tolerance.throughputMbps).toBe(shipped.tolerance.throughputMbps)
    expect(file.targets.find((target) => target.id === 'F5-vlro-1500')?.lroRateRange).toEqual([2.7, 4.92])
    expect(file.qualitative.length).toBe(shipped.qualitative.length)
  })

  it('rejects duplicate target ids, naming the field', () => {
    const parsed = parseTargetsFile({ targets: [shipped.targets[0], shipped.targets[0]] })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(/targets\.1\.id: duplicate target id "T1-linux"/)
  })

  it('rejects clk targets that have no linux reference to form the ratio', () => {
    const xenOnly = shipped.targets.filter((target) => target.id === 'T1-xen')
    const parsed = parseTargetsFile({ targets: xenOnly })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(/ratios to linux/)
  })

  it('rejects unknown configurations and reversed ranges', () => {
    const bad = parseTargetsFile({
      targets: [{ id: 'a', env: 'direct-2009', config: 'bsd', mtu: 1500, throughputMbps: 1 }],
    })
    expect(bad.ok).toBe(false)
    const reversed = parseTargetsFile({
      targets: [{ id: 'a', env: 'direct-2009', config: 'vlro', mtu: 1500, lroRateRange: [5, 2] }],
    })
    expect(reversed.ok).toBe(false)
    if (!reversed.ok) expect(reversed.message).toMatch(/reversed/)
  })

  it('fills default tolerances for a user file that gives none', () => {
    const parsed = parseTargetsFile({
      targets: [{ id: 'mine', env: 'direct-2009', config: 'xen', mtu: 1500, throughputMbps: 500 }],
    })
    expect(parsed.ok && parsed.file.tolerance.throughputMbps).toBe(0.03)
  })
})
