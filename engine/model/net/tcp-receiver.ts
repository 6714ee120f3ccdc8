/**
 * The receiving TCP socket as pure protocol state, after Linux 2.6.18 net/ipv4/tcp_input.c and
 * tcp_output.c: rcv_nxt, the receive queue (bytes), a small out-of-order list, rcv_mss measurement
 * (gso_size first), the ACK rule of __tcp_ack_snd_check, quick-ACK mode, the delayed-ACK timer,
 * window selection from the socket buffer (tcp_adv_win_scale), receive-buffer autotuning
 * (tcp_rcv_space_adjust), the window-update ACK of tcp_cleanup_rbuf and the SACK blocks of ACKs
 * sent while out-of-order data is queued (tcp.sack, see SackBlocks).
 *
 * CPU costs are not here: the receive path that calls `onSegment`/`recvCopy` charges them.
 */
import { NS_PER_S, type Simulation } from '../../kernel/simulation'
import type { ParamValues } from '../../params/define'
import { LazyTimer } from './lazy-timer'
import { ReceiveBufferTuner } from './receive-buffer-tuner'
import { ReorderList } from './reorder-list'
import { FloatRing } from './ring-buffers'
import { collapsedTruesize, SKB_STRUCT_BYTES, windowFromSpace } from './skb-truesize'
import { SackBlocks } from './sack-blocks'
import type { PacketSink, TcpReceiver } from './net-api'
import {
  IP_TCP_TIMESTAMP_HEADER_BYTES,
  MAX_SACK_BLOCKS,
  PacketFlag,
  PacketKind,
  SACK_BLOCK_BYTES,
  SACK_OPTION_BASE_BYTES,
  type PacketPool,
} from './packet'

export { tcpReceiverParams } from './tcp-receiver-params'

/** Minimum rcv_mss before the first measurement (TCP_MIN_RCVMSS). */
const TCP_MIN_RCVMSS = 536
/** Capacity of the out-of-order list; segments beyond it are dropped (Linux prunes the ofo queue). */
const REORDER_SLOTS = 64
/** RTO floor used for the idle test of tcp_event_data_recv (TCP_RTO_MIN). */
const IDLE_QUICKACK_NS = 200e6
/** Flow id of the receiver -> sender direction. */
const ACK_FLOW_ID = 1
// PERF: module-local copies of imported constants (some loaders turn imports into getters).
const PURE_ACK_FLAGS = PacketFlag.Ack | PacketFlag.HasTimestamps
const PURE_ACK_KIND = PacketKind.PureAck
const PURE_ACK_IP_BYTES = IP_TCP_TIMESTAMP_HEADER_BYTES
const SACK_FLAGS = PacketFlag.HasOtherTcpOptions

/** The receiving socket of the netperf stream. */
export class LinuxTcpReceiver implements TcpReceiver {
  onAck: PacketSink = () => {
    throw new Error('LinuxTcpReceiver: onAck is not set')
  }

  private rcvNxt = 0
  /** rcv_nxt when the last ACK was sent (rcv_wup). */
  private rcvWup = 0
  /** Window advertised in the last ACK (rcv_wnd), bytes. */
  private rcvWnd: number
  /** rcv_ssthresh: the window grows toward the clamp by 2 advmss per segment (tcp_grow_window). */
  private rcvSsthresh: number
  /** Window scale (rcv_wscale): the advertised window is a multiple of 2^scale. */
  private readonly windowScale: number
  /** 2^windowScale: the advertised window's granularity. */
  private readonly windowGranularity: number
  private readonly advMss: number
  private rcvMss = TCP_MIN_RCVMSS
  /** icsk_ack.last_seg_size. */
  private lastSegmentBytes = 0
  private rcvbuf: number
  private queuedBytes = 0
  /** sk_rmem_alloc: truesize of the skbs queued in order and out of order. */
  private rmemAlloc = 0
  /** Truesize charged for the out-of-order list (part of rmemAlloc). */
  private reorderTruesize = 0
  /** The in-order queue's skbs: end sequence and truesize, oldest first (freed as recv() passes them). */
  private readonly queuedEnds = new FloatRing(64)
  private readonly queuedTruesizes = new FloatRing(64)
  /** tp->window_clamp: the largest window the receiver will offer. */
  private windowClamp: number
  private readonly reorder = new ReorderList(REORDER_SLOTS)
  /** tp->selective_acks; only kept when SACK is on (tcp.sack). */
  private readonly sackBlocks = new SackBlocks()
  private readonly isSackEnabled: boolean
  private quickAcks = 0
  private hasSeenData = false
  /** ICSK_ACK_PUSHED: a short segment arrived since the last ACK. */
  private isPushed = false
  private lastDataNs = 0
  private tsRecent = 0
  private delivered = 0
  private readonly tuner: ReceiveBufferTuner
  private readonly delayedAckTimer: LazyTimer
  private readonly delayedAckNs: number
  private readonly maxQuickAcks: number
  private readonly advWinScale: number
  private readonly isWindowChecked: boolean
  private readonly tickNs: number
  private readonly count = {
    segments: 0,
    aggregatedSegments: 0,
    acks: 0,
    immediateAcks: 0,
    delayedAcks: 0,
    windowUpdateAcks: 0,
    duplicateAcks: 0,
    outOfOrder: 0,
    duplicates: 0,
    reorderDrops: 0,
    sackBlocksSent: 0,
    pruneCollapses: 0,
    pruneDrops: 0,
  }

  constructor(
    private readonly sim: Simulation,
    private readonly pool: PacketPool,
    params: ParamValues,
    /** The MSS this host advertises (advmss): the initial window is a multiple of it. */
    advMss: number,
  ) {
    this.rcvbuf = params['tcp.rcvbufBytes']
    this.isWindowChecked = params['tcp.ackWindowCheck'] === 1
    this.isSackEnabled = params['tcp.sack'] === 1
    this.advWinScale = params['tcp.advWinScale']
    this.tuner = new ReceiveBufferTuner(params, this.rcvbuf, this.advWinScale)
    this.delayedAckNs = params['tcp.delayedAckNs']
    this.maxQuickAcks = params['tcp.maxQuickAcks']
    this.tickNs = NS_PER_S / params['tcp.timestampHz']
    this.advMss = advMss
    // tcp_select_initial_window: the scale that lets the window cover tcp_rmem[2].
    let space = this.tuner.maxBytes
    let scale = 0
    while (space > 65535 && scale < 14) {
      space >>= 1
      scale++
    }
    this.windowScale = scale
    this.windowGranularity = 2 ** scale
    // tcp_select_initial_window: the free space rounded down to a multiple of the MSS. (2.6.18 also
    // caps it at an initial cwnd's worth, 2-4 segments, which only the first milliseconds of a
    // stream see; left out: docs/MODEL.md section 6.)
    const initialWindow = this.windowFromSpace(this.rcvbuf)
    this.rcvWnd = Math.floor(Math.min(65535, initialWindow) / advMss) * advMss
    this.rcvSsthresh = this.rcvWnd
    // tcp_init_buffer_space: the clamp is the full space less 1/2^tcp_app_win (31: nothing).
    this.windowClamp = Math.max(this.windowFromSpace(this.rcvbuf), 4 * advMss)
    this.delayedAckTimer = new LazyTimer(sim, 'tcp.receiver.delayedAck', () => this.onDelayedAckTimer())
  }

  get bytesQueued(): number {
    return this.queuedBytes
  }

  get bytesDelivered(): number {
    return this.delivered
  }

  get rcvMssBytes(): number {
    return this.rcvMss
  }

  get rcvbufBytes(): number {
    return this.rcvbuf
  }

  /** The next byte expected (rcv_nxt). */
  get nextExpectedSeq(): number {
    return this.rcvNxt
  }

  /** The window the receiver would advertise now, bytes. */
  get advertisedWindowBytes(): number {
    return this.currentWindowForAck()
  }

  /** The window advertised to the sender before any data (what the handshake would carry). */
  initialWindowBytes(): number {
    return this.rcvWnd
  }

  onSegment(packetId: number): number {
    const pool = this.pool
    const seq = pool.seq[packetId]
    const length = pool.payloadBytes[packetId]
    const end = seq + length
    const gsoSize = pool.gsoSize[packetId]
    const tsval = pool.tsval[packetId]
    const tsecr = pool.tsecr[packetId]
    const segments = pool.segments[packetId]
    // A path that sets no truesize (test harnesses) is charged the payload and a bare sk_buff.
    const truesize = pool.truesize[packetId] > 0 ? pool.truesize[packetId] : length + SKB_STRUCT_BYTES
    pool.free(packetId)
    this.count.segments++
    this.count.aggregatedSegments += segments
    if (length <= 0) return 0

    // RFC 1323 ts_recent: updated from segments that start at or before the last ACKed point.
    if (seq <= this.rcvWup) this.tsRecent = tsval

    if (end <= this.rcvNxt) {
      // Entirely old data (a retransmission we already have): tcp_send_dupack, quick-ACK mode.
      this.count.duplicates++
      this.enterQuickAck()
      this.sendAck()
      this.count.duplicateAcks++
      return 1
    }

    this.measureRcvMss(length, gsoSize)
    this.tuner.measureRtt(this.ticks(), tsecr, length, this.rcvMss)

    // tcp_data_queue: over the buffer, tcp_prune_queue first; still over, the segment is dropped.
    if (this.rmemAlloc > this.rcvbuf && !this.pruneQueue()) {
      this.count.pruneDrops++
      return 0
    }

    if (seq <= this.rcvNxt) {
      // In order (possibly overlapping old data): queue the new part.
      const hadReorder = this.reorder.size > 0
      const fresh = end - this.rcvNxt
      this.rcvNxt = end
      this.queuedBytes += fresh
      this.queueSkb(end, truesize)
      this.onDataReceived()
      // tcp_event_data_recv: only segments of 128 bytes or more grow the window.
      if (length >= 128) this.growWindow(truesize, length)
      if (hadReorder) {
        const reorderBytes = this.reorder.bytes
        const next = this.reorder.drainFrom(this.rcvNxt)
        this.queuedBytes += next - this.rcvNxt
        this.moveReorderedToQueue(next, reorderBytes)
        this.rcvNxt = next
        // tcp_sack_remove: blocks rcv_nxt reached are eaten; an empty ofo queue clears them all.
        if (this.reorder.size === 0) this.sackBlocks.clear()
        else this.sackBlocks.removeBelow(this.rcvNxt)
        // RFC 2581 4.2: ACK at once when a segment fills (part of) a hole.
        this.sendAck()
        this.count.immediateAcks++
        return 1
      }
      return this.ackCheck()
    }

    // Out of order: keep it, ACK at once (duplicate ACK for the sender's fast retransmit).
    this.count.outOfOrder++
    const wasReorderEmpty = this.reorder.size === 0
    if (!this.reorder.insert(seq, end)) {
      this.count.reorderDrops++
    } else {
      this.reorderTruesize += truesize
      this.rmemAlloc += truesize
      if (this.isSackEnabled) {
        // tcp_data_queue: the first out-of-order segment builds one block; later ones go through
        // tcp_sack_new_ofo_skb (which also covers the "extend the first block" fast case).
        if (wasReorderEmpty) this.sackBlocks.clear()
        this.sackBlocks.add(seq, end)
      }
    }
    this.enterQuickAck()
    this.sendAck()
    this.count.duplicateAcks++
    return 1
  }

  recvCopy(maxBytes: number): number {
    const copied = Math.min(maxBytes, this.queuedBytes)
    if (copied <= 0) return 0
    this.queuedBytes -= copied
    this.delivered += copied
    this.freeReadSkbs()
    const tuned = this.tuner.adjust(this.ticks(), this.delivered, this.rcvbuf, this.advMss)
    if (tuned !== null) {
      this.rcvbuf = tuned.rcvbufBytes
      this.windowClamp = tuned.windowClampBytes
    }
    this.cleanupRbuf(copied)
    return copied
  }

  /** Socket memory charged now (sk_rmem_alloc), bytes of truesize. */
  get rmemAllocBytes(): number {
    return this.rmemAlloc
  }

  /** The largest window the receiver offers now (tp->window_clamp), bytes. */
  get windowClampBytes(): number {
    return this.windowClamp
  }

  /** Charges an in-order skb ending at `end`. */
  private queueSkb(end: number, truesize: number): void {
    this.queuedEnds.push(end)
    this.queuedTruesizes.push(truesize)
    this.rmemAlloc += truesize
  }

  /** Out-of-order data that became in order moves its charge to the queue, in proportion. */
  private moveReorderedToQueue(end: number, reorderBytesBefore: number): void {
    const moved =
      this.reorder.size === 0 || reorderBytesBefore <= 0
        ? this.reorderTruesize
        : (this.reorderTruesize * (reorderBytesBefore - this.reorder.bytes)) / reorderBytesBefore
    this.reorderTruesize -= moved
    this.rmemAlloc -= moved
    this.queueSkb(end, moved)
  }

  /** sk_eat_skb: skbs recv() has read to their end are freed and uncharged. */
  private freeReadSkbs(): void {
    const copiedSeq = this.rcvNxt - this.queuedBytes
    while (this.queuedEnds.size > 0 && this.queuedEnds.peek() <= copiedSeq) {
      this.queuedEnds.shift()
      this.rmemAlloc -= this.queuedTruesizes.shift()
    }
  }

  /**
   * tcp_prune_queue: tcp_collapse rebuilds the queued data into dense skbs; if the socket is still
   * over its buffer, the out-of-order queue is purged. Returns false when it is still over (the
   * arriving segment is then dropped).
   */
  private pruneQueue(): boolean {
    this.count.pruneCollapses++
    const queued = this.rmemAlloc - this.reorderTruesize
    const collapsed = collapsedTruesize(this.queuedBytes)
    if (collapsed < queued) {
      this.queuedEnds.clear()
      this.queuedTruesizes.clear()
      this.rmemAlloc -= queued
      if (this.queuedBytes > 0) this.queueSkb(this.rcvNxt, collapsed)
    }
    if (this.rmemAlloc <= this.rcvbuf) return true
    if (this.reorder.size > 0) {
      this.reorder.clear()
      this.sackBlocks.clear()
      this.rmemAlloc -= this.reorderTruesize
      this.reorderTruesize = 0
    }
    return this.rmemAlloc <= this.rcvbuf
  }

  counters(): Record<string, number> {
    const c = this.count
    return {
      'tcp.receiver.segments': c.segments,
      'tcp.receiver.aggregatedSegments': c.aggregatedSegments,
      'tcp.receiver.acks': c.acks,
      'tcp.receiver.immediateAcks': c.immediateAcks,
      'tcp.receiver.delayedAcks': c.delayedAcks,
      'tcp.receiver.windowUpdateAcks': c.windowUpdateAcks,
      'tcp.receiver.duplicateAcks': c.duplicateAcks,
      'tcp.receiver.outOfOrder': c.outOfOrder,
      'tcp.receiver.duplicates': c.duplicates,
      'tcp.receiver.reorderDrops': c.reorderDrops,
      'tcp.receiver.sackBlocksSent': c.sackBlocksSent,
      'tcp.receiver.pruneCollapses': c.pruneCollapses,
      'tcp.receiver.pruneDrops': c.pruneDrops,
      'tcp.receiver.rmemAllocBytes': this.rmemAlloc,
      'tcp.receiver.windowClampBytes': this.windowClamp,
      'tcp.receiver.rcvbufBytes': this.rcvbuf,
      'tcp.receiver.rcvMssBytes': this.rcvMss,
    }
  }

  resetWindow(): void {
    const c = this.count
    c.segments = 0
    c.aggregatedSegments = 0
    c.acks = 0
    c.immediateAcks = 0
    c.delayedAcks = 0
    c.windowUpdateAcks = 0
    c.duplicateAcks = 0
    c.outOfOrder = 0
    c.duplicates = 0
    c.reorderDrops = 0
    c.sackBlocksSent = 0
    c.pruneCollapses = 0
    c.pruneDrops = 0
  }

  /**
   * tcp_measure_rcv_mss: `len = gso_size ?: skb->len`. A longer segment raises rcv_mss at once; a
   * shorter one lowers it only when two in a row have the same length (last_seg_size), otherwise
   * it marks the ACK as pushed (ICSK_ACK_PUSHED).
   */
  private measureRcvMss(length: number, gsoSize: number): void {
    const measured = gsoSize > 0 ? gsoSize : length
    if (measured >= this.rcvMss) {
      this.rcvMss = measured
      return
    }
    if (measured >= TCP_MIN_RCVMSS) {
      const previous = this.lastSegmentBytes
      this.lastSegmentBytes = measured
      if (measured === previous) {
        this.rcvMss = measured
        return
      }
    }
    this.isPushed = true
  }

  /** tcp_event_data_recv: quick ACKs at the start of data and after an idle period longer than the RTO. */
  private onDataReceived(): void {
    const now = this.sim.now
    if (!this.hasSeenData) {
      this.hasSeenData = true
      this.incrementQuickAck()
    } else if (now - this.lastDataNs > IDLE_QUICKACK_NS) {
      this.incrementQuickAck()
    }
    this.lastDataNs = now
  }

  /** tcp_incr_quickack: rcv_wnd / (2 rcv_mss) quick ACKs, at least 2, at most TCP_MAX_QUICKACKS. */
  private incrementQuickAck(): void {
    let quick = Math.floor(this.rcvWnd / (2 * this.rcvMss))
    if (quick === 0) quick = 2
    if (quick > this.quickAcks) this.quickAcks = Math.min(quick, this.maxQuickAcks)
  }

  /** tcp_enter_quickack_mode. */
  private enterQuickAck(): void {
    this.incrementQuickAck()
  }

  /** __tcp_ack_snd_check: ACK now, or arm the delayed-ACK timer. */
  private ackCheck(): number {
    const unacked = this.rcvNxt - this.rcvWup
    const isMoreThanOneMss =
      unacked > this.rcvMss && (!this.isWindowChecked || this.selectWindow() >= this.rcvWnd)
    if (isMoreThanOneMss || this.quickAcks > 0 || this.reorder.size > 0) {
      this.sendAck()
      this.count.immediateAcks++
      return 1
    }
    if (!this.delayedAckTimer.isArmed) this.delayedAckTimer.arm(this.delayedAckNs)
    return 0
  }

  private onDelayedAckTimer(): void {
    if (this.rcvNxt === this.rcvWup && !this.isPushed) return
    this.sendAck()
    this.count.delayedAcks++
  }

  /** tcp_cleanup_rbuf: ACK after recv() when an ACK is owed or the window opened a lot. */
  private cleanupRbuf(copied: number): void {
    let isTimeToAck = false
    if (this.delayedAckTimer.isArmed) {
      const isOwed = this.rcvNxt - this.rcvWup > this.rcvMss
      const isDrainedAfterPush =
        copied > 0 && this.isPushed && this.queuedBytes === 0 && this.reorder.bytes === 0
      if (isOwed || isDrainedAfterPush) isTimeToAck = true
    }
    if (!isTimeToAck) {
      const windowNow = this.receiveWindowNow()
      if (2 * windowNow <= this.windowClamp) {
        const newWindow = this.selectWindow()
        if (newWindow > 0 && newWindow >= 2 * windowNow) {
          isTimeToAck = true
          this.count.windowUpdateAcks++
        }
      }
    }
    if (isTimeToAck) this.sendAck()
  }

  /**
   * tcp_grow_window: while rcv_ssthresh is below the clamp and the free space, raise it by two
   * advmss when the skb's truesize leaves room for its payload in the window
   * (tcp_win_from_space(truesize) <= len), else by what __tcp_grow_window allows; a raise also
   * asks for a quick ACK (icsk_ack.quick |= 1).
   */
  private growWindow(truesize: number, length: number): void {
    if (this.rcvSsthresh >= this.windowClamp || this.rcvSsthresh >= this.freeSpaceWindow()) return
    const increment =
      this.windowFromSpace(truesize) <= length ? 2 * this.advMss : this.slowGrowIncrement(truesize, length)
    if (increment === 0) return
    this.rcvSsthresh = Math.min(this.rcvSsthresh + increment, this.windowClamp)
    this.quickAcks |= 1
  }

  /**
   * __tcp_grow_window: halves the skb's window share and the limit together; the window may grow
   * (by two rcv_mss) only while rcv_ssthresh is under the limit at a level where the share fits.
   */
  private slowGrowIncrement(truesize: number, length: number): number {
    let share = Math.floor(this.windowFromSpace(truesize) / 2)
    let limit = Math.floor(this.windowFromSpace(this.tuner.maxBytes) / 2)
    while (this.rcvSsthresh <= limit) {
      if (share <= length) return 2 * this.rcvMss
      share >>= 1
      limit >>= 1
    }
    return 0
  }

  /** tcp_space: the window the free buffer could carry (buffer less the truesize charged). */
  private freeSpaceWindow(): number {
    return this.windowFromSpace(Math.max(0, this.rcvbuf - this.rmemAlloc))
  }

  /** tcp_receive_window: what is left of the last advertised window. */
  private receiveWindowNow(): number {
    return Math.max(0, this.rcvWup + this.rcvWnd - this.rcvNxt)
  }

  /** tcp_win_from_space. */
  private windowFromSpace(space: number): number {
    return windowFromSpace(space, this.advWinScale)
  }

  /**
   * __tcp_select_window: the free space (capped at rcv_ssthresh); zero below one rcv_mss; with
   * window scaling rounded up to the scale's granularity.
   */
  private selectWindow(): number {
    let free = this.freeSpaceWindow()
    const fullSpace = this.windowFromSpace(this.rcvbuf)
    if (free < fullSpace / 2) {
      // Memory is getting short: leave quick-ACK mode (icsk_ack.quick = 0).
      this.quickAcks = 0
      if (free < this.rcvMss) return 0
    }
    if (free > this.rcvSsthresh) free = this.rcvSsthresh
    return Math.ceil(free / this.windowGranularity) * this.windowGranularity
  }

  /** tcp_select_window: never shrink the offered right edge. */
  private currentWindowForAck(): number {
    return Math.max(this.selectWindow(), this.receiveWindowNow())
  }

  private sendAck(): void {
    const window = this.currentWindowForAck()
    const pool = this.pool
    const id = pool.alloc()
    pool.kind[id] = PURE_ACK_KIND
    pool.flags[id] = PURE_ACK_FLAGS
    pool.ackSeq[id] = this.rcvNxt
    pool.seq[id] = 1
    pool.windowBytes[id] = window
    pool.tsval[id] = this.ticks()
    pool.tsecr[id] = this.tsRecent
    pool.flowId[id] = ACK_FLOW_ID
    pool.frameBytes[id] = PURE_ACK_IP_BYTES
    pool.sentAtNs[id] = this.sim.now
    if (this.sackBlocks.size > 0) this.writeSackBlocks(id)
    this.rcvWup = this.rcvNxt
    this.rcvWnd = window
    this.isPushed = false
    if (this.quickAcks > 0) this.quickAcks--
    this.delayedAckTimer.disarm()
    this.count.acks++
    this.onAck(id)
  }

  /**
   * tcp_build_and_update_options: the first min(num_sacks, 3) blocks, most recent first; the
   * option (NOP,NOP,SACK + 8 bytes a block) lengthens the ACK frame.
   */
  private writeSackBlocks(id: number): void {
    const pool = this.pool
    const blocks = this.sackBlocks
    const count = Math.min(blocks.size, MAX_SACK_BLOCKS)
    const base = id * MAX_SACK_BLOCKS
    for (let b = 0; b < count; b++) {
      pool.sackStarts[base + b] = blocks.startAt(b)
      pool.sackEnds[base + b] = blocks.endAt(b)
    }
    pool.sackCount[id] = count
    pool.flags[id] |= SACK_FLAGS
    pool.frameBytes[id] += SACK_OPTION_BASE_BYTES + count * SACK_BLOCK_BYTES
    this.count.sackBlocksSent += count
  }

  private ticks(): number {
    return Math.floor(this.sim.now / this.tickNs) + 1
  }
}
