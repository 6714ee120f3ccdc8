import type { RunSpec } from '../../../engine/experiments/spec'
import type { RunResult } from '../../../engine/results/run-result'

/**
 * A tiny analytic stand-in for the engine, used to test the calibration and validation machinery
 * (optimizer, comparisons, rules, reporting), not the model. It reproduces the shipped targets when
 * its knobs sit at their "true" values and drifts away smoothly otherwise.
 */

/** The knob the calibration tests fit: scales every Xen throughput. */
export const FAKE_XEN_SPEED_ID = 'test.fake.xenSpeed'
/** The knob's value at which the fake reproduces the targets. */
export const FAKE_XEN_SPEED_TRUE = 2

const FLAT_THROUGHPUT: Record<string, Record<string, number>> = {
  'switched-2008': { linux: 557.0, xen: 505.4, plro: 508.4, vlro: 615.3, pvlro: 615.3 },
  'direct-2009': { linux: 718.5, xen: 565.9, plro: 603.6, vlro: 633.8, pvlro: 633.8 },
}
const CLK: Record<string, number> = { linux: 6.27, xen: 9.71, plro: 8.01, vlro: 9.87, pvlro: 9.0 }
const INST: Record<string, number> = { linux: 6.3, xen: 7.16, plro: 5.36, vlro: 7.49, pvlro: 6.0 }

/** Adjustments a test applies to the fake's output. */
export interface FakeEngineTweaks {
  /** Multiplies throughput of one config everywhere. */
  throughputScale?: Partial<Record<string, number>>
  /** Multiplies throughput of messages of exactly this size. */
  sizeScale?: Partial<Record<number, number>>
}

/** The fake's result for a spec. */
export function fakeRun(spec: RunSpec, tweaks: FakeEngineTweaks = {}): RunResult {
  let throughputMbps = FLAT_THROUGHPUT[spec.env][spec.config]
  if (spec.config === 'linux' && spec.mtu >= 4000) throughputMbps = 826.3
  // Sender-bound small messages, as netperf's per-send() cost makes them.
  if (spec.messageSize < 256) throughputMbps *= spec.messageSize / 256
  if (spec.config !== 'linux') {
    const speed = spec.params[FAKE_XEN_SPEED_ID] ?? FAKE_XEN_SPEED_TRUE
    throughputMbps *= 1 + 0.3 * Math.log(speed / FAKE_XEN_SPEED_TRUE)
  }
  if (spec.jbb !== 'off') {
    const load = spec.jbb === 'max' ? 1 : spec.jbb
    const gain = spec.config === 'plro' ? 1.06 : spec.config === 'vlro' ? 1.12 : 1
    throughputMbps =
      (throughputMbps * (1 - 0.5 * load) * gain) /
      (FLAT_THROUGHPUT[spec.env][spec.config] / FLAT_THROUGHPUT[spec.env].xen)
  }
  throughputMbps *= tweaks.throughputScale?.[spec.config] ?? 1
  throughputMbps *= tweaks.sizeScale?.[spec.messageSize] ?? 1
  const lroRate =
    spec.config === 'plro'
      ? spec.env === 'switched-2008'
        ? 1.99
        : 2.7
      : spec.config === 'vlro'
        ? spec.env === 'switched-2008'
          ? 4.92
          : 3.5
        : null
  return {
    throughputMbps,
    throughputCi95: null,
    lroRate,
    lroRates: {
      plro: spec.config === 'plro' ? lroRate : null,
      vlro: spec.config === 'vlro' ? lroRate : null,
    },
    clk: CLK[spec.config] * (1 + spec.seed * 1e-6),
    inst: INST[spec.config],
    cpu: { byContext: {}, byCpu: [0.2], total: 0.2 + spec.seed * 0.01 },
    stages: [],
    specjbbScore: spec.jbb === 'off' ? null : 10_000,
    counters: {},
    series: { intervalS: 0.05, timeS: [], throughputMbps: [], cpu: {}, cwndSegments: [], lroRate: [] },
    events: 1,
    simSeconds: spec.durationS + spec.warmupS,
    wallMs: 0,
    stoppedEarly: false,
  }
}
