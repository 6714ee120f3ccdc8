import type { RunSpecInput } from '../experiments/spec'
import { mean } from './compare'
import { pointSpec, type EvaluationOptions } from './evaluation-points'
import type { PointSet } from './point-set'

/**
 * The paper's statements checked as rules. `qualitative` rules restate the targets file's
 * `qualitative` list (shape of the curves, direction and size of the LRO effects) and fail a
 * validation like a tolerance miss. `informational` rules are the paper's consolidated findings,
 * which are deliberately NOT calibration targets: they test whether the mechanisms, fitted on the
 * standalone numbers, predict the consolidated result on their own.
 */

/** Whether a failed rule fails the validation. */
export type RuleKind = 'qualitative' | 'informational'

/** The outcome of one rule. */
export interface RuleOutcome {
  id: string
  kind: RuleKind
  /** The paper's statement, in words. */
  statement: string
  pass: boolean
  /** What was measured against what threshold, in one line. */
  detail: string
  /** The numbers behind the verdict, by name. */
  values: Record<string, number | null>
}

/** A rule: the points it needs and how it judges them. */
export interface QualitativeRule {
  id: string
  kind: RuleKind
  statement: string
  points(options: RuleOptions): RunSpecInput[]
  check(points: PointSet, options: RuleOptions): Pick<RuleOutcome, 'pass' | 'detail' | 'values'>
}

/** Evaluation options plus the SPECjbb loads of the consolidated check. */
export interface RuleOptions extends EvaluationOptions {
  /** SPECjbb loads (CPU share alone, or `max`) of the consolidated check, Figure 6's sweep. */
  consolidatedLoads: readonly (number | 'max')[]
  /**
   * Seeds averaged per consolidated point (from `seed` on): SPECjbb's think times and the scheduler
   * make one short run swing by +-10 %, more than the effect the check looks for.
   */
  consolidatedSeeds: number
  /** Measured seconds of each consolidated point: the credit scheduler's 30 ms slices need more than 1 s. */
  consolidatedDurationS: number
}

const PAPER_CONFIGS = ['linux', 'xen', 'plro', 'vlro'] as const
const XEN_CONFIGS = ['xen', 'plro', 'vlro'] as const
type PaperConfig = (typeof PAPER_CONFIGS)[number]

/** "Far lower": small messages must reach at most this share of the flat level. */
export const SMALL_MESSAGE_MAX_SHARE = 0.85
/** "Almost flat": spread of throughput over the sizes from 256 B up, relative to the largest. */
export const FLAT_MAX_SPREAD = 0.05

function direct1500(config: PaperConfig, messageSize: number, options: RuleOptions): RunSpecInput {
  return pointSpec({ config, env: 'direct-2009', mtu: 1500, messageSize }, options)
}

function tableOne(config: PaperConfig, options: RuleOptions): RunSpecInput {
  return pointSpec(
    { config, env: 'switched-2008', mtu: 1500, messageSize: options.defaultMessageSizeBytes },
    options,
  )
}

function consolidated(
  config: PaperConfig,
  load: number | 'max',
  options: RuleOptions,
  replication: number,
): RunSpecInput {
  return pointSpec(
    { config, env: 'direct-2009', mtu: 1500, messageSize: 1024, jbb: load },
    { ...options, seed: options.seed + replication, durationS: options.consolidatedDurationS },
  )
}

/** Mean consolidated throughput of a configuration over the check's seeds. */
function consolidatedThroughput(
  points: PointSet,
  config: PaperConfig,
  load: number | 'max',
  options: RuleOptions,
): number {
  let sum = 0
  for (let replication = 0; replication < options.consolidatedSeeds; replication++) {
    sum += points.result(consolidated(config, load, options, replication)).throughputMbps
  }
  return sum / options.consolidatedSeeds
}

function flatThroughput(points: PointSet, config: PaperConfig, options: RuleOptions): number[] {
  return options.sizesFromAtLeast256.map(
    (size) => points.result(direct1500(config, size, options)).throughputMbps,
  )
}

function percent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`
}

function inRange(value: number, low: number, high: number): boolean {
  return value >= low && value <= high
}

/** Every rule, in report order. */
export const QUALITATIVE_RULES: readonly QualitativeRule[] = [
  {
    id: 'small-messages-far-lower',
    kind: 'qualitative',
    statement: 'MTU 1500: throughput is far lower at 64 B and 128 B messages than at 256 B and above.',
    points: (options) =>
      PAPER_CONFIGS.flatMap((config) =>
        [64, 128, ...options.sizesFromAtLeast256].map((size) => direct1500(config, size, options)),
      ),
    check(points, options) {
      const values: Record<string, number> = {}
      const failures: string[] = []
      for (const config of PAPER_CONFIGS) {
        const flatLevel = Math.min(...flatThroughput(points, config, options))
        for (const size of [64, 128]) {
          const share = points.result(direct1500(config, size, options)).throughputMbps / flatLevel
          values[`${config}.${size}B/flat`] = share
          if (!(share <= SMALL_MESSAGE_MAX_SHARE))
            failures.push(`${config} ${size} B at ${(share * 100).toFixed(0)}%`)
        }
      }
      return {
        pass: failures.length === 0,
        detail:
          failures.length === 0
            ? `64 B and 128 B stay below ${SMALL_MESSAGE_MAX_SHARE * 100}% of the >=256 B level in every configuration`
            : `not far lower (limit ${SMALL_MESSAGE_MAX_SHARE * 100}% of the >=256 B level): ${failures.join(', ')}`,
        values,
      }
    },
  },
  {
    id: 'flat-from-256',
    kind: 'qualitative',
    statement: 'MTU 1500: from 256 B up throughput is almost flat for every configuration.',
    points: (options) =>
      PAPER_CONFIGS.flatMap((config) =>
        options.sizesFromAtLeast256.map((size) => direct1500(config, size, options)),
      ),
    check(points, options) {
      const values: Record<string, number> = {}
      const failures: string[] = []
      for (const config of PAPER_CONFIGS) {
        const throughputs = flatThroughput(points, config, options)
        const spread = (Math.max(...throughputs) - Math.min(...throughputs)) / Math.max(...throughputs)
        values[`${config}.spread`] = spread
        if (!(spread <= FLAT_MAX_SPREAD)) failures.push(`${config} spreads ${(spread * 100).toFixed(1)}%`)
      }
      return {
        pass: failures.length === 0,
        detail:
          failures.length === 0
            ? `spread over ${options.sizesFromAtLeast256.join('/')} B <= ${FLAT_MAX_SPREAD * 100}% everywhere`
            : `not flat (limit ${FLAT_MAX_SPREAD * 100}%): ${failures.join(', ')}`,
        values,
      }
    },
  },
  {
    id: 'table1-plro-cheaper-not-faster',
    kind: 'qualitative',
    statement:
      "Table I: pLRO cuts the receiver's cycles and instructions well below Xen's but barely raises throughput.",
    points: (options) => XEN_CONFIGS.map((config) => tableOne(config, options)),
    check(points, options) {
      const xen = points.result(tableOne('xen', options))
      const plro = points.result(tableOne('plro', options))
      const clkRatio = plro.clk / xen.clk
      const instRatio = plro.inst / xen.inst
      const gain = plro.throughputMbps / xen.throughputMbps - 1
      // Paper: clk 0.82x, inst 0.75x, throughput +0.6 %.
      const pass = clkRatio <= 0.92 && instRatio <= 0.92 && Math.abs(gain) < 0.03
      return {
        pass,
        detail: `plro/xen clk ${clkRatio.toFixed(3)} (paper 0.825, need <= 0.92), inst ${instRatio.toFixed(3)} (0.749, <= 0.92), throughput ${percent(gain)} (+0.6%, |gain| < 3%)`,
        values: { clkRatio, instRatio, throughputGain: gain },
      }
    },
  },
  {
    id: 'table1-vlro-faster-slightly-costlier',
    kind: 'qualitative',
    statement:
      'Table I: vLRO raises throughput by about 22% while costing slightly more cycles and instructions than Xen.',
    points: (options) => XEN_CONFIGS.map((config) => tableOne(config, options)),
    check(points, options) {
      const xen = points.result(tableOne('xen', options))
      const vlro = points.result(tableOne('vlro', options))
      const gain = vlro.throughputMbps / xen.throughputMbps - 1
      const clkRatio = vlro.clk / xen.clk
      const instRatio = vlro.inst / xen.inst
      // Paper: +21.7 % throughput, clk 1.016x, inst 1.046x.
      const pass =
        inRange(gain, 0.17, 0.27) && inRange(clkRatio, 0.98, 1.12) && inRange(instRatio, 0.98, 1.12)
      return {
        pass,
        detail: `vlro/xen throughput ${percent(gain)} (paper +21.7%, need 17..27%), clk ${clkRatio.toFixed(3)} (1.016, 0.98..1.12), inst ${instRatio.toFixed(3)} (1.046, 0.98..1.12)`,
        values: { throughputGain: gain, clkRatio, instRatio },
      }
    },
  },
  {
    id: 'standalone-2009-gains',
    kind: 'qualitative',
    statement:
      'Standalone (one guest), MTU 1500: LRO in the physical and virtual NIC raise throughput by about 5% and 12% over Xen.',
    points: (options) =>
      XEN_CONFIGS.flatMap((config) =>
        options.sizesFromAtLeast256.map((size) => direct1500(config, size, options)),
      ),
    check(points, options) {
      const xen = mean(flatThroughput(points, 'xen', options))
      const plroGain = mean(flatThroughput(points, 'plro', options)) / xen - 1
      const vlroGain = mean(flatThroughput(points, 'vlro', options)) / xen - 1
      const pass = inRange(plroGain, 0.02, 0.08) && inRange(vlroGain, 0.08, 0.16) && vlroGain > plroGain
      return {
        pass,
        detail: `over xen: plro ${percent(plroGain)} (paper +5%, need 2..8%), vlro ${percent(vlroGain)} (+12%, 8..16%), vlro > plro`,
        values: { plroGain, vlroGain },
      }
    },
  },
  {
    id: 'consolidated-lro-gains',
    kind: 'informational',
    statement:
      'With SPECjbb (W = 4) on the same CPU, LRO improves throughput by up to about 8% (pLRO) and 14% (vLRO); vLRO helps more than pLRO. (Not a calibration target.)',
    points: (options) =>
      XEN_CONFIGS.flatMap((config) =>
        options.consolidatedLoads.flatMap((load) =>
          Array.from({ length: options.consolidatedSeeds }, (_, replication) =>
            consolidated(config, load, options, replication),
          ),
        ),
      ),
    check(points, options) {
      const values: Record<string, number | null> = {}
      let plroBest = -Infinity
      let vlroBest = -Infinity
      for (const load of options.consolidatedLoads) {
        const xen = consolidatedThroughput(points, 'xen', load, options)
        const plroGain = consolidatedThroughput(points, 'plro', load, options) / xen - 1
        const vlroGain = consolidatedThroughput(points, 'vlro', load, options) / xen - 1
        values[`plroGain@${load}`] = plroGain
        values[`vlroGain@${load}`] = vlroGain
        plroBest = Math.max(plroBest, plroGain)
        vlroBest = Math.max(vlroBest, vlroGain)
      }
      values.plroBestGain = plroBest
      values.vlroBestGain = vlroBest
      const pass =
        plroBest > 0 && vlroBest > plroBest && inRange(plroBest, 0.02, 0.16) && inRange(vlroBest, 0.06, 0.25)
      return {
        pass,
        detail: `best gain over xen at SPECjbb loads ${options.consolidatedLoads.join('/')} (mean of ${options.consolidatedSeeds} seeds of ${options.consolidatedDurationS} s): plro ${percent(plroBest)} (paper up to +8%), vlro ${percent(vlroBest)} (up to +14%)`,
        values,
      }
    },
  },
]
