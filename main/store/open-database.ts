import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { APPLICATION_ID, MIGRATIONS, type Migration } from './schema'

/** A database handle from better-sqlite3. */
export type SqliteDatabase = Database.Database

/** A store file that cannot be opened: another application's file, or a schema from a newer build. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreOpenError'
  }
}

/** How to open a store file. */
export interface OpenDatabaseOptions {
  /** `wal` for the live store (readers never block the writer), `delete` for single-file archives. */
  journalMode?: 'wal' | 'delete'
  /** Milliseconds a statement waits for another connection's lock before failing. Default 5000. */
  busyTimeoutMs?: number
  /** Replaces the built-in migrations (tests use this to exercise an upgrade). */
  migrations?: readonly Migration[]
}

/** An open, migrated database and what opening it did. */
export interface OpenedDatabase {
  db: SqliteDatabase
  previousSchemaVersion: number
  /** Copy of the file taken before migrating it, or null when nothing existing was changed. */
  backupPath: string | null
}

/** True when the database has no tables yet (a brand-new or empty file). */
function isEmptyDatabase(db: SqliteDatabase): boolean {
  const row = db.prepare(`SELECT count(*) AS count FROM sqlite_schema`).get() as { count: number }
  return row.count === 0
}

/**
 * Opens (creating it and its folder if needed) a run store: sets the pragmas, checks the
 * application_id stamp, refuses a newer schema, and applies pending migrations in one
 * transaction after copying an existing database to `<file>.bak-v<N>`.
 */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS
  const targetVersion = migrations.length
  // The data folder does not exist on a first start.
  if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true })
  const db = new Database(filePath, { timeout: options.busyTimeoutMs ?? 5000 })
  try {
    db.pragma(`busy_timeout = ${Math.round(options.busyTimeoutMs ?? 5000)}`)
    db.pragma('foreign_keys = ON')
    const applicationId = db.pragma('application_id', { simple: true }) as number
    const previousSchemaVersion = db.pragma('user_version', { simple: true }) as number
    const isEmpty = isEmptyDatabase(db)
    if (!isEmpty && applicationId !== APPLICATION_ID) {
      throw new StoreOpenError(
        `${filePath} is not an LRO Lab Bench database (application_id ${applicationId}, expected ${APPLICATION_ID})`,
      )
    }
    if (previousSchemaVersion > targetVersion) {
      throw new StoreOpenError(
        `${filePath} has schema version ${previousSchemaVersion}, newer than this build's ${targetVersion}; update LRO Lab Bench`,
      )
    }
    if (filePath !== ':memory:') db.pragma(`journal_mode = ${options.journalMode ?? 'wal'}`)
    // WAL with synchronous=NORMAL survives a killed process (the case we test); only an OS crash
    // or power cut can lose the last commits, never corrupt the file (sqlite.org/wal.html).
    db.pragma('synchronous = NORMAL')
    let backupPath: string | null = null
    if (previousSchemaVersion < targetVersion) {
      if (!isEmpty && filePath !== ':memory:') {
        backupPath = `${filePath}.bak-v${previousSchemaVersion}`
        if (existsSync(backupPath)) rmSync(backupPath)
        db.prepare('VACUUM INTO ?').run(backupPath)
      }
      db.transaction(() => {
        for (let version = previousSchemaVersion; version < targetVersion; version += 1) {
          db.exec(migrations[version].sql)
        }
        db.pragma(`application_id = ${APPLICATION_ID}`)
        db.pragma(`user_version = ${targetVersion}`)
      }).immediate()
    }
    return { db, previousSchemaVersion, backupPath }
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(`${filePath} is not an LRO Lab Bench database (not a SQLite file)`)
    }
    throw error
  }
}
