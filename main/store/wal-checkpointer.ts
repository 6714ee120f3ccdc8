import { statSync } from 'node:fs'
import type { SqliteDatabase } from './open-database'

/**
 * Moves WAL checkpoints off the per-run write path. SQLite's automatic checkpoint (every 1000
 * pages) runs inside whichever commit crosses the mark and fsyncs the database there, which made
 * one `storeResult` in eight take 20-45 ms instead of ~2 ms (docs/BENCHMARKS.md, "Store").
 * Instead: checkpoint once writes have paused for `idleMs`, or at once when the WAL outgrows
 * `maxWalBytes`, and always at close.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: SqliteDatabase,
    /** `<db>-wal`, or null for an in-memory database (nothing to checkpoint). */
    private readonly walPath: string | null,
    private readonly idleMs: number,
    private readonly maxWalBytes: number,
  ) {
    // PERF: see the class comment; readers are unaffected, the WAL just grows until the pause.
    if (walPath) db.pragma('wal_autocheckpoint = 0')
  }

  /** Call after a commit: checkpoints now if the WAL is too large, else after the next pause. */
  afterWrite(): void {
    if (!this.walPath) return
    let walBytes = 0
    try {
      walBytes = statSync(this.walPath).size
    } catch {
      return
    }
    if (walBytes > this.maxWalBytes) {
      this.checkpoint()
      return
    }
    if (this.idleMs <= 0) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.checkpoint(), this.idleMs)
    // The pending checkpoint must never keep a finished CLI process alive.
    this.timer.unref()
  }

  /** Copies committed WAL pages into the database without waiting for readers (PASSIVE). */
  checkpoint(): void {
    this.cancel()
    if (this.db.open && this.walPath) this.db.pragma('wal_checkpoint(PASSIVE)')
  }

  /** Drops a pending idle checkpoint (before close, which checkpoints anyway). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
