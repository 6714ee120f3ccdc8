import { markRaw } from 'vue'
import type { ChartDataset } from 'chart.js'
import type { RunSummary } from '../../../main/contract/api'
import {
  lroRateSeries,
  sweepSeries,
  throughputVersusScore,
  type ChartSeries,
  type ChartableRun,
} from '../logic/chart-data'
import { chartToCsv, toCsv } from '../logic/csv'
import type { LiveSeriesBuffer } from '../logic/live-buffer'
import { configurationColor, extraColor, seriesColor, type Theme } from '../logic/palette'
import {
  categoryChartData,
  categoryReferences,
  HINT_METRIC_LABELS,
  type ChartHint,
  type HintMetric,
} from '../logic/preset-chart'
import type { ReferenceTarget } from '../logic/reference-markers'
import type { ChartSource } from './chart-config'
import { sweepDatasets } from './datasets'
import { overlapNote } from '../logic/series-overlap'
import { aboveWireNote, warmupBands, type SeriesRunInfo } from '../logic/series-run-info'

/**
 * The chart sources of the live view and history: the paper's figures built from whatever runs have
 * finished so far, and the time series of one running run read straight from the live buffer.
 * Each source is markRaw: charts read it, Vue never proxies it.
 */

/** The finished runs as chartable points. */
function chartable(runs: readonly RunSummary[]): ChartableRun[] {
  return runs.filter((run) => run.metrics !== null)
}

/** The overlap sentence of sweep series, as a notes list. */
function sweepNotes(series: readonly ChartSeries[]): string[] {
  const note = overlapNote(series)
  return note ? [note] : []
}

function seriesCsv(xLabel: string, yLabel: string, series: ChartSeries[]): string {
  return chartToCsv(
    xLabel,
    yLabel,
    series.map((line) => ({ label: line.label, points: line.points })),
  )
}

/** Figures 2-4: throughput against message size, one line per configuration and MTU. */
export function throughputSweepSource(runs: () => readonly RunSummary[]): ChartSource {
  const shape = () => sweepSeries(chartable(runs()), 'messageSize', 'throughputMbps', 'config-mtu')
  return markRaw({
    kind: 'line',
    xLabel: 'Message size (bytes, log scale)',
    yLabel: 'Throughput (Mb/s)',
    xType: 'logarithmic',
    build: (theme: Theme) => ({ datasets: sweepDatasets(shape(), theme) }),
    csv: () => seriesCsv('messageSizeBytes', 'throughputMbps', shape()),
    notes: () => sweepNotes(shape()),
  } satisfies ChartSource)
}

/** Figure 5: LRO rate against message size. */
export function lroRateSource(runs: () => readonly RunSummary[]): ChartSource {
  const shape = () => lroRateSeries(chartable(runs()), 'config-mtu')
  return markRaw({
    kind: 'line',
    xLabel: 'Message size (bytes, log scale)',
    yLabel: 'LRO rate (segments per aggregate)',
    xType: 'logarithmic',
    isYFromZero: false,
    build: (theme: Theme) => ({ datasets: sweepDatasets(shape(), theme) }),
    csv: () => seriesCsv('messageSizeBytes', 'lroRate', shape()),
    notes: () => sweepNotes(shape()),
  } satisfies ChartSource)
}

/** Figure 6: throughput against the SPECjbb score. */
export function throughputVersusScoreSource(runs: () => readonly RunSummary[]): ChartSource {
  const shape = () => throughputVersusScore(chartable(runs()))
  return markRaw({
    kind: 'line',
    xLabel: 'SPECjbb score (bops)',
    yLabel: 'Throughput (Mb/s)',
    build: (theme: Theme) => ({ datasets: sweepDatasets(shape(), theme) }),
    csv: () => seriesCsv('specjbbScoreBops', 'throughputMbps', shape()),
    notes: () => sweepNotes(shape()),
  } satisfies ChartSource)
}

/** A running run's throughput over simulated time, from the live buffer. */
export function liveThroughputSource(
  buffer: LiveSeriesBuffer,
  runId: () => string | null,
  label: () => string,
  info: () => SeriesRunInfo | null = () => null,
): ChartSource {
  const line = () => {
    const id = runId()
    return id ? (buffer.get(id)?.throughput ?? []) : []
  }
  return markRaw({
    kind: 'line',
    xLabel: 'Simulated time (s)',
    yLabel: 'Throughput (Mb/s)',
    build: (theme: Theme) => ({
      datasets: [
        {
          type: 'line' as const,
          label: label(),
          data: line(),
          borderColor: seriesColor(label().split(' ')[0], theme),
          backgroundColor: seriesColor(label().split(' ')[0], theme),
          pointRadius: 0,
          borderWidth: 1.5,
        },
      ],
    }),
    csv: () => chartToCsv('simTimeS', 'throughputMbps', [{ label: label(), points: line() }]),
    notes: () => aboveWireNote(line(), info()),
    xBands: () => warmupBands(info()),
  } satisfies ChartSource)
}

/** A running run's CPU busy share per context over simulated time, from the live buffer. */
export function liveCpuSource(
  buffer: LiveSeriesBuffer,
  runId: () => string | null,
  info: () => SeriesRunInfo | null = () => null,
): ChartSource {
  const lines = () => {
    const id = runId()
    const series = id ? buffer.get(id) : undefined
    return series ? [...series.cpu.entries()].map(([context, points]) => ({ label: context, points })) : []
  }
  return markRaw({
    kind: 'line',
    xLabel: 'Simulated time (s)',
    yLabel: 'CPU busy (% of one CPU)',
    build: (theme: Theme) => ({
      datasets: lines().map((line) => ({
        type: 'line' as const,
        label: line.label,
        data: line.points,
        borderColor: seriesColor(line.label, theme),
        backgroundColor: seriesColor(line.label, theme),
        pointRadius: 0,
        borderWidth: 1.5,
      })),
    }),
    csv: () => chartToCsv('simTimeS', 'cpuPercent', lines()),
    xBands: () => warmupBands(info()),
  } satisfies ChartSource)
}

const NO_POINT = { y: Number.NaN, yMin: Number.NaN, yMax: Number.NaN }

/** A summary as an error-bar point: the mean with its 95% interval (none for one replicate). */
function errorBarPoint(value: { mean: number; halfWidth95: number | null }): {
  y: number
  yMin: number
  yMax: number
} {
  const half = value.halfWidth95 ?? 0
  return { y: value.mean, yMin: value.mean - half, yMax: value.mean + half }
}

/**
 * A preset's own figure, as its chart hint describes it, for one metric. Category axes hold at most
 * a few dozen points, so these charts let Chart.js parse (no decimation needed).
 */
export function presetFigureSource(
  runs: () => readonly RunSummary[],
  hint: () => ChartHint | null,
  metric: HintMetric,
  targets: readonly ReferenceTarget[] = [],
): ChartSource {
  const shape = () => {
    const currentHint = hint()
    return currentHint
      ? categoryChartData(runs(), currentHint, metric)
      : { labels: [], labelConfigs: [], series: [] }
  }
  return markRaw({
    kind: 'bar',
    get xLabel() {
      return hint()?.xLabel ?? ''
    },
    yLabel: HINT_METRIC_LABELS[metric],
    isYFromZero: true,
    build: (theme: Theme) => {
      const data = shape()
      const currentHint = hint()
      const isLine = currentHint?.kind === 'line'
      const datasets: ChartDataset[] = data.series.map((line, index) => {
        // Bars stand for configurations when the x axis is the configuration: color each bar.
        const perBar = data.labelConfigs.map((config) =>
          config ? configurationColor(config, theme) : extraColor(index, theme),
        )
        const color = line.config
          ? configurationColor(line.config, theme)
          : data.labelConfigs[0]
            ? perBar
            : extraColor(index, theme)
        return {
          // Error-bar controllers (chartjs-chart-error-bars): whiskers at the 95% interval.
          type: isLine ? 'lineWithErrorBars' : 'barWithErrorBars',
          label: line.config ? line.key : line.key === '' ? 'all runs' : `simulated (${line.key})`,
          // The error-bar controllers read yMin of every point: a category with no run yet is NaN.
          data: line.values.map((value) => (value ? errorBarPoint(value) : NO_POINT)),
          errorBarColor: color,
          errorBarWhiskerColor: color,
          borderColor: color,
          backgroundColor: color,
          pointRadius: 3,
          borderWidth: isLine ? 2 : 1,
        } as ChartDataset
      })
      const references = currentHint ? categoryReferences(runs(), currentHint, metric, targets) : []
      for (const reference of references) {
        const color = reference.config
          ? configurationColor(reference.config, theme)
          : theme === 'dark'
            ? '#ffffff'
            : '#000000'
        datasets.push({
          type: 'line',
          label: `paper: ${reference.key}`,
          data: reference.values,
          // Lower order draws on top: the markers must stay visible over the bars.
          order: -1,
          // A dashed line where the paper gives a flat value over a sweep, crosses on bars.
          showLine: isLine,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointStyle: 'crossRot',
          pointRadius: isLine ? 5 : 8,
          pointBorderWidth: 3,
          borderColor: color,
          backgroundColor: color,
        } as ChartDataset)
      }
      return { labels: data.labels, datasets }
    },
    notes: () => {
      const currentHint = hint()
      if (!currentHint) return []
      const notes: string[] = []
      if (currentHint.kind === 'line') {
        const data = shape()
        const overlap = overlapNote(
          data.series.map((line) => ({
            label: line.key,
            points: line.values.map((value, index) => (value ? { x: index, y: value.mean } : null)),
          })),
        )
        if (overlap) notes.push(overlap)
      }
      const isLoaded = runs().some((run) => run.jbb !== 'off')
      if (isLoaded && metric !== 'specjbbScore' && targets.length > 0) {
        notes.push(
          "The paper's values (crosses) are for SPECjbb off only: the calibration data publishes none " +
            'under load, so loaded points have no marker.',
        )
      }
      return notes
    },
    csv: () => {
      const data = shape()
      return toCsv(
        ['series', hint()?.xField ?? 'x', `${metric}Mean`, `${metric}HalfWidth95`, 'replicates'],
        data.series.flatMap((line) =>
          line.values.map((value, index) => [
            line.key,
            data.labels[index],
            value?.mean,
            value?.halfWidth95,
            value?.count ?? 0,
          ]),
        ),
      )
    },
  } satisfies ChartSource)
}
