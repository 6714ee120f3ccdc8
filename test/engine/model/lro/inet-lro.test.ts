import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InetLro, lroConfigFromParams, type LroConfig } from '../../../../engine/model/lro/inet-lro'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { resolveParams } from '../../../../engine/params/registry'

const MSS = 1448

interface Output {
  id: number
  seq: number
  payloadBytes: number
  segments: number
  gsoSize: number
  ackSeq: number
  tsval: number
  tsecr: number
}

function createLro(config: Partial<LroConfig> = {}) {
  const pool = new PacketPool(64)
  const lro = new InetLro(pool, {
    maxAggr: 32,
    maxDescriptors: 8,
    isGsoSizeSet: true,
    mtu: 1500,
    name: 'lro.test',
    ...config,
  })
  const outputs: Output[] = []
  lro.onOutput = (id) => {
    outputs.push({
      id,
      seq: pool.seq[id],
      payloadBytes: pool.payloadBytes[id],
      segments: pool.segments[id],
      gsoSize: pool.gsoSize[id],
      ackSeq: pool.ackSeq[id],
      tsval: pool.tsval[id],
      tsecr: pool.tsecr[id],
    })
    pool.free(id)
  }
  const segment = (
    seq: number,
    options: { flow?: number; bytes?: number; flags?: number; tsval?: number; ack?: number } = {},
  ) => {
    const id = pool.alloc()
    const bytes = options.bytes ?? MSS
    pool.kind[id] = bytes > 0 ? PacketKind.Data : PacketKind.PureAck
    pool.seq[id] = seq
    pool.payloadBytes[id] = bytes
    pool.segments[id] = bytes > 0 ? 1 : 0
    pool.flags[id] = options.flags ?? PacketFlag.Ack | PacketFlag.HasTimestamps
    pool.flowId[id] = options.flow ?? 0
    pool.frameBytes[id] = bytes + 52
    pool.tsval[id] = options.tsval ?? 10
    pool.tsecr[id] = 5
    pool.ackSeq[id] = options.ack ?? 1
    lro.receive(id)
    return id
  }
  return { pool, lro, outputs, segment }
}

describe('InetLro', () => {
  it('merges an in-order run into one aggregate at flushAll, with gso_size = MSS and the latest ACK', () => {
    const { lro, outputs, segment, pool } = createLro()
    for (let i = 0; i < 10; i++) segment(i * MSS, { ack: 100 + i, tsval: 10 + i })
    expect(outputs).toHaveLength(0)
    lro.flushAll()
    expect(outputs).toHaveLength(1)
    expect(outputs[0]).toMatchObject({
      seq: 0,
      payloadBytes: 10 * MSS,
      segments: 10,
      gsoSize: MSS,
      ackSeq: 109,
      tsval: 10,
    })
    expect(lro.packetsIn / lro.packetsOut).toBe(10)
    expect(pool.liveCount).toBe(0)
  })

  it('has an LRO rate of exactly 1 when maxAggr = 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (count) => {
        const { lro, outputs, segment } = createLro({ maxAggr: 1 })
        for (let i = 0; i < count; i++) segment(i * MSS)
        lro.flushAll()
        expect(outputs).toHaveLength(count)
        expect(lro.lroRate).toBe(1)
      }),
    )
  })

  it('flushes when maxAggr is reached', () => {
    const { lro, outputs, segment } = createLro({ maxAggr: 4 })
    for (let i = 0; i < 10; i++) segment(i * MSS)
    expect(outputs.map((o) => o.segments)).toEqual([4, 4])
    lro.flushAll()
    expect(outputs.map((o) => o.segments)).toEqual([4, 4, 2])
    expect(lro.counters()['lro.test.flushMaxAggr']).toBe(2)
    expect(lro.counters()['lro.test.flushPollEnd']).toBe(1)
  })

  it('flushes the session on an out-of-order segment and passes that segment up alone', () => {
    const { lro, outputs, segment } = createLro()
    segment(0)
    segment(MSS)
    segment(5 * MSS)
    expect(outputs).toHaveLength(2)
    expect(outputs[0]).toMatchObject({ seq: 0, segments: 2 })
    expect(outputs[1]).toMatchObject({ seq: 5 * MSS, segments: 1 })
    expect(lro.counters()['lro.test.flushOutOfOrder']).toBe(1)
  })

  it('passes ineligible packets (pure ACK, FIN, SYN, RST, URG, ECE, CWR, no ACK, IP options, other options) alone and flushes the session', () => {
    const ineligible = [
      { bytes: 0 },
      { flags: PacketFlag.Ack | PacketFlag.HasTimestamps | PacketFlag.Fin },
      { flags: PacketFlag.Ack | PacketFlag.Syn },
      { flags: PacketFlag.Ack | PacketFlag.Rst },
      { flags: PacketFlag.Ack | PacketFlag.Urg },
      { flags: PacketFlag.Ack | PacketFlag.Ece },
      { flags: PacketFlag.Ack | PacketFlag.Cwr },
      { flags: PacketFlag.HasTimestamps },
      { flags: PacketFlag.Ack | PacketFlag.HasIpOptions },
      { flags: PacketFlag.Ack | PacketFlag.HasOtherTcpOptions },
    ]
    for (const options of ineligible) {
      const { lro, outputs, segment } = createLro()
      segment(0)
      segment(MSS)
      segment(2 * MSS, options)
      expect(outputs).toHaveLength(2)
      expect(outputs[0].segments).toBe(2)
      expect(outputs[1].seq).toBe(2 * MSS)
      expect(lro.counters()['lro.test.flushIneligible']).toBe(1)
      expect(lro.openSessions).toBe(0)
    }
  })

  it('treats a timestamp going backwards as ineligible', () => {
    const { outputs, segment } = createLro()
    segment(0, { tsval: 20 })
    segment(MSS, { tsval: 19 })
    expect(outputs.map((o) => o.segments)).toEqual([1, 1])
  })

  it('caps an aggregate near 64 KB (len > 0xFFFF - mtu)', () => {
    for (const mtu of [1500, 4000, 9000]) {
      const mss = mtu - 52
      const { lro, outputs, segment } = createLro({ maxAggr: 1000, mtu })
      for (let i = 0; i < 200; i++) segment(i * mss, { bytes: mss })
      lro.flushAll()
      // The first aggregate is flushed by the segment that takes its IP length past 0xFFFF - mtu.
      let expectedSegments = 1
      while (52 + expectedSegments * mss <= 0xffff - mtu) expectedSegments++
      expect(outputs[0].segments).toBe(expectedSegments)
      expect(outputs[0].payloadBytes + 52).toBeLessThanOrEqual(0xffff + mss)
      expect(lro.counters()['lro.test.flushSizeCap']).toBeGreaterThan(0)
    }
  })

  it('keeps separate sessions per flow and passes packets up when descriptors run out', () => {
    const { lro, outputs, segment } = createLro({ maxDescriptors: 2 })
    segment(0, { flow: 1 })
    segment(0, { flow: 2 })
    segment(0, { flow: 3 })
    segment(MSS, { flow: 1 })
    segment(MSS, { flow: 2 })
    expect(outputs).toHaveLength(1)
    expect(lro.counters()['lro.test.noDescriptor']).toBe(1)
    lro.flushAll()
    expect(outputs.map((o) => o.segments).sort()).toEqual([1, 2, 2])
  })

  it('leaves gso_size at 0 when the option is off', () => {
    const { lro, outputs, segment } = createLro({ isGsoSizeSet: false })
    segment(0)
    segment(MSS)
    lro.flushAll()
    expect(outputs[0].gsoSize).toBe(0)
  })

  it('never loses or duplicates payload, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ skip: fc.boolean(), flow: fc.integer({ min: 0, max: 3 }), flushAfter: fc.boolean() }),
          { maxLength: 150 },
        ),
        (arrivals) => {
          const { lro, outputs, segment, pool } = createLro({ maxAggr: 8, maxDescriptors: 2 })
          const nextSeq = [0, 0, 0, 0]
          let totalBytes = 0
          for (const arrival of arrivals) {
            if (arrival.skip) nextSeq[arrival.flow] += MSS
            segment(nextSeq[arrival.flow], { flow: arrival.flow })
            nextSeq[arrival.flow] += MSS
            totalBytes += MSS
            if (arrival.flushAfter) lro.flushAll()
          }
          lro.flushAll()
          expect(outputs.reduce((sum, o) => sum + o.payloadBytes, 0)).toBe(totalBytes)
          expect(outputs.reduce((sum, o) => sum + o.segments, 0)).toBe(arrivals.length)
          expect(lro.packetsIn).toBe(arrivals.length)
          expect(lro.packetsOut).toBe(outputs.length)
          expect(pool.liveCount).toBe(0)
        },
      ),
    )
  })

  it('reads its placement parameters', () => {
    const params = resolveParams({ 'lro.plro.maxAggr': 7, 'lro.vlro.maxAggr': 9, 'lro.vlro.setGsoSize': 0 })
    // Each placement has its own gso_size choice: pLRO's stays on (the bridge needs it).
    expect(lroConfigFromParams(params, 'plro', 1500)).toMatchObject({
      maxAggr: 7,
      isGsoSizeSet: true,
      mtu: 1500,
    })
    expect(lroConfigFromParams(params, 'vlro', 4000)).toMatchObject({
      maxAggr: 9,
      isGsoSizeSet: false,
      name: 'lro.vlro',
      mtu: 4000,
    })
  })

  it('copies nothing for page-fragment aggregates, and the parent frame plus each joining payload for a linear page', () => {
    const frags = createLro()
    frags.segment(1)
    frags.segment(1 + MSS)
    frags.lro.flushAll()
    expect(frags.lro.takeCopiedBytes()).toBe(0)

    const linear = createLro({ maxAggregateIpBytes: 4064, copiesIntoPage: true })
    linear.segment(1)
    expect(linear.lro.takeCopiedBytes()).toBe(0)
    linear.segment(1 + MSS)
    // Frame bytes are payload + 52 in this harness; the second join would overflow the page.
    expect(linear.lro.takeCopiedBytes()).toBe(MSS + 52 + MSS)
    linear.segment(1 + 2 * MSS)
    linear.lro.flushAll()
    expect(linear.lro.takeCopiedBytes()).toBe(0)
    expect(linear.outputs.map((output) => output.segments)).toEqual([2, 1])
    expect(linear.lro.counters()['lro.test.copiedBytes']).toBe(2 * MSS + 52)
  })
})
