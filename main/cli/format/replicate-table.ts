import type { MetricSummary, ReplicateGroup } from '../../../engine/results/replicate'

/** `mean ± half-width` of a replicated metric (the half-width of the 95 % Student-t interval). */
function meanWithInterval(summary: MetricSummary | undefined, digits: number): string {
  if (!summary) return '-'
  const mean = summary.mean.toFixed(digits)
  return summary.ci95HalfWidth === null ? mean : `${mean} ± ${summary.ci95HalfWidth.toFixed(digits)}`
}

/**
 * One row per experiment point with the mean and 95 % interval of each headline metric over its
 * replications (seeds), as `sweep --replications K` reports them.
 */
export function formatReplicateTable(groups: readonly ReplicateGroup[]): string {
  const header = ['config', 'env', 'mtu', 'msg', 'jbb', 'n', 'Mb/s (95% CI)', 'lroRate', 'clk', 'inst']
  const rows = groups.map((group) => [
    group.spec.config,
    group.spec.env,
    String(group.spec.mtu),
    String(group.spec.messageSize),
    String(group.spec.jbb),
    String(group.seeds.length),
    meanWithInterval(group.metrics.throughputMbps, 1),
    meanWithInterval(group.metrics.lroRate, 2),
    meanWithInterval(group.metrics.clk, 2),
    meanWithInterval(group.metrics.inst, 2),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  )
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return ['Replications: mean ± 95% interval half-width', line(header), ...rows.map(line)].join('\n')
}
