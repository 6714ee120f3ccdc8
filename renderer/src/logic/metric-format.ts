/** A metric for a table cell: `digits` decimals, or an em dash when the run has none (yet). */
export function formatMetric(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits)
}
