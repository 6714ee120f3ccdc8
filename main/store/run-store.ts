import { randomUUID } from 'node:crypto'
import type { RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'
import { ENGINE_VERSION } from '../../engine/version'
import { exportArchive, importArchive } from './archive'
import { parameterSetHash } from './canonical-json'
import { runsCsv, seriesCsv } from './csv'
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './open-database'
import { insertResult } from './result-writer'
import { RunReader } from './run-reader'
import { jbbToText } from './run-rows'
import { StoreTags, type StoreTarget } from './store-tags'
import { StoreLibrary } from './store-library'
import { WalCheckpointer } from './wal-checkpointer'
import type {
  CreatedExperiment,
  ExperimentFilter,
  ExperimentRecord,
  ExportReport,
  ImportReport,
  NewExperiment,
  OpenReport,
  Page,
  RunDetail,
  RunFilter,
  RunSummary,
} from './types'
import { claimStoreOwnership, type StoreOwnership } from './store-owner'

export * from './types'
export type { StoreTarget } from './store-tags'
export { StoreOpenError } from './open-database'
export { ArchiveError } from './archive'
export { parameterSetHash, canonicalJson } from './canonical-json'

/** Options of `RunStore.open`. */
export interface RunStoreOptions extends OpenDatabaseOptions {
  /**
   * Mark runs left `queued`/`running` by a previous process as `interrupted` (default true). Pass
   * false from a second process that only reads (e.g. `history list` while the app is running a
   * sweep), so it does not interrupt someone else's live runs.
   */
  recoverInterrupted?: boolean
  /** Clock for created/started/finished stamps (tests pass a fixed one). Default `Date.now`. */
  nowMs?: () => number
  /** Checkpoint the WAL after writes pause this long, ms (default 1000; 0: only at close or size cap). */
  idleCheckpointMs?: number
  /** Checkpoint at once when the WAL exceeds this many bytes (default 64 MiB). */
  maxWalBytes?: number
}

/**
 * The run store: experiments, their runs and results, tags, notes, parameter sets and saved
 * comparison views in one SQLite file. Synchronous (better-sqlite3); one instance per process
 * and file. Every statement binds its values; user text never becomes SQL.
 */
export class RunStore {
  /** Tags and notes of experiments and runs. */
  readonly tags: StoreTags
  /** Named parameter sets and saved comparison views. */
  readonly library: StoreLibrary
  private readonly reader: RunReader
  private readonly checkpointer: WalCheckpointer
  private readonly nowMs: () => number

  private constructor(
    /** The underlying connection (for the archive and bench code; prefer the methods). */
    readonly db: SqliteDatabase,
    /** The file this store was opened from. */
    readonly filePath: string,
    /** What opening did: recovered runs, migration backup. */
    readonly openReport: OpenReport,
    nowMs: () => number,
    checkpointer: WalCheckpointer,
    private readonly ownership: StoreOwnership | null = null,
  ) {
    this.nowMs = nowMs
    this.checkpointer = checkpointer
    this.tags = new StoreTags(db)
    this.library = new StoreLibrary(db, nowMs)
    this.reader = new RunReader(db)
  }

  /**
   * Opens or creates the store at `filePath` (`:memory:` works too), migrating it if needed and
   * marking runs a crashed process left unfinished as `interrupted`.
   */
  static open(filePath: string, options: RunStoreOptions = {}): RunStore {
    const opened = openDatabase(filePath, options)
    const nowMs = options.nowMs ?? Date.now
    // Only the owning process recovers: another live one may be running the store's queued runs.
    const ownership = filePath === ':memory:' ? null : claimStoreOwnership(filePath)
    const isOwner = filePath === ':memory:' || ownership !== null
    let interruptedRuns = 0
    if ((options.recoverInterrupted ?? true) && isOwner) {
      interruptedRuns = opened.db
        .prepare(
          `UPDATE runs SET status = 'interrupted', finished_ms = ?,
             error = 'the process ended while the run was ' || status
           WHERE status IN ('queued', 'running')`,
        )
        .run(Math.round(nowMs())).changes
    }
    return new RunStore(
      opened.db,
      filePath,
      {
        interruptedRuns,
        previousSchemaVersion: opened.previousSchemaVersion,
        backupPath: opened.backupPath,
        isOwner,
      },
      nowMs,
      new WalCheckpointer(
        opened.db,
        filePath === ':memory:' || options.journalMode === 'delete' ? null : `${filePath}-wal`,
        options.idleCheckpointMs ?? 1000,
        options.maxWalBytes ?? 64 * 1024 * 1024,
      ),
      ownership,
    )
  }

  /** Refreshes planner statistics and closes the connection (checkpointing the WAL). */
  close(): void {
    if (!this.db.open) return
    this.checkpointer.cancel()
    // Keeps the planner's statistics fresh for the list filters (sqlite.org/lang_analyze.html).
    this.db.pragma('optimize')
    this.db.close()
    this.ownership?.release()
  }

  /** Checkpoints the WAL now (e.g. when the job pool goes idle); normally automatic. */
  checkpoint(): void {
    this.checkpointer.checkpoint()
  }

  /** Runs `work` in one transaction: all its writes commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  // ---------------------------------------------------------------- experiments and runs

  /** Writes an experiment and one queued run per spec, in one transaction. */
  createExperiment(input: NewExperiment): CreatedExperiment {
    const experimentId = input.identity?.experimentId ?? randomUUID()
    const createdMs = Math.round(input.createdMs ?? this.nowMs())
    const runIds = this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO experiments (id, name, preset, notes, created_ms, analysis_json) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          experimentId,
          input.name,
          input.preset ?? null,
          input.notes ?? '',
          createdMs,
          input.analysis ? JSON.stringify(input.analysis) : null,
        )
      this.tags.add({ kind: 'experiment', id: experimentId }, input.tags ?? [])
      return this.insertRuns(
        experimentId,
        0,
        input.specs,
        input.engineVersion ?? ENGINE_VERSION,
        createdMs,
        input.identity,
      )
    })
    this.checkpointer.afterWrite()
    return { experimentId, runIds }
  }

  /** Appends queued runs to an existing experiment; returns their ids in order. */
  addRuns(experimentId: string, specs: RunSpec[], engineVersion: string = ENGINE_VERSION): string[] {
    return this.transaction(() => {
      const row = this.db
        .prepare(`SELECT coalesce(max(ordinal) + 1, 0) AS next FROM runs WHERE experiment_id = ?`)
        .get(experimentId) as { next: number }
      this.requireExperiment(experimentId)
      return this.insertRuns(experimentId, row.next, specs, engineVersion, Math.round(this.nowMs()))
    })
  }

  private requireExperiment(experimentId: string): void {
    if (!this.db.prepare(`SELECT 1 FROM experiments WHERE id = ?`).get(experimentId)) {
      throw new Error(`no experiment with id ${experimentId}`)
    }
  }

  private insertRuns(
    experimentId: string,
    firstOrdinal: number,
    specs: RunSpec[],
    engineVersion: string,
    createdMs: number,
    identity?: { runIds: string[]; ordinals: number[] },
  ): string[] {
    const insert = this.db.prepare(
      `INSERT INTO runs (id, experiment_id, ordinal, spec_json, config, env, mtu, message_size, jbb, seed,
         param_set_name, param_set_hash, engine_version, status, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
    )
    return specs.map((spec, index) => {
      const runId = identity?.runIds[index] ?? randomUUID()
      insert.run(
        runId,
        experimentId,
        identity?.ordinals[index] ?? firstOrdinal + index,
        JSON.stringify(spec),
        spec.config,
        spec.env,
        spec.mtu,
        spec.messageSize,
        jbbToText(spec.jbb),
        spec.seed,
        spec.paramSet,
        parameterSetHash(spec.params ?? {}),
        engineVersion,
        createdMs,
      )
      return runId
    })
  }

  /** Marks a queued run as running. Returns false when the run is not queued (e.g. cancelled). */
  markRunning(runId: string, startedMs: number = this.nowMs()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE runs SET status = 'running', started_ms = ?, progress = 0 WHERE id = ? AND status = 'queued'`,
        )
        .run(Math.round(startedMs), runId).changes === 1
    )
  }

  /** Records the progress of a running run, 0..1 (clamped). Cheap: one indexed UPDATE. */
  recordProgress(runId: string, fraction: number): void {
    const clamped = Math.min(Math.max(Number.isFinite(fraction) ? fraction : 0, 0), 1)
    this.db.prepare(`UPDATE runs SET progress = ? WHERE id = ? AND status = 'running'`).run(clamped, runId)
  }

  /**
   * Stores a finished run's result (metrics, breakdowns, series) and marks it `done`, in one
   * transaction, so a crash leaves either the whole result or none of it.
   */
  storeResult(runId: string, result: RunResult, finishedMs: number = this.nowMs()): void {
    this.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE runs SET status = 'done', progress = 1, error = NULL, finished_ms = ?, wall_ms = ?,
             started_ms = coalesce(started_ms, ?)
           WHERE id = ? AND status IN ('queued', 'running')`,
        )
        .run(Math.round(finishedMs), result.wallMs, Math.round(finishedMs - result.wallMs), runId).changes
      if (changed !== 1) throw new Error(`run ${runId} is not queued or running; result not stored`)
      insertResult(this.db, runId, result)
    })
    this.checkpointer.afterWrite()
  }

  /** Marks a queued or running run as failed with its error text. */
  markFailed(runId: string, error: string, finishedMs: number = this.nowMs()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE runs SET status = 'failed', error = ?, finished_ms = ? WHERE id = ? AND status IN ('queued', 'running')`,
        )
        .run(error, Math.round(finishedMs), runId).changes === 1
    )
  }

  /** Cancels one queued or running run. Returns false when it had already finished. */
  cancelRun(runId: string, finishedMs: number = this.nowMs()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE runs SET status = 'cancelled', finished_ms = ? WHERE id = ? AND status IN ('queued', 'running')`,
        )
        .run(Math.round(finishedMs), runId).changes === 1
    )
  }

  /** Cancels every queued or running run of an experiment; returns how many changed. */
  cancelExperiment(experimentId: string, finishedMs: number = this.nowMs()): number {
    return this.db
      .prepare(
        `UPDATE runs SET status = 'cancelled', finished_ms = ? WHERE experiment_id = ? AND status IN ('queued', 'running')`,
      )
      .run(Math.round(finishedMs), experimentId).changes
  }

  // ---------------------------------------------------------------- reading

  /** One page of runs matching the filter, sorted and paged in SQL, with the total count. */
  listRuns(filter: RunFilter = {}): Page<RunSummary> {
    return this.reader.listRuns(filter)
  }

  /** Every run matching the filter (paging ignored unless `limit` is set), streamed row by row. */
  iterateRuns(filter: RunFilter = {}): IterableIterator<RunSummary> {
    return this.reader.iterateRuns(filter)
  }

  /** One run with its full result and time series, or null when there is no such run. */
  getRun(runId: string): RunDetail | null {
    return this.reader.getRun(runId)
  }

  /** Several runs with results, in the order asked (missing ids are left out). */
  getRuns(runIds: readonly string[]): RunDetail[] {
    return this.reader.getRuns(runIds)
  }

  /** Experiments, newest first, with tags and run counts by status (filtered and paged in SQL). */
  listExperiments(filter: ExperimentFilter = {}): Page<ExperimentRecord> {
    return this.reader.listExperiments(filter)
  }

  /** One experiment, or null. */
  getExperiment(experimentId: string): ExperimentRecord | null {
    return this.reader.getExperiment(experimentId)
  }

  /**
   * What an id names: a run or an experiment, by full UUID or by a unique prefix of at least 6
   * characters (the CLI shows 8). Null when nothing or more than one thing matches.
   */
  resolveTarget(idOrPrefix: string): StoreTarget | null {
    return this.reader.resolveTarget(idOrPrefix)
  }

  // ---------------------------------------------------------------- editing

  /** Renames an experiment. Returns false when there is no such experiment. */
  renameExperiment(experimentId: string, name: string): boolean {
    return (
      this.db.prepare(`UPDATE experiments SET name = ? WHERE id = ?`).run(name, experimentId).changes === 1
    )
  }

  /** Deletes an experiment with all its runs, results, series and tags. */
  deleteExperiment(experimentId: string): boolean {
    return this.db.prepare(`DELETE FROM experiments WHERE id = ?`).run(experimentId).changes === 1
  }

  /** Deletes one run with its result, series and tags. */
  deleteRun(runId: string): boolean {
    return this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(runId).changes === 1
  }

  /** Copies of the stored specs of these runs (in the order asked), for a rerun. */
  rerunSpecs(runIds: readonly string[]): RunSpec[] {
    const select = this.db.prepare(`SELECT spec_json FROM runs WHERE id = ?`)
    return runIds.map((runId) => {
      const row = select.get(runId) as { spec_json: string } | undefined
      if (!row) throw new Error(`no run with id ${runId}`)
      return JSON.parse(row.spec_json) as RunSpec
    })
  }

  /**
   * Creates a new experiment with queued copies of the given runs' specs (default: every run of
   * `experimentId`), named "<name> (rerun)" and carrying over preset and tags.
   */
  rerunExperiment(
    experimentId: string,
    options: { runIds?: string[]; name?: string } = {},
  ): CreatedExperiment {
    const experiment = this.getExperiment(experimentId)
    if (!experiment) throw new Error(`no experiment with id ${experimentId}`)
    const runIds =
      options.runIds ??
      (
        this.db.prepare(`SELECT id FROM runs WHERE experiment_id = ? ORDER BY ordinal`).all(experimentId) as {
          id: string
        }[]
      ).map((row) => row.id)
    return this.createExperiment({
      name: options.name ?? `${experiment.name} (rerun)`,
      preset: experiment.preset,
      tags: experiment.tags,
      specs: this.rerunSpecs(runIds),
    })
  }

  // ---------------------------------------------------------------- archives and CSV

  /** Writes the selected experiments (default all) with their runs to a `.lrolab` archive. */
  exportArchive(outPath: string, experimentIds?: readonly string[]): ExportReport {
    return exportArchive(this.db, outPath, experimentIds)
  }

  /**
   * Checks an archive (read-only) and merges it in one transaction, skipping rows whose id
   * already exists. Throws `ArchiveError` naming the problem and leaves this store unchanged.
   */
  importArchive(archivePath: string): ImportReport {
    const report = importArchive(this.db, archivePath)
    this.checkpointer.afterWrite()
    return report
  }

  /** The run table (filtered like `listRuns`, all pages unless `limit` is set) as RFC 4180 CSV. */
  runsCsv(filter: RunFilter = {}): string {
    return runsCsv(this.iterateRuns(filter))
  }

  /** One run's time series as RFC 4180 CSV; throws when the run has no result. */
  seriesCsv(runId: string): string {
    const run = this.getRun(runId)
    if (!run) throw new Error(`no run with id ${runId}`)
    if (!run.result) throw new Error(`run ${runId} has no result (status ${run.status})`)
    return seriesCsv(run.result.series)
  }
}
