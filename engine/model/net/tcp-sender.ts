/**
 * The netperf socket's TCP sender: the NewReno sender (newreno-sender.ts) plus SACK loss recovery
 * as in Linux 2.6.18 net/ipv4/tcp_input.c and tcp_output.c (tcp.sack, sysctl_tcp_sack = 1 with
 * tcp_fack = 1): a scoreboard of the retransmit queue (SackScoreboard, tcp_sacktag_write_queue),
 * recovery entered by tcp_time_to_recover, holes marked lost by tcp_update_scoreboard /
 * tcp_mark_head_lost (FACK), rate-halving (tcp_cwnd_down), the lost segments retransmitted first
 * and forward retransmission, all limited by packets in flight against cwnd
 * (tcp_xmit_retransmit_queue, RFC 3517 "pipe"), and a timeout that keeps the SACKed segments
 * (tcp_enter_loss(sk, 0)). Until the peer sends a SACK block this is exactly the NewReno sender.
 * Not modelled: D-SACK and the undo heuristics, reordering-metric updates, the timed-out-head
 * trigger (tcp_head_timedout), SACK reneging.
 */
import type { Simulation } from '../../kernel/simulation'
import type { ParamValues } from '../../params/define'
import type { WireDirection } from './net-api'
import { NewRenoSender } from './newreno-sender'
import { MAX_SACK_BLOCKS, type PacketPool } from './packet'
import { SegmentTag } from './sack-scoreboard'

export { tcpSenderParams } from './tcp-sender-params'

// PERF: module-local copies of imported constants (some loaders turn imports into getters).
const SACK_BLOCKS_PER_PACKET = MAX_SACK_BLOCKS
const TAG_LOST = SegmentTag.Lost
const TAG_SACKED_OR_RETRANS = SegmentTag.Sacked | SegmentTag.Retrans
/** tcp_sacktag_write_queue result: a segment was newly SACKed (FLAG_DATA_SACKED). */
const SACK_FLAG_DATA_SACKED = 1
/** tcp_sacktag_write_queue result: a block lies beyond high_seq (FLAG_DATA_LOST, event "B"). */
const SACK_FLAG_DATA_LOST = 2

/** The netperf socket's TCP sender (NewReno, with SACK when the peer uses it). */
export class TcpSender extends NewRenoSender {
  /** tcp.sack: SACK may be used. */
  private readonly isSackEnabled: boolean
  /**
   * The peer sends SACK blocks (tcp_is_sack). The model has no handshake: SACK-permitted is learnt
   * from the first block, so a peer that never sends any gets exactly the NewReno sender.
   */
  private isSackPeer = false
  /** TCP_CA_Loss: after a timeout, until snd_una reaches high_seq. */
  private isInLoss = false
  /** An ACK of new data arrived since the last timeout (icsk_retransmits = 0). */
  private hasAckedSinceTimeout = true
  /** The SACK blocks of the ACK being processed. */
  private readonly ackSackStarts = new Float64Array(SACK_BLOCKS_PER_PACKET)
  private readonly ackSackEnds = new Float64Array(SACK_BLOCKS_PER_PACKET)
  private readonly sackCount = { sackedSegments: 0, sackRecoveries: 0 }

  constructor(
    sim: Simulation,
    pool: PacketPool,
    params: ParamValues,
    mss: number,
    wire: WireDirection,
    /** The receiver's window from the handshake, bytes. */
    initialWindowBytes: number,
  ) {
    super(sim, pool, params, mss, wire, initialWindowBytes)
    this.isSackEnabled = params['tcp.sack'] === 1
  }

  /**
   * tcp_write_xmit after tcp_xmit_retransmit_queue: in Recovery or Loss the lost segments go out
   * before new data. Returns the number of segments sent.
   */
  override transmit(): number {
    const retransmitted = this.isSackPeer && (this.isInRecovery || this.isInLoss) ? this.retransmitQueue() : 0
    return retransmitted + super.transmit()
  }

  /** tcp_ack: NewReno until the peer SACKs, then the SACK path. Returns the number of segments sent. */
  override onAck(packetId: number): number {
    const pool = this.pool
    const sackBlocks = this.isSackEnabled ? this.readSackBlocks(packetId) : 0
    if (sackBlocks > 0) this.isSackPeer = true
    if (!this.isSackPeer) return super.onAck(packetId)
    const ack = pool.ackSeq[packetId]
    const window = pool.windowBytes[packetId]
    const hasData = pool.payloadBytes[packetId] > 0
    if (!this.acceptAckFrame(packetId)) return this.transmit()
    return this.onSackAck(ack, window, hasData, sackBlocks)
  }

  override counters(): Record<string, number> {
    const counters = super.counters()
    counters['tcp.sender.sackedSegments'] = this.sackCount.sackedSegments
    counters['tcp.sender.sackRecoveries'] = this.sackCount.sackRecoveries
    return counters
  }

  override resetWindow(): void {
    super.resetWindow()
    this.sackCount.sackedSegments = 0
    this.sackCount.sackRecoveries = 0
  }

  /** tcp_retransmit_timer: with a SACK peer, tcp_enter_loss keeps the scoreboard's SACKed segments. */
  protected override onRetransmitTimeout(): void {
    if (!this.isSackPeer || this.sndUna >= this.sndMax) {
      super.onRetransmitTimeout()
      return
    }
    this.count.timeouts++
    this.enterLoss()
  }

  /** Copies the SACK blocks of ACK `packetId` (read before the packet is freed). */
  private readSackBlocks(packetId: number): number {
    const pool = this.pool
    const count = pool.sackCount[packetId]
    const base = packetId * SACK_BLOCKS_PER_PACKET
    for (let b = 0; b < count; b++) {
      this.ackSackStarts[b] = pool.sackStarts[base + b]
      this.ackSackEnds[b] = pool.sackEnds[base + b]
    }
    return count
  }

  /**
   * tcp_ack on a SACK connection: cumulative ACK, tcp_sacktag_write_queue, then (for a "dubious"
   * ACK: a duplicate, one carrying new SACK information, or any ACK outside the Open state)
   * tcp_fastretrans_alert; cwnd grows only outside Recovery (tcp_may_raise_cwnd).
   */
  private onSackAck(ack: number, window: number, hasData: boolean, blockCount: number): number {
    const queue = this.segmentEnds
    const priorPacketsOut = queue.size
    const priorInFlight = queue.inFlight
    const priorUna = this.sndUna
    let isDataAcked = false
    let isDupAck = false
    if (ack > this.sndUna) {
      queue.releaseAcked(ack)
      this.sampleRtt(ack)
      this.timeout.resetBackoff()
      this.sndUna = ack
      if (this.sndNxt < ack) this.sndNxt = ack
      this.sndWnd = window
      isDataAcked = true
      this.hasAckedSinceTimeout = true
      if (this.sndUna < this.sndMax) this.rtoTimer.arm(this.timeout.timeoutNs)
      else this.rtoTimer.disarm()
    } else if (ack === this.sndUna && this.sndMax > this.sndUna && !hasData && window === this.sndWnd) {
      this.count.duplicateAcks++
      isDupAck = true
    } else {
      this.sndWnd = window
    }
    const sackFlags = blockCount > 0 ? this.tagSackBlocks(blockCount) : 0
    const isSacked = (sackFlags & SACK_FLAG_DATA_SACKED) !== 0
    if (isDupAck || isSacked || this.isInRecovery || this.isInLoss) {
      if (isDataAcked && !this.isInRecovery) this.congestionAvoidance(priorInFlight)
      this.fastRetransmitAlert(priorUna, priorPacketsOut, isDupAck, (sackFlags & SACK_FLAG_DATA_LOST) !== 0)
    } else if (isDataAcked) {
      this.congestionAvoidance(priorInFlight)
    }
    return this.transmit()
  }

  /**
   * tcp_sacktag_write_queue: tags the segments the blocks cover, ignoring blocks at or below
   * snd_una (D-SACK or stale); in Recovery, a retransmission that later data overtook is lost again
   * (event "C"). Returns SACK_FLAG_DATA_SACKED when something was newly SACKed and
   * SACK_FLAG_DATA_LOST when a block lies beyond high_seq (event "B").
   */
  private tagSackBlocks(blockCount: number): number {
    const queue = this.segmentEnds
    let flags = 0
    let highestEnd = 0
    for (let b = 0; b < blockCount; b++) {
      const end = this.ackSackEnds[b]
      if (end <= this.sndUna) continue
      if (end > this.recoverSeq) flags |= SACK_FLAG_DATA_LOST
      const newlySacked = queue.tagSackBlock(this.ackSackStarts[b], end, this.sndUna)
      if (newlySacked > 0) {
        flags |= SACK_FLAG_DATA_SACKED
        this.sackCount.sackedSegments += newlySacked
      }
      if (end > highestEnd) highestEnd = end
    }
    if (this.isInRecovery && highestEnd > 0 && queue.retransOut > 0) {
      if (queue.markLostRetransmits(highestEnd, this.sndUna) > 0) flags |= SACK_FLAG_DATA_SACKED
    }
    return flags
  }

  /**
   * tcp_fastretrans_alert (SACK, FACK): leaves Recovery/Loss once snd_una passes high_seq (cwnd =
   * min(cwnd, ssthresh), tcp_complete_cwr); in Open decides with tcp_time_to_recover whether to
   * enter Recovery (ssthresh halves once per episode); in Recovery marks holes lost
   * (tcp_update_scoreboard: the first fackets_out - reordering segments, at least the head) and
   * lowers cwnd by one every second ACK (tcp_cwnd_down). The retransmissions are sent by
   * `transmit` (tcp_xmit_retransmit_queue).
   */
  private fastRetransmitAlert(
    priorUna: number,
    priorPacketsOut: number,
    isDupAck: boolean,
    isDataLost: boolean,
  ): void {
    const queue = this.segmentEnds
    const reordering = this.dupAckThreshold
    let isHoleSuspected = isDupAck
    if (queue.sackedOut === 0) queue.facketsOut = 0
    const isRecovering = this.isInRecovery || this.isInLoss
    if (isDataLost && isRecovering && this.sndUna < this.recoverSeq && queue.facketsOut > reordering) {
      queue.markHeadLost(queue.facketsOut - reordering, this.recoverSeq)
    }
    if (isRecovering && this.sndUna >= this.recoverSeq) {
      if (this.isInRecovery) this.cwnd = Math.min(this.cwnd, this.ssthresh)
      this.isInRecovery = false
      this.isInLoss = false
    }
    if (this.isInLoss) {
      this.moderateCwnd()
      return
    }
    if (this.isInRecovery) {
      // tcp_try_undo_partial (no undo modelled): a partial ACK forces Hoe's retransmit under FACK.
      if (priorUna !== this.sndUna) isHoleSuspected = queue.facketsOut > reordering
    } else {
      if (!this.isTimeToRecover()) {
        // tcp_try_to_open: Disorder state, cwnd moderated to in flight + max burst.
        this.moderateCwnd()
        return
      }
      this.sackCount.sackRecoveries++
      this.count.fastRetransmits++
      this.recoverSeq = this.sndNxt
      this.ssthresh = Math.max(Math.floor(priorPacketsOut / 2), 2)
      this.cwndCount = 0
      this.isInRecovery = true
    }
    if (isHoleSuspected) queue.markHeadLost(Math.max(queue.facketsOut - reordering, 1), this.recoverSeq)
    this.cwndDown()
  }

  /** tcp_time_to_recover without the timed-out-head heuristic (the RTO covers that case here). */
  private isTimeToRecover(): boolean {
    const queue = this.segmentEnds
    const reordering = this.dupAckThreshold
    if (queue.lostOut > 0 || queue.facketsOut > reordering) return true
    return (
      queue.size <= reordering &&
      queue.sackedOut >= Math.max(Math.floor(queue.size / 2), reordering) &&
      !this.canSendNewData()
    )
  }

  /** tcp_may_send_now: the next new segment fits the receiver's window (cwnd aside). */
  private canSendNewData(): boolean {
    if (this.sndNxt >= this.writeSeq) return false
    const length = Math.min(this.mss, this.writeSeq - this.sndNxt)
    return this.sndNxt + length <= this.sndUna + this.sndWnd
  }

  /** tcp_cwnd_down: one segment less every second ACK down to ssthresh; never above in flight + 1. */
  private cwndDown(): void {
    const decrement = this.cwndCount + 1
    this.cwndCount = decrement & 1
    if (decrement >> 1 > 0 && this.cwnd > this.ssthresh) this.cwnd -= decrement >> 1
    this.cwnd = Math.min(this.cwnd, this.segmentEnds.inFlight + 1)
  }

  /** tcp_moderate_cwnd: no more than in flight + tcp_max_burst (= reordering) segments. */
  private moderateCwnd(): void {
    this.cwnd = Math.min(this.cwnd, this.segmentEnds.inFlight + this.dupAckThreshold)
  }

  /**
   * tcp_xmit_retransmit_queue: retransmits the LOST segments not SACKed nor already retransmitted,
   * oldest first, while packets in flight < cwnd; in Recovery, when no new data may be sent, also
   * the untagged segments below the highest SACK (forward retransmission). Returns the count sent.
   */
  private retransmitQueue(): number {
    const queue = this.segmentEnds
    let sent = 0
    if (queue.lostOut > 0) {
      let lostSeen = 0
      let start = this.sndUna
      for (let i = 0; i < queue.size; i++) {
        const end = queue.endAt(i)
        if (queue.inFlight >= this.cwnd) return sent
        const tag = queue.tagAt(i)
        if ((tag & TAG_LOST) !== 0) {
          if ((tag & TAG_SACKED_OR_RETRANS) === 0) {
            this.retransmitSegment(i, start, end)
            sent++
          }
          if (++lostSeen >= queue.lostOut) break
        }
        start = end
      }
    }
    if (!this.isInRecovery || this.canSendNewData()) return sent
    let start = this.sndUna
    const limit = Math.min(queue.facketsOut, queue.size)
    for (let i = 0; i < limit; i++) {
      const end = queue.endAt(i)
      if (queue.inFlight >= this.cwnd) break
      if (queue.tagAt(i) === 0) {
        this.retransmitSegment(i, start, end)
        sent++
      }
      start = end
    }
    return sent
  }

  /** tcp_retransmit_skb: tags the segment, sends it again; the head restarts the timer. */
  private retransmitSegment(index: number, start: number, end: number): void {
    this.isTiming = false
    this.segmentEnds.markRetransmitted(index, this.sndNxt)
    this.sendSegment(start, end - start)
    if (index === 0) this.rtoTimer.arm(this.timeout.timeoutNs)
  }

  /**
   * tcp_retransmit_timer on a SACK connection: tcp_enter_loss(sk, 0) keeps the SACKed segments and
   * marks every other one lost; ssthresh halves unless this is a repeated timeout of the same
   * episode; cwnd = 1; the head goes out again (tcp_xmit_retransmit_queue in Loss).
   */
  private enterLoss(): void {
    if (!this.isInLoss || this.hasAckedSinceTimeout) {
      this.ssthresh = Math.max(Math.floor(this.segmentEnds.size / 2), 2)
    }
    this.collapseWindow()
    this.isInLoss = true
    this.hasAckedSinceTimeout = false
    this.segmentEnds.enterLoss()
    this.recoverSeq = this.sndNxt
    this.resendAfterTimeout()
  }
}
