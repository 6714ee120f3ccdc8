import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import type { WireDirection } from '../../../../engine/model/net/net-api'
import { E1000Nic } from '../../../../engine/model/net/nic'
import { PacketPool } from '../../../../engine/model/net/packet'
import { resolveParams } from '../../../../engine/params/registry'
import { createHarness } from './helpers/network-harness'

function createNic(overrides: Record<string, number> = {}) {
  const sim = new Simulation(3)
  const pool = new PacketPool(64)
  const transmitted: number[] = []
  const reverse = { send: (id: number) => transmitted.push(id) > 0 } as unknown as WireDirection
  const nic = new E1000Nic(sim, pool, resolveParams(overrides), reverse)
  const interruptTimes: number[] = []
  nic.onInterrupt = () => interruptTimes.push(sim.now)
  const arrive = (count: number) => {
    for (let i = 0; i < count; i++) {
      const id = pool.alloc()
      pool.seq[id] = i
      nic.receiveFrame(id)
    }
  }
  const arriveHandler = sim.register('arrive', (count) => arrive(count))
  return { sim, pool, nic, interruptTimes, transmitted, arrive, arriveHandler }
}

describe('E1000Nic', () => {
  it('drops frames when the ring is full and counts them', () => {
    const { nic, pool, arrive } = createNic({ 'nic.rxRingSize': 256 })
    arrive(300)
    expect(nic.pendingFrames).toBe(256)
    expect(nic.counters()['nic.framesDropped']).toBe(44)
    expect(nic.counters()['nic.framesReceived']).toBe(256)
    expect(pool.liveCount).toBe(256)
  })

  it('hands frames to the poll in arrival order', () => {
    const { nic, pool, arrive } = createNic()
    arrive(10)
    const out = new Int32Array(64)
    expect(nic.takeFrames(4, out)).toBe(4)
    expect(Array.from(out.subarray(0, 4), (id) => pool.seq[id])).toEqual([0, 1, 2, 3])
    expect(nic.takeFrames(64, out)).toBe(6)
    expect(pool.seq[out[0]]).toBe(4)
    expect(nic.pendingFrames).toBe(0)
  })

  it('masks interrupts until the driver re-enables them, then respects the moderation gap', () => {
    const { sim, nic, interruptTimes, arriveHandler } = createNic({ 'nic.interruptRateHz': 8000 })
    const gapNs = 1e9 / 8000
    const out = new Int32Array(64)
    sim.schedule(1000, arriveHandler, 3)
    sim.schedule(2000, arriveHandler, 3)
    sim.run({ until: 50_000 })
    expect(interruptTimes).toEqual([1000])
    // The poll takes everything and re-enables; new frames must wait for the gap.
    nic.takeFrames(64, out)
    nic.enableInterrupts()
    sim.schedule(1000, arriveHandler, 2)
    sim.run({ until: 1_000_000 })
    expect(interruptTimes).toHaveLength(2)
    expect(interruptTimes[1]).toBe(1000 + gapNs)
  })

  it('raises the next interrupt at re-enable time when frames are pending and the gap has passed', () => {
    const { sim, nic, interruptTimes, arriveHandler } = createNic({ 'nic.interruptRateHz': 8000 })
    const out = new Int32Array(64)
    sim.schedule(0, arriveHandler, 5)
    sim.run({ until: 500_000 })
    nic.takeFrames(2, out)
    nic.enableInterrupts()
    sim.run({ until: 600_000 })
    expect(interruptTimes).toEqual([0, 500_000])
  })

  it('transmits ACK frames onto the reverse link', () => {
    const { nic, pool, transmitted } = createNic()
    const id = pool.alloc()
    nic.transmit(id)
    expect(transmitted).toEqual([id])
    expect(nic.counters()['nic.framesTransmitted']).toBe(1)
  })

  it('gives more frames per interrupt at a lower interrupt rate (line-rate stream)', () => {
    const framesPerInterrupt = (rateHz: number): number => {
      const harness = createHarness({ params: { 'nic.interruptRateHz': rateHz } })
      harness.runGoodputBps(0.3, 0.1)
      const counters = harness.net.nic.counters()
      return counters['nic.framesReceived'] / counters['nic.interrupts']
    }
    const at4000 = framesPerInterrupt(4000)
    const at8000 = framesPerInterrupt(8000)
    const at20000 = framesPerInterrupt(20000)
    expect(at4000).toBeGreaterThan(at8000 * 1.5)
    expect(at8000).toBeGreaterThan(at20000 * 1.5)
  })

  it('with RDTR > 0, a switch that spreads frames lowers frames per interrupt (ITR off)', () => {
    const framesPerInterrupt = (switchParams: Record<string, number>): number => {
      const harness = createHarness({
        params: { 'nic.interruptRateHz': 0, 'nic.rxIntDelayUnits': 16, ...switchParams },
      })
      harness.runGoodputBps(0.3, 0.1)
      const counters = harness.net.nic.counters()
      return counters['nic.framesReceived'] / counters['nic.interrupts']
    }
    const direct = framesPerInterrupt({ 'switch.enabled': 0 })
    const switched = framesPerInterrupt({ 'switch.enabled': 1, 'switch.jitterNs': 5000 })
    expect(direct).toBeGreaterThan(1.5)
    expect(switched).toBeLessThan(direct * 0.8)
    // RDTR 0 (the driver default) with ITR off: one interrupt per frame, switch or not.
    const perFrame = createHarness({ params: { 'nic.interruptRateHz': 0, 'switch.enabled': 1 } })
    perFrame.runGoodputBps(0.1)
    const counters = perFrame.net.nic.counters()
    expect(counters['nic.interrupts']).toBe(counters['nic.framesReceived'])
  })
})
