/**
 * `labbench sweep --preset NAME`: runs one of the paper's presets on the worker pool (one run per
 * thread), with a progress bar on stderr, and prints a table or JSON; `--db` records the finished
 * runs in the run store.
 */
import { PRESETS, presetById } from '../../../engine/experiments/presets'
import type { RunResult, RunSpec } from '../../../engine/index'
import { groupReplicates } from '../../../engine/results/replicate'
import { expandPresetInputs, parseSpecInputs } from '../../services/experiment-plan'
import { JobPool, defaultThreadCount, type JobOutcome } from '../../workers/job-pool'
import { runBatch } from '../../workers/run-batch'
import { nodeEngineWorkerEntry } from '../../workers/worker-entry'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { formatReplicateTable } from '../format/replicate-table'
import { openRecorder, storePathFromFlags } from '../record'
import { parseFlags } from '../parse-flags'
import { numberFlag, wholeNumberFlag } from '../number-flags'

const USAGE = `Usage: npm run -s labbench -- sweep --preset NAME [options]

Runs every point of a preset (the paper's experiments) on worker threads.

Presets: ${PRESETS.map((preset) => preset.id).join(', ')}

Options:
  --preset NAME        the preset to run (required)
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
  jobs: { type: 'string' },
  replications: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  'no-store': { type: 'boolean' },
} as const

const BAR_WIDTH = 30

/**
 * Draws the progress bar. On a terminal each bar replaces the previous line (cursor up, clear);
 * otherwise (logs, CI) a line is printed only when a run ends.
 */
function progressReporter(
  io: CliIo,
  total: number,
): (done: number, fraction: number, failed: number, isRunEnd: boolean) => void {
  let lastLine = ''
  return (done, fraction, failed, isRunEnd) => {
    if (!io.isErrTty && !isRunEnd) return
    const filled = Math.round(fraction * BAR_WIDTH)
    const line =
      `sweep: [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${done}/${total} runs${failed > 0 ? `, ${failed} failed` : ''}`
    if (line === lastLine) return
    io.err(io.isErrTty && lastLine !== '' ? `\u001b[1A\u001b[2K${line}` : line)
    lastLine = line
  }
}

function formatTable(specs: readonly RunSpec[], outcomes: readonly JobOutcome[]): string {
  const header = ['config', 'env', 'mtu', 'msg', 'jbb', 'seed', 'Mb/s', 'lroRate', 'clk', 'inst', 'status']
  const rows = specs.map((spec, index) => {
    const outcome = outcomes[index]
    const result = outcome.status === 'done' ? outcome.result : null
    return [
      spec.config,
      spec.env,
      String(spec.mtu),
      String(spec.messageSize),
      String(spec.jbb),
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

/** `labbench sweep`. */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'Run a preset (Table I, Figures 2-6, what-ifs) on worker threads',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(argv, OPTIONS, false)
    const presetId = values.preset
    if (typeof presetId !== 'string') throw new UsageError('--preset is required (see --help for the list)')
    const preset = presetById(presetId)
    if (!preset)
      throw new UsageError(
        `--preset: unknown preset "${presetId}" (one of ${PRESETS.map((p) => p.id).join(', ')})`,
      )
    const threadCount = wholeNumberFlag('jobs', values.jobs, 1, 256) ?? defaultThreadCount()
    const replications = wholeNumberFlag('replications', values.replications, 1, 1_000) ?? 1
    let specs: RunSpec[]
    try {
      specs = parseSpecInputs(
        expandPresetInputs(
          preset,
          {
            durationS: numberFlag('duration', values.duration, 'positive'),
            warmupS: numberFlag('warmup', values.warmup, 'non-negative'),
          },
          replications,
        ),
      )
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error))
    }

    // Open the store first (a wrong --db fails before any run) and record each run as it finishes,
    // so a killed sweep keeps every finished run.
    const dbPath = storePathFromFlags(values.db, values['no-store'])
    const recorder = dbPath === undefined ? null : openRecorder(dbPath)
    recorder?.startExperiment(`sweep ${preset.id}`, specs, preset.id)
    io.err(`sweep: ${preset.title}: ${specs.length} runs on ${threadCount} thread(s)`)
    const fractions = new Array<number>(specs.length).fill(0)
    let done = 0
    let failed = 0
    const report = progressReporter(io, specs.length)
    const overall = (): number => fractions.reduce((sum, fraction) => sum + fraction, 0) / specs.length
    const pool = new JobPool({ entry: nodeEngineWorkerEntry(), threadCount })
    const interrupt = new AbortController()
    const onSignal = (): void => {
      io.err('sweep: interrupted, cancelling the remaining runs')
      interrupt.abort()
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    let outcomes: JobOutcome[]
    try {
      report(0, 0, 0, io.isErrTty)
      outcomes = await runBatch(pool, specs, {
        signal: interrupt.signal,
        onProgress: (index, fraction) => {
          fractions[index] = fraction
          report(done, overall(), failed, false)
        },
        onSettled: (index, outcome) => {
          fractions[index] = 1
          done += 1
          if (outcome.status === 'done') recorder?.storeResult(index, outcome.result as RunResult)
          if (outcome.status === 'failed') {
            failed += 1
            recorder?.storeFailure(index, outcome.error)
          }
          report(done, overall(), failed, true)
        },
      })
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await pool.close()
      recorder?.close()
    }

    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'failed')
        io.err(`sweep: run ${index} (${specs[index].config}) failed: ${outcome.error}`)
    }
    const finished = outcomes.flatMap((outcome, index) =>
      outcome.status === 'done' ? [{ spec: specs[index], result: outcome.result as RunResult }] : [],
    )
    if (dbPath !== undefined) io.err(`sweep: recorded ${finished.length} run(s) in ${dbPath}`)
    io.out(values.json === true ? JSON.stringify(finished) : formatTable(specs, outcomes))
    if (replications > 1 && finished.length > 0) {
      // With --json, stdout stays one parseable array; the summary goes to stderr.
      const summary = formatReplicateTable(groupReplicates(finished))
      if (values.json === true) io.err(summary)
      else io.out(`\n${summary}`)
    }
    if (interrupt.signal.aborted) return 1
    return failed > 0 ? 1 : 0
  },
}
