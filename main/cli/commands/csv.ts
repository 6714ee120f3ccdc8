import { writeFileSync } from 'node:fs'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { RUN_FILTER_OPTIONS, RUN_FILTER_USAGE, openCliStore, runFilterFromFlags } from '../store-args'
import { parseFlags } from '../parse-flags'
import { withStoreErrors } from '../store-command-errors'

const USAGE = `Usage: npm run -s labbench -- csv --out F.csv [--run ID | filters] [--db FILE]

Writes RFC 4180 CSV: the run table (filtered like \`history list\`, every match unless --limit),
or with --run the time series of one run. --out - writes to stdout.

Options:
  --out FILE           CSV file to write, or - for stdout
  --run ID             export this run's time series instead of the run table
  --db FILE            the run store (default: the user's data folder)
${RUN_FILTER_USAGE}`

const OPTIONS = {
  ...RUN_FILTER_OPTIONS,
  db: { type: 'string' },
  out: { type: 'string' },
  run: { type: 'string' },
} as const

/** `csv`: exports the run table or one run's time series as CSV. */
export const csvCommand: CliCommand = {
  name: 'csv',
  summary: 'Export the run table or a run time series as CSV',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, OPTIONS, false)
    if (typeof values.out !== 'string' || values.out === '')
      throw new UsageError('--out FILE is required (- for stdout)')
    const filter = runFilterFromFlags(values)
    const runId = values.run as string | undefined
    if (runId !== undefined && Object.keys(filter).length > 0) {
      throw new UsageError('--run exports one series; list filters do not apply to it')
    }
    const out = values.out
    return withStoreErrors('csv', io, () => {
      const store = openCliStore(values.db, false)
      try {
        let text: string
        if (runId === undefined) text = store.runsCsv(filter)
        else {
          const target = store.resolveTarget(runId)
          if (target?.kind !== 'run') throw new Error(`--run: no run matches "${runId}"`)
          text = store.seriesCsv(target.id)
        }
        if (out === '-') io.out(text)
        else {
          writeFileSync(out, text)
          io.err(`wrote ${out}`)
        }
        return 0
      } finally {
        store.close()
      }
    })
  },
}
