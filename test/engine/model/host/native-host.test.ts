import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import { WorkLevel } from '../../../../engine/model/host/host-api'
import { measure, startCpuBoundThread } from './host-test-helpers'

const CLOCK_HZ = 3e9
const nsOf = (cycles: number): number => (cycles / CLOCK_HZ) * 1e9

describe('NativeHost', () => {
  it('runs softirq work before a queued thread item, preempting the running one', () => {
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: false, jbb: 'off' })
    const thread = host.receiverKernel.createThread('netserver', 'netserver')
    const recvStage = host.ledger.stage('netserver', 'recv')
    const softirqStage = host.ledger.stage('kernel', 'napi')
    const done: { name: string; atNs: number }[] = []
    const record = (name: string) => () => void done.push({ name, atNs: sim.now })
    thread.post(recvStage, 3_000_000, 1, record('first'), 0)
    thread.post(recvStage, 300_000, 1, record('second'), 0)
    const postSoftirq = sim.register('post', () => host.driverKernel.post(WorkLevel.SoftIrq, softirqStage, 30_000, 1, record('softirq'), 0))
    sim.schedule(500_000, postSoftirq)
    sim.run({ until: 10e6 })
    expect(done.map((d) => d.name)).toEqual(['softirq', 'first', 'second'])
    expect(done[0].atNs).toBe(500_000 + nsOf(30_000))
    // The interrupted item resumes where it stopped: it ends later by exactly the softirq's time.
    expect(done[1].atNs).toBe(nsOf(3_000_000) + nsOf(30_000))
    expect(host.counters().softirqPreemptions).toBe(1)
  })

  it('runs a hard IRQ before softirq work queued earlier', () => {
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: false, jbb: 'off' })
    const stage = host.ledger.stage('kernel', 'x')
    const order: string[] = []
    host.driverKernel.post(WorkLevel.SoftIrq, stage, 3000, 1, () => order.push('softirq-1'), 0)
    host.driverKernel.post(WorkLevel.SoftIrq, stage, 3000, 1, () => order.push('softirq-2'), 0)
    host.raisePhysicalIrq(stage, 3000, 1, () => order.push('hardirq'), 0)
    sim.run({ until: 1e6 })
    // softirq-1 had started (items run to completion); the hard IRQ goes before softirq-2.
    expect(order).toEqual(['softirq-1', 'hardirq', 'softirq-2'])
  })

  it('charges cycles and instructions as given when no SPECjbb runs', () => {
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: false, jbb: 'off' })
    const stage = host.ledger.stage('kernel', 'tcp')
    for (let i = 0; i < 10; i++) host.driverKernel.post(WorkLevel.SoftIrq, stage, 3001, 2002, () => undefined, 0)
    sim.run({ until: 1e6 })
    expect(host.ledger.totals()).toEqual({ cycles: 30_010, instructions: 20_020 })
    expect(host.utilization().byContext.kernel).toBeCloseTo(30_010 / 3e6, 9)
  })

  it('lets a waking thread preempt CPU-bound threads only with wake-up preemption on', () => {
    const latencyNs = (wakeupPreempt: number): number => {
      const sim = new Simulation(1)
      const host = createReceiverHost(sim, { 'linux.sched.wakeupPreempt': wakeupPreempt }, { isXen: false, jbb: 'max' })
      const netserver = host.receiverKernel.createThread('netserver', 'netserver')
      const stage = host.ledger.stage('netserver', 'recv')
      let postedAt = 0
      let latency = -1
      const post = sim.register('post', () => {
        postedAt = sim.now
        netserver.post(stage, 3000, 3000, () => void (latency = sim.now - postedAt), 0)
      })
      sim.schedule(250e6, post)
      sim.run({ until: 2e9 })
      return latency
    }
    const withPreemption = latencyNs(1)
    const without = latencyNs(0)
    expect(withPreemption).toBeGreaterThan(0)
    expect(withPreemption).toBeLessThan(50_000)
    // Without it netserver waits for the round robin of four CPU-bound warehouses.
    expect(without).toBeGreaterThan(1e6)
  })

  it('gives a thread that slept long before the run the interactive bonus, not a computing one', () => {
    const latencyNs = (startsAsleep: boolean): number => {
      const sim = new Simulation(1)
      const host = createReceiverHost(sim, {}, { isXen: false, jbb: 'max' })
      const thread = host.receiverKernel.createThread('late', 'netserver', { startsAsleep })
      const stage = host.ledger.stage('netserver', 'recv')
      let latency = -1
      const post = sim.register('post', () => thread.post(stage, 3000, 3000, () => void (latency = sim.now - 1e6), 0))
      sim.schedule(1e6, post)
      sim.run({ until: 2e9 })
      return latency
    }
    expect(latencyNs(true)).toBeLessThan(50_000)
    // Woken after 1 ms of sleep with no earlier credit: no better than the warehouses, it waits.
    expect(latencyNs(false)).toBeGreaterThan(1e6)
  })

  it('time-shares two CPU-bound threads round robin on one CPU', () => {
    const { host } = measure({ isXen: false, windowNs: 2e9 }, (h) => {
      startCpuBoundThread(h, h.receiverKernel, 'netserver', 'a')
      startCpuBoundThread(h, h.receiverKernel, 'kernel', 'b')
    })
    const { byContext, byCpu } = host.utilization()
    expect(byCpu[0]).toBeCloseTo(1, 6)
    expect(Math.abs((byContext.netserver ?? 0) - 0.5)).toBeLessThan(0.06)
    expect(host.counters().threadSwitches).toBeGreaterThanOrEqual(15)
  })

  it('spreads threads over CPUs: with P = 2 two CPU-bound threads each get a whole CPU', () => {
    const { host } = measure({ isXen: false, params: { 'host.cpu.count': 2 } }, (h) => {
      startCpuBoundThread(h, h.receiverKernel, 'netserver', 'a')
      startCpuBoundThread(h, h.receiverKernel, 'kernel', 'b')
    })
    const { byContext, byCpu, total } = host.utilization()
    expect(byCpu[0]).toBeCloseTo(1, 6)
    expect(byCpu[1]).toBeCloseTo(1, 6)
    expect(byContext.netserver).toBeCloseTo(1, 6)
    expect(total).toBeCloseTo(2, 6)
  })

  it('rejects notify natively', () => {
    const sim = new Simulation(1)
    const host = createReceiverHost(sim, {}, { isXen: false, jbb: 'off' })
    expect(() => host.notify(host.driverKernel, 0, 1, 1, () => undefined, 0)).toThrow()
  })
})
