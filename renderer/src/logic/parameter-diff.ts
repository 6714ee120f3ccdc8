/**
 * The comparison's parameter table: one row per spec field or overridden parameter, one column per
 * compared run, and the "differences only" filter (MLflow's most asked-for comparison feature).
 */

/** The spec fields a comparison shows, in display order, with their labels and units. */
export const SPEC_FIELDS: readonly { key: string; label: string }[] = [
  { key: 'config', label: 'Configuration' },
  { key: 'env', label: 'Environment' },
  { key: 'mtu', label: 'MTU (bytes)' },
  { key: 'guestMtu', label: 'Guest MTU (bytes)' },
  { key: 'messageSize', label: 'Message size (bytes)' },
  { key: 'jbb', label: 'SPECjbb load' },
  { key: 'durationS', label: 'Duration (s)' },
  { key: 'warmupS', label: 'Warm-up (s)' },
  { key: 'seed', label: 'Seed' },
  { key: 'paramSet', label: 'Parameter set' },
  { key: 'sampleIntervalS', label: 'Sample interval (s)' },
  { key: 'stopAtRelativeCi', label: 'Stop at relative CI' },
]

/** The part of a run spec the table reads. */
export interface ComparableSpec {
  [field: string]: unknown
  params?: Readonly<Record<string, number>>
}

/** One row of the parameter table. */
export interface ParameterRow {
  key: string
  label: string
  /** Display text per compared column, in column order. */
  values: string[]
  /** True when at least two columns show different values. */
  isDifferent: boolean
}

/** Display text of one spec value; an absent value shows as the default it falls back to. */
export function formatSpecValue(value: unknown, fallback = '—'): string {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)))
  return String(value)
}

/**
 * Builds the table rows for the given specs. Overridden parameters get a row each; a run that
 * does not override one shows `defaultOf(id)` (the registry default) so the difference is visible.
 */
export function buildParameterRows(
  specs: readonly ComparableSpec[],
  defaultOf: (parameterId: string) => number | undefined = () => undefined,
  unitOf: (parameterId: string) => string | undefined = () => undefined,
): ParameterRow[] {
  const rows: ParameterRow[] = []
  for (const field of SPEC_FIELDS) {
    const values = specs.map((spec) =>
      field.key === 'guestMtu'
        ? formatSpecValue(spec.guestMtu ?? spec.mtu)
        : formatSpecValue(spec[field.key]),
    )
    rows.push({ key: field.key, label: field.label, values, isDifferent: !allEqual(values) })
  }
  const parameterIds = new Set<string>()
  for (const spec of specs) for (const id of Object.keys(spec.params ?? {})) parameterIds.add(id)
  for (const id of [...parameterIds].sort()) {
    const values = specs.map((spec) => formatSpecValue(spec.params?.[id] ?? defaultOf(id), '(default)'))
    const unit = unitOf(id)
    rows.push({
      key: `params.${id}`,
      label: unit ? `${id} (${unit})` : id,
      values,
      isDifferent: !allEqual(values),
    })
  }
  return rows
}

/** Keeps only the rows that differ between columns when `isDifferencesOnly` is set. */
export function filterRows(rows: readonly ParameterRow[], isDifferencesOnly: boolean): ParameterRow[] {
  return isDifferencesOnly ? rows.filter((row) => row.isDifferent) : [...rows]
}

function allEqual(values: readonly string[]): boolean {
  return values.every((value) => value === values[0])
}
