/**
 * The seam between the network protocol models (sender host, TCP, wire, NIC, LRO: this folder and
 * `engine/model/lro/`) and the receive paths that E4 assembles on the receiver host (native
 * NAPI/IP/TCP stages, Xen netback/netfront).
 *
 * Every packet is an id in the shared `PacketPool`. Passing an id to a method passes ownership:
 * the callee frees it (or hands it on). Hooks (`onInterrupt`, `onAck`, `onOutput`) are plain
 * properties set once by the assembly to pre-bound functions; they must not allocate per call.
 *
 * Usage sketch (native receiver):
 * ```ts
 * const pool = new PacketPool()
 * const net = createNetwork(sim, pool, params, { mtu, messageSize, env })
 * net.nic.onInterrupt = () => host.raisePhysicalIrq(irqStage, cycles, instructions, startPoll, 0)
 * // the NAPI poll, at SoftIrq in the driver kernel:
 * const count = net.nic.takeFrames(64, frameIds)
 * for (let i = 0; i < count; i++) lro.receive(frameIds[i]) // or straight to the IP/TCP stage
 * lro.flushAll()
 * net.nic.enableInterrupts()
 * lro.onOutput = (id) => ...post the IP/TCP stage..., then net.tcpReceiver.onSegment(id)
 * net.tcpReceiver.onAck = (ackId) => driverKernel.post(SoftIrq, ackStage, c, i, sendAck, ackId)
 * // sendAck(ackId) -> net.nic.transmit(ackId)
 * // netserver's recv(): const copied = net.tcpReceiver.recvCopy(maxBytes)
 * net.sender.start()
 * ```
 */

/** A pre-bound function receiving a packet id (ownership passes with it). */
export type PacketSink = (packetId: number) => void

/** Anything a wire direction can deliver frames to (the receiver NIC, the sender host). */
export interface FrameReceiver {
  /** A frame has fully arrived (last bit received). Ownership passes to the receiver. */
  receiveFrame(packetId: number): void
}

/** Mechanism counters; names are stable and go into `RunResult.counters` (prefix them by component). */
export interface CounterSource {
  /** Counter values since construction or the last `resetWindow()`. */
  counters(): Record<string, number>
  /** Zeroes the counters (called when the warm-up ends). State is kept. */
  resetWindow(): void
}

/**
 * One direction of a full-duplex link, including the transmitting NIC's queue and any switch on the
 * path. Frames are serialised FIFO at the link rate; each occupies (IP length + 38) bytes.
 */
export interface WireDirection extends CounterSource {
  /**
   * Queues a frame for transmission now. Returns false (and frees the frame, counting a drop) when
   * the transmit queue is full.
   */
  send(packetId: number): boolean
  /** True when the transmit queue can take another frame now. */
  hasTxRoom(): boolean
  /**
   * Asks for `onTxRoom` to be called once, when the transmit queue has room again (implementations
   * may wait until it has drained further, as long as the link does not idle meanwhile).
   */
  requestTxRoomNotification(): void
  /** Called (once per request) when the transmit queue has room again. Set by the sender. */
  onTxRoom: () => void
  /** Where arriving frames go. Set once by the assembly. */
  receiver: FrameReceiver
}

/**
 * The receiver's physical NIC (e1000-like): an RX descriptor ring that drops when full, interrupt
 * moderation as a minimum gap between interrupts, and NAPI masking. Per-frame DMA costs no CPU here;
 * the driver's per-frame cost is charged by the receive path.
 */
export interface Nic extends FrameReceiver, CounterSource {
  /** Frames waiting in the RX ring. */
  readonly pendingFrames: number
  /**
   * Removes up to `max` frames from the ring in arrival order, writes their ids to `out` and
   * returns how many. Ownership passes to the caller. Call it from the NAPI poll.
   */
  takeFrames(max: number, out: Int32Array): number
  /**
   * Unmasks interrupts at the end of the NAPI poll. If frames are pending, the next interrupt is
   * raised no earlier than the moderation gap after the previous one (and no earlier than now).
   */
  enableInterrupts(): void
  /**
   * Called when the NIC raises an interrupt. From then on interrupts stay masked until
   * `enableInterrupts()`. Set by the assembly; it turns this into `host.raisePhysicalIrq(...)`.
   */
  onInterrupt: () => void
  /** Transmits a frame (an ACK leaving the receiver) onto the reverse wire. Ownership passes. */
  transmit(packetId: number): void
}

/**
 * Pure protocol state of the receiving socket (Linux 2.6.18 tcp_input.c semantics). Its CPU costs
 * are charged by the receive path that calls it.
 */
export interface TcpReceiver extends CounterSource {
  /**
   * Processes one (possibly aggregated) data segment and consumes the packet (frees it). In-order
   * data goes to the socket receive queue; out-of-order data is kept in a small reorder list.
   * Applies the ACK rule: an ACK now (via `onAck`) when more than one rcv_mss is unacknowledged and
   * the window would not shrink, in quick-ACK mode, or for out-of-order/duplicate data; otherwise
   * the delayed-ACK timer is armed. Returns the number of ACKs sent now (0 or 1).
   */
  onSegment(packetId: number): number
  /** Bytes in the socket receive queue, ready for recv(). */
  readonly bytesQueued: number
  /**
   * netserver's recv(): removes up to `maxBytes` from the receive queue and returns the count.
   * May send a window-update ACK through `onAck` (tcp_cleanup_rbuf) and autotune the buffer.
   */
  recvCopy(maxBytes: number): number
  /** Total bytes copied to the application since the start (goodput numerator). */
  readonly bytesDelivered: number
  /**
   * Called with a freshly allocated pure-ACK packet whenever the receiver sends an ACK (immediate,
   * delayed-ACK timer, window update). Set by the assembly, which routes it through the host's ACK
   * transmit path to `Nic.transmit`. The hook owns the packet.
   */
  onAck: PacketSink
  /** Current rcv_mss estimate (icsk_ack.rcv_mss), bytes. */
  readonly rcvMssBytes: number
  /** Current socket receive buffer (sk_rcvbuf), bytes. */
  readonly rcvbufBytes: number
}

/**
 * Large Receive Offload at one placement (dom0's driver: pLRO; netfront: vLRO), after Linux
 * net/ipv4/inet_lro.c. Aggregates in-order segments of a flow; hands aggregates and passed-through
 * packets to `onOutput`.
 */
export interface Lro extends CounterSource {
  /** Offers one received packet. It is merged, starts a session, or is passed up (after a flush). */
  receive(packetId: number): void
  /** Flushes every session (the driver calls lro_flush_all() at the end of each poll). */
  flushAll(): void
  /** Bytes memcpy'd to build linear aggregates since the last call (0 for page-fragment aggregates). */
  takeCopiedBytes(): number
  /** Flushes every session because a hold timer expired (vLRO's timer flush policies). */
  flushAllOnTimer(): void
  /** Sessions currently open (segments held). */
  readonly openSessions: number
  /** The next stage; receives aggregates (`segments` = merged count, gso_size set) and pass-throughs. */
  onOutput: PacketSink
  /** Packets offered since the last reset. */
  readonly packetsIn: number
  /** Packets handed up since the last reset (aggregates + passed-through). */
  readonly packetsOut: number
}

/**
 * The sender machine: netperf TCP_STREAM on its own CPU, with the TCP sender and its NIC. The wire
 * delivers ACK frames to it through `receiveFrame`.
 */
export interface SenderHost extends FrameReceiver, CounterSource {
  /** Starts the send() loop at the current simulated time. */
  start(): void
  /** Congestion window, segments (for the time series). */
  readonly cwndSegments: number
  /** Highest byte acknowledged (snd_una). */
  readonly bytesAcked: number
  /** Busy share of the sender CPU since the last reset, 0..1. */
  cpuUtilization(): number
}
