import type { CliCommand } from '../command'

/**
 * Every CLI command, in the order `--help` lists them. Each command lives in its own file in this
 * folder; add one import and one entry per command.
 */
export const commands: readonly CliCommand[] = []
