import type { RunSpec } from '../../../../engine/experiments/spec'
import type { RunResult } from '../../../../engine/results/run-result'

/** A validated-looking run spec (what `parseRunSpec` returns), with overrides. */
export function makeSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    config: 'plro',
    env: 'direct-2009',
    mtu: 1500,
    messageSize: 16_384,
    jbb: 'off',
    durationS: 2,
    warmupS: 0.5,
    seed: 1,
    paramSet: 'default',
    params: {},
    sampleIntervalS: 0.05,
    ...overrides,
  }
}

/** A run result with a `samples`-point series; values derive from `seed` so runs differ. */
export function makeResult(samples = 100, seed = 1): RunResult {
  const timeS = Array.from({ length: samples }, (_, index) => (index + 1) * 0.05)
  return {
    throughputMbps: 900 + seed,
    throughputCi95: seed % 2 === 0 ? null : 3.25,
    lroRate: 1.5 + seed / 100,
    lroRates: { plro: 1.5, vlro: null },
    clk: 2.1 + seed / 1000,
    inst: 1.3,
    cpu: { byContext: { dom0: 0.4, guest: 0.3, hypervisor: 0.1 }, byCpu: [0.5, 0.3], total: 0.8 },
    stages: [
      {
        context: 'dom0',
        stage: 'netback.batch',
        cyclesPerPacket: 1200,
        instructionsPerPacket: 800,
        share: 0.3,
      },
    ],
    specjbbScore: null,
    counters: { frames: 1000 * seed, interrupts: 50 },
    series: {
      intervalS: 0.05,
      timeS,
      throughputMbps: timeS.map((time) => 900 + Math.sin(time * seed)),
      cpu: { dom0: timeS.map(() => 0.4), guest: timeS.map((time) => 0.3 + time / 1000) },
      cwndSegments: timeS.map((_, index) => 10 + index),
      lroRate: timeS.map((_, index) => (index % 3 === 0 ? null : 1.5 + index / samples)),
    },
    events: 123_456 * seed,
    simSeconds: 2.5,
    wallMs: 1234.5,
    stoppedEarly: seed % 2 === 0,
  }
}
