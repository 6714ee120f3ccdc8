/**
 * Runs a command's whole plan, or with --shard K/N --out FILE one deterministic slice of it under
 * ids derived from the plan (main/services/shard-plan.ts), recorded in a store of its own and
 * written to FILE as an archive. Shared by `sweep` and `sensitivity`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunSpec } from '../../engine/experiments/spec'
import { parseShard, planIdentity, shardPositions, type Shard } from '../services/shard-plan'
import { RunStore } from '../store/run-store'
import type { JobOutcome } from '../workers/job-pool'
import { UsageError, type CliIo } from './command'
import { storePathFromFlags } from './record'
import { runSpecsOnPool, type PoolRunOptions } from './run-specs-on-pool'

/** Where a plan's runs go: a store (or none), or a shard archive. */
export type PlanStore =
  { kind: 'store'; dbPath: string | undefined } | { kind: 'shard'; shard: Shard; out: string }

/** Reads --db, --no-store, --shard and --out. */
export function planStoreFromFlags(values: {
  db?: unknown
  'no-store'?: unknown
  shard?: unknown
  out?: unknown
}): PlanStore {
  if (values.out !== undefined && values.shard === undefined)
    throw new UsageError('--out writes a shard: give --shard K/N (1/1 for the whole plan)')
  if (values.shard === undefined)
    return { kind: 'store', dbPath: storePathFromFlags(values.db, values['no-store']) }
  if (typeof values.out !== 'string')
    throw new UsageError('--shard needs --out FILE (the archive the shard writes)')
  if (values.db !== undefined) throw new UsageError('--shard writes to --out, not to --db')
  try {
    return { kind: 'shard', shard: parseShard(String(values.shard)), out: values.out }
  } catch (error) {
    throw new UsageError(`--shard: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The runs of a plan that ran here: their specs, outcomes and plan positions, in plan order. */
export interface PlanRun {
  specs: RunSpec[]
  positions: number[]
  outcomes: JobOutcome[]
  isInterrupted: boolean
  shard: Shard | null
  /** The store the runs were recorded in (undefined for none or a shard's temporary one). */
  dbPath: string | undefined
}

/** Runs the plan (or its shard). */
export async function runPlanOnPool(
  io: CliIo,
  planSpecs: readonly RunSpec[],
  options: Omit<PoolRunOptions, 'dbPath' | 'identity'> & { store: PlanStore },
): Promise<PlanRun> {
  const shard = options.store.kind === 'shard' ? options.store.shard : null
  const positions = shard ? shardPositions(planSpecs.length, shard) : planSpecs.map((_, position) => position)
  const specs = positions.map((position) => planSpecs[position])
  const identity = shard ? planIdentity(options.experimentName, planSpecs) : null
  // A shard records into a store of its own, exported to --out when it ends.
  const shardDir = shard ? mkdtempSync(join(tmpdir(), 'labbench-shard-')) : null
  const dbPath = shardDir
    ? join(shardDir, 'shard.sqlite')
    : options.store.kind === 'store'
      ? options.store.dbPath
      : undefined
  try {
    const { outcomes, isInterrupted } = await runSpecsOnPool(io, specs, {
      ...options,
      title: shard ? `${options.title}, shard ${shard.index}/${shard.count}` : options.title,
      dbPath,
      identity: identity
        ? {
            experimentId: identity.experimentId,
            runIds: positions.map(identity.runIdOf),
            ordinals: positions,
          }
        : undefined,
    })
    if (options.store.kind === 'shard' && dbPath) {
      const store = RunStore.open(dbPath)
      try {
        const report = store.exportArchive(options.store.out)
        io.err(
          `${options.label}: shard ${options.store.shard.index}/${options.store.shard.count}: wrote ${report.runs} of ${planSpecs.length} runs to ${options.store.out}`,
        )
      } finally {
        store.close()
      }
    }
    return { specs, positions, outcomes, isInterrupted, shard, dbPath: shard ? undefined : dbPath }
  } finally {
    if (shardDir) rmSync(shardDir, { recursive: true, force: true })
  }
}
