/**
 * What bound a run: the share of the measurement window each resource was saturated, or each
 * limit held the sender back, and the one that explains the throughput. A run below the wire with
 * an idle receiver is bound by something else (the sender's CPU or NIC bus, a window and the
 * round trip it has to cover); this names it from the mechanisms' own time accounting.
 */
import type { RunResult } from './run-result'

/** Shares of the window, 0..1. */
export interface BoundShares {
  /** Sender CPU busy (send() calls, copies, segments, ACK interrupts). */
  senderCpu: number
  /** Sender NIC bus busy with frame and ACK DMA. */
  senderBus: number
  /** Forward wire busy with frames. */
  wire: number
  /** The busiest receiver CPU. */
  receiverCpu: number
  /** The application blocked on a full send buffer with nothing left for TCP to send. */
  sendBuffer: number
  /** TCP held back by the receiver's advertised window. */
  receiveWindow: number
  /** TCP held back by its congestion window. */
  congestionWindow: number
  /** The NIC's transmit queue full (what the wire or the bus could not take yet). */
  transmitQueue: number
}

/** The bound of a run. */
export interface RunBounds {
  shares: BoundShares
  /** The share that explains the run (see `boundingResource`). */
  limiter: keyof BoundShares | 'latency'
  /** One sentence for people. */
  explanation: string
}

/** Inputs beyond the result's own counters. */
export interface BoundInputs {
  counters: Readonly<Record<string, number>>
  cpu: RunResult['cpu']
  measuredSeconds: number
  wireRateBps: number
  /** Frame bytes the forward wire carried in the window. */
  wireBytes: number
}

/** What each bound is called in a sentence ("Bound by the sender NIC's bus"). */
export const BOUND_RESOURCE_NAMES: Readonly<Record<keyof BoundShares | 'latency', string>> = {
  senderCpu: 'the sender CPU',
  senderBus: "the sender NIC's bus",
  wire: 'the wire',
  receiverCpu: 'the receiver CPU',
  sendBuffer: 'the send socket buffer (a window the round trip must cover)',
  receiveWindow: "the receiver's advertised window",
  congestionWindow: 'the congestion window (loss recovery)',
  transmitQueue: "the NIC's transmit queue",
  latency: 'latency: no resource saturated most of the time',
}

/** Short names of the shares, for tables. */
export const BOUND_SHARE_LABELS: Readonly<Record<keyof BoundShares, string>> = {
  senderCpu: 'sender CPU busy',
  senderBus: 'sender NIC bus busy',
  wire: 'wire busy',
  receiverCpu: 'receiver CPU busy (busiest)',
  sendBuffer: 'send buffer full',
  receiveWindow: 'receive window closed',
  congestionWindow: 'congestion window full',
  transmitQueue: 'NIC transmit queue full',
}

/** A resource saturated at least this share of the window is taken as the bound. */
const SATURATED = 0.9

/**
 * The bound: a saturated resource if any (the wire, the sender's bus or CPU, the receiver's CPU,
 * in that order of precedence: a full wire explains a full transmit queue, not the other way),
 * else the window limit that held the sender longest, else latency.
 */
export function boundingResource(shares: BoundShares): keyof BoundShares | 'latency' {
  for (const resource of ['wire', 'senderBus', 'senderCpu', 'receiverCpu'] as const) {
    if (shares[resource] >= SATURATED) return resource
  }
  let best: keyof BoundShares | 'latency' = 'latency'
  let bestShare = 0.25
  for (const limit of ['sendBuffer', 'receiveWindow', 'congestionWindow', 'transmitQueue'] as const) {
    if (shares[limit] > bestShare) {
      best = limit
      bestShare = shares[limit]
    }
  }
  return best
}

/** Computes the bound of a finished run from its window counters. */
export function runBounds(inputs: BoundInputs): RunBounds {
  const { counters, measuredSeconds } = inputs
  const windowNs = measuredSeconds * 1e9
  const share = (ns: number | undefined): number => (windowNs > 0 ? Math.min(1, (ns ?? 0) / windowNs) : 0)
  const shares: BoundShares = {
    senderCpu: share(counters['sender.cpuBusyNs']),
    senderBus: share(counters['sender.nic.busBusyNs']),
    wire: share((inputs.wireBytes * 8 * 1e9) / inputs.wireRateBps),
    receiverCpu: Math.min(1, Math.max(0, ...inputs.cpu.byCpu)),
    sendBuffer: share(counters['sender.limit.sndbufFullNs']),
    receiveWindow: share(counters['sender.limit.rwndNs']),
    congestionWindow: share(counters['sender.limit.cwndNs']),
    transmitQueue: share(counters['sender.limit.txQueueNs']),
  }
  const limiter = boundingResource(shares)
  const percent = limiter === 'latency' ? '' : ` (${Math.round(shares[limiter] * 100)} % of the time)`
  return { shares, limiter, explanation: `Bound by ${BOUND_RESOURCE_NAMES[limiter]}${percent}.` }
}
