/**
 * A sensitivity analysis as one plan, shared by `labbench sensitivity` and the app's analysis
 * experiments: which runs it needs (Morris trajectories or Saltelli points over each parameter's
 * plausible range, every run with the same seed so effects are not confounded with random
 * variation) and how their metrics become indices. The plan is a pure function of the request, so
 * a stored request and its runs (by ordinal) always give the same indices back.
 */
import { z } from 'zod'
import { freeParametersFrom, fromNormalised, type FreeParameter } from '../calibration/calibrate'
import { CONFIGURATIONS, ENVIRONMENTS, parseRunSpec, type RunSpec } from '../experiments/spec'
import { RandomStream } from '../kernel/rng'
import { parseScopedId } from '../params/environment-scoped'
import { parameterRegistry } from '../params/registry'
import { morrisDesign, morrisIndices, type MorrisDesign, type MorrisIndex } from './morris'
import { saltelliDesign, sobolIndices, type SaltelliDesign, type SobolIndex } from './sobol'

/**
 * Run metrics, and `gainOverXenPercent`: the configuration's throughput over Xen's without LRO at
 * the same point and parameters, in percent (each point runs twice, the configuration and xen).
 */
export const SENSITIVITY_METRICS = [
  'throughputMbps',
  'lroRate',
  'clk',
  'inst',
  'specjbbScore',
  'gainOverXenPercent',
] as const
export type SensitivityMetric = (typeof SENSITIVITY_METRICS)[number]
type RunMetric = Exclude<SensitivityMetric, 'gainOverXenPercent'>

/** What a sensitivity analysis is: the parameters, the metric, the method and the point it runs at. */
export const SensitivityRequestSchema = z
  .object({
    /** Registry ids, or `ENV:id` for a test bed's identified parameter (its identified range). */
    params: z.array(z.string().min(1).max(200)).min(1).max(50),
    metric: z.enum(SENSITIVITY_METRICS).default('throughputMbps'),
    method: z.enum(['morris', 'sobol']).default('morris'),
    /** Morris trajectories r: r (k + 1) points. */
    trajectories: z.number().int().min(2).max(1000).default(10),
    /** Sobol base sample size N: N (k + 2) points. */
    samples: z.number().int().min(2).max(100_000).default(64),
    config: z.enum(CONFIGURATIONS).default('vlro'),
    env: z.enum(ENVIRONMENTS).default('direct-2009'),
    mtu: z.number().int().min(576).max(9000).default(1500),
    messageSize: z.number().int().min(1).max(1_048_576).default(16_384),
    jbb: z.union([z.literal('off'), z.literal('max'), z.number().gt(0).lt(1)]).default('off'),
    durationS: z.number().positive().max(3600).default(0.5),
    warmupS: z.number().min(0).max(600).default(0.2),
    /** Seed of the design and of every run. */
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
  })
  .strict()

export type SensitivityRequestInput = z.input<typeof SensitivityRequestSchema>
export type SensitivityRequest = z.output<typeof SensitivityRequestSchema>

/** The runs of an analysis and how to read them back. */
export interface SensitivityPlan {
  request: SensitivityRequest
  parameters: FreeParameter[]
  design: MorrisDesign | SaltelliDesign
  /** In plan order: per design point, the configuration's run (then xen's, for the gain metric). */
  specs: RunSpec[]
  /** The experiment's name: the same request gives the same name (shards find each other by it). */
  name: string
}

/** One parameter's indices, whichever method. */
export type SensitivityIndex = ({ method: 'morris' } & MorrisIndex) | ({ method: 'sobol' } & SobolIndex)

/** The result of an analysis: indices per parameter id, ranked by influence (largest first). */
export interface SensitivityResult {
  metric: SensitivityMetric
  method: 'morris' | 'sobol'
  ranked: (SensitivityIndex & { id: string })[]
  /** Design points whose metric is known (both runs done, for the gain). */
  pointsKnown: number
  pointsTotal: number
}

/** Plans an analysis; throws an Error naming the problem (unknown id, parameter of another bed, ...). */
export function planSensitivity(input: SensitivityRequestInput): SensitivityPlan {
  const parsed = SensitivityRequestSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${issue.path.join('.') || 'request'}: ${issue.message}`)
  }
  const request = parsed.data
  if (new Set(request.params).size !== request.params.length) throw new Error('a parameter is listed twice')
  const parameters = freeParametersFrom(request.params, parameterRegistry)
  const runIds = parameters.map((parameter) => {
    const scoped = parseScopedId(parameter.id)
    if (scoped && scoped.env !== request.env)
      throw new Error(`${parameter.id} belongs to ${scoped.env}, but the runs are on ${request.env}`)
    return scoped?.id ?? parameter.id
  })
  const design =
    request.method === 'morris'
      ? morrisDesign(parameters.length, request.trajectories, new RandomStream(request.seed, 'morris'))
      : saltelliDesign(parameters.length, request.samples, new RandomStream(request.seed, 'saltelli'))
  const configs =
    request.metric === 'gainOverXenPercent' ? [request.config, 'xen' as const] : [request.config]
  const specs = design.points.flatMap((point) =>
    configs.map((config) => {
      const result = parseRunSpec({
        config,
        env: request.env,
        mtu: request.mtu,
        messageSize: request.messageSize,
        jbb: request.jbb,
        durationS: request.durationS,
        warmupS: request.warmupS,
        seed: request.seed,
        params: Object.fromEntries(
          runIds.map((id, column) => [id, fromNormalised(parameters[column], point[column])]),
        ),
      })
      if (!result.ok)
        throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
      return result.spec
    }),
  )
  const name = `sensitivity ${request.method} ${request.metric}: ${request.params.join(', ')}`
  return { request, parameters, design, specs, name }
}

/** The metrics of one run, as an analysis reads them (null where the run has none yet). */
export type SensitivityRunValues = Partial<Record<RunMetric, number | null>> | null

/**
 * Indices from the runs' metrics in plan order (null for a run not done): a design point whose
 * metric is unknown is left out of the effects it takes part in.
 */
export function analyseSensitivity(
  plan: SensitivityPlan,
  runValues: readonly SensitivityRunValues[],
): SensitivityResult {
  const { request, design, parameters } = plan
  const value = (index: number, field: RunMetric): number => runValues[index]?.[field] ?? Number.NaN
  const outputs = design.points.map((_, point) =>
    request.metric === 'gainOverXenPercent'
      ? (value(2 * point, 'throughputMbps') / value(2 * point + 1, 'throughputMbps') - 1) * 100
      : value(point, request.metric),
  )
  const pointsKnown = outputs.filter(Number.isFinite).length
  const indices: SensitivityIndex[] =
    request.method === 'morris'
      ? morrisIndices(design as MorrisDesign, outputs).map((index) => ({
          method: 'morris' as const,
          ...index,
        }))
      : sobolIndices(design as SaltelliDesign, outputs, new RandomStream(request.seed, 'bootstrap')).map(
          (index) => ({ method: 'sobol' as const, ...index }),
        )
  const influence = (index: SensitivityIndex): number =>
    index.method === 'morris' ? index.muStar : index.total.value
  const ranked = indices
    .map((index) => ({ ...index, id: parameters[index.index].id }))
    .sort((left, right) => (influence(right) || 0) - (influence(left) || 0))
  return {
    metric: request.metric,
    method: request.method,
    ranked,
    pointsKnown,
    pointsTotal: design.points.length,
  }
}
