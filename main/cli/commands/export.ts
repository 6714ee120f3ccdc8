import { UsageError, type CliCommand, type CliIo } from '../command'
import { parseFlags } from '../parse-flags'
import { openCliStore } from '../store-args'
import { withStoreErrors } from '../store-command-errors'

const USAGE = `Usage: npm run -s labbench -- export --out A.lrolab [--experiment ID ...] [--db FILE]

Writes experiments with their runs, results and time series to a single .lrolab archive (a SQLite
file another LRO Lab Bench can import). Without --experiment, exports everything.

Options:
  --out FILE           archive to write (replaced if it exists)
  --experiment ID      an experiment to include (repeatable; full id or unique prefix)
  --db FILE            the run store (default: the user's data folder)`

const OPTIONS = {
  db: { type: 'string' },
  out: { type: 'string' },
  experiment: { type: 'string', multiple: true },
} as const

/** `export`: writes selected experiments (or all) to a `.lrolab` archive. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write experiments and their runs to a .lrolab archive',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, OPTIONS, false)
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out FILE is required')
    const out = values.out
    return withStoreErrors('export', io, () => {
      const store = openCliStore(values.db, false)
      try {
        const ids = (values.experiment as string[] | undefined)?.map((id) => {
          const target = store.resolveTarget(id)
          if (target?.kind !== 'experiment') throw new Error(`--experiment: no experiment matches "${id}"`)
          return target.id
        })
        const report = store.exportArchive(out, ids)
        io.out(`exported ${report.experiments} experiment(s), ${report.runs} run(s) to ${out}`)
        return 0
      } finally {
        store.close()
      }
    })
  },
}
