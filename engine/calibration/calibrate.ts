import { identifiedParameter } from '../model/net/testbeds'
import type { ParamSpec } from '../params/define'
import { parseScopedId } from '../params/environment-scoped'
import { LITERATURE_RANGES, type SearchRange } from './literature-ranges'
import { addTargetPoints, compareTargets, objectiveOf, type TargetComparison } from './compare'
import type { EvaluationOptions } from './evaluation-points'
import { nelderMead } from './nelder-mead'
import { PointSet } from './point-set'
import type { BatchRunner } from './runner'
import type { TargetsFile } from './targets-schema'

/**
 * Fits free parameters to a targets file. The optimizer works in a normalised space: each free
 * parameter maps its [min, max] onto [0, 1], logarithmically when the range is positive (costs and
 * times span orders of magnitude, and a relative step means the same everywhere), linearly otherwise.
 * The objective is the weighted sum of squared relative errors in units of each quantity's tolerance
 * (`objectiveOf`), so a 3 % throughput miss weighs like a 10 % clk-ratio miss.
 */

/** A parameter the optimizer may move, with the bounds it must stay in. */
export interface FreeParameter {
  id: string
  min: number
  max: number
  isInteger: boolean
  /** True when the parameter is searched on a log scale. */
  isLog: boolean
}

/**
 * Builds the free parameters from registry entries; throws on unknown ids or flat ranges. The search
 * range is the literature range (`ranges`) clipped to the declared [min, max]; without one, the
 * declared range, with a zero lower bound replaced by a tenth of the default so a log scale exists.
 * An id scoped to a test bed (`ENV:id`) is that environment's parameter alone, searched over the
 * plausible range its test bed declares for it (`testbeds.ts`) when it is an identified one.
 */
export function freeParametersFrom(
  ids: readonly string[],
  registry: ReadonlyMap<string, ParamSpec>,
  ranges: Readonly<Record<string, SearchRange>> = LITERATURE_RANGES,
): FreeParameter[] {
  return ids.map((id) => {
    const scoped = parseScopedId(id)
    const baseId = scoped?.id ?? id
    const spec = registry.get(baseId)
    if (!spec) throw new Error(`unknown parameter id "${baseId}"`)
    const identified = scoped ? identifiedParameter(scoped.env, baseId) : undefined
    const range = identified ? { low: identified.min, high: identified.max } : ranges[baseId]
    let min = Math.max(spec.min, range?.low ?? spec.min)
    const max = Math.min(spec.max, range?.high ?? spec.max)
    if (!range && min <= 0 && spec.default > 0) min = Math.min(spec.default / 10, max)
    if (!(max > min)) throw new Error(`parameter ${id} has no range to search ([${min}, ${max}])`)
    return { id, min, max, isInteger: spec.isInteger === true, isLog: min > 0 }
  })
}

/** Maps a value into [0, 1] (outside when the value is outside the range). */
export function toNormalised(parameter: FreeParameter, value: number): number {
  if (parameter.isLog) {
    return (Math.log(value) - Math.log(parameter.min)) / (Math.log(parameter.max) - Math.log(parameter.min))
  }
  return (value - parameter.min) / (parameter.max - parameter.min)
}

/** Maps a normalised coordinate back to a value, clamped to the range and rounded for integers. */
export function fromNormalised(parameter: FreeParameter, coordinate: number): number {
  const clamped = Math.min(1, Math.max(0, coordinate))
  // The bounds themselves are returned exactly (exp(log(x)) is not always x).
  if (clamped === 0) return parameter.min
  if (clamped === 1) return parameter.max
  let value = parameter.isLog
    ? Math.exp(Math.log(parameter.min) + clamped * (Math.log(parameter.max) - Math.log(parameter.min)))
    : parameter.min + clamped * (parameter.max - parameter.min)
  value = Math.min(parameter.max, Math.max(parameter.min, value))
  return parameter.isInteger ? Math.round(value) : value
}

/** Options of a calibration. */
export interface CalibrationOptions extends EvaluationOptions {
  /** Objective evaluations allowed (each runs every target point once). */
  maxEvaluations: number
  /** Initial simplex step in normalised units (0.1 = a tenth of each log range). */
  initialStep: number
}

/** One evaluation, reported as it finishes. */
export interface CalibrationProgress {
  evaluation: number
  maxEvaluations: number
  values: Record<string, number>
  objective: number
  bestObjective: number
}

/** What a calibration found. */
export interface CalibrationResult {
  /** Best values of the free parameters. */
  values: Record<string, number>
  /** Objective at the start values and at the best values. */
  startObjective: number
  objective: number
  evaluations: number
  hasConverged: boolean
  /** Comparisons at the best values (what the saved set's provenance records). */
  comparisons: TargetComparison[]
}

/** Weight of the penalty that pulls the simplex back inside [0, 1] on every axis. */
const BOUNDARY_PENALTY = 100

/**
 * Runs Nelder-Mead over `free`, starting from `start` (values by id; clamped into range). The
 * candidate values travel as per-run parameter overrides on top of whatever set the runner uses.
 */
export async function calibrate(
  file: TargetsFile,
  runner: BatchRunner,
  free: readonly FreeParameter[],
  start: Readonly<Record<string, number>>,
  options: CalibrationOptions,
  onProgress?: (progress: CalibrationProgress) => void,
): Promise<CalibrationResult> {
  if (free.length === 0) throw new Error('calibrate needs at least one free parameter')
  const cache = new Map<string, { objective: number; comparisons: TargetComparison[] }>()
  let evaluation = 0
  let bestObjective = Infinity

  const valuesAt = (point: readonly number[]): Record<string, number> =>
    Object.fromEntries(free.map((parameter, axis) => [parameter.id, fromNormalised(parameter, point[axis])]))

  async function measure(
    values: Record<string, number>,
  ): Promise<{ objective: number; comparisons: TargetComparison[] }> {
    const key = JSON.stringify(free.map((parameter) => values[parameter.id]))
    const cached = cache.get(key)
    if (cached) return cached
    const points = new PointSet()
    const pointOptions = { ...options, params: { ...options.params, ...values } }
    addTargetPoints(file, points, pointOptions)
    await points.runPending(runner)
    const comparisons = compareTargets(file, points, pointOptions)
    const measured = { objective: objectiveOf(comparisons), comparisons }
    cache.set(key, measured)
    return measured
  }

  async function objective(point: readonly number[]): Promise<number> {
    const values = valuesAt(point)
    const { objective: value } = await measure(values)
    let penalty = 0
    for (const coordinate of point) penalty += Math.max(0, -coordinate, coordinate - 1) ** 2
    const total = value + BOUNDARY_PENALTY * penalty
    evaluation++
    bestObjective = Math.min(bestObjective, total)
    onProgress?.({
      evaluation,
      maxEvaluations: options.maxEvaluations,
      values,
      objective: total,
      bestObjective,
    })
    return total
  }

  const startPoint = free.map((parameter) => {
    const value = start[parameter.id]
    if (value === undefined) throw new Error(`no start value for ${parameter.id}`)
    return Math.min(1, Math.max(0, toNormalised(parameter, value)))
  })
  const startValues = valuesAt(startPoint)
  const startObjective = (await measure(startValues)).objective
  const found = await nelderMead(objective, startPoint, {
    maxEvaluations: options.maxEvaluations,
    initialStep: options.initialStep,
    valueTolerance: 1e-4,
    pointTolerance: 1e-3,
  })
  const values = valuesAt(found.point)
  const best = await measure(values)
  return {
    values,
    startObjective,
    objective: best.objective,
    evaluations: found.evaluations,
    hasConverged: found.hasConverged,
    comparisons: best.comparisons,
  }
}
