/** A CLI sub-command: `npm run -s labbench -- <name> ...`. */
export interface CliCommand {
  /** The word after `labbench`. */
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  /** Full usage text for `labbench <name> --help`. */
  readonly usage: string
  /**
   * Runs with the arguments after the command name. Returns the exit code: 0 success, 1 a failed
   * check (e.g. validation misses), 2 bad arguments, 3 not available.
   */
  run(argv: string[], io: CliIo): Promise<number>
}

/** Where a command writes: results to `out`, progress and errors to `err`. */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  /** True when stderr is a terminal (progress bars redraw in place). */
  isErrTty: boolean
}

/** A bad command-line argument; the CLI prints its message on one line and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
