import {
  planSensitivity,
  type SensitivityMetric,
  type SensitivityRequestInput,
} from '../../../engine/analysis/sensitivity-plan'
import { freeParametersFrom, type FreeParameter } from '../../../engine/calibration/calibrate'
import { MAX_RUNS_PER_EXPERIMENT } from '../../../engine/experiments/limits'
import { parameterRegistry } from '../../../engine/params/registry'
import type { Configuration, Environment } from '../../../engine/experiments/spec'
import { TEST_BEDS } from '../../../engine/model/net/testbeds'
import { scopedId } from '../../../engine/params/environment-scoped'
import { parseJbbList, type FieldErrors } from './experiment-design'

/**
 * The sensitivity form's model and its check: the form keeps numbers as typed, and the request is
 * planned with the engine's own `planSensitivity` as the user types, so the run count is exact and
 * every problem the engine would refuse is named at its field.
 */

/** What the sensitivity form edits. */
export interface SensitivityDesign {
  name: string
  /** Registry ids ('' for a row not chosen yet). */
  params: string[]
  metric: SensitivityMetric
  method: 'morris' | 'sobol'
  trajectories: string
  samples: string
  config: Configuration
  env: Environment
  mtu: string
  messageSize: string
  jbb: string
  durationS: string
  warmupS: string
  seed: string
}

/** The result of checking a design. */
export interface SensitivityCheck {
  /** The request to send, or null while anything is invalid. */
  request: SensitivityRequestInput | null
  /** Runs the plan holds (0 until the request plans). */
  runCount: number
  errors: FieldErrors
}

/** The worked example of docs/EXPLORATION.md, shortened: what drives vLRO's throughput. */
export function defaultSensitivityDesign(): SensitivityDesign {
  return {
    name: 'What drives vLRO',
    params: ['nic.interruptRateHz', 'sender.nic.busBytesPerS', 'xen.sched.switchCycles'],
    metric: 'throughputMbps',
    method: 'morris',
    trajectories: '4',
    samples: '32',
    config: 'vlro',
    env: 'direct-2009',
    mtu: '1500',
    messageSize: '16384',
    jbb: 'off',
    durationS: '0.5',
    warmupS: '0.2',
    seed: '1',
  }
}

/**
 * The id a parameter takes in the request: a test bed's identified parameter moves over that bed's
 * plausible range (`direct-2009:nic.interruptRateHz`), every other one over its own.
 */
export function requestParameterId(id: string, env: Environment): string {
  return TEST_BEDS[env].identified.some((parameter) => parameter.id === id) ? scopedId(env, id) : id
}

/** The range an analysis moves a parameter over, as text (`4000 … 30000 Hz (log)`), or '' if unknown. */
export function plausibleRangeText(id: string, env: Environment, unit = ''): string {
  if (id === '') return ''
  try {
    const [parameter] = freeParametersFrom([requestParameterId(id, env)], parameterRegistry)
    return freeRangeText(parameter, unit)
  } catch {
    return ''
  }
}

/** A free parameter's range as text (`4000 … 30000 Hz (log)`), as the form and the result show it. */
export function freeRangeText(parameter: FreeParameter, unit = ''): string {
  const format = (value: number): string =>
    Math.abs(value) >= 1e5 ? value.toExponential(2) : String(Number(value.toPrecision(4)))
  return `${format(parameter.min)} … ${format(parameter.max)} ${unit}${parameter.isLog ? ' (log)' : ''}`
}

/** Checks a design and plans it; problems are keyed by form field. */
export function checkSensitivityDesign(design: SensitivityDesign): SensitivityCheck {
  const errors: FieldErrors = {}
  const addError = (field: string, message: string): void => {
    ;(errors[field] ??= []).push(message)
  }
  const number = (field: keyof SensitivityDesign, isWhole: boolean): number | undefined => {
    const text = String(design[field]).trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) addError(field, `"${text}" is not a number`)
    else if (isWhole && !Number.isInteger(value)) addError(field, `${text} is not a whole number`)
    else return value
    return undefined
  }
  if (design.name.trim() === '') addError('name', 'give the analysis a name')
  const ids = design.params.filter((id) => id !== '')
  if (ids.length === 0) addError('params', 'choose at least one parameter')
  if (new Set(ids).size !== ids.length) addError('params', 'a parameter is chosen twice')
  const jbb = parseJbbList(design.jbb)
  jbb.errors.forEach((message) => addError('jbb', message))
  if (jbb.values.length > 1) addError('jbb', 'one level for an analysis')
  const input: SensitivityRequestInput = {
    params: ids.map((id) => requestParameterId(id, design.env)),
    metric: design.metric,
    method: design.method,
    trajectories: design.method === 'morris' ? number('trajectories', true) : undefined,
    samples: design.method === 'sobol' ? number('samples', true) : undefined,
    config: design.config,
    env: design.env,
    mtu: number('mtu', true),
    messageSize: number('messageSize', true),
    jbb: jbb.values[0],
    durationS: number('durationS', false),
    warmupS: number('warmupS', false),
    seed: number('seed', true),
  }
  if (Object.keys(errors).length > 0) return { request: null, runCount: 0, errors }
  try {
    const plan = planSensitivity(input)
    if (plan.specs.length > MAX_RUNS_PER_EXPERIMENT) {
      addError(
        design.method === 'morris' ? 'trajectories' : 'samples',
        `${plan.specs.length} runs is more than ${MAX_RUNS_PER_EXPERIMENT}`,
      )
      return { request: null, runCount: plan.specs.length, errors }
    }
    return { request: input, runCount: plan.specs.length, errors }
  } catch (error) {
    // The engine names the field first (`mtu: ...`); anything else is about the parameters.
    const message = (error as Error).message
    const field = /^(\w+)(\.\d+)?: /.exec(message)?.[1]
    addError(field && field in design ? field : 'params', message)
    return { request: null, runCount: 0, errors }
  }
}
