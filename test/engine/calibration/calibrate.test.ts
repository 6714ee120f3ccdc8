import { describe, expect, it, vi } from 'vitest'
import type { ParamSpec } from '../../../engine/params/define'
import { FAKE_XEN_SPEED_ID, FAKE_XEN_SPEED_TRUE, fakeRun } from './fake-engine'

// The fake engine's knob must be a registered parameter, since run specs validate override ids.
vi.mock('../../../engine/params/registry', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../engine/params/registry')>()
  const fake: ParamSpec = {
    id: 'test.fake.xenSpeed',
    unit: 'ratio',
    default: 1,
    min: 0.1,
    max: 40,
    help: 'test knob',
    provenance: 'fitted',
    group: 'test',
  }
  return { ...original, parameterRegistry: new Map([...original.parameterRegistry, [fake.id, fake]]) }
})

const { calibrate, freeParametersFrom, fromNormalised, toNormalised } =
  await import('../../../engine/calibration/calibrate')
const { referenceTargets } = await import('../../../engine/calibration/reference-targets')
const { serialBatchRunner } = await import('../../../engine/calibration/runner')
const { DEFAULT_EVALUATION_OPTIONS } = await import('../../../engine/calibration/evaluation-points')
const { parameterRegistry } = await import('../../../engine/params/registry')

describe('normalised parameter space', () => {
  const parameter = { id: 'p', min: 10, max: 1000, isInteger: false, isLog: true }

  it('maps the range onto [0, 1] logarithmically and back', () => {
    expect(toNormalised(parameter, 10)).toBeCloseTo(0, 12)
    expect(toNormalised(parameter, 100)).toBeCloseTo(0.5, 12)
    expect(fromNormalised(parameter, 0.5)).toBeCloseTo(100, 9)
    for (const value of [10, 33.3, 999])
      expect(fromNormalised(parameter, toNormalised(parameter, value))).toBeCloseTo(value, 9)
  })

  it('clamps outside coordinates and rounds integer parameters', () => {
    expect(fromNormalised(parameter, -3)).toBe(10)
    expect(fromNormalised(parameter, 7)).toBe(1000)
    const linear = { id: 'q', min: 0, max: 64, isInteger: true, isLog: false }
    expect(fromNormalised(linear, 0.501)).toBe(32)
  })

  it('searches inside the literature range clipped to the declared range', () => {
    const registry = new Map([
      [
        'cost',
        {
          id: 'cost',
          unit: 'cycles',
          default: 100,
          min: 0,
          max: 1e6,
          help: '',
          provenance: 'assumed' as const,
          group: 'g',
        },
      ],
    ])
    const [withRange] = freeParametersFrom(['cost'], registry, {
      cost: { low: 50, high: 2e6, source: 'test' },
    })
    expect([withRange.min, withRange.max, withRange.isLog]).toEqual([50, 1e6, true])
    const [withoutRange] = freeParametersFrom(['cost'], registry, {})
    expect([withoutRange.min, withoutRange.max, withoutRange.isLog]).toEqual([10, 1e6, true])
  })

  it('refuses unknown parameter ids', () => {
    expect(() => freeParametersFrom(['no.such.parameter'], parameterRegistry)).toThrow(/unknown parameter id/)
  })
})

describe('calibrate (fake engine)', () => {
  it('recovers the knob value that reproduces the targets, from a start 5x off', async () => {
    const free = freeParametersFrom([FAKE_XEN_SPEED_ID], parameterRegistry)
    const progress: number[] = []
    const result = await calibrate(
      referenceTargets(),
      serialBatchRunner((spec) => fakeRun(spec)),
      free,
      { [FAKE_XEN_SPEED_ID]: FAKE_XEN_SPEED_TRUE * 5 },
      { ...DEFAULT_EVALUATION_OPTIONS, sizesFromAtLeast256: [16384], maxEvaluations: 60, initialStep: 0.1 },
      (step) => progress.push(step.bestObjective),
    )
    expect(result.values[FAKE_XEN_SPEED_ID]).toBeCloseTo(FAKE_XEN_SPEED_TRUE, 1)
    expect(result.objective).toBeLessThan(result.startObjective / 100)
    expect(result.comparisons.every((comparison) => comparison.pass)).toBe(true)
    expect(result.evaluations).toBeLessThanOrEqual(60)
    // The best objective reported never gets worse.
    for (let index = 1; index < progress.length; index++)
      expect(progress[index]).toBeLessThanOrEqual(progress[index - 1])
  })

  it('passes candidate values to the runner as parameter overrides within range', async () => {
    const free = freeParametersFrom([FAKE_XEN_SPEED_ID], parameterRegistry)
    const seen = new Set<number>()
    await calibrate(
      referenceTargets(),
      serialBatchRunner((spec) => {
        const value = spec.params[FAKE_XEN_SPEED_ID]
        seen.add(value)
        return fakeRun(spec)
      }),
      free,
      { [FAKE_XEN_SPEED_ID]: 39 },
      { ...DEFAULT_EVALUATION_OPTIONS, sizesFromAtLeast256: [16384], maxEvaluations: 8, initialStep: 0.3 },
    )
    expect(seen.size).toBeGreaterThan(1)
    for (const value of seen) {
      expect(value).toBeGreaterThanOrEqual(0.1)
      expect(value).toBeLessThanOrEqual(40)
    }
  })
})

describe('scoreHypotheses with a refit per alternative', () => {
  it('lets each alternative compete with costs fitted for it, and reports them', async () => {
    const { mechanismAlternatives, scoreHypotheses } = await import('../../../engine/calibration/hypotheses')
    const { DEFAULT_VALIDATION_OPTIONS } = await import('../../../engine/calibration/validate')
    // Under the age timer (policy 2) the fake's Xen path is twice as slow: its knob must double.
    const runner = serialBatchRunner((spec) => {
      const speed = spec.params[FAKE_XEN_SPEED_ID] ?? FAKE_XEN_SPEED_TRUE
      const shifted = spec.params['lro.vlro.flushPolicy'] === 2 ? speed / 2 : speed
      return fakeRun({ ...spec, params: { ...spec.params, [FAKE_XEN_SPEED_ID]: shifted } })
    })
    const alternatives = mechanismAlternatives(parameterRegistry, ['lro.vlro.flushPolicy'])
    const options = { ...DEFAULT_VALIDATION_OPTIONS, includeRules: false, params: { [FAKE_XEN_SPEED_ID]: 2 } }
    const fixed = await scoreHypotheses(referenceTargets(), runner, options, alternatives)
    const ageFixed = fixed.find((score) => score.alternative.params['lro.vlro.flushPolicy'] === 2)!
    expect(ageFixed.targetsMet).toBeLessThan(ageFixed.targetsTotal)
    expect(ageFixed.fitted).toBeNull()
    const refit = {
      file: referenceTargets(),
      free: freeParametersFrom([FAKE_XEN_SPEED_ID], parameterRegistry),
      start: { [FAKE_XEN_SPEED_ID]: FAKE_XEN_SPEED_TRUE },
      options: {
        ...DEFAULT_EVALUATION_OPTIONS,
        sizesFromAtLeast256: [16384],
        maxEvaluations: 60,
        initialStep: 0.1,
      },
    }
    const refitted = await scoreHypotheses(
      referenceTargets(),
      runner,
      options,
      alternatives,
      undefined,
      refit,
    )
    const age = refitted.find((score) => score.alternative.params['lro.vlro.flushPolicy'] === 2)!
    expect(age.fitted?.[FAKE_XEN_SPEED_ID]).toBeCloseTo(2 * FAKE_XEN_SPEED_TRUE, 1)
    expect(age.targetsMet).toBe(age.targetsTotal)
    const pollEnd = refitted.find((score) => score.alternative.params['lro.vlro.flushPolicy'] === 0)!
    expect(pollEnd.fitted?.[FAKE_XEN_SPEED_ID]).toBeCloseTo(FAKE_XEN_SPEED_TRUE, 1)
  })
})
