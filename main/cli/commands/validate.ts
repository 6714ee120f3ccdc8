import { resolve } from 'node:path'
import {
  formatHypothesisScores,
  mechanismAlternatives,
  scoreHypotheses,
  type HypothesisRefit,
} from '../../../engine/calibration/hypotheses'
import type { ParamSetFile } from '../../../engine/params/sets/param-set-file'
import { formatValidationReport } from '../../../engine/calibration/report-format'
import { parameterRegistry, resolveParams } from '../../../engine/params/registry'
import { defaultParameterSet } from '../../../engine/params/sets/default'
import {
  DEFAULT_VALIDATION_OPTIONS,
  validateTargets,
  type ValidationOptions,
} from '../../../engine/calibration/validate'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { commaList, parseFlags } from '../parse-flags'
import {
  createEngineBatchRunner,
  type EngineBatchRunner,
  type EngineBatchRunnerOptions,
} from '../engine-batch-runner'
import {
  fitOptions,
  freeParametersFlag,
  progressPrinter,
  readTargets,
  sizesFlag,
  startValues,
} from '../calibration-args'
import { numberFlag, wholeNumberFlag } from '../number-flags'
import { loadParamSet, paramSetValues, SHIPPED_TARGETS_DIR } from '../param-set-files'

const USAGE = `Usage: npm run -s labbench -- validate [options]

Runs every calibration target (and the paper's qualitative statements) on the engine and prints
each reference value beside the simulated one, the relative error, the tolerance and the verdict.
Exits 1 when a target is outside its tolerance or a qualitative rule fails (informational rules,
the paper's consolidated SPECjbb findings, never fail).

Options:
  --targets FILE      targets file (default: the shipped Oi & Nakajima 2009 targets)
  --param-set NAME    parameter set: default, a name in engine/params/sets, or a .json path
  --duration S        measured simulated seconds per point (default ${DEFAULT_VALIDATION_OPTIONS.durationS})
  --warmup S          simulated warm-up seconds per point (default ${DEFAULT_VALIDATION_OPTIONS.warmupS})
  --seed N            seed of every point (default ${DEFAULT_VALIDATION_OPTIONS.seed})
  --sizes LIST        message sizes standing for ">=256" (default ${DEFAULT_VALIDATION_OPTIONS.sizesFromAtLeast256.join(',')})
  --no-rules          targets only (skips the 64/128 B and SPECjbb points)
  --hypotheses        score every alternative of the unpublished implementations (pLRO's aggregate
                      form x vLRO's flush policy) on the same targets and rules, and print the table
  --refit ID,ID,...   with --hypotheses: refit these shared parameters for each alternative before
                      scoring it (Nelder-Mead, like calibrate), so each competes with its own costs
  --refit-targets F   the targets of the refit (default: Table I's cycles and instructions,
                      engine/calibration/targets/oi-nakajima-2009-table1-cycles.json)
  --refit-evals N     objective evaluations per refit (default 60)
  --jobs N            points run in parallel on worker threads (default 1)
  --json              print the report as JSON instead of a table`

/** The refit each alternative gets before it is scored (`--refit`). */
function refitOf(
  values: { refit?: string; 'refit-targets'?: string; 'refit-evals'?: string },
  paramSet: ParamSetFile | undefined,
  options: ValidationOptions,
): HypothesisRefit {
  const ids = commaList(values.refit ?? '')
  return {
    file: readTargets(values['refit-targets'] ?? resolve(SHIPPED_TARGETS_DIR, TABLE1_CYCLES_TARGETS)).file,
    free: freeParametersFlag(ids, '--refit'),
    start: startValues(ids, paramSet),
    options: fitOptions({
      sizesFromAtLeast256: [16384],
      durationS: options.durationS,
      warmupS: options.warmupS,
      seed: options.seed,
      maxEvaluations: wholeNumberFlag('refit-evals', values['refit-evals'], 1) ?? 60,
    }),
  }
}

/** The Table I cycles subset the default set's shared costs were fitted to. */
const TABLE1_CYCLES_TARGETS = 'oi-nakajima-2009-table1-cycles.json'

/** What the command needs from outside; tests substitute the runner. */
export interface ValidateCommandDeps {
  createRunner(options: EngineBatchRunnerOptions): EngineBatchRunner
}

/** Builds the `validate` command around its dependencies. */
export function createValidateCommand(deps: ValidateCommandDeps): CliCommand {
  return {
    name: 'validate',
    summary: 'Compare the engine against the calibration targets (exit 1 on a miss)',
    usage: USAGE,
    async run(argv: string[], io: CliIo): Promise<number> {
      const { values } = parseFlags(argv, {
        targets: { type: 'string' },
        'param-set': { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        seed: { type: 'string' },
        sizes: { type: 'string' },
        'no-rules': { type: 'boolean' },
        jobs: { type: 'string' },
        json: { type: 'boolean' },
        hypotheses: { type: 'boolean' },
        refit: { type: 'string' },
        'refit-targets': { type: 'string' },
        'refit-evals': { type: 'string' },
      })
      if (values.refit !== undefined && !values.hypotheses)
        throw new UsageError('--refit goes with --hypotheses')
      const targets = readTargets(values.targets)
      const paramSet = loadParamSet(values['param-set'] ?? 'default')
      const sizes =
        values.sizes === undefined ? DEFAULT_VALIDATION_OPTIONS.sizesFromAtLeast256 : sizesFlag(values.sizes)
      const options: ValidationOptions = {
        ...DEFAULT_VALIDATION_OPTIONS,
        durationS:
          numberFlag('duration', values.duration, 'positive') ?? DEFAULT_VALIDATION_OPTIONS.durationS,
        warmupS: numberFlag('warmup', values.warmup, 'non-negative') ?? DEFAULT_VALIDATION_OPTIONS.warmupS,
        seed: wholeNumberFlag('seed', values.seed) ?? DEFAULT_VALIDATION_OPTIONS.seed,
        sizesFromAtLeast256: sizes,
        includeRules: !values['no-rules'],
      }
      const jobs = wholeNumberFlag('jobs', values.jobs, 1) ?? 1
      const engine = deps.createRunner({
        jobs,
        paramSet: paramSetValues(paramSet),
        onFallback: (reason) => io.err(`worker pool unavailable (${reason}); running serially`),
      })
      const startedMs = Date.now()
      if (values.hypotheses) {
        try {
          const scores = await scoreHypotheses(
            targets.file,
            engine.runner,
            options,
            mechanismAlternatives(parameterRegistry),
            (done, total) => io.err(`validate: alternatives ${done}/${total}`),
            values.refit === undefined ? undefined : refitOf(values, paramSet, options),
          )
          const current = resolveParams(paramSetValues(paramSet) ?? defaultParameterSet.values)
          io.out(values.json ? JSON.stringify(scores, null, 2) : formatHypothesisScores(scores, current))
          return 0
        } finally {
          await engine.close()
        }
      }
      try {
        const report = await validateTargets(
          targets.file,
          engine.runner,
          options,
          progressPrinter(io, 'validate: points'),
        )
        const elapsedS = (Date.now() - startedMs) / 1000
        if (values.json) {
          io.out(
            JSON.stringify(
              {
                paramSet: paramSet?.name ?? 'default',
                targets: targets.path ?? 'shipped',
                elapsedS,
                ...report,
              },
              null,
              2,
            ),
          )
        } else {
          io.out(formatValidationReport(report))
          io.err(
            `validate: ${report.points} points in ${elapsedS.toFixed(1)} s wall on ${engine.parallelism} thread(s)`,
          )
        }
        return report.passed ? 0 : 1
      } finally {
        await engine.close()
      }
    },
  }
}

/** `labbench validate` on the real engine. */
export const validateCommand: CliCommand = createValidateCommand({ createRunner: createEngineBatchRunner })
