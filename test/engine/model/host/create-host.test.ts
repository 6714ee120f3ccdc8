import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import { WorkLevel } from '../../../../engine/model/host/host-api'
import { parameterRegistry } from '../../../../engine/params/registry'

const postKinds = ['hardirq', 'softirq', 'thread', 'physicalIrq', 'notify'] as const

const workMix = fc.record({
  isXen: fc.boolean(),
  cpuCount: fc.integer({ min: 1, max: 3 }),
  jbb: fc.constantFrom<'off' | 'max' | number>('off', 'max', 0.3),
  resetAtNs: fc.integer({ min: 1, max: 150e6 }),
  posts: fc.array(
    fc.record({
      atNs: fc.integer({ min: 0, max: 100e6 }),
      toReceiver: fc.boolean(),
      kind: fc.constantFrom(...postKinds),
      cycles: fc.integer({ min: 0, max: 2_000_000 }),
    }),
    { maxLength: 60 },
  ),
})

describe('createReceiverHost', () => {
  it('never makes a CPU busier than 100% and completes every item exactly once (random work mixes)', () => {
    fc.assert(
      fc.property(workMix, (mix) => {
        const sim = new Simulation(3)
        const host = createReceiverHost(sim, { 'host.cpu.count': mix.cpuCount }, { isXen: mix.isXen, jbb: mix.jbb })
        const stage = host.ledger.stage('kernel', 'random')
        const threads = [host.driverKernel.createThread('t0', 'kernel'), host.receiverKernel.createThread('t1', 'netserver')]
        const completions = new Array<number>(mix.posts.length).fill(0)
        const onDone = (index: number): void => void completions[index]++
        const post = sim.register('post', (index) => {
          const item = mix.posts[index]
          const kernel = item.toReceiver ? host.receiverKernel : host.driverKernel
          const kind = !host.isXen && item.kind === 'notify' ? 'softirq' : item.kind
          if (kind === 'hardirq') kernel.post(WorkLevel.HardIrq, stage, item.cycles, 1, onDone, index)
          else if (kind === 'softirq') kernel.post(WorkLevel.SoftIrq, stage, item.cycles, 1, onDone, index)
          else if (kind === 'thread') threads[item.toReceiver ? 1 : 0].post(stage, item.cycles, 1, onDone, index)
          else if (kind === 'physicalIrq') host.raisePhysicalIrq(stage, item.cycles, 1, onDone, index)
          else host.notify(kernel, stage, item.cycles, 1, onDone, index)
        })
        mix.posts.forEach((item, index) => sim.schedule(item.atNs, post, index))
        sim.run({ until: mix.resetAtNs })
        host.resetWindow()
        sim.run({ until: mix.resetAtNs + 200e6 })
        const { byCpu, total, byContext } = host.utilization()
        expect(byCpu).toHaveLength(mix.cpuCount)
        for (const share of byCpu) expect(share).toBeLessThanOrEqual(1 + 1e-9)
        const cpuSum = byCpu.reduce((sum, share) => sum + share, 0)
        expect(total).toBeLessThanOrEqual(mix.cpuCount + 1e-9)
        // Busy time and executed cycles tell the same story (up to ns rounding per item).
        expect(Math.abs(total - cpuSum)).toBeLessThan(1e-3)
        expect(Object.values(byContext).every((share) => share >= 0)).toBe(true)
        for (const count of completions) expect(count).toBeLessThanOrEqual(1)
        // Without SPECjbb nothing competes long enough to leave network work unfinished.
        if (mix.jbb === 'off') expect(completions.every((count) => count === 1)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('reads every parameter it uses from the registry defaults when the set lacks them', () => {
    for (const id of ['host.cpu.count', 'host.cpu.clockHz', 'linux.sched.timesliceNs', 'xen.sched.tickNs', 'jbb.transactionCycles']) {
      expect(parameterRegistry.has(id)).toBe(true)
    }
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: true, jbb: 'max' })
    expect(host.jbb).not.toBeNull()
    expect(host.driverKernel).not.toBe(host.receiverKernel)
    const native = createReceiverHost(new Simulation(1), {}, { isXen: false, jbb: 'off' })
    expect(native.jbb).toBeNull()
    expect(native.driverKernel).toBe(native.receiverKernel)
  })

  it('reports the kernel busy while it has work and idle after', () => {
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: true, jbb: 'off' })
    const stage = host.ledger.stage('guest', 'x')
    expect(host.receiverKernel.isBusy).toBe(false)
    host.notify(host.receiverKernel, stage, 3e6, 1, () => undefined, 0)
    expect(host.receiverKernel.isBusy).toBe(true)
    sim.run({ until: 10e6 })
    expect(host.receiverKernel.isBusy).toBe(false)
  })
})
