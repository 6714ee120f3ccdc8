import { z } from 'zod'

/**
 * A named parameter set saved as JSON (`engine/params/sets/<name>.json`, or the user's data folder
 * when the app saves it): values by parameter id, and where they came from. The calibrated default
 * lives in `default.ts`; user fits made by `calibrate` use this file shape.
 */

/** How a fitted set was obtained, so a result can be traced to the data it was fitted on. */
export const FitProvenanceSchema = z.object({
  /** sha256 (hex) of the targets file the set was fitted to. */
  targetsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** File name of the targets, for people. */
  targetsFile: z.string().optional(),
  /** ISO 8601 date of the fit (passed in by the caller; the engine reads no clock). */
  date: z.string().min(1),
  engineVersion: z.string().min(1),
  /** Parameter set the fit started from. */
  baseSet: z.string().min(1),
  /** Parameters the optimizer moved. */
  free: z.array(z.string()).min(1),
  objective: z.number(),
  startObjective: z.number(),
  evaluations: z.number().int().min(0),
  hasConverged: z.boolean(),
  /** Relative error per target quantity at the fitted values. */
  errors: z.array(
    z.object({
      targetId: z.string(),
      quantity: z.string(),
      relativeError: z.number().nullable(),
      tolerance: z.number(),
      pass: z.boolean(),
    }),
  ),
  /** Simulated seconds per point used while fitting. */
  durationS: z.number().positive(),
  warmupS: z.number().min(0),
  seed: z.number().int().min(0),
})

/** A parameter-set file. */
export const ParamSetFileSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dot, dash or underscore'),
  description: z.string().optional(),
  /** Values by parameter id; ids not listed take the base set's values. */
  values: z.record(z.string(), z.number()),
  provenance: FitProvenanceSchema.optional(),
})

/** A parsed parameter-set file. */
export type ParamSetFile = z.output<typeof ParamSetFileSchema>
/** Provenance of a fitted set. */
export type FitProvenance = z.output<typeof FitProvenanceSchema>
