import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import type { WireDirection } from '../../../../engine/model/net/net-api'
import { NicBus } from '../../../../engine/model/net/nic-bus'
import { PacketPool } from '../../../../engine/model/net/packet'
import { NetperfSender } from '../../../../engine/model/net/sender-host'
import { resolveParams } from '../../../../engine/params/registry'
import { createHarness } from './helpers/network-harness'

describe('NetperfSender', () => {
  it('is slower with 64-byte messages than with 1 KB messages when the per-call cost dominates', () => {
    const goodput = (messageSizeBytes: number) =>
      createHarness({ messageSizeBytes, params: { 'sender.cost.callCycles': 6000 } }).runGoodputBps(
        0.15,
        0.05,
      )
    const small = goodput(64)
    const large = goodput(1024)
    expect(small).toBeLessThan(large * 0.5)
    // The CPU bound of the small-message sender: 8 m / (t_call + m t_byte), plus segment costs.
    const params = resolveParams({})
    const nsPerCycle = 1e9 / params['sender.cpu.clockHz']
    const callBoundBps = (8 * 64 * 1e9) / ((6000 + 64 * params['sender.cost.byteCycles']) * nsPerCycle)
    expect(small).toBeLessThan(callBoundBps)
    expect(small).toBeGreaterThan(callBoundBps * 0.7)
  })

  it('reports a saturated CPU when it limits throughput and an idle-ish CPU when the wire does', () => {
    const cpuBound = createHarness({ messageSizeBytes: 64 })
    cpuBound.runGoodputBps(0.2)
    cpuBound.net.resetWindow()
    cpuBound.runGoodputBps(0.4)
    const wireBound = createHarness({ messageSizeBytes: 16384 })
    wireBound.runGoodputBps(0.2)
    wireBound.net.resetWindow()
    wireBound.runGoodputBps(0.4)
    expect(cpuBound.net.sender.cpuUtilization()).toBeGreaterThan(0.95)
    expect(wireBound.net.sender.cpuUtilization()).toBeLessThan(0.5)
  })

  it('gains throughput from fewer ACKs (LRO) when its per-ACK cost makes it CPU-bound', () => {
    const params = { 'sender.cost.ackCycles': 60000, 'sender.cost.byteCycles': 15 }
    const withoutLro = createHarness({ params })
    const withLro = createHarness({ params, lro: { maxAggr: 32 } })
    const plain = withoutLro.runGoodputBps(0.4, 0.1)
    const aggregated = withLro.runGoodputBps(0.4, 0.1)
    const acksPerSegment = (h: typeof withLro) =>
      h.net.counters()['tcp.sender.acksReceived'] / h.net.counters()['tcp.sender.segmentsSent']
    expect(acksPerSegment(withLro)).toBeLessThan(acksPerSegment(withoutLro) / 2)
    expect(aggregated).toBeGreaterThan(plain * 1.2)
  })

  it('blocks send() when the send buffer is full and resumes on ACKs (fixed buffer)', () => {
    const harness = createHarness({
      params: { 'sender.sndbufAutotune': 0, 'sender.sndbufBytes': 16384 },
      pollDelayNs: 200_000,
    })
    const goodput = harness.runGoodputBps(0.3, 0.1)
    const counters = harness.net.counters()
    expect(counters['sender.blockedEpisodes']).toBeGreaterThan(0)
    expect(counters['sender.sndbufBytes']).toBe(16384)
    // With at most 16 KB unacknowledged and >= 200 us per round trip, goodput <= 16 KB per RTT.
    expect(goodput).toBeLessThan((16384 * 8) / 200e-6)
    expect(goodput).toBeGreaterThan(0)
  })

  it("processes ACKs in batches behind its NIC's interrupt moderation, one interrupt cost per batch", () => {
    const run = (params: Record<string, number>) => {
      const harness = createHarness({ params: { 'sender.cost.ackCycles': 0, ...params } })
      harness.runGoodputBps(0.2)
      harness.net.resetWindow()
      harness.runGoodputBps(0.4)
      const c = harness.net.counters()
      return { c, busy: harness.net.sender.cpuUtilization() }
    }
    const unmoderated = run({ 'sender.nic.interruptRateHz': 0 })
    expect(unmoderated.c['sender.nic.interrupts']).toBe(unmoderated.c['sender.acksProcessed'])
    const moderated = run({ 'sender.nic.interruptRateHz': 8000 })
    expect(moderated.c['sender.nic.interrupts']).toBeLessThanOrEqual(0.2 * 8000 * 1.01)
    expect(moderated.c['sender.acksProcessed'] / moderated.c['sender.nic.interrupts']).toBeGreaterThan(2)
    // The interrupt cost is per batch: 20,000 cycles per interrupt dominate the sender's CPU only
    // when every ACK has its own interrupt.
    const costly = { 'sender.cost.interruptCycles': 20_000 }
    const costlyUnmoderated = run({ ...costly, 'sender.nic.interruptRateHz': 0 })
    const costlyModerated = run({ ...costly, 'sender.nic.interruptRateHz': 8000 })
    expect(costlyModerated.busy).toBeLessThan(costlyUnmoderated.busy * 0.6)
  })
})

describe('NetperfSender send buffer (sk_wmem_queued at truesize)', () => {
  /** A wire that takes every frame and delivers none: the sender fills its buffer and blocks. */
  function blackHoleWire(): WireDirection {
    return {
      send: () => true,
      hasTxRoom: () => true,
      requestTxRoomNotification: () => {},
      onTxRoom: () => {},
      receiver: { receiveFrame: () => {} },
      counters: () => ({}),
      resetWindow: () => {},
    }
  }

  function bytesWrittenBeforeBlocking(overheadBytes: number): number {
    const sim = new Simulation(1)
    const pool = new PacketPool(64)
    const params = resolveParams({
      'sender.sndbufAutotune': 0,
      'sender.sndbufBytes': 16384,
      'sender.skbOverheadBytes': overheadBytes,
      'tcp.initialCwndSegments': 100,
    })
    const sender = new NetperfSender(sim, pool, params, {
      mss: 1448,
      messageSizeBytes: 16384,
      forward: blackHoleWire(),
      initialWindowBytes: 1 << 20,
      bus: new NicBus(params),
    })
    sender.start()
    sim.run({ until: 1e7 })
    return sender.counters()['sender.bytesWritten']
  }

  it('charges every skb its truesize: 16384 B of sk_sndbuf hold 9 MSS skbs of 1448 + 424 B', () => {
    // tcp_sendmsg copies while sk_wmem_queued < sk_sndbuf: ceil(16384 / 1872) = 9 skbs of payload,
    // then 9 x 1872 = 16848 >= 16384 blocks the writer (sk_stream_wait_memory).
    expect(bytesWrittenBeforeBlocking(424)).toBe(9 * 1448)
    // Payload-only accounting would have taken the whole 16 KB message.
    expect(bytesWrittenBeforeBlocking(0)).toBe(16384)
  })
})
