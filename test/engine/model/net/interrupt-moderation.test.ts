import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import {
  E1000_DELAY_UNIT_NS,
  moderationSettings,
  ReceiveInterruptModeration,
} from '../../../../engine/model/net/interrupt-moderation'

/** A ring of `pending` frames behind a moderation; the "driver" polls everything at each interrupt. */
function createQueue(interruptRateHz: number, rxIntDelayUnits: number, rxAbsIntDelayUnits: number) {
  const sim = new Simulation(1)
  let pending = 0
  const interruptTimes: number[] = []
  const framesPerInterrupt: number[] = []
  const moderation = new ReceiveInterruptModeration(
    sim,
    'test.interrupt',
    moderationSettings(interruptRateHz, rxIntDelayUnits, rxAbsIntDelayUnits),
    () => pending > 0,
    () => {
      interruptTimes.push(sim.now)
      framesPerInterrupt.push(pending)
      pending = 0
      moderation.unmask()
    },
  )
  const arrive = sim.register('test.frame', () => {
    pending++
    moderation.frameArrived(false)
  })
  /** Schedules frames at the given absolute times. */
  const framesAt = (times: number[]) => times.forEach((t) => sim.scheduleAt(t, arrive))
  return { sim, moderation, interruptTimes, framesPerInterrupt, framesAt }
}

/** `count` frames, one every `spacingNs`, from `startNs`. */
function evenly(count: number, spacingNs: number, startNs = 0): number[] {
  return Array.from({ length: count }, (_, i) => startNs + i * spacingNs)
}

describe('ReceiveInterruptModeration (e1000 ITR / RDTR / RADV)', () => {
  it('with RDTR 0 and ITR only, gives rate/ITR frames per interrupt on a steady stream', () => {
    // 500,000 frames/s against 10,000 interrupts/s: 50 frames per interrupt.
    const q = createQueue(10_000, 0, 128)
    q.framesAt(evenly(5000, 2000, 1))
    q.sim.run({ until: 20_000_000 })
    const steady = q.framesPerInterrupt.slice(1, -1)
    const mean = steady.reduce((s, n) => s + n, 0) / steady.length
    expect(mean).toBeCloseTo(500_000 / 10_000, 0)
    // The gap between interrupts is the ITR minimum interval.
    expect(q.interruptTimes[2] - q.interruptTimes[1]).toBeGreaterThanOrEqual(100_000)
    expect(q.interruptTimes[2] - q.interruptTimes[1]).toBeLessThan(102_000)
  })

  it('with RDTR 0, RADV has no effect (interrupt at the first frame)', () => {
    const q = createQueue(0, 0, 1000)
    q.framesAt([5000])
    q.sim.run({ until: 10_000_000 })
    expect(q.interruptTimes).toEqual([5000])
  })

  it('with RDTR > 0 a frame gap longer than RDTR raises the interrupt when the timer expires', () => {
    const rdtrUnits = 10
    const q = createQueue(0, rdtrUnits, 0)
    // A burst of 5 frames 2 us apart, then a pause much longer than RDTR.
    q.framesAt(evenly(5, 2000, 1000))
    q.framesAt(evenly(5, 2000, 500_000))
    q.sim.run({ until: 1_000_000 })
    const lastOfBurst = 1000 + 4 * 2000
    expect(q.interruptTimes[0]).toBe(lastOfBurst + rdtrUnits * E1000_DELAY_UNIT_NS)
    expect(q.framesPerInterrupt).toEqual([5, 5])
  })

  it('RADV caps the delay of a stream whose gaps keep restarting RDTR', () => {
    const radvUnits = 50
    const q = createQueue(0, 10, radvUnits)
    // Frames every 5 us (< RDTR 10.24 us) for 1 ms: RDTR alone would wait for the end.
    q.framesAt(evenly(200, 5000, 0))
    q.sim.run({ until: 2_000_000 })
    expect(q.interruptTimes[0]).toBe(radvUnits * E1000_DELAY_UNIT_NS)
    // Roughly RADV / spacing frames per interrupt, far fewer than the 200 of the whole stream.
    expect(q.framesPerInterrupt[1]).toBeGreaterThanOrEqual(9)
    expect(q.framesPerInterrupt[1]).toBeLessThanOrEqual(12)
  })

  it('lets ITR take precedence over a short RDTR', () => {
    const q = createQueue(8000, 1, 0)
    // Sparse frames (gap 50 us > RDTR): the timer expires for each, but ITR holds the interrupt.
    q.framesAt(evenly(40, 50_000, 0))
    q.sim.run({ until: 3_000_000 })
    for (let i = 1; i < q.interruptTimes.length; i++) {
      expect(q.interruptTimes[i] - q.interruptTimes[i - 1]).toBeGreaterThanOrEqual(125_000)
    }
  })

  it('spreading the same frames lowers frames per interrupt when RDTR > 0', () => {
    // Bursts of 8 frames; back to back (12.3 us apart at 1 GbE) vs. spread (every 4th gap 30 us).
    const spacingNs = 12_304
    const backToBack: number[] = []
    const spread: number[] = []
    for (let burst = 0; burst < 50; burst++) {
      const start = burst * 400_000
      let t = start
      for (let i = 0; i < 8; i++) {
        backToBack.push(start + i * spacingNs)
        spread.push(t)
        t += i % 4 === 3 ? 30_000 : spacingNs
      }
    }
    const framesPerInterrupt = (times: number[]) => {
      const q = createQueue(0, 16, 128)
      q.framesAt(times)
      q.sim.run({ until: 30_000_000 })
      return times.length / q.interruptTimes.length
    }
    expect(framesPerInterrupt(backToBack)).toBe(8)
    expect(framesPerInterrupt(spread)).toBe(4)
    // With RDTR 0 (the driver default) the spacing does not matter here: one interrupt per frame.
    const q = createQueue(0, 0, 128)
    q.framesAt(spread)
    q.sim.run({ until: 30_000_000 })
    expect(q.interruptTimes).toHaveLength(spread.length)
  })

  it('fires the cause that was set while masked at unmask time', () => {
    const sim = new Simulation(1)
    let pending = 0
    const times: number[] = []
    const moderation = new ReceiveInterruptModeration(
      sim,
      'test.masked',
      moderationSettings(0, 4, 0),
      () => pending > 0,
      () => times.push(sim.now),
    )
    const arrive = sim.register('test.frame', () => {
      pending++
      moderation.frameArrived(false)
    })
    sim.scheduleAt(0, arrive)
    sim.run({ until: 10_000 })
    expect(times).toEqual([4 * E1000_DELAY_UNIT_NS])
    // Masked now; a frame at 20 us sets its cause at 20 us + RDTR; the driver unmasks at 100 us.
    pending = 0
    sim.scheduleAt(20_000, arrive)
    sim.run({ until: 100_000 })
    expect(times).toHaveLength(1)
    moderation.unmask()
    sim.run({ until: 200_000 })
    expect(times).toEqual([4 * E1000_DELAY_UNIT_NS, 100_000])
  })
})
