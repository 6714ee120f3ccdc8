import { MAX_RUNS_PER_EXPERIMENT } from '../../../engine/experiments/limits'
import {
  crossWithAxes,
  parseParameterAxis,
  type ParameterAxis,
} from '../../../engine/experiments/parameter-axes'
import {
  CONFIGURATIONS,
  parseRunSpec,
  type Configuration,
  type Environment,
  type RunSpec,
  type RunSpecInput,
} from '../../../engine/experiments/spec'

/**
 * The design form's model and its expansion into run specs. The form keeps lists as the text the
 * user types ("1500, 4000") so validation can point at the exact field while typing; every spec is
 * then checked with the engine's own schema (`parseRunSpec`), so the form can never accept what the
 * engine would reject.
 */

/** A SPECjbb load level as the engine takes it: off, unthrottled, or a CPU share in (0, 1). */
export type JbbLevel = 'off' | 'max' | number

/** One parameter axis as the form edits it: a parameter id and its values as typed. */
export interface ParameterAxisDraft {
  id: string
  /** Comma-separated values with units, or a range `10ms..50ms/5` (see `parseParameterAxis`). */
  valuesText: string
}

/** What the design form edits. */
export interface ExperimentDesign {
  name: string
  /** Preset the design started from, or null for a hand-made one. */
  presetId: string | null
  configs: Configuration[]
  env: Environment
  /** Comma-separated physical MTUs, bytes. */
  mtusText: string
  /** Guest (Xen internal) MTU, bytes; empty means the same as the physical MTU. */
  guestMtuText: string
  /** Comma-separated message sizes, bytes (`16K` = 16384 accepted). */
  messageSizesText: string
  /** Comma-separated SPECjbb levels: `off`, `max`, a share (0.25) or a percentage (25%). */
  jbbLevelsText: string
  durationS: number | string
  warmupS: number | string
  firstSeed: number | string
  /** Runs per grid point, with consecutive seeds from `firstSeed`. */
  replications: number | string
  paramSet: string
  /** Parameter overrides by id, as typed (`125us`); empty text means "not overridden". */
  overrides: Record<string, string>
  /** Registry parameters swept as extra axes, crossed with the grid (an axis wins over an override). */
  parameterAxes: ParameterAxisDraft[]
  /**
   * Grid points of a preset that is not a full cross product of its axes (kept as listed until
   * the user edits an axis), or null.
   */
  fixedPoints: RunSpecInput[] | null
}

/** Validation problems keyed by form field (`mtusText`, `durationS`, `params.<id>`, ...). */
export type FieldErrors = Record<string, string[]>

/** The result of expanding a design. */
export interface DesignExpansion {
  /** Validated specs, one per run, in run order; empty when anything is invalid. */
  specs: RunSpec[]
  /** One validated spec per grid point (first seed), as sent with a replication count. */
  pointSpecs: RunSpec[]
  /** Number of runs the design describes (also when invalid, if the lists parse). */
  runCount: number
  errors: FieldErrors
  isValid: boolean
}

export { MAX_RUNS_PER_EXPERIMENT }

/** A blank hand-made design with the engine's defaults. */
export function defaultDesign(): ExperimentDesign {
  return {
    name: 'New experiment',
    presetId: null,
    configs: ['xen', 'vlro'],
    env: 'direct-2009',
    mtusText: '1500',
    guestMtuText: '',
    messageSizesText: '16384',
    jbbLevelsText: 'off',
    durationS: 2,
    warmupS: 0.5,
    firstSeed: 1,
    replications: 1,
    paramSet: 'default',
    overrides: {},
    parameterAxes: [],
    fixedPoints: null,
  }
}

const SIZE_SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1048576,
}

/** Parses a comma or space separated list of byte sizes (`64, 1K, 16384`). */
export function parseSizeList(text: string): { values: number[]; errors: string[] } {
  const values: number[] = []
  const errors: string[] = []
  for (const token of splitList(text)) {
    const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(token)
    const scale = match ? SIZE_SUFFIXES[match[2].toLowerCase()] : undefined
    if (!match || scale === undefined) {
      errors.push(`"${token}" is not a size in bytes`)
      continue
    }
    values.push(Number(match[1]) * scale)
  }
  if (values.length === 0 && errors.length === 0) errors.push('enter at least one value')
  return { values: unique(values), errors }
}

/** Parses a list of SPECjbb levels: `off`, `max`, a share in (0, 1) or a percentage. */
export function parseJbbList(text: string): { values: JbbLevel[]; errors: string[] } {
  const values: JbbLevel[] = []
  const errors: string[] = []
  for (const token of splitList(text)) {
    const lower = token.toLowerCase()
    if (lower === 'off' || lower === 'max') {
      values.push(lower)
      continue
    }
    const match = /^(\d*\.?\d+)\s*(%?)$/.exec(token)
    if (!match) {
      errors.push(`"${token}" is not off, max, a share or a percentage`)
      continue
    }
    values.push(match[2] === '%' ? Number(match[1]) / 100 : Number(match[1]))
  }
  if (values.length === 0 && errors.length === 0) errors.push('enter at least one level (off for none)')
  return { values: unique(values), errors }
}

/** Expands a design into validated run specs, collecting errors per form field. */
export function expandDesign(design: ExperimentDesign): DesignExpansion {
  const errors: FieldErrors = {}
  const addError = (field: string, message: string): void => {
    const list = (errors[field] ??= [])
    if (!list.includes(message)) list.push(message)
  }
  if (design.name.trim() === '') addError('name', 'give the experiment a name')
  if (design.configs.length === 0) addError('configs', 'choose at least one configuration')
  const mtus = parseSizeList(design.mtusText)
  mtus.errors.forEach((message) => addError('mtusText', message))
  const messageSizes = parseSizeList(design.messageSizesText)
  messageSizes.errors.forEach((message) => addError('messageSizesText', message))
  const jbbLevels = parseJbbList(design.jbbLevelsText)
  jbbLevels.errors.forEach((message) => addError('jbbLevelsText', message))
  const guestMtu = design.guestMtuText.trim() === '' ? undefined : parseSizeList(design.guestMtuText)
  guestMtu?.errors.forEach((message) => addError('guestMtuText', message))
  if (guestMtu && guestMtu.values.length > 1) addError('guestMtuText', 'enter one guest MTU')

  const durationS = toNumber(design.durationS, 'durationS', addError)
  const warmupS = toNumber(design.warmupS, 'warmupS', addError)
  const firstSeed = toNumber(design.firstSeed, 'firstSeed', addError)
  const replications = toNumber(design.replications, 'replications', addError)
  if (
    replications !== undefined &&
    (!Number.isInteger(replications) || replications < 1 || replications > 1000)
  ) {
    addError('replications', 'replications must be a whole number from 1 to 1000')
  }

  const overrides: Record<string, string | number> = {}
  for (const [id, text] of Object.entries(design.overrides)) {
    if (text.trim() !== '')
      overrides[id] = /^\s*[-+]?\d*\.?\d+(e[-+]?\d+)?\s*$/i.test(text) ? Number(text) : text.trim()
  }

  const axes = parseDesignAxes(design.parameterAxes, addError)
  const points = crossWithAxes(
    gridPoints(design, mtus.values, messageSizes.values, jbbLevels.values).map((point) => ({
      ...point,
      params: overrides,
    })),
    axes,
  )
  const replicationCount =
    replications !== undefined && Number.isInteger(replications) && replications >= 1 ? replications : 1
  const runCount = points.length * replicationCount
  if (runCount > MAX_RUNS_PER_EXPERIMENT) {
    addError('replications', `${runCount} runs is more than ${MAX_RUNS_PER_EXPERIMENT}; narrow the grid`)
  }
  const specs: RunSpec[] = []
  const pointSpecs: RunSpec[] = []
  // Validate each distinct grid point once with seed firstSeed, then stamp the seeds: a grid of
  // thousands of replicated runs validates in milliseconds, so typing stays responsive. Points are
  // checked even when other fields have problems, so the form names every problem at once.
  // A grid over the run cap is refused anyway: its first points are enough to name value problems.
  const checkedPoints = runCount > MAX_RUNS_PER_EXPERIMENT ? points.slice(0, 500) : points
  for (const point of checkedPoints) {
    const input: Record<string, unknown> = {
      ...point,
      durationS,
      warmupS,
      seed: firstSeed,
      paramSet: design.paramSet,
    }
    if (guestMtu && guestMtu.values.length === 1 && point.config !== 'linux')
      input.guestMtu = guestMtu.values[0]
    const parsed = parseRunSpec(input)
    if (!parsed.ok) {
      for (const issue of parsed.issues) addError(fieldOfIssue(issue.path), issue.message)
      continue
    }
    pointSpecs.push(parsed.spec)
    if (runCount > MAX_RUNS_PER_EXPERIMENT) continue
    for (let replication = 0; replication < replicationCount; replication++) {
      specs.push({ ...parsed.spec, seed: (firstSeed ?? 1) + replication })
    }
  }
  if (firstSeed !== undefined && firstSeed + replicationCount - 1 > 4_294_967_295) {
    addError('firstSeed', 'the last seed would exceed 4294967295')
  }
  const isValid = Object.keys(errors).length === 0
  return { specs: isValid ? specs : [], pointSpecs: isValid ? pointSpecs : [], runCount, errors, isValid }
}

/**
 * The grid a design describes, as one comparable text: configurations, environment and the parsed
 * axis values in order. Two designs with the same signature run the same grid points whatever
 * the user typed (`16K` and `16384`, or the same lists in another order).
 */
export function gridSignature(design: ExperimentDesign): string {
  const sorted = <T>(values: T[]): string[] => values.map(String).sort()
  return JSON.stringify([
    sorted(design.configs),
    design.env,
    sorted(parseSizeList(design.mtusText).values),
    design.guestMtuText.trim(),
    sorted(parseSizeList(design.messageSizesText).values),
    sorted(parseJbbList(design.jbbLevelsText).values),
    design.parameterAxes.map((axis) => [axis.id, axis.valuesText.trim()]),
  ])
}

/**
 * Parses the form's parameter axes; a problem is reported on `axes.<index>` and that axis left out.
 * An axis with no parameter chosen yet and no values is ignored (a row just added).
 */
export function parseDesignAxes(
  drafts: readonly ParameterAxisDraft[],
  addError: (field: string, message: string) => void,
): ParameterAxis[] {
  const axes: ParameterAxis[] = []
  drafts.forEach((draft, index) => {
    const field = `axes.${index}`
    if (draft.id === '' && draft.valuesText.trim() === '') return
    if (draft.id === '') return addError(field, 'choose a parameter')
    if (drafts.findIndex((other) => other.id === draft.id) !== index)
      return addError(field, `${draft.id} is already an axis`)
    try {
      axes.push(parseParameterAxis(`${draft.id}=${draft.valuesText}`))
    } catch (error) {
      addError(field, (error as Error).message)
    }
  })
  return axes
}

/** What `startExperiment` receives for a design (the contract's request shape). */
export interface StartRequestShape {
  name: string
  presetId?: string
  overrides?: {
    durationS?: number
    warmupS?: number
    seed?: number
    paramSet?: string
    params?: Record<string, number | string>
  }
  specs?: unknown[]
  replications?: number
}

/**
 * Builds the start request. A design whose grid is still the preset's is sent as the preset with
 * overrides, so the experiment stays linked to the paper's figure (reference markers in Compare);
 * anything else is sent as explicit specs.
 */
export function toStartRequest(design: ExperimentDesign, expansion: DesignExpansion): StartRequestShape {
  const first = expansion.pointSpecs[0]
  const replications = Number(design.replications)
  const hasAxes = design.parameterAxes.some((axis) => axis.id !== '')
  if (design.presetId !== null && first && !hasAxes) {
    return {
      name: design.name.trim(),
      presetId: design.presetId,
      overrides: {
        durationS: first.durationS,
        warmupS: first.warmupS,
        seed: first.seed,
        paramSet: first.paramSet,
        params: { ...first.params },
      },
      replications,
    }
  }
  return { name: design.name.trim(), specs: expansion.pointSpecs, replications }
}

/** Maps a schema issue path (`mtu`, `params.x.y`) to the form field that edits it. */
export function fieldOfIssue(path: string): string {
  const [head] = path.split('.')
  switch (head) {
    case 'mtu':
      return 'mtusText'
    case 'guestMtu':
      return 'guestMtuText'
    case 'messageSize':
      return 'messageSizesText'
    case 'jbb':
      return 'jbbLevelsText'
    case 'seed':
      return 'firstSeed'
    case 'config':
      return 'configs'
    case 'params':
      return path
    default:
      return head
  }
}

/**
 * Builds a design from a preset's run specs. The axes are the distinct values; when the specs
 * are not the full cross product of those axes, they are kept as `fixedPoints`.
 */
export function designFromSpecs(
  name: string,
  presetId: string | null,
  inputs: readonly RunSpecInput[],
): ExperimentDesign {
  const design = defaultDesign()
  design.name = name
  design.presetId = presetId
  if (inputs.length === 0) return design
  const first = inputs[0]
  const configs = unique(inputs.map((spec) => spec.config))
  design.configs = CONFIGURATIONS.filter((config) => configs.includes(config))
  design.env = first.env ?? 'direct-2009'
  design.mtusText = unique(inputs.map((spec) => spec.mtu ?? 1500)).join(', ')
  const guestMtus = unique(
    inputs.map((spec) => spec.guestMtu).filter((value): value is number => value !== undefined),
  )
  design.guestMtuText = guestMtus.length === 1 ? String(guestMtus[0]) : ''
  design.messageSizesText = unique(inputs.map((spec) => spec.messageSize ?? 16384)).join(', ')
  design.jbbLevelsText = unique(inputs.map((spec) => spec.jbb ?? 'off')).join(', ')
  design.durationS = first.durationS ?? 2
  design.warmupS = first.warmupS ?? 0.5
  const seeds = unique(inputs.map((spec) => spec.seed ?? 1))
  design.firstSeed = Math.min(...seeds)
  design.replications = seeds.length
  design.paramSet = first.paramSet ?? 'default'
  design.overrides = Object.fromEntries(
    Object.entries(first.params ?? {}).map(([id, value]) => [id, String(value)]),
  )
  const points = unique(inputs.map(pointKey))
  const axesProduct =
    design.configs.length *
    parseSizeList(design.mtusText).values.length *
    parseSizeList(design.messageSizesText).values.length *
    parseJbbList(design.jbbLevelsText).values.length
  const hasMixedGuestMtu =
    guestMtus.length > 1 ||
    (guestMtus.length === 1 && inputs.some((spec) => spec.guestMtu === undefined && spec.config !== 'linux'))
  if (points.length !== axesProduct || hasMixedGuestMtu) {
    design.fixedPoints = uniqueBy(inputs, pointKey).map((spec) => ({
      config: spec.config,
      env: spec.env,
      mtu: spec.mtu,
      guestMtu: spec.guestMtu,
      messageSize: spec.messageSize,
      jbb: spec.jbb,
    }))
  }
  return design
}

/** Estimated wall time of a list of runs on `workerCount` parallel workers, in seconds. */
export function estimateWallSeconds(
  specs: readonly Pick<RunSpec, 'durationS' | 'warmupS'>[],
  wallSecondsPerSimSecond: number,
  workerCount: number,
): number {
  if (specs.length === 0) return 0
  const perRun = specs.map((spec) => (spec.durationS + spec.warmupS) * wallSecondsPerSimSecond)
  const total = perRun.reduce((sum, value) => sum + value, 0)
  // A pool cannot finish before its longest run, nor faster than perfect sharing.
  return Math.max(total / Math.max(1, workerCount), Math.max(...perRun))
}

/** Formats seconds as `45 s`, `3 min 20 s` or `2 h 5 min`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return '< 1 s'
  if (seconds < 60) return `${Math.round(seconds)} s`
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60)
    const rest = Math.round(seconds - minutes * 60)
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
  }
  const hours = Math.floor(seconds / 3600)
  return `${hours} h ${Math.round((seconds - hours * 3600) / 60)} min`
}

interface GridPoint {
  config: Configuration
  env: Environment
  mtu?: number
  guestMtu?: number
  messageSize?: number
  jbb?: JbbLevel
}

function gridPoints(
  design: ExperimentDesign,
  mtus: number[],
  messageSizes: number[],
  jbbLevels: JbbLevel[],
): GridPoint[] {
  if (design.fixedPoints) {
    return design.fixedPoints.map((point) => ({ ...point, env: design.env }) as GridPoint)
  }
  const points: GridPoint[] = []
  for (const config of design.configs) {
    for (const mtu of mtus) {
      for (const messageSize of messageSizes) {
        for (const jbb of jbbLevels) points.push({ config, env: design.env, mtu, messageSize, jbb })
      }
    }
  }
  return points
}

function pointKey(spec: RunSpecInput): string {
  return [spec.config, spec.env, spec.mtu, spec.guestMtu, spec.messageSize, spec.jbb].join('|')
}

function toNumber(
  value: number | string,
  field: string,
  addError: (field: string, message: string) => void,
): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  const text = String(value).trim()
  if (text === '') {
    addError(field, 'required')
    return undefined
  }
  const number = Number(text)
  if (!Number.isFinite(number)) {
    addError(field, `"${text}" is not a number`)
    return undefined
  }
  return number
}

function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((token) => token.trim())
    .filter((token) => token !== '')
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const k = key(value)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
