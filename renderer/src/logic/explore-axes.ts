import {
  fieldValue,
  type ChartHint,
  type HintField,
  type HintMetric,
  type HintRun,
  type SpecField,
} from './preset-chart'

/**
 * The explore chart's axes: whatever varies among an experiment's runs (a spec field or any
 * parameter swept as an axis) can go on x, and the rest splits the series, so no two different
 * points are ever pooled unless the user asks for it.
 */

const SPEC_FIELDS: readonly SpecField[] = ['config', 'env', 'mtu', 'guestMtu', 'messageSize', 'jbb']

const SPEC_FIELD_LABELS: Readonly<Record<SpecField, string>> = {
  config: 'Configuration',
  env: 'Environment',
  mtu: 'MTU (bytes)',
  guestMtu: 'Guest MTU (bytes)',
  messageSize: 'Message size (bytes)',
  jbb: 'SPECjbb load',
}

/** A series choice: one field, every varied field but x, or none (all runs at an x pooled). */
export type SeriesChoice = HintField | 'rest' | 'none'

/** The label of an axis field; a parameter is named by its id and unit when known. */
export function fieldLabel(
  field: HintField,
  unitOf: (id: string) => string | undefined = () => undefined,
): string {
  if (!field.startsWith('param:')) return SPEC_FIELD_LABELS[field as SpecField]
  const id = field.slice('param:'.length)
  const unit = unitOf(id)
  return unit ? `${id} (${unit})` : id
}

/** The fields that take more than one value among the runs: spec fields first, then parameters. */
export function variedFields(runs: readonly HintRun[]): HintField[] {
  const parameterIds = new Set(runs.flatMap((run) => Object.keys(run.spec.params ?? {})))
  const candidates: HintField[] = [
    ...SPEC_FIELDS,
    ...[...parameterIds].sort().map((id) => `param:${id}` as const),
  ]
  return candidates.filter((field) => new Set(runs.map((run) => fieldValue(run, field))).size > 1)
}

/** The x field shown first: a swept parameter if any, else message size, load, MTU, configuration. */
export function defaultXField(varied: readonly HintField[]): HintField | null {
  const preference: HintField[] = [
    ...varied.filter((field) => field.startsWith('param:')),
    'messageSize',
    'jbb',
    'mtu',
    'guestMtu',
    'config',
    'env',
  ]
  return preference.find((field) => varied.includes(field)) ?? null
}

/** The varied fields neither on x nor in the series: their runs are pooled into one point. */
export function pooledFields(varied: readonly HintField[], x: HintField, series: SeriesChoice): HintField[] {
  if (series === 'rest') return []
  return varied.filter((field) => field !== x && field !== series)
}

/** The chart hint of an explore chart. Numeric x draws lines; configurations and environments bars. */
export function exploreHint(
  varied: readonly HintField[],
  x: HintField,
  series: SeriesChoice,
  metric: HintMetric,
  unitOf?: (id: string) => string | undefined,
): ChartHint {
  const rest = varied.filter((field) => field !== x)
  const seriesField: ChartHint['seriesField'] =
    series === 'rest' ? (rest.length === 1 ? rest[0] : rest) : series === 'none' ? [] : series
  return {
    kind: x === 'config' || x === 'env' ? 'bar' : 'line',
    xField: x,
    seriesField,
    xLabel: fieldLabel(x, unitOf),
    metrics: [metric],
  }
}
