/**
 * Parameter declarations, in the spirit of ns-3's attributes: every parameter is declared once, next
 * to the component that reads it, with its unit, default, range, meaning and provenance. The
 * registry collects the declarations; the renderer builds its forms from them.
 */

/** Where a default value comes from. */
export type Provenance =
  /** Read in the Xen or Linux source code (cite file and symbol in `source`). */
  | 'source'
  /** Taken from the literature (cite the paper in `source`). */
  | 'literature'
  /** Fitted to the calibration targets by the `calibrate` command. */
  | 'fitted'
  /** A modelling choice with no better evidence; documented in docs/MODEL.md. */
  | 'assumed'
  /**
   * An unpublished fact of a test bed (its sender, NIC and bus, socket settings, driver
   * moderation), identified from the calibration data within a plausible range
   * (engine/model/net/testbeds.ts). Used for the environment's values, never as a registry default.
   */
  | 'identified'

/** A numeric parameter. Enumerations are numeric too, with `choices` naming the values. */
export interface ParamSpec {
  /** Dotted id, e.g. `xen.netback.batchCycles`. */
  readonly id: string
  /** Unit of the value, e.g. `cycles`, `cycles/byte`, `ns`, `packets`, `bool`, `ratio`. */
  readonly unit: string
  readonly default: number
  readonly min: number
  readonly max: number
  /** True when only whole numbers are allowed. */
  readonly isInteger?: boolean
  /** For enumerations: value -> label (e.g. { 0: 'copy', 1: 'flip' }). */
  readonly choices?: Readonly<Record<number, string>>
  /** One line: what the parameter means. */
  readonly help: string
  readonly provenance: Provenance
  /** Citation: source file and symbol, or paper and section. */
  readonly source?: string
  /** Group shown in the parameter panel, e.g. `Xen netback`. */
  readonly group: string
  /** Set when a parameter is kept for old archives but should no longer be used. */
  readonly deprecated?: string
}

/** A complete or partial assignment of values to parameter ids. */
export type ParamValues = Readonly<Record<string, number>>

/** Declares a component's parameters, checking each default lies in its own range. */
export function defineParams<const T extends readonly ParamSpec[]>(specs: T): T {
  for (const spec of specs) {
    if (!(spec.default >= spec.min && spec.default <= spec.max)) {
      throw new RangeError(`Parameter ${spec.id}: default ${spec.default} outside [${spec.min}, ${spec.max}]`)
    }
    if (spec.isInteger && !Number.isInteger(spec.default)) {
      throw new RangeError(`Parameter ${spec.id}: default ${spec.default} must be an integer`)
    }
  }
  return specs
}
