/**
 * The future event list: a binary min-heap over parallel typed arrays, ordered by
 * (time, priority, sequence). The sequence number is per simulation, so events at the same time and
 * priority run FIFO and a seed fully reproduces a run.
 *
 * PERF: struct-of-arrays storage means scheduling an event allocates nothing; the arrays double when
 * full. The hold-model benchmark (`npm run bench`) measures this structure on its own.
 */
export class EventHeap {
  private times: Float64Array
  private seqs: Float64Array
  private priorities: Uint8Array
  private handlers: Int32Array
  private args: Float64Array
  private count = 0

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity)
    this.seqs = new Float64Array(initialCapacity)
    this.priorities = new Uint8Array(initialCapacity)
    this.handlers = new Int32Array(initialCapacity)
    this.args = new Float64Array(initialCapacity)
  }

  /** Number of pending events. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity
  }

  push(time: number, priority: number, seq: number, handler: number, arg: number): void {
    if (this.count === this.times.length) this.grow()
    let i = this.count++
    // Sift up: move parents down until the slot fits.
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.isBefore(time, priority, seq, parent)) break
      this.copySlot(parent, i)
      i = parent
    }
    this.times[i] = time
    this.priorities[i] = priority
    this.seqs[i] = seq
    this.handlers[i] = handler
    this.args[i] = arg
  }

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates
   * nothing). Returns false when the heap is empty.
   */
  pop(out: PoppedEvent): boolean {
    if (this.count === 0) return false
    out.time = this.times[0]
    out.seq = this.seqs[0]
    out.handler = this.handlers[0]
    out.arg = this.args[0]
    const last = --this.count
    if (last === 0) return true
    const time = this.times[last]
    const priority = this.priorities[last]
    const seq = this.seqs[last]
    const handler = this.handlers[last]
    const arg = this.args[last]
    let i = 0
    const half = last >> 1
    while (i < half) {
      let child = 2 * i + 1
      const right = child + 1
      if (right < last && this.slotBefore(right, child)) child = right
      if (!this.isAfterSlot(time, priority, seq, child)) break
      this.copySlot(child, i)
      i = child
    }
    this.times[i] = time
    this.priorities[i] = priority
    this.seqs[i] = seq
    this.handlers[i] = handler
    this.args[i] = arg
    return true
  }

  clear(): void {
    this.count = 0
  }

  private isBefore(time: number, priority: number, seq: number, slot: number): boolean {
    const t = this.times[slot]
    if (time !== t) return time < t
    const p = this.priorities[slot]
    if (priority !== p) return priority < p
    return seq < this.seqs[slot]
  }

  private isAfterSlot(time: number, priority: number, seq: number, slot: number): boolean {
    const t = this.times[slot]
    if (time !== t) return time > t
    const p = this.priorities[slot]
    if (priority !== p) return priority > p
    return seq > this.seqs[slot]
  }

  private slotBefore(a: number, b: number): boolean {
    return this.isBefore(this.times[a], this.priorities[a], this.seqs[a], b)
  }

  private copySlot(from: number, to: number): void {
    this.times[to] = this.times[from]
    this.priorities[to] = this.priorities[from]
    this.seqs[to] = this.seqs[from]
    this.handlers[to] = this.handlers[from]
    this.args[to] = this.args[from]
  }

  private grow(): void {
    const capacity = this.times.length * 2
    this.times = growFloat64(this.times, capacity)
    this.seqs = growFloat64(this.seqs, capacity)
    this.args = growFloat64(this.args, capacity)
    const priorities = new Uint8Array(capacity)
    priorities.set(this.priorities)
    this.priorities = priorities
    const handlers = new Int32Array(capacity)
    handlers.set(this.handlers)
    this.handlers = handlers
  }
}

/** A reusable record that `EventHeap.pop` fills. */
export interface PoppedEvent {
  time: number
  seq: number
  handler: number
  arg: number
}

function growFloat64(source: Float64Array, capacity: number): Float64Array {
  const grown = new Float64Array(capacity)
  grown.set(source)
  return grown
}
