/**
 * `labbench sensitivity --params ID,... --metric M [--method morris|sobol]`: which parameters drive
 * a metric, from the model. Each parameter moves over its plausible range (the literature range
 * the calibrator uses, an identified parameter's test-bed range, else its declared range; log scale
 * where the range is positive); every point runs with the same seed, so effects are not confounded
 * with random variation (common random numbers).
 */
import { morrisDesign, morrisIndices, type MorrisIndex } from '../../../engine/analysis/morris'
import { saltelliDesign, sobolIndices, type SobolIndex } from '../../../engine/analysis/sobol'
import { freeParametersFrom, fromNormalised, type FreeParameter } from '../../../engine/calibration/calibrate'
import { MAX_RUNS_PER_EXPERIMENT } from '../../../engine/experiments/limits'
import type { RunResult } from '../../../engine/index'
import { RandomStream } from '../../../engine/kernel/rng'
import { parseScopedId } from '../../../engine/params/environment-scoped'
import { parameterRegistry } from '../../../engine/params/registry'
import { parseSpecInputs } from '../../services/experiment-plan'
import { defaultThreadCount } from '../../workers/job-pool'
import { UsageError, type CliCommand } from '../command'
import { numberFlag, wholeNumberFlag } from '../number-flags'
import { parseFlags } from '../parse-flags'
import { storePathFromFlags } from '../record'
import { runSpecsOnPool } from '../run-specs-on-pool'

/**
 * Run metrics, and `gainOverXenPercent`: the configuration's throughput over Xen's without LRO at
 * the same point and parameters, in percent (each point runs twice, the configuration and xen).
 */
const METRICS = ['throughputMbps', 'lroRate', 'clk', 'inst', 'specjbbScore', 'gainOverXenPercent'] as const
type Metric = (typeof METRICS)[number]

const USAGE = `Usage: npm run -s labbench -- sensitivity --params ID,ID,... --metric METRIC [options]

Ranks parameters by their influence on a metric over their plausible ranges.

  morris  elementary effects: mu* (mean absolute effect, in metric units over the whole range),
          mu (signed) and sigma (spread: interactions or curvature); R (k + 1) runs
  sobol   first-order and total variance shares with bootstrap 95 % intervals; N (k + 2) runs

Options:
  --params LIST        registry parameter ids (or ENV:id for a test bed's identified one)
  --metric M           ${METRICS.join(' | ')} (default throughputMbps)
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
  --db FILE / --no-store  where to record the runs (default: the app's data folder)`

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

/** The Morris table, most influential first (by mu*). */
export function formatMorrisTable(
  parameters: readonly FreeParameter[],
  indices: readonly MorrisIndex[],
): string {
  const ranked = [...indices].sort((left, right) => (right.muStar || 0) - (left.muStar || 0))
  return table(
    ['rank', 'parameter', 'range', 'mu*', 'mu', 'sigma', 'effects'],
    ranked.map((index, rank) => [
      String(rank + 1),
      parameters[index.index].id,
      rangeText(parameters[index.index]),
      formatNumber(index.muStar),
      formatNumber(index.mu),
      formatNumber(index.sigma),
      String(index.effects),
    ]),
  )
}

/** The Sobol table, most influential first (by total index). */
export function formatSobolTable(
  parameters: readonly FreeParameter[],
  indices: readonly SobolIndex[],
): string {
  const interval = (estimate: { value: number; low: number; high: number }) =>
    `${estimate.value.toFixed(3)} [${estimate.low.toFixed(3)}, ${estimate.high.toFixed(3)}]`
  const ranked = [...indices].sort((left, right) => (right.total.value || 0) - (left.total.value || 0))
  return table(
    ['rank', 'parameter', 'range', 'first-order S [95%]', 'total ST [95%]'],
    ranked.map((index, rank) => [
      String(rank + 1),
      parameters[index.index].id,
      rangeText(parameters[index.index]),
      interval(index.first),
      interval(index.total),
    ]),
  )
}

/** `labbench sensitivity`. */
export const sensitivityCommand: CliCommand = {
  name: 'sensitivity',
  summary: 'Rank parameters by their influence on a metric (Morris or Sobol)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(argv, OPTIONS, false)
    const ids = (values.params ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
    if (ids.length === 0) throw new UsageError('--params: give at least one parameter id')
    if (new Set(ids).size !== ids.length) throw new UsageError('--params: a parameter is listed twice')
    let parameters: FreeParameter[]
    try {
      parameters = freeParametersFrom(ids, parameterRegistry)
    } catch (error) {
      throw new UsageError(`--params: ${error instanceof Error ? error.message : String(error)}`)
    }
    const metric = (values.metric ?? 'throughputMbps') as Metric
    if (!METRICS.includes(metric)) throw new UsageError(`--metric: one of ${METRICS.join(', ')}`)
    const method = values.method ?? 'morris'
    if (method !== 'morris' && method !== 'sobol') throw new UsageError('--method: morris or sobol')
    const seed = wholeNumberFlag('seed', values.seed, 0, 4_294_967_295) ?? 1
    const threadCount = wholeNumberFlag('jobs', values.jobs, 1, 256) ?? defaultThreadCount()
    const dimensions = parameters.length
    const design =
      method === 'morris'
        ? morrisDesign(
            dimensions,
            wholeNumberFlag('trajectories', values.trajectories, 2, 1000) ?? 10,
            new RandomStream(seed, 'morris'),
          )
        : saltelliDesign(
            dimensions,
            wholeNumberFlag('samples', values.samples, 2, 100_000) ?? 64,
            new RandomStream(seed, 'saltelli'),
          )
    if (design.points.length > MAX_RUNS_PER_EXPERIMENT)
      throw new UsageError(
        `${design.points.length} runs is more than ${MAX_RUNS_PER_EXPERIMENT}; fewer samples`,
      )

    const isGain = metric === 'gainOverXenPercent'
    const jbb =
      values.jbb === undefined || values.jbb === 'off' || values.jbb === 'max'
        ? (values.jbb ?? 'off')
        : Number(values.jbb)
    const base = {
      config: values.config ?? 'vlro',
      env: values.env,
      mtu: wholeNumberFlag('mtu', values.mtu, 1, 65535) ?? 1500,
      messageSize: wholeNumberFlag('msg', values.msg, 1, 1_048_576) ?? 16384,
      jbb,
      durationS: numberFlag('duration', values.duration, 'positive') ?? 0.5,
      warmupS: numberFlag('warmup', values.warmup, 'non-negative') ?? 0.2,
      seed,
    }
    // A test bed's identified parameter (ENV:id) moves over that bed's plausible range, in its runs.
    const runEnv = base.env ?? 'direct-2009'
    const runIds = parameters.map((parameter) => {
      const scoped = parseScopedId(parameter.id)
      if (scoped && scoped.env !== runEnv)
        throw new UsageError(
          `--params: ${parameter.id} belongs to ${scoped.env}, but the runs are on ${runEnv} (--env)`,
        )
      return scoped?.id ?? parameter.id
    })
    let specs
    try {
      specs = parseSpecInputs(
        design.points.flatMap((point) =>
          (isGain ? [base.config, 'xen'] : [base.config]).map((config) => ({
            ...base,
            config,
            params: Object.fromEntries(
              runIds.map((id, column) => [id, fromNormalised(parameters[column], point[column])]),
            ),
          })),
        ),
      )
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error))
    }

    const { outcomes, isInterrupted } = await runSpecsOnPool(io, specs, {
      label: 'sensitivity',
      title: `${method} of ${metric} over ${dimensions} parameter(s)`,
      threadCount,
      dbPath: storePathFromFlags(values.db, values['no-store']),
      experimentName: `sensitivity ${method} ${metric}: ${ids.join(', ')}`,
      presetId: null,
    })
    if (isInterrupted) return 1
    const value = (index: number, field: Exclude<Metric, 'gainOverXenPercent'>): number => {
      const outcome = outcomes[index]
      return outcome.status === 'done' ? ((outcome.result as RunResult)[field] ?? Number.NaN) : Number.NaN
    }
    const outputs = design.points.map((_, point) =>
      metric === 'gainOverXenPercent'
        ? (value(2 * point, 'throughputMbps') / value(2 * point + 1, 'throughputMbps') - 1) * 100
        : value(point, metric),
    )
    if (method === 'morris') {
      const indices = morrisIndices(design as ReturnType<typeof morrisDesign>, outputs)
      io.out(
        values.json === true
          ? JSON.stringify(indices.map((index) => ({ id: parameters[index.index].id, ...index })))
          : formatMorrisTable(parameters, indices),
      )
    } else {
      const indices = sobolIndices(
        design as ReturnType<typeof saltelliDesign>,
        outputs,
        new RandomStream(seed, 'bootstrap'),
      )
      io.out(
        values.json === true
          ? JSON.stringify(indices.map((index) => ({ id: parameters[index.index].id, ...index })))
          : formatSobolTable(parameters, indices),
      )
    }
    return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0
  },
}
