import { readFileSync } from 'node:fs'
import { BOUND_SHARE_LABELS, type RunBounds } from '../../../engine/results/run-bounds'
import { parseRunSpec, runExperiment, type RunResult, type RunSpec } from '../../../engine/index'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { parseFlags } from '../parse-flags'
import { jbbLevelFlag } from '../number-flags'
import { openRecorder, storePathFromFlags } from '../record'

const USAGE = `Usage: npm run -s labbench -- run [options]

Runs one simulation point and prints its result.

Options:
  --config linux|xen|plro|vlro|pvlro   receiver configuration (required)
  --mtu N              physical IP MTU, bytes (default 1500)
  --msg N              netperf send size (-m), bytes (default 16384)
  --guest-mtu N        MTU of Xen's internal network (split-MTU what-if; Xen configs only)
  --env direct-2009|switched-2008      test-bed environment (default direct-2009)
  --jbb off|max|X      SPECjbb alongside: off, unthrottled, or a CPU share 0<X<1 (default off)
  --duration S         measured simulated seconds (default 2)
  --warmup S           simulated warm-up seconds (default 0.5)
  --seed N             random seed (default 1)
  --set id=value       parameter override, repeatable (values may carry units: 125us)
  --ci X               stop early once the 95% half-width of throughput is below X of the mean
  --spec FILE          start from a JSON run spec (the flags above override its fields)
  --json               print one JSON object {"spec", "result"} on stdout
  --db FILE            record the run in the run store FILE (default: the app's data folder;
                       LROLAB_DATA_DIR overrides)
  --no-store           do not record the run`

const OPTIONS = {
  config: { type: 'string' },
  mtu: { type: 'string' },
  msg: { type: 'string' },
  'guest-mtu': { type: 'string' },
  env: { type: 'string' },
  jbb: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  ci: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  'no-store': { type: 'boolean' },
  spec: { type: 'string' },
} as const

/** Maps spec field paths back to the flag that sets them, so errors name the flag. */
const FLAG_OF_FIELD: Record<string, string> = {
  config: '--config',
  mtu: '--mtu',
  messageSize: '--msg',
  guestMtu: '--guest-mtu',
  env: '--env',
  jbb: '--jbb',
  durationS: '--duration',
  warmupS: '--warmup',
  seed: '--seed',
  stopAtRelativeCi: '--ci',
}

function toNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--${flag}: "${raw}" is not a number`)
  return value
}

/** Builds the raw spec object from the parsed flags (validation is `parseRunSpec`'s). */
export function specInputFromArgs(argv: string[]): {
  input: Record<string, unknown>
  json: boolean
  db?: string
} {
  const { values } = parseFlags(argv, OPTIONS)
  const input: Record<string, unknown> = values.spec === undefined ? {} : readSpecFile(values.spec)
  if (values.config !== undefined) input.config = values.config
  if (input.config === undefined) throw new UsageError('--config is required (linux|xen|plro|vlro|pvlro)')
  const numeric: [keyof typeof values, string][] = [
    ['mtu', 'mtu'],
    ['msg', 'messageSize'],
    ['guest-mtu', 'guestMtu'],
    ['duration', 'durationS'],
    ['warmup', 'warmupS'],
    ['seed', 'seed'],
    ['ci', 'stopAtRelativeCi'],
  ]
  for (const [flag, field] of numeric) {
    const value = toNumber(flag, values[flag] as string | undefined)
    if (value !== undefined) input[field] = value
  }
  if (values.env !== undefined) input.env = values.env
  if (values.jbb !== undefined) {
    input.jbb = jbbLevelFlag('jbb', values.jbb)
  }
  if (values.set !== undefined) {
    const assignments: [string, string][] = []
    for (const assignment of values.set) {
      const equals = assignment.indexOf('=')
      if (equals <= 0) throw new UsageError(`--set: "${assignment}" is not id=value`)
      assignments.push([assignment.slice(0, equals).trim(), assignment.slice(equals + 1).trim()])
    }
    // fromEntries defines own properties, so an id like __proto__ reaches validation (and is refused)
    // instead of being swallowed by the object's prototype setter.
    input.params = Object.fromEntries(assignments)
  }
  return { input, json: values.json === true, db: storePathFromFlags(values.db, values['no-store']) }
}

/** Validates the raw spec; a problem becomes a one-line UsageError naming the flag. */
export function validateSpec(input: Record<string, unknown>): RunSpec {
  const parsed = parseRunSpec(input)
  if (parsed.ok) return parsed.spec
  const issue = parsed.issues[0]
  const field = issue.path.split('.')[0]
  const flag =
    field === 'params' ? `--set ${issue.path.slice('params.'.length)}` : (FLAG_OF_FIELD[field] ?? issue.path)
  throw new UsageError(`${flag}: ${issue.message}`)
}

function formatTable(spec: RunSpec, result: RunResult): string {
  const lines: string[] = []
  const fixed = (value: number, digits = 2): string => value.toFixed(digits)
  const ci = result.throughputCi95 === null ? 'n/a' : `±${fixed(result.throughputCi95, 1)}`
  lines.push(
    `config ${spec.config}  env ${spec.env}  mtu ${spec.mtu}  msg ${spec.messageSize}  jbb ${spec.jbb}  seed ${spec.seed}`,
  )
  lines.push(
    `throughput   ${fixed(result.throughputMbps, 1)} Mb/s (95% CI ${ci})${result.stoppedEarly ? ' [stopped early]' : ''}`,
  )
  lines.push(`lroRate      ${result.lroRate === null ? '-' : fixed(result.lroRate)}`)
  lines.push(`clk          ${fixed(result.clk)}  (x10^10 cycles per 10^10 bytes)`)
  lines.push(`inst         ${fixed(result.inst)}`)
  if (result.specjbbScore !== null) lines.push(`specjbb      ${fixed(result.specjbbScore, 0)} bops`)
  if (result.bounds) lines.push('', ...boundLines(result.bounds))
  lines.push('')
  lines.push('CPU by context (share of one CPU):')
  for (const [context, share] of Object.entries(result.cpu.byContext)) {
    lines.push(`  ${context.padEnd(12)} ${fixed((share ?? 0) * 100, 1)} %`)
  }
  lines.push(`  ${'total'.padEnd(12)} ${fixed(result.cpu.total * 100, 1)} %`)
  lines.push('')
  lines.push('Top stages (per wire packet):')
  for (const stage of result.stages.slice(0, 10)) {
    lines.push(
      `  ${`${stage.context}/${stage.stage}`.padEnd(40)} ${fixed(stage.cyclesPerPacket, 0).padStart(8)} cyc ${fixed(stage.instructionsPerPacket, 0).padStart(8)} inst ${fixed(stage.share * 100, 1).padStart(5)} %`,
    )
  }
  lines.push('')
  lines.push('Counters:')
  for (const [name, value] of Object.entries(result.counters)) {
    lines.push(`  ${name.padEnd(40)} ${Number.isInteger(value) ? value : value.toFixed(3)}`)
  }
  lines.push('')
  lines.push(
    `${result.events} events, ${fixed(result.simSeconds, 3)} simulated s, ${fixed(result.wallMs, 0)} ms wall`,
  )
  return lines.join('\n')
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { input, json, db } = specInputFromArgs(argv)
  const spec = validateSpec(input)
  // The store opens before simulating, so a wrong --db file is refused at once.
  const recorder = db === undefined ? null : openRecorder(db)
  let result: RunResult
  try {
    recorder?.startExperiment(`run ${spec.config} mtu ${spec.mtu} msg ${spec.messageSize}`, [spec])
    let lastPercent = -1
    result = runExperiment(spec, {
      now: () => performance.now(),
      onProgress: (progress) => {
        const percent = Math.floor(progress.fraction * 100)
        if (percent >= lastPercent + 10 || (io.isErrTty && percent !== lastPercent)) {
          lastPercent = percent
          io.err(`run: ${percent}% (${progress.simTimeS.toFixed(2)} s simulated, ${progress.events} events)`)
        }
      },
    })
    recorder?.storeResult(0, result)
  } finally {
    recorder?.close()
  }
  if (db !== undefined) io.err(`run: recorded in ${db}`)
  io.out(json ? JSON.stringify({ spec, result }) : formatTable(spec, result))
  return 0
}

/** `labbench run`: one simulation point. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Simulate one configuration point and print throughput, CPU cost and LRO rate',
  usage: USAGE,
  run,
}

/** What bound the run, and the share of time each resource or limit held. */
function boundLines(bounds: RunBounds): string[] {
  const lines = [
    bounds.explanation,
    'Share of the window each resource was saturated or each limit held the sender:',
  ]
  for (const [resource, share] of Object.entries(bounds.shares)) {
    const label = BOUND_SHARE_LABELS[resource as keyof typeof BOUND_SHARE_LABELS]
    lines.push(`  ${label.padEnd(28)} ${(share * 100).toFixed(1).padStart(5)} %`)
  }
  return lines
}

/** A JSON run spec from a file, as the raw input the flags then override. */
function readSpecFile(path: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`--spec ${path}: ${(error as Error).message}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--spec ${path}: not a JSON object`)
  }
  return { ...(parsed as Record<string, unknown>) }
}
