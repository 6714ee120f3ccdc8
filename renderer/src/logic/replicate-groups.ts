import { COST_METRIC_DESCRIPTIONS, COST_METRIC_LABELS } from '../../../engine/results/metric-names'
import type { Configuration } from '../../../engine/experiments/spec'
import { percentDelta, summarizeReplicates, type ReplicateSummary } from './statistics'
import { jbbText } from './run-label'

/**
 * Replicate aggregation for comparisons: runs whose specs differ only by seed are replicates of one
 * point; they fold into a mean with a 95% interval, and deltas are taken between points.
 */

/** The fields of a run the grouping reads (a structural subset of `RunSummary`). */
export interface GroupableRun {
  id: string
  config: Configuration
  env: string
  mtu: number
  messageSize: number
  jbb: 'off' | 'max' | number
  paramSetName: string
  paramSetHash: string
  spec: { guestMtu?: number; durationS: number; warmupS: number }
  metrics: Partial<Record<GroupMetric, number | null>> | null
}

/** Metrics summarized per group. */
export const GROUP_METRICS = ['throughputMbps', 'lroRate', 'clk', 'inst', 'specjbbScore'] as const
export type GroupMetric = (typeof GROUP_METRICS)[number]

/** Display names and units of the group metrics. */
export const GROUP_METRIC_LABELS: Readonly<Record<GroupMetric, string>> = {
  throughputMbps: 'Throughput (Mb/s)',
  lroRate: 'LRO rate',
  clk: COST_METRIC_LABELS.clk,
  inst: COST_METRIC_LABELS.inst,
  specjbbScore: 'SPECjbb (bops)',
}

/** Longer descriptions of the metrics (table header tooltips). */
export const GROUP_METRIC_DESCRIPTIONS: Readonly<Record<GroupMetric, string>> = {
  throughputMbps: 'Goodput delivered to netserver, 10^6 bit/s',
  lroRate: 'Segments entering the LRO point per aggregate it hands up',
  clk: COST_METRIC_DESCRIPTIONS.clk,
  inst: COST_METRIC_DESCRIPTIONS.inst,
  specjbbScore: 'SPECjbb transactions per second (bops)',
}

/** Whether a larger value of the metric is an improvement (cost metrics: smaller is better). */
export const GROUP_METRIC_HIGHER_IS_BETTER: Readonly<Record<GroupMetric, boolean>> = {
  throughputMbps: true,
  lroRate: true,
  clk: false,
  inst: false,
  specjbbScore: true,
}

/** One point of the comparison: its replicate runs and metric summaries. */
export interface ReplicateGroup {
  key: string
  label: string
  config: Configuration
  runIds: string[]
  metrics: Record<GroupMetric, ReplicateSummary | null>
}

/** The key shared by replicates: everything in the spec but the seed. */
export function replicateKey(run: GroupableRun): string {
  return [
    run.config,
    run.env,
    run.mtu,
    run.spec.guestMtu ?? run.mtu,
    run.messageSize,
    run.jbb,
    run.spec.durationS,
    run.spec.warmupS,
    run.paramSetName,
    run.paramSetHash,
  ].join('|')
}

/** Groups runs into replicate groups, in the order their first run appears. */
export function groupReplicates(runs: readonly GroupableRun[]): ReplicateGroup[] {
  const byKey = new Map<string, GroupableRun[]>()
  for (const run of runs) {
    const key = replicateKey(run)
    const list = byKey.get(key)
    if (list) list.push(run)
    else byKey.set(key, [run])
  }
  const groups: ReplicateGroup[] = []
  for (const [key, members] of byKey) {
    const first = members[0]
    const metrics = {} as Record<GroupMetric, ReplicateSummary | null>
    for (const metric of GROUP_METRICS) {
      metrics[metric] = summarizeReplicates(members.map((run) => run.metrics?.[metric] ?? null))
    }
    const guest =
      first.spec.guestMtu !== undefined && first.spec.guestMtu !== first.mtu ? `/${first.spec.guestMtu}` : ''
    const jbb = first.jbb === 'off' ? '' : `, jbb ${jbbText(first.jbb)}`
    groups.push({
      key,
      label: `${first.config} · MTU ${first.mtu}${guest} · ${first.messageSize} B${jbb}`,
      config: first.config,
      runIds: members.map((run) => run.id),
      metrics,
    })
  }
  return groups
}

/** Percent deltas of every group's metric means against the baseline group. */
export function groupDeltas(
  groups: readonly ReplicateGroup[],
  baselineKey: string | null,
): Record<string, Record<GroupMetric, number | null>> {
  const baseline = groups.find((group) => group.key === baselineKey) ?? groups[0]
  const deltas: Record<string, Record<GroupMetric, number | null>> = {}
  for (const group of groups) {
    const row = {} as Record<GroupMetric, number | null>
    for (const metric of GROUP_METRICS) {
      row[metric] = percentDelta(group.metrics[metric]?.mean, baseline?.metrics[metric]?.mean)
    }
    deltas[group.key] = row
  }
  return deltas
}
