import type { RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'
import type { RunStore } from '../store/run-store'
import type { NewExperiment } from '../store/types'
import { cliStorePath, openCliStore } from './store-args'
import { UsageError } from './command'

/** One finished run to record: the spec it ran with and what it produced. */
export interface FinishedRun {
  spec: unknown
  result: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Records runs already finished (an experiment whose runs are all `done`, e.g. fixtures and
 * imports of results computed elsewhere). Specs must be validated (`parseRunSpec` output) and
 * results engine `RunResult`s.
 */
export function recordRuns(
  dbPath: string,
  experimentName: string,
  runs: FinishedRun[],
  options: { preset?: string } = {},
): void {
  runs.forEach((run, index) => {
    if (!isRecord(run.spec) || typeof run.spec.config !== 'string') {
      throw new TypeError(`run ${index}: spec is not a validated run spec`)
    }
    if (
      !isRecord(run.result) ||
      typeof run.result.throughputMbps !== 'number' ||
      !isRecord(run.result.series)
    ) {
      throw new TypeError(`run ${index}: result is not a run result`)
    }
  })
  const recorder = RunRecorder.open(dbPath)
  try {
    recorder.startExperiment(
      experimentName,
      runs.map((run) => run.spec as RunSpec),
      options.preset ?? null,
    )
    runs.forEach((run, index) => recorder.storeResult(index, run.result as RunResult))
  } finally {
    recorder.close()
  }
}

/**
 * A run store a CLI command records into as it goes: opened (and checked) before any simulation,
 * so a wrong `--db` file fails at once, and written run by run, so nothing finished is lost when the
 * command is killed.
 */
export class RunRecorder {
  private readonly store: RunStore
  private runIds: string[] = []

  private constructor(store: RunStore) {
    this.store = store
  }

  /** Opens (creating if needed) the store at `dbPath`; throws a one-line error for a foreign file. */
  static open(dbPath: string): RunRecorder {
    try {
      return new RunRecorder(openCliStore(dbPath, true))
    } catch (error) {
      throw new Error(`--db ${dbPath}: not a run store this build can open (${(error as Error).message})`)
    }
  }

  /**
   * Creates the experiment with every run queued, in the order of `specs` (under the ids and
   * ordinals of `identity` for a shard of a larger plan).
   */
  startExperiment(
    name: string,
    specs: readonly RunSpec[],
    preset: string | null = null,
    identity?: NewExperiment['identity'],
    analysis: NewExperiment['analysis'] = null,
  ): void {
    this.runIds = this.store.createExperiment({ name, preset, specs: [...specs], identity, analysis }).runIds
  }

  /** Stores the result of run `index` (one transaction, at once). */
  storeResult(index: number, result: RunResult): void {
    this.store.storeResult(this.runIds[index], result)
  }

  /** Marks run `index` failed with its error. */
  storeFailure(index: number, error: string): void {
    this.store.markFailed(this.runIds[index], error)
  }

  /** Marks every run still queued as cancelled (the command stopped before them), then closes. */
  close(): void {
    try {
      for (const runId of this.runIds) this.store.cancelRun(runId)
    } finally {
      this.store.close()
    }
  }
}

/** Opens the --db store for a command, turning a foreign or unreadable file into a usage error. */
export function openRecorder(dbPath: string): RunRecorder {
  try {
    return RunRecorder.open(dbPath)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/**
 * Where a command records its runs: `--db FILE`, else the app's data folder (as the app does, so
 * `history` finds them), or nowhere with `--no-store`.
 */
export function storePathFromFlags(dbFlag: unknown, noStore: unknown): string | undefined {
  if (noStore === true) {
    if (typeof dbFlag === 'string') throw new UsageError('--db and --no-store exclude each other')
    return undefined
  }
  return cliStorePath(dbFlag)
}
