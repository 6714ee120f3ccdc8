import type { RunSummary } from '../../../main/contract/api'

/** The grid point of a run, the fields a label names. */
export type LabelledRun = Pick<RunSummary, 'config' | 'mtu' | 'messageSize' | 'jbb' | 'seed'>

/** A SPECjbb level in words: `off`, `max` (unthrottled) or the CPU share as a percentage. */
export function jbbText(level: RunSummary['jbb']): string {
  return typeof level === 'number' ? `${Math.round(level * 1000) / 10}%` : level
}

/**
 * A run named by every axis of its grid point, so runs that differ only in SPECjbb load (Figure 6)
 * read apart in a picker.
 */
export function runPointLabel(run: LabelledRun): string {
  return `${run.config} MTU ${run.mtu}, ${run.messageSize} B, SPECjbb ${jbbText(run.jbb)}, seed ${run.seed}`
}

/** A short legend label: SPECjbb named only when it runs. */
export function shortRunLabel(run: LabelledRun): string {
  const jbb = run.jbb === 'off' ? '' : ` jbb ${jbbText(run.jbb)}`
  return `${run.config} MTU ${run.mtu} ${run.messageSize} B${jbb} s${run.seed}`
}
