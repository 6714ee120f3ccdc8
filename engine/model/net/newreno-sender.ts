/**
 * The sending TCP socket's protocol state without SACK: segmentation at the MSS, Nagle, Reno
 * congestion control as in Linux 2.6.18 with tcp_abc = 0 (cwnd grows per ACK, not per byte acked),
 * fast retransmit on three duplicate ACKs with NewReno fast recovery, and the retransmission timer
 * (Jacobson/Karels, Linux-style floor, exponential backoff, go-back-N after a timeout), limited by
 * the receiver's advertised window and the send buffer. `TcpSender` (tcp-sender.ts) adds the SACK
 * loss recovery on top. Byte-level state only: packets are created on transmit and retransmissions
 * are rebuilt from sequence numbers. CPU costs belong to `SenderHost`.
 */
import { NS_PER_S, type Simulation } from '../../kernel/simulation'
import type { ParamValues } from '../../params/define'
import { LazyTimer } from './lazy-timer'
import type { WireDirection } from './net-api'
import { IP_TCP_TIMESTAMP_HEADER_BYTES, PacketFlag, PacketKind, type PacketPool } from './packet'
import { RetransmitTimeout } from './retransmit-timeout'
import { SendStop } from './send-limit'
import { SackScoreboard } from './sack-scoreboard'

/** Flow id of the sender -> receiver direction. */
const DATA_FLOW_ID = 0
// PERF: module-local copies of imported constants (some loaders turn imports into getters).
const DATA_FLAGS = PacketFlag.Ack | PacketFlag.HasTimestamps
const PUSH_FLAG = PacketFlag.Psh
const DATA_KIND = PacketKind.Data
const HEADER_BYTES = IP_TCP_TIMESTAMP_HEADER_BYTES

/** Counters of the TCP sender. */
interface TcpSenderCounters {
  segmentsSent: number
  bytesSent: number
  retransmissions: number
  fastRetransmits: number
  timeouts: number
  acksReceived: number
  duplicateAcks: number
  windowProbes: number
}

/** The netperf socket's TCP sender, NewReno loss recovery. */
export class NewRenoSender {
  /** Called with the number of segments sent from a timer (RTO, transmit-queue room), to charge CPU. */
  /** Segments sent outside an ACK or a write (timers, transmit-queue room); may be 0. */
  onTimerTransmit: (segments: number) => void = () => {}

  protected writeSeq = 0
  protected sndUna = 0
  protected sndNxt = 0
  protected sndMax = 0
  /** End of the last sub-MSS segment sent (snd_sml, for Minshall's Nagle). */
  private sndSml = 0
  protected sndWnd: number
  protected cwnd: number
  protected ssthresh = Number.MAX_SAFE_INTEGER
  protected cwndCount = 0
  protected dupAcks = 0
  protected isInRecovery = false
  /** The recovery point (NewReno "recover", Linux high_seq): recovery ends when snd_una reaches it. */
  protected recoverSeq = 0
  protected readonly timeout: RetransmitTimeout
  protected isTiming = false
  private timedSeq = 0
  private timedAtNs = 0
  protected tsRecent = 1
  /** Each unacknowledged segment, oldest first (packets_out), with its SACK scoreboard tags. */
  protected readonly segmentEnds = new SackScoreboard(1024)
  protected readonly rtoTimer: LazyTimer
  protected readonly mss: number
  private readonly nagleMode: number
  protected readonly dupAckThreshold: number
  private readonly tickNs: number
  protected readonly count: TcpSenderCounters = {
    segmentsSent: 0,
    bytesSent: 0,
    retransmissions: 0,
    fastRetransmits: 0,
    timeouts: 0,
    acksReceived: 0,
    duplicateAcks: 0,
    windowProbes: 0,
  }

  /** Why the last transmit stopped sending new data. */
  lastStop: SendStop = SendStop.NoData

  constructor(
    protected readonly sim: Simulation,
    protected readonly pool: PacketPool,
    params: ParamValues,
    mss: number,
    private readonly wire: WireDirection,
    /** The receiver's window from the handshake, bytes. */
    initialWindowBytes: number,
  ) {
    this.mss = mss
    this.cwnd = params['tcp.initialCwndSegments']
    this.nagleMode = params['tcp.nagle']
    this.timeout = new RetransmitTimeout(params)
    this.dupAckThreshold = params['tcp.dupAckThreshold']
    this.tickNs = NS_PER_S / params['tcp.timestampHz']
    this.sndWnd = initialWindowBytes
    this.rtoTimer = new LazyTimer(sim, 'tcp.sender.rto', () => this.onRetransmitTimeout())
    // Called even when nothing went out: the host's send-limit accounting follows every transmit.
    wire.onTxRoom = () => this.onTimerTransmit(this.transmit())
  }

  /** Congestion window, segments. */
  get cwndSegments(): number {
    return this.cwnd
  }

  /** Slow-start threshold, segments. */
  get ssthreshSegments(): number {
    return this.ssthresh
  }

  /** snd_una: every byte below it is acknowledged. */
  get unackedSeq(): number {
    return this.sndUna
  }

  /** snd_nxt. */
  get nextSeq(): number {
    return this.sndNxt
  }

  /** Bytes written by the application (write_seq). */
  get writtenBytes(): number {
    return this.writeSeq
  }

  /** Bytes written and not yet acknowledged (what occupies the send buffer). */
  get bufferedBytes(): number {
    return this.writeSeq - this.sndUna
  }

  /** Segments sent and not yet acknowledged (packets_out). */
  get packetsOut(): number {
    return this.segmentEnds.size
  }

  /** The receiver's last advertised window, bytes. */
  get sendWindowBytes(): number {
    return this.sndWnd
  }

  /** Current retransmission timeout, ns. */
  get retransmitTimeoutNs(): number {
    return this.timeout.timeoutNs
  }

  /** Smoothed RTT, ns (0 before the first sample). */
  get smoothedRttNs(): number {
    return this.timeout.smoothedRttNs
  }

  /** True while the retransmission timer is armed. */
  get isRetransmitTimerArmed(): boolean {
    return this.rtoTimer.isArmed
  }

  /** The application appended `bytes` to the send buffer (the caller checked the room). */
  write(bytes: number): void {
    this.writeSeq += bytes
  }

  /**
   * tcp_write_xmit: sends as many segments as cwnd, the receiver's window, Nagle and the transmit
   * queue allow. Returns the number sent.
   */
  transmit(): number {
    let sent = 0
    let stop: SendStop = SendStop.NoData
    while (this.sndNxt < this.writeSeq) {
      const length = Math.min(this.mss, this.writeSeq - this.sndNxt)
      // tcp_cwnd_test: packets in flight (packets_out without SACK) against cwnd.
      if (this.segmentEnds.inFlight >= this.cwnd) {
        stop = SendStop.Cwnd
        break
      }
      if (this.sndNxt + length > this.sndUna + this.sndWnd) {
        stop = SendStop.Rwnd
        break
      }
      if (length < this.mss && this.isNagleBlocking()) {
        stop = SendStop.Nagle
        break
      }
      if (!this.wire.hasTxRoom()) {
        this.wire.requestTxRoomNotification()
        stop = SendStop.TxQueue
        break
      }
      this.sendSegment(this.sndNxt, length)
      this.sndNxt += length
      if (this.sndNxt > this.sndMax) this.sndMax = this.sndNxt
      if (length < this.mss) this.sndSml = this.sndNxt
      this.segmentEnds.push(this.sndNxt)
      sent++
    }
    this.lastStop = stop
    if (sent > 0 && !this.rtoTimer.isArmed) this.rtoTimer.arm(this.timeout.timeoutNs)
    if (sent === 0 && this.segmentEnds.size === 0 && this.sndNxt < this.writeSeq && !this.rtoTimer.isArmed) {
      // Window-limited with nothing in flight: the persist timer (tcp_probe_timer) keeps asking.
      this.rtoTimer.arm(this.timeout.timeoutNs)
    }
    return sent
  }

  /**
   * Takes an ACK frame off the wire: counts it, frees it and records its timestamp. False when it
   * acknowledges data never sent (tcp_ack ignores it; the caller just sends what it can).
   */
  protected acceptAckFrame(packetId: number): boolean {
    const pool = this.pool
    const ack = pool.ackSeq[packetId]
    const tsval = pool.tsval[packetId]
    pool.free(packetId)
    this.count.acksReceived++
    if (ack > this.sndMax) return false
    if (tsval > this.tsRecent) this.tsRecent = tsval
    return true
  }

  /**
   * tcp_ack: processes an ACK frame (and frees it), then sends what the new state allows.
   * Returns the number of segments sent.
   */
  onAck(packetId: number): number {
    const pool = this.pool
    const ack = pool.ackSeq[packetId]
    const window = pool.windowBytes[packetId]
    const hasData = pool.payloadBytes[packetId] > 0
    if (!this.acceptAckFrame(packetId)) return this.transmit()
    const priorInFlight = this.segmentEnds.size

    if (ack > this.sndUna) {
      const newlyAckedSegments = this.releaseAcked(ack)
      this.sampleRtt(ack)
      // An ACK of new data ends any backoff (icsk_backoff = 0 in tcp_ack).
      this.timeout.resetBackoff()
      this.sndUna = ack
      if (this.sndNxt < ack) this.sndNxt = ack
      this.sndWnd = window
      if (this.isInRecovery) {
        if (ack >= this.recoverSeq) {
          // Full ACK: leave fast recovery with cwnd = ssthresh (tcp_complete_cwr).
          this.isInRecovery = false
          this.cwnd = Math.min(this.cwnd, this.ssthresh)
          this.dupAcks = 0
        } else {
          // NewReno partial ACK: retransmit the next hole, deflate by what was acked.
          this.retransmitHead()
          this.cwnd = Math.max(1, this.cwnd - newlyAckedSegments + 1)
        }
      } else {
        this.dupAcks = 0
        this.congestionAvoidance(priorInFlight)
      }
      if (this.sndUna < this.sndMax) this.rtoTimer.arm(this.timeout.timeoutNs)
      else this.rtoTimer.disarm()
    } else if (ack === this.sndUna && this.sndMax > this.sndUna && !hasData && window === this.sndWnd) {
      this.count.duplicateAcks++
      this.dupAcks++
      if (!this.isInRecovery && this.dupAcks === this.dupAckThreshold) {
        this.ssthresh = Math.max(Math.floor(priorInFlight / 2), 2)
        this.isInRecovery = true
        this.recoverSeq = this.sndMax
        this.count.fastRetransmits++
        this.retransmitHead()
        this.cwnd = this.ssthresh + this.dupAckThreshold
      } else if (this.isInRecovery) {
        this.cwnd++
      }
    } else {
      this.sndWnd = window
    }
    return this.transmit()
  }

  /** Counter values. */
  counters(): Record<string, number> {
    const c = this.count
    return {
      'tcp.sender.segmentsSent': c.segmentsSent,
      'tcp.sender.bytesSent': c.bytesSent,
      'tcp.sender.retransmissions': c.retransmissions,
      'tcp.sender.fastRetransmits': c.fastRetransmits,
      'tcp.sender.timeouts': c.timeouts,
      'tcp.sender.acksReceived': c.acksReceived,
      'tcp.sender.duplicateAcks': c.duplicateAcks,
      'tcp.sender.windowProbes': c.windowProbes,
    }
  }

  /** Zeroes the counters. */
  resetWindow(): void {
    const c = this.count
    c.segmentsSent = 0
    c.bytesSent = 0
    c.retransmissions = 0
    c.fastRetransmits = 0
    c.timeouts = 0
    c.acksReceived = 0
    c.duplicateAcks = 0
    c.windowProbes = 0
  }

  /** tcp_nagle_check (2.6.18): a sub-MSS segment waits while ... is unacknowledged. */
  private isNagleBlocking(): boolean {
    if (this.nagleMode === 0) return false
    if (this.nagleMode === 1) return this.sndNxt > this.sndUna
    // tcp_minshall_check: only an unacknowledged small segment holds the next one back.
    return this.sndSml > this.sndUna && this.sndSml <= this.sndNxt
  }

  /**
   * tcp_reno_cong_avoid with tcp_abc = 0: only when cwnd limited (tcp_is_cwnd_limited without TSO:
   * in flight >= cwnd); slow start adds one segment per ACK, congestion avoidance one per cwnd ACKs.
   */
  protected congestionAvoidance(priorInFlight: number): void {
    if (priorInFlight < this.cwnd) return
    if (this.cwnd <= this.ssthresh) {
      this.cwnd++
    } else if (++this.cwndCount >= this.cwnd) {
      this.cwnd++
      this.cwndCount = 0
    }
  }

  private releaseAcked(ack: number): number {
    return this.segmentEnds.releaseAcked(ack)
  }

  /** Karn: time one new segment at a time; never a retransmitted one. */
  protected sampleRtt(ack: number): void {
    if (!this.isTiming || ack < this.timedSeq) return
    this.isTiming = false
    this.timeout.addSample(this.sim.now - this.timedAtNs)
  }

  private retransmitHead(): void {
    const length = Math.min(this.mss, this.sndMax - this.sndUna)
    if (length <= 0) return
    this.isTiming = false
    this.sendSegment(this.sndUna, length)
  }

  /** tcp_retransmit_timer: ssthresh = flight/2, cwnd = 1, go back to snd_una, double the RTO. */
  protected onRetransmitTimeout(): void {
    if (this.sndUna >= this.sndMax) {
      this.sendWindowProbe()
      return
    }
    this.count.timeouts++
    this.ssthresh = Math.max(Math.floor(this.segmentEnds.size / 2), 2)
    this.collapseWindow()
    this.segmentEnds.clear()
    this.sndNxt = this.sndUna
    this.resendAfterTimeout()
  }

  /** An RTO's reset of the congestion state: cwnd = 1, out of recovery, no RTT sample running. */
  protected collapseWindow(): void {
    this.cwnd = 1
    this.cwndCount = 0
    this.isInRecovery = false
    this.dupAcks = 0
    this.isTiming = false
  }

  /** An RTO's restart: back the timer off, re-arm it and send from the head again. */
  protected resendAfterTimeout(): void {
    this.timeout.backOff()
    this.rtoTimer.arm(this.timeout.timeoutNs)
    const sent = this.transmit()
    this.onTimerTransmit(sent)
  }

  /** tcp_send_probe0: an already-acknowledged byte makes the receiver repeat its window. */
  private sendWindowProbe(): void {
    if (this.sndNxt >= this.writeSeq || this.sndUna === 0) return
    this.count.windowProbes++
    this.sendSegment(this.sndUna - 1, 1)
    this.timeout.backOff()
    this.rtoTimer.arm(this.timeout.timeoutNs)
    this.onTimerTransmit(1)
  }

  protected sendSegment(seq: number, length: number): void {
    const pool = this.pool
    const id = pool.alloc()
    pool.kind[id] = DATA_KIND
    pool.seq[id] = seq
    pool.payloadBytes[id] = length
    pool.segments[id] = 1
    pool.flags[id] = DATA_FLAGS | (seq + length === this.writeSeq ? PUSH_FLAG : 0)
    pool.ackSeq[id] = 1
    pool.windowBytes[id] = 65535
    pool.tsval[id] = Math.floor(this.sim.now / this.tickNs) + 1
    pool.tsecr[id] = this.tsRecent
    pool.flowId[id] = DATA_FLOW_ID
    pool.frameBytes[id] = length + HEADER_BYTES
    pool.sentAtNs[id] = this.sim.now
    if (seq < this.sndMax) {
      this.count.retransmissions++
    } else if (!this.isTiming) {
      this.isTiming = true
      this.timedSeq = seq + length
      this.timedAtNs = this.sim.now
    }
    this.count.segmentsSent++
    this.count.bytesSent += length
    this.wire.send(id)
  }
}
