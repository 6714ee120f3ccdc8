import type { TargetComparison } from './compare'
import { ruleRole, targetRole } from './fit-roles'
import type { ValidationReport } from './validate'

/**
 * Plain-text tables of a validation report, for the CLI and docs/MODEL.md. Columns are aligned
 * with spaces so the output pastes into Markdown code blocks.
 */

/** Formats a number with `digits` decimals, or a dash when missing. */
function numberText(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits)
}

function referenceText(comparison: TargetComparison): string {
  const digits = comparison.quantity === 'throughputMbps' ? 1 : 3
  return typeof comparison.reference === 'number'
    ? numberText(comparison.reference, digits)
    : `${numberText(comparison.reference[0], 2)}..${numberText(comparison.reference[1], 2)}`
}

function errorText(error: number | null): string {
  return error === null ? '-' : `${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)}%`
}

/** Aligns rows of cells into columns (first row is the header). */
export function alignColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)))
  const lines = rows.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]))
      .join('  ')
      .trimEnd(),
  )
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '))
  return lines.join('\n')
}

/** The target table: one row per compared quantity. */
export function formatComparisons(comparisons: readonly TargetComparison[]): string {
  const rows = [
    [
      'target',
      'quantity',
      'reference',
      'simulated',
      'error',
      'tol',
      'result',
      'role',
      'sizes (B): error',
      'absolute (ref/sim)',
    ],
  ]
  for (const comparison of comparisons) {
    const digits = comparison.quantity === 'throughputMbps' ? 1 : 3
    const sizes =
      comparison.perSize.length > 1
        ? comparison.perSize
            .map((size) => `${size.messageSizeBytes}:${errorText(size.relativeError)}`)
            .join(' ')
        : String(comparison.perSize[0]?.messageSizeBytes ?? '')
    const absolute = comparison.absolute
      ? `${numberText(comparison.absolute.reference, 2)}/${numberText(comparison.absolute.simulated, 2)}`
      : ''
    rows.push([
      comparison.targetId,
      comparison.quantity,
      referenceText(comparison),
      numberText(comparison.simulated, digits),
      errorText(comparison.relativeError),
      `${(comparison.tolerance * 100).toFixed(0)}%`,
      comparison.pass ? 'ok' : 'MISS',
      targetRole(comparison.targetId, comparison.quantity),
      sizes,
      absolute,
    ])
  }
  return alignColumns(rows)
}

/** The whole report: targets, rules and a verdict line. */
export function formatValidationReport(report: ValidationReport): string {
  const parts = [formatComparisons(report.comparisons)]
  if (report.rules.length > 0) {
    parts.push('')
    for (const rule of report.rules) {
      const verdict = rule.pass ? 'ok  ' : rule.kind === 'informational' ? 'info' : 'FAIL'
      const role = rule.kind === 'informational' ? 'informational' : ruleRole(rule.id)
      parts.push(`${verdict} ${rule.id} (${role}): ${rule.detail}`)
    }
  }
  parts.push('')
  parts.push(roleSummary(report))
  parts.push(
    `${report.passed ? 'PASSED' : 'FAILED'}: ${report.comparisons.length - report.toleranceMisses}/${report.comparisons.length} targets within tolerance, ` +
      `${report.rules.filter((rule) => rule.kind === 'qualitative' && rule.pass).length}/${report.rules.filter((rule) => rule.kind === 'qualitative').length} qualitative rules hold ` +
      `(${report.points} points, ${report.options.durationS} s measured + ${report.options.warmupS} s warm-up each, seed ${report.options.seed})`,
  )
  return parts.join('\n')
}

/** Fitted and predicted targets and rules, met out of total, on one line. */
function roleSummary(report: ValidationReport): string {
  const count = (role: 'fitted' | 'predicted') => {
    const targets = report.comparisons.filter((c) => targetRole(c.targetId, c.quantity) === role)
    const rules = report.rules.filter((r) => r.kind === 'qualitative' && ruleRole(r.id) === role)
    return `${targets.filter((c) => c.pass).length}/${targets.length} targets and ${rules.filter((r) => r.pass).length}/${rules.length} rules met`
  }
  return `fitted (a parameter was set with it in view): ${count('fitted')}; predicted: ${count('predicted')}`
}
