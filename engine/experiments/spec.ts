import { z } from 'zod'
import { parameterRegistry } from '../params/registry'
import { parseWithUnit } from '../params/units'
import { parameterValueProblem } from '../params/value-check'
import { describeSpecIssue } from './spec-issue-words'

/**
 * Receiver configurations. `pvlro` (LRO in both places) is a what-if beyond the paper.
 */
export const CONFIGURATIONS = ['linux', 'xen', 'plro', 'vlro', 'pvlro'] as const
export type Configuration = (typeof CONFIGURATIONS)[number]

/** Test-bed environments: the VPACT'08 switched network and the ICCET'09 cross cable. */
export const ENVIRONMENTS = ['direct-2009', 'switched-2008'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** True for the configurations that run the receiver inside a Xen PV guest. */
export function isXenConfiguration(config: Configuration): boolean {
  return config !== 'linux'
}

/** Keys a plain object turns into prototype changes when copied: refused, never silently dropped. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype']

const paramOverrides = z
  .preprocess(
    (raw, ctx) => {
      if (raw !== null && typeof raw === 'object') {
        for (const key of PROTOTYPE_KEYS) {
          if (Object.hasOwn(raw, key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `unknown parameter id "${key}"` })
            return z.NEVER
          }
        }
      }
      return raw
    },
    z.record(z.string(), z.union([z.number(), z.string()])),
  )
  .default({})
  .transform((raw, ctx) => {
    const values: Record<string, number> = {}
    for (const [id, input] of Object.entries(raw)) {
      const spec = parameterRegistry.get(id)
      if (!spec) {
        ctx.addIssue({ code: 'custom', path: [id], message: `unknown parameter id "${id}"` })
        continue
      }
      const parsed = parseWithUnit(input, spec.unit)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: [id], message: `${id}: ${parsed.message}` })
        continue
      }
      const value = parsed.value
      const problem = parameterValueProblem(spec, value)
      if (problem !== null) {
        ctx.addIssue({ code: 'custom', path: [id], message: problem })
        continue
      }
      values[id] = value
    }
    return values
  })

/**
 * One simulation run: everything needed to reproduce it bit for bit (together with the resolved
 * parameter set and the engine version).
 */
export const RunSpecSchema = z
  .object({
    /** Where the receiver runs and where LRO sits. */
    config: z.enum(CONFIGURATIONS),
    /** Test-bed environment preset (wire and switch). */
    env: z.enum(ENVIRONMENTS).default('direct-2009'),
    /** IP MTU of the physical network, bytes. */
    mtu: z.number().int().min(576).max(9000).default(1500),
    /**
     * IP MTU inside Xen's internal network (bridge, netback, netfront); defaults to `mtu`. A larger
     * value with pLRO is the paper's proposed split-MTU design.
     */
    guestMtu: z.number().int().min(576).max(65535).optional(),
    /** netperf TCP_STREAM send size (-m), bytes. */
    messageSize: z.number().int().min(1).max(1_048_576).default(16_384),
    /**
     * SPECjbb in a second guest (or as processes natively): `off`, `max` (no think time) or a CPU
     * share in (0, 1) that it would use alone on the machine.
     */
    jbb: z.union([z.literal('off'), z.literal('max'), z.number().gt(0).lt(1)]).default('off'),
    /** Measured simulated time, seconds. */
    durationS: z.number().positive().max(3600).default(2),
    /** Simulated warm-up before measurement, seconds. */
    warmupS: z.number().min(0).max(600).default(0.5),
    /** Seed of every random stream in the run. */
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    /** Name of the parameter set the overrides apply to. */
    paramSet: z.string().min(1).max(200).default('default'),
    /** Parameter overrides by id; values are numbers or strings with a unit (`125us`). */
    params: paramOverrides,
    /** Time-series sampling interval, simulated seconds. */
    sampleIntervalS: z.number().min(0.001).max(60).default(0.05),
    /** Stop early once the 95% interval half-width of throughput falls below this share of the mean. */
    stopAtRelativeCi: z.number().gt(0).lt(1).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.guestMtu !== undefined && spec.config === 'linux') {
      ctx.addIssue({
        code: 'custom',
        path: ['guestMtu'],
        message: 'guestMtu applies only to Xen configurations',
      })
    }
  })

/** A run spec as the user writes it (defaults optional). */
export type RunSpecInput = z.input<typeof RunSpecSchema>
/** A validated run spec with defaults filled and overrides converted to parameter units. */
export type RunSpec = z.output<typeof RunSpecSchema>

/** A validation problem, named by its field path. */
export interface SpecIssue {
  path: string
  message: string
}

/** Validates a run spec; returns the parsed spec or the list of issues, each naming its field. */
export function parseRunSpec(
  input: unknown,
): { ok: true; spec: RunSpec } | { ok: false; issues: SpecIssue[] } {
  const result = RunSpecSchema.safeParse(input)
  if (result.success) return { ok: true, spec: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(spec)',
      message: describeSpecIssue(issue, valueAt(input, issue.path)),
    })),
  }
}

/** The input's value at an issue's path (top-level fields only: deeper issues carry their own words). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  if (path.length !== 1 || input === null || typeof input !== 'object') return undefined
  const key = path[0]
  return typeof key === 'string' && Object.hasOwn(input, key)
    ? (input as Record<string, unknown>)[key]
    : undefined
}
