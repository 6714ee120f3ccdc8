import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { LinuxTcpReceiver } from '../../../../engine/model/net/tcp-receiver'
import { resolveParams } from '../../../../engine/params/registry'
import { createHarness } from './helpers/network-harness'

const MSS = 1448

interface Ack {
  atNs: number
  ackSeq: number
  windowBytes: number
}

function createReceiver(overrides: Record<string, number> = {}) {
  const sim = new Simulation(5)
  const pool = new PacketPool(64)
  const params = resolveParams(overrides)
  const receiver = new LinuxTcpReceiver(sim, pool, params, MSS)
  const acks: Ack[] = []
  receiver.onAck = (id) => {
    expect(pool.kind[id]).toBe(PacketKind.PureAck)
    acks.push({ atNs: sim.now, ackSeq: pool.ackSeq[id], windowBytes: pool.windowBytes[id] })
    pool.free(id)
  }
  let nextSeq = 0
  /** Delivers a (possibly aggregated) segment of `segments` x MSS at `seq` (default: in order). */
  const deliver = (segments = 1, options: { seq?: number; gsoSize?: number; bytes?: number } = {}) => {
    const id = pool.alloc()
    const seq = options.seq ?? nextSeq
    const bytes = options.bytes ?? segments * MSS
    pool.kind[id] = PacketKind.Data
    pool.seq[id] = seq
    pool.payloadBytes[id] = bytes
    pool.segments[id] = segments
    pool.gsoSize[id] = options.gsoSize ?? (segments > 1 ? MSS : 0)
    pool.flags[id] = PacketFlag.Ack | PacketFlag.HasTimestamps
    pool.tsval[id] = 1
    pool.tsecr[id] = 1
    pool.frameBytes[id] = bytes + 52
    if (options.seq === undefined) nextSeq += bytes
    return receiver.onSegment(id)
  }
  const deliverHandler = sim.register('deliver', (segments) => {
    deliver(segments)
    receiver.recvCopy(Number.MAX_SAFE_INTEGER)
  })
  return { sim, pool, receiver, acks, deliver, deliverHandler, params }
}

describe('LinuxTcpReceiver ACK rule', () => {
  it('ACKs about once per two full segments in a steady stream (after the quick-ACK start)', () => {
    const { receiver, acks, deliver } = createReceiver()
    for (let i = 0; i < 1000; i++) {
      deliver(1)
      receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    }
    const quickAcks = resolveParams({})['tcp.maxQuickAcks']
    expect(acks.length).toBeGreaterThan(480)
    expect(acks.length).toBeLessThan(500 + quickAcks)
    expect(acks[acks.length - 1].ackSeq).toBe(1000 * MSS)
  })

  it('ACKs once per LRO aggregate of two or more segments when gso_size is set', () => {
    const { receiver, acks, deliver } = createReceiver()
    for (let i = 0; i < 200; i++) {
      expect(deliver(5, { gsoSize: MSS })).toBe(1)
      receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    }
    expect(acks).toHaveLength(200)
    expect(receiver.rcvMssBytes).toBe(MSS)
  })

  it('ACKs far less often when aggregates come without gso_size (rcv_mss inflates)', () => {
    const overrides = {
      'tcp.rcvbufAutotune': 0,
      'tcp.rcvbufBytes': 16_000_000,
      'tcp.rcvbufMaxBytes': 16_000_000,
    }
    const withGso = createReceiver(overrides)
    const withoutGso = createReceiver(overrides)
    // Aggregates of varying depth, as polls deliver them; the application reads at the end.
    const depths = Array.from({ length: 400 }, (_, i) => (i % 20 === 0 ? 16 : 2 + (i % 3)))
    for (const depth of depths) {
      withGso.deliver(depth, { gsoSize: MSS })
      withoutGso.deliver(depth, { gsoSize: 0 })
    }
    expect(withGso.acks).toHaveLength(400)
    expect(withoutGso.receiver.rcvMssBytes).toBe(16 * MSS)
    expect(withoutGso.acks.length).toBeLessThan(withGso.acks.length / 3)
  })

  it('fires the delayed ACK 40 ms after a lone segment once quick-ACK mode is over', () => {
    const { sim, acks, deliverHandler, params } = createReceiver()
    for (let i = 0; i < 40; i++) sim.schedule(i * 10_000, deliverHandler, 1)
    sim.run({ until: 1e6 })
    const acksBefore = acks.length
    const loneAtNs = 2e6
    sim.schedule(loneAtNs - sim.now, deliverHandler, 1)
    sim.run({ until: 1e9 })
    expect(acks.length).toBe(acksBefore + 1)
    expect(acks[acks.length - 1].atNs).toBe(loneAtNs + params['tcp.delayedAckNs'])
  })

  it('ACKs at once when a small segment was read and the queue is empty (ICSK_ACK_PUSHED)', () => {
    const { receiver, acks, deliver } = createReceiver()
    for (let i = 0; i < 40; i++) {
      deliver(1)
      receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    }
    const acksBefore = acks.length
    expect(deliver(1, { bytes: 100 })).toBe(0)
    expect(acks.length).toBe(acksBefore)
    receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    expect(acks.length).toBe(acksBefore + 1)
  })

  it('sends an immediate duplicate ACK for out-of-order data and a full ACK when the hole is filled', () => {
    const { receiver, acks, deliver } = createReceiver()
    for (let i = 0; i < 40; i++) deliver(1)
    const holeSeq = 40 * MSS
    const acksBefore = acks.length
    deliver(1, { seq: holeSeq + MSS })
    deliver(1, { seq: holeSeq + 2 * MSS })
    expect(acks.length).toBe(acksBefore + 2)
    expect(acks[acks.length - 1].ackSeq).toBe(holeSeq)
    expect(receiver.bytesQueued).toBe(40 * MSS)
    deliver(1, { seq: holeSeq })
    expect(acks[acks.length - 1].ackSeq).toBe(holeSeq + 3 * MSS)
    expect(receiver.bytesQueued).toBe(43 * MSS)
    expect(receiver.counters()['tcp.receiver.outOfOrder']).toBe(2)
  })

  it('re-ACKs duplicate data at once', () => {
    const { acks, deliver } = createReceiver()
    for (let i = 0; i < 40; i++) deliver(1)
    const acksBefore = acks.length
    deliver(1, { seq: 0 })
    expect(acks.length).toBe(acksBefore + 1)
    expect(acks[acks.length - 1].ackSeq).toBe(40 * MSS)
  })
})

describe('LinuxTcpReceiver window', () => {
  it('advertises 3/4 of the buffer rounded to the MSS at the start (87380 -> 65160 at MSS 1448)', () => {
    const { receiver, params } = createReceiver()
    const space = params['tcp.rcvbufBytes']
    const expected = Math.floor(Math.min(65535, space - space / 4) / MSS) * MSS
    expect(receiver.initialWindowBytes()).toBe(expected)
  })

  it('closes the window as the queue fills and sends a window update when recv() reopens it', () => {
    const { receiver, acks, deliver } = createReceiver({ 'tcp.rcvbufAutotune': 0 })
    let sentBytes = 0
    const rightEdge = () => acks[acks.length - 1].ackSeq + acks[acks.length - 1].windowBytes
    deliver(1)
    sentBytes += MSS
    // A sender that respects the offered window, with a reader that never reads.
    while (rightEdge() - sentBytes >= MSS) {
      deliver(1)
      sentBytes += MSS
    }
    expect(receiver.advertisedWindowBytes).toBeLessThan(2 * MSS)
    expect(receiver.bytesQueued).toBeGreaterThan(55 * MSS)
    const acksBefore = acks.length
    receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    expect(acks.length).toBe(acksBefore + 1)
    expect(acks[acks.length - 1].windowBytes).toBeGreaterThan(40 * MSS)
    expect(receiver.counters()['tcp.receiver.windowUpdateAcks']).toBe(1)
  })

  it('grows the receive buffer with autotuning in a fast stream, up to tcp_rmem[2]', () => {
    const tuned = createHarness({ params: { 'tcp.rcvbufAutotune': 1 } })
    const fixed = createHarness({ params: { 'tcp.rcvbufAutotune': 0 } })
    tuned.runGoodputBps(0.3)
    fixed.runGoodputBps(0.3)
    const params = resolveParams({})
    expect(tuned.net.tcpReceiver.rcvbufBytes).toBeGreaterThan(params['tcp.rcvbufBytes'] * 4)
    expect(tuned.net.tcpReceiver.rcvbufBytes).toBeLessThanOrEqual(params['tcp.rcvbufMaxBytes'])
    expect(fixed.net.tcpReceiver.rcvbufBytes).toBe(params['tcp.rcvbufBytes'])
  })
})

describe('LinuxTcpReceiver reassembly', () => {
  it('delivers every byte exactly once in order, whatever the arrival order and duplication', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 120 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 30, maxLength: 30 }),
        (order, lengths) => {
          const { receiver, deliver } = createReceiver({ 'tcp.rcvbufBytes': 1_000_000 })
          const starts: number[] = []
          let seq = 0
          for (const segments of lengths) {
            starts.push(seq)
            seq += segments * MSS
          }
          // Arrivals in the random order, then every segment once more in order (retransmissions).
          for (const index of [...order, ...lengths.keys()]) {
            deliver(lengths[index], { seq: starts[index] })
          }
          expect(receiver.nextExpectedSeq).toBe(seq)
          expect(receiver.bytesQueued).toBe(seq)
          expect(receiver.recvCopy(Number.MAX_SAFE_INTEGER)).toBe(seq)
          expect(receiver.bytesDelivered).toBe(seq)
        },
      ),
      { numRuns: 60 },
    )
  })
})
