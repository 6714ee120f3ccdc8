import type { Configuration } from '../../../engine/experiments/spec'
import type { RunSeries, StageCost } from '../../../engine/results/run-result'
import { summarizeReplicates } from './statistics'

/**
 * Shapes run results into the points the charts draw: the paper's sweeps (throughput against
 * message size per MTU, Figures 2-4; LRO rates, Figure 5; throughput against SPECjbb score,
 * Figure 6) with replicates folded into a mean and a 95% interval. Pure functions, so they are
 * tested without a canvas; the output is already sorted and parsed for Chart.js (`parsing: false`).
 */

/** The fields of a finished run the charts read (a structural subset of `RunSummary`). */
export interface ChartableRun {
  id: string
  config: Configuration
  mtu: number
  messageSize: number
  jbb: 'off' | 'max' | number
  metrics: {
    throughputMbps: number
    lroRate: number | null
    clk: number
    inst: number
    specjbbScore: number | null
  } | null
}

/** A headline metric a chart can plot. */
export type ChartMetric = 'throughputMbps' | 'lroRate' | 'clk' | 'inst' | 'specjbbScore'

/** One aggregated point: mean of its replicates, with the interval when there are several. */
export interface ChartPoint {
  x: number
  y: number
  /** Lower and upper end of the 95% interval of the mean (equal to y for one replicate). */
  yLow: number
  yHigh: number
  /** Replicates folded into the point. */
  count: number
}

/** One line or scatter series. */
export interface ChartSeries {
  key: string
  label: string
  /** The configuration that sets the series color. */
  config: Configuration
  points: ChartPoint[]
}

/** What separates the series of a sweep chart. */
export type SeriesSplit = 'config' | 'config-mtu'

/** Numeric x for a SPECjbb level: off = 0, a share as is, max = 1. */
export function jbbAsNumber(level: 'off' | 'max' | number): number {
  return level === 'off' ? 0 : level === 'max' ? 1 : level
}

/**
 * A sweep: `metric` against a spec field (`messageSize`, `mtu` or `jbb`), one series per
 * configuration (or per configuration and MTU), replicates aggregated.
 */
export function sweepSeries(
  runs: readonly ChartableRun[],
  xField: 'messageSize' | 'mtu' | 'jbb',
  metric: ChartMetric,
  split: SeriesSplit = 'config',
): ChartSeries[] {
  return groupSeries(
    runs,
    split,
    (run) => (xField === 'jbb' ? jbbAsNumber(run.jbb) : run[xField]),
    (run) => run.metrics?.[metric] ?? null,
  )
}

/**
 * Figure 6: throughput against the SPECjbb score, one point per configuration and load level
 * (x is the mean score of the level's replicates). Runs without SPECjbb are left out.
 */
export function throughputVersusScore(
  runs: readonly ChartableRun[],
  split: SeriesSplit = 'config',
): ChartSeries[] {
  const withScore = runs.filter((run) => run.metrics?.specjbbScore != null)
  const byLevel = groupSeries(
    withScore,
    split,
    (run) => jbbAsNumber(run.jbb),
    (run) => run.metrics?.throughputMbps ?? null,
  )
  // Replace the level on x by the mean score measured at that level.
  for (const series of byLevel) {
    for (const point of series.points) {
      const scores = withScore
        .filter((run) => seriesKeyOf(run, split) === series.key && jbbAsNumber(run.jbb) === point.x)
        .map((run) => run.metrics?.specjbbScore ?? null)
      point.x = summarizeReplicates(scores)?.mean ?? point.x
    }
    series.points.sort((left, right) => left.x - right.x)
  }
  return byLevel
}

/** Figure 5: LRO rate against message size, only for configurations with an LRO point. */
export function lroRateSeries(runs: readonly ChartableRun[], split: SeriesSplit = 'config'): ChartSeries[] {
  return sweepSeries(
    runs.filter((run) => run.metrics?.lroRate != null),
    'messageSize',
    'lroRate',
    split,
  )
}

/** A time-series line for a live or stored run. */
export interface TimeLine {
  key: string
  label: string
  points: { x: number; y: number }[]
}

/** Throughput and per-context CPU share lines of a run's series (x = simulated seconds). */
export function timeSeriesLines(series: RunSeries): { throughput: TimeLine; cpu: TimeLine[] } {
  const throughput: TimeLine = {
    key: 'throughput',
    label: 'Throughput',
    points: series.timeS.map((time, index) => ({ x: time, y: series.throughputMbps[index] })),
  }
  const cpu: TimeLine[] = []
  for (const [context, shares] of Object.entries(series.cpu)) {
    if (!shares) continue
    cpu.push({
      key: context,
      label: context,
      points: series.timeS.map((time, index) => ({ x: time, y: (shares[index] ?? 0) * 100 })),
    })
  }
  return { throughput, cpu }
}

/** A stacked-bar breakdown: one bar per label, one dataset per stage. */
export interface StageBreakdown {
  labels: string[]
  stages: { stage: string; values: number[] }[]
}

/**
 * Per-stage CPU breakdown (cycles per packet), stacked per bar. Bars with several runs (replicates
 * of a configuration) show the mean; stages outside the `topStageCount` largest fold into "other".
 */
export function stageBreakdown(
  bars: readonly { label: string; runs: readonly { stages: readonly StageCost[] }[] }[],
  topStageCount = 8,
): StageBreakdown {
  const totals = new Map<string, number>()
  const means = bars.map((bar) => {
    const sums = new Map<string, number>()
    for (const run of bar.runs) {
      for (const stage of run.stages) {
        const name = `${stage.context}: ${stage.stage}`
        sums.set(name, (sums.get(name) ?? 0) + stage.cyclesPerPacket)
      }
    }
    const mean = new Map<string, number>()
    for (const [name, sum] of sums) {
      const value = sum / Math.max(1, bar.runs.length)
      mean.set(name, value)
      totals.set(name, (totals.get(name) ?? 0) + value)
    }
    return mean
  })
  const ranked = [...totals.entries()].sort((left, right) => right[1] - left[1]).map(([name]) => name)
  const kept = ranked.slice(0, topStageCount)
  const folded = ranked.slice(topStageCount)
  const stages = kept.map((stage) => ({ stage, values: means.map((mean) => mean.get(stage) ?? 0) }))
  if (folded.length > 0) {
    stages.push({
      stage: 'other',
      values: means.map((mean) => folded.reduce((sum, name) => sum + (mean.get(name) ?? 0), 0)),
    })
  }
  return { labels: bars.map((bar) => bar.label), stages }
}

/** The series key of a run: its configuration, or configuration and MTU. */
export function seriesKeyOf(run: Pick<ChartableRun, 'config' | 'mtu'>, split: SeriesSplit): string {
  return split === 'config' ? run.config : `${run.config} @ ${run.mtu}`
}

function groupSeries(
  runs: readonly ChartableRun[],
  split: SeriesSplit,
  xOf: (run: ChartableRun) => number,
  yOf: (run: ChartableRun) => number | null,
): ChartSeries[] {
  const groups = new Map<string, { config: Configuration; byX: Map<number, (number | null)[]> }>()
  for (const run of runs) {
    const y = yOf(run)
    if (y === null || !Number.isFinite(y)) continue
    const key = seriesKeyOf(run, split)
    let group = groups.get(key)
    if (!group) {
      group = { config: run.config, byX: new Map() }
      groups.set(key, group)
    }
    const x = xOf(run)
    const values = group.byX.get(x)
    if (values) values.push(y)
    else group.byX.set(x, [y])
  }
  const series: ChartSeries[] = []
  for (const [key, group] of groups) {
    const points: ChartPoint[] = []
    for (const [x, values] of group.byX) {
      const summary = summarizeReplicates(values)
      if (!summary) continue
      const halfWidth = summary.halfWidth95 ?? 0
      points.push({
        x,
        y: summary.mean,
        yLow: summary.mean - halfWidth,
        yHigh: summary.mean + halfWidth,
        count: summary.count,
      })
    }
    points.sort((left, right) => left.x - right.x)
    series.push({ key, label: key, config: group.config, points })
  }
  const order = ['linux', 'xen', 'plro', 'vlro', 'pvlro']
  return series.sort(
    (left, right) =>
      order.indexOf(left.config) - order.indexOf(right.config) || left.key.localeCompare(right.key),
  )
}
