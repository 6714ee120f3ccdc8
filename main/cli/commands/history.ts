import type { RunStore } from '../../store/run-store'
import type { ExperimentRecord, RunDetail, RunSummary } from '../../store/types'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { RUN_FILTER_OPTIONS, RUN_FILTER_USAGE, openCliStore, runFilterFromFlags } from '../store-args'
import { parseFlags } from '../parse-flags'
import { withStoreErrors } from '../store-command-errors'

const USAGE = `Usage: npm run -s labbench -- history <list|show|tag|note|delete> [options]

Browses and edits the run store (default: runs.sqlite in the user's data folder).

  history list [filters] [--json]     runs, newest first; --json prints a JSON array, one object per run
  history show ID [--json]            one run (spec, metrics) or experiment (with its runs)
  history tag ID TAG... [--remove]    add (or remove) tags on a run or experiment
  history note ID TEXT                replace the notes of a run or experiment
  history delete ID                   delete a run, or an experiment with all its runs

IDs may be shortened to a unique prefix of 6 or more characters.

Options:
  --db FILE            the run store (default: the user's data folder; LROLAB_DATA_DIR overrides)
  --json               machine-readable output
${RUN_FILTER_USAGE}`

const OPTIONS = {
  ...RUN_FILTER_OPTIONS,
  db: { type: 'string' },
  json: { type: 'boolean' },
  remove: { type: 'boolean' },
} as const

function shortId(id: string): string {
  return id.slice(0, 8)
}

function formatNumber(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? '-' : value.toFixed(digits)
}

function runTable(runs: RunSummary[]): string[] {
  const header = [
    'run',
    'exp id',
    'experiment',
    'status',
    'config',
    'mtu',
    'msg',
    'Mb/s',
    'lro',
    'clk',
    'tags',
  ]
  const rows = runs.map((run) => [
    shortId(run.id),
    shortId(run.experimentId),
    run.experimentName.replace(/\s+/g, ' ').slice(0, 32),
    run.status,
    run.config,
    String(run.mtu),
    String(run.messageSize),
    formatNumber(run.metrics?.throughputMbps, 1),
    formatNumber(run.metrics?.lroRate, 2),
    formatNumber(run.metrics?.clk, 3),
    run.tags.join(','),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  )
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  )
}

function requireTarget(store: RunStore, id: string | undefined): { kind: 'experiment' | 'run'; id: string } {
  if (id === undefined) throw new UsageError('an ID (run or experiment) is required')
  const target = store.resolveTarget(id)
  if (!target) throw new Error(`no run or experiment matches "${id}" (or the prefix is ambiguous)`)
  return target
}

function describeRun(run: RunDetail): string[] {
  return [
    `run ${run.id}`,
    `experiment ${run.experimentName} (${run.experimentId})`,
    `status ${run.status}${run.error ? `: ${run.error}` : ''}`,
    `spec ${JSON.stringify(run.spec)}`,
    `parameter set ${run.paramSetName} (${run.paramSetHash.slice(0, 12)}), engine ${run.engineVersion}`,
    run.metrics
      ? `throughput ${formatNumber(run.metrics.throughputMbps, 1)} Mb/s ± ${formatNumber(run.metrics.throughputCi95, 1)}, ` +
        `LRO rate ${formatNumber(run.metrics.lroRate, 2)}, CLK ${formatNumber(run.metrics.clk, 3)}, INST ${formatNumber(run.metrics.inst, 3)}`
      : 'no result',
    `samples ${run.result?.series.timeS.length ?? 0}`,
    `tags ${run.tags.join(', ') || '-'}`,
    `notes ${run.notes || '-'}`,
  ]
}

function describeExperiment(experiment: ExperimentRecord, runs: RunSummary[]): string[] {
  const counts = Object.entries(experiment.runCounts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
  return [
    `experiment ${experiment.id}`,
    `name ${experiment.name}`,
    `preset ${experiment.preset ?? '-'}, created ${new Date(experiment.createdMs).toISOString()}`,
    `runs ${counts.join(', ') || 'none'}`,
    `tags ${experiment.tags.join(', ') || '-'}`,
    `notes ${experiment.notes || '-'}`,
    '',
    ...runTable(runs),
  ]
}

function list(store: RunStore, values: Record<string, unknown>, io: CliIo): number {
  const page = store.listRuns(runFilterFromFlags(values))
  if (values.json) {
    io.out(JSON.stringify(page.items))
    return 0
  }
  io.out([...runTable(page.items), `${page.items.length} of ${page.total} runs`].join('\n'))
  return 0
}

function show(store: RunStore, id: string | undefined, json: boolean, io: CliIo): number {
  const target = requireTarget(store, id)
  if (target.kind === 'run') {
    const run = store.getRun(target.id) as RunDetail
    io.out(json ? JSON.stringify(run) : describeRun(run).join('\n'))
    return 0
  }
  const experiment = store.getExperiment(target.id) as ExperimentRecord
  const runs = store.listRuns({ experimentId: target.id, sort: 'created', limit: 10_000 }).items
  runs.sort((a, b) => a.ordinal - b.ordinal)
  io.out(json ? JSON.stringify({ ...experiment, runs }) : describeExperiment(experiment, runs).join('\n'))
  return 0
}

/** `history`: list, show, tag, annotate and delete stored runs and experiments. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'List, show, tag, annotate or delete stored runs and experiments',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(argv, OPTIONS, true)
    const [action, ...rest] = positionals
    const actions = ['list', 'show', 'tag', 'note', 'delete']
    if (action === undefined || !actions.includes(action)) {
      throw new UsageError(
        `expected one of ${actions.join('|')} after "history"${action ? `, got "${action}"` : ''}`,
      )
    }
    if (action === 'list' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
    if (action === 'tag' && rest.length < 2)
      throw new UsageError('history tag needs an ID and at least one TAG')
    if (action === 'note' && rest.length !== 2)
      throw new UsageError('history note needs an ID and one TEXT (quote it)')
    if ((action === 'show' || action === 'delete') && rest.length !== 1) {
      throw new UsageError(`history ${action} needs exactly one ID`)
    }
    if (values.remove && action !== 'tag') throw new UsageError('--remove applies to history tag only')
    return withStoreErrors('history', io, () => {
      const store = openCliStore(values.db, false)
      try {
        if (action === 'list') return list(store, values, io)
        if (action === 'show') return show(store, rest[0], Boolean(values.json), io)
        const target = requireTarget(store, rest[0])
        if (action === 'tag') {
          if (values.remove) store.tags.remove(target, rest.slice(1))
          else store.tags.add(target, rest.slice(1))
          io.out(`${target.kind} ${target.id} tags: ${store.tags.get(target).join(', ') || '-'}`)
        } else if (action === 'note') {
          store.tags.setNotes(target, rest[1])
          io.out(`${target.kind} ${target.id} notes updated`)
        } else {
          if (target.kind === 'run') store.deleteRun(target.id)
          else store.deleteExperiment(target.id)
          io.out(`deleted ${target.kind} ${target.id}`)
        }
        return 0
      } finally {
        store.close()
      }
    })
  },
}
