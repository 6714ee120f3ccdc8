import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { CONFIGURATIONS, type Configuration } from '../../engine/experiments/spec'
import { parseParameterValue } from '../../engine/experiments/parameter-axes'
import { defaultRunStorePath } from '../platform/data-dir'
import { RunStore } from '../store/run-store'
import { RUN_SORT_KEYS, RUN_STATUSES, type RunFilter, type RunSortKey, type RunStatus } from '../store/types'
import { UsageError } from './command'
import { wholeNumberFlag } from './number-flags'

/** Flags shared by the commands that filter the run list (`history list`, `csv`). */
export const RUN_FILTER_OPTIONS = {
  config: { type: 'string', multiple: true },
  mtu: { type: 'string' },
  msg: { type: 'string' },
  tag: { type: 'string' },
  status: { type: 'string', multiple: true },
  text: { type: 'string' },
  experiment: { type: 'string' },
  param: { type: 'string', multiple: true },
  limit: { type: 'string' },
  offset: { type: 'string' },
  sort: { type: 'string' },
  asc: { type: 'boolean' },
  desc: { type: 'boolean' },
} as const

/** Usage lines for `RUN_FILTER_OPTIONS`. */
export const RUN_FILTER_USAGE = `  --config C           linux|xen|plro|vlro|pvlro (repeatable)
  --mtu N              physical MTU, bytes
  --msg N              message size, bytes
  --tag T              runs tagged T (or whose experiment is)
  --status S           queued|running|done|failed|cancelled|interrupted (repeatable)
  --text T             substring of experiment name, notes or tags
  --experiment ID      runs of one experiment
  --param ID=VALUE     runs that set parameter ID to VALUE, units allowed (repeatable; a swept axis)
  --sort KEY           ${RUN_SORT_KEYS.join('|')} (default created)
  --asc | --desc       sort order (default: newest first for times, else ascending)
  --limit N            page size (default 100, at most 10000)
  --offset N           skip N runs`

/** Builds a run filter from the `RUN_FILTER_OPTIONS` flags. */
export function runFilterFromFlags(values: Record<string, unknown>): RunFilter {
  const filter: RunFilter = {}
  const configs = values.config as string[] | undefined
  if (configs) {
    for (const config of configs) {
      if (!(CONFIGURATIONS as readonly string[]).includes(config)) {
        throw new UsageError(`--config: "${config}" is not one of ${CONFIGURATIONS.join('|')}`)
      }
    }
    filter.config = configs as Configuration[]
  }
  const statuses = values.status as string[] | undefined
  if (statuses) {
    for (const status of statuses) {
      if (!(RUN_STATUSES as readonly string[]).includes(status)) {
        throw new UsageError(`--status: "${status}" is not one of ${RUN_STATUSES.join('|')}`)
      }
    }
    filter.status = statuses as RunStatus[]
  }
  filter.mtu = wholeNumberFlag('mtu', values.mtu)
  filter.messageSize = wholeNumberFlag('msg', values.msg)
  filter.limit = wholeNumberFlag('limit', values.limit, 1, 10_000)
  filter.offset = wholeNumberFlag('offset', values.offset)
  if (values.tag !== undefined) filter.tag = String(values.tag)
  if (values.text !== undefined) filter.text = String(values.text)
  if (values.experiment !== undefined) filter.experimentId = String(values.experiment)
  for (const text of (values.param as string[] | undefined) ?? []) {
    try {
      const { id, value } = parseParameterValue(text)
      filter.params = { ...filter.params, [id]: value }
    } catch (error) {
      throw new UsageError(`--param: ${(error as Error).message}`)
    }
  }
  if (values.sort !== undefined) {
    if (!(RUN_SORT_KEYS as readonly string[]).includes(String(values.sort))) {
      throw new UsageError(`--sort: "${String(values.sort)}" is not one of ${RUN_SORT_KEYS.join('|')}`)
    }
    filter.sort = values.sort as RunSortKey
  }
  if (values.asc && values.desc) throw new UsageError('--asc and --desc exclude each other')
  if (values.asc) filter.order = 'asc'
  if (values.desc) filter.order = 'desc'
  for (const key of Object.keys(filter) as (keyof RunFilter)[])
    if (filter[key] === undefined) delete filter[key]
  return filter
}

/** A run store file the CLI cannot use. Printed as one line, exit code 1. */
export class MissingStoreError extends Error {
  constructor(filePath: string) {
    super(
      `no run store at ${filePath} (run and sweep record there unless given --no-store; --db FILE names another store)`,
    )
    this.name = 'MissingStoreError'
  }
}

/** The store a command uses: `--db FILE`, else the user's data folder (as the app does). */
export function cliStorePath(dbFlag: unknown): string {
  return typeof dbFlag === 'string' && dbFlag !== '' ? dbFlag : defaultRunStorePath()
}

/**
 * Opens the store named by `--db` (default: the user's data folder). Never marks runs as
 * interrupted: the app may be running them right now. `create` makes the file if missing.
 */
export function openCliStore(dbFlag: unknown, create: boolean): RunStore {
  const filePath = cliStorePath(dbFlag)
  if (!existsSync(filePath)) {
    if (!create) throw new MissingStoreError(filePath)
    mkdirSync(dirname(filePath), { recursive: true })
  }
  return RunStore.open(filePath, { recoverInterrupted: false })
}
