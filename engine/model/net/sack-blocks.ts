/**
 * The receiver's SACK blocks (tp->selective_acks, rx_opt.num_sacks), after Linux 2.6.18
 * net/ipv4/tcp_input.c tcp_sack_new_ofo_skb, tcp_sack_extend, tcp_sack_maybe_coalesce and
 * tcp_sack_remove: up to 4 disjoint ranges of out-of-order data, the most recently changed first
 * (RFC 2018: the first block reports the segment that triggered the ACK). With timestamps only the
 * first 3 fit in an ACK (`MAX_SACK_BLOCKS`). D-SACK (tcp_dsack_set) is not modelled: the sender
 * model has no undo machinery to use it.
 */

/** tp->selective_acks has 4 entries (include/linux/tcp.h). */
const STORED_BLOCKS = 4

/** The receiver's SACK block list. */
export class SackBlocks {
  private readonly starts = new Float64Array(STORED_BLOCKS)
  private readonly ends = new Float64Array(STORED_BLOCKS)
  private count = 0

  /** Blocks held (num_sacks). */
  get size(): number {
    return this.count
  }

  /** Left edge of block `index` (0 = most recent). */
  startAt(index: number): number {
    return this.starts[index]
  }

  /** Right edge (exclusive) of block `index`. */
  endAt(index: number): number {
    return this.ends[index]
  }

  /** Forgets every block (the out-of-order queue emptied). */
  clear(): void {
    this.count = 0
  }

  /**
   * tcp_sack_new_ofo_skb: out-of-order data [start, end) was queued. A block it overlaps or touches
   * is extended and rotated to the front (then merged with any block it now reaches); otherwise a
   * new block goes to the front and, with 4 held, the oldest is forgotten.
   */
  add(start: number, end: number): void {
    const starts = this.starts
    const ends = this.ends
    for (let i = 0; i < this.count; i++) {
      if (this.extend(i, start, end)) {
        for (let k = i; k > 0; k--) this.swap(k, k - 1)
        if (this.count > 1) this.coalesceFirst()
        return
      }
    }
    if (this.count === STORED_BLOCKS) this.count--
    for (let k = this.count; k > 0; k--) {
      starts[k] = starts[k - 1]
      ends[k] = ends[k - 1]
    }
    starts[0] = start
    ends[0] = end
    this.count++
  }

  /** tcp_sack_remove: drops the blocks that rcv_nxt has reached (their data is now in order). */
  removeBelow(nextSeq: number): void {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      if (this.starts[i] <= nextSeq) continue
      this.starts[kept] = this.starts[i]
      this.ends[kept] = this.ends[i]
      kept++
    }
    this.count = kept
  }

  /** tcp_sack_extend: widens block `index` by [start, end) when they overlap or touch. */
  private extend(index: number, start: number, end: number): boolean {
    if (start > this.ends[index] || this.starts[index] > end) return false
    if (start < this.starts[index]) this.starts[index] = start
    if (end > this.ends[index]) this.ends[index] = end
    return true
  }

  /** tcp_sack_maybe_coalesce: merges into block 0 every other block it now overlaps or touches. */
  private coalesceFirst(): void {
    let i = 1
    while (i < this.count) {
      if (this.extend(0, this.starts[i], this.ends[i])) {
        this.count--
        for (let k = i; k < this.count; k++) {
          this.starts[k] = this.starts[k + 1]
          this.ends[k] = this.ends[k + 1]
        }
        continue
      }
      i++
    }
  }

  private swap(a: number, b: number): void {
    const start = this.starts[a]
    const end = this.ends[a]
    this.starts[a] = this.starts[b]
    this.ends[a] = this.ends[b]
    this.starts[b] = start
    this.ends[b] = end
  }
}
