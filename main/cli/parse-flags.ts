import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './command'

/**
 * `parseArgs` in strict mode, with the parsed values keeping their declared types; a bad flag
 * becomes a one-line `UsageError` (exit code 2), the CLI's contract for argument errors.
 */
export function parseFlags<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error))
  }
}

/** The items of a comma-separated flag value, trimmed, blanks dropped. */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
