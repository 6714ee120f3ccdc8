import { describe, expect, it } from 'vitest'
import { objectiveOf } from '../../../engine/calibration/compare'
import { referenceTargets } from '../../../engine/calibration/reference-targets'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import { parseTargetsFile } from '../../../engine/calibration/targets-schema'
import { DEFAULT_VALIDATION_OPTIONS, validateTargets } from '../../../engine/calibration/validate'
import { fakeRun, type FakeEngineTweaks } from './fake-engine'

const targetsOnly = { ...DEFAULT_VALIDATION_OPTIONS, includeRules: false }

async function validateFake(tweaks: FakeEngineTweaks = {}) {
  return validateTargets(
    referenceTargets(),
    serialBatchRunner((spec) => fakeRun(spec, tweaks)),
    targetsOnly,
  )
}

describe('compareTargets (through validateTargets, fake engine)', () => {
  it('passes every target when the engine reproduces the reference values', async () => {
    const report = await validateFake()
    expect(report.toleranceMisses).toBe(0)
    expect(report.passed).toBe(true)
    for (const comparison of report.comparisons)
      expect(Math.abs(comparison.relativeError ?? 1)).toBeLessThan(1e-3)
    expect(objectiveOf(report.comparisons)).toBeLessThan(1e-3)
  })

  it('compares clk and inst as ratios to linux and reports the absolute values beside them', async () => {
    const report = await validateFake()
    const clk = report.comparisons.find((c) => c.targetId === 'T1-xen' && c.quantity === 'clkRatioToLinux')
    expect(clk?.reference).toBeCloseTo(9.71 / 6.27, 6)
    expect(clk?.absolute?.reference).toBe(9.71)
    expect(clk?.absolute?.simulated).toBeCloseTo(9.71, 3)
  })

  it('fails exactly the targets a 5% throughput error touches, with the signed worst error', async () => {
    const report = await validateFake({ throughputScale: { vlro: 1.05 } })
    const missed = report.comparisons.filter((c) => !c.pass).map((c) => c.targetId)
    expect(missed.sort()).toEqual(['F2-vlro', 'T1-vlro'])
    const tableOne = report.comparisons.find(
      (c) => c.targetId === 'T1-vlro' && c.quantity === 'throughputMbps',
    )
    expect(tableOne?.relativeError).toBeCloseTo(0.05, 6)
    expect(report.passed).toBe(false)
  })

  it('judges a >=256 target by its worst message size', async () => {
    const report = await validateFake({ sizeScale: { 1024: 0.9 } })
    const linux = report.comparisons.find((c) => c.targetId === 'F2-linux')
    expect(linux?.perSize.map((size) => size.messageSizeBytes)).toEqual(
      DEFAULT_VALIDATION_OPTIONS.sizesFromAtLeast256,
    )
    expect(linux?.relativeError).toBeCloseTo(-0.1, 6)
    expect(linux?.pass).toBe(false)
    expect(linux?.simulated).toBeCloseTo(718.5 * (1 - 0.1 / 3), 6)
  })

  it('treats a value inside an LRO-rate range as exact and outside as its distance to the bound', async () => {
    const inside = await validateFake()
    const range = inside.comparisons.find((c) => c.quantity === 'lroRateRange')
    expect(range?.relativeError).toBe(0)
    const file = parseTargetsFile({
      targets: [{ id: 'r', env: 'direct-2009', config: 'vlro', mtu: 1500, lroRateRange: [4, 6] }],
    })
    if (!file.ok) throw new Error(file.message)
    const outside = await validateTargets(
      file.file,
      serialBatchRunner((spec) => fakeRun(spec)),
      targetsOnly,
    )
    expect(outside.comparisons[0].relativeError).toBeCloseTo((3.5 - 4) / 4, 6)
  })

  it('counts a missing value (engine gave no LRO rate) as a miss', async () => {
    const file = parseTargetsFile({
      targets: [{ id: 'x', env: 'direct-2009', config: 'xen', mtu: 1500, lroRate: 2 }],
    })
    if (!file.ok) throw new Error(file.message)
    const report = await validateTargets(
      file.file,
      serialBatchRunner((spec) => fakeRun(spec)),
      targetsOnly,
    )
    expect(report.comparisons[0].simulated).toBeNull()
    expect(report.comparisons[0].pass).toBe(false)
    expect(objectiveOf(report.comparisons)).toBeCloseTo(1 / 0.1 ** 2, 6)
  })

  it('runs each distinct point once however many targets share it', async () => {
    let runs = 0
    const report = await validateTargets(
      referenceTargets(),
      serialBatchRunner((spec) => {
        runs++
        return fakeRun(spec)
      }),
      targetsOnly,
    )
    // Table I: 4; F2: 4 configs x 3 sizes; F5 shares F2's 16 KB plro/vlro points; F3 + F4: 2 x 3 sizes.
    expect(runs).toBe(4 + 12 + 6)
    expect(report.points).toBe(runs)
  })
})
