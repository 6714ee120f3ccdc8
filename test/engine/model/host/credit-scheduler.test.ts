import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import { CreditPriority } from '../../../../engine/model/host/credit-scheduler'
import { XenHost } from '../../../../engine/model/host/xen-host'
import { measure, startCpuBoundThread } from './host-test-helpers'

function xenHost(params: Record<string, number> = {}, jbb: 'off' | 'max' | number = 'off'): { sim: Simulation; host: XenHost } {
  const sim = new Simulation(1)
  const host = createReceiverHost(sim, params, { isXen: true, jbb })
  if (!(host instanceof XenHost)) throw new Error('expected a Xen host')
  return { sim, host }
}

function twoCpuBoundDomains(params: Record<string, number>): XenHost {
  return measure<XenHost>({ isXen: true, params }, (h) => {
    startCpuBoundThread(h, h.dom0, 'dom0', 'spin0')
    startCpuBoundThread(h, h.guest, 'guest', 'spin1')
  }).host
}

describe('CreditScheduler', () => {
  it('lets a waking guest preempt a CPU-bound domain through BOOST within microseconds', () => {
    const { sim, host } = xenHost({}, 'max')
    const stage = host.ledger.stage('guest', 'netfront')
    const postedAt: number[] = []
    const latencies: number[] = []
    const notify = sim.register('notify', (index) => {
      postedAt[index] = sim.now
      host.notify(host.guest, stage, 3000, 3000, (i) => void (latencies[i] = sim.now - postedAt[i]), index)
    })
    // From 50 ms on: SPECjbb's own first-wake BOOST has been demoted by a tick by then.
    for (let i = 0; i < 20; i++) sim.schedule(50e6 + i * 7.3e6, notify, i)
    sim.run({ until: 250e6 })
    expect(latencies.filter((latency) => latency >= 0)).toHaveLength(20)
    // Upcall + switch + handler: a few microseconds, not a 30 ms slice.
    expect(Math.max(...latencies)).toBeLessThan(20_000)
    const counters = host.counters()
    expect(counters.boosts).toBeGreaterThanOrEqual(1)
    expect(counters.preemptions).toBeGreaterThanOrEqual(20)
    expect(counters.vcpuBlocks).toBeGreaterThanOrEqual(20)
  })

  it('a BOOSTed domain does not preempt another BOOSTed one: it waits for the tick and the slice', () => {
    // At t = 0 SPECjbb wakes from blocked and is BOOSTed; a guest waking at 3 ms is BOOST too
    // (not strictly higher), and the tick at 10 ms demotes SPECjbb without rescheduling.
    const { sim, host } = xenHost({}, 'max')
    const stage = host.ledger.stage('guest', 'netfront')
    let latency = -1
    const notify = sim.register('notify', () => host.notify(host.guest, stage, 3000, 3000, () => void (latency = sim.now - 3e6), 0))
    sim.schedule(3e6, notify)
    sim.run({ until: 100e6 })
    expect(latency).toBeGreaterThan(20e6)
    expect(latency).toBeLessThan(30e6)
  })

  it('without BOOST (guest not blocked, same priority) a waiting vCPU waits for the slice', () => {
    // The guest is CPU-bound too, so it never blocks and is never boosted: it waits its turn.
    const { sim, host } = xenHost({}, 'max')
    startCpuBoundThread(host, host.guest, 'guest', 'spin')
    const stage = host.ledger.stage('guest', 'netfront')
    let latency = -1
    let postedAt = 0
    const notify = sim.register('notify', () => {
      postedAt = sim.now
      host.notify(host.guest, stage, 3000, 3000, () => void (latency = sim.now - postedAt), 0)
    })
    // Post while the SPECjbb domain holds the CPU.
    let posted = false
    const probe = sim.register('probe', () => {
      if (!posted && host.scheduler.currentOn(0) === host.vcpuOf(host.jbbDomain!)) {
        posted = true
        sim.schedule(0, notify)
      } else if (!posted) sim.schedule(1e6, probe)
    })
    sim.schedule(100e6, probe)
    sim.run({ until: 400e6 })
    expect(posted).toBe(true)
    expect(latency).toBeGreaterThan(1e6)
  })

  it('gives two CPU-bound domains of equal weight half the CPU each (within 2%)', () => {
    const { byContext } = twoCpuBoundDomains({}).utilization()
    expect(Math.abs((byContext.dom0 ?? 0) - 0.5)).toBeLessThan(0.02)
    expect(Math.abs((byContext.guest ?? 0) - 0.5)).toBeLessThan(0.02)
  })

  it('gives a domain of weight 512 about two thirds against weight 256', () => {
    const { byContext } = twoCpuBoundDomains({ 'xen.sched.weightDom0': 512 }).utilization()
    expect(Math.abs((byContext.dom0 ?? 0) - 2 / 3)).toBeLessThan(0.03)
    expect(Math.abs((byContext.guest ?? 0) - 1 / 3)).toBeLessThan(0.03)
  })

  it('holds a CPU-bound domain capped at 25% near 25%, alone or next to another', () => {
    const alone = measure<XenHost>({ isXen: true, params: { 'xen.sched.capGuest': 25 }, windowNs: 2e9 }, (h) =>
      startCpuBoundThread(h, h.guest, 'guest', 'spin'),
    ).host
    expect(Math.abs((alone.utilization().byContext.guest ?? 0) - 0.25)).toBeLessThan(0.03)
    expect(alone.counters().parks).toBeGreaterThan(0)
    const shared = twoCpuBoundDomains({ 'xen.sched.capGuest': 25 }).utilization().byContext
    expect(Math.abs((shared.guest ?? 0) - 0.25)).toBeLessThan(0.04)
    expect(shared.dom0 ?? 0).toBeGreaterThan(0.7)
  })

  it('demotes a BOOSTed vCPU caught running at a tick to UNDER', () => {
    const { sim, host } = xenHost()
    const stage = host.ledger.stage('guest', 'long')
    const guestVcpu = host.vcpuOf(host.guest)
    const seen: { atNs: number; priority: number }[] = []
    const look = sim.register('look', () => seen.push({ atNs: sim.now, priority: guestVcpu.priority }))
    const wake = sim.register('wake', () => host.notify(host.guest, stage, 60e6, 60e6, () => undefined, 0))
    // Woken at 5 ms with 20 ms of work: boosted, then caught by the 10 ms tick.
    sim.schedule(5e6, wake)
    sim.schedule(9e6, look)
    sim.schedule(11e6, look)
    sim.run({ until: 12e6 })
    expect(seen).toEqual([
      { atNs: 9e6, priority: CreditPriority.Boost },
      { atNs: 11e6, priority: CreditPriority.Under },
    ])
    expect(host.counters().tickDemotions).toBe(1)
  })

  it('does not demote a BOOSTed vCPU that blocks before the tick', () => {
    const { sim, host } = xenHost()
    const stage = host.ledger.stage('guest', 'short')
    const wake = sim.register('wake', () => host.notify(host.guest, stage, 30_000, 30_000, () => undefined, 0))
    sim.schedule(5e6, wake)
    sim.run({ until: 12e6 })
    expect(host.counters().boosts).toBe(1)
    expect(host.counters().tickDemotions).toBe(0)
    expect(host.counters().vcpuBlocks).toBe(1)
  })

  it('drifts its tick against a periodic interrupt source instead of phase-locking to it', () => {
    // A guest busy 30 us of every 125 us (an 8000/s interrupt timer), idle at multiples of 10 ms.
    const demotions = (tickLatencyNs: number): number => {
      const { sim, host } = xenHost({ 'xen.sched.tickLatencyNs': tickLatencyNs })
      const stage = host.ledger.stage('guest', 'poll')
      const interrupt = sim.register('interrupt', () => {
        host.notify(host.guest, stage, 90_000, 90_000, () => undefined, 0)
        sim.schedule(125_000, interrupt)
      })
      sim.schedule(50_000, interrupt)
      sim.run({ until: 2e9 })
      return host.counters().tickDemotions
    }
    expect(demotions(0)).toBe(0)
    // Drifting, the tick samples every phase: caught in roughly a quarter of the ~200 ticks.
    expect(demotions(2000)).toBeGreaterThan(15)
  })

  it('charges domain switches to the hypervisor, one switch cost each', () => {
    const host = twoCpuBoundDomains({ 'xen.sched.switchCycles': 4000, 'xen.sched.switchIpc': 0.5 })
    const entry = host.ledger.entries().find((e) => e.stage === 'xen.switch')
    const switches = host.counters().domainSwitches
    expect(switches).toBeGreaterThan(10)
    expect(entry?.context).toBe('hypervisor')
    // A switch in progress at the window start may be split: allow one.
    expect(Math.abs((entry?.cycles ?? 0) - 4000 * switches)).toBeLessThanOrEqual(4000)
    expect(entry?.instructions).toBeCloseTo((entry?.cycles ?? 0) * 0.5, 0)
    expect(host.utilization().byContext.hypervisor).toBeGreaterThan(0)
  })

  it('with P = 2 gives two CPU-bound domains about a whole CPU each', () => {
    const host = twoCpuBoundDomains({ 'host.cpu.count': 2 })
    const { byContext, byCpu } = host.utilization()
    expect(byContext.dom0).toBeGreaterThan(0.97)
    expect(byContext.guest).toBeGreaterThan(0.97)
    expect(byCpu).toHaveLength(2)
  })

  it('keeps pinned vCPUs on their pCPU', () => {
    const host = twoCpuBoundDomains({ 'host.cpu.count': 2, 'xen.sched.pinDom0Cpu': 1, 'xen.sched.pinGuestCpu': 1 })
    const { byContext, byCpu } = host.utilization()
    expect(byCpu[0]).toBe(0)
    expect(byCpu[1]).toBeCloseTo(1, 6)
    expect(Math.abs((byContext.dom0 ?? 0) - 0.5)).toBeLessThan(0.03)
  })

  it('handles a physical IRQ in the hypervisor, then runs the handler in dom0 at once', () => {
    const { sim, host } = xenHost({ 'xen.irq.hypervisorCycles': 1500, 'xen.evtchn.upcallCycles': 600 }, 'max')
    const stage = host.ledger.stage('dom0', 'e1000.irq')
    let doneAt = -1
    const raise = sim.register('raise', () => host.raisePhysicalIrq(stage, 3000, 1000, () => void (doneAt = sim.now), 0))
    sim.schedule(50e6, raise)
    sim.run({ until: 60e6 })
    expect(doneAt).toBeGreaterThan(50e6)
    expect(doneAt - 50e6).toBeLessThan(20_000)
    const byStage = new Map(host.ledger.entries().map((e) => [e.stage, e]))
    expect(byStage.get('xen.irq')?.context).toBe('hypervisor')
    expect(byStage.get('xen.irq')?.cycles).toBeGreaterThanOrEqual(1500)
    expect(byStage.get('xen.upcall')?.cycles).toBeGreaterThanOrEqual(600)
    expect(byStage.get('e1000.irq')?.instructions).toBe(1000)
  })
})
