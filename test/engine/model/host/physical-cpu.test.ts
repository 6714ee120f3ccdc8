import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import { WorkLevel } from '../../../../engine/model/host/host-api'

/** Native host with SPECjbb: softirq items of `cycles` every `periodNs`. */
function runWithPeriodicSoftirq(params: Record<string, number>, jbb: 'off' | 'max', periodNs: number) {
  const sim = new Simulation(1)
  const host = createReceiverHost(sim, params, { isXen: false, jbb })
  const stage = host.ledger.stage('kernel', 'napi')
  let posted = 0
  const tick = sim.register('tick', () => {
    posted++
    host.driverKernel.post(WorkLevel.SoftIrq, stage, 30_000, 30_000, () => undefined, 0)
    sim.schedule(periodNs, tick)
  })
  sim.schedule(periodNs, tick)
  sim.run({ until: 100e6 })
  host.resetWindow()
  posted = 0
  sim.run({ until: 1100e6 })
  const napi = host.ledger.entries().find((e) => e.stage === 'napi')!
  return { host, napi, posted }
}

describe('PhysicalCpu cache interference', () => {
  it('inflates network cycles after SPECjbb by the interference share, instructions unchanged', () => {
    const { napi, posted } = runWithPeriodicSoftirq({ 'jbb.cacheInterference': 0.2 }, 'max', 200_000)
    // Each softirq arrives while SPECjbb holds the CPU, so every one runs cache-cold.
    expect(napi.cycles / posted).toBeCloseTo(30_000 * 1.2, 0)
    expect(napi.instructions / posted).toBeCloseTo(30_000, 6)
  })

  it('leaves network work alone without SPECjbb, or when the window has passed', () => {
    const alone = runWithPeriodicSoftirq({ 'jbb.cacheInterference': 0.2 }, 'off', 200_000)
    expect(alone.napi.cycles / alone.posted).toBeCloseTo(30_000, 6)
    const off = runWithPeriodicSoftirq({ 'jbb.cacheInterference': 0 }, 'max', 200_000)
    expect(off.napi.cycles / off.posted).toBeCloseTo(30_000, 6)
  })

  it('slows SPECjbb when network work keeps evicting its cache', () => {
    const quiet = runWithPeriodicSoftirq({ 'jbb.cacheInterference': 0 }, 'max', 200_000)
    const noisy = runWithPeriodicSoftirq({ 'jbb.cacheInterference': 0.5 }, 'max', 200_000)
    const quietScore = quiet.host.jbb!.transactions
    const noisyScore = noisy.host.jbb!.transactions
    // Network work takes 10 us per 200 us; the inflated transactions lose clearly more than that.
    expect(noisyScore).toBeLessThan(quietScore * 0.8)
  })
})
