/**
 * The zod request schema of every API method. Every transport validates with these before a
 * service sees the payload, so bad input (missing fields, wrong types, huge strings, negative or
 * NaN numbers) is rejected with the field named, and nothing is written. Run specs are checked
 * structurally here and fully by the engine's `parseRunSpec` in the run service (its issues carry
 * field paths too).
 */
import { z } from 'zod'
import type { SensitivityRequestInput } from '../../engine/analysis/sensitivity-plan'
import { RUN_SORT_KEYS, RUN_STATUSES } from '../store/types'
import { CONFIGURATIONS, ENVIRONMENTS } from '../../engine/experiments/spec'

/** Longest id accepted (UUIDs are 36 characters; preset ids and set names are short). */
const ID_MAX_CHARS = 100
/** Longest name (experiment, parameter set, view). */
const NAME_MAX_CHARS = 200
/** Longest notes text. */
const NOTES_MAX_CHARS = 20_000
/** Most tags on one run or experiment, and the longest tag. */
const TAGS_MAX = 50
const TAG_MAX_CHARS = 64
/** Most runs in one request (start, compare, export). */
const RUNS_MAX = 10_000
/** Largest archive accepted over a transport, as base64 characters (~150 MB of bytes). */
const ARCHIVE_MAX_BASE64_CHARS = 200_000_000
/** Most replications of one spec. */
const REPLICATIONS_MAX = 1_000

const id = z.string().trim().min(1).max(ID_MAX_CHARS)
const name = z.string().trim().min(1).max(NAME_MAX_CHARS)
const notes = z.string().max(NOTES_MAX_CHARS)
const tags = z.array(z.string().trim().min(1).max(TAG_MAX_CHARS)).max(TAGS_MAX)
const runIds = z.array(id).min(1).max(RUNS_MAX)
const finiteNumber = z.number().finite()
/** Registry ids: dotted names (`nic.interruptRateHz`), nothing that could escape a JSON path. */
const PARAMETER_ID = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/
const jsonRecord = z.record(z.string().max(NAME_MAX_CHARS), z.unknown())

/** Methods without a request accept nothing, or an empty object (what JSON transports send). */
const noRequest = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined)

const presetOverrides = z
  .object({
    durationS: finiteNumber.positive().max(3600).optional(),
    warmupS: finiteNumber.min(0).max(600).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    paramSet: name.optional(),
    params: z.record(z.string().max(NAME_MAX_CHARS), z.union([finiteNumber, z.string().max(100)])).optional(),
    sampleIntervalS: finiteNumber.min(0.001).max(60).optional(),
  })
  .strict()

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).max(100)])

const runFilter = z
  .object({
    experimentId: id.optional(),
    config: oneOrMany(z.enum(CONFIGURATIONS)).optional(),
    mtu: z.number().int().positive().max(65_535).optional(),
    messageSize: z.number().int().positive().max(1_048_576).optional(),
    env: z.enum(ENVIRONMENTS).optional(),
    tag: z.string().min(1).max(TAG_MAX_CHARS).optional(),
    status: oneOrMany(z.enum(RUN_STATUSES)).optional(),
    paramSetName: name.optional(),
    params: z
      .record(z.string().regex(PARAMETER_ID, 'a parameter id such as nic.interruptRateHz'), finiteNumber)
      .optional(),
    text: z.string().max(NAME_MAX_CHARS).optional(),
    ids: z.array(id).max(RUNS_MAX).optional(),
    sort: z.enum(RUN_SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict()

const experimentFilter = z
  .object({
    tag: z.string().min(1).max(TAG_MAX_CHARS).optional(),
    text: z.string().max(NAME_MAX_CHARS).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict()

/** An optional request object (`undefined` / `null` mean "all defaults"). */
const optionalObject = <T extends z.ZodType>(schema: T) =>
  // A preprocess rather than a union: union errors would hide which field was wrong.
  z.preprocess((value) => value ?? undefined, schema.optional())

const startExperiment = z
  .object({
    name,
    presetId: id.optional(),
    overrides: presetOverrides.optional(),
    // Each spec is validated by the engine's parseRunSpec in the run service (issues name fields).
    specs: z.array(z.unknown()).min(1).max(RUNS_MAX).optional(),
    // Checked by the engine's own request schema when planned (issues name fields).
    sensitivity: z
      .custom<SensitivityRequestInput>((value) => typeof value === 'object' && value !== null, 'an object')
      .optional(),
    replications: z.number().int().min(1).max(REPLICATIONS_MAX).optional(),
    notes: notes.optional(),
    tags: tags.optional(),
  })
  .strict()
  .superRefine((request, context) => {
    const given = (['presetId', 'specs', 'sensitivity'] as const).filter((key) => request[key] !== undefined)
    if (given.length !== 1) {
      context.addIssue({
        code: 'custom',
        // Name the field that came on top of the usual one (specs).
        path: [given.length === 0 ? 'specs' : given.includes('sensitivity') ? 'sensitivity' : 'presetId'],
        message: 'give exactly one of presetId, specs or sensitivity',
      })
    }
  })

/**
 * Request schema of each method. A method absent from a transport's point of view does not exist:
 * the dispatcher only calls methods listed here.
 */
export const API_REQUEST_SCHEMAS = {
  getVersion: noRequest,
  ping: noRequest,
  listPresets: noRequest,
  expandPreset: z.object({ presetId: id, overrides: presetOverrides.optional() }).strict(),
  validateSpec: z.object({ spec: z.unknown() }).strict(),
  getParameterRegistry: noRequest,
  startExperiment,
  cancelExperiment: z.object({ experimentId: id }).strict(),
  listExperiments: optionalObject(experimentFilter),
  getExperiment: z.object({ experimentId: id }).strict(),
  listRuns: optionalObject(runFilter),
  getRun: z.object({ runId: id, withSeries: z.boolean().optional() }).strict(),
  tagRun: z.object({ runId: id, tags }).strict(),
  noteRun: z.object({ runId: id, notes }).strict(),
  tagExperiment: z.object({ experimentId: id, tags }).strict(),
  noteExperiment: z.object({ experimentId: id, notes }).strict(),
  deleteExperiment: z.object({ experimentId: id }).strict(),
  deleteRun: z.object({ runId: id }).strict(),
  rerun: z
    .object({ runIds: runIds.optional(), experimentId: id.optional(), name: name.optional() })
    .strict()
    .superRefine((request, context) => {
      if ((request.runIds === undefined) === (request.experimentId === undefined)) {
        context.addIssue({
          code: 'custom',
          path: ['runIds'],
          message: 'give exactly one of runIds or experimentId',
        })
      }
    }),
  compareRuns: z.object({ runIds: runIds.max(50), baselineRunId: id.optional() }).strict(),
  listParameterSets: noRequest,
  getParameterSet: z.object({ name }).strict(),
  saveParameterSet: z
    .object({
      name,
      values: z.record(z.string().min(1).max(NAME_MAX_CHARS), finiteNumber),
      provenance: jsonRecord.optional(),
    })
    .strict(),
  deleteParameterSet: z.object({ name }).strict(),
  listViews: noRequest,
  saveView: z
    .object({
      id: id.optional(),
      name,
      runIds: z.array(id).max(50),
      baselineRunId: id.nullable().optional(),
      options: jsonRecord.optional(),
    })
    .strict(),
  deleteView: z.object({ id }).strict(),
  exportArchive: optionalObject(
    z.object({ experimentIds: z.array(id).min(1).max(RUNS_MAX).optional() }).strict(),
  ),
  importArchive: optionalObject(
    z
      .object({
        bytesBase64: z
          .string()
          .min(1)
          .max(ARCHIVE_MAX_BASE64_CHARS)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
          .optional(),
        fileName: z.string().min(1).max(NAME_MAX_CHARS).optional(),
      })
      .strict(),
  ),
  exportCsv: optionalObject(z.object({ runIds: runIds.optional(), filter: runFilter.optional() }).strict()),
  startCalibration: z
    .object({
      targets: z.unknown().optional(),
      freeParameterIds: z.array(z.string().min(1).max(NAME_MAX_CHARS)).min(1).max(20),
      baseParameterSet: name.optional(),
      saveAs: name,
      maxIterations: z.number().int().min(1).max(10_000).optional(),
      durationS: finiteNumber.positive().max(60).optional(),
    })
    .strict(),
  cancelCalibration: z.object({ jobId: id }).strict(),
  listCalibrations: noRequest,
} as const

/** The validated (parsed) request of a method, as services receive it. */
export type ApiRequest<M extends keyof typeof API_REQUEST_SCHEMAS> = z.output<(typeof API_REQUEST_SCHEMAS)[M]>
