import { COST_METRIC_LABELS } from '../../../engine/results/metric-names'
import type { Configuration, Environment } from '../../../engine/experiments/spec'
import { targetMatchesRun, type ReferenceTarget } from './reference-markers'
import { summarizeReplicates, type ReplicateSummary } from './statistics'

/**
 * Category charts drawn the way a preset's chart hint asks (`engine/experiments/presets.ts`): the
 * hint's x field as categories (configurations, MTUs, message sizes, SPECjbb loads), one series
 * per value of its series field, replicates folded into mean and interval.
 */

/** The spec fields a preset's hint can name. */
export type SpecField = 'config' | 'env' | 'mtu' | 'guestMtu' | 'messageSize' | 'jbb'

/** A chart axis: a spec field, or any engine parameter (`param:nic.interruptRateHz`). */
export type HintField = SpecField | `param:${string}`

/** Category of a run whose spec does not override the charted parameter. */
export const DEFAULT_CATEGORY = 'default'

/** The metrics a hint can name. */
export type HintMetric = 'throughputMbps' | 'clk' | 'inst' | 'lroRate' | 'specjbbScore'

/** The subset of a chart hint this module reads. */
export interface ChartHint {
  kind: 'line' | 'bar'
  xField: HintField
  /** One field, or several whose values together name a series (`mtu=1500 · config=xen`). */
  seriesField: HintField | readonly HintField[]
  xLabel: string
  metrics: readonly HintMetric[]
}

/** The fields of a run read here (a structural subset of `RunSummary`). */
export interface HintRun {
  config: Configuration
  env: Environment
  mtu: number
  messageSize: number
  jbb: 'off' | 'max' | number
  spec: { guestMtu?: number; params?: Readonly<Record<string, number | string>> }
  metrics: Partial<Record<HintMetric, number | null>> | null
}

/** One series of a category chart: a summary per category (null where no run finished). */
export interface CategorySeries {
  key: string
  /** The configuration that colors the series, when the series field is the configuration. */
  config: Configuration | null
  values: (ReplicateSummary | null)[]
}

/** Categories and series of one metric. */
export interface CategoryChartData {
  labels: string[]
  /** For each label, the configuration it stands for when the x field is the configuration. */
  labelConfigs: (Configuration | null)[]
  series: CategorySeries[]
}

const CONFIG_ORDER = ['linux', 'xen', 'plro', 'vlro', 'pvlro']

/** The value of a hint field on a run, as category text. */
export function fieldValue(run: HintRun, field: HintField): string {
  switch (field) {
    case 'guestMtu':
      return String(run.spec.guestMtu ?? run.mtu)
    case 'jbb':
      return String(run.jbb)
    case 'config':
    case 'env':
    case 'mtu':
    case 'messageSize':
      return String(run[field])
    default:
      return String(run.spec.params?.[field.slice('param:'.length)] ?? DEFAULT_CATEGORY)
  }
}

/** Orders categories: configurations in paper order, `off` first and `max` last, numbers ascending. */
export function compareCategories(field: HintField, left: string, right: string): number {
  if (field === 'config') return CONFIG_ORDER.indexOf(left) - CONFIG_ORDER.indexOf(right)
  const rank = (value: string): number =>
    value === 'off' || value === DEFAULT_CATEGORY ? -Infinity : value === 'max' ? Infinity : Number(value)
  const leftRank = rank(left)
  const rightRank = rank(right)
  if (leftRank === rightRank) return 0
  if (Number.isNaN(leftRank) || Number.isNaN(rightRank)) return left.localeCompare(right)
  return leftRank - rightRank
}

/** Builds the category chart of one metric from the runs that have it. */
export function categoryChartData(
  runs: readonly HintRun[],
  hint: ChartHint,
  metric: HintMetric,
): CategoryChartData {
  const labels = [...new Set(runs.map((run) => fieldValue(run, hint.xField)))].sort((left, right) =>
    compareCategories(hint.xField, left, right),
  )
  const seriesOf = seriesKeyOf(hint.seriesField)
  const seriesKeys = uniqueSorted(runs, seriesOf)
  const series = seriesKeys.map((key) => {
    const members = runs.filter((run) => seriesOf.key(run) === key)
    return {
      key,
      config: hint.seriesField === 'config' ? (key as Configuration) : null,
      values: labels.map((label) =>
        summarizeReplicates(
          members
            .filter((run) => fieldValue(run, hint.xField) === label)
            .map((run) => run.metrics?.[metric] ?? null),
        ),
      ),
    }
  })
  return {
    labels,
    labelConfigs: labels.map((label) => (hint.xField === 'config' ? (label as Configuration) : null)),
    series: series.filter(
      (line) => line.values.some((value) => value !== null) || runs.every((run) => run.metrics === null),
    ),
  }
}

/** How a hint's series field names a run's series, and orders the names. */
interface SeriesKey {
  key(run: HintRun): string
  compare(left: HintRun, right: HintRun): number
}

function seriesKeyOf(seriesField: ChartHint['seriesField']): SeriesKey {
  const fields: readonly HintField[] = typeof seriesField === 'string' ? [seriesField] : seriesField
  const shortName = (field: HintField): string => field.replace(/^param:/, '')
  return {
    key: (run) =>
      fields.length === 1
        ? fieldValue(run, fields[0])
        : fields.map((field) => `${shortName(field)}=${fieldValue(run, field)}`).join(' · '),
    compare: (left, right) => {
      for (const field of fields) {
        const order = compareCategories(field, fieldValue(left, field), fieldValue(right, field))
        if (order !== 0) return order
      }
      return 0
    },
  }
}

/** The distinct series names of the runs, in field order. */
function uniqueSorted(runs: readonly HintRun[], seriesOf: SeriesKey): string[] {
  const firstOfKey = new Map<string, HintRun>()
  for (const run of runs) if (!firstOfKey.has(seriesOf.key(run))) firstOfKey.set(seriesOf.key(run), run)
  return [...firstOfKey.entries()]
    .sort(([, left], [, right]) => seriesOf.compare(left, right))
    .map(([key]) => key)
}

/** Axis label of a hint metric, with its unit. */
export const HINT_METRIC_LABELS: Readonly<Record<HintMetric, string>> = {
  throughputMbps: 'Throughput (Mb/s)',
  clk: COST_METRIC_LABELS.clk,
  inst: COST_METRIC_LABELS.inst,
  lroRate: 'LRO rate (segments per aggregate)',
  specjbbScore: 'SPECjbb score (bops)',
}

/** The paper's value per category of one series (null where the paper gives none). */
export interface CategoryReference {
  key: string
  config: Configuration | null
  values: (number | null)[]
}

/**
 * The paper's values for a category chart: for every series and category, the first calibration
 * target that matches a run drawn there (same environment, configuration, MTU, message size range,
 * SPECjbb off). Series without any published value are left out.
 */
export function categoryReferences(
  runs: readonly HintRun[],
  hint: ChartHint,
  metric: HintMetric,
  targets: readonly ReferenceTarget[],
): CategoryReference[] {
  if (metric === 'specjbbScore') return []
  const data = categoryChartData(runs, hint, metric)
  const seriesOf = seriesKeyOf(hint.seriesField)
  const references: CategoryReference[] = []
  for (const line of data.series) {
    const values = data.labels.map((label) => {
      for (const run of runs) {
        if (seriesOf.key(run) !== line.key || fieldValue(run, hint.xField) !== label) continue
        const target = targets.find(
          (candidate) => typeof candidate[metric] === 'number' && targetMatchesRun(candidate, run),
        )
        if (target) return target[metric] as number
      }
      return null
    })
    if (values.some((value) => value !== null))
      references.push({ key: line.key, config: line.config, values })
  }
  return references
}
