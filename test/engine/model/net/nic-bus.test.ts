import { describe, expect, it } from 'vitest'
import { NicBus } from '../../../../engine/model/net/nic-bus'
import { resolveParams } from '../../../../engine/params/registry'
import { createHarness } from './helpers/network-harness'

const bus = (overrides: Record<string, number>) =>
  new NicBus(
    resolveParams({ 'sender.nic.dmaTxFrameNs': 2000, 'sender.nic.dmaRxFrameNs': 1000, ...overrides }),
  )

describe('NicBus', () => {
  it('serves transmit and receive DMA in order on one timeline: overhead plus bytes at the bus rate', () => {
    const engine = bus({ 'sender.nic.busBytesPerS': 100e6 })
    // A 1514-byte frame at 100 MB/s is 15,140 ns of data after 2,000 ns of overhead.
    expect(engine.transmitDma(0, 1514)).toBe(17_140)
    // Queued behind it: starts at 17,140.
    expect(engine.transmitDma(1_000, 1514)).toBe(34_280)
    // An ACK arriving meanwhile waits for the bus too: 1,000 ns + 80 B x 10 ns.
    expect(engine.receiveDma(20_000, 80)).toBe(36_080)
    // After an idle gap the bus starts at once.
    expect(engine.transmitDma(100_000, 1514)).toBe(117_140)
    expect(engine.utilization(117_140)).toBeCloseTo((3 * 17_140 + 1_800) / 117_140, 9)
  })

  it('is transparent when the bus rate is 0 (not modelled)', () => {
    const engine = bus({ 'sender.nic.busBytesPerS': 0 })
    expect(engine.isModelled).toBe(false)
    expect(engine.transmitDma(5_000, 1514)).toBe(5_000)
    expect(engine.utilization(10_000)).toBe(0)
  })

  it('holds a sender below the wire at the rate its bus allows, ACK DMA included', () => {
    // 2,000 ns + 1,514 B / 100 MB/s per frame; one 66-byte ACK (80 B with the MAC header) per two
    // frames at 1,000 ns + 0.8 us: 17,140 + 900 = 18,040 ns per 1,448-byte segment = 642.1 Mb/s.
    const harness = createHarness({
      params: {
        'sender.nic.busBytesPerS': 100e6,
        'sender.nic.dmaTxFrameNs': 2000,
        'sender.nic.dmaRxFrameNs': 1000,
      },
    })
    const goodput = harness.runGoodputBps(0.3, 0.1)
    expect(goodput / 1e6).toBeGreaterThan(642.1 * 0.98)
    expect(goodput / 1e6).toBeLessThan(642.1 * 1.02)
    expect(harness.net.sender.busUtilization()).toBeGreaterThan(0.98)
  })

  it('gives a bus-bound sender more throughput when fewer ACKs cross its bus (LRO at the receiver)', () => {
    const params = {
      'sender.nic.busBytesPerS': 100e6,
      'sender.nic.dmaTxFrameNs': 1000,
      'sender.nic.dmaRxFrameNs': 5000,
    }
    const plain = createHarness({ params }).runGoodputBps(0.3, 0.1)
    const aggregated = createHarness({ params, lro: { maxAggr: 8 } }).runGoodputBps(0.3, 0.1)
    expect(aggregated).toBeGreaterThan(plain * 1.05)
  })
})
