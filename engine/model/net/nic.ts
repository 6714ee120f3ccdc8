/**
 * The receiver's physical NIC, e1000-like: a receive descriptor ring that drops when full, receive
 * interrupt moderation (ITR minimum gap, RDTR packet timer, RADV absolute timer: see
 * `interrupt-moderation.ts`), and NAPI masking (interrupts stay off from the interrupt until the
 * driver re-enables them at the end of its poll).
 */
import type { Simulation } from '../../kernel/simulation'
import { defineParams, type ParamValues } from '../../params/define'
import { moderationSettings, ReceiveInterruptModeration } from './interrupt-moderation'
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
    min: 0,
    max: 1e7,
    help: 'Interrupt moderation (InterruptThrottleRate, ITR register): at most this many interrupts per second (minimum gap 1/rate); 0 = off.',
    provenance: 'source',
    source: 'e1000 7.x InterruptThrottleRate default 8000 (MAX_INTS_PER_SEC); notes section 4.1',
    group: 'Receiver NIC',
  },
  {
    id: 'nic.rxIntDelayUnits',
    unit: '1.024 us',
    default: 0,
    min: 0,
    max: 65535,
    isInteger: true,
    help: 'RxIntDelay (RDTR packet timer): the receive interrupt waits until no frame has arrived for this long; every frame restarts it. 0 = interrupt per frame (subject to ITR). With > 0, frame spacing (a switch) changes frames per interrupt.',
    provenance: 'source',
    source:
      'Linux 2.6.18 e1000 (7.1.9-k4) e1000_param.c DEFAULT_RDTR 0; e1000_configure_rx writes RDTR = rx_int_delay; e1000 README 7.2.47 "RxIntDelay Default Value: 0"',
    group: 'Receiver NIC',
  },
  {
    id: 'nic.rxAbsIntDelayUnits',
    unit: '1.024 us',
    default: 128,
    min: 0,
    max: 65535,
    isInteger: true,
    help: 'RxAbsIntDelay (RADV absolute timer, 82540 and later): the receive interrupt comes at most this long after the first frame; useful only when RxIntDelay > 0. 0 = off.',
    provenance: 'source',
    source:
      'e1000 README 7.2.47 (Dec 2006) and 2.4-era e1000_param.c DEFAULT_RADV 128 (7.3.x, Linux >= 2.6.20, lowered it to 8); e1000_configure_rx writes RADV only for mac_type >= e1000_82540',
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
  private readonly moderation: ReceiveInterruptModeration
  private framesReceived = 0
  private framesDropped = 0
  private framesTransmitted = 0
  private framesTaken = 0

  constructor(
    sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    /** The reverse direction of the link (receiver -> sender), for ACKs. */
    private readonly reverse: WireDirection,
  ) {
    this.ring = new Int32Array(params['nic.rxRingSize'])
    this.moderation = new ReceiveInterruptModeration(
      sim,
      'nic.interrupt',
      moderationSettings(
        params['nic.interruptRateHz'],
        params['nic.rxIntDelayUnits'],
        params['nic.rxAbsIntDelayUnits'],
      ),
      () => this.ringCount > 0,
      () => this.onInterrupt(),
    )
  }

  get pendingFrames(): number {
    return this.ringCount
  }

  /** True between an interrupt and the driver's `enableInterrupts()`. */
  get isInterruptMasked(): boolean {
    return this.moderation.isMasked
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
    this.moderation.frameArrived(this.ringCount * 2 >= this.ring.length)
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
    this.moderation.unmask()
  }

  transmit(packetId: number): void {
    this.framesTransmitted++
    this.reverse.send(packetId)
  }

  counters(): Record<string, number> {
    return {
      'nic.framesReceived': this.framesReceived,
      'nic.framesDropped': this.framesDropped,
      'nic.interrupts': this.moderation.interrupts,
      'nic.framesTransmitted': this.framesTransmitted,
      'nic.framesTaken': this.framesTaken,
    }
  }

  resetWindow(): void {
    this.framesReceived = 0
    this.framesDropped = 0
    this.moderation.resetCount()
    this.framesTransmitted = 0
    this.framesTaken = 0
  }
}
