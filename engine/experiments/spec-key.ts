import type { RunSpec } from './spec'

/**
 * A canonical string for a run spec: the same experiment point always gives the same key, whatever
 * the order its fields were written in. Used to share runs between targets (one run can serve
 * several targets and rules) and to group replications.
 */
export function specKey(spec: RunSpec, options: { omitSeed?: boolean } = {}): string {
  const record: Record<string, unknown> = { ...spec }
  if (options.omitSeed) delete record.seed
  return stableStringify(record)
}

/** JSON with object keys sorted at every level, and `undefined` fields left out. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`
}
