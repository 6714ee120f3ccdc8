import { describe, expect, it } from 'vitest'
import { runShort } from './run-helpers'

describe('throughput and load responses', () => {
  it('a 64-byte sender is slower than a 1 KB one', () => {
    const small = runShort({ config: 'linux', messageSize: 64 })
    const large = runShort({ config: 'linux', messageSize: 1024 })
    expect(small.throughputMbps).toBeLessThan(large.throughputMbps)
  })

  it('halving the receiver clock never raises throughput beyond noise', () => {
    for (const config of ['linux', 'xen'] as const) {
      const full = runShort({ config, jbb: 'max' })
      const half = runShort({ config, jbb: 'max', params: { 'host.cpu.clockHz': 1.5e9 } })
      expect(half.throughputMbps).toBeLessThanOrEqual(full.throughputMbps * 1.02)
      expect(half.cpu.total).toBeGreaterThanOrEqual(0)
    }
  })

  it("SPECjbb's score falls when the network load rises (one CPU)", () => {
    const quiet = runShort({ config: 'xen', jbb: 'max', params: { 'wire.rateBps': 100e6 } })
    const busy = runShort({ config: 'xen', jbb: 'max', params: { 'wire.rateBps': 1e9 } })
    expect(quiet.specjbbScore).not.toBeNull()
    expect(busy.throughputMbps).toBeGreaterThan(quiet.throughputMbps)
    expect(busy.specjbbScore!).toBeLessThan(quiet.specjbbScore!)
  })

  it('netback drops packets at the vif qdisc when the guest cannot keep up', () => {
    // A slow guest next to SPECjbb: netfront falls behind, the vif queue stops and its qdisc overflows.
    const result = runShort({
      config: 'xen',
      jbb: 'max',
      // A 4-packet queue: with 8, the sender's ACK batching (its NIC's ITR) turns the first loss
      // episode into an RTO stall that covers this short window (NewReno without SACK).
      params: { 'xen.netfront.responseCycles': 60_000, 'xen.netback.queueLength': 4 },
    })
    const c = result.counters
    expect(c['netback.queueStops']).toBeGreaterThan(0)
    expect(c['netback.qdiscDrops']).toBeGreaterThan(0)
    expect(c['tcp.sender.retransmissions']).toBeGreaterThan(0)
  })
})
