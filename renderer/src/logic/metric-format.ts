/** A metric for a table cell: `digits` decimals, or an em dash when the run has none (yet). */
export function formatMetric(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits)
}

/** Three significant digits (`0.0239`, `13.0`, `1.50e+8`): indices and ranges spanning decades. */
export function formatSignificant(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return Math.abs(value) >= 1e5 ? value.toExponential(2) : value.toPrecision(3)
}
