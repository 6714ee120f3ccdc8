/**
 * What an archive holds must be what this build could have written: every run's spec passes the
 * engine's own schema, every parameter set's values pass the registry's checks, and every series
 * blob has the sample count its result records. An archive that breaks any of these is refused,
 * naming the row and the field, before anything is merged (a spec with durationS 1e6 or MTU 100000
 * would otherwise be rerun as is, and a short series blob would make getRun fail later).
 */
import { parseRunSpec } from '../../engine/experiments/spec'
import { parseScopedId } from '../../engine/params/environment-scoped'
import { parameterRegistry } from '../../engine/params/registry'
import { parameterValueProblem } from '../../engine/params/value-check'
import type { SqliteDatabase } from './open-database'

/** The first problem of the archive's contents, or null when it has none. */
export function archiveContentProblem(archive: SqliteDatabase): string | null {
  for (const row of archive.prepare(`SELECT id, spec_json FROM runs`).iterate() as IterableIterator<{
    id: string
    spec_json: string
  }>) {
    const parsed = parseRunSpec(JSON.parse(row.spec_json))
    if (!parsed.ok) return `run ${row.id}: spec.${parsed.issues[0].path}: ${parsed.issues[0].message}`
  }
  for (const row of archive
    .prepare(`SELECT name, values_json FROM parameter_sets`)
    .iterate() as IterableIterator<{
    name: string
    values_json: string
  }>) {
    const problem = parameterSetProblem(JSON.parse(row.values_json) as unknown)
    if (problem !== null) return `parameter set "${row.name}": ${problem}`
  }
  const series = archive.prepare(
    `SELECT s.run_id AS runId, s.name AS name, length(s.samples) AS bytes, r.sample_count AS samples
       FROM run_series s JOIN results r ON r.run_id = s.run_id`,
  )
  for (const row of series.iterate() as IterableIterator<{
    runId: string
    name: string
    bytes: number
    samples: number
  }>) {
    if (row.bytes !== row.samples * Float64Array.BYTES_PER_ELEMENT) {
      return `run ${row.runId}: series ${row.name} holds ${row.bytes} bytes, its result records ${row.samples} samples`
    }
  }
  return null
}

function parameterSetProblem(values: unknown): string | null {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    return 'values are not an object'
  for (const [key, value] of Object.entries(values)) {
    let id: string
    try {
      id = parseScopedId(key)?.id ?? key
    } catch (error) {
      return (error as Error).message
    }
    const spec = parameterRegistry.get(id)
    if (!spec) return `unknown parameter id "${id}"`
    if (typeof value !== 'number') return `${id}: not a number`
    const problem = parameterValueProblem(spec, value)
    if (problem !== null) return problem
  }
  return null
}
