import { existsSync, rmSync } from 'node:fs'
import { defaultRunStorePath } from '../../platform/data-dir'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { parseFlags } from '../parse-flags'
import { openCliStore } from '../store-args'
import { withStoreErrors } from '../store-command-errors'

const USAGE = `Usage: npm run -s labbench -- import A.lrolab [--db FILE]

Checks a .lrolab archive (application, schema version, integrity, foreign keys) and merges it
into the run store in one transaction. Experiments and runs already present (same id) are
skipped. A bad archive is refused and the store is left unchanged.

Options:
  --db FILE            the run store (default: the user's data folder; created if missing)`

/** `import`: merges a `.lrolab` archive into the run store. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Merge a .lrolab archive into the run store',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(argv, { db: { type: 'string' } } as const, true)
    if (positionals.length !== 1) throw new UsageError('expected exactly one archive file (import A.lrolab)')
    return withStoreErrors('import', io, () => {
      const storePath = typeof values.db === 'string' && values.db !== '' ? values.db : defaultRunStorePath()
      const isNewStore = !existsSync(storePath)
      const store = openCliStore(storePath, true)
      try {
        let report
        try {
          report = store.importArchive(positionals[0])
        } catch (error) {
          // A refused archive must not leave behind an empty store the user never asked for.
          store.close()
          if (isNewStore)
            for (const suffix of ['', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true })
          throw error
        }
        io.out(
          `added ${report.added.experiments} experiment(s), ${report.added.runs} run(s); ` +
            `skipped ${report.skipped.experiments} experiment(s), ${report.skipped.runs} run(s) already present`,
        )
        return 0
      } finally {
        store.close()
      }
    })
  },
}
