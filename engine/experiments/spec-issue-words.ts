/**
 * Run-spec validation problems in words a user reads ("SPECjbb load must be below 100 %, got
 * 150 %"), instead of the schema library's "Too big: expected number to be <1". The form, the CLI
 * and the API all show these.
 */

/** How a spec field is named and measured in messages. */
interface FieldWords {
  name: string
  /** Unit after the number; `%` shows a share (0.25) as a percentage (25 %). */
  unit: string
  /** Extra advice after the range. */
  hint?: string
}

const FIELD_WORDS: Readonly<Record<string, FieldWords>> = {
  mtu: { name: 'MTU', unit: 'bytes' },
  guestMtu: { name: 'guest MTU', unit: 'bytes' },
  messageSize: { name: 'message size', unit: 'bytes' },
  jbb: { name: 'SPECjbb load', unit: '%', hint: 'off for none, max for unthrottled' },
  durationS: { name: 'duration', unit: 's' },
  warmupS: { name: 'warm-up', unit: 's' },
  seed: { name: 'seed', unit: '' },
  sampleIntervalS: { name: 'sample interval', unit: 's' },
  stopAtRelativeCi: { name: 'stop-early interval', unit: '%' },
  paramSet: { name: 'parameter set name', unit: 'characters' },
}

/** The parts of a schema issue the wording reads (zod 4 issue fields). */
export interface RawSpecIssue {
  code: string
  path: readonly PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  expected?: unknown
  values?: readonly unknown[]
  keys?: readonly string[]
}

function amount(value: unknown, unit: string): string {
  if (typeof value !== 'number' && typeof value !== 'bigint') return JSON.stringify(value) ?? String(value)
  const number = Number(value)
  if (unit === '%') return `${Math.round(number * 1e4) / 100} %`
  if (unit === '') return String(number)
  // "1 byte", "1 s": a plural unit word loses its s for one.
  const singular = number === 1 && unit.length > 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit
  return `${number} ${singular}`
}

/** The issue in words, with the value given when there was one. */
export function describeSpecIssue(issue: RawSpecIssue, given: unknown): string {
  const field = String(issue.path[0] ?? '')
  const words = FIELD_WORDS[field]
  if (!words) {
    if (issue.code === 'unrecognized_keys') return `unknown field(s): ${(issue.keys ?? []).join(', ')}`
    if (issue.code === 'invalid_value' && issue.values)
      return `${field || 'value'} must be one of ${issue.values.map(String).join(', ')}`
    return issue.message
  }
  const got = given === undefined ? '' : `, got ${amount(given, words.unit)}`
  const hint = words.hint ? ` (${words.hint})` : ''
  switch (issue.code) {
    case 'too_small':
      return `${words.name} must be ${issue.inclusive ? 'at least' : 'more than'} ${amount(issue.minimum, words.unit)}${got}${hint}`
    case 'too_big':
      return `${words.name} must be ${issue.inclusive ? 'at most' : 'below'} ${amount(issue.maximum, words.unit)}${got}${hint}`
    case 'invalid_type':
      return issue.expected === 'int'
        ? `${words.name} must be a whole number${words.unit === '' ? '' : ` of ${words.unit}`}${got}`
        : `${words.name} must be a number${got}`
    case 'invalid_union':
      return `${words.name} must be ${words.hint ?? 'valid'} or a share of one CPU above 0 % and below 100 %${got}`
    default:
      return `${words.name}: ${issue.message}`
  }
}
