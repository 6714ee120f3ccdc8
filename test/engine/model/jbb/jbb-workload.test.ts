import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import type { ReceiverHost } from '../../../../engine/model/host/host-api'
import { jbbParams } from '../../../../engine/model/jbb/jbb-params'
import type { SpecJbb } from '../../../../engine/model/jbb/jbb-workload'

function runJbbAlone(isXen: boolean, jbb: 'max' | number, params: Record<string, number> = {}, windowNs = 2e9, seed = 1) {
  const sim = new Simulation(seed)
  const host: ReceiverHost = createReceiverHost(sim, params, { isXen, jbb })
  sim.run({ until: 200e6 })
  host.resetWindow()
  sim.run({ until: 200e6 + windowNs })
  return { host, jbb: host.jbb as SpecJbb }
}

const defaultTransactionCycles = jbbParams.find((p) => p.id === 'jbb.transactionCycles')!.default

describe('SpecJbb', () => {
  for (const isXen of [false, true]) {
    const where = isXen ? 'in its own Xen guest' : 'natively'
    it(`alone at 'max' scores clock / transactionCycles bops ${where}`, () => {
      for (const transactionCycles of [defaultTransactionCycles, 450_000]) {
        const { jbb } = runJbbAlone(isXen, 'max', { 'jbb.transactionCycles': transactionCycles })
        const expected = 3e9 / transactionCycles
        expect(Math.abs(jbb.score() - expected) / expected).toBeLessThan(0.02)
      }
    })

    it(`alone throttled to X uses share X of the CPU ${where}`, () => {
      for (const load of [0.5, 0.2]) {
        const { host, jbb } = runJbbAlone(isXen, load, {}, 4e9)
        expect(Math.abs((host.utilization().byContext.jbb ?? 0) - load)).toBeLessThan(0.03)
        expect(jbb.thinkNs).toBeGreaterThan(0)
      }
    })
  }

  it('blocks and BOOST-wakes its vCPU when all warehouses think (Xen)', () => {
    const { host } = runJbbAlone(true, 0.3, {}, 1e9)
    const counters = host.counters()
    expect(counters.vcpuBlocks).toBeGreaterThan(100)
    expect(counters.vcpuWakes).toBeGreaterThan(100)
    expect(counters.boosts).toBeGreaterThan(0)
  })

  it('counts transactions per window and restarts at a reset', () => {
    const { jbb } = runJbbAlone(false, 'max', {}, 1e9)
    expect(jbb.transactions).toBeGreaterThan(9000)
    jbb.resetWindow()
    expect(jbb.transactions).toBe(0)
  })

  it('is reproducible from the seed and varies with it when throttled', () => {
    const a = runJbbAlone(false, 0.4, {}, 1e9, 5).jbb.transactions
    const b = runJbbAlone(false, 0.4, {}, 1e9, 5).jbb.transactions
    const c = runJbbAlone(false, 0.4, {}, 1e9, 6).jbb.transactions
    expect(a).toBe(b)
    expect(c).not.toBe(a)
  })
})
