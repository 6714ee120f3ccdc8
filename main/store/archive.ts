import { randomUUID } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import Database from 'better-sqlite3'
import { openDatabase, type SqliteDatabase } from './open-database'
import { archiveContentProblem } from './archive-contents'
import { APPLICATION_ID, ARCHIVED_TABLES, SCHEMA_VERSION } from './schema'
import type { ExportReport, ImportReport } from './types'

/** An archive that cannot be imported (or written); the message names the file and the problem. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveError'
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000'

type ArchivedTable = (typeof ARCHIVED_TABLES)[number]

/**
 * Writes the chosen experiments (all when `experimentIds` is undefined) with their runs, results,
 * series and tags, every parameter set, and the comparison views whose runs all made it, to a
 * single-file SQLite database with the store's application_id and schema. Written to a temporary
 * name and renamed, so a failed export never leaves a half-written archive under `outPath`.
 */
export function exportArchive(
  db: SqliteDatabase,
  outPath: string,
  experimentIds?: readonly string[],
): ExportReport {
  if (experimentIds !== undefined) {
    const known = db.prepare(`SELECT 1 FROM experiments WHERE id = ?`)
    for (const id of experimentIds) {
      if (!known.get(id)) throw new ArchiveError(`no experiment with id ${id}`)
    }
  }
  const temporaryPath = `${outPath}.tmp-${randomUUID()}`
  openDatabase(temporaryPath, { journalMode: 'delete' }).db.close()
  let report: ExportReport
  try {
    db.prepare(`ATTACH DATABASE ? AS archive`).run(temporaryPath)
    try {
      report = db.transaction(() => copySelection(db, experimentIds))()
    } finally {
      db.prepare(`DETACH DATABASE archive`).run()
    }
    renameSync(temporaryPath, outPath)
  } catch (error) {
    rmSync(temporaryPath, { force: true })
    throw error
  }
  return report
}

function copySelection(db: SqliteDatabase, experimentIds: readonly string[] | undefined): ExportReport {
  // Same migrations on both sides, so `SELECT *` lines up column for column.
  const chosen = experimentIds === undefined ? '1' : `id IN (SELECT value FROM json_each(?))`
  const chosenParams = experimentIds === undefined ? [] : [JSON.stringify(experimentIds)]
  const experiments = db
    .prepare(`INSERT INTO archive.experiments SELECT * FROM main.experiments WHERE ${chosen}`)
    .run(...chosenParams).changes
  db.exec(`
    INSERT INTO archive.experiment_tags SELECT * FROM main.experiment_tags
      WHERE experiment_id IN (SELECT id FROM archive.experiments);
    INSERT INTO archive.runs SELECT * FROM main.runs WHERE experiment_id IN (SELECT id FROM archive.experiments);
    INSERT INTO archive.run_tags SELECT * FROM main.run_tags WHERE run_id IN (SELECT id FROM archive.runs);
    INSERT INTO archive.results SELECT * FROM main.results WHERE run_id IN (SELECT id FROM archive.runs);
    INSERT INTO archive.run_series SELECT * FROM main.run_series WHERE run_id IN (SELECT id FROM archive.runs);
    INSERT INTO archive.parameter_sets SELECT * FROM main.parameter_sets;
    INSERT INTO archive.comparison_views SELECT * FROM main.comparison_views v
      WHERE NOT EXISTS (SELECT 1 FROM json_each(v.run_ids_json) j WHERE j.value NOT IN (SELECT id FROM archive.runs));
  `)
  const runs = (db.prepare(`SELECT count(*) AS count FROM archive.runs`).get() as { count: number }).count
  return { experiments, runs }
}

function startsWithSqliteHeader(filePath: string): boolean {
  const header = Buffer.alloc(16)
  const descriptor = openSync(filePath, 'r')
  try {
    return readSync(descriptor, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER
  } finally {
    closeSync(descriptor)
  }
}

function columnsOf(db: SqliteDatabase, table: ArchivedTable): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name)
}

/**
 * Opens an archive read-only and checks it: a SQLite file, our application_id, a schema version
 * we can read, `integrity_check`, `foreign_key_check` and the tables' shape. Throws
 * `ArchiveError` naming the first problem. An archive from an older schema is migrated in a
 * temporary copy (the returned cleanup removes it).
 */
export function openCheckedArchive(
  archivePath: string,
  expectedColumns: (table: ArchivedTable) => string[],
): { archive: SqliteDatabase; cleanup: () => void } {
  if (!existsSync(archivePath) || !statSync(archivePath).isFile()) {
    throw new ArchiveError(`${archivePath}: no such file`)
  }
  if (!startsWithSqliteHeader(archivePath)) {
    throw new ArchiveError(`${archivePath} is not an LRO Lab Bench archive: not a SQLite database`)
  }
  let archive: SqliteDatabase | null = null
  let temporaryCopy: string | null = null
  const cleanup = (): void => {
    if (archive?.open) archive.close()
    if (temporaryCopy) rmSync(temporaryCopy, { force: true })
  }
  try {
    archive = new Database(archivePath, { readonly: true, fileMustExist: true })
    const applicationId = archive.pragma('application_id', { simple: true }) as number
    if (applicationId !== APPLICATION_ID) {
      throw new ArchiveError(
        `${archivePath} is a SQLite database of another application (application_id ${applicationId}), not an LRO Lab Bench archive`,
      )
    }
    const version = archive.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new ArchiveError(
        `${archivePath} has schema version ${version}, newer than this build reads (${SCHEMA_VERSION}); update LRO Lab Bench`,
      )
    }
    if (version < 1) throw new ArchiveError(`${archivePath} has no LRO Lab Bench schema (version ${version})`)
    const integrity = archive.pragma('integrity_check') as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw new ArchiveError(
        `${archivePath} is corrupted: ${integrity[0]?.integrity_check ?? 'integrity check failed'}`,
      )
    }
    const brokenKeys = archive.pragma('foreign_key_check') as { table: string; parent: string }[]
    if (brokenKeys.length > 0) {
      throw new ArchiveError(
        `${archivePath} has ${brokenKeys.length} row(s) that break foreign keys (${brokenKeys[0].table} -> ${brokenKeys[0].parent})`,
      )
    }
    if (version < SCHEMA_VERSION) {
      // Upgrade a private copy; the user's archive file stays as it was.
      archive.close()
      temporaryCopy = `${archivePath}.upgrade-${randomUUID()}`
      copyFileSync(archivePath, temporaryCopy)
      archive = openDatabase(temporaryCopy, { journalMode: 'delete' }).db
    }
    for (const table of ARCHIVED_TABLES) {
      const actual = columnsOf(archive, table).join(',')
      if (actual !== expectedColumns(table).join(',')) {
        throw new ArchiveError(`${archivePath} has an unexpected layout of table ${table}`)
      }
    }
    return { archive, cleanup }
  } catch (error) {
    cleanup()
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError(`${archivePath} is corrupted or truncated: ${(error as Error).message}`)
  }
}

/** Which rows of a child table belong to a parent that was added (by owner column). */
const OWNER_COLUMN: Partial<Record<ArchivedTable, { column: string; parent: 'experiments' | 'runs' }>> = {
  experiment_tags: { column: 'experiment_id', parent: 'experiments' },
  run_tags: { column: 'run_id', parent: 'runs' },
  results: { column: 'run_id', parent: 'runs' },
  run_series: { column: 'run_id', parent: 'runs' },
}

/** Primary key used to skip rows the store already has. */
const KEY_COLUMN: Partial<Record<ArchivedTable, string>> = {
  experiments: 'id',
  runs: 'id',
  parameter_sets: 'name',
  comparison_views: 'id',
}

/**
 * Imports an archive: checks it first (see `openCheckedArchive`), then merges it in one
 * transaction, skipping experiments, runs, parameter sets (by name) and views whose key already
 * exists; a new run joins its experiment also when the experiment was already here, which is how
 * the shards of one sweep (same experiment id, runs with their own ids) merge into one experiment.
 * Any failure rolls the whole merge back, leaving the store as it was.
 */
export function importArchive(db: SqliteDatabase, archivePath: string): ImportReport {
  const { archive, cleanup } = openCheckedArchive(archivePath, (table) => columnsOf(db, table))
  try {
    const problem = archiveContentProblem(archive)
    if (problem !== null) throw new ArchiveError(`${archivePath} holds data this build refuses: ${problem}`)
    return db.transaction(() => mergeArchive(db, archive))()
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError(`${archivePath} has rows the store refuses: ${(error as Error).message}`)
  } finally {
    cleanup()
  }
}

function mergeArchive(db: SqliteDatabase, archive: SqliteDatabase): ImportReport {
  const report: ImportReport = {
    added: { experiments: 0, runs: 0, parameterSets: 0, comparisonViews: 0 },
    skipped: { experiments: 0, runs: 0, parameterSets: 0, comparisonViews: 0 },
  }
  const addedKeys: Record<'experiments' | 'runs', Set<string>> = { experiments: new Set(), runs: new Set() }
  const counterOf: Record<string, keyof ImportReport['added']> = {
    experiments: 'experiments',
    runs: 'runs',
    parameter_sets: 'parameterSets',
    comparison_views: 'comparisonViews',
  }
  for (const table of ARCHIVED_TABLES) {
    const columns = columnsOf(db, table)
    const columnList = columns.map((column) => `"${column}"`).join(', ')
    const insert = db.prepare(
      `INSERT INTO ${table} (${columnList}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    const rows = archive.prepare(`SELECT ${columnList} FROM ${table}`).raw(true)
    const key = KEY_COLUMN[table]
    const owner = OWNER_COLUMN[table]
    const exists = key ? db.prepare(`SELECT 1 FROM ${table} WHERE "${key}" = ?`) : null
    const keyIndex = key ? columns.indexOf(key) : -1
    const ownerIndex = owner ? columns.indexOf(owner.column) : -1
    for (const row of rows.iterate() as IterableIterator<unknown[]>) {
      if (owner && !addedKeys[owner.parent].has(row[ownerIndex] as string)) continue
      if (exists) {
        const counter = counterOf[table]
        if (exists.get(row[keyIndex])) {
          report.skipped[counter] += 1
          continue
        }
        report.added[counter] += 1
        if (table === 'experiments' || table === 'runs') addedKeys[table].add(row[keyIndex] as string)
      }
      insert.run(...row)
    }
  }
  return report
}
