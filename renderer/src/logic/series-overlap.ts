/**
 * Finds series a line chart draws on top of each other: at every x they share, their values are
 * within a small share of the axis. The later series then hides the earlier one, and a reader
 * sees one line where the data has two.
 */

/** A series as the overlap check reads it: points by x, null where it has none. */
export interface OverlapSeries {
  label: string
  points: readonly ({ x: number; y: number } | null)[]
}

/** Share of the y axis (0 to the largest value) within which two points look like one. */
export const OVERLAP_AXIS_SHARE = 0.01

/** Pairs of series that coincide everywhere they share an x (at least one shared x). */
export function overlappingPairs(
  series: readonly OverlapSeries[],
  axisShare = OVERLAP_AXIS_SHARE,
): [string, string][] {
  let axisSpan = 0
  for (const line of series)
    for (const point of line.points) if (point) axisSpan = Math.max(axisSpan, Math.abs(point.y))
  const tolerance = axisSpan * axisShare
  const byX = series.map((line) => {
    const map = new Map<number, number>()
    for (const point of line.points) if (point) map.set(point.x, point.y)
    return map
  })
  const pairs: [string, string][] = []
  for (let left = 0; left < series.length; left++) {
    for (let right = left + 1; right < series.length; right++) {
      let shared = 0
      let isApart = false
      for (const [x, y] of byX[left]) {
        const other = byX[right].get(x)
        if (other === undefined) continue
        shared++
        if (Math.abs(other - y) > tolerance) {
          isApart = true
          break
        }
      }
      if (shared > 0 && !isApart) pairs.push([series[left].label, series[right].label])
    }
  }
  return pairs
}

/** A sentence naming the coinciding series, or null when every series can be seen. */
export function overlapNote(series: readonly OverlapSeries[]): string | null {
  const pairs = overlappingPairs(series)
  if (pairs.length === 0) return null
  const names = pairs.map(([left, right]) => `${left} and ${right}`).join('; ')
  return (
    `${names} lie within ${OVERLAP_AXIS_SHARE * 100} % of the axis of each other at every point they share: ` +
    'the line drawn last hides the other (both are in the legend and the CSV).'
  )
}
