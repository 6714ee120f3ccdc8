import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  freeParametersFrom,
  type CalibrationOptions,
  type FreeParameter,
} from '../../engine/calibration/calibrate'
import { DEFAULT_EVALUATION_OPTIONS } from '../../engine/calibration/evaluation-points'
import { referenceTargets } from '../../engine/calibration/reference-targets'
import { parseTargetsFile, type TargetsFile } from '../../engine/calibration/targets-schema'
import { testBedParams } from '../../engine/model/net/testbeds'
import { parseScopedId } from '../../engine/params/environment-scoped'
import { parameterRegistry } from '../../engine/params/registry'
import { defaultParameterSet } from '../../engine/params/sets/default'
import type { ParamSetFile } from '../../engine/params/sets/param-set-file'
import { UsageError, type CliIo } from './command'
import { wholeNumberFlag } from './number-flags'
import { paramSetValues } from './param-set-files'

/** Option parsing and progress output shared by the `validate` and `calibrate` commands. */

/** Reads and validates a targets file given on the command line (or the shipped one). */
export function readTargets(path: string | undefined): {
  file: TargetsFile
  text: string | null
  path: string | null
} {
  if (path === undefined) return { file: referenceTargets(), text: null, path: null }
  const fullPath = resolve(path)
  let text: string
  let raw: unknown
  try {
    text = readFileSync(fullPath, 'utf8')
    raw = JSON.parse(text)
  } catch (error) {
    throw new UsageError(
      `cannot read targets ${fullPath}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const parsed = parseTargetsFile(raw)
  if (!parsed.ok) throw new UsageError(`targets ${fullPath} are invalid: ${parsed.message}`)
  return { file: parsed.file, text, path: fullPath }
}

/** Reports `done/total` on stderr, redrawing in place on a terminal. */
export function progressPrinter(io: CliIo, label: string): (done: number, total: number) => void {
  return (done, total) => {
    if (io.isErrTty) {
      process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`)
    } else if (done === total || done % 10 === 0) {
      io.err(`${label} ${done}/${total}`)
    }
  }
}

/** The values of the base set: a set file's own, layered over the built-in default set (as the engine sees it). */
export function baseValues(base: ParamSetFile | undefined): Record<string, number> {
  return paramSetValues(base) ?? { ...defaultParameterSet.values }
}

/**
 * Start values: the base set's value, else (for an `ENV:id`) the test bed's, else the registry
 * default.
 */
export function startValues(ids: readonly string[], base: ParamSetFile | undefined): Record<string, number> {
  const values = baseValues(base)
  const start: Record<string, number> = {}
  for (const id of ids) {
    const scoped = parseScopedId(id)
    const spec = parameterRegistry.get(scoped?.id ?? id)
    if (!spec) throw new UsageError(`unknown parameter id "${id}"`)
    const bedValue = scoped ? testBedParams(scoped.env)[scoped.id] : undefined
    start[id] = values[id] ?? bedValue ?? values[scoped?.id ?? id] ?? spec.default
  }
  return start
}

/** `--sizes`: the message sizes standing for ">=256" targets, each a whole number from 256 up. */
export function sizesFlag(text: string): number[] {
  return text.split(',').map((size) => wholeNumberFlag('sizes', size.trim(), 256))
}

/** The registry's descriptions of the free parameters `ids`; an unknown or unfittable id is a usage error. */
export function freeParametersFlag(ids: readonly string[], flag: string): FreeParameter[] {
  if (ids.length === 0) throw new UsageError(`${flag}: give the parameters to fit`)
  try {
    return freeParametersFrom(ids, parameterRegistry)
  } catch (error) {
    throw new UsageError(`${flag}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** What a fit varies per run: the evaluation knobs and the optimiser's budget. */
export interface FitKnobs {
  sizesFromAtLeast256: readonly number[]
  durationS: number
  warmupS: number
  seed: number
  maxEvaluations: number
}

/** Calibration options of a fit: the shared evaluation defaults with the run's knobs. */
export function fitOptions(knobs: FitKnobs): CalibrationOptions {
  return { ...DEFAULT_EVALUATION_OPTIONS, ...knobs, initialStep: 0.1 }
}
