import type { ChartConfiguration, ChartDataset, ChartType, Scale } from 'chart.js'
import type { AnnotationOptions } from 'chartjs-plugin-annotation'
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

/** A shaded range of x (the warm-up of a run, say), labelled. */
export interface XBand {
  from: number
  to: number
  label: string
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
  /**
   * Sentences that read the current data for the user (series hiding each other, where the
   * paper's values stop, why a sample can exceed the wire), shown under the chart.
   */
  notes?(): string[]
  /** Ranges of x to shade, recomputed with the data. */
  xBands?(): XBand[]
}

/** The annotation plugin's boxes for a source's shaded x ranges. */
export function bandAnnotations(bands: readonly XBand[], colors: ChartThemeColors): AnnotationOptions[] {
  return bands.map((band) => ({
    type: 'box',
    xMin: band.from,
    xMax: band.to,
    backgroundColor: colors.theme === 'dark' ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.06)',
    borderWidth: 0,
    drawTime: 'beforeDatasetsDraw',
    label: {
      display: true,
      content: band.label,
      position: { x: 'start', y: 'start' },
      color: colors.text,
      font: { size: 11 },
    },
  }))
}

/** The distinct x values the chart's datasets draw, ascending. */
function dataXValues(scale: Scale): number[] {
  const values = new Set<number>()
  for (const dataset of scale.chart.data.datasets) {
    for (const point of dataset.data as unknown[]) {
      const x = (point as { x?: unknown } | null)?.x
      if (typeof x === 'number' && x > 0) values.add(x)
    }
  }
  return [...values].sort((left, right) => left - right)
}

/**
 * A logarithmic x axis for sweeps: ticks at the swept values themselves (64, 128, ... 16384, as in
 * the paper's figures) instead of Chart.js's 1-2-5 decades that pile up over a short range, and a
 * single swept value centred on a decade around it instead of a zero-width axis.
 */
const sweepLogAxis = {
  afterDataLimits(scale: Scale): void {
    if (scale.min > 0 && scale.min === scale.max) {
      scale.min /= 2
      scale.max *= 2
    }
  },
  afterBuildTicks(scale: Scale): void {
    const values = dataXValues(scale)
    if (values.length > 0) scale.ticks = values.map((value) => ({ value }))
  },
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
        x: {
          type: xType,
          stacked: source.isStacked,
          ...axis(source.xLabel),
          ...(xType === 'logarithmic'
            ? {
                ...sweepLogAxis,
                // Chart.js labels only 1-2-3-5 x 10^n on log axes: 16384 would stand unlabelled.
                ticks: {
                  color: colors.text,
                  callback: (value: number | string) => Number(value).toLocaleString('en'),
                },
              }
            : {}),
        },
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
        annotation: { annotations: bandAnnotations(source.xBands?.() ?? [], colors) },
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
