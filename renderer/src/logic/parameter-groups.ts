/**
 * The advanced panel's layout: engine parameters grouped by their `group` (as declared next to each
 * component), filtered by a search over id, group and meaning.
 */

/** The fields of a parameter the panel shows (a structural subset of the contract's ParameterInfo). */
export interface PanelParameter {
  id: string
  unit: string
  default: number
  min: number
  max: number
  help: string
  group: string
  deprecated?: string | null
}

/** One group of the panel. */
export interface ParameterGroup<P extends PanelParameter = PanelParameter> {
  group: string
  parameters: P[]
}

/** Groups parameters by group name (sorted), ids sorted inside; `query` filters case-insensitively. */
export function groupParameters<P extends PanelParameter>(
  parameters: readonly P[],
  query = '',
): ParameterGroup<P>[] {
  const needle = query.trim().toLowerCase()
  const groups = new Map<string, P[]>()
  for (const parameter of parameters) {
    if (needle && !`${parameter.id} ${parameter.group} ${parameter.help}`.toLowerCase().includes(needle))
      continue
    const list = groups.get(parameter.group)
    if (list) list.push(parameter)
    else groups.set(parameter.group, [parameter])
  }
  return [...groups.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([group, list]) => ({
      group,
      parameters: list.sort((left, right) => left.id.localeCompare(right.id)),
    }))
}

/** The range hint of a parameter (`0 … 1e6 cycles`). */
export function rangeText(parameter: PanelParameter): string {
  const format = (value: number): string =>
    Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2) : String(value)
  return `${format(parameter.min)} … ${format(parameter.max)} ${parameter.unit}`
}

/** Number of overrides set (non-empty text) in a design's override map. */
export function countOverrides(overrides: Readonly<Record<string, string>>): number {
  return Object.values(overrides).filter((text) => text.trim() !== '').length
}
