import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { environmentParams } from '../../../../engine/model/net/environment'
import { goodputCeilingBps } from '../../../../engine/model/net/wire'
import { createHarness, type Harness } from './helpers/network-harness'

const MTUS = [1500, 4000, 4500] as const

/** The 2008 switch with a tiny port queue and a wire-speed sender (no bus limit), so the switch drops. */
const lossySwitch = {
  ...environmentParams('switched-2008'),
  'sender.nic.busBytesPerS': 0,
  'switch.queueFrames': 8,
  'switch.jitterNs': 3000,
}

/** Packets the pool must still hold: frames on either wire direction and in the NIC ring. */
function packetsInFlight(harness: Harness): number {
  const counters = harness.net.counters()
  const onWire = (direction: string) =>
    counters[`${direction}.framesSent`] -
    counters[`${direction}.framesDelivered`] -
    counters[`${direction}.framesDroppedSwitch`]
  return (
    onWire('wire.forward') +
    onWire('wire.reverse') +
    harness.net.nic.pendingFrames +
    harness.net.sender.pendingAcks +
    (harness.lro?.openSessions ?? 0)
  )
}

describe('the network loop (sender -> wire -> NIC -> instant receiver)', () => {
  it('never exceeds the wire ceiling MSS/(MTU+38) x rate, for any message size and MTU', () => {
    fc.assert(
      fc.property(fc.integer({ min: 256, max: 65536 }), fc.constantFrom(...MTUS), (messageSizeBytes, mtu) => {
        const harness = createHarness({ mtu, messageSizeBytes })
        const goodput = harness.runGoodputBps(0.05)
        expect(goodput).toBeLessThanOrEqual(goodputCeilingBps(mtu, 1e9, mtu - 52))
        expect(goodput).toBeGreaterThan(0)
      }),
      { numRuns: 12 },
    )
  })

  it('reaches the ceiling with large messages and an idle receiver (941.5 / 977.7 / 980.2 Mb/s)', () => {
    for (const mtu of MTUS) {
      const goodput = createHarness({ mtu }).runGoodputBps(0.25, 0.1)
      const ceiling = goodputCeilingBps(mtu, 1e9, mtu - 52)
      expect(goodput).toBeLessThanOrEqual(ceiling * 1.001)
      expect(goodput).toBeGreaterThan(ceiling * 0.99)
    }
  })

  it('leaks no packets: the pool holds exactly what is in flight (with LRO and a lossy switch)', () => {
    const setups = [
      createHarness(),
      createHarness({ lro: { maxAggr: 16 } }),
      createHarness({
        params: { ...lossySwitch },
        lro: { maxAggr: 32 },
      }),
      createHarness({ messageSizeBytes: 100, pollDelayNs: 50_000 }),
    ]
    for (const harness of setups) {
      harness.runGoodputBps(0.2)
      expect(harness.pool.liveCount).toBe(packetsInFlight(harness))
    }
    const lossy = setups[2].net.counters()
    expect(lossy['wire.forward.framesDroppedSwitch']).toBeGreaterThan(0)
    expect(lossy['tcp.sender.retransmissions']).toBeGreaterThan(0)
  })

  it('recovers from switch drops and keeps the byte stream intact', () => {
    const harness = createHarness({
      params: { ...lossySwitch },
    })
    const goodput = harness.runGoodputBps(0.5)
    expect(goodput).toBeGreaterThan(100e6)
    // Everything delivered is the in-order prefix of what was sent.
    expect(harness.net.tcpReceiver.bytesDelivered).toBeLessThanOrEqual(
      harness.net.sender.bytesAcked + harness.net.tcpReceiver.bytesQueued + 1e6,
    )
    expect(harness.net.tcpReceiver.nextExpectedSeq).toBeGreaterThanOrEqual(harness.net.sender.bytesAcked)
  })

  it('lowers LRO aggregation behind a jittery switch', () => {
    const direct = createHarness({ lro: { maxAggr: 64 } })
    const switched = createHarness({
      params: { ...environmentParams('switched-2008'), 'switch.jitterNs': 5000 },
      lro: { maxAggr: 64 },
    })
    direct.runGoodputBps(0.3, 0.1)
    switched.runGoodputBps(0.3, 0.1)
    expect(switched.lro!.lroRate).toBeLessThan(direct.lro!.lroRate)
  })

  it('is deterministic for a seed', () => {
    const run = () => {
      const harness = createHarness({ params: environmentParams('switched-2008'), lro: {}, seed: 42 })
      harness.runGoodputBps(0.1)
      return harness.net.counters()
    }
    expect(run()).toEqual(run())
  })
})
