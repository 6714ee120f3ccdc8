/**
 * The sender's retransmit queue with the SACK scoreboard of Linux 2.6.18 (net/ipv4/tcp_input.c,
 * the comment above tcp_sacktag_write_queue): one entry per segment sent and not yet cumulatively
 * acknowledged (packets_out), oldest first, each with the tag bits SACKED (reached the receiver,
 * per a SACK block), LOST (deemed lost by the scoreboard) and RETRANS (a retransmission is in
 * flight), and their counts sacked_out, lost_out, retrans_out, plus fackets_out (segments from
 * snd_una up to and including the highest SACKed one: the FACK estimate, tcp_fack = 1).
 *
 * Segments are byte ranges: entry i covers [end(i-1), end(i)), the head starts at snd_una.
 * Without SACK (no blocks ever arrive) the tags stay clear and this is a plain FIFO of segment
 * ends, which is all the NewReno sender uses.
 * PERF: typed-array ring; nothing allocates per segment after growth.
 */

/** Tag bits of a segment (TCPCB_SACKED_ACKED, TCPCB_LOST, TCPCB_SACKED_RETRANS). */
export const SegmentTag = { Sacked: 1, Lost: 2, Retrans: 4 } as const

/** Retransmit queue plus SACK scoreboard. */
export class SackScoreboard {
  private ends: Float64Array
  private tags: Uint8Array
  /** snd_nxt when the segment was retransmitted (TCP_SKB_CB(skb)->ack_seq), for lost-retransmit detection. */
  private retransmitNextSeqs: Float64Array
  private head = 0
  private count = 0
  /** sacked_out. */
  sackedOut = 0
  /** lost_out. */
  lostOut = 0
  /** retrans_out. */
  retransOut = 0
  /** fackets_out. */
  facketsOut = 0

  constructor(initialCapacity: number) {
    const capacity = Math.max(16, initialCapacity | 0)
    this.ends = new Float64Array(capacity)
    this.tags = new Uint8Array(capacity)
    this.retransmitNextSeqs = new Float64Array(capacity)
  }

  /** packets_out. */
  get size(): number {
    return this.count
  }

  /** tcp_packets_in_flight: packets_out - (sacked_out + lost_out) + retrans_out. */
  get inFlight(): number {
    return this.count - this.sackedOut - this.lostOut + this.retransOut
  }

  /** End sequence of the oldest segment; only valid when size > 0. */
  peek(): number {
    return this.ends[this.head]
  }

  /** End sequence of segment `index` (0 = oldest). */
  endAt(index: number): number {
    return this.ends[(this.head + index) % this.ends.length]
  }

  /** Tag bits of segment `index`. */
  tagAt(index: number): number {
    return this.tags[(this.head + index) % this.ends.length]
  }

  /** Appends a newly sent segment ending at `end`. */
  push(end: number): void {
    if (this.count === this.ends.length) this.grow()
    const slot = (this.head + this.count) % this.ends.length
    this.ends[slot] = end
    this.tags[slot] = 0
    this.count++
  }

  /**
   * tcp_clean_rtx_queue: drops the segments that end at or below `ack`, with their tags, and
   * returns how many. fackets_out shrinks by the same count.
   */
  releaseAcked(ack: number): number {
    let released = 0
    const length = this.ends.length
    while (this.count > 0 && this.ends[this.head] <= ack) {
      const tag = this.tags[this.head]
      if (tag !== 0) this.untag(tag)
      this.head = (this.head + 1) % length
      this.count--
      released++
    }
    this.facketsOut = Math.max(0, this.facketsOut - released)
    if (this.count === 0) this.clearCounts()
    return released
  }

  /** Forgets every segment (the NewReno go-back-N after a timeout). */
  clear(): void {
    this.head = 0
    this.count = 0
    this.clearCounts()
  }

  /**
   * tcp_sacktag_write_queue for one block [start, end): tags SACKED every segment the block covers
   * completely; a LOST segment stops being lost and a lost-and-retransmitted one (L|R) stops being
   * retransmitted too, while a retransmission of a segment not deemed lost is believed still in
   * flight (S|R). Raises fackets_out. Returns the number of segments newly SACKed.
   */
  tagSackBlock(start: number, end: number, firstStart: number): number {
    let newlySacked = 0
    let segmentStart = firstStart
    const length = this.ends.length
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % length
      const segmentEnd = this.ends[slot]
      if (segmentStart >= end) break
      if (segmentStart >= start && segmentEnd <= end) {
        const tag = this.tags[slot]
        if ((tag & SegmentTag.Sacked) === 0) {
          let newTag = tag | SegmentTag.Sacked
          if ((tag & SegmentTag.Lost) !== 0) {
            newTag &= ~SegmentTag.Lost
            this.lostOut--
            if ((tag & SegmentTag.Retrans) !== 0) {
              newTag &= ~SegmentTag.Retrans
              this.retransOut--
            }
          }
          this.tags[slot] = newTag
          this.sackedOut++
          newlySacked++
          if (i + 1 > this.facketsOut) this.facketsOut = i + 1
        }
      }
      segmentStart = segmentEnd
    }
    return newlySacked
  }

  /**
   * Event "C" of tcp_sacktag_write_queue (FACK variant, used in Recovery): a retransmission sent
   * when snd_nxt was below `highestSackedEnd` should have been SACKed by now; it was lost again, so
   * it loses its RETRANS mark and is (again) LOST, to be retransmitted once more. Returns the count.
   */
  markLostRetransmits(highestSackedEnd: number, firstStart: number): number {
    let marked = 0
    let segmentStart = firstStart
    const length = this.ends.length
    for (let i = 0; i < this.count; i++) {
      if (segmentStart > highestSackedEnd) break
      const slot = (this.head + i) % length
      const tag = this.tags[slot]
      if ((tag & SegmentTag.Retrans) !== 0 && highestSackedEnd > this.retransmitNextSeqs[slot]) {
        this.retransOut--
        let newTag = tag & ~SegmentTag.Retrans
        if ((tag & (SegmentTag.Lost | SegmentTag.Sacked)) === 0) {
          newTag |= SegmentTag.Lost
          this.lostOut++
        }
        this.tags[slot] = newTag
        marked++
      }
      segmentStart = this.ends[slot]
    }
    return marked
  }

  /**
   * tcp_mark_head_lost: marks LOST every untagged segment among the first `packets` segments that
   * end at or below `highSeq`.
   */
  markHeadLost(packets: number, highSeq: number): void {
    const length = this.ends.length
    const limit = Math.min(packets, this.count)
    for (let i = 0; i < limit; i++) {
      const slot = (this.head + i) % length
      if (this.ends[slot] > highSeq) break
      if (this.tags[slot] === 0) {
        this.tags[slot] = SegmentTag.Lost
        this.lostOut++
      }
    }
  }

  /**
   * tcp_enter_loss(sk, 0) (the retransmission timer): every tag is cleared except SACKED, every
   * segment not SACKed is marked LOST; sacked_out and fackets_out are recounted, retrans_out is 0.
   */
  enterLoss(): void {
    const length = this.ends.length
    this.clearCounts()
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % length
      if ((this.tags[slot] & SegmentTag.Sacked) !== 0) {
        this.tags[slot] = SegmentTag.Sacked
        this.sackedOut++
        this.facketsOut = i + 1
      } else {
        this.tags[slot] = SegmentTag.Lost
        this.lostOut++
      }
    }
  }

  /** Tags segment `index` as retransmitted (TCPCB_SACKED_RETRANS) with the current snd_nxt. */
  markRetransmitted(index: number, nextSeq: number): void {
    const slot = (this.head + index) % this.ends.length
    if ((this.tags[slot] & SegmentTag.Retrans) === 0) this.retransOut++
    this.tags[slot] |= SegmentTag.Retrans
    this.retransmitNextSeqs[slot] = nextSeq
  }

  private untag(tag: number): void {
    if ((tag & SegmentTag.Sacked) !== 0) this.sackedOut--
    if ((tag & SegmentTag.Lost) !== 0) this.lostOut--
    if ((tag & SegmentTag.Retrans) !== 0) this.retransOut--
  }

  private clearCounts(): void {
    this.sackedOut = 0
    this.lostOut = 0
    this.retransOut = 0
    this.facketsOut = 0
  }

  private grow(): void {
    const oldLength = this.ends.length
    const ends = new Float64Array(oldLength * 2)
    const tags = new Uint8Array(oldLength * 2)
    const nextSeqs = new Float64Array(oldLength * 2)
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % oldLength
      ends[i] = this.ends[slot]
      tags[i] = this.tags[slot]
      nextSeqs[i] = this.retransmitNextSeqs[slot]
    }
    this.ends = ends
    this.tags = tags
    this.retransmitNextSeqs = nextSeqs
    this.head = 0
  }
}
