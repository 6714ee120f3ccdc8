/**
 * A TCP sender and a Linux TCP receiver joined by an ideal link (fixed serialization time per
 * frame and fixed one-way delay, FIFO) that drops chosen first transmissions of data segments.
 * For protocol tests of loss recovery: every RTT is known exactly, nothing else interferes.
 */
import { Simulation } from '../../../../../engine/kernel/simulation'
import type { FrameReceiver, WireDirection } from '../../../../../engine/model/net/net-api'
import { PacketPool } from '../../../../../engine/model/net/packet'
import { LinuxTcpReceiver } from '../../../../../engine/model/net/tcp-receiver'
import { TcpSender } from '../../../../../engine/model/net/tcp-sender'
import { resolveParams } from '../../../../../engine/params/registry'

/** Payload bytes of a full segment in these loops. */
export const LOOP_MSS = 1448

/** One data segment put on the link by the sender. */
export interface SentSegment {
  seq: number
  bytes: number
  atNs: number
  isDropped: boolean
  isRetransmission: boolean
}

/** Options of the loop. */
export interface LossLoopOptions {
  /** Parameters of the sender. */
  senderParams?: Record<string, number>
  /** Parameters of the receiver (default: the sender's). */
  receiverParams?: Record<string, number>
  /** Start sequences of segments whose first transmission is lost. */
  dropFirstTransmissionOf?: number[]
  /** Start sequences of segments whose first transmission and first retransmission are lost. */
  dropTwice?: number[]
  /** One-way propagation delay, ns. */
  oneWayDelayNs?: number
  /** Serialization time of one frame, ns. */
  frameTimeNs?: number
  /** Drop-tail limit of frames waiting for the link (default: unlimited). */
  queueLimitFrames?: number
}

/** The assembled loop. */
export interface LossLoop {
  sim: Simulation
  pool: PacketPool
  sender: TcpSender
  receiver: LinuxTcpReceiver
  sent: SentSegment[]
  /** Each ACK at the moment the receiver produced it. */
  acks: { atNs: number; ackSeq: number; sackBlocks: [number, number][] }[]
  /** Round-trip time of an empty link (two delays plus one data frame), ns. */
  rttNs: number
}

/** Builds the loop; the caller writes to `sender` and calls `sender.transmit()`. */
export function createLossLoop(options: LossLoopOptions = {}): LossLoop {
  const sim = new Simulation(3)
  const pool = new PacketPool(64)
  const senderParams = resolveParams(options.senderParams ?? {})
  const receiverParams = resolveParams(options.receiverParams ?? options.senderParams ?? {})
  const delayNs = options.oneWayDelayNs ?? 100_000
  const frameTimeNs = options.frameTimeNs ?? 10_000
  const dropsLeft = new Map<number, number>()
  for (const seq of options.dropFirstTransmissionOf ?? []) dropsLeft.set(seq, 1)
  for (const seq of options.dropTwice ?? []) dropsLeft.set(seq, 2)
  const sentSeqs = new Set<number>()
  const receiver = new LinuxTcpReceiver(sim, pool, receiverParams, LOOP_MSS)
  const sent: SentSegment[] = []
  const acks: LossLoop['acks'] = []
  let linkFreeAtNs = 0
  let sender: TcpSender | null = null
  const toReceiver = sim.register('loop.toReceiver', (id) => {
    receiver.onSegment(id)
    receiver.recvCopy(Number.MAX_SAFE_INTEGER)
  })
  const toSender = sim.register('loop.toSender', (id) => {
    sender?.onAck(id)
  })
  const wire: WireDirection = {
    receiver: { receiveFrame: () => {} } as FrameReceiver,
    onTxRoom: () => {},
    send(id: number): boolean {
      const seq = pool.seq[id]
      const isRetransmission = sentSeqs.has(seq)
      sentSeqs.add(seq)
      const left = dropsLeft.get(seq) ?? 0
      const queuedFrames = Math.max(0, linkFreeAtNs - sim.now) / frameTimeNs
      const isOverflow = queuedFrames >= (options.queueLimitFrames ?? Infinity)
      const isDropped = left > 0 || isOverflow
      if (left > 0) dropsLeft.set(seq, left - 1)
      sent.push({ seq, bytes: pool.payloadBytes[id], atNs: sim.now, isDropped, isRetransmission })
      if (isDropped) {
        pool.free(id)
        return true
      }
      linkFreeAtNs = Math.max(linkFreeAtNs, sim.now) + frameTimeNs
      sim.scheduleAt(linkFreeAtNs + delayNs, toReceiver, id)
      return true
    },
    hasTxRoom: () => true,
    requestTxRoomNotification: () => {},
    counters: () => ({}),
    resetWindow: () => {},
  }
  receiver.onAck = (id) => {
    const blocks: [number, number][] = []
    for (let b = 0; b < pool.sackCount[id]; b++) {
      blocks.push([pool.sackStarts[id * 3 + b], pool.sackEnds[id * 3 + b]])
    }
    acks.push({ atNs: sim.now, ackSeq: pool.ackSeq[id], sackBlocks: blocks })
    sim.schedule(delayNs, toSender, id)
  }
  sender = new TcpSender(sim, pool, senderParams, LOOP_MSS, wire, receiver.initialWindowBytes())
  return { sim, pool, sender, receiver, sent, acks, rttNs: 2 * delayNs + frameTimeNs }
}
