import type { RunSpec, RunSpecInput } from '../experiments/spec'
import { specKey } from '../experiments/spec-key'
import { studentT975 } from './batch-means'
import type { RunResult } from './run-result'

/**
 * Replications: the same experiment point run with different seeds, summarised as a mean and a 95 %
 * Student-t confidence interval per metric (independent replications, Law & Kelton ch. 9).
 */

/**
 * Repeats every spec `replications` times with seeds `seedBase`, `seedBase + 1`, ... The same seed
 * list is used for every spec: common random numbers, so differences between configurations are
 * not blurred by unrelated noise.
 */
export function expandReplications(
  specs: readonly RunSpecInput[],
  replications: number,
  seedBase: number,
): RunSpecInput[] {
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be a whole number >= 1, got ${replications}`)
  }
  if (!Number.isInteger(seedBase) || seedBase < 0 || seedBase + replications - 1 > 4_294_967_295) {
    throw new RangeError(
      `seedBase must be a whole number with seedBase + replications - 1 <= 2^32 - 1, got ${seedBase}`,
    )
  }
  const expanded: RunSpecInput[] = []
  for (const spec of specs) {
    for (let replicate = 0; replicate < replications; replicate++) {
      expanded.push({ ...spec, seed: seedBase + replicate })
    }
  }
  return expanded
}

/** Mean and spread of one metric over a group's replications. */
export interface MetricSummary {
  /** Replications that produced a value (null values, e.g. lroRate without LRO, are skipped). */
  count: number
  mean: number
  standardDeviation: number | null
  /** Half-width of the 95 % Student-t interval on the mean; null with fewer than 2 values. */
  ci95HalfWidth: number | null
  min: number
  max: number
}

/** The metrics summarised for every group. */
export const REPLICATED_METRICS = [
  'throughputMbps',
  'clk',
  'inst',
  'lroRate',
  'specjbbScore',
  'cpuTotal',
] as const
/** A summarised metric's name. */
export type ReplicatedMetric = (typeof REPLICATED_METRICS)[number]

/** Replications of one experiment point. */
export interface ReplicateGroup {
  /** `specKey(spec, { omitSeed: true })`. */
  key: string
  /** The first replication's spec (its seed is one of `seeds`). */
  spec: RunSpec
  seeds: number[]
  metrics: Partial<Record<ReplicatedMetric, MetricSummary>>
}

function metricValue(result: RunResult, metric: ReplicatedMetric): number | null {
  return metric === 'cpuTotal' ? result.cpu.total : result[metric]
}

/** Groups results by their spec without the seed, in order of first appearance, and summarises each. */
export function groupReplicates(entries: readonly { spec: RunSpec; result: RunResult }[]): ReplicateGroup[] {
  const groups = new Map<string, { spec: RunSpec; seeds: number[]; results: RunResult[] }>()
  for (const { spec, result } of entries) {
    const key = specKey(spec, { omitSeed: true })
    let group = groups.get(key)
    if (!group) {
      group = { spec, seeds: [], results: [] }
      groups.set(key, group)
    }
    group.seeds.push(spec.seed)
    group.results.push(result)
  }
  return [...groups.entries()].map(([key, group]) => {
    const metrics: Partial<Record<ReplicatedMetric, MetricSummary>> = {}
    for (const metric of REPLICATED_METRICS) {
      const values = group.results
        .map((result) => metricValue(result, metric))
        .filter((value): value is number => value !== null && Number.isFinite(value))
      if (values.length > 0) metrics[metric] = summarise(values)
    }
    return { key, spec: group.spec, seeds: group.seeds, metrics }
  })
}

/** Mean, sample standard deviation and 95 % t interval of a list of values. */
export function summarise(values: readonly number[]): MetricSummary {
  const count = values.length
  if (count === 0) throw new RangeError('summarise needs at least one value')
  let sum = 0
  for (const value of values) sum += value
  const mean = sum / count
  if (count < 2) return { count, mean, standardDeviation: null, ci95HalfWidth: null, min: mean, max: mean }
  let squares = 0
  for (const value of values) squares += (value - mean) ** 2
  const standardDeviation = Math.sqrt(squares / (count - 1))
  return {
    count,
    mean,
    standardDeviation,
    ci95HalfWidth: studentT975(count - 1) * (standardDeviation / Math.sqrt(count)),
    min: Math.min(...values),
    max: Math.max(...values),
  }
}
