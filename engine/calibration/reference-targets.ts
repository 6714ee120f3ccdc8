import rawTargets from './targets/oi-nakajima-2009.json'
import { parseTargetsFile, type TargetsFile } from './targets-schema'

/** Name of the shipped targets file, relative to `engine/calibration/targets/`. */
export const REFERENCE_TARGETS_NAME = 'oi-nakajima-2009.json'

/**
 * The shipped calibration targets: Oi & Nakajima (ICCET 2009) Table I and Figures 2-5, as derived
 * in the targets file's `derivedFrom` notes.
 */
export function referenceTargets(): TargetsFile {
  const parsed = parseTargetsFile(rawTargets)
  if (!parsed.ok) throw new Error(`shipped targets file is invalid: ${parsed.message}`)
  return parsed.file
}
