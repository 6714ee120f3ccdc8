import type { RunSpecInput } from '../experiments/spec'
import { splitScoped } from '../params/environment-scoped'
import type { Target, TargetsFile } from './targets-schema'

/**
 * How targets map to simulation points. A target names a configuration, environment and MTU; the
 * message size comes from the target or, when it says `>=256`, from a list of representative sizes
 * (the paper's curves are flat from 256 B up, so every size in that list must match).
 */

/** Knobs shared by every point of a validation or calibration pass. */
export interface EvaluationOptions {
  /** Measured simulated seconds per point. */
  durationS: number
  /** Simulated warm-up seconds per point. */
  warmupS: number
  /** Seed of every point (replications are the sweep command's business). */
  seed: number
  /** Sizes evaluated for `messageSizes: ">=256"` targets. */
  sizesFromAtLeast256: readonly number[]
  /**
   * Size for targets that state none. Table I does not state it; netperf's default send size is the
   * local send socket buffer, 16384 B on Linux 2.6.18 (targets file, messageSizeNote).
   */
  defaultMessageSizeBytes: number
  /**
   * Parameter overrides added to every point (the calibrator's candidate values); `ENV:id` keys
   * apply to that environment's points only.
   */
  params?: Readonly<Record<string, number>>
}

/**
 * Defaults sized for CI: about 1.5 simulated seconds per point. 256 B and 16 KB bracket the flat
 * region; 1 KB is the size of the paper's consolidation experiment (Figure 6).
 */
export const DEFAULT_EVALUATION_OPTIONS: EvaluationOptions = {
  durationS: 1,
  warmupS: 0.5,
  seed: 1,
  sizesFromAtLeast256: [256, 1024, 16384],
  defaultMessageSizeBytes: 16384,
}

/** The message sizes a target is evaluated at. */
export function targetMessageSizes(target: Target, options: EvaluationOptions): number[] {
  if (target.messageSizes === '>=256') return [...options.sizesFromAtLeast256]
  if (typeof target.messageSizes === 'number') return [target.messageSizes]
  return [options.defaultMessageSizeBytes]
}

/** One run spec per message size of a target. */
export function targetSpecs(target: Target, options: EvaluationOptions): RunSpecInput[] {
  return targetMessageSizes(target, options).map((messageSize) =>
    pointSpec({ config: target.config, env: target.env, mtu: target.mtu, messageSize }, options),
  )
}

/**
 * The linux target clk/inst ratios of `target` are taken against: same environment and MTU. The
 * schema guarantees it exists whenever `target` has clk or inst.
 */
export function linuxReferenceOf(target: Target, file: TargetsFile): Target | undefined {
  return file.targets.find(
    (other) =>
      other.config === 'linux' && other.env === target.env && other.mtu === target.mtu && other.clk != null,
  )
}

/** A full point spec from the varying fields and the shared options. */
export function pointSpec(
  point: Pick<RunSpecInput, 'config' | 'env' | 'mtu' | 'messageSize' | 'jbb' | 'guestMtu'>,
  options: EvaluationOptions,
): RunSpecInput {
  const spec: RunSpecInput = {
    ...point,
    durationS: options.durationS,
    warmupS: options.warmupS,
    seed: options.seed,
  }
  if (options.params && Object.keys(options.params).length > 0) {
    // Values scoped to a test bed (`ENV:id`, a calibration's identified parameters) apply to its points only.
    const { shared, scoped } = splitScoped(options.params, point.env ?? 'direct-2009')
    const params = { ...shared, ...scoped }
    if (Object.keys(params).length > 0) spec.params = params
  }
  return spec
}
