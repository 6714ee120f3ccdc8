import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { calibrate } from '../../../engine/calibration/calibrate'
import { DEFAULT_EVALUATION_OPTIONS } from '../../../engine/calibration/evaluation-points'
import { REFERENCE_TARGETS_NAME } from '../../../engine/calibration/reference-targets'
import { formatComparisons } from '../../../engine/calibration/report-format'
import { parameterRegistry } from '../../../engine/params/registry'
import { ParamSetFileSchema, type ParamSetFile } from '../../../engine/params/sets/param-set-file'
import { ENGINE_VERSION } from '../../../engine/version'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { commaList, parseFlags } from '../parse-flags'
import {
  baseValues,
  fitOptions,
  freeParametersFlag,
  readTargets,
  sizesFlag,
  startValues,
} from '../calibration-args'
import { numberFlag, wholeNumberFlag } from '../number-flags'
import {
  createEngineBatchRunner,
  type EngineBatchRunner,
  type EngineBatchRunnerOptions,
} from '../engine-batch-runner'
import { loadParamSet, paramSetValues, SHIPPED_SETS_DIR, SHIPPED_TARGETS_DIR } from '../param-set-files'

const USAGE = `Usage: npm run -s labbench -- calibrate [options]

Fits free parameters to a targets file (the shipped one, or your own measurements in the same JSON
shape) with Nelder-Mead in normalised log space inside each parameter's [min, max], minimising the
squared relative errors in units of each quantity's tolerance. Progress goes to stderr; the result
is saved as a named parameter set whose provenance records the targets' sha256, the error per
target, the date, the engine version and the free parameters.

Options:
  --targets FILE      targets file (default: the shipped Oi & Nakajima 2009 targets)
  --free ID,ID,...    parameters to fit (default: every parameter whose provenance is "fitted")
  --param-set NAME    set to start from and keep for the other parameters (default: default)
  --out NAME          name of the saved set (default: fit-<date>)
  --out-dir DIR       folder to save into (default: engine/params/sets)
  --max-evals N       objective evaluations (default 60; each runs every target point once)
  --duration S        measured simulated seconds per point (default ${DEFAULT_EVALUATION_OPTIONS.durationS})
  --warmup S          simulated warm-up seconds per point (default ${DEFAULT_EVALUATION_OPTIONS.warmupS})
  --sizes LIST        message sizes standing for ">=256" (default 16384: one size keeps fits fast)
  --seed N            seed of every point (default 1)
  --jobs N            points run in parallel on worker threads (default 1)
  --dry-run           fit and print, but save nothing`

/** What the command needs from outside; tests substitute the runner and the clock. */
export interface CalibrateCommandDeps {
  createRunner(options: EngineBatchRunnerOptions): EngineBatchRunner
  /** ISO 8601 date stamped into the provenance. */
  now(): string
}

/** sha256 (hex) of a text, for the targets' fingerprint. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Builds the `calibrate` command around its dependencies. */
export function createCalibrateCommand(deps: CalibrateCommandDeps): CliCommand {
  return {
    name: 'calibrate',
    summary: 'Fit free parameters to calibration targets and save a named parameter set',
    usage: USAGE,
    async run(argv: string[], io: CliIo): Promise<number> {
      const { values } = parseFlags(argv, {
        targets: { type: 'string' },
        free: { type: 'string' },
        'param-set': { type: 'string' },
        out: { type: 'string' },
        'out-dir': { type: 'string' },
        'max-evals': { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        sizes: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        'dry-run': { type: 'boolean' },
      })
      const targets = readTargets(values.targets)
      const targetsText =
        targets.text ?? readFileSync(resolve(SHIPPED_TARGETS_DIR, REFERENCE_TARGETS_NAME), 'utf8')
      const baseName = values['param-set'] ?? 'default'
      const base = loadParamSet(baseName)
      const freeIds =
        values.free === undefined
          ? [...parameterRegistry.values()]
              .filter((spec) => spec.provenance === 'fitted')
              .map((spec) => spec.id)
          : commaList(values.free)
      const free = freeParametersFlag(freeIds, '--free')
      const date = deps.now()
      const outName = values.out ?? `fit-${date.slice(0, 10)}`
      if (!ParamSetFileSchema.shape.name.safeParse(outName).success) {
        throw new UsageError(`--out "${outName}" must be letters, digits, dot, dash or underscore`)
      }
      const options = fitOptions({
        sizesFromAtLeast256: values.sizes === undefined ? [16384] : sizesFlag(values.sizes),
        durationS:
          numberFlag('duration', values.duration, 'positive') ?? DEFAULT_EVALUATION_OPTIONS.durationS,
        warmupS: numberFlag('warmup', values.warmup, 'non-negative') ?? DEFAULT_EVALUATION_OPTIONS.warmupS,
        seed: wholeNumberFlag('seed', values.seed) ?? 1,
        maxEvaluations: wholeNumberFlag('max-evals', values['max-evals'], 1) ?? 60,
      })
      const start = startValues(
        free.map((parameter) => parameter.id),
        base,
      )
      const engine = deps.createRunner({
        jobs: wholeNumberFlag('jobs', values.jobs, 1) ?? 1,
        paramSet: paramSetValues(base),
        onFallback: (reason) => io.err(`worker pool unavailable (${reason}); running serially`),
      })
      io.err(
        `calibrate: ${free.length} free parameter(s): ${free.map((parameter) => parameter.id).join(', ')}`,
      )
      try {
        const result = await calibrate(targets.file, engine.runner, free, start, options, (step) => {
          io.err(
            `calibrate: evaluation ${step.evaluation}/${step.maxEvaluations} objective ${step.objective.toFixed(3)} (best ${step.bestObjective.toFixed(3)})`,
          )
        })
        io.out(formatComparisons(result.comparisons))
        io.out('')
        for (const parameter of free) {
          io.out(
            `${parameter.id} = ${formatValue(result.values[parameter.id])} (start ${formatValue(start[parameter.id])}, range ${parameter.min}..${parameter.max})`,
          )
        }
        io.out(
          `objective ${result.startObjective.toFixed(3)} -> ${result.objective.toFixed(3)} in ${result.evaluations} evaluations${result.hasConverged ? ' (converged)' : ''}`,
        )
        const setFile: ParamSetFile = {
          name: outName,
          description: `Fitted by labbench calibrate to ${targets.path ? basename(targets.path) : REFERENCE_TARGETS_NAME}`,
          // A set replaces the built-in one when used, so it carries every value of its base.
          values: { ...baseValues(base), ...result.values },
          provenance: {
            targetsSha256: sha256Hex(targetsText),
            targetsFile: targets.path ? basename(targets.path) : REFERENCE_TARGETS_NAME,
            date,
            engineVersion: ENGINE_VERSION,
            baseSet: baseName,
            free: free.map((parameter) => parameter.id),
            objective: result.objective,
            startObjective: result.startObjective,
            evaluations: result.evaluations,
            hasConverged: result.hasConverged,
            errors: result.comparisons.map((comparison) => ({
              targetId: comparison.targetId,
              quantity: comparison.quantity,
              relativeError: comparison.relativeError,
              tolerance: comparison.tolerance,
              pass: comparison.pass,
            })),
            durationS: options.durationS,
            warmupS: options.warmupS,
            seed: options.seed,
          },
        }
        if (!values['dry-run']) {
          const outDir = resolve(values['out-dir'] ?? SHIPPED_SETS_DIR)
          mkdirSync(outDir, { recursive: true })
          const outPath = resolve(outDir, `${outName}.json`)
          writeFileSync(outPath, `${JSON.stringify(setFile, null, 2)}\n`)
          io.err(`calibrate: saved ${outPath}`)
        }
        return 0
      } finally {
        await engine.close()
      }
    },
  }
}

function formatValue(value: number | undefined): string {
  if (value === undefined) return '-'
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(4)
}

/** `labbench calibrate` on the real engine. */
export const calibrateCommand: CliCommand = createCalibrateCommand({
  createRunner: createEngineBatchRunner,
  now: () => new Date().toISOString(),
})
