import { performance } from 'node:perf_hooks'
import { beforeAll, describe, expect, it } from 'vitest'
import { referenceTargets } from '../../../engine/calibration/reference-targets'
import { formatValidationReport } from '../../../engine/calibration/report-format'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import {
  DEFAULT_VALIDATION_OPTIONS,
  validateTargets,
  type ValidationReport,
} from '../../../engine/calibration/validate'
import { runExperiment } from '../../../engine/experiments/run-experiment'

/**
 * Target quantities the engine cannot meet yet because a mechanism is missing or wrong, not because
 * a cost is off (docs/MODEL.md section 4.5 gives the diagnosis of each). Every other target must be
 * within tolerance; a miss outside this list fails the suite. Remove entries as mechanisms land.
 */
const KNOWN_MECHANISM_MISSES: Readonly<Record<string, string>> = {
  'T1-xen throughputMbps':
    "the sender's PCI bus binds native Linux and Xen alike (553 Mb/s); Table I has Xen 9 % below Linux",
  'T1-plro throughputMbps': 'as T1-xen',
  'F2-xen throughputMbps': 'as T1-xen (direct cable: Xen runs at the bus-bound native rate)',
  'F2-plro throughputMbps': 'as F2-xen',
  'F2-vlro throughputMbps': 'as F2-xen',
  'F5-plro-1500 lroRate': 'a linear one-page aggregate holds two MTU-1500 segments; 2.70 needs page frags',
}

/** Qualitative rules that fail for the same mechanism reasons. */
const KNOWN_RULE_FAILURES: Readonly<Record<string, string>> = {
  'table1-vlro-faster-slightly-costlier':
    'vLRO is +12 % over Xen, not +22 %: Xen runs at the native rate (as T1-xen), and vLRO is cheaper than Xen',
}

/**
 * The real engine with the built-in default parameter set against the shipped targets: the same
 * pass `labbench validate` makes (serial here; about 36 points of 1.5 simulated seconds).
 */
describe('validate: the default parameter set against the Oi & Nakajima targets', () => {
  let report: ValidationReport

  beforeAll(async () => {
    report = await validateTargets(
      referenceTargets(),
      serialBatchRunner((spec) => runExperiment(spec, { now: () => performance.now() })),
      DEFAULT_VALIDATION_OPTIONS,
    )
    // Printed so a CI log shows the whole table, not just the first unexpected miss. Its verdict line
    // says FAILED while known misses remain; this test fails only on a miss not listed below.
    console.log(
      `validate report (informational: this test fails only on misses outside its list of ${Object.keys(KNOWN_MECHANISM_MISSES).length} known mechanism misses)\n` +
        formatValidationReport(report),
    )
  }, 240_000)

  it('keeps every target within its tolerance except the known mechanism misses', () => {
    const unexpected = report.comparisons
      .filter((comparison) => !comparison.pass)
      .map((comparison) => `${comparison.targetId} ${comparison.quantity}`)
      .filter((key) => !(key in KNOWN_MECHANISM_MISSES))
      .map((key) => {
        const comparison = report.comparisons.find((c) => `${c.targetId} ${c.quantity}` === key)
        return `${key}: ${((comparison?.relativeError ?? Number.NaN) * 100).toFixed(1)}%`
      })
    expect(unexpected).toEqual([])
  })

  it('meets the fitted cycle and instruction ratios of Xen and vLRO to native Linux', () => {
    for (const id of ['T1-xen', 'T1-vlro']) {
      for (const quantity of ['clkRatioToLinux', 'instRatioToLinux']) {
        const comparison = report.comparisons.find((c) => c.targetId === id && c.quantity === quantity)
        expect(comparison?.pass, `${id} ${quantity}`).toBe(true)
      }
    }
  })

  it('gets vLRO deeper than pLRO on the same test bed: depth is an outcome, not a setting', () => {
    const depth = (id: string) =>
      report.comparisons.find((c) => c.targetId === id && c.quantity === 'lroRate')?.simulated ?? Number.NaN
    expect(depth('T1-vlro')).toBeGreaterThan(depth('T1-plro') * 1.8)
  })

  it('holds every qualitative statement except the known mechanism failures', () => {
    const failures = report.rules
      .filter((rule) => rule.kind === 'qualitative' && !rule.pass && !(rule.id in KNOWN_RULE_FAILURES))
      .map((rule) => `${rule.id}: ${rule.detail}`)
    expect(failures).toEqual([])
  })

  it('runs every target quantity of the shipped file and lists only real target keys as known misses', () => {
    expect(report.comparisons.length).toBe(22)
    expect(report.comparisons.every((comparison) => comparison.simulated !== null)).toBe(true)
    const keys = new Set(report.comparisons.map((c) => `${c.targetId} ${c.quantity}`))
    for (const key of Object.keys(KNOWN_MECHANISM_MISSES)) expect(keys.has(key), key).toBe(true)
    const ruleIds = new Set(report.rules.map((rule) => rule.id))
    for (const id of Object.keys(KNOWN_RULE_FAILURES)) expect(ruleIds.has(id), id).toBe(true)
  })
})
