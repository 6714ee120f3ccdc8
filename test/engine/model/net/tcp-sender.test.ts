import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import type { FrameReceiver, WireDirection } from '../../../../engine/model/net/net-api'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { TcpSender } from '../../../../engine/model/net/tcp-sender'
import { resolveParams } from '../../../../engine/params/registry'

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
