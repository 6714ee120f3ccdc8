import type { ChartConfiguration, ChartDataset, ChartType } from 'chart.js'
import type { Theme } from '../logic/palette'
import type { ChartThemeColors } from './chart-theme'

/**
 * Builds Chart.js configurations with the performance rules of STYLE.md section 5 applied in one
 * place: pre-parsed sorted data (`parsing: false`, `normalized: true`), no animation, decimation
 * for long lines, and zoom/pan on x.
 */

/** The data a chart draws (plain arrays, never reactive). */
export interface ChartData {
  labels?: string[]
  datasets: ChartDataset[]
}

/** Everything a chart panel needs to draw and export one chart. */
export interface ChartSource {
  kind: 'line' | 'scatter' | 'bar'
  xLabel: string
  yLabel: string
  xType?: 'linear' | 'logarithmic' | 'category'
  /** Stacked bars (per-stage CPU breakdown). */
  isStacked?: boolean
  /** y axis starts at zero. */
  isYFromZero?: boolean
  /** Builds the current data for the theme (called once per animation frame at most). */
  build(theme: Theme): ChartData
  /** The chart's data as CSV text. */
  csv(): string
}

/** The Chart.js configuration of a source. */
export function buildChartConfig(source: ChartSource, colors: ChartThemeColors): ChartConfiguration {
  const data = source.build(colors.theme)
  const isBar = source.kind === 'bar'
  const type: ChartType = isBar ? 'bar' : source.kind === 'scatter' ? 'scatter' : 'line'
  const axis = (label: string) => ({
    title: { display: true, text: label, color: colors.text },
    ticks: { color: colors.text },
    grid: { color: colors.grid },
  })
  const xType = isBar ? 'category' : (source.xType ?? 'linear')
  return {
    type,
    data: { labels: data.labels, datasets: data.datasets } as ChartConfiguration['data'],
    options: {
      // PERF: Chart.js performance guide: no animation, pre-parsed normalized data.
      animation: false,
      parsing: isBar ? undefined : false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: true,
      interaction: { mode: 'nearest', intersect: false },
      datasets: { line: { pointRadius: 2, borderWidth: 2 }, scatter: { pointRadius: 4 } },
      scales: {
        x: { type: xType, stacked: source.isStacked, ...axis(source.xLabel) },
        y: {
          type: 'linear',
          stacked: source.isStacked,
          beginAtZero: source.isYFromZero ?? true,
          ...axis(source.yLabel),
        },
      },
      plugins: {
        legend: {
          labels: {
            color: colors.text,
            // Point styles in the legend: the paper's markers read as crosses, not as bars.
            usePointStyle: true,
            // Interval bands are drawn as datasets of their own; keep them out of the legend.
            filter: (item) => !String(item.text).endsWith(' (95% band)'),
          },
        },
        decimation: { enabled: !isBar, algorithm: 'lttb', samples: 500, threshold: 1000 },
        tooltip: { enabled: true },
        zoom: isBar
          ? undefined
          : {
              zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'x' },
              pan: { enabled: true, mode: 'x' },
            },
      },
    },
  } as ChartConfiguration
}
