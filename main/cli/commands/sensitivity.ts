/**
 * `labbench sensitivity --params ID,... --metric M [--method morris|sobol]`: which parameters drive
 * a metric, from the model. Each parameter moves over its plausible range (the literature range
 * the calibrator uses, an identified parameter's test-bed range, else its declared range; log scale
 * where the range is positive); every point runs with the same seed, so effects are not confounded
 * with random variation (common random numbers).
 */
import {
  analyseSensitivity,
  planSensitivity,
  SENSITIVITY_METRICS,
  type SensitivityMetric,
  type SensitivityPlan,
  type SensitivityRequestInput,
  type SensitivityResult,
  type SensitivityRunValues,
} from '../../../engine/analysis/sensitivity-plan'
import type { FreeParameter } from '../../../engine/calibration/calibrate'
import { MAX_RUNS_PER_EXPERIMENT } from '../../../engine/experiments/limits'
import type { RunResult } from '../../../engine/index'
import { defaultThreadCount } from '../../workers/job-pool'
import { UsageError, type CliCommand } from '../command'
import { jbbLevelFlag, numberFlag, wholeNumberFlag } from '../number-flags'
import { commaList, parseFlags } from '../parse-flags'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunSpec } from '../../../engine/experiments/spec'
import { canonicalJson } from '../../store/canonical-json'
import { RunStore } from '../../store/run-store'
import { planStoreFromFlags, runPlanOnPool } from '../run-plan-on-pool'

const USAGE = `Usage: npm run -s labbench -- sensitivity --params ID,ID,... --metric METRIC [options]

Ranks parameters by their influence on a metric over their plausible ranges.

  morris  elementary effects: mu* (mean absolute effect, in metric units over the whole range),
          mu (signed) and sigma (spread: interactions or curvature); R (k + 1) runs
  sobol   first-order and total variance shares with bootstrap 95 % intervals; N (k + 2) runs

Options:
  --params LIST        registry parameter ids (or ENV:id for a test bed's identified one)
  --metric M           ${SENSITIVITY_METRICS.join(' | ')} (default throughputMbps)
  --method M           morris (default) | sobol
  --trajectories R     Morris trajectories (default 10)
  --samples N          Sobol base sample size (default 64)
  --config C           configuration of every run (default vlro)
  --env E              direct-2009 (default) | switched-2008
  --mtu N              MTU (default 1500)
  --msg N              message size (default 16384)
  --jbb L              SPECjbb load (default off)
  --duration S         measured simulated seconds per run (default 0.5)
  --warmup S           warm-up seconds per run (default 0.2)
  --seed N             design and run seed (default 1)
  --jobs N             worker threads (default: cores - 1, at least 1)
  --json               print the indices as JSON
  --db FILE / --no-store  where to record the runs (default: the app's data folder)
  --shard K/N --out F  run only every N-th run of the analysis and write them to the archive F
  --from A [B ...]     compute the indices from the archives of the shards instead of running
                       (give the same analysis options as the shards)`

const OPTIONS = {
  params: { type: 'string' },
  metric: { type: 'string' },
  method: { type: 'string' },
  trajectories: { type: 'string' },
  samples: { type: 'string' },
  config: { type: 'string' },
  env: { type: 'string' },
  mtu: { type: 'string' },
  msg: { type: 'string' },
  jbb: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string' },
  jobs: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  'no-store': { type: 'boolean' },
  shard: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string', multiple: true },
} as const

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '-'
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3)
}

function rangeText(parameter: FreeParameter): string {
  return `${formatNumber(parameter.min)}..${formatNumber(parameter.max)}${parameter.isLog ? ' (log)' : ''}`
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  )
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** The indices as a table, most influential first (Morris by mu*, Sobol by total index). */
export function formatSensitivityTable(
  parameters: readonly FreeParameter[],
  result: SensitivityResult,
): string {
  const rangeOf = (id: string) =>
    rangeText(parameters.find((parameter) => parameter.id === id) as FreeParameter)
  const interval = (estimate: { value: number; low: number; high: number }) =>
    `${estimate.value.toFixed(3)} [${estimate.low.toFixed(3)}, ${estimate.high.toFixed(3)}]`
  if (result.method === 'morris')
    return table(
      ['rank', 'parameter', 'range', 'mu*', 'mu', 'sigma', 'effects'],
      result.ranked.map((index, rank) =>
        index.method === 'morris'
          ? [
              String(rank + 1),
              index.id,
              rangeOf(index.id),
              formatNumber(index.muStar),
              formatNumber(index.mu),
              formatNumber(index.sigma),
              String(index.effects),
            ]
          : [],
      ),
    )
  return table(
    ['rank', 'parameter', 'range', 'first-order S [95%]', 'total ST [95%]'],
    result.ranked.map((index, rank) =>
      index.method === 'sobol'
        ? [String(rank + 1), index.id, rangeOf(index.id), interval(index.first), interval(index.total)]
        : [],
    ),
  )
}

/** `labbench sensitivity`. */
export const sensitivityCommand: CliCommand = {
  name: 'sensitivity',
  summary: 'Rank parameters by their influence on a metric (Morris or Sobol)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, OPTIONS, true)
    if (positionals.length > 0 && values.from === undefined)
      throw new UsageError(`unexpected argument "${positionals[0]}" (archives follow --from)`)
    const archives = [...(values.from ?? []), ...positionals]
    if (archives.length > 0 && values.shard !== undefined)
      throw new UsageError('--from and --shard exclude each other')
    const ids = commaList(values.params ?? '')
    if (ids.length === 0) throw new UsageError('--params: give at least one parameter id')
    const metric = values.metric ?? 'throughputMbps'
    if (!(SENSITIVITY_METRICS as readonly string[]).includes(metric))
      throw new UsageError(`--metric: one of ${SENSITIVITY_METRICS.join(', ')}`)
    const method = values.method ?? 'morris'
    if (method !== 'morris' && method !== 'sobol') throw new UsageError('--method: morris or sobol')
    const threadCount = wholeNumberFlag('jobs', values.jobs, 1, 256) ?? defaultThreadCount()
    let plan: SensitivityPlan
    try {
      plan = planSensitivity({
        params: ids,
        metric: metric as SensitivityMetric,
        method,
        trajectories: wholeNumberFlag('trajectories', values.trajectories, 2, 1000),
        samples: wholeNumberFlag('samples', values.samples, 2, 100_000),
        config: values.config as SensitivityRequestInput['config'],
        env: values.env as SensitivityRequestInput['env'],
        mtu: wholeNumberFlag('mtu', values.mtu, 1, 65535),
        messageSize: wholeNumberFlag('msg', values.msg, 1, 1_048_576),
        jbb: values.jbb === undefined ? undefined : jbbLevelFlag('jbb', values.jbb),
        durationS: numberFlag('duration', values.duration, 'positive'),
        warmupS: numberFlag('warmup', values.warmup, 'non-negative'),
        seed: wholeNumberFlag('seed', values.seed, 0, 4_294_967_295),
      })
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error))
    }
    const specs = plan.specs
    if (specs.length > MAX_RUNS_PER_EXPERIMENT)
      throw new UsageError(`${specs.length} runs is more than ${MAX_RUNS_PER_EXPERIMENT}; fewer samples`)

    // Plan-order metric values of every run: from archives of its shards, or run here.
    let runValues: SensitivityRunValues[]
    let hasFailures = false
    if (archives.length > 0) {
      runValues = planValuesFromArchives(archives, plan.name, specs)
      const missing = runValues.filter((entry) => entry === null).length
      if (missing > 0)
        io.err(`sensitivity: ${missing} of ${specs.length} runs are not in the archives (left out)`)
    } else {
      const run = await runPlanOnPool(io, specs, {
        label: 'sensitivity',
        title: `${method} of ${metric} over ${ids.length} parameter(s)`,
        threadCount,
        experimentName: plan.name,
        presetId: null,
        store: planStoreFromFlags(values),
        analysis: plan.request,
      })
      if (run.isInterrupted) return 1
      // A shard only contributes runs: the indices come from all shards (--from).
      if (run.shard) return 0
      runValues = run.outcomes.map((outcome) =>
        outcome.status === 'done' ? (outcome.result as RunResult) : null,
      )
      hasFailures = run.outcomes.some((outcome) => outcome.status === 'failed')
    }
    const result = analyseSensitivity(plan, runValues)
    io.out(
      values.json === true
        ? JSON.stringify(result.ranked.map(({ method: _method, ...index }) => index))
        : formatSensitivityTable(plan.parameters, result),
    )
    return hasFailures ? 1 : 0
  },
}

/**
 * The metrics of an analysis's runs, by plan position, from the archives of its shards: merged in a
 * temporary store, the one experiment of that name, each run checked against the plan's spec at
 * its ordinal (archives of another analysis are refused).
 */
function planValuesFromArchives(
  archives: readonly string[],
  experimentName: string,
  planSpecs: readonly RunSpec[],
): SensitivityRunValues[] {
  const directory = mkdtempSync(join(tmpdir(), 'labbench-sensitivity-'))
  const store = RunStore.open(join(directory, 'merged.sqlite'))
  try {
    for (const archive of archives) {
      try {
        store.importArchive(archive)
      } catch (error) {
        throw new UsageError(`--from ${archive}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    const experiment = store
      .listExperiments({ limit: 1000 })
      .items.find((record) => record.name === experimentName)
    if (!experiment)
      throw new UsageError(
        `--from: no runs of "${experimentName}" in the archives (same --params, --metric, --method?)`,
      )
    const values: SensitivityRunValues[] = planSpecs.map(() => null)
    for (const run of store.listRuns({ experimentId: experiment.id, limit: 100_000 }).items) {
      if (canonicalJson(run.spec) !== canonicalJson(planSpecs[run.ordinal]))
        throw new UsageError(
          `--from: run ${run.ordinal} of the archives is not this analysis's (other options: --config, --seed, --duration, ...?)`,
        )
      if (run.status === 'done' && run.metrics) values[run.ordinal] = run.metrics
    }
    return values
  } finally {
    store.close()
    rmSync(directory, { recursive: true, force: true })
  }
}
