import { createHash } from 'node:crypto'

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    return sorted
  }
  return value
}

/**
 * Identity of a run's parameter overrides: sha256 (hex) of the canonical JSON of the resolved
 * overrides (`RunSpec.params`, already converted to parameter units), so runs with the same
 * effective parameters group together whatever order or units the user typed them in.
 */
export function parameterSetHash(resolvedOverrides: Record<string, number>): string {
  return createHash('sha256').update(canonicalJson(resolvedOverrides)).digest('hex')
}
