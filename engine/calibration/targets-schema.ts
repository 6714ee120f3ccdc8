import { z } from 'zod'
import { CONFIGURATIONS, ENVIRONMENTS } from '../experiments/spec'

/**
 * The shape of a calibration-targets file: the shipped Oi & Nakajima (2009) targets
 * (`targets/oi-nakajima-2009.json`) and any user's own measurements in the same shape.
 */

/** Relative tolerances per compared quantity (e.g. 0.03 = 3 %). */
export const ToleranceSchema = z
  .object({
    throughputMbps: z.number().positive().default(0.03),
    lroRate: z.number().positive().default(0.1),
    /** clk of a configuration divided by clk of `linux` in the same environment. */
    clkRatioToLinux: z.number().positive().default(0.1),
    /** inst of a configuration divided by inst of `linux` in the same environment. */
    instRatioToLinux: z.number().positive().default(0.1),
    note: z.string().optional(),
  })
  .loose()

/** One measured point: a configuration in an environment, and what was measured there. */
export const TargetSchema = z
  .object({
    id: z.string().min(1),
    env: z.enum(ENVIRONMENTS),
    config: z.enum(CONFIGURATIONS),
    mtu: z.number().int().min(576).max(9000),
    /** One send size in bytes, or `>=256`: the value holds for every size from 256 B up. */
    messageSizes: z.union([z.literal('>=256'), z.number().int().positive()]).optional(),
    throughputMbps: z.number().positive().nullable().optional(),
    /** Receiver cycles per 10^10 B, units of 10^10 (Table I). */
    clk: z.number().positive().nullable().optional(),
    /** Receiver instructions per 10^10 B, units of 10^10 (Table I). */
    inst: z.number().positive().nullable().optional(),
    lroRate: z.number().min(1).nullable().optional(),
    /** The LRO rate is only known to lie in this closed range. */
    lroRateRange: z.tuple([z.number().min(1), z.number().min(1)]).optional(),
    /** Relative weight of this target in the calibration objective (default 1). */
    weight: z.number().min(0).optional(),
    derivedFrom: z.string().optional(),
  })
  .loose()

/** A whole targets file. Unknown descriptive fields (units, environments, notes) are kept. */
export const TargetsFileSchema = z
  .object({
    source: z.string().optional(),
    tolerance: ToleranceSchema.default({
      throughputMbps: 0.03,
      lroRate: 0.1,
      clkRatioToLinux: 0.1,
      instRatioToLinux: 0.1,
    }),
    targets: z.array(TargetSchema).min(1),
    qualitative: z.array(z.string()).default([]),
    messageSizeNote: z.string().optional(),
  })
  .loose()
  .superRefine((file, ctx) => {
    const seen = new Set<string>()
    file.targets.forEach((target, index) => {
      if (seen.has(target.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'id'],
          message: `duplicate target id "${target.id}"`,
        })
      }
      seen.add(target.id)
      const range = target.lroRateRange
      if (range && range[0] > range[1]) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'lroRateRange'],
          message: 'range is reversed',
        })
      }
      if ((target.clk != null || target.inst != null) && target.config !== 'linux') {
        const hasLinux = file.targets.some(
          (other) =>
            other.config === 'linux' &&
            other.env === target.env &&
            other.mtu === target.mtu &&
            other.clk != null,
        )
        if (!hasLinux) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', index],
            message: `clk/inst are compared as ratios to linux: add a linux target with clk for ${target.env}, MTU ${target.mtu}`,
          })
        }
      }
    })
  })

/** A parsed targets file. */
export type TargetsFile = z.output<typeof TargetsFileSchema>
/** One parsed target. */
export type Target = z.output<typeof TargetSchema>
/** Parsed tolerances. */
export type Tolerances = z.output<typeof ToleranceSchema>

/** Parses a targets file, naming the failing field in the error. */
export function parseTargetsFile(
  input: unknown,
): { ok: true; file: TargetsFile } | { ok: false; message: string } {
  const result = TargetsFileSchema.safeParse(input)
  if (result.success) return { ok: true, file: result.data }
  const message = result.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`)
    .join('; ')
  return { ok: false, message }
}
