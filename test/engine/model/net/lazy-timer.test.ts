import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { LazyTimer } from '../../../../engine/model/net/lazy-timer'

describe('LazyTimer', () => {
  it('fires once at the latest deadline after repeated re-arming', () => {
    const sim = new Simulation(1)
    const firedAt: number[] = []
    const timer = new LazyTimer(sim, 'test', () => firedAt.push(sim.now))
    timer.arm(100)
    const rearm = sim.register('rearm', () => timer.arm(100))
    sim.schedule(50, rearm)
    sim.schedule(120, rearm)
    sim.run({ until: 1000 })
    expect(firedAt).toEqual([220])
  })

  it('fires at an earlier deadline set after a later one', () => {
    const sim = new Simulation(1)
    const firedAt: number[] = []
    const timer = new LazyTimer(sim, 'test', () => firedAt.push(sim.now))
    timer.arm(500)
    timer.arm(30)
    sim.run({ until: 1000 })
    expect(firedAt).toEqual([30])
  })

  it('does not fire when disarmed, and can be armed again from its own callback', () => {
    const sim = new Simulation(1)
    const firedAt: number[] = []
    const timer: LazyTimer = new LazyTimer(sim, 'test', () => {
      firedAt.push(sim.now)
      if (firedAt.length < 3) timer.arm(10)
    })
    timer.arm(40)
    timer.disarm()
    expect(timer.isArmed).toBe(false)
    sim.run({ until: 100 })
    expect(firedAt).toEqual([])
    timer.arm(5)
    sim.run({ until: 200 })
    expect(firedAt).toEqual([105, 115, 125])
  })
})
