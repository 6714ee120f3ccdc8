import { describe, expect, it } from 'vitest'
import { runShort } from './run-helpers'

/** Runs with page-fragment pLRO aggregates unless a test says otherwise. */
const FRAGS = { 'lro.plro.aggregateForm': 0 }

describe('pLRO aggregate forms (lro.plro.aggregateForm)', () => {
  it('caps a linear one-page aggregate at two MTU-1500 segments (2 x 1500 - 52 fits 4064 B, 3 do not)', () => {
    const linear = runShort({
      config: 'plro',
      params: { 'lro.plro.aggregateForm': 1, 'nic.interruptRateHz': 4000 },
    })
    const frags = runShort({ config: 'plro', params: { ...FRAGS, 'nic.interruptRateHz': 4000 } })
    expect(linear.lroRate!).toBeLessThanOrEqual(2)
    expect(linear.lroRate!).toBeGreaterThan(1.8)
    expect(linear.counters['lro.plro.flushSizeCap']).toBeGreaterThan(0)
    expect(frags.lroRate!).toBeGreaterThan(4)
  })

  it('cannot aggregate jumbo frames in one page: the LRO rate is 1 at MTU 4000', () => {
    const linear = runShort({ config: 'plro', mtu: 4000, params: { 'lro.plro.aggregateForm': 1 } })
    expect(linear.lroRate).toBe(1)
  })
})

describe('vLRO flush policies (lro.vlro.flushPolicy)', () => {
  const vlro = (policy: number, timeout = '100us') =>
    runShort({
      config: 'vlro',
      params: {
        'lro.vlro.flushPolicy': policy,
        'lro.vlro.flushTimeoutNs': timeout,
        'nic.interruptRateHz': 20000,
      },
    })

  it('flushes at every poll end by default, so vLRO aggregates what one netfront poll takes', () => {
    const result = vlro(0)
    const c = result.counters
    expect(c['lro.vlro.flushTimer']).toBe(0)
    expect(result.lroRate!).toBeLessThanOrEqual(c['netfront.packets'] / c['netfront.polls'] + 1e-9)
  })

  it('holds segments across polls with the age timer, aggregating deeper and flushing on the timer', () => {
    const pollEnd = vlro(0)
    const age = vlro(2)
    expect(age.counters['lro.vlro.flushTimer']).toBeGreaterThan(0)
    expect(age.counters['lro.vlro.flushPollEnd']).toBe(0)
    expect(age.lroRate!).toBeGreaterThan(pollEnd.lroRate! * 1.5)
    // A longer hold aggregates more.
    expect(vlro(2, '200us').lroRate!).toBeGreaterThan(age.lroRate!)
  })

  it('with the idle timer, a steady stream fills aggregates up to max_aggr', () => {
    const idle = runShort({
      config: 'vlro',
      params: { 'lro.vlro.flushPolicy': 1, 'lro.vlro.flushTimeoutNs': '500us', 'lro.vlro.maxAggr': 8 },
    })
    expect(idle.counters['lro.vlro.flushMaxAggr']).toBeGreaterThan(idle.counters['lro.vlro.flushTimer'])
    expect(idle.lroRate!).toBeGreaterThan(6)
    // The rate counts the packets in and out of the measured window: an aggregate open at either
    // edge (at most max_aggr - 1 segments) can lift it a hair above max_aggr.
    const outputs = idle.counters['lro.vlro.packetsOut']
    expect(idle.lroRate!).toBeLessThanOrEqual(8 + 7 / outputs)
  })
})

describe('who sets gso_size (lro.plro.setGsoSize, lro.vlro.setGsoSize)', () => {
  it("drops pLRO's aggregates at the bridge without gso_size (2.6.18 br_dev_queue_push_xmit), so pLRO must set it", () => {
    const without = runShort({ config: 'plro', params: { 'lro.plro.setGsoSize': 0 } })
    const withGso = runShort({ config: 'plro' })
    expect(without.counters['bridge.oversizeDrops']).toBeGreaterThan(0)
    expect(without.throughputMbps).toBeLessThan(withGso.throughputMbps / 4)
    expect(withGso.counters['bridge.oversizeDrops']).toBe(0)
  })

  it("halves the guest's ACKs per vLRO aggregate without gso_size: rcv_mss becomes an aggregate", () => {
    const ackPerAggregate = (setGsoSize: number): number => {
      const result = runShort({ config: 'vlro', params: { 'lro.vlro.setGsoSize': setGsoSize } })
      return result.counters['tcp.receiver.acks'] / result.counters['lro.vlro.packetsOut']
    }
    const withGso = ackPerAggregate(1)
    const without = ackPerAggregate(0)
    expect(withGso).toBeGreaterThan(0.9)
    expect(without).toBeGreaterThan(0.4)
    expect(without).toBeLessThan(0.6)
  })
})
