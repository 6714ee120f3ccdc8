/**
 * Any registry parameter as a sweep axis: `ID=LIST` where LIST is comma-separated values with
 * units (`nic.itr=4000,8000,20000`, `xen.slice=10ms,30ms`) or an inclusive range with a point
 * count (`xen.slice=10ms..50ms/5`: 10, 20, 30, 40, 50 ms). Every value is checked against the
 * parameter's declared range and choices, so a bad axis is refused before anything runs.
 */
import type { ParamSpec } from '../params/define'
import { parameterRegistry } from '../params/registry'
import { parseWithUnit } from '../params/units'
import { parameterValueProblem } from '../params/value-check'
import type { RunSpecInput } from './spec'

/** One parameter axis: its id and the values (in the parameter's unit) it takes. */
export interface ParameterAxis {
  id: string
  values: number[]
}

/** Most points one range may expand to. */
export const MAX_AXIS_POINTS = 1000

/** Parses `ID=LIST`; throws an Error naming the problem. */
export function parseParameterAxis(
  text: string,
  registry: ReadonlyMap<string, ParamSpec> = parameterRegistry,
): ParameterAxis {
  const equals = text.indexOf('=')
  if (equals <= 0) throw new Error(`"${text}" is not ID=VALUES (for example nic.itr=4000,8000)`)
  const id = text.slice(0, equals).trim()
  const spec = registry.get(id)
  if (!spec) throw new Error(`unknown parameter id "${id}"`)
  const list = text.slice(equals + 1).trim()
  if (list === '') throw new Error(`${id}: give at least one value`)
  const value = (raw: string): number => {
    const parsed = parseWithUnit(raw.trim(), spec.unit)
    if (!parsed.ok) throw new Error(`${id}: ${parsed.message}`)
    return parsed.value
  }
  const range = /^(.+)\.\.(.+)\/\s*(\d+)\s*$/.exec(list)
  let values: number[]
  if (range) {
    const [low, high, count] = [value(range[1]), value(range[2]), Number(range[3])]
    if (count < 2 || count > MAX_AXIS_POINTS)
      throw new Error(`${id}: a range takes 2 to ${MAX_AXIS_POINTS} points, not ${count}`)
    values = Array.from({ length: count }, (_, index) => low + ((high - low) * index) / (count - 1))
    if (spec.isInteger) values = values.map(Math.round)
  } else {
    values = list.split(',').map(value)
  }
  for (const candidate of values) {
    const problem = parameterValueProblem(spec, candidate)
    if (problem !== null) throw new Error(problem)
  }
  return { id, values: [...new Set(values)] }
}

/** Parses `ID=VALUE` (one value with its unit, checked like an axis); throws an Error naming the problem. */
export function parseParameterValue(
  text: string,
  registry: ReadonlyMap<string, ParamSpec> = parameterRegistry,
): { id: string; value: number } {
  const axis = parseParameterAxis(text, registry)
  if (axis.values.length !== 1) throw new Error(`${axis.id}: give one value, not ${axis.values.length}`)
  return { id: axis.id, value: axis.values[0] }
}

/**
 * Crosses run inputs with parameter axes: every input once per combination of axis values, the
 * axis values added to its parameter overrides (an axis wins over an input's own override).
 * Order: inputs outermost, then the axes in the order given.
 */
export function crossWithAxes(
  inputs: readonly RunSpecInput[],
  axes: readonly ParameterAxis[],
): RunSpecInput[] {
  let combinations: Record<string, number>[] = [{}]
  for (const axis of axes) {
    combinations = combinations.flatMap((combination) =>
      axis.values.map((value) => ({ ...combination, [axis.id]: value })),
    )
  }
  return inputs.flatMap((input) =>
    combinations.map((combination) => ({
      ...input,
      params: { ...(input.params as Record<string, number | string> | undefined), ...combination },
    })),
  )
}
