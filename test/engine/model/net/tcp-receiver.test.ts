import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { MAX_SACK_BLOCKS, PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { LinuxTcpReceiver } from '../../../../engine/model/net/tcp-receiver'
import { resolveParams } from '../../../../engine/params/registry'
import { createHarness } from './helpers/network-harness'

const MSS = 1448

interface Ack {
  atNs: number
  ackSeq: number
  windowBytes: number
  /** SACK blocks, as carried (most recent first). */
  sackBlocks: [number, number][]
  frameBytes: number
}

function createReceiver(overrides: Record<string, number> = {}) {
  const sim = new Simulation(5)
  const pool = new PacketPool(64)
  const params = resolveParams(overrides)
  const receiver = new LinuxTcpReceiver(sim, pool, params, MSS)
  const acks: Ack[] = []
  receiver.onAck = (id) => {
    expect(pool.kind[id]).toBe(PacketKind.PureAck)
    const sackBlocks: [number, number][] = []
    for (let b = 0; b < pool.sackCount[id]; b++) {
      sackBlocks.push([pool.sackStarts[id * MAX_SACK_BLOCKS + b], pool.sackEnds[id * MAX_SACK_BLOCKS + b]])
    }
    acks.push({
      atNs: sim.now,
      ackSeq: pool.ackSeq[id],
      windowBytes: pool.windowBytes[id],
      sackBlocks,
      frameBytes: pool.frameBytes[id],
    })
    pool.free(id)
  }
  let nextSeq = 0
  /** Delivers a (possibly aggregated) segment of `segments` x MSS at `seq` (default: in order). */
  const deliver = (
    segments = 1,
    options: { seq?: number; gsoSize?: number; bytes?: number; truesize?: number } = {},
  ) => {
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
    pool.truesize[id] = options.truesize ?? 0
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
      'tcp.rcvbufBytes': 4_000_000,
      'tcp.rcvbufMaxBytes': 4_000_000,
    }
    const withGso = createReceiver(overrides)
    const withoutGso = createReceiver(overrides)
    // First the window grows to its clamp (each raise of rcv_ssthresh asks for a quick ACK).
    for (const side of [withGso, withoutGso]) {
      for (let i = 0; i < 1200; i++) {
        side.deliver(1)
        side.receiver.recvCopy(Number.MAX_SAFE_INTEGER)
      }
    }
    const before = { withGso: withGso.acks.length, withoutGso: withoutGso.acks.length }
    // Aggregates of varying depth, as polls deliver them; the application reads at the end.
    const depths = Array.from({ length: 400 }, (_, i) => (i % 20 === 0 ? 16 : 2 + (i % 3)))
    for (const depth of depths) {
      withGso.deliver(depth, { gsoSize: MSS })
      withoutGso.deliver(depth, { gsoSize: 0 })
    }
    expect(withGso.acks.length - before.withGso).toBe(400)
    expect(withoutGso.receiver.rcvMssBytes).toBe(16 * MSS)
    expect(withoutGso.acks.length - before.withoutGso).toBeLessThan(400 / 3)
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
    // Every queued segment is charged its truesize (here 1448 + a 200-byte sk_buff): the window
    // 3/4 (87380 - n x 1648) stays >= one MSS up to n = 51, so 52 segments get in.
    expect(receiver.bytesQueued).toBe(52 * MSS)
    expect(receiver.rmemAllocBytes).toBe(52 * (MSS + 200))
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

describe('LinuxTcpReceiver SACK blocks (tcp.sack)', () => {
  const base = 40 * MSS
  /** [start, end) of segment `index` after the in-order prefix. */
  const range = (index: number, count = 1): [number, number] => [
    base + index * MSS,
    base + (index + count) * MSS,
  ]

  it('reports exactly the out-of-order ranges, most recent first, at most 3, until the holes fill', () => {
    const { receiver, acks, deliver } = createReceiver()
    for (let i = 0; i < 40; i++) deliver(1)
    expect(acks[acks.length - 1].sackBlocks).toEqual([])
    // Hole at 0; out-of-order islands at 1-2, 4, 6 and 8.
    deliver(1, { seq: range(1)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(1)])
    expect(acks[acks.length - 1].frameBytes).toBe(52 + 4 + 8)
    deliver(1, { seq: range(2)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(1, 2)])
    deliver(1, { seq: range(4)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(4), range(1, 2)])
    deliver(1, { seq: range(6)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(6), range(4), range(1, 2)])
    deliver(1, { seq: range(8)[0] })
    // Four islands: only the three most recent fit next to the timestamp option.
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(8), range(6), range(4)])
    expect(acks[acks.length - 1].frameBytes).toBe(52 + 4 + 3 * 8)
    // A segment touching an older island moves (and merges) that island to the front.
    deliver(1, { seq: range(3)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(1, 4), range(8), range(6)])
    for (const ack of acks) expect(ack.ackSeq).toBeLessThanOrEqual(base)
    // Filling the first hole advances rcv_nxt past [1, 5): those blocks are removed.
    deliver(1, { seq: range(0)[0] })
    expect(acks[acks.length - 1].ackSeq).toBe(range(5)[0])
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(8), range(6)])
    deliver(1, { seq: range(5)[0] })
    expect(acks[acks.length - 1].sackBlocks).toEqual([range(8)])
    deliver(1, { seq: range(7)[0] })
    expect(acks[acks.length - 1].ackSeq).toBe(range(9)[0])
    expect(acks[acks.length - 1].sackBlocks).toEqual([])
    expect(acks[acks.length - 1].frameBytes).toBe(52)
    const sent = acks.reduce((sum, ack) => sum + ack.sackBlocks.length, 0)
    expect(receiver.counters()['tcp.receiver.sackBlocksSent']).toBe(sent)
  })

  it('every ACK reports only out-of-order data it holds, the latest segment in the first block', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 1, maxLength: 80 }), (order) => {
        const { receiver, acks, deliver } = createReceiver({ 'tcp.rcvbufBytes': 1_000_000 })
        const held = new Set<number>()
        let hasForgotten = false
        for (const index of order) {
          const acksBefore = acks.length
          deliver(1, { seq: index * MSS })
          held.add(index)
          if (acks.length === acksBefore) continue
          const ack = acks[acks.length - 1]
          expect(ack.ackSeq).toBe(receiver.nextExpectedSeq)
          expect(ack.sackBlocks.length).toBeLessThanOrEqual(3)
          if (index * MSS > ack.ackSeq) {
            const [start, end] = ack.sackBlocks[0]
            expect(start).toBeLessThanOrEqual(index * MSS)
            expect(end).toBeGreaterThanOrEqual((index + 1) * MSS)
          }
          const sorted = [...ack.sackBlocks].sort((a, b) => a[0] - b[0])
          // Islands of held data above the hole; with more than 4 the oldest blocks are forgotten.
          const islands = [...held].filter((h) => h * MSS > ack.ackSeq && !held.has(h - 1)).length
          if (islands > 4) hasForgotten = true
          for (let b = 0; b < sorted.length; b++) {
            const [start, end] = sorted[b]
            expect(start).toBeGreaterThan(ack.ackSeq)
            if (b > 0) expect(start).toBeGreaterThan(sorted[b - 1][1])
            // Every byte of a block was received.
            for (let seq = start; seq < end; seq += MSS) expect(held.has(seq / MSS)).toBe(true)
            // Until an island had to be forgotten (4 blocks are remembered), blocks are maximal.
            if (!hasForgotten) {
              expect(held.has(start / MSS - 1)).toBe(false)
              expect(held.has(end / MSS)).toBe(false)
            }
          }
          // Blocks exactly when out-of-order data is held.
          expect(sorted.length > 0).toBe(islands > 0)
          if (!hasForgotten && islands <= 3) expect(sorted.length).toBe(islands)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('sends no SACK blocks with tcp.sack 0', () => {
    const { receiver, acks, deliver } = createReceiver({ 'tcp.sack': 0 })
    for (let i = 0; i < 40; i++) deliver(1)
    deliver(1, { seq: range(1)[0] })
    deliver(1, { seq: range(3)[0] })
    expect(acks[acks.length - 1].ackSeq).toBe(base)
    expect(acks.every((ack) => ack.sackBlocks.length === 0 && ack.frameBytes === 52)).toBe(true)
    expect(receiver.counters()['tcp.receiver.sackBlocksSent']).toBe(0)
  })
})

describe('LinuxTcpReceiver socket memory at truesize (2.6.18 sk_rmem_alloc)', () => {
  it('offers the free buffer less what queued skbs are charged: 10 e1000 skbs of 2312 B', () => {
    const { receiver, deliver } = createReceiver({ 'tcp.rcvbufAutotune': 0 })
    for (let i = 0; i < 10; i++) deliver(1, { truesize: 2312 })
    // tcp_win_from_space(87380 - 23120) = 48195 is what the free buffer carries now; the offer never
    // pulls its right edge back, so it lies between that and the payload-only 3/4 (87380 - 14480).
    expect(receiver.rmemAllocBytes).toBe(23120)
    expect(receiver.advertisedWindowBytes).toBeGreaterThanOrEqual(48195)
    expect(receiver.advertisedWindowBytes).toBeLessThan(87380 - 14480 - Math.floor((87380 - 14480) / 4))
    receiver.recvCopy(5 * MSS)
    // recv() frees the five skbs it read to their end.
    expect(receiver.rmemAllocBytes).toBe(5 * 2312)
  })

  it('grows rcv_ssthresh two advmss per full segment while the truesize leaves room (tcp_grow_window)', () => {
    // A 1 MB fixed buffer: clamp 786432; rcv_ssthresh starts at the initial 65160.
    const { receiver, deliver } = createReceiver({ 'tcp.rcvbufAutotune': 0, 'tcp.rcvbufBytes': 1 << 20 })
    const startWindow = receiver.advertisedWindowBytes
    expect(startWindow).toBe(65280) // 65160 rounded up to the 128-byte scale
    for (let i = 0; i < 10; i++) {
      // e1000's 2312-byte skbs: win_from_space(2312) = 1734 > 1448, so __tcp_grow_window decides:
      // its halved share 867 <= 1448 at the first level, so the window still grows by 2 rcv_mss.
      deliver(1, { truesize: 2312 })
      receiver.recvCopy(Number.MAX_SAFE_INTEGER)
    }
    expect(receiver.advertisedWindowBytes).toBe(Math.ceil((65160 + 10 * 2 * MSS) / 128) * 128)
  })

  it('does not grow the window for segments whose truesize share never fits their length', () => {
    // 200-byte segments in 8 KB buffers: win_from_space(8392) = 6294; halved 3147, then 1573, 786,
    // 393, 196 <= 200 only at the fifth level, where the limit is win_from_space(4 MB) / 2 / 16 =
    // 98304: rcv_ssthresh (65160) is under it, so the window grows...
    const small = createReceiver({ 'tcp.rcvbufAutotune': 0, 'tcp.rcvbufBytes': 1 << 20 })
    for (let i = 0; i < 5; i++) small.deliver(1, { bytes: 200, truesize: 8392 })
    expect(small.receiver.advertisedWindowBytes).toBeGreaterThan(65280)
    // ...but 130-byte segments in the same buffers would need a sixth halving (98 <= 130 at a
    // limit of 49152), below rcv_ssthresh: no growth.
    const tiny = createReceiver({ 'tcp.rcvbufAutotune': 0, 'tcp.rcvbufBytes': 1 << 20 })
    for (let i = 0; i < 5; i++) tiny.deliver(1, { bytes: 130, truesize: 8392 })
    expect(tiny.receiver.advertisedWindowBytes).toBe(65280)
  })

  it('collapses the queue when it is over the buffer, and drops what still does not fit', () => {
    const { receiver, deliver } = createReceiver({ 'tcp.rcvbufAutotune': 0, 'tcp.rcvbufBytes': 16384 })
    // Segments charged 8 KB each (jumbo buffers holding 1448 bytes): the fourth finds 24 KB charged
    // against 16 KB; tcp_collapse packs the 3 x 1448 queued bytes into dense skbs (4744 B) and it fits.
    for (let i = 0; i < 4; i++) deliver(1, { truesize: 8192 })
    expect(receiver.counters()['tcp.receiver.pruneCollapses']).toBe(1)
    expect(receiver.counters()['tcp.receiver.pruneDrops']).toBe(0)
    expect(receiver.rmemAllocBytes).toBe(4744 + 8192)
    expect(receiver.bytesQueued).toBe(4 * MSS)
  })
})
