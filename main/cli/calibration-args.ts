import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { referenceTargets } from '../../engine/calibration/reference-targets'
import { parseTargetsFile, type TargetsFile } from '../../engine/calibration/targets-schema'
import { UsageError, type CliIo } from './command'

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
