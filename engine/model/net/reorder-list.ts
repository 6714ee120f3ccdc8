/**
 * The receiver's out-of-order queue (tp->out_of_order_queue) reduced to what the protocol needs:
 * sorted, disjoint byte ranges beyond rcv_nxt, with their total. Fixed capacity; a segment that
 * would need a new range when the list is full is dropped (Linux prunes the queue under memory
 * pressure, tcp_prune_ofo_queue) and the sender retransmits it.
 */
export class ReorderList {
  private readonly starts: Float64Array
  private readonly ends: Float64Array
  private count = 0
  private heldBytes = 0

  constructor(readonly capacity: number) {
    this.starts = new Float64Array(capacity)
    this.ends = new Float64Array(capacity)
  }

  /** Number of disjoint ranges held. */
  get size(): number {
    return this.count
  }

  /** Bytes held (they occupy the receive buffer). */
  get bytes(): number {
    return this.heldBytes
  }

  /** Drops every range (tcp_prune_ofo_queue purging the queue). */
  clear(): void {
    this.count = 0
    this.heldBytes = 0
  }

  /** Adds [start, end), merging overlaps. Returns false when the list is full and the range was dropped. */
  insert(start: number, end: number): boolean {
    const starts = this.starts
    const ends = this.ends
    let i = 0
    while (i < this.count && ends[i] < start) i++
    if (i < this.count && starts[i] <= end) {
      const oldLength = ends[i] - starts[i]
      starts[i] = Math.min(starts[i], start)
      ends[i] = Math.max(ends[i], end)
      let j = i + 1
      while (j < this.count && starts[j] <= ends[i]) {
        ends[i] = Math.max(ends[i], ends[j])
        this.heldBytes -= ends[j] - starts[j]
        j++
      }
      const removed = j - i - 1
      for (let k = i + 1; k + removed < this.count; k++) {
        starts[k] = starts[k + removed]
        ends[k] = ends[k + removed]
      }
      this.count -= removed
      this.heldBytes += ends[i] - starts[i] - oldLength
      return true
    }
    if (this.count === this.capacity) return false
    for (let k = this.count; k > i; k--) {
      starts[k] = starts[k - 1]
      ends[k] = ends[k - 1]
    }
    starts[i] = start
    ends[i] = end
    this.count++
    this.heldBytes += end - start
    return true
  }

  /**
   * tcp_ofo_queue: removes the ranges that now start at or below `nextSeq` and returns the new
   * next expected sequence number (the end of the contiguous data).
   */
  drainFrom(nextSeq: number): number {
    let next = nextSeq
    let drained = 0
    while (drained < this.count && this.starts[drained] <= next) {
      this.heldBytes -= this.ends[drained] - this.starts[drained]
      if (this.ends[drained] > next) next = this.ends[drained]
      drained++
    }
    if (drained === 0) return next
    for (let k = 0; k + drained < this.count; k++) {
      this.starts[k] = this.starts[k + drained]
      this.ends[k] = this.ends[k + drained]
    }
    this.count -= drained
    return next
  }
}
