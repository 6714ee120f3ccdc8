/**
 * The future event list: a binary min-heap ordered by (time, priority, sequence). The sequence number
 * is per simulation, so events at the same time and priority run FIFO and a seed fully reproduces
 * a run. (time, priority, sequence) is a total order (sequences are unique), so the pop order does
 * not depend on the heap's internal layout: every optimisation below leaves it unchanged.
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
 * PERF (second round, 2026-11-25, load average 1.5-3.5, ns per pop + push of the heap alone with
 * pre-drawn delays, N = 1000, one process per variant, 2-3 runs each):
 *   - the layout above: 129-146 ns; keys interleaved [time, slot] in one array: 130-134 ns
 *     (no gain: at N = 1000 everything is in L1); bottom-up "hole" deletion: 144-160 ns (worse);
 *   - branch-free choice of the smaller child (`child += (right < left) | 0`; the times past the
 *     end hold +Infinity so the right child can always be read): 88-97 ns. The child choice is a
 *     coin flip, so as a branch it mispredicts on about every other level. Picking the child's
 *     time with a ternary instead of re-reading it brings the branch back: 120-125 ns;
 *   - plus a deferred root removal (`takeRoot` / `settle`): when the handler schedules an event,
 *     that event replaces the root and sifts down once, instead of a sift-down of the last leaf
 *     and then a sift-up: 70-77 ns (a plain branchy heap of bare times: 91-98 ns in the same
 *     harness). Replacing the root bottom-up (hole to a leaf, then sift up): 86-93 ns (worse);
 *   - the same with a branch-free 4-ary heap: 81-99 ns (worse, kept binary).
 * Whole hold model (`bench/kernel-hold.ts`, CPU time): 5.1-5.6 M events/s before this round,
 * 7.4-7.9 M/s after (6.5 once under load).
 * Full hold model through `Simulation.step` and the RNG: see `bench/kernel-hold.ts`.
 */
export class EventHeap {
  /** Heap order: event times; +Infinity at every index from `count` on (see `siftDown`). */
  private times: Float64Array
  /** Heap order: payload slot of each event. */
  private slots: Int32Array
  /** Payload: priority * 2^52 + sequence, the exact tie-break when times are equal. */
  private ties: Float64Array
  /** Payload: handler id of each slot (read after `takeRoot`, before the next `push`). */
  slotHandlers: Int32Array
  /** Payload: argument of each slot (read after `takeRoot`, before the next `push`). */
  slotArgs: Float64Array
  /** Time of the event returned by the last `takeRoot`. */
  takenTime = 0
  /** Stack of free payload slots. */
  private freeSlots: Int32Array
  private freeCount: number
  /** Entries in `times` / `slots`, including a taken root not yet removed. */
  private count = 0
  /** True after `takeRoot` until the root is removed (`settle`) or replaced (`push`). */
  private rootTaken = false

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity)
    this.times = new Float64Array(capacity + 1).fill(Infinity)
    this.slots = new Int32Array(capacity)
    this.ties = new Float64Array(capacity)
    this.slotHandlers = new Int32Array(capacity)
    this.slotArgs = new Float64Array(capacity)
    this.freeSlots = new Int32Array(capacity)
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
  }

  /** Number of pending events (a taken root no longer counts). */
  get size(): number {
    return this.rootTaken ? this.count - 1 : this.count
  }

  /** Time of the earliest pending event; Infinity when empty. */
  peekTime(): number {
    if (this.rootTaken) this.settle()
    return this.times[0]
  }

  /** Adds an event. `priority` is a small non-negative integer, `seq` below 2^52. */
  push(time: number, priority: number, seq: number, handler: number, arg: number): void {
    const tie = priority * TIE_PRIORITY_UNIT + seq
    if (this.rootTaken) {
      // The taken root's slot is already free: the new event takes its place and sifts down.
      this.rootTaken = false
      const slot = this.freeSlots[--this.freeCount]
      this.ties[slot] = tie
      this.slotHandlers[slot] = handler
      this.slotArgs[slot] = arg
      this.siftDown(time, tie, slot, this.count)
      return
    }
    if (this.count === this.slots.length) this.grow()
    const slot = this.freeSlots[--this.freeCount]
    this.ties[slot] = tie
    this.slotHandlers[slot] = handler
    this.slotArgs[slot] = arg
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
   * Takes the earliest event and returns its payload slot (-1 when empty); its time is left in
   * `takenTime`, its handler and argument in `slotHandlers` / `slotArgs` at that slot, valid until
   * the next `push`. The root stays in place until `settle` or the next `push`, which reuses it
   * (the hold pattern: an event that schedules one successor costs one sift-down).
   */
  takeRoot(): number {
    if (this.rootTaken) this.settle()
    if (this.count === 0) return -1
    const rootSlot = this.slots[0]
    this.takenTime = this.times[0]
    this.freeSlots[this.freeCount++] = rootSlot
    this.rootTaken = true
    return rootSlot
  }

  /** Removes a taken root that no `push` replaced (a no-op otherwise). */
  settle(): void {
    if (!this.rootTaken) return
    this.rootTaken = false
    const last = --this.count
    const times = this.times
    const time = times[last]
    times[last] = Infinity
    if (last === 0) return
    const slot = this.slots[last]
    this.siftDown(time, this.ties[slot], slot, last)
  }

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates
   * nothing). Returns false when the heap is empty. Convenience form of `takeRoot` + `settle`.
   */
  pop(out: PoppedEvent): boolean {
    const slot = this.takeRoot()
    if (slot < 0) return false
    this.settle()
    out.time = this.takenTime
    const tie = this.ties[slot]
    out.seq = tie - Math.floor(tie / TIE_PRIORITY_UNIT) * TIE_PRIORITY_UNIT
    out.handler = this.slotHandlers[slot]
    out.arg = this.slotArgs[slot]
    return true
  }

  /** Drops every pending event. */
  clear(): void {
    const capacity = this.slots.length
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
    this.times.fill(Infinity)
    this.count = 0
    this.rootTaken = false
  }

  /** Places (time, tie, slot) into the hole at the root of a heap of `count` entries. */
  private siftDown(time: number, tie: number, slot: number, count: number): void {
    const times = this.times
    const slots = this.slots
    const ties = this.ties
    let i = 0
    const half = count >> 1
    while (i < half) {
      // The smaller child (ties broken by priority, then sequence). times[count] is +Infinity, so
      // the right child can be read without a bounds test.
      let child = 2 * i + 1
      const leftTime = times[child]
      const rightTime = times[child + 1]
      if (rightTime === leftTime) {
        // (Both +Infinity at the end only if an event was scheduled at Infinity.)
        if (child + 1 < count && ties[slots[child + 1]] < ties[slots[child]]) child++
      } else {
        // PERF: arithmetic, not a branch (see the class comment: 88-97 ns instead of 129-146).
        child += ((rightTime < leftTime) as unknown as number) | 0
      }
      const childTime = times[child]
      if (time < childTime || (time === childTime && tie < ties[slots[child]])) break
      times[i] = childTime
      slots[i] = slots[child]
      i = child
    }
    times[i] = time
    slots[i] = slot
  }

  private grow(): void {
    const oldCapacity = this.slots.length
    const capacity = oldCapacity * 2
    const times = new Float64Array(capacity + 1).fill(Infinity)
    times.set(this.times.subarray(0, oldCapacity))
    this.times = times
    this.ties = growFloat64(this.ties, capacity)
    this.slotArgs = growFloat64(this.slotArgs, capacity)
    this.slots = growInt32(this.slots, capacity)
    this.slotHandlers = growInt32(this.slotHandlers, capacity)
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
