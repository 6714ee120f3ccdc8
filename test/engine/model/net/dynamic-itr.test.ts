import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import {
  DynamicInterruptThrottle,
  LatencyRange,
  nextLatencyRange,
  ThrottleMode,
  throttleFor,
} from '../../../../engine/model/net/dynamic-itr'
import type { WireDirection } from '../../../../engine/model/net/net-api'
import { E1000Nic } from '../../../../engine/model/net/nic'
import { PacketPool } from '../../../../engine/model/net/packet'
import { resolveParams } from '../../../../engine/params/registry'

const FRAME_1500 = 1514
const FRAME_4000 = 4014

describe('nextLatencyRange (e1000_update_itr)', () => {
  it('keeps a low-latency episode of a few full frames low, and sends seven or more to bulk', () => {
    expect(nextLatencyRange(LatencyRange.Low, 3, 3 * FRAME_1500)).toBe(LatencyRange.Low)
    expect(nextLatencyRange(LatencyRange.Low, 6, 6 * FRAME_1500)).toBe(LatencyRange.Low)
    expect(nextLatencyRange(LatencyRange.Low, 7, 7 * FRAME_1500)).toBe(LatencyRange.Bulk)
  })
  it('keeps bulk between 6,000 and 25,000 bytes and leaves it below 6,000', () => {
    expect(nextLatencyRange(LatencyRange.Bulk, 11, 11 * FRAME_1500)).toBe(LatencyRange.Bulk)
    expect(nextLatencyRange(LatencyRange.Bulk, 3, 3 * FRAME_1500)).toBe(LatencyRange.Low)
    expect(nextLatencyRange(LatencyRange.Bulk, 20, 20 * FRAME_1500)).toBe(LatencyRange.Bulk)
    expect(nextLatencyRange(LatencyRange.Bulk, 40, 40 * 700)).toBe(LatencyRange.Low)
  })
  it('sends frames above 2,000 bytes (jumbo MTU) to bulk and tiny exchanges to lowest', () => {
    expect(nextLatencyRange(LatencyRange.Low, 1, FRAME_4000)).toBe(LatencyRange.Bulk)
    expect(nextLatencyRange(LatencyRange.Low, 2, 132)).toBe(LatencyRange.Lowest)
    expect(nextLatencyRange(LatencyRange.Lowest, 3, 3 * FRAME_1500)).toBe(LatencyRange.Low)
  })
  it('leaves the range alone for an episode without packets', () => {
    expect(nextLatencyRange(LatencyRange.Bulk, 0, 0)).toBe(LatencyRange.Bulk)
  })
})

describe('DynamicInterruptThrottle (e1000_set_itr)', () => {
  it('drops to 4,000/s at once but climbs back in quarter steps', () => {
    const throttle = new DynamicInterruptThrottle(ThrottleMode.DynamicConservative)
    expect(throttle.interruptRateHz).toBe(20_000)
    // The ranges start at lowest_latency (a zeroed adapter): a first episode of full frames is low.
    for (let i = 0; i < 3; i++) throttle.countReceived(FRAME_1500)
    expect(throttle.endEpisode()).toBe(20_000)
    for (let i = 0; i < 7; i++) throttle.countReceived(FRAME_1500)
    expect(throttle.endEpisode()).toBe(4000)
    const rates: number[] = []
    for (let episode = 0; episode < 4; episode++) {
      throttle.countReceived(FRAME_1500)
      rates.push(throttle.endEpisode())
    }
    expect(rates).toEqual([9000, 14_000, 19_000, 20_000])
  })
  it('uses 70,000/s for latency-bound traffic only outside conservative mode', () => {
    const dynamic = new DynamicInterruptThrottle(ThrottleMode.Dynamic)
    const conservative = new DynamicInterruptThrottle(ThrottleMode.DynamicConservative)
    for (let episode = 0; episode < 8; episode++) {
      for (const throttle of [dynamic, conservative]) {
        throttle.countReceived(66)
        throttle.endEpisode()
      }
    }
    expect(dynamic.interruptRateHz).toBe(70_000)
    expect(conservative.interruptRateHz).toBe(20_000)
  })
  it('lets transmit traffic hold the rate down (the bulkier of the two ranges wins)', () => {
    const throttle = new DynamicInterruptThrottle(ThrottleMode.DynamicConservative)
    for (let i = 0; i < 3; i++) throttle.countTransmitted(FRAME_1500)
    expect(throttle.endEpisode()).toBe(20_000)
    throttle.countReceived(66)
    for (let i = 0; i < 8; i++) throttle.countTransmitted(FRAME_1500)
    expect(throttle.endEpisode()).toBe(4000)
  })
  it('refuses an unknown mode', () => {
    expect(throttleFor(0)).toBeNull()
    expect(() => throttleFor(2)).toThrow(RangeError)
  })
})

/** Frames of `frameIpBytes` arrive every `spacingNs`; each interrupt is served by a poll 3 us later. */
function framesPerInterrupt(overrides: Record<string, number>, spacingNs: number, frameIpBytes: number) {
  const sim = new Simulation(5)
  const pool = new PacketPool(64)
  const reverse = { send: (id: number) => pool.free(id) } as unknown as WireDirection
  const nic = new E1000Nic(sim, pool, resolveParams(overrides), reverse)
  const out = new Int32Array(256)
  let frames = 0
  const poll = sim.register('poll', () => {
    const taken = nic.takeFrames(out.length, out)
    for (let i = 0; i < taken; i++) pool.free(out[i])
    frames += taken
    nic.enableInterrupts()
  })
  nic.onInterrupt = () => sim.schedule(3000, poll, 0)
  const arrive = sim.register('arrive', () => {
    const id = pool.alloc()
    pool.frameBytes[id] = frameIpBytes
    nic.receiveFrame(id)
    sim.schedule(spacingNs, arrive, 0)
  })
  sim.schedule(0, arrive, 0)
  sim.run({ until: 100_000_000 })
  const interrupts = nic.counters()['nic.interrupts']
  return { framesPerInterrupt: frames / interrupts, interruptsPerSecond: interrupts * 10 }
}

describe('E1000Nic with the dynamic throttle', () => {
  const spacingNs = 1e9 / 44_000 // Table I's pLRO: 508 Mb/s of 1448-byte segments

  it('stays at 20,000 interrupts/s for a steady MTU-1500 stream: about 2.2 frames per interrupt', () => {
    const dynamic = framesPerInterrupt({ 'nic.interruptThrottleMode': 3 }, spacingNs, 1500)
    const fixed = framesPerInterrupt({ 'nic.interruptThrottleMode': 0 }, spacingNs, 1500)
    expect(dynamic.interruptsPerSecond).toBeGreaterThan(19_000)
    expect(dynamic.framesPerInterrupt).toBeGreaterThan(2)
    expect(dynamic.framesPerInterrupt).toBeLessThan(2.5)
    expect(fixed.framesPerInterrupt).toBeGreaterThan(5)
  })

  it('moves a jumbo-frame stream to bulk, 4,000 interrupts/s', () => {
    const jumbo = framesPerInterrupt({ 'nic.interruptThrottleMode': 3 }, 1e9 / 30_000, 4000)
    expect(jumbo.interruptsPerSecond).toBeLessThan(4100)
    expect(jumbo.framesPerInterrupt).toBeGreaterThan(7)
  })
})
