/**
 * The sender machine running netperf TCP_STREAM: an application calling send(m) in a loop on one
 * CPU core, the socket send buffer, the TCP sender, and ACK reception. The CPU is one serial
 * server: ACK processing (the softirq: interrupt, tcp_ack, freeing skbs) goes before application
 * work, items are not preempted. A CPU-bound sender is what limits throughput when the receiver is
 * mostly idle (notes sections 7 and 10.4 step 6), and fewer ACKs (vLRO) free sender CPU.
 *
 * ACKs reach the CPU through the sender's own e1000 NIC: a receive ring and the same interrupt
 * moderation as the receiver's NIC (ITR, RDTR, RADV; `interrupt-moderation.ts`), so ACKs are
 * processed in batches, one interrupt (hard IRQ + NAPI poll, `sender.cost.interruptCycles`) per
 * batch plus a per-ACK cost. The batching shapes the sender's bursts (ACK clocking).
 *
 * The CPU is a timeline (`cpuFreeAtNs`). An interrupt's ACKs are processed at once (softirq
 * preempts the application): their cost, and that of the segments they release, is added to the
 * timeline and pushes the running send() item's completion later. Application items run when the softirq work
 * before them is done; their effect (bytes into the socket, segments out) happens at their end.
 * PERF: no event per ACK on the sender (the ACK's wire arrival is the only one), and small messages
 * are batched: one item covers consecutive send() calls up to one MSS of data, so 64-byte messages
 * cost one event per ~23 calls instead of one per call.
 */
import { NS_PER_S, type Simulation } from '../../kernel/simulation'
import type { ParamValues } from '../../params/define'
import type { SenderHost, WireDirection } from './net-api'
import { ETHERNET_HEADER_BYTES, type PacketPool } from './packet'
import { LazyTimer } from './lazy-timer'
import { moderationSettings, ReceiveInterruptModeration } from './interrupt-moderation'
import type { NicBus } from './nic-bus'
import { SendLimitTracker } from './send-limit'
import { TcpSender } from './tcp-sender'

export { senderParams } from './sender-params'

/** Options of the sender. */
export interface SenderOptions {
  /** TCP MSS, bytes (MTU - 52). */
  mss: number
  /** netperf -m: bytes per send() call. */
  messageSizeBytes: number
  /** The sender -> receiver link (its NIC queue). */
  forward: WireDirection
  /** The receiver's initial advertised window, bytes. */
  initialWindowBytes: number
  /** The sender NIC's bus, shared with the forward link's transmit DMA. */
  bus: NicBus
}

/** netperf TCP_STREAM on the sender machine. */
export class NetperfSender implements SenderHost {
  readonly tcp: TcpSender
  private readonly appTimer: LazyTimer
  private readonly nsPerCycle: number
  private readonly callCycles: number
  private readonly byteCycles: number
  private readonly segmentCycles: number
  private readonly ackCycles: number
  private readonly interruptCycles: number
  /** The sender NIC's receive ring of ACK frames (packet ids, FIFO). */
  private readonly ackRing: Int32Array
  private ackRingHead = 0
  private ackRingCount = 0
  private readonly ackModeration: ReceiveInterruptModeration
  private acksDropped = 0
  private readonly bus: NicBus
  private readonly sendLimit = new SendLimitTracker()
  private readonly messageSize: number
  private readonly mss: number
  private readonly sndbufMax: number
  /** Truesize of an skb beyond its payload. */
  private readonly skbOverheadBytes: number
  private readonly isSndbufAutotuned: boolean
  private sndbuf: number
  /** When the CPU finishes the work committed so far (softirq work and the running item). */
  private cpuFreeAtNs = 0
  private isAppRunning = false
  private chunkBytes = 0
  private messageRemaining = 0
  private isStarted = false
  private isBlocked = false
  private busyNs = 0
  private windowStartNs = 0
  private sendCalls = 0
  private bytesWritten = 0
  private acksProcessed = 0
  private blockedEpisodes = 0

  constructor(
    private readonly sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    options: SenderOptions,
  ) {
    this.tcp = new TcpSender(sim, pool, params, options.mss, options.forward, options.initialWindowBytes)
    this.nsPerCycle = NS_PER_S / params['sender.cpu.clockHz']
    this.callCycles = params['sender.cost.callCycles']
    this.byteCycles = params['sender.cost.byteCycles']
    this.segmentCycles = params['sender.cost.segmentCycles']
    this.ackCycles = params['sender.cost.ackCycles']
    this.interruptCycles = params['sender.cost.interruptCycles']
    this.ackRing = new Int32Array(params['sender.nic.rxRingSize'])
    this.ackModeration = new ReceiveInterruptModeration(
      sim,
      'sender.nic.interrupt',
      moderationSettings(
        params['sender.nic.interruptRateHz'],
        params['sender.nic.rxIntDelayUnits'],
        params['sender.nic.rxAbsIntDelayUnits'],
      ),
      () => this.ackRingCount > 0,
      () => this.processAckInterrupt(),
    )
    this.sndbuf = params['sender.sndbufBytes']
    this.sndbufMax = Math.max(params['sender.sndbufMaxBytes'], this.sndbuf)
    this.isSndbufAutotuned = params['sender.sndbufAutotune'] === 1
    this.skbOverheadBytes = params['sender.skbOverheadBytes']
    this.bus = options.bus
    this.messageSize = options.messageSizeBytes
    this.mss = options.mss
    this.appTimer = new LazyTimer(sim, 'sender.app.done', () => this.finishAppItem())
    this.tcp.onTimerTransmit = (segments) => {
      this.commitCycles(segments * this.segmentCycles)
      this.updateSendLimit()
    }
  }

  get cwndSegments(): number {
    return this.tcp.cwndSegments
  }

  get bytesAcked(): number {
    return this.tcp.unackedSeq
  }

  /** ACK frames waiting in the sender NIC's receive ring for the next interrupt. */
  get pendingAcks(): number {
    return this.ackRingCount
  }

  /** Current send buffer size (after growth), bytes. */
  get sndbufBytes(): number {
    return this.sndbuf
  }

  start(): void {
    this.isStarted = true
    this.tryStartAppItem()
  }

  /** An ACK frame arrives at the sender's NIC: into the ring; the moderation decides when it is seen. */
  receiveFrame(packetId: number): void {
    // The ACK's DMA into memory holds the shared bus; the host sees the frame at once (the bus
    // delay of one small frame is far below the interrupt moderation's).
    if (this.bus.isModelled)
      this.bus.receiveDma(this.sim.now, this.pool.frameBytes[packetId] + ETHERNET_HEADER_BYTES)
    const capacity = this.ackRing.length
    if (this.ackRingCount === capacity) {
      this.acksDropped++
      this.pool.free(packetId)
      return
    }
    this.ackRing[(this.ackRingHead + this.ackRingCount) % capacity] = packetId
    this.ackRingCount++
    this.ackModeration.frameArrived(this.ackRingCount * 2 >= capacity)
  }

  /**
   * The NIC interrupt: the softirq (NAPI poll) processes every ACK in the ring now, ahead of the
   * application, pays one interrupt cost for the batch, and re-enables the interrupt.
   */
  private processAckInterrupt(): void {
    let cycles = this.interruptCycles
    const capacity = this.ackRing.length
    while (this.ackRingCount > 0) {
      const packetId = this.ackRing[this.ackRingHead]
      this.ackRingHead = (this.ackRingHead + 1) % capacity
      this.ackRingCount--
      this.acksProcessed++
      const sent = this.tcp.onAck(packetId)
      this.growSndbuf()
      cycles += this.ackCycles + sent * this.segmentCycles
    }
    this.commitCycles(cycles)
    this.ackModeration.unmask()
    this.tryStartAppItem()
    this.updateSendLimit()
  }

  private updateSendLimit(): void {
    this.sendLimit.update(this.sim.now, this.tcp.lastStop, this.isBlocked)
  }

  cpuUtilization(): number {
    const elapsedNs = this.sim.now - this.windowStartNs
    return elapsedNs > 0 ? Math.min(1, this.busyNs / elapsedNs) : 0
  }

  /** Busy share of the sender NIC's bus since the last reset, 0..1 (0 when not modelled). */
  busUtilization(): number {
    return this.bus.utilization(this.sim.now - this.windowStartNs)
  }

  counters(): Record<string, number> {
    return {
      'sender.sendCalls': this.sendCalls,
      'sender.bytesWritten': this.bytesWritten,
      'sender.acksProcessed': this.acksProcessed,
      'sender.blockedEpisodes': this.blockedEpisodes,
      'sender.nic.interrupts': this.ackModeration.interrupts,
      'sender.nic.acksDropped': this.acksDropped,
      'sender.cpuBusyNs': this.busyNs,
      'sender.sndbufBytes': this.sndbuf,
      ...this.bus.counters(),
      ...this.sendLimit.counters(this.sim.now),
      ...this.tcp.counters(),
    }
  }

  resetWindow(): void {
    this.busyNs = 0
    this.windowStartNs = this.sim.now
    this.sendCalls = 0
    this.bytesWritten = 0
    this.acksProcessed = 0
    this.blockedEpisodes = 0
    this.ackModeration.resetCount()
    this.acksDropped = 0
    this.bus.resetWindow()
    this.sendLimit.resetWindow(this.sim.now)
    this.tcp.resetWindow()
  }

  /** Adds softirq-level work to the CPU timeline; a running application item finishes later. */
  private commitCycles(cycles: number): void {
    if (cycles <= 0) return
    const durationNs = cycles * this.nsPerCycle
    this.busyNs += durationNs
    const now = this.sim.now
    if (this.isAppRunning) {
      this.cpuFreeAtNs += durationNs
      this.appTimer.arm(this.cpuFreeAtNs - now)
    } else {
      this.cpuFreeAtNs = Math.max(now, this.cpuFreeAtNs) + durationNs
    }
  }

  private tryStartAppItem(): void {
    if (!this.isStarted || this.isAppRunning) return
    const calls = this.prepareAppChunk()
    if (calls < 0) return
    const durationNs = (calls * this.callCycles + this.chunkBytes * this.byteCycles) * this.nsPerCycle
    const now = this.sim.now
    this.busyNs += durationNs
    this.cpuFreeAtNs = Math.max(now, this.cpuFreeAtNs) + durationNs
    this.isAppRunning = true
    this.appTimer.arm(this.cpuFreeAtNs - now)
  }

  private finishAppItem(): void {
    this.isAppRunning = false
    this.tcp.write(this.chunkBytes)
    this.bytesWritten += this.chunkBytes
    const sent = this.tcp.transmit()
    this.commitCycles(sent * this.segmentCycles)
    this.tryStartAppItem()
    this.updateSendLimit()
  }

  /** tcp_new_space: sndbuf = 2 x cwnd x sndmem (an MSS skb's truesize) when not cwnd-limited. */
  private growSndbuf(): void {
    if (!this.isSndbufAutotuned || this.tcp.packetsOut >= this.tcp.cwndSegments) return
    const demanded = 2 * this.tcp.cwndSegments * (this.mss + this.skbOverheadBytes)
    if (demanded > this.sndbuf) this.sndbuf = Math.min(demanded, this.sndbufMax)
  }

  /**
   * sk_wmem_queued: the write queue's skbs at their truesize. tcp_sendmsg fills skbs up to one
   * MSS each, so `payloadBytes` sit in ceil(payload / MSS) skbs.
   */
  private truesizeOf(payloadBytes: number): number {
    return payloadBytes + Math.ceil(payloadBytes / this.mss) * this.skbOverheadBytes
  }

  /**
   * Plans the next application item: continue the current send() or start new ones, copying while
   * the send buffer has room (tcp_sendmsg may overshoot sndbuf by up to one segment). Returns the
   * number of send() calls started in the item, or -1 when the application is blocked
   * (sk_stream_wait_memory) until ACKs free enough of the buffer.
   */
  private prepareAppChunk(): number {
    const buffered = this.truesizeOf(this.tcp.bufferedBytes)
    const free = this.sndbuf - buffered
    if (this.isBlocked) {
      // sk_stream_write_space: wake when free space >= half of what is queued.
      if (free * 2 < buffered) return -1
      this.isBlocked = false
    }
    if (free <= 0) {
      this.isBlocked = true
      this.blockedEpisodes++
      return -1
    }
    // Payload that fits in the free truesize, rounded up to whole skbs (the last may overshoot).
    const capacity = Math.ceil(free / (this.mss + this.skbOverheadBytes)) * this.mss
    let bytes = 0
    let calls = 0
    for (;;) {
      if (this.messageRemaining === 0) {
        if (bytes >= this.mss || bytes >= capacity) break
        this.messageRemaining = this.messageSize
        calls++
        this.sendCalls++
      }
      const take = Math.min(this.messageRemaining, capacity - bytes)
      bytes += take
      this.messageRemaining -= take
      if (this.messageRemaining > 0) break
    }
    this.chunkBytes = bytes
    return calls
  }
}
