/**
 * Turns a `startExperiment` request (a preset with overrides, or hand-written specs) into the
 * validated run specs to store, checking everything before anything is written: every problem is
 * reported with its field path (`specs.3.mtu`, `overrides.durationS`, ...).
 */
import {
  planSensitivity,
  type SensitivityPlan,
  type SensitivityRequest,
  type SensitivityRequestInput,
} from '../../engine/analysis/sensitivity-plan'
import { presetById, type ExperimentPreset } from '../../engine/experiments/presets'
import { parseRunSpec, type RunSpec, type RunSpecInput } from '../../engine/experiments/spec'
import { AppError, type FieldIssue, type PresetOverrides } from '../contract/api'
import { MAX_RUNS_PER_EXPERIMENT } from '../../engine/experiments/limits'

/** The built-in parameter set every spec refers to unless it names another. */
export const DEFAULT_PARAMETER_SET = 'default'

/** Looks up a named parameter set's values; undefined when there is no such set. */
export type ParameterSetLookup = (name: string) => Record<string, number> | undefined

/** What to run: validated specs plus the parameter values each refers to. */
export interface ExperimentPlan {
  presetId: string | null
  specs: RunSpec[]
  /** The sensitivity analysis the specs were planned for, or null. */
  analysis: SensitivityRequest | null
  /** Values of each named set used (absent for the built-in default). */
  parameterSets: Map<string, Record<string, number>>
}

/** Expands a preset with overrides into spec inputs (one replication unless asked). */
export function expandPresetInputs(
  preset: ExperimentPreset,
  overrides: PresetOverrides = {},
  replications = 1,
): RunSpecInput[] {
  const inputs = preset.expand({
    durationS: overrides.durationS,
    warmupS: overrides.warmupS,
    replications,
    seedBase: overrides.seed ?? 1,
  })
  return inputs.map((input) => applyOverrides(input, overrides))
}

function applyOverrides(input: RunSpecInput, overrides: PresetOverrides): RunSpecInput {
  const spec: RunSpecInput = { ...input }
  if (overrides.paramSet !== undefined) spec.paramSet = overrides.paramSet
  if (overrides.sampleIntervalS !== undefined) spec.sampleIntervalS = overrides.sampleIntervalS
  if (overrides.params !== undefined) spec.params = { ...(input.params ?? {}), ...overrides.params }
  return spec
}

/** The largest seed a spec accepts. */
const SEED_MAX = 4_294_967_295

/** Repeats each validated spec with seeds seed, seed + 1, ... (replications are consecutive). */
export function replicateSpecs(specs: readonly RunSpec[], replications: number): RunSpec[] {
  if (replications === 1) return [...specs]
  if (specs.some((spec) => spec.seed + replications - 1 > SEED_MAX)) {
    throw AppError.validation([
      { path: 'replications', message: `seed + replications - 1 exceeds ${SEED_MAX}` },
    ])
  }
  return specs.flatMap((spec) =>
    Array.from({ length: replications }, (_, replicate) => ({ ...spec, seed: spec.seed + replicate })),
  )
}

/** Validates each input with the engine's schema; the issue paths are prefixed with `specs.<i>`. */
export function parseSpecInputs(inputs: readonly unknown[], pathPrefix = 'specs'): RunSpec[] {
  const specs: RunSpec[] = []
  const issues: FieldIssue[] = []
  inputs.forEach((input, index) => {
    const parsed = parseRunSpec(input)
    if (parsed.ok) specs.push(parsed.spec)
    else
      issues.push(
        ...parsed.issues.map((issue) => ({
          path: `${pathPrefix}.${index}.${issue.path}`,
          message: issue.message,
        })),
      )
  })
  if (issues.length > 0) throw AppError.validation(issues, 'Invalid run spec')
  return specs
}

/** Looks up every parameter set the specs name; an unknown name is a validation error. */
export function resolveParameterSets(
  specs: readonly RunSpec[],
  lookup: ParameterSetLookup,
): Map<string, Record<string, number>> {
  const sets = new Map<string, Record<string, number>>()
  const issues: FieldIssue[] = []
  specs.forEach((spec, index) => {
    if (spec.paramSet === DEFAULT_PARAMETER_SET || sets.has(spec.paramSet)) return
    const values = lookup(spec.paramSet)
    if (values) sets.set(spec.paramSet, values)
    else issues.push({ path: `specs.${index}.paramSet`, message: `unknown parameter set "${spec.paramSet}"` })
  })
  if (issues.length > 0) throw AppError.validation(issues, 'Invalid run spec')
  return sets
}

/** The preset with this id, or a NOT_FOUND error. */
export function requirePreset(presetId: string): ExperimentPreset {
  const preset = presetById(presetId)
  if (!preset) throw AppError.notFound('preset', presetId)
  return preset
}

/** Plans a `startExperiment` request (already schema-checked). */
export function planExperiment(
  request: {
    presetId?: string
    overrides?: PresetOverrides
    specs?: unknown[]
    sensitivity?: unknown
    replications?: number
  },
  lookup: ParameterSetLookup,
): ExperimentPlan {
  const replications = request.replications ?? 1
  let specs: RunSpec[]
  let analysis: SensitivityRequest | null = null
  if (request.sensitivity !== undefined) {
    // One run per plan position: replications would break the plan's order (its seed is its own).
    if (replications !== 1)
      throw AppError.validation([{ path: 'replications', message: 'a sensitivity analysis runs once' }])
    let plan: SensitivityPlan
    try {
      plan = planSensitivity(request.sensitivity as SensitivityRequestInput)
    } catch (error) {
      throw AppError.validation([{ path: 'sensitivity', message: (error as Error).message }])
    }
    refuseOversized(plan.specs.length)
    specs = plan.specs
    analysis = plan.request
  } else if (request.presetId !== undefined) {
    const preset = requirePreset(request.presetId)
    refuseOversized(expandPresetInputs(preset, request.overrides, 1).length * replications)
    specs = parseSpecInputs(expandPresetInputs(preset, request.overrides, replications))
  } else {
    // Counted before anything is expanded, stored or queued.
    refuseOversized((request.specs ?? []).length * replications)
    specs = replicateSpecs(parseSpecInputs(request.specs ?? []), replications)
  }
  return {
    presetId: request.presetId ?? null,
    specs,
    analysis,
    parameterSets: resolveParameterSets(specs, lookup),
  }
}

/** Refuses an experiment of more than MAX_RUNS_PER_EXPERIMENT runs, naming the count. */
function refuseOversized(runCount: number): void {
  if (runCount > MAX_RUNS_PER_EXPERIMENT) {
    throw AppError.validation([
      {
        path: 'replications',
        message: `${runCount} runs (specs x replications) is more than ${MAX_RUNS_PER_EXPERIMENT}; narrow the grid`,
      },
    ])
  }
}
