import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultParameterSet } from '../../engine/params/sets/default'
import { ParamSetFileSchema, type ParamSetFile } from '../../engine/params/sets/param-set-file'
import { UsageError } from './command'

/** Folder of the parameter sets shipped with the app (`engine/params/sets`). */
export const SHIPPED_SETS_DIR = fileURLToPath(new URL('../../engine/params/sets/', import.meta.url))

/** Folder of the shipped targets files (`engine/calibration/targets`). */
export const SHIPPED_TARGETS_DIR = fileURLToPath(
  new URL('../../engine/calibration/targets/', import.meta.url),
)

/**
 * Looks up `--param-set`: `default` means the engine's built-in calibrated set (undefined here);
 * a name means `engine/params/sets/<name>.json`; anything with a slash or ending in `.json` is a path.
 */
export function loadParamSet(nameOrPath: string): ParamSetFile | undefined {
  if (nameOrPath === 'default') return undefined
  const isPath = nameOrPath.includes('/') || nameOrPath.endsWith('.json')
  const path = isPath ? resolve(nameOrPath) : resolve(SHIPPED_SETS_DIR, `${nameOrPath}.json`)
  if (!existsSync(path)) throw new UsageError(`parameter set "${nameOrPath}" not found (looked for ${path})`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(
      `parameter set ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const parsed = ParamSetFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('; ')
    throw new UsageError(`parameter set ${path} is invalid: ${issues}`)
  }
  return parsed.data
}

/**
 * The values to hand the engine for a loaded set: the set layered over the built-in default set
 * (the engine replaces, not merges, its default set with the one it is given). Undefined for the
 * default set itself, so the engine uses its own.
 */
export function paramSetValues(file: ParamSetFile | undefined): Record<string, number> | undefined {
  return file ? { ...defaultParameterSet.values, ...file.values } : undefined
}
