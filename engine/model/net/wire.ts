/**
 * A full-duplex Ethernet link, one `Link` per direction: the transmitting NIC's queue, FIFO
 * serialisation at the link rate, propagation, and an optional store-and-forward switch.
 *
 * PERF: the path is deterministic FIFO, so a frame's arrival time is computed when it is queued
 * (departure = max(now, link free) + serialisation, and likewise at the switch's output port).
 * Each frame costs exactly one event (its arrival); queue occupancy is recovered from a ring of
 * departure times.
 */
import { NS_PER_S, type HandlerId, type Simulation } from '../../kernel/simulation'
import type { RandomStream } from '../../kernel/rng'
import { defineParams, type ParamValues } from '../../params/define'
import type { FrameReceiver, WireDirection } from './net-api'
import { ETHERNET_HEADER_BYTES, ETHERNET_OVERHEAD_BYTES, type PacketPool } from './packet'
import type { NicBus } from './nic-bus'
import { FloatRing } from './ring-buffers'

/** Parameters of the wire, the transmit queues and the switch. */
export const wireParams = defineParams([
  {
    id: 'wire.rateBps',
    unit: 'bit/s',
    default: 1e9,
    min: 1e6,
    max: 1e11,
    help: 'Link rate of the Ethernet between sender and receiver (each direction).',
    provenance: 'literature',
    source: 'Oi & Nakajima ICCET 2009: 1 GbE NICs on both hosts',
    group: 'Wire',
  },
  {
    id: 'wire.propagationNs',
    unit: 'ns',
    default: 500,
    min: 0,
    max: 1e9,
    help: 'Propagation delay of one cable (about 5 ns/m; a ~100 m budget).',
    provenance: 'assumed',
    source: 'signal speed in twisted pair ~0.65c',
    group: 'Wire',
  },
  {
    id: 'wire.txQueueFrames',
    unit: 'packets',
    default: 1000,
    min: 1,
    max: 100000,
    isInteger: true,
    help: 'Transmit queue of a host NIC (qdisc txqueuelen); frames beyond it are dropped.',
    provenance: 'source',
    source: 'Linux 2.6.18 drivers/net: ether_setup() tx_queue_len = 1000',
    group: 'Wire',
  },
  {
    id: 'switch.enabled',
    unit: 'bool',
    default: 0,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'cross cable', 1: 'store-and-forward switch' },
    help: 'Whether a store-and-forward switch sits between the hosts (set by the environment preset).',
    provenance: 'literature',
    source: 'ICCET 2009: cross cable; VPACT 2008: switched network',
    group: 'Switch',
  },
  {
    id: 'switch.latencyNs',
    unit: 'ns',
    default: 3000,
    min: 0,
    max: 1e8,
    help: 'Forwarding delay of the switch after a frame is fully received (lookup, fabric).',
    provenance: 'assumed',
    source: 'typical 2008 GbE store-and-forward switch datasheets: 2-5 us at 64 B beyond store-and-forward',
    group: 'Switch',
  },
  {
    id: 'switch.queueFrames',
    unit: 'packets',
    default: 128,
    min: 1,
    max: 100000,
    isInteger: true,
    help: 'Output queue of the switch port toward each host; frames beyond it are dropped.',
    provenance: 'assumed',
    source: 'about 192 KB of port buffer at MTU 1500 in small unmanaged GbE switches',
    group: 'Switch',
  },
  {
    id: 'switch.jitterNs',
    unit: 'ns',
    default: 1000,
    min: 0,
    max: 1e8,
    help: 'Mean of an exponential extra delay per frame at the switch output, added after the frame could start: FIFO is kept but back-to-back frames leave spaced (lowering LRO aggregation); it also lowers the port capacity to serialisation/(serialisation + jitter).',
    provenance: 'assumed',
    source: 'ENGINE.md section 2 Wire; to be fitted to the switched-2008 LRO rates',
    group: 'Switch',
  },
])

/** Counter names of a `Link`. */
interface LinkCounters {
  framesSent: number
  framesDelivered: number
  framesDroppedTxQueue: number
  framesDroppedSwitch: number
  wireBytes: number
}

/** PERF: a module-local copy (some loaders turn imports into getters). */
const FRAME_OVERHEAD_BYTES = ETHERNET_OVERHEAD_BYTES

const NO_RECEIVER: FrameReceiver = {
  receiveFrame: () => {
    throw new Error('Link: no receiver attached')
  },
}

/** One direction of the link (and the transmitting host's NIC queue). */
export class Link implements WireDirection {
  receiver: FrameReceiver = NO_RECEIVER
  onTxRoom: () => void = () => {}

  private readonly nsPerByte: number
  private readonly propagationNs: number
  private readonly txQueueFrames: number
  private readonly hasSwitch: boolean
  private readonly switchLatencyNs: number
  private readonly switchQueueFrames: number
  private readonly switchJitterNs: number
  private readonly arrivalHandler: HandlerId
  private readonly txRoomHandler: HandlerId
  /** Times at which queued frames finish serialisation on the sender's NIC. */
  private readonly txDepartures: FloatRing
  /** Times at which frames finish serialisation on the switch's output port. */
  private readonly switchDepartures: FloatRing
  private linkFreeAtNs = 0
  /** The transmitting NIC's bus: a frame leaves only after its DMA (null: not modelled). */
  txBus: NicBus | null = null
  private switchPortFreeAtNs = 0
  private switchArrivalPrevNs = 0
  private isTxRoomRequested = false
  private readonly count: LinkCounters = {
    framesSent: 0,
    framesDelivered: 0,
    framesDroppedTxQueue: 0,
    framesDroppedSwitch: 0,
    wireBytes: 0,
  }

  constructor(
    private readonly sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    /** Name used in handler names and counters, e.g. `wire.forward`. */
    readonly name: string,
    private readonly jitter: RandomStream,
  ) {
    this.nsPerByte = (8 * NS_PER_S) / params['wire.rateBps']
    this.propagationNs = params['wire.propagationNs']
    this.txQueueFrames = params['wire.txQueueFrames']
    this.hasSwitch = params['switch.enabled'] === 1
    this.switchLatencyNs = params['switch.latencyNs']
    this.switchQueueFrames = params['switch.queueFrames']
    this.switchJitterNs = params['switch.jitterNs']
    this.txDepartures = new FloatRing(this.txQueueFrames + 1)
    this.switchDepartures = new FloatRing(this.switchQueueFrames + 1)
    this.arrivalHandler = sim.register(`${name}.arrival`, (id) => this.arrive(id))
    this.txRoomHandler = sim.register(`${name}.txRoom`, () => this.notifyTxRoom())
  }

  /** Time one frame of `ipBytes` (IP total length) occupies the link, ns. */
  serialisationNs(ipBytes: number): number {
    return (ipBytes + ETHERNET_OVERHEAD_BYTES) * this.nsPerByte
  }

  hasTxRoom(): boolean {
    this.releaseDeparted()
    return this.txDepartures.size < this.txQueueFrames
  }

  requestTxRoomNotification(): void {
    if (this.isTxRoomRequested) return
    this.isTxRoomRequested = true
    this.releaseDeparted()
    // PERF: wake the sender when the queue has drained to half, not per departing frame (the
    // queue still holds frames, so the link never idles because of the batching).
    const size = this.txDepartures.size
    const drainIndex = size - Math.ceil(this.txQueueFrames / 2)
    const at = size === 0 ? this.sim.now : this.txDepartures.at(Math.max(0, Math.min(size - 1, drainIndex)))
    this.sim.scheduleAt(Math.max(this.sim.now, Math.ceil(at)), this.txRoomHandler)
  }

  send(packetId: number): boolean {
    const now = this.sim.now
    this.releaseDeparted()
    if (this.txDepartures.size >= this.txQueueFrames) {
      this.count.framesDroppedTxQueue++
      this.pool.free(packetId)
      return false
    }
    const ipBytes = this.pool.frameBytes[packetId]
    const serialisationNs = (ipBytes + FRAME_OVERHEAD_BYTES) * this.nsPerByte
    const readyNs = this.txBus === null ? now : this.txBus.transmitDma(now, ipBytes + ETHERNET_HEADER_BYTES)
    const departureNs = Math.max(readyNs, this.linkFreeAtNs) + serialisationNs
    this.linkFreeAtNs = departureNs
    this.txDepartures.push(departureNs)
    this.count.framesSent++
    this.count.wireBytes += ipBytes + FRAME_OVERHEAD_BYTES
    let arrivalNs = departureNs + this.propagationNs
    if (this.hasSwitch) {
      // Store and forward: the frame is in the switch once fully received; it then waits for the
      // forwarding delay (plus jitter) and for the output port, in FIFO order.
      const atSwitchNs = Math.max(arrivalNs, this.switchArrivalPrevNs)
      this.switchArrivalPrevNs = atSwitchNs
      while (this.switchDepartures.size > 0 && this.switchDepartures.peek() <= atSwitchNs) {
        this.switchDepartures.shift()
      }
      if (this.switchDepartures.size >= this.switchQueueFrames) {
        this.count.framesDroppedSwitch++
        this.pool.free(packetId)
        return true
      }
      const jitterNs = this.switchJitterNs > 0 ? this.jitter.exponential(this.switchJitterNs) : 0
      // The jitter is added after the frame could start, so back-to-back frames leave spaced.
      const outStartNs = Math.max(atSwitchNs + this.switchLatencyNs, this.switchPortFreeAtNs) + jitterNs
      const outEndNs = outStartNs + serialisationNs
      this.switchPortFreeAtNs = outEndNs
      this.switchDepartures.push(outEndNs)
      arrivalNs = outEndNs + this.propagationNs
    }
    this.sim.schedule(arrivalNs - now, this.arrivalHandler, packetId)
    return true
  }

  counters(): Record<string, number> {
    const prefix = this.name
    return {
      [`${prefix}.framesSent`]: this.count.framesSent,
      [`${prefix}.framesDelivered`]: this.count.framesDelivered,
      [`${prefix}.framesDroppedTxQueue`]: this.count.framesDroppedTxQueue,
      [`${prefix}.framesDroppedSwitch`]: this.count.framesDroppedSwitch,
      [`${prefix}.wireBytes`]: this.count.wireBytes,
    }
  }

  resetWindow(): void {
    this.count.framesSent = 0
    this.count.framesDelivered = 0
    this.count.framesDroppedTxQueue = 0
    this.count.framesDroppedSwitch = 0
    this.count.wireBytes = 0
  }

  private arrive(packetId: number): void {
    this.count.framesDelivered++
    this.receiver.receiveFrame(packetId)
  }

  private notifyTxRoom(): void {
    this.isTxRoomRequested = false
    this.onTxRoom()
  }

  private releaseDeparted(): void {
    const now = this.sim.now
    while (this.txDepartures.size > 0 && this.txDepartures.peek() <= now) this.txDepartures.shift()
  }
}

/** The upper bound on TCP goodput: MSS / (MTU + 38) of the link rate, bit/s. */
export function goodputCeilingBps(mtu: number, rateBps: number, mss: number): number {
  return (rateBps * mss) / (mtu + ETHERNET_OVERHEAD_BYTES)
}
