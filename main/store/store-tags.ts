import type { SqliteDatabase } from './open-database'

/** What a tag or note is attached to. */
export interface StoreTarget {
  kind: 'experiment' | 'run'
  id: string
}

/** Longest tag, characters. */
export const MAX_TAG_LENGTH = 200

/**
 * Tags and notes of experiments and runs. Tags are stored exactly as given (quotes, SQL
 * fragments, any script), trimmed of surrounding white space; empty tags are refused.
 */
export class StoreTags {
  constructor(private readonly db: SqliteDatabase) {}

  private tables(target: StoreTarget): { tagTable: string; ownerColumn: string; ownerTable: string } {
    // Table names come from this fixed mapping, never from input.
    return target.kind === 'experiment'
      ? { tagTable: 'experiment_tags', ownerColumn: 'experiment_id', ownerTable: 'experiments' }
      : { tagTable: 'run_tags', ownerColumn: 'run_id', ownerTable: 'runs' }
  }

  private requireTarget(target: StoreTarget): void {
    const { ownerTable } = this.tables(target)
    if (!this.db.prepare(`SELECT 1 FROM ${ownerTable} WHERE id = ?`).get(target.id)) {
      throw new Error(`no ${target.kind} with id ${target.id}`)
    }
  }

  /** Validates and trims tags; duplicates collapse to the first. */
  static normalise(tags: readonly string[]): string[] {
    const seen = new Set<string>()
    for (const raw of tags) {
      const tag = raw.trim()
      if (tag === '') throw new RangeError('a tag cannot be empty')
      if (tag.length > MAX_TAG_LENGTH) throw new RangeError(`a tag is at most ${MAX_TAG_LENGTH} characters`)
      seen.add(tag)
    }
    return [...seen]
  }

  /** The tags of an experiment or run, in the order they were added. */
  get(target: StoreTarget): string[] {
    const { tagTable, ownerColumn } = this.tables(target)
    return (
      this.db
        .prepare(`SELECT tag FROM ${tagTable} WHERE ${ownerColumn} = ? ORDER BY position`)
        .all(target.id) as {
        tag: string
      }[]
    ).map((row) => row.tag)
  }

  /** Adds tags (already present ones are kept where they are). */
  add(target: StoreTarget, tags: readonly string[]): void {
    const wanted = StoreTags.normalise(tags)
    const { tagTable, ownerColumn } = this.tables(target)
    this.db.transaction(() => {
      this.requireTarget(target)
      const next = this.db
        .prepare(`SELECT coalesce(max(position) + 1, 0) AS next FROM ${tagTable} WHERE ${ownerColumn} = ?`)
        .get(target.id) as { next: number }
      const insert = this.db.prepare(
        `INSERT INTO ${tagTable} (${ownerColumn}, tag, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      let position = next.next
      for (const tag of wanted) position += insert.run(target.id, tag, position).changes
    })()
  }

  /** Removes tags (absent ones are ignored). */
  remove(target: StoreTarget, tags: readonly string[]): void {
    const { tagTable, ownerColumn } = this.tables(target)
    const remove = this.db.prepare(`DELETE FROM ${tagTable} WHERE ${ownerColumn} = ? AND tag = ?`)
    this.db.transaction(() => {
      this.requireTarget(target)
      for (const tag of tags) remove.run(target.id, tag.trim())
    })()
  }

  /** Replaces all tags. */
  set(target: StoreTarget, tags: readonly string[]): void {
    const wanted = StoreTags.normalise(tags)
    const { tagTable, ownerColumn } = this.tables(target)
    this.db.transaction(() => {
      this.requireTarget(target)
      this.db.prepare(`DELETE FROM ${tagTable} WHERE ${ownerColumn} = ?`).run(target.id)
      this.add(target, wanted)
    })()
  }

  /** The notes of an experiment or run. */
  getNotes(target: StoreTarget): string {
    const { ownerTable } = this.tables(target)
    const row = this.db.prepare(`SELECT notes FROM ${ownerTable} WHERE id = ?`).get(target.id) as
      { notes: string } | undefined
    if (!row) throw new Error(`no ${target.kind} with id ${target.id}`)
    return row.notes
  }

  /** Replaces the notes (free text, stored exactly). */
  setNotes(target: StoreTarget, notes: string): void {
    const { ownerTable } = this.tables(target)
    if (
      this.db.prepare(`UPDATE ${ownerTable} SET notes = ? WHERE id = ?`).run(notes, target.id).changes !== 1
    ) {
      throw new Error(`no ${target.kind} with id ${target.id}`)
    }
  }
}
