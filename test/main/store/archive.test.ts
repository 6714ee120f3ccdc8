import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArchiveError, RunStore } from '../../../main/store/run-store'
import { MIGRATIONS } from '../../../main/store/schema'
import { planSensitivity } from '../../../engine/analysis/sensitivity-plan'
import { makeResult, makeSpec } from './helpers/fixtures'

let directory: string
let store: RunStore

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'lrolab-archive-'))
  store = RunStore.open(join(directory, 'user.sqlite'))
})

afterEach(() => {
  store.close()
  rmSync(directory, { recursive: true, force: true })
})

/** Fills a store with two experiments; returns their ids. */
function seed(target: RunStore): { first: string; second: string; runIds: string[] } {
  const first = target.createExperiment({
    name: 'first "one"',
    tags: ['keep'],
    notes: 'ünïcode',
    specs: [makeSpec(), makeSpec({ seed: 2 })],
  })
  const second = target.createExperiment({
    name: 'second',
    specs: [makeSpec({ config: 'xen' })],
    analysis: planSensitivity({ params: ['tcp.sack'], trajectories: 2 }).request,
  })
  target.storeResult(first.runIds[0], makeResult(200, 1))
  target.storeResult(second.runIds[0], makeResult(50, 2))
  target.tags.add({ kind: 'run', id: first.runIds[0] }, ['best'])
  target.library.saveParameterSet({ name: 'fitted', values: { 'nic.interruptRateHz': 9000 } })
  target.library.saveComparisonView({ name: 'view', runIds: first.runIds })
  return {
    first: first.experimentId,
    second: second.experimentId,
    runIds: [...first.runIds, ...second.runIds],
  }
}

/** Hash of the user's database after a checkpoint: file + WAL (empty after TRUNCATE). */
function userDbHash(target: RunStore): string {
  target.db.pragma('wal_checkpoint(TRUNCATE)')
  const hash = createHash('sha256').update(readFileSync(target.filePath))
  const wal = `${target.filePath}-wal`
  if (existsSync(wal)) hash.update(readFileSync(wal))
  return hash.digest('hex')
}

describe('archive export and import', () => {
  it('round-trips everything into an empty store, and skips what already exists the second time', () => {
    const ids = seed(store)
    const archivePath = join(directory, 'all.lrolab')
    expect(store.exportArchive(archivePath)).toEqual({ experiments: 2, runs: 3 })
    const other = RunStore.open(join(directory, 'other.sqlite'))
    try {
      expect(other.importArchive(archivePath)).toEqual({
        added: { experiments: 2, runs: 3, parameterSets: 1, comparisonViews: 1 },
        skipped: { experiments: 0, runs: 0, parameterSets: 0, comparisonViews: 0 },
      })
      for (const runId of ids.runIds) expect(other.getRun(runId)).toEqual(store.getRun(runId))
      expect(other.getExperiment(ids.first)).toEqual(store.getExperiment(ids.first))
      // The analysis an experiment was planned for travels with it.
      expect(other.getExperiment(ids.second)?.analysis).toMatchObject({
        params: ['tcp.sack'],
        trajectories: 2,
      })
      expect(other.getExperiment(ids.first)?.analysis).toBeNull()
      expect(other.importArchive(archivePath)).toEqual({
        added: { experiments: 0, runs: 0, parameterSets: 0, comparisonViews: 0 },
        skipped: { experiments: 2, runs: 3, parameterSets: 1, comparisonViews: 1 },
      })
      expect(other.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      other.close()
    }
  })

  it('exports only the selected experiments, as a single SQLite file without WAL', () => {
    const ids = seed(store)
    const archivePath = join(directory, 'second.lrolab')
    expect(store.exportArchive(archivePath, [ids.second])).toEqual({ experiments: 1, runs: 1 })
    expect(existsSync(`${archivePath}-wal`)).toBe(false)
    const archive = new Database(archivePath, { readonly: true })
    expect(archive.prepare('SELECT id FROM experiments').all()).toEqual([{ id: ids.second }])
    // The view names runs of the first experiment only, so it stays behind.
    expect(archive.prepare('SELECT count(*) AS n FROM comparison_views').get()).toEqual({ n: 0 })
    archive.close()
  })

  it('adds new runs of an experiment the store already has', () => {
    const ids = seed(store)
    const archivePath = join(directory, 'all.lrolab')
    store.exportArchive(archivePath)
    store.deleteRun(ids.runIds[1])
    const report = store.importArchive(archivePath)
    expect(report.added.runs).toBe(1)
    expect(report.skipped).toMatchObject({ experiments: 2, runs: 2 })
    expect(store.getRun(ids.runIds[1])?.experimentId).toBe(ids.first)
  })

  it('refuses an unknown experiment id on export and writes nothing', () => {
    const archivePath = join(directory, 'none.lrolab')
    expect(() => store.exportArchive(archivePath, ['no-such-id'])).toThrow(/no experiment with id no-such-id/)
    expect(existsSync(archivePath)).toBe(false)
  })
})

describe('archive import: bad input leaves the user database byte-for-byte unchanged', () => {
  let archivePath: string
  let before: string

  beforeEach(() => {
    seed(store)
    archivePath = join(directory, 'good.lrolab')
    const source = RunStore.open(join(directory, 'source.sqlite'))
    source.createExperiment({ name: 'incoming', specs: [makeSpec()] })
    source.exportArchive(archivePath)
    source.close()
    before = userDbHash(store)
  })

  function expectRefused(path: string, message: RegExp): void {
    expect(() => store.importArchive(path)).toThrow(ArchiveError)
    expect(() => store.importArchive(path)).toThrow(message)
    expect(userDbHash(store)).toBe(before)
  }

  it('a file that is not SQLite', () => {
    const path = join(directory, 'notes.lrolab')
    writeFileSync(path, 'just some text, not a database\n')
    expectRefused(path, /not a SQLite database/)
  })

  it('a SQLite database of another application', () => {
    const path = join(directory, 'other-app.lrolab')
    const other = new Database(path)
    other.pragma('application_id = 1234')
    other.exec('CREATE TABLE experiments (id TEXT)')
    other.close()
    expectRefused(path, /another application \(application_id 1234\)/)
  })

  it('a newer schema version', () => {
    const path = join(directory, 'newer.lrolab')
    copyFileSync(archivePath, path)
    const raw = new Database(path)
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    raw.close()
    expectRefused(path, new RegExp(`schema version ${MIGRATIONS.length + 5}, newer than this build reads`))
  })

  /** A copy of the good archive changed by `sql` (as a hand-edited or hostile archive would be). */
  function tampered(name: string, sql: string): string {
    const path = join(directory, name)
    copyFileSync(archivePath, path)
    const raw = new Database(path)
    raw.exec(sql)
    raw.close()
    return path
  }

  it('a run spec the engine refuses (durationS 1e6, MTU 100000, not a spec), naming the field', () => {
    expectRefused(
      tampered('long.lrolab', `UPDATE runs SET spec_json = json_set(spec_json, '$.durationS', 1000000)`),
      /refuses: run .+: spec\.durationS: /,
    )
    expectRefused(
      tampered('mtu.lrolab', `UPDATE runs SET spec_json = json_set(spec_json, '$.mtu', 100000)`),
      /spec\.mtu: /,
    )
    expectRefused(
      tampered('notspec.lrolab', `UPDATE runs SET spec_json = '{"hello": 1}'`),
      /spec\.hello|spec\.config/,
    )
  })

  it('a parameter set with a value its parameter does not allow', () => {
    expectRefused(
      tampered(
        'set.lrolab',
        `INSERT INTO parameter_sets VALUES ('bad', '{"nic.interruptThrottleMode": 2}', '{}', 0)`,
      ),
      /parameter set "bad": nic\.interruptThrottleMode must be one of/,
    )
    expectRefused(
      tampered('rate.lrolab', `INSERT INTO parameter_sets VALUES ('neg', '{"wire.rateBps": -5}', '{}', 0)`),
      /parameter set "neg": wire\.rateBps = -5/,
    )
  })

  it('a series blob shorter than its result says', () => {
    const source = RunStore.open(join(directory, 'with-result.sqlite'))
    const { runIds } = source.createExperiment({ name: 'done', specs: [makeSpec()] })
    source.storeResult(runIds[0], makeResult(50, 1))
    const withResult = join(directory, 'with-result.lrolab')
    source.exportArchive(withResult)
    source.close()
    const path = join(directory, 'short-series.lrolab')
    copyFileSync(withResult, path)
    const raw = new Database(path)
    raw.exec(`UPDATE run_series SET samples = substr(samples, 1, 16) WHERE name = 'throughputMbps'`)
    raw.close()
    expectRefused(path, /series throughputMbps holds 16 bytes, its result records 50 samples/)
  })

  it('a truncated archive', () => {
    const path = join(directory, 'truncated.lrolab')
    copyFileSync(archivePath, path)
    truncateSync(path, Math.floor(statSync(path).size / 2))
    expectRefused(path, /corrupted|truncated/)
  })

  it('a corrupted archive (garbage over its pages)', () => {
    const path = join(directory, 'corrupt.lrolab')
    copyFileSync(archivePath, path)
    const size = statSync(path).size
    const descriptor = openSync(path, 'r+')
    // Keep the 100-byte header valid; overwrite everything from the second page on.
    writeSync(descriptor, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096)
    closeSync(descriptor)
    expectRefused(path, /corrupted/)
  })

  it('rows that break foreign keys', () => {
    const path = join(directory, 'orphans.lrolab')
    copyFileSync(archivePath, path)
    const raw = new Database(path)
    raw.pragma('foreign_keys = OFF')
    raw.prepare('DELETE FROM experiments').run()
    raw.close()
    expectRefused(path, /break foreign keys \(runs -> experiments\)/)
  })

  it('rows that break a CHECK constraint', () => {
    const path = join(directory, 'bad-status.lrolab')
    copyFileSync(archivePath, path)
    const raw = new Database(path)
    raw.pragma('ignore_check_constraints = ON')
    raw.prepare(`UPDATE runs SET status = 'exploded'`).run()
    raw.close()
    expectRefused(path, /CHECK constraint|corrupted/)
  })

  it('a missing file', () => {
    expectRefused(join(directory, 'missing.lrolab'), /no such file/)
  })

  it('and a good archive then imports fine', () => {
    expect(store.importArchive(archivePath).added.experiments).toBe(1)
    expect(userDbHash(store)).not.toBe(before)
  })
})
