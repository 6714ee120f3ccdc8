/**
 * The one check of a parameter value against its declaration: range, whole number, declared
 * choices. Run overrides (`--set`, spec params) and saved parameter sets both use it, so a value
 * one refuses the other refuses too.
 */
import type { ParamSpec } from './define'

/** Why `value` is not allowed for `spec` (one line naming the id), or null when it is. */
export function parameterValueProblem(spec: ParamSpec, value: number): string | null {
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
    return `${spec.id} = ${value} ${spec.unit} is outside [${spec.min}, ${spec.max}]`
  }
  if (spec.isInteger && !Number.isInteger(value)) return `${spec.id} must be a whole number`
  if (spec.choices && !(value in spec.choices)) {
    const allowed = Object.entries(spec.choices).map(([key, name]) => `${key} (${name})`)
    return `${spec.id} must be one of ${allowed.join(', ')}`
  }
  return null
}
