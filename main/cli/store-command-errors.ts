import { UsageError, type CliIo } from './command'

/**
 * Runs a store command body, turning an expected failure (missing store, bad archive, unknown id)
 * into one line on stderr and exit code 1; usage errors still reach the dispatcher (exit 2).
 */
export function withStoreErrors(commandName: string, io: CliIo, body: () => number): number {
  try {
    return body()
  } catch (error) {
    if (error instanceof UsageError) throw error
    io.err(`labbench ${commandName}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}
