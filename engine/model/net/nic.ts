/**
 * The receiver's physical NIC, e1000-like: a receive descriptor ring that drops when full, receive
 * interrupt moderation (ITR minimum gap, RDTR packet timer, RADV absolute timer: see
 * `interrupt-moderation.ts`), and NAPI masking (interrupts stay off from the interrupt until the
 * driver re-enables them at the end of its poll).
 */
import { NS_PER_S, type Simulation } from '../../kernel/simulation'
import { e1000Truesize } from './skb-truesize'
import { defineParams, type ParamValues } from '../../params/define'
import { DynamicInterruptThrottle, ETHERNET_HEADER_BYTES, throttleCounters, throttleFor } from './dynamic-itr'
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
    id: 'nic.interruptThrottleMode',
    unit: 'mode',
    default: 0,
    min: 0,
    max: 3,
    isInteger: true,
    choices: { 0: 'fixed (nic.interruptRateHz)', 1: 'dynamic', 3: 'dynamic conservative' },
    help: 'InterruptThrottleRate mode of the e1000 driver: a fixed rate, or the adaptive throttle of e1000 7.3.x that moves between 4,000, 20,000 and (not in conservative mode) 70,000 interrupts/s after every NAPI episode, by the bytes and packets the episode handled.',
    provenance: 'source',
    source:
      'e1000 7.3.20-k2 (RHEL 5 / CentOS 5 2.6.18) e1000_param.c DEFAULT_ITR 3, e1000_main.c e1000_update_itr / e1000_set_itr; vanilla 2.6.18 (7.1.9) uses a fixed 8000',
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
  {
    id: 'nic.packetSplit',
    unit: 'bool',
    default: 0,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'one buffer per frame', 1: 'packet split (header buffer + pages)' },
    help: 'Whether the receive NIC splits jumbo frames into a header buffer and pages (set for the PCIe NICs of direct-2009); the socket is then charged the bytes in the pages, not a whole 4-16 KB buffer.',
    provenance: 'source',
    source:
      'Linux 2.6.18 e1000_main.c e1000_setup_rctl / e1000_clean_rx_irq_ps: packet split on 82571 and newer (PCIe) when mtu > ETH_DATA_LEN; skb->truesize += length per page',
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
  /** The adaptive throttle, or null for a fixed ITR. */
  private readonly throttle: DynamicInterruptThrottle | null
  private framesReceived = 0
  private framesDropped = 0
  private framesTransmitted = 0
  private framesTaken = 0
  private readonly isPacketSplit: boolean

  constructor(
    sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    /** The reverse direction of the link (receiver -> sender), for ACKs. */
    private readonly reverse: WireDirection,
    /** IP MTU: sets the receive buffer size and so each frame's truesize. */
    private readonly mtu = 1500,
  ) {
    this.isPacketSplit = params['nic.packetSplit'] === 1
    this.ring = new Int32Array(params['nic.rxRingSize'])
    this.throttle = throttleFor(params['nic.interruptThrottleMode'])
    this.moderation = new ReceiveInterruptModeration(
      sim,
      'nic.interrupt',
      moderationSettings(
        this.throttle ? this.throttle.interruptRateHz : params['nic.interruptRateHz'],
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
    this.pool.truesize[packetId] = e1000Truesize(this.mtu, this.pool.frameBytes[packetId], this.isPacketSplit)
    this.ring[(this.ringHead + this.ringCount) % this.ring.length] = packetId
    this.ringCount++
    this.framesReceived++
    this.moderation.frameArrived(this.ringCount * 2 >= this.ring.length)
  }

  takeFrames(max: number, out: Int32Array): number {
    const count = Math.min(max, this.ringCount, out.length)
    const throttle = this.throttle
    for (let i = 0; i < count; i++) {
      const packetId = this.ring[this.ringHead]
      out[i] = packetId
      this.ringHead = (this.ringHead + 1) % this.ring.length
      if (throttle) throttle.countReceived(this.pool.frameBytes[packetId] + ETHERNET_HEADER_BYTES)
    }
    this.ringCount -= count
    this.framesTaken += count
    return count
  }

  enableInterrupts(): void {
    // e1000_clean: e1000_set_itr, then e1000_irq_enable.
    if (this.throttle) this.moderation.setMinGapNs(NS_PER_S / this.throttle.endEpisode())
    this.moderation.unmask()
  }

  transmit(packetId: number): void {
    this.framesTransmitted++
    this.throttle?.countTransmitted(this.pool.frameBytes[packetId] + ETHERNET_HEADER_BYTES)
    this.reverse.send(packetId)
  }

  counters(): Record<string, number> {
    return {
      'nic.framesReceived': this.framesReceived,
      'nic.framesDropped': this.framesDropped,
      'nic.interrupts': this.moderation.interrupts,
      'nic.framesTransmitted': this.framesTransmitted,
      'nic.framesTaken': this.framesTaken,
      ...(this.throttle ? throttleCounters('nic', this.throttle) : {}),
    }
  }

  resetWindow(): void {
    this.framesReceived = 0
    this.framesDropped = 0
    this.moderation.resetCount()
    this.framesTransmitted = 0
    this.framesTaken = 0
    this.throttle?.resetCounts()
  }
}
