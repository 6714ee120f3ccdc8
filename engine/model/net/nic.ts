/**
 * The receiver's physical NIC, e1000-like: a receive descriptor ring that drops when full, interrupt
 * moderation (ITR) as a minimum gap between interrupts, and NAPI masking (interrupts stay off from
 * the interrupt until the driver re-enables them at the end of its poll).
 */
import { NS_PER_S, Timer, type Simulation } from '../../kernel/simulation'
import { defineParams, type ParamValues } from '../../params/define'
import type { Nic, WireDirection } from './net-api'
import type { PacketPool } from './packet'

/** Parameters of the receiver NIC. */
export const nicParams = defineParams([
  {
    id: 'nic.rxRingSize',
    unit: 'packets',
    default: 256,
    min: 8,
    max: 65536,
    isInteger: true,
    help: 'Receive descriptors of the NIC; frames arriving with the ring full are dropped.',
    provenance: 'source',
    source: 'Linux 2.6.18 drivers/net/e1000/e1000_param.c: E1000_DEFAULT_RXD 256',
    group: 'Receiver NIC',
  },
  {
    id: 'nic.interruptRateHz',
    unit: 'Hz',
    default: 8000,
    min: 100,
    max: 1e7,
    help: 'Interrupt moderation: at most this many interrupts per second (minimum gap 1/rate).',
    provenance: 'source',
    source: 'e1000 7.x InterruptThrottleRate default 8000 (MAX_INTS_PER_SEC); notes section 4.1',
    group: 'Receiver NIC',
  },
])

/** The e1000-like receive NIC. Construct once per run; attach as the forward link's receiver. */
export class E1000Nic implements Nic {
  onInterrupt: () => void = () => {
    throw new Error('E1000Nic: onInterrupt is not set')
  }

  private readonly ring: Int32Array
  private ringHead = 0
  private ringCount = 0
  private readonly minGapNs: number
  private readonly irqTimer: Timer
  private isMasked = false
  private lastInterruptNs = -Infinity
  private framesReceived = 0
  private framesDropped = 0
  private interrupts = 0
  private framesTransmitted = 0
  private framesTaken = 0

  constructor(
    private readonly sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    /** The reverse direction of the link (receiver -> sender), for ACKs. */
    private readonly reverse: WireDirection,
  ) {
    this.ring = new Int32Array(params['nic.rxRingSize'])
    this.minGapNs = NS_PER_S / params['nic.interruptRateHz']
    this.irqTimer = new Timer(sim, 'nic.interrupt', () => this.raiseInterrupt())
  }

  get pendingFrames(): number {
    return this.ringCount
  }

  /** True between an interrupt and the driver's `enableInterrupts()`. */
  get isInterruptMasked(): boolean {
    return this.isMasked
  }

  receiveFrame(packetId: number): void {
    if (this.ringCount === this.ring.length) {
      this.framesDropped++
      this.pool.free(packetId)
      return
    }
    this.ring[(this.ringHead + this.ringCount) % this.ring.length] = packetId
    this.ringCount++
    this.framesReceived++
    if (!this.isMasked && !this.irqTimer.isArmed) this.scheduleInterrupt()
  }

  takeFrames(max: number, out: Int32Array): number {
    const count = Math.min(max, this.ringCount, out.length)
    for (let i = 0; i < count; i++) {
      out[i] = this.ring[this.ringHead]
      this.ringHead = (this.ringHead + 1) % this.ring.length
    }
    this.ringCount -= count
    this.framesTaken += count
    return count
  }

  enableInterrupts(): void {
    this.isMasked = false
    if (this.ringCount > 0 && !this.irqTimer.isArmed) this.scheduleInterrupt()
  }

  transmit(packetId: number): void {
    this.framesTransmitted++
    this.reverse.send(packetId)
  }

  counters(): Record<string, number> {
    return {
      'nic.framesReceived': this.framesReceived,
      'nic.framesDropped': this.framesDropped,
      'nic.interrupts': this.interrupts,
      'nic.framesTransmitted': this.framesTransmitted,
      'nic.framesTaken': this.framesTaken,
    }
  }

  resetWindow(): void {
    this.framesReceived = 0
    this.framesDropped = 0
    this.interrupts = 0
    this.framesTransmitted = 0
    this.framesTaken = 0
  }

  /** e1000 ITR: the interrupt is delayed until the minimum gap since the previous one has passed. */
  private scheduleInterrupt(): void {
    const atNs = Math.max(this.sim.now, this.lastInterruptNs + this.minGapNs)
    this.irqTimer.arm(Math.ceil(atNs - this.sim.now))
  }

  private raiseInterrupt(): void {
    if (this.isMasked || this.ringCount === 0) return
    this.isMasked = true
    this.lastInterruptNs = this.sim.now
    this.interrupts++
    this.onInterrupt()
  }
}
