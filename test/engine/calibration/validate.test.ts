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
 * The real engine with the built-in default parameter set against the shipped targets: the same
 * pass `labbench validate` makes (serial here; about 40 points of 1.5 simulated seconds).
 */
describe('validate: the default parameter set against the Oi & Nakajima targets', () => {
  let report: ValidationReport

  beforeAll(async () => {
    report = await validateTargets(
      referenceTargets(),
      serialBatchRunner((spec) => runExperiment(spec, { now: () => performance.now() })),
      DEFAULT_VALIDATION_OPTIONS,
    )
    // Printed so a failing CI log shows the whole table, not just the first miss.
    console.log(formatValidationReport(report))
  }, 240_000)

  it('keeps every target within its tolerance', () => {
    const misses = report.comparisons
      .filter((comparison) => !comparison.pass)
      .map(
        (comparison) =>
          `${comparison.targetId} ${comparison.quantity}: ${((comparison.relativeError ?? NaN) * 100).toFixed(1)}%`,
      )
    expect(misses).toEqual([])
  })

  it('holds every qualitative statement of the paper', () => {
    const failures = report.rules
      .filter((rule) => rule.kind === 'qualitative' && !rule.pass)
      .map((rule) => `${rule.id}: ${rule.detail}`)
    expect(failures).toEqual([])
  })

  it('runs every target quantity of the shipped file', () => {
    expect(report.comparisons.length).toBe(22)
    expect(report.comparisons.every((comparison) => comparison.simulated !== null)).toBe(true)
  })
})
