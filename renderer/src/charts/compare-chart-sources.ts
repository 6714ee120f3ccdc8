import { markRaw } from 'vue'
import type { ChartDataset } from 'chart.js'
import type { RunDetail } from '../../../main/contract/api'
import { stageBreakdown } from '../logic/chart-data'
import { chartToCsv, toCsv } from '../logic/csv'
import { configurationColor, extraColor, withAlpha, type Theme } from '../logic/palette'
import { targetMatchesRun, type ReferenceTarget } from '../logic/reference-markers'
import type { ReplicateGroup } from '../logic/replicate-groups'
import type { ChartSource } from './chart-config'
import { shortRunLabel } from '../logic/run-label'
import { aboveWireNote, seriesRunInfo, warmupBands } from '../logic/series-run-info'

/**
 * Chart sources of the comparison view: overlaid time series (synchronized zoom), throughput per
 * replicate group with the paper's values as markers, and the per-stage CPU breakdown.
 */

/** Overlaid time series of every compared run: throughput or total CPU busy share. */
export function overlaidSeriesSource(
  runs: () => readonly RunDetail[],
  metric: 'throughput' | 'cpu',
): ChartSource {
  const lines = () =>
    runs().map((run) => {
      const series = run.result?.series
      const points: { x: number; y: number }[] = []
      if (series) {
        for (let index = 0; index < series.timeS.length; index++) {
          let y = series.throughputMbps[index]
          if (metric === 'cpu') {
            y = 0
            for (const shares of Object.values(series.cpu)) y += (shares?.[index] ?? 0) * 100
          }
          points.push({ x: series.timeS[index], y })
        }
      }
      return { run, label: shortRunLabel(run), points }
    })
  return markRaw({
    kind: 'line',
    xLabel: 'Simulated time (s)',
    yLabel: metric === 'throughput' ? 'Throughput (Mb/s)' : 'Receiver CPU busy (% of one CPU)',
    build: (theme: Theme) => {
      const sameConfigIndex = new Map<string, number>()
      return {
        datasets: lines().map((line) => {
          // Replicates share the configuration's color; dashes tell them apart.
          const index = sameConfigIndex.get(line.run.config) ?? 0
          sameConfigIndex.set(line.run.config, index + 1)
          return {
            type: 'line',
            label: line.label,
            data: line.points,
            borderColor: configurationColor(line.run.config, theme),
            backgroundColor: configurationColor(line.run.config, theme),
            borderDash: index === 0 ? [] : [4 + 2 * index, 3],
            pointRadius: 0,
            borderWidth: 1.5,
          } as ChartDataset
        }),
      }
    },
    csv: () => chartToCsv('simTimeS', metric === 'throughput' ? 'throughputMbps' : 'cpuPercent', lines()),
    notes: () => {
      if (metric !== 'throughput') return []
      return lines().flatMap((line) =>
        aboveWireNote(line.points, seriesRunInfo(line.run.spec)).map((note) => `${line.label}: ${note}`),
      )
    },
    // Runs compared side by side may differ in warm-up: shade the longest.
    xBands: () => {
      const longest = Math.max(0, ...runs().map((run) => run.spec.warmupS))
      return warmupBands({ warmupS: longest, wireMbps: 0 })
    },
  } satisfies ChartSource)
}

/** The reference value of the paper for a group (first run decides), or null. */
export function groupReference(
  group: ReplicateGroup,
  runs: readonly RunDetail[],
  targets: readonly ReferenceTarget[],
  metric: 'throughputMbps' | 'lroRate' | 'clk' | 'inst',
): number | null {
  const run = runs.find((candidate) => candidate.id === group.runIds[0])
  if (!run) return null
  const target = targets.find(
    (candidate) => targetMatchesRun(candidate, run) && typeof candidate[metric] === 'number',
  )
  return target ? (target[metric] as number) : null
}

/** Mean metric per replicate group as bars, with the paper's value as a marker where one applies. */
export function groupBarSource(
  groups: () => readonly ReplicateGroup[],
  runs: () => readonly RunDetail[],
  targets: readonly ReferenceTarget[],
  metric: 'throughputMbps' | 'lroRate' | 'clk',
  yLabel: string,
): ChartSource {
  const rows = () =>
    groups().map((group) => ({
      group,
      mean: group.metrics[metric]?.mean ?? null,
      halfWidth: group.metrics[metric]?.halfWidth95 ?? null,
      reference: groupReference(group, runs(), targets, metric),
    }))
  return markRaw({
    kind: 'bar',
    xLabel: 'Configuration',
    yLabel,
    build: (theme: Theme) => {
      const data = rows()
      const datasets: ChartDataset[] = [
        {
          type: 'bar',
          label: 'simulated (mean of replicates)',
          data: data.map((row) => row.mean),
          backgroundColor: data.map((row) => withAlpha(configurationColor(row.group.config, theme), 0.75)),
          borderColor: data.map((row) => configurationColor(row.group.config, theme)),
          borderWidth: 1,
        } as ChartDataset,
      ]
      if (data.some((row) => row.reference !== null)) {
        datasets.push({
          type: 'line',
          label: 'paper (Oi & Nakajima 2009)',
          data: data.map((row) => row.reference),
          // Lower order draws on top: the markers must stay visible over the bars.
          order: -1,
          showLine: false,
          pointStyle: 'crossRot',
          pointRadius: 9,
          pointBorderWidth: 3,
          borderColor: theme === 'dark' ? '#ffffff' : '#000000',
          backgroundColor: theme === 'dark' ? '#ffffff' : '#000000',
        } as ChartDataset)
      }
      return { labels: data.map((row) => row.group.label), datasets }
    },
    csv: () =>
      toCsv(
        ['group', `${metric}Mean`, `${metric}HalfWidth95`, `${metric}Paper`],
        rows().map((row) => [row.group.label, row.mean, row.halfWidth, row.reference]),
      ),
  } satisfies ChartSource)
}

/** Per-stage CPU breakdown (cycles per packet), stacked per replicate group. */
export function stageBreakdownSource(
  groups: () => readonly ReplicateGroup[],
  runs: () => readonly RunDetail[],
): ChartSource {
  const shape = () =>
    stageBreakdown(
      groups().map((group) => ({
        label: group.label,
        runs: runs()
          .filter((run) => group.runIds.includes(run.id) && run.result)
          .map((run) => ({ stages: run.result?.stages ?? [] })),
      })),
    )
  return markRaw({
    kind: 'bar',
    xLabel: 'Configuration',
    yLabel: 'Cycles per packet',
    isStacked: true,
    build: (theme: Theme) => {
      const breakdown = shape()
      return {
        labels: breakdown.labels,
        datasets: breakdown.stages.map(
          (stage, index) =>
            ({
              type: 'bar',
              label: stage.stage,
              data: stage.values,
              backgroundColor: extraColor(index, theme),
            }) as ChartDataset,
        ),
      }
    },
    csv: () => {
      const breakdown = shape()
      return toCsv(
        ['stage', ...breakdown.labels],
        breakdown.stages.map((stage) => [stage.stage, ...stage.values]),
      )
    },
  } satisfies ChartSource)
}
