import type { ChartDataset } from 'chart.js'
import type { ChartSeries, TimeLine } from '../logic/chart-data'
import type { ReferenceMarker } from '../logic/reference-markers'
import { configurationColor, seriesColor, withAlpha, type Theme } from '../logic/palette'

/**
 * Turns shaped series into Chart.js datasets, coloring every configuration from the one palette.
 * Points are `{ x, y }` objects, sorted by x, so charts can use `parsing: false`.
 */

/** Line datasets of aggregated sweep series, with a 95% band where there are replicates. */
export function sweepDatasets(series: readonly ChartSeries[], theme: Theme, isLine = true): ChartDataset[] {
  const datasets: ChartDataset[] = []
  for (const line of series) {
    const color = configurationColor(line.config, theme)
    const hasBand = line.points.some((point) => point.count > 1)
    datasets.push({
      type: isLine ? 'line' : 'scatter',
      label: line.label,
      data: line.points.map((point) => ({ x: point.x, y: point.y })),
      borderColor: color,
      backgroundColor: color,
      pointRadius: 3,
      showLine: isLine,
    } as ChartDataset)
    if (hasBand) {
      // Upper edge filled down to the lower edge (the next dataset): the replicate interval.
      datasets.push({
        type: 'line',
        label: `${line.label} (95% band)`,
        data: line.points.map((point) => ({ x: point.x, y: point.yHigh })),
        borderWidth: 0,
        pointRadius: 0,
        backgroundColor: withAlpha(color, 0.18),
        fill: '+1',
      } as ChartDataset)
      datasets.push({
        type: 'line',
        label: `${line.label} low (95% band)`,
        data: line.points.map((point) => ({ x: point.x, y: point.yLow })),
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
      } as ChartDataset)
    }
  }
  return datasets
}

/** Time lines (throughput, CPU shares) in the palette; `colorKey` picks the color per line. */
export function timeLineDatasets(
  lines: readonly TimeLine[],
  theme: Theme,
  colorKey: (line: TimeLine) => string = (line) => line.key,
): ChartDataset[] {
  return lines.map(
    (line) =>
      ({
        type: 'line',
        label: line.label,
        data: line.points,
        borderColor: seriesColor(colorKey(line), theme),
        backgroundColor: seriesColor(colorKey(line), theme),
        pointRadius: 0,
        borderWidth: 1.5,
      }) as ChartDataset,
  )
}

/**
 * The paper's values as markers: a dashed segment over the message sizes a value holds for, or a
 * cross at the single x the caller gives (`xForMarker`), in the configuration's color.
 */
export function referenceDatasets(
  markers: readonly ReferenceMarker[],
  theme: Theme,
  xForMarker?: (marker: ReferenceMarker) => number | null,
): ChartDataset[] {
  return markers.map((marker) => {
    const color = configurationColor(marker.config, theme)
    const fixedX = xForMarker?.(marker) ?? null
    const points =
      fixedX !== null
        ? [{ x: fixedX, y: marker.value }]
        : marker.messageSizeFrom !== null && marker.messageSizeTo !== null
          ? [
              { x: marker.messageSizeFrom, y: marker.value },
              { x: marker.messageSizeTo, y: marker.value },
            ]
          : []
    return {
      type: 'line',
      label: `paper: ${marker.config} @ ${marker.mtu}`,
      data: points,
      borderColor: color,
      backgroundColor: color,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointStyle: 'crossRot',
      pointRadius: 7,
      pointBorderWidth: 2,
      showLine: points.length > 1,
    } as ChartDataset
  })
}
