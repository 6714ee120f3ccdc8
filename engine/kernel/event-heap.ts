/**
 * The future event list: a binary min-heap ordered by (time, priority, sequence). The sequence number
 * is per simulation, so events at the same time and priority run FIFO and a seed fully reproduces
 * a run.
 *
 * PERF: the heap itself moves only two numbers per level, the event time and the index of a payload
 * slot (priority and sequence folded into one exact tie-break key, handler and argument, found
 * through the slot), held in typed arrays that double when full, so scheduling allocates nothing.
 * Measured on the shared 2-core dev box (load average 11-13), hold model N = 1000, exponential
 * delays rounded to ns, heap operations alone per CPU second, same process, three rounds:
 *   - the first version (binary heap moving five parallel arrays per level): 4.6-5.0 M/s;
 *   - 4-ary heaps with payload slots (tie keys via the slot or kept in heap order, with or
 *     without bottom-up deletion): 4.1-5.6 M/s, no better than binary here;
 *   - this layout (binary, payload slots): 5.6-6.5 M/s;
 *   - a bare binary heap of times alone (no ties, no payload: not usable, the ceiling): 7.0-9.3 M/s.
 * Full hold model through `Simulation.step` and the RNG: see `bench/kernel-hold.ts`.
 */
export class EventHeap {
  /** Heap order: event times. */
  private times: Float64Array
  /** Heap order: payload slot of each event. */
  private slots: Int32Array
  /** Payload: priority * 2^52 + sequence, the exact tie-break when times are equal. */
  private ties: Float64Array
  private handlers: Int32Array
  private args: Float64Array
  /** Stack of free payload slots. */
  private freeSlots: Int32Array
  private freeCount: number
  private count = 0

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity)
    this.times = new Float64Array(capacity)
    this.slots = new Int32Array(capacity)
    this.ties = new Float64Array(capacity)
    this.handlers = new Int32Array(capacity)
    this.args = new Float64Array(capacity)
    this.freeSlots = new Int32Array(capacity)
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
  }

  /** Number of pending events. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity
  }

  /** Adds an event. `priority` is a small non-negative integer, `seq` below 2^52. */
  push(time: number, priority: number, seq: number, handler: number, arg: number): void {
    if (this.count === this.times.length) this.grow()
    const slot = this.freeSlots[--this.freeCount]
    const tie = priority * TIE_PRIORITY_UNIT + seq
    this.ties[slot] = tie
    this.handlers[slot] = handler
    this.args[slot] = arg
    const times = this.times
    const slots = this.slots
    const ties = this.ties
    let i = this.count++
    // Sift up: move parents down until the new event fits.
    while (i > 0) {
      const parent = (i - 1) >> 1
      const parentTime = times[parent]
      if (time > parentTime || (time === parentTime && tie > ties[slots[parent]])) break
      times[i] = parentTime
      slots[i] = slots[parent]
      i = parent
    }
    times[i] = time
    slots[i] = slot
  }

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates
   * nothing). Returns false when the heap is empty.
   */
  pop(out: PoppedEvent): boolean {
    if (this.count === 0) return false
    const times = this.times
    const slots = this.slots
    const ties = this.ties
    const rootSlot = slots[0]
    out.time = times[0]
    const rootTie = ties[rootSlot]
    out.seq = rootTie >= TIE_PRIORITY_UNIT ? rootTie % TIE_PRIORITY_UNIT : rootTie
    out.handler = this.handlers[rootSlot]
    out.arg = this.args[rootSlot]
    this.freeSlots[this.freeCount++] = rootSlot
    const last = --this.count
    if (last === 0) return true
    const time = times[last]
    const slot = slots[last]
    const tie = ties[slot]
    let i = 0
    const half = last >> 1
    while (i < half) {
      // The smaller child (ties broken by priority, then sequence).
      let child = 2 * i + 1
      let childTime = times[child]
      const right = child + 1
      if (right < last) {
        const rightTime = times[right]
        if (rightTime < childTime || (rightTime === childTime && ties[slots[right]] < ties[slots[child]])) {
          child = right
          childTime = rightTime
        }
      }
      if (time < childTime || (time === childTime && tie < ties[slots[child]])) break
      times[i] = childTime
      slots[i] = slots[child]
      i = child
    }
    times[i] = time
    slots[i] = slot
    return true
  }

  /** Drops every pending event. */
  clear(): void {
    const capacity = this.times.length
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
    this.count = 0
  }

  private grow(): void {
    const oldCapacity = this.times.length
    const capacity = oldCapacity * 2
    this.times = growFloat64(this.times, capacity)
    this.ties = growFloat64(this.ties, capacity)
    this.args = growFloat64(this.args, capacity)
    this.slots = growInt32(this.slots, capacity)
    this.handlers = growInt32(this.handlers, capacity)
    // The heap is full, so every old slot is in use: the new slots are the free ones.
    const freeSlots = new Int32Array(capacity)
    for (let i = 0; i < oldCapacity; i++) freeSlots[i] = capacity - 1 - i
    this.freeSlots = freeSlots
    this.freeCount = oldCapacity
  }
}

/** 2^52: priority * 2^52 + sequence stays exact in a double for sequences below 2^52. */
const TIE_PRIORITY_UNIT = 4503599627370496

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

function growInt32(source: Int32Array, capacity: number): Int32Array {
  const grown = new Int32Array(capacity)
  grown.set(source)
  return grown
}
