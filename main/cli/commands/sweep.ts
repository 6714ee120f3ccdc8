/**
 * `labbench sweep --preset NAME` or `--config LIST [axes]`: runs one of the paper's presets, or a
 * grid of configurations, MTUs, message sizes and SPECjbb loads, crossed with any registry
 * parameter as an axis (`--vary ID=LIST`), on the worker pool (one run per thread), with a
 * progress bar on stderr; prints a table or JSON and records the runs in the run store.
 */
import {
  crossWithAxes,
  parseParameterAxis,
  type ParameterAxis,
} from '../../../engine/experiments/parameter-axes'
import { PRESETS, presetById } from '../../../engine/experiments/presets'
import type { RunSpecInput } from '../../../engine/experiments/spec'
import type { RunResult, RunSpec } from '../../../engine/index'
import { expandReplications, groupReplicates } from '../../../engine/results/replicate'
import { expandPresetInputs, parseSpecInputs } from '../../services/experiment-plan'
import { MAX_RUNS_PER_EXPERIMENT } from '../../../engine/experiments/limits'
import { defaultThreadCount, type JobOutcome } from '../../workers/job-pool'
import { UsageError, type CliCommand } from '../command'
import { formatReplicateTable } from '../format/replicate-table'
import { planStoreFromFlags, runPlanOnPool } from '../run-plan-on-pool'
import { commaList, parseFlags } from '../parse-flags'
import { jbbLevelFlag, numberFlag, wholeNumberFlag } from '../number-flags'

const USAGE = `Usage: npm run -s labbench -- sweep --preset NAME [options]
       npm run -s labbench -- sweep --config LIST [--mtu LIST] [--msg LIST] [--jbb LIST] [options]

Runs every point of a preset (the paper's experiments), or of a grid you give, on worker threads.
Any registry parameter can be an extra axis, crossed with the others:
  --vary nic.interruptRateHz=4000,8000,20000 --vary linux.sched.timesliceNs=10ms..50ms/5

Presets: ${PRESETS.map((preset) => preset.id).join(', ')}

Options:
  --preset NAME        the preset to run; a list (table1,fig2) or all runs them as one sweep
  --config LIST        instead of a preset: configurations (linux,xen,plro,vlro,pvlro)
  --env NAME           test bed of the grid: direct-2009 (default) or switched-2008
  --mtu LIST           MTUs of the grid, bytes (default 1500)
  --msg LIST           message sizes of the grid, bytes (default 16384)
  --jbb LIST           SPECjbb loads of the grid: off, max or a share in (0, 1) (default off)
  --vary ID=LIST       a parameter axis (repeatable): values with units, or LOW..HIGH/POINTS
  --shard K/N          run only the K-th of N deterministic slices of the plan (every N-th run)
                       and write it to --out; importing all N archives gives the whole sweep
                       as one experiment (same seeds and numbers), importing one twice adds nothing
  --out FILE           the archive a shard writes (required with --shard)
  --jobs N             worker threads (default: cores - 1, at least 1)
  --replications K     runs per point with seeds 1..K (default 1)
  --duration S         measured simulated seconds per run (default: the spec default, 2)
  --warmup S           simulated warm-up seconds per run
  --json               print a JSON array of {"spec", "result"} on stdout
  --db FILE            record the runs in the run store FILE as each finishes (default: the
                       app's data folder; LROLAB_DATA_DIR overrides)
  --no-store           do not record the runs`

const OPTIONS = {
  preset: { type: 'string' },
  config: { type: 'string' },
  env: { type: 'string' },
  mtu: { type: 'string' },
  msg: { type: 'string' },
  jbb: { type: 'string' },
  vary: { type: 'string', multiple: true },
  shard: { type: 'string' },
  out: { type: 'string' },
  jobs: { type: 'string' },
  replications: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  'no-store': { type: 'boolean' },
} as const

function formatTable(
  specs: readonly RunSpec[],
  outcomes: readonly JobOutcome[],
  axes: readonly ParameterAxis[],
): string {
  const header = ['config', 'env', 'mtu', 'msg', 'jbb', ...axes.map((axis) => axis.id), 'seed']
  header.push('Mb/s', 'lroRate', 'clk', 'inst', 'status')
  const rows = specs.map((spec, index) => {
    const outcome = outcomes[index]
    const result = outcome.status === 'done' ? outcome.result : null
    return [
      spec.config,
      spec.env,
      String(spec.mtu),
      String(spec.messageSize),
      String(spec.jbb),
      ...axes.map((axis) => String(spec.params[axis.id])),
      String(spec.seed),
      result ? result.throughputMbps.toFixed(1) : '-',
      result?.lroRate != null ? result.lroRate.toFixed(2) : '-',
      result ? result.clk.toFixed(2) : '-',
      result ? result.inst.toFixed(2) : '-',
      outcome.status === 'failed' ? `failed: ${outcome.error}` : outcome.status,
    ]
  })
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  )
  const format = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return [format(header), ...rows.map(format)].join('\n')
}

/** What a sweep runs before parameter axes: a preset's points or the grid of the flags. */
interface SweepPlan {
  inputs: RunSpecInput[]
  title: string
  /** Short name for the stored experiment. */
  name: string
  presetId: string | null
}

function listFlag(flag: string, text: string | undefined, fallback: string): string[] {
  const items = commaList(text ?? fallback)
  if (items.length === 0) throw new UsageError(`--${flag}: give at least one value`)
  return items
}

function numberList(flag: string, text: string | undefined, fallback: string): number[] {
  return listFlag(flag, text, fallback).map((item) => {
    const value = Number(item)
    if (!Number.isFinite(value)) throw new UsageError(`--${flag}: "${item}" is not a number`)
    return value
  })
}

function sweepPlan(
  values: { preset?: string; config?: string; env?: string; mtu?: string; msg?: string; jbb?: string },
  timing: { durationS?: number; warmupS?: number },
  replications: number,
): SweepPlan {
  if (values.preset !== undefined) {
    if (values.config !== undefined) throw new UsageError('give --preset or --config, not both')
    const ids =
      values.preset === 'all' ? PRESETS.map((preset) => preset.id) : listFlag('preset', values.preset, '')
    const presets = ids.map((id) => {
      const preset = presetById(id)
      if (!preset)
        throw new UsageError(
          `--preset: unknown preset "${id}" (one of ${PRESETS.map((p) => p.id).join(', ')}, all)`,
        )
      return preset
    })
    // Several presets run as one plan on one pool: one start-up, and no core idles between them.
    return {
      inputs: presets.flatMap((preset) => expandPresetInputs(preset, timing, replications)),
      title: presets.length === 1 ? presets[0].title : `presets ${ids.join(', ')}`,
      name: ids.join(','),
      presetId: presets.length === 1 ? presets[0].id : null,
    }
  }
  if (values.config === undefined) throw new UsageError('--preset or --config is required (see --help)')
  const configs = listFlag('config', values.config, '')
  const mtus = numberList('mtu', values.mtu, '1500')
  const sizes = numberList('msg', values.msg, '16384')
  const loads = listFlag('jbb', values.jbb, 'off').map((item) => jbbLevelFlag('jbb', item))
  const points: RunSpecInput[] = []
  for (const config of configs)
    for (const mtu of mtus)
      for (const messageSize of sizes)
        for (const jbb of loads)
          points.push({ config, env: values.env, mtu, messageSize, jbb, ...timing } as RunSpecInput)
  return {
    inputs: expandReplications(points, replications, 1),
    title: `grid of ${configs.join(', ')}`,
    name: configs.join(','),
    presetId: null,
  }
}

/** A sweep's arguments, checked, and the specs of its whole plan (no shard applied). */
export function parseSweepArgs(argv: string[]) {
  const { values } = parseFlags(argv, OPTIONS, false)
  const threadCount = wholeNumberFlag('jobs', values.jobs, 1, 256) ?? defaultThreadCount()
  const replications = wholeNumberFlag('replications', values.replications, 1, 1_000) ?? 1
  const timing = {
    durationS: numberFlag('duration', values.duration, 'positive'),
    warmupS: numberFlag('warmup', values.warmup, 'non-negative'),
  }
  const axes = (values.vary ?? []).map((text) => {
    try {
      return parseParameterAxis(text)
    } catch (error) {
      throw new UsageError(`--vary ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  const plan = sweepPlan(values, timing, replications)
  let specs: RunSpec[]
  try {
    specs = parseSpecInputs(crossWithAxes(plan.inputs, axes))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (specs.length > MAX_RUNS_PER_EXPERIMENT)
    throw new UsageError(`${specs.length} runs is more than ${MAX_RUNS_PER_EXPERIMENT}; narrow the axes`)
  const title = axes.length === 0 ? plan.title : `${plan.title} x ${axes.map((axis) => axis.id).join(' x ')}`
  return { values, threadCount, replications, axes, plan, title, specs }
}

/** `labbench sweep`. */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'Run a preset or a grid, with any parameter as an extra axis, on worker threads',
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseSweepArgs(argv)
    const { values, threadCount, replications, axes, plan, title } = parsed
    let specs = parsed.specs

    const run = await runPlanOnPool(io, specs, {
      label: 'sweep',
      title,
      threadCount,
      experimentName: `sweep ${plan.name}`,
      presetId: axes.length === 0 ? plan.presetId : null,
      store: planStoreFromFlags(values),
    })
    const { outcomes, isInterrupted, shard } = run
    specs = run.specs
    const dbPath = run.dbPath

    const finished = outcomes.flatMap((outcome, index) =>
      outcome.status === 'done' ? [{ spec: specs[index], result: outcome.result as RunResult }] : [],
    )
    if (dbPath !== undefined && !shard) io.err(`sweep: recorded ${finished.length} run(s) in ${dbPath}`)
    io.out(values.json === true ? JSON.stringify(finished) : formatTable(specs, outcomes, axes))
    if (replications > 1 && finished.length > 0) {
      // With --json, stdout stays one parseable array; the summary goes to stderr.
      const summary = formatReplicateTable(groupReplicates(finished))
      if (values.json === true) io.err(summary)
      else io.out(`\n${summary}`)
    }
    if (isInterrupted) return 1
    return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0
  },
}
