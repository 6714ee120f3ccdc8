/**
 * Side-by-side comparison of runs: the spec fields and parameter values aligned by id (so a
 * diff-only view can hide what is equal) and the headline metrics with deltas against a baseline.
 */
import { parameterRegistry } from '../../engine/params/registry'
import type {
  ComparisonMetricRow,
  ComparisonParamRow,
  RunComparison,
  RunMetrics,
  RunSummary,
} from '../contract/api'

/** Spec fields compared besides parameter overrides, with their units. */
const SPEC_FIELDS: readonly { field: keyof RunSummary['spec']; unit: string }[] = [
  { field: 'config', unit: '' },
  { field: 'env', unit: '' },
  { field: 'mtu', unit: 'bytes' },
  { field: 'guestMtu', unit: 'bytes' },
  { field: 'messageSize', unit: 'bytes' },
  { field: 'jbb', unit: '' },
  { field: 'durationS', unit: 's' },
  { field: 'warmupS', unit: 's' },
  { field: 'seed', unit: '' },
  { field: 'paramSet', unit: '' },
  { field: 'sampleIntervalS', unit: 's' },
  { field: 'stopAtRelativeCi', unit: 'ratio' },
]

/** Metrics compared, in display order. */
const METRICS: readonly (keyof RunMetrics)[] = [
  'throughputMbps',
  'throughputCi95',
  'lroRate',
  'clk',
  'inst',
  'specjbbScore',
]

/** Compares runs (in the given order) against `baselineRunId` (must be one of them). */
export function compareRunSummaries(runs: readonly RunSummary[], baselineRunId: string): RunComparison {
  const baselineIndex = runs.findIndex((run) => run.id === baselineRunId)
  if (baselineIndex < 0) throw new RangeError('the baseline must be one of the compared runs')
  const params: ComparisonParamRow[] = []
  for (const { field, unit } of SPEC_FIELDS) {
    const values = runs.map((run) => normalise(run.spec[field]))
    if (values.every((value) => value === null)) continue
    params.push({ id: `spec.${field}`, unit, values, isDifferent: !allEqual(values) })
  }
  const overrideIds = [...new Set(runs.flatMap((run) => Object.keys(run.spec.params ?? {})))].sort()
  for (const id of overrideIds) {
    const spec = parameterRegistry.get(id)
    // A run that does not override a parameter uses its set's value; show the registry default as
    // the best available stand-in (named sets are resolved by the engine, not stored per run).
    const values = runs.map((run) => run.spec.params?.[id] ?? spec?.default ?? null)
    params.push({ id, unit: spec?.unit ?? '', values, isDifferent: !allEqual(values) })
  }
  const metrics: ComparisonMetricRow[] = METRICS.map((metric) => {
    const values = runs.map((run) => run.metrics?.[metric] ?? null)
    const baseline = values[baselineIndex]
    const deltas = values.map((value) => (value === null || baseline === null ? null : value - baseline))
    const relativeDeltas = values.map((value) =>
      value === null || baseline === null || baseline === 0 ? null : (value - baseline) / baseline,
    )
    return { metric, values, deltas, relativeDeltas }
  })
  return { runs: [...runs], baselineRunId, params, metrics }
}

function normalise(value: unknown): number | string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  return JSON.stringify(value)
}

function allEqual(values: readonly (number | string | null)[]): boolean {
  return values.every((value) => value === values[0])
}
