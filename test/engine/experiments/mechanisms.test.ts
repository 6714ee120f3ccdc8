import { describe, expect, it } from 'vitest'
import { acksPerSegment, runShort } from './run-helpers'

describe('receive-path mechanisms seen through runExperiment', () => {
  it('natively sends about one ACK per two full segments', () => {
    const result = runShort({ config: 'linux' })
    expect(acksPerSegment(result)).toBeGreaterThan(0.4)
    expect(acksPerSegment(result)).toBeLessThan(0.6)
    expect(result.lroRate).toBeNull()
  })

  it('has an LRO rate of exactly 1 when max_aggr is 1, at either placement', () => {
    for (const config of ['plro', 'vlro'] as const) {
      const result = runShort({ config, params: { 'lro.plro.maxAggr': 1, 'lro.vlro.maxAggr': 1 } })
      expect(result.lroRate).toBe(1)
    }
  })

  it('aggregates more when each poll sees more packets (lower interrupt rate)', () => {
    // Page-fragment aggregates: only the poll bounds them (a linear page would cap them at 2).
    const frags = { 'lro.plro.aggregateForm': 0 }
    const busy = runShort({ config: 'plro', params: { ...frags, 'nic.interruptRateHz': 20_000 } })
    const lazy = runShort({ config: 'plro', params: { ...frags, 'nic.interruptRateHz': 4_000 } })
    expect(busy.lroRate).not.toBeNull()
    expect(lazy.lroRate!).toBeGreaterThan(busy.lroRate! * 1.2)
  })

  it('sends fewer ACKs with vLRO than without LRO under Xen', () => {
    const xen = runShort({ config: 'xen' })
    const vlro = runShort({ config: 'vlro' })
    expect(acksPerSegment(vlro)).toBeLessThan(acksPerSegment(xen) * 0.8)
    expect(vlro.counters['xenAck.acksSent']).toBeLessThan(xen.counters['xenAck.acksSent'])
  })

  it('moves pLRO aggregates through netback as multi-slot GSO packets', () => {
    const result = runShort({ config: 'plro', params: { 'xen.netback.transferMode': 0 } })
    const c = result.counters
    // Copy mode: A data slots + 1 GSO extra slot per aggregate, so slots exceed skbs by at least one each.
    expect(c['netback.slots']).toBeGreaterThanOrEqual(c['lro.plro.packetsIn'])
    expect(c['netback.slots']).toBeLessThanOrEqual(c['lro.plro.packetsIn'] + 2 * c['netback.skbsIn'])
  })

  it('makes one netback dom0 copy per packet in flip mode and none in copy mode at MTU 1500', () => {
    const flip = runShort({ config: 'xen', params: { 'xen.netback.transferMode': 1 } })
    const copy = runShort({ config: 'xen', params: { 'xen.netback.transferMode': 0 } })
    expect(flip.counters['netback.dom0Copies']).toBe(
      flip.counters['netback.skbsIn'] - flip.counters['netback.qdiscDrops'],
    )
    expect(copy.counters['netback.dom0Copies']).toBe(0)
    expect(copy.clk).toBeLessThan(flip.clk)
  })

  it('splits pLRO aggregates into internal packets of at most guestMtu (split-MTU what-if)', () => {
    const result = runShort({
      config: 'plro',
      guestMtu: 4000,
      params: { 'xen.netback.transferMode': 0, 'lro.plro.aggregateForm': 0 },
    })
    const c = result.counters
    expect(c['xen.internalMtuChunks']).toBeGreaterThan(c['dom0.skbs'])
    // Two 1448-byte segments fit a 4000-byte internal MTU: every internal packet takes one slot.
    expect(c['netback.slots']).toBe(
      c['netback.skbsIn'] - c['netback.qdiscDrops'] - c['netback.noRequestDrops'],
    )
    expect(result.throughputMbps).toBeGreaterThan(0)
  })
})
