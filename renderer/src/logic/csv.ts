/**
 * CSV text in RFC 4180 form: fields with a comma, quote or line break are quoted and quotes are
 * doubled, so spreadsheets read notes and tags intact.
 */

/** A CSV cell value; null and undefined become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined

/** Quotes one field when needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' && !Number.isFinite(value) ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Builds CSV text from a header and rows (CRLF line ends, as RFC 4180 asks). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(row.map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}

/** A chart's data in long form: one line per point, named by its series. */
export interface ChartCsvSeries {
  label: string
  points: readonly { x: number; y: number | null }[]
}

/** CSV of chart series: `series,<xLabel>,<yLabel>`. */
export function chartToCsv(xLabel: string, yLabel: string, series: readonly ChartCsvSeries[]): string {
  const rows: CsvCell[][] = []
  for (const line of series) for (const point of line.points) rows.push([line.label, point.x, point.y])
  return toCsv(['series', xLabel, yLabel], rows)
}
