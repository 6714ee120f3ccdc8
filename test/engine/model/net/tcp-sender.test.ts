import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import type { FrameReceiver, WireDirection } from '../../../../engine/model/net/net-api'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { TcpSender } from '../../../../engine/model/net/tcp-sender'
import { resolveParams } from '../../../../engine/params/registry'
import { createLossLoop, LOOP_MSS, type LossLoopOptions } from './helpers/loss-loop'

const MSS = 1448

interface Sent {
  seq: number
  bytes: number
  atNs: number
}

/** A wire that records what the sender transmits and frees it. */
class CapturingWire implements WireDirection {
  sent: Sent[] = []
  receiver: FrameReceiver = { receiveFrame: () => {} }
  onTxRoom: () => void = () => {}
  constructor(
    private readonly sim: Simulation,
    private readonly pool: PacketPool,
  ) {}
  send(id: number): boolean {
    this.sent.push({ seq: this.pool.seq[id], bytes: this.pool.payloadBytes[id], atNs: this.sim.now })
    this.pool.free(id)
    return true
  }
  hasTxRoom(): boolean {
    return true
  }
  requestTxRoomNotification(): void {}
  counters(): Record<string, number> {
    return {}
  }
  resetWindow(): void {}
}

function createSender(overrides: Record<string, number> = {}, windowBytes = 10_000_000) {
  const sim = new Simulation(9)
  const pool = new PacketPool(64)
  const wire = new CapturingWire(sim, pool)
  const sender = new TcpSender(sim, pool, resolveParams(overrides), MSS, wire, windowBytes)
  let lastWindow = windowBytes
  const ack = (ackSeq: number, window = lastWindow): number => {
    lastWindow = window
    const id = pool.alloc()
    pool.kind[id] = PacketKind.PureAck
    pool.flags[id] = PacketFlag.Ack | PacketFlag.HasTimestamps
    pool.ackSeq[id] = ackSeq
    pool.windowBytes[id] = window
    pool.tsval[id] = 1
    pool.frameBytes[id] = 52
    return sender.onAck(id)
  }
  return { sim, pool, wire, sender, ack }
}

describe('TcpSender Nagle', () => {
  it('classic: holds a sub-MSS segment while data is unacknowledged and sends it once acked', () => {
    const { wire, sender, ack } = createSender({ 'tcp.nagle': 1 })
    sender.write(100)
    expect(sender.transmit()).toBe(1)
    sender.write(100)
    sender.write(100)
    expect(sender.transmit()).toBe(0)
    expect(wire.sent).toHaveLength(1)
    expect(ack(100)).toBe(1)
    expect(wire.sent[1]).toMatchObject({ seq: 100, bytes: 200 })
  })

  it('classic: sends full segments regardless of unacknowledged data', () => {
    const { wire, sender } = createSender({ 'tcp.nagle': 1 })
    sender.write(100)
    sender.transmit()
    sender.write(2 * MSS)
    expect(sender.transmit()).toBe(2)
    expect(wire.sent.map((s) => s.bytes)).toEqual([100, MSS, MSS])
  })

  it('Linux (Minshall): holds a small segment only while an earlier small segment is unacknowledged', () => {
    const { wire, sender, ack } = createSender({ 'tcp.nagle': 2 })
    sender.write(MSS)
    sender.transmit()
    sender.write(100)
    // Unacknowledged data is a full segment: the small one may go.
    expect(sender.transmit()).toBe(1)
    sender.write(100)
    expect(sender.transmit()).toBe(0)
    ack(MSS + 100)
    expect(wire.sent.map((s) => s.bytes)).toEqual([MSS, 100, 100])
  })

  it('off (TCP_NODELAY): sends every small write at once', () => {
    const { wire, sender } = createSender({ 'tcp.nagle': 0, 'tcp.initialCwndSegments': 10 })
    for (let i = 0; i < 5; i++) {
      sender.write(64)
      sender.transmit()
    }
    expect(wire.sent).toHaveLength(5)
  })
})

describe('TcpSender congestion control', () => {
  it('starts with the initial window and doubles cwnd per RTT in slow start (one ACK per segment)', () => {
    const { wire, sender, ack } = createSender({ 'tcp.initialCwndSegments': 3 })
    sender.write(1000 * MSS)
    sender.transmit()
    const perRound: number[] = [wire.sent.length]
    let roundStart = 0
    for (let round = 0; round < 4; round++) {
      // One RTT: every segment of the previous flight is acknowledged individually.
      const flight = wire.sent.slice(roundStart)
      roundStart = wire.sent.length
      for (const segment of flight) ack(segment.seq + segment.bytes)
      perRound.push(wire.sent.length - roundStart)
    }
    expect(perRound).toEqual([3, 6, 12, 24, 48])
  })

  it('grows cwnd per ACK, not per byte (tcp_abc = 0): stretch ACKs slow slow start', () => {
    const { wire, sender, ack } = createSender({ 'tcp.initialCwndSegments': 4 })
    sender.write(1000 * MSS)
    sender.transmit()
    const flight = wire.sent.slice()
    // One ACK for every two segments.
    for (let i = 1; i < flight.length; i += 2) ack(flight[i].seq + flight[i].bytes)
    expect(sender.cwndSegments).toBe(6)
  })

  it('is limited by the receiver window', () => {
    const { wire, sender } = createSender({ 'tcp.initialCwndSegments': 100 }, 5 * MSS)
    sender.write(50 * MSS)
    sender.transmit()
    expect(wire.sent).toHaveLength(5)
  })

  it('grows one segment per window of ACKs in congestion avoidance', () => {
    const { wire, sender, ack } = createSender({ 'tcp.initialCwndSegments': 10 })
    sender.write(10_000 * MSS)
    sender.transmit()
    // Leave slow start through a fast retransmit, then recover fully.
    const first = wire.sent[0]
    for (let i = 0; i < 3; i++) ack(first.seq)
    const cwndAfterLoss = sender.cwndSegments
    expect(sender.ssthreshSegments).toBe(5)
    ack(wire.sent[9].seq + wire.sent[9].bytes)
    expect(sender.cwndSegments).toBeLessThan(cwndAfterLoss)
    const start = sender.cwndSegments
    // Four RTTs of per-segment ACKs: about one segment per RTT, not a doubling.
    let roundStart = 10
    for (let round = 0; round < 4; round++) {
      const flight = wire.sent.slice(roundStart).filter((segment) => segment.seq >= sender.unackedSeq)
      roundStart = wire.sent.length
      for (const segment of flight) ack(segment.seq + segment.bytes)
    }
    expect(sender.cwndSegments - start).toBeGreaterThanOrEqual(3)
    expect(sender.cwndSegments - start).toBeLessThanOrEqual(5)
  })
})

describe('TcpSender loss recovery', () => {
  it('fast-retransmits the first unacknowledged segment after three duplicate ACKs', () => {
    const { wire, sender, ack } = createSender({ 'tcp.initialCwndSegments': 10 })
    sender.write(10 * MSS)
    sender.transmit()
    expect(wire.sent).toHaveLength(10)
    ack(2 * MSS)
    ack(2 * MSS)
    ack(2 * MSS)
    expect(wire.sent).toHaveLength(10)
    ack(2 * MSS)
    expect(wire.sent[10]).toMatchObject({ seq: 2 * MSS, bytes: MSS })
    expect(sender.ssthreshSegments).toBe(Math.floor(8 / 2))
    expect(sender.cwndSegments).toBe(sender.ssthreshSegments + 3)
    expect(sender.counters()['tcp.sender.fastRetransmits']).toBe(1)
  })

  it('retransmits the next hole on a partial ACK (NewReno) and leaves recovery on the full ACK', () => {
    const { wire, sender, ack } = createSender({ 'tcp.initialCwndSegments': 10 })
    sender.write(10 * MSS)
    sender.transmit()
    ack(0)
    for (let i = 0; i < 3; i++) ack(0)
    expect(wire.sent[wire.sent.length - 1].seq).toBe(0)
    ack(4 * MSS)
    expect(wire.sent[wire.sent.length - 1]).toMatchObject({ seq: 4 * MSS })
    ack(10 * MSS)
    expect(sender.cwndSegments).toBe(sender.ssthreshSegments)
  })

  it('fires the RTO, goes back to snd_una with cwnd 1, and doubles the timeout each time', () => {
    const { sim, wire, sender } = createSender({ 'tcp.rtoInitialNs': 1e9 })
    sender.write(5 * MSS)
    sender.transmit()
    expect(wire.sent).toHaveLength(3)
    sim.run({ until: 0.999e9 })
    expect(wire.sent).toHaveLength(3)
    sim.run({ until: 1.001e9 })
    expect(wire.sent).toHaveLength(4)
    expect(wire.sent[3]).toMatchObject({ seq: 0, atNs: 1e9 })
    expect(sender.cwndSegments).toBe(1)
    sim.run({ until: 10e9 })
    const retransmitTimes = wire.sent.slice(3).map((s) => s.atNs)
    expect(retransmitTimes).toEqual([1e9, 3e9, 7e9])
    expect(sender.counters()['tcp.sender.timeouts']).toBe(3)
  })

  it('derives the RTO from measured RTTs with the 200 ms floor', () => {
    const { sim, wire, sender, ack } = createSender()
    sender.write(100 * MSS)
    const ackHandler = sim.register('ack', (seq) => ack(seq))
    sender.transmit()
    for (let i = 0; i < 30; i++) {
      const last = wire.sent[wire.sent.length - 1]
      sim.schedule(100_000, ackHandler, last.seq + last.bytes)
      sim.run({ until: sim.now + 100_000 })
    }
    expect(sender.smoothedRttNs).toBeGreaterThan(50_000)
    expect(sender.smoothedRttNs).toBeLessThan(150_000)
    const floor = resolveParams({})['tcp.rtoMinNs']
    expect(sender.retransmitTimeoutNs).toBeGreaterThanOrEqual(floor)
    expect(sender.retransmitTimeoutNs).toBeLessThan(floor + 1e6)
  })

  it('probes a closed window so that a lost window update cannot stall the connection', () => {
    const { sim, wire, sender, ack } = createSender(
      { 'tcp.rtoInitialNs': 1e8, 'tcp.initialCwndSegments': 10 },
      4 * MSS,
    )
    sender.write(20 * MSS)
    sender.transmit()
    ack(4 * MSS, 0)
    const before = wire.sent.length
    sim.run({ until: 5e8 })
    expect(wire.sent.length).toBeGreaterThan(before)
    expect(sender.counters()['tcp.sender.windowProbes']).toBeGreaterThan(0)
  })
})

describe('TcpSender SACK recovery (tcp.sack)', () => {
  const SEGMENTS = 300
  const LOST = [40, 43, 46].map((index) => index * LOOP_MSS)

  /** Runs a bulk transfer over the loop and returns it with the recovery span in RTTs. */
  function runTransfer(options: LossLoopOptions) {
    const loop = createLossLoop(options)
    loop.sender.write(SEGMENTS * LOOP_MSS)
    loop.sender.transmit()
    loop.sim.run({ until: 2e9 })
    const lastLostEnd = Math.max(...(options.dropFirstTransmissionOf ?? [0])) + LOOP_MSS
    const firstRetransmit = loop.sent.find((segment) => segment.isRetransmission)
    const filled = loop.acks.find((ack) => ack.ackSeq >= lastLostEnd)
    const spanRtts = firstRetransmit && filled ? (filled.atNs - firstRetransmit.atNs) / loop.rttNs : Infinity
    return { ...loop, spanRtts, counters: loop.sender.counters() }
  }

  const fastLink = { oneWayDelayNs: 1_000_000, frameTimeNs: 1_000 }

  it('recovers three losses of one window in about one RTT with SACK, one hole per RTT without', () => {
    const withSack = runTransfer({ ...fastLink, dropFirstTransmissionOf: LOST })
    const withoutSack = runTransfer({
      ...fastLink,
      dropFirstTransmissionOf: LOST,
      senderParams: { 'tcp.sack': 0 },
    })
    expect(withSack.spanRtts).toBeLessThan(1.2)
    expect(withSack.counters['tcp.sender.timeouts']).toBe(0)
    expect(withSack.counters['tcp.sender.retransmissions']).toBe(3)
    expect(withSack.counters['tcp.sender.sackRecoveries']).toBe(1)
    expect(withSack.counters['tcp.sender.sackedSegments']).toBeGreaterThan(0)
    // NewReno learns of the next hole only from the partial ACK of the previous retransmission.
    expect(
      withoutSack.spanRtts > 2 || withoutSack.counters['tcp.sender.timeouts'] > 0,
      `NewReno span ${withoutSack.spanRtts} RTT`,
    ).toBe(true)
    expect(withoutSack.counters['tcp.sender.sackRecoveries']).toBe(0)
    expect(withoutSack.acks.every((ack) => ack.sackBlocks.length === 0)).toBe(true)
  })

  it('conserves bytes and delivers them in order, with and without SACK', () => {
    for (const sack of [1, 0]) {
      const loop = runTransfer({
        ...fastLink,
        dropFirstTransmissionOf: LOST,
        senderParams: { 'tcp.sack': sack },
      })
      expect(loop.receiver.bytesDelivered).toBe(SEGMENTS * LOOP_MSS)
      expect(loop.receiver.nextExpectedSeq).toBe(SEGMENTS * LOOP_MSS)
      expect(loop.receiver.bytesQueued).toBe(0)
      expect(loop.sender.unackedSeq).toBe(SEGMENTS * LOOP_MSS)
      expect(loop.sender.packetsOut).toBe(0)
      // Cumulative ACKs never go backwards: the receiver hands data on in sequence order.
      const ackSeqs = loop.acks.map((ack) => ack.ackSeq)
      expect(ackSeqs).toEqual([...ackSeqs].sort((a, b) => a - b))
      // Every byte put on the link is either new or a retransmission of a lost segment.
      const retransmitted = new Set(loop.sent.filter((s) => s.isRetransmission).map((s) => s.seq))
      if (sack === 1) expect([...retransmitted].sort((a, b) => a - b)).toEqual(LOST)
      expect(loop.pool.liveCount).toBe(0)
    }
  })

  it('halves cwnd once for the loss episode and leaves recovery when snd_una passes the recovery point', () => {
    const loop = createLossLoop({ ...fastLink, dropFirstTransmissionOf: LOST })
    loop.sender.write(SEGMENTS * LOOP_MSS)
    loop.sender.transmit()
    let ssthreshAtEntry = 0
    let packetsOutAtEntry = 0
    let previousPacketsOut = 0
    let entriesSeen = 0
    // Step through the run in small slices and watch the recovery counter.
    for (let t = 50_000; t < 200e6; t += 50_000) {
      previousPacketsOut = loop.sender.packetsOut
      loop.sim.run({ until: t })
      const entries = loop.sender.counters()['tcp.sender.sackRecoveries']
      if (entries > entriesSeen) {
        entriesSeen = entries
        ssthreshAtEntry = loop.sender.ssthreshSegments
        packetsOutAtEntry = previousPacketsOut
      }
    }
    expect(entriesSeen).toBe(1)
    expect(ssthreshAtEntry).toBeGreaterThanOrEqual(2)
    expect(ssthreshAtEntry).toBeLessThanOrEqual(Math.ceil(packetsOutAtEntry / 2) + 1)
    // After recovery cwnd is not above ssthresh (tcp_complete_cwr), then grows again.
    expect(loop.sender.unackedSeq).toBe(SEGMENTS * LOOP_MSS)
  })

  it('repairs a lost retransmission without a timeout with SACK; NewReno needs the RTO', () => {
    const twice = { ...fastLink, dropTwice: [40 * LOOP_MSS], dropFirstTransmissionOf: [40 * LOOP_MSS] }
    const withSack = runTransfer(twice)
    const withoutSack = runTransfer({ ...twice, senderParams: { 'tcp.sack': 0 } })
    expect(withSack.counters['tcp.sender.timeouts']).toBe(0)
    expect(withSack.counters['tcp.sender.retransmissions']).toBe(2)
    expect(withoutSack.counters['tcp.sender.timeouts']).toBeGreaterThan(0)
    for (const loop of [withSack, withoutSack]) expect(loop.receiver.bytesDelivered).toBe(SEGMENTS * LOOP_MSS)
  })

  it('on a timeout keeps the SACKed segments and retransmits only the holes (tcp_enter_loss)', () => {
    // Nothing follows the hole's retransmission, so only the timer can repair its second loss.
    const loop = createLossLoop({ ...fastLink, dropTwice: [40 * LOOP_MSS] })
    loop.sender.write(50 * LOOP_MSS)
    loop.sender.transmit()
    loop.sim.run({ until: 2e9 })
    const counters = loop.sender.counters()
    expect(counters['tcp.sender.timeouts']).toBe(1)
    const retransmittedSeqs = loop.sent.filter((s) => s.isRetransmission).map((s) => s.seq)
    expect(retransmittedSeqs).toEqual([40 * LOOP_MSS, 40 * LOOP_MSS])
    expect(loop.receiver.bytesDelivered).toBe(50 * LOOP_MSS)
  })

  it('with tcp.sack 0 behaves exactly as the NewReno sender facing a peer without SACK', () => {
    const off = runTransfer({ ...fastLink, dropFirstTransmissionOf: LOST, senderParams: { 'tcp.sack': 0 } })
    const peerWithoutSack = runTransfer({
      ...fastLink,
      dropFirstTransmissionOf: LOST,
      senderParams: { 'tcp.sack': 1 },
      receiverParams: { 'tcp.sack': 0 },
    })
    expect(off.sent).toEqual(peerWithoutSack.sent)
    expect(off.counters).toEqual(peerWithoutSack.counters)
    expect(off.receiver.counters()['tcp.receiver.sackBlocksSent']).toBe(0)
  })
})
