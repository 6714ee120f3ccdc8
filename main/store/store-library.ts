import { randomUUID } from 'node:crypto'
import type { SqliteDatabase } from './open-database'
import type {
  ComparisonViewInput,
  ComparisonViewRecord,
  ParameterSetInput,
  ParameterSetRecord,
} from './types'

interface ParameterSetRow {
  name: string
  values_json: string
  provenance_json: string
  created_ms: number
}

interface ComparisonViewRow {
  id: string
  name: string
  run_ids_json: string
  baseline_run_id: string | null
  options_json: string
  created_ms: number
}

function parameterSetFromRow(row: ParameterSetRow): ParameterSetRecord {
  return {
    name: row.name,
    values: JSON.parse(row.values_json) as Record<string, number>,
    provenance: JSON.parse(row.provenance_json) as Record<string, unknown>,
    createdMs: row.created_ms,
  }
}

function comparisonViewFromRow(row: ComparisonViewRow): ComparisonViewRecord {
  return {
    id: row.id,
    name: row.name,
    runIds: JSON.parse(row.run_ids_json) as string[],
    baselineRunId: row.baseline_run_id,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    createdMs: row.created_ms,
  }
}

/** Named parameter sets and saved comparison views: the user's reusable building blocks. */
export class StoreLibrary {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly nowMs: () => number,
  ) {}

  /** Saves (or replaces, keeping its creation time) a named parameter set. */
  saveParameterSet(input: ParameterSetInput): ParameterSetRecord {
    if (input.name.trim() === '') throw new RangeError('a parameter set needs a name')
    this.db
      .prepare(
        `INSERT INTO parameter_sets (name, values_json, provenance_json, created_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET values_json = excluded.values_json, provenance_json = excluded.provenance_json`,
      )
      .run(
        input.name,
        JSON.stringify(input.values),
        JSON.stringify(input.provenance ?? {}),
        Math.round(this.nowMs()),
      )
    return this.getParameterSet(input.name) as ParameterSetRecord
  }

  /** One parameter set by name, or null. */
  getParameterSet(name: string): ParameterSetRecord | null {
    const row = this.db.prepare(`SELECT * FROM parameter_sets WHERE name = ?`).get(name) as
      ParameterSetRow | undefined
    return row ? parameterSetFromRow(row) : null
  }

  /** Every parameter set, by name. */
  listParameterSets(): ParameterSetRecord[] {
    return (this.db.prepare(`SELECT * FROM parameter_sets ORDER BY name`).all() as ParameterSetRow[]).map(
      parameterSetFromRow,
    )
  }

  /** Deletes a parameter set; runs keep their own copy of the values in their spec. */
  deleteParameterSet(name: string): boolean {
    return this.db.prepare(`DELETE FROM parameter_sets WHERE name = ?`).run(name).changes === 1
  }

  /** Saves a comparison view; pass `id` to replace an existing one. */
  saveComparisonView(input: ComparisonViewInput): ComparisonViewRecord {
    const id = input.id ?? randomUUID()
    if (input.baselineRunId && !input.runIds.includes(input.baselineRunId)) {
      throw new RangeError('the baseline must be one of the compared runs')
    }
    this.db
      .prepare(
        `INSERT INTO comparison_views (id, name, run_ids_json, baseline_run_id, options_json, created_ms)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, run_ids_json = excluded.run_ids_json,
           baseline_run_id = excluded.baseline_run_id, options_json = excluded.options_json`,
      )
      .run(
        id,
        input.name,
        JSON.stringify(input.runIds),
        input.baselineRunId ?? null,
        JSON.stringify(input.options ?? {}),
        Math.round(this.nowMs()),
      )
    return this.getComparisonView(id) as ComparisonViewRecord
  }

  /** One saved view, or null. Its run ids may name runs deleted since. */
  getComparisonView(id: string): ComparisonViewRecord | null {
    const row = this.db.prepare(`SELECT * FROM comparison_views WHERE id = ?`).get(id) as
      ComparisonViewRow | undefined
    return row ? comparisonViewFromRow(row) : null
  }

  /** Every saved view, newest first. */
  listComparisonViews(): ComparisonViewRecord[] {
    return (
      this.db
        .prepare(`SELECT * FROM comparison_views ORDER BY created_ms DESC, id`)
        .all() as ComparisonViewRow[]
    ).map(comparisonViewFromRow)
  }

  /** Deletes a saved view. */
  deleteComparisonView(id: string): boolean {
    return this.db.prepare(`DELETE FROM comparison_views WHERE id = ?`).run(id).changes === 1
  }
}
