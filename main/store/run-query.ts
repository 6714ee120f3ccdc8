import type { RunFilter, RunSortKey } from './types'

/** A WHERE clause with its bound parameters. Values are never spliced into SQL text. */
export interface SqlCondition {
  where: string
  params: unknown[]
}

/** The default and largest page of the run list. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 10_000

// Whitelisted ORDER BY expressions: the sort key picks one of these, user text never reaches SQL.
const SORT_COLUMNS: Record<RunSortKey, string> = {
  created: 'r.created_ms',
  started: 'r.started_ms',
  finished: 'r.finished_ms',
  config: 'r.config',
  mtu: 'r.mtu',
  messageSize: 'r.message_size',
  status: 'r.status',
  throughput: 'res.throughput_mbps',
  lroRate: 'res.lro_rate',
  clk: 'res.clk',
  experiment: 'e.name',
}

const NEWEST_FIRST_KEYS: ReadonlySet<RunSortKey> = new Set(['created', 'started', 'finished'])

/** Escapes `%`, `_` and `\` so user text matches literally inside `LIKE ? ESCAPE '\'`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ')
}

/**
 * Builds the WHERE clause of the run list over `runs r JOIN experiments e`. Tag and text filters
 * look at both the run's and its experiment's tags.
 */
export function runCondition(filter: RunFilter): SqlCondition {
  const clauses: string[] = []
  const params: unknown[] = []
  const equals = (column: string, value: unknown): void => {
    clauses.push(`${column} = ?`)
    params.push(value)
  }
  // One value or a list; an empty list matches nothing.
  const oneOf = <T>(column: string, value: T | T[]): void => {
    const values = Array.isArray(value) ? value : [value]
    clauses.push(values.length === 0 ? '0' : `${column} IN (${placeholders(values.length)})`)
    params.push(...values)
  }
  if (filter.experimentId !== undefined) equals('r.experiment_id', filter.experimentId)
  if (filter.config !== undefined) oneOf('r.config', filter.config)
  if (filter.status !== undefined) oneOf('r.status', filter.status)
  if (filter.mtu !== undefined) equals('r.mtu', filter.mtu)
  if (filter.messageSize !== undefined) equals('r.message_size', filter.messageSize)
  if (filter.env !== undefined) equals('r.env', filter.env)
  if (filter.paramSetName !== undefined) equals('r.param_set_name', filter.paramSetName)
  for (const [id, value] of Object.entries(filter.params ?? {})) {
    // The id goes into a bound JSON path, quoted as one key: dots in it are not path steps.
    clauses.push(`json_extract(r.spec_json, ?) = ?`)
    params.push(`$.params."${id.replace(/["\\]/g, '')}"`, value)
  }
  if (filter.ids !== undefined) {
    clauses.push(filter.ids.length === 0 ? '0' : `r.id IN (SELECT value FROM json_each(?))`)
    if (filter.ids.length > 0) params.push(JSON.stringify(filter.ids))
  }
  if (filter.tag !== undefined) {
    // PERF: IN (subquery on the tag index) instead of a correlated EXISTS per run.
    clauses.push(
      `(r.id IN (SELECT run_id FROM run_tags WHERE tag = ?)
        OR r.experiment_id IN (SELECT experiment_id FROM experiment_tags WHERE tag = ?))`,
    )
    params.push(filter.tag, filter.tag)
  }
  if (filter.text !== undefined && filter.text !== '') {
    const pattern = likePattern(filter.text)
    // PERF: match the few experiments once, then test each run's own notes only.
    clauses.push(
      `(r.experiment_id IN (SELECT e2.id FROM experiments e2 WHERE e2.name LIKE ? ESCAPE '\\' OR e2.notes LIKE ? ESCAPE '\\'
          OR e2.id IN (SELECT experiment_id FROM experiment_tags WHERE tag LIKE ? ESCAPE '\\'))
        OR r.id IN (SELECT id FROM runs WHERE notes <> '' AND notes LIKE ? ESCAPE '\\')
        OR r.id IN (SELECT run_id FROM run_tags WHERE tag LIKE ? ESCAPE '\\'))`,
    )
    params.push(pattern, pattern, pattern, pattern, pattern)
  }
  return { where: clauses.length === 0 ? '1' : clauses.join(' AND '), params }
}

// Columns that are never NULL: ordering by them needs no NULLS-last term, so an index can serve it.
const NOT_NULL_SORT_KEYS: ReadonlySet<RunSortKey> = new Set([
  'created',
  'config',
  'mtu',
  'messageSize',
  'status',
  'experiment',
])

/** ORDER BY for the run list: the chosen key, then creation order for a stable page boundary. */
export function runOrderBy(filter: RunFilter): string {
  const key = filter.sort ?? 'created'
  const column = SORT_COLUMNS[key]
  if (column === undefined) throw new RangeError(`unknown sort key "${String(key)}"`)
  const order = filter.order ?? (NEWEST_FIRST_KEYS.has(key) ? 'desc' : 'asc')
  if (order !== 'asc' && order !== 'desc') throw new RangeError(`unknown sort order "${String(order)}"`)
  const direction = order === 'desc' ? 'DESC' : 'ASC'
  // NULLs (runs without a result or not started) go last in both directions. The tie-break runs
  // in the same direction as the key so one index scan serves both (see schema.ts).
  const nullsLast = NOT_NULL_SORT_KEYS.has(key) ? '' : ' NULLS LAST'
  const tieBreak = ['r.created_ms', 'r.experiment_id', 'r.ordinal', 'r.id'].map(
    (term) => `${term} ${direction}`,
  )
  return [`${column} ${direction}${nullsLast}`, ...(key === 'created' ? tieBreak.slice(1) : tieBreak)].join(
    ', ',
  )
}

/** The results column of a metric sort key (`throughput`, `lroRate`, `clk`), else null. */
export function metricSortColumn(filter: RunFilter): string | null {
  const key = filter.sort ?? 'created'
  return key === 'throughput' || key === 'lroRate' || key === 'clk' ? SORT_COLUMNS[key] : null
}

/** The joins a run query needs beyond `runs r`: experiments for names and text, results for metric sorts. */
export function runJoins(filter: RunFilter): string {
  const key = filter.sort ?? 'created'
  const needsExperiment = key === 'experiment'
  const needsResult = key === 'throughput' || key === 'lroRate' || key === 'clk'
  return [
    needsExperiment ? 'JOIN experiments e ON e.id = r.experiment_id' : '',
    needsResult ? 'LEFT JOIN results res ON res.run_id = r.id' : '',
  ].join(' ')
}

/** LIMIT and OFFSET, clamped to sane bounds. */
export function runPage(filter: RunFilter): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_PAGE_SIZE), 0), MAX_PAGE_SIZE)
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0)
  return { limit, offset }
}
