import { FarEventHeap } from './far-event-heap'
import { grownFloat64, grownInt32 } from './typed-array-growth'

/**
 * The future event list: a calendar queue (Brown, CACM 31(10), 1988) over a sliding window, with a
 * binary heap for the events beyond the window (the two-tier idea of the ladder queue: Tang, Goh &
 * Thng, ACM TOMACS 15(3), 2005). Pops come out in exact (time, priority, sequence) order: the
 * sequence is per simulation, so events at the same time and priority run FIFO and a seed fully
 * reproduces a run. (time, priority, sequence) is a total order, so the pop order does not depend
 * on the bucket width, the window or the heap's layout: every tuning below leaves it unchanged.
 *
 * Layout. The window is `BUCKET_COUNT` consecutive buckets of `bucketWidthNs`, starting at the
 * bucket of the current event, kept as a ring. Each bucket is a linked list of payload slots sorted
 * by (time, tie), tie = priority * 2^52 + sequence; an event joins its bucket at the tail when it
 * is not earlier than the tail (the usual case: later sequence at an equal time, or a later time)
 * and otherwise walks the list from the head. Events at or past the window's end wait in the far
 * heap and move into their bucket, earliest first, as the window slides over them. When only the
 * far heap holds events, the window jumps to the earliest one (no scanning through idle time).
 *
 * Bucket width. Too narrow and a pop scans empty buckets; too wide and an insert walks long lists.
 * Every `REVIEW_INTERVAL` pops the queue compares the two counts and doubles or halves the width
 * (rebuilding the window), so it follows the event density of the model: about 1 ns in the hold
 * benchmark, microseconds in the receive-path models.
 *
 * PERF (2026-11-25, shared 2-core AMD EPYC, load average 1.5-3.7, CPU time, 3-5 runs per variant, one
 * process each; hold model = bench/kernel-hold.ts, N = 1000, exponential delays of mean 1000 ns):
 *   - the binary heap this replaces (times and payload slots in typed arrays, branch-free child
 *     choice, root replacement by the handler's first schedule; its own history: 4-ary heaps,
 *     interleaved keys and bottom-up deletion were all slower) ran the hold model at 5.6-7.8 M
 *     events/s, its pop + push alone with pre-drawn delays 82-93 ns;
 *   - this queue, first version (separate key arrays, width review on equal terms): 6.7-9.5 M/s;
 *     with the width pinned: 1 ns 7.8-10.3, 4 ns 8.3-9.8, 16 ns 6.3-9.3. Pop + push alone: 53-80 ns;
 *   - keys interleaved per slot and head / tail interleaved per bucket (one cache line each), the
 *     common pop and push written inline, the slow paths out of line (V8's cumulative inlining
 *     budget is shared by `step`, the handler, `schedule`, this queue and the RNG draw): 8.1-9.7;
 *   - walks weighted 32 empty buckets in the review, so the hold model settles on 1 ns: 9.6-11.4;
 *   - the skip over empty buckets inside `takeRoot` (at 1 ns 63 % of pops skip at least one):
 *     8.4-10.6 against 7.2-10.1 for the same build without it, run alternately under load 2-3;
 *   - no separate event count (size = window + far heap): 8.8-10.5 against 8.3-9.6, alternately.
 * Tried and dropped: `Simulation.schedule` with its RangeError built out of line, to make it small
 * enough to inline (8.99-10.27 against 8.90-10.55, no gain).
 * Not tried yet: a bitmap of non-empty buckets to skip empty ones 32 at a time, and a ladder of
 * finer rungs (Tang et al.) for buckets that overflow; the width review has sufficed so far.
 */
export class EventCalendar {
  /** Payload: handler id of each slot (valid after `takeRoot` until the next `push`). */
  slotHandlers: Int32Array
  /** Payload: argument of each slot (valid after `takeRoot` until the next `push`). */
  slotArgs: Float64Array
  /** Time of the event returned by the last `takeRoot`. */
  takenTime = 0

  /**
   * Payload: the sort key of each slot, interleaved: [2 * slot] the event time, [2 * slot + 1]
   * priority * 2^52 + sequence, the exact tie-break at equal times.
   */
  private slotKeys: Float64Array
  /** Payload: next slot in the same bucket, -1 at the tail. */
  private nextInBucket: Int32Array
  /** Stack of free payload slots. */
  private freeSlots: Int32Array
  private freeCount: number

  /**
   * The ring, interleaved: [2 * index] the first slot of the bucket (-1 when empty), [2 * index + 1]
   * its last slot (meaningful only when the bucket is not empty).
   */
  private readonly buckets = new Int32Array(2 * BUCKET_COUNT).fill(-1)
  private bucketWidthNs = INITIAL_BUCKET_WIDTH_NS
  private inverseBucketWidth = 1 / INITIAL_BUCKET_WIDTH_NS
  /** Absolute number (floor(time / width)) of the window's first bucket, the current event's. */
  private firstBucket = 0
  /** Ring index of the window's first bucket (firstBucket mod BUCKET_COUNT). */
  private firstIndex = 0
  /** (firstBucket + BUCKET_COUNT) * width: events at or after it wait in the far heap. */
  private windowEndNs = BUCKET_COUNT * INITIAL_BUCKET_WIDTH_NS
  /** Events in the window's buckets. */
  private nearCount = 0
  /** Events beyond the window. */
  private readonly far = new FarEventHeap()

  /** Pops left until the next width review. */
  private popsUntilReview: number
  /** Empty buckets passed by pops since the last review. */
  private scannedBuckets = 0
  /** List entries passed by inserts since the last review. */
  private walkedEntries = 0

  /** Pops between two width reviews. */
  private readonly reviewInterval: number

  /**
   * `initialCapacity` events fit before the payload arrays double; `reviewIntervalPops` is the
   * number of pops between width reviews (small values let tests exercise the rebuilds).
   */
  constructor(initialCapacity = 1024, reviewIntervalPops = REVIEW_INTERVAL) {
    this.reviewInterval = Math.max(1, Math.floor(reviewIntervalPops))
    this.popsUntilReview = this.reviewInterval
    const capacity = Math.max(4, initialCapacity)
    this.slotKeys = new Float64Array(2 * capacity)
    this.slotHandlers = new Int32Array(capacity)
    this.slotArgs = new Float64Array(capacity)
    this.nextInBucket = new Int32Array(capacity)
    this.freeSlots = new Int32Array(capacity)
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
  }

  /** Number of pending events. */
  get size(): number {
    return this.nearCount + this.far.size
  }

  /** Current bucket width in ns (it adapts to the event density; for tests and benchmarks). */
  get bucketWidth(): number {
    return this.bucketWidthNs
  }

  /** Time of the earliest pending event; Infinity when empty. Changes nothing. */
  peekTime(): number {
    if (this.nearCount === 0) return this.far.minTime()
    const buckets = this.buckets
    let index = this.firstIndex
    while (buckets[2 * index] < 0) index = (index + 1) & BUCKET_MASK
    return this.slotKeys[2 * buckets[2 * index]]
  }

  /** Adds an event. `priority` is a small non-negative integer, `seq` below 2^52. */
  push(time: number, priority: number, seq: number, handler: number, arg: number): void {
    if (this.freeCount === 0) this.grow()
    const slot = this.freeSlots[--this.freeCount]
    const tie = priority * TIE_PRIORITY_UNIT + seq
    const keys = this.slotKeys
    keys[2 * slot] = time
    keys[2 * slot + 1] = tie
    this.slotHandlers[slot] = handler
    this.slotArgs[slot] = arg
    const bucket = Math.floor(time * this.inverseBucketWidth)
    if (time >= this.windowEndNs || bucket < this.firstBucket) {
      this.placeOutside(slot, time, tie)
      return
    }
    // PERF: the usual case inline (an empty bucket, or not earlier than the bucket's tail: a later
    // time, or a later sequence at an equal time); a sorted insert in `insertNear` otherwise.
    const index = 2 * (bucket & BUCKET_MASK)
    const buckets = this.buckets
    const head = buckets[index]
    this.nextInBucket[slot] = -1
    if (head < 0) {
      this.nearCount++
      buckets[index] = slot
      buckets[index + 1] = slot
      return
    }
    const tail = buckets[index + 1]
    const tailTime = keys[2 * tail]
    if (time > tailTime || (time === tailTime && tie > keys[2 * tail + 1])) {
      this.nearCount++
      this.nextInBucket[tail] = slot
      buckets[index + 1] = slot
      return
    }
    this.insertNear(slot, time, tie, bucket)
  }

  /** Puts an event that is past the window into the far heap, or rewinds to an earlier one. */
  private placeOutside(slot: number, time: number, tie: number): void {
    this.far.push(time, tie, slot)
    // Earlier than the current event: never from `Simulation` (time only moves forward), but the
    // queue stays correct for any order: rebuild the window from this event's bucket.
    if (time < this.windowEndNs) this.rebuild(this.bucketWidthNs, time)
  }

  /**
   * Removes the earliest event and returns its payload slot (-1 when empty); its time is left in
   * `takenTime`, its handler and argument in `slotHandlers` / `slotArgs` at that slot, valid until
   * the next `push`.
   */
  takeRoot(): number {
    // PERF: the common case (the window's first bucket holds the next event) is kept this small
    // so that V8 inlines it into `Simulation.step`; everything else is in `takeRootNotAfter`.
    const buckets = this.buckets
    let index = this.firstIndex
    let slot = buckets[2 * index]
    if (slot < 0) {
      if (this.nearCount === 0) return this.takeRootNotAfter(Infinity)
      let skipped = 0
      do {
        skipped++
        index = (index + 1) & BUCKET_MASK
        slot = buckets[2 * index]
      } while (slot < 0)
      this.advanceWindow(skipped)
    }
    buckets[2 * index] = this.nextInBucket[slot]
    this.nearCount--
    this.freeSlots[this.freeCount++] = slot
    this.takenTime = this.slotKeys[2 * slot]
    if (--this.popsUntilReview === 0) this.reviewWidth()
    return slot
  }

  /**
   * `takeRoot` if the earliest event's time is at most `untilNs`; otherwise (or when empty)
   * returns -1 and leaves the queue as it was (so events may still be added from the current
   * time on: the window never moves past an event that is not taken).
   */
  takeRootNotAfter(untilNs: number): number {
    if (this.nearCount === 0) {
      const farTime = this.far.minTime()
      if (this.far.size === 0 || farTime > untilNs) return -1
      if (farTime === Infinity) return this.takeFromFar()
      // Nothing in the window: jump to the earliest far event instead of scanning idle time.
      this.moveWindow(Math.floor(farTime * this.inverseBucketWidth))
    }
    const buckets = this.buckets
    let index = this.firstIndex
    let slot = buckets[2 * index]
    if (slot < 0) {
      let skipped = 0
      do {
        skipped++
        index = (index + 1) & BUCKET_MASK
        slot = buckets[2 * index]
      } while (slot < 0)
      if (this.slotKeys[2 * slot] > untilNs) return -1
      this.advanceWindow(skipped)
    } else if (this.slotKeys[2 * slot] > untilNs) {
      return -1
    }
    buckets[2 * index] = this.nextInBucket[slot]
    this.nearCount--
    this.freeSlots[this.freeCount++] = slot
    this.takenTime = this.slotKeys[2 * slot]
    if (--this.popsUntilReview === 0) this.reviewWidth()
    return slot
  }

  /** Kept for the heap's interface: `takeRoot` already removes the event. */
  settle(): void {}

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates
   * nothing). Returns false when the queue is empty.
   */
  pop(out: PoppedEvent): boolean {
    const slot = this.takeRootNotAfter(Infinity)
    if (slot < 0) return false
    out.time = this.takenTime
    const tie = this.slotKeys[2 * slot + 1]
    out.seq = tie - Math.floor(tie / TIE_PRIORITY_UNIT) * TIE_PRIORITY_UNIT
    out.handler = this.slotHandlers[slot]
    out.arg = this.slotArgs[slot]
    return true
  }

  /** Drops every pending event. */
  clear(): void {
    const capacity = this.freeSlots.length
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i
    this.freeCount = capacity
    this.buckets.fill(-1)
    this.far.clear()
    this.nearCount = 0
  }

  /** Links a slot into the sorted list of `bucket` (which must lie inside the window). */
  private insertNear(slot: number, time: number, tie: number, bucket: number): void {
    const index = 2 * (bucket & BUCKET_MASK)
    const buckets = this.buckets
    const next = this.nextInBucket
    this.nearCount++
    next[slot] = -1
    const head = buckets[index]
    if (head < 0) {
      buckets[index] = slot
      buckets[index + 1] = slot
      return
    }
    const keys = this.slotKeys
    const tail = buckets[index + 1]
    const tailTime = keys[2 * tail]
    if (time > tailTime || (time === tailTime && tie > keys[2 * tail + 1])) {
      next[tail] = slot
      buckets[index + 1] = slot
      return
    }
    // Earlier than the tail, so the walk stops at an entry before the end of the list.
    let previous = -1
    let entry = head
    let walked = 0
    for (;;) {
      const entryTime = keys[2 * entry]
      if (time < entryTime || (time === entryTime && tie < keys[2 * entry + 1])) break
      previous = entry
      entry = next[entry]
      walked++
    }
    this.walkedEntries += walked
    next[slot] = entry
    if (previous < 0) buckets[index] = slot
    else next[previous] = slot
  }

  /** Slides the window `skipped` empty buckets on and pulls in the far events it now covers. */
  private advanceWindow(skipped: number): void {
    this.scannedBuckets += skipped
    const bucket = this.firstBucket + skipped
    this.firstBucket = bucket
    this.firstIndex = bucket & BUCKET_MASK
    this.windowEndNs = (bucket + BUCKET_COUNT) * this.bucketWidthNs
    // Far events now inside the window land after `bucket` (they were past the old window).
    if (this.far.minTime() < this.windowEndNs) this.pullFromFar()
  }

  /** Moves far events that the window now covers into their buckets, earliest first. */
  private pullFromFar(): void {
    const far = this.far
    const windowEndNs = this.windowEndNs
    const keys = this.slotKeys
    while (far.minTime() < windowEndNs) {
      const slot = far.pop()
      const time = keys[2 * slot]
      this.insertNear(slot, time, keys[2 * slot + 1], Math.floor(time * this.inverseBucketWidth))
    }
  }

  /** Starts the window at `bucket` (the window must be empty) and fills it from the far heap. */
  private moveWindow(bucket: number): void {
    this.firstBucket = bucket
    this.firstIndex = bucket & BUCKET_MASK
    this.windowEndNs = (bucket + BUCKET_COUNT) * this.bucketWidthNs
    this.pullFromFar()
  }

  /** Takes the earliest far event directly (only events at +Infinity remain). */
  private takeFromFar(): number {
    const slot = this.far.pop()
    this.freeSlots[this.freeCount++] = slot
    this.takenTime = this.slotKeys[2 * slot]
    return slot
  }

  /** Doubles or halves the bucket width when pops scan, or inserts walk, too much. */
  private reviewWidth(): void {
    const scanned = this.scannedBuckets
    const walked = this.walkedEntries
    this.popsUntilReview = this.reviewInterval
    this.scannedBuckets = 0
    this.walkedEntries = 0
    // Doubling the width about halves the scans and doubles the walks (halving the reverse), so
    // with these conditions a change never calls for the opposite one at the next review.
    const scanCost = scanned
    const walkCost = WALK_COST_IN_SCANS * walked
    const margin = this.reviewInterval * ACCEPTED_SCANS_PER_POP
    if (scanCost > 2 * walkCost + margin && this.bucketWidthNs < MAX_BUCKET_WIDTH_NS) {
      this.rebuild(this.bucketWidthNs * 2, this.takenTime)
    } else if (walkCost > 2 * scanCost + margin && this.bucketWidthNs > MIN_BUCKET_WIDTH_NS) {
      this.rebuild(this.bucketWidthNs / 2, this.takenTime)
    }
  }

  /**
   * Empties the window into the far heap, sets the width and restarts the window at the bucket of
   * `fromTime` or of the earliest event, whichever is earlier (events may still be added from the
   * current time on).
   */
  private rebuild(widthNs: number, fromTime: number): void {
    const buckets = this.buckets
    const next = this.nextInBucket
    const keys = this.slotKeys
    for (let index = 0; index < 2 * BUCKET_COUNT; index += 2) {
      for (let entry = buckets[index]; entry >= 0; entry = next[entry]) {
        this.far.push(keys[2 * entry], keys[2 * entry + 1], entry)
      }
      buckets[index] = -1
    }
    this.nearCount = 0
    this.bucketWidthNs = widthNs
    this.inverseBucketWidth = 1 / widthNs
    let anchorTime = Math.min(fromTime, this.far.minTime())
    if (!Number.isFinite(anchorTime)) anchorTime = Number.isFinite(fromTime) ? fromTime : 0
    this.moveWindow(Math.floor(anchorTime * this.inverseBucketWidth))
  }

  private grow(): void {
    // Every slot is in use, so the new ones are the free ones.
    const oldCapacity = this.freeSlots.length
    const capacity = oldCapacity * 2
    this.slotKeys = grownFloat64(this.slotKeys, 2 * capacity)
    this.slotArgs = grownFloat64(this.slotArgs, capacity)
    this.slotHandlers = grownInt32(this.slotHandlers, capacity)
    this.nextInBucket = grownInt32(this.nextInBucket, capacity)
    const freeSlots = new Int32Array(capacity)
    for (let i = 0; i < oldCapacity; i++) freeSlots[i] = capacity - 1 - i
    this.freeSlots = freeSlots
    this.freeCount = oldCapacity
  }
}

/** A reusable record that `EventCalendar.pop` fills. */
export interface PoppedEvent {
  time: number
  seq: number
  handler: number
  arg: number
}

/** Buckets in the window (a power of two: the ring index is the bucket number masked). */
const BUCKET_COUNT = 4096
const BUCKET_MASK = BUCKET_COUNT - 1
/** Starting width; the reviews adapt it within a few thousand events. */
const INITIAL_BUCKET_WIDTH_NS = 64
/** Widths are powers of two, so time * (1 / width) and the bucket numbers are exact (1 ns: kernel times are whole ns). */
const MIN_BUCKET_WIDTH_NS = 1
const MAX_BUCKET_WIDTH_NS = 2 ** 40
/** Pops between two width reviews by default. */
const REVIEW_INTERVAL = 4096
/** Cost differences (in skipped empty buckets per pop) below which the width is left alone. */
const ACCEPTED_SCANS_PER_POP = 2
/**
 * A list entry passed by an insert costs as much as this many skipped empty buckets: the walk is an
 * out-of-line call and a data-dependent loop, the skip a short sequential loop. Chosen so the hold
 * model settles on 1 ns (at 2 ns: 0.50 scans, 0.12 walks per event; at 1 ns: 1.0 scans, no walks;
 * measured 10.0-10.9 M events/s at 1 ns against 7.4-9.8 at 4 ns).
 */
const WALK_COST_IN_SCANS = 32

/** 2^52: priority * 2^52 + sequence stays exact in a double for sequences below 2^52. */
const TIE_PRIORITY_UNIT = 4503599627370496
