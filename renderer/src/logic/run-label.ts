import type { RunSummary } from '../../../main/contract/api'

/** The grid point of a run, the fields a label names (parameter overrides when there are any). */
export type LabelledRun = Pick<RunSummary, 'config' | 'mtu' | 'messageSize' | 'jbb' | 'seed'> & {
  spec?: { params?: Readonly<Record<string, number | string>> }
}

/** A run's parameter overrides (a swept axis among them) as `id=value · id=value`, or ''. */
export function overridesText(run: LabelledRun): string {
  return (
    Object.entries(run.spec?.params ?? {})
      .sort(([left], [right]) => left.localeCompare(right))
      // A sampled value (a sensitivity design's) reads in six digits, not seventeen.
      .map(([id, value]) => `${id}=${typeof value === 'number' ? Number(value.toPrecision(6)) : value}`)
      .join(' · ')
  )
}

function withOverrides(label: string, run: LabelledRun): string {
  const overrides = overridesText(run)
  return overrides === '' ? label : `${label}, ${overrides}`
}

/** A SPECjbb level in words: `off`, `max` (unthrottled) or the CPU share as a percentage. */
export function jbbText(level: RunSummary['jbb']): string {
  return typeof level === 'number' ? `${Math.round(level * 1000) / 10}%` : level
}

/**
 * A run named by every axis of its grid point, so runs that differ only in SPECjbb load (Figure 6)
 * or in a swept parameter read apart in a picker.
 */
export function runPointLabel(run: LabelledRun): string {
  return withOverrides(
    `${run.config} MTU ${run.mtu}, ${run.messageSize} B, SPECjbb ${jbbText(run.jbb)}, seed ${run.seed}`,
    run,
  )
}

/** A short legend label: SPECjbb named only when it runs. */
export function shortRunLabel(run: LabelledRun): string {
  const jbb = run.jbb === 'off' ? '' : ` jbb ${jbbText(run.jbb)}`
  return withOverrides(`${run.config} MTU ${run.mtu} ${run.messageSize} B${jbb} s${run.seed}`, run)
}
