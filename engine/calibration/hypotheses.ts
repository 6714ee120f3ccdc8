/**
 * Mechanisms whose implementation the papers do not publish are enumerated parameters, one
 * concrete implementation per choice (`lro.plro.aggregateForm`, `lro.vlro.flushPolicy`). The data
 * chooses among them: every combination is validated against the same targets and rules, and each
 * one's score is reported (`labbench validate --hypotheses`), the chosen one among them.
 */
import type { ParamSpec } from '../params/define'
import { calibrate, type CalibrationOptions, type FreeParameter } from './calibrate'
import { objectiveOf } from './compare'
import type { BatchRunner } from './runner'
import type { TargetsFile } from './targets-schema'
import { validateTargets, type ValidationOptions } from './validate'

/** The enumerated parameters that stand for unpublished implementations. */
export const UNKNOWN_MECHANISMS = [
  'lro.plro.aggregateForm',
  'lro.vlro.flushPolicy',
  'lro.vlro.setGsoSize',
] as const

/** One combination of implementation choices. */
export interface MechanismAlternative {
  /** e.g. `lro.plro.aggregateForm=linear, one 4 KB page; lro.vlro.flushPolicy=poll-end`. */
  label: string
  params: Record<string, number>
}

/** Every combination of the choices of `ids` (the registry's declared choices, in order). */
export function mechanismAlternatives(
  registry: ReadonlyMap<string, ParamSpec>,
  ids: readonly string[] = UNKNOWN_MECHANISMS,
): MechanismAlternative[] {
  let alternatives: MechanismAlternative[] = [{ label: '', params: {} }]
  for (const id of ids) {
    const spec = registry.get(id)
    if (!spec?.choices) throw new Error(`${id} is not an enumerated parameter`)
    const next: MechanismAlternative[] = []
    for (const alternative of alternatives) {
      for (const [value, name] of Object.entries(spec.choices)) {
        next.push({
          label: alternative.label ? `${alternative.label}; ${id}=${name}` : `${id}=${name}`,
          params: { ...alternative.params, [id]: Number(value) },
        })
      }
    }
    alternatives = next
  }
  return alternatives
}

/** How one alternative scores against the targets and rules. */
export interface HypothesisScore {
  alternative: MechanismAlternative
  targetsMet: number
  targetsTotal: number
  rulesMet: number
  rulesTotal: number
  /** The calibration objective (sum of squared errors in tolerance units): lower fits better. */
  objective: number
  /** Target quantities outside tolerance, as `id:quantity`. */
  misses: string[]
  /** Failed qualitative rules. */
  failedRules: string[]
  /** The shared costs refitted for this alternative before it was scored, or null (none refitted). */
  fitted: Record<string, number> | null
}

/**
 * A refit of shared parameters for each alternative before it is scored, so every alternative
 * competes with costs fitted for it (as the chosen one's were), not with the chosen one's costs.
 */
export interface HypothesisRefit {
  /** The targets the costs are fitted to (the default set used Table I's cycles and instructions). */
  file: TargetsFile
  free: readonly FreeParameter[]
  start: Readonly<Record<string, number>>
  options: CalibrationOptions
}

/** Validates every alternative in turn (each one's points run on `runner`). */
export async function scoreHypotheses(
  file: TargetsFile,
  runner: BatchRunner,
  options: ValidationOptions,
  alternatives: readonly MechanismAlternative[],
  onAlternativeDone?: (done: number, total: number) => void,
  refit?: HypothesisRefit,
): Promise<HypothesisScore[]> {
  const scores: HypothesisScore[] = []
  for (const alternative of alternatives) {
    const fitted = refit
      ? (
          await calibrate(refit.file, runner, refit.free, refit.start, {
            ...refit.options,
            params: { ...refit.options.params, ...alternative.params },
          })
        ).values
      : null
    const report = await validateTargets(file, runner, {
      ...options,
      params: { ...options.params, ...alternative.params, ...fitted },
    })
    const qualitative = report.rules.filter((rule) => rule.kind === 'qualitative')
    scores.push({
      alternative,
      targetsMet: report.comparisons.filter((comparison) => comparison.pass).length,
      targetsTotal: report.comparisons.length,
      rulesMet: qualitative.filter((rule) => rule.pass).length,
      rulesTotal: qualitative.length,
      objective: objectiveOf(report.comparisons),
      misses: report.comparisons
        .filter((comparison) => !comparison.pass)
        .map((comparison) => `${comparison.targetId}:${comparison.quantity}`),
      failedRules: qualitative.filter((rule) => !rule.pass).map((rule) => rule.id),
      fitted,
    })
    onAlternativeDone?.(scores.length, alternatives.length)
  }
  return scores
}

/**
 * A plain-text table of the scores; `current` marks the set's choice. The order is the one the
 * default set's choice follows: most targets and rules met (what the acceptance counts), then the
 * lowest objective. The objective alone would let the misses every alternative shares (Xen at the
 * native rate, docs/MODEL.md 4.5) outweigh what the alternatives change.
 */
export function formatHypothesisScores(
  scores: readonly HypothesisScore[],
  current: Readonly<Record<string, number>>,
): string {
  const met = (score: HypothesisScore): number => score.targetsMet + score.rulesMet
  const sorted = [...scores].sort((a, b) => met(b) - met(a) || a.objective - b.objective)
  const lines = [
    'alternative (unpublished implementations)                               targets  rules  objective  chosen',
  ]
  for (const score of sorted) {
    const isCurrent = Object.entries(score.alternative.params).every(([id, value]) => current[id] === value)
    lines.push(
      `${score.alternative.label.padEnd(72)} ${`${score.targetsMet}/${score.targetsTotal}`.padStart(7)}  ${`${score.rulesMet}/${score.rulesTotal}`.padStart(5)}  ${score.objective.toFixed(1).padStart(9)}  ${isCurrent ? 'yes' : ''}`,
    )
    lines.push(
      `    misses: ${score.misses.join(', ') || 'none'}; failed rules: ${score.failedRules.join(', ') || 'none'}`,
    )
    if (score.fitted)
      lines.push(
        `    refitted: ${Object.entries(score.fitted)
          .map(([id, value]) => `${id}=${Number(value.toPrecision(4))}`)
          .join(', ')}`,
      )
  }
  return lines.join('\n')
}
