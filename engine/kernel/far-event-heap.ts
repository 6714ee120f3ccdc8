/**
 * The far part of the future event list (see event-calendar.ts): a binary min-heap of payload slots
 * ordered by (time, tie), where tie = priority * 2^52 + sequence. It holds the events beyond the
 * calendar's window (timers tens or hundreds of milliseconds ahead, events at +Infinity) and every
 * event while the calendar rebuilds; they leave it in order, earliest first, as the window reaches
 * them. Time and tie are kept in heap order next to the slot, so the heap never reads the payload.
 */
export class FarEventHeap {
  /** Heap order: event times; +Infinity at every index from `count` on, so `minTime` needs no test. */
  private times: Float64Array
  /** Heap order: priority * 2^52 + sequence. */
  private ties: Float64Array
  /** Heap order: payload slot of each event. */
  private slots: Int32Array
  /** Events held. */
  size = 0

  constructor(initialCapacity = 256) {
    const capacity = Math.max(4, initialCapacity)
    this.times = new Float64Array(capacity + 1).fill(Infinity)
    this.ties = new Float64Array(capacity)
    this.slots = new Int32Array(capacity)
  }

  /** Time of the earliest event; +Infinity when empty. */
  minTime(): number {
    return this.times[0]
  }

  /** Adds a payload slot with its time and tie-break key. */
  push(time: number, tie: number, slot: number): void {
    if (this.size === this.slots.length) this.grow()
    const times = this.times
    const ties = this.ties
    const slots = this.slots
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const parentTime = times[parent]
      if (time > parentTime || (time === parentTime && tie > ties[parent])) break
      times[i] = parentTime
      ties[i] = ties[parent]
      slots[i] = slots[parent]
      i = parent
    }
    times[i] = time
    ties[i] = tie
    slots[i] = slot
  }

  /** Removes the earliest event and returns its payload slot; the heap must not be empty. */
  pop(): number {
    const times = this.times
    const ties = this.ties
    const slots = this.slots
    const top = slots[0]
    const last = --this.size
    const time = times[last]
    const tie = ties[last]
    const slot = slots[last]
    times[last] = Infinity
    let i = 0
    const half = last >> 1
    while (i < half) {
      let child = 2 * i + 1
      const right = child + 1
      // times[last] is +Infinity now, so the right child can be read without a bounds test.
      if (
        times[right] < times[child] ||
        (times[right] === times[child] && right < last && ties[right] < ties[child])
      ) {
        child = right
      }
      const childTime = times[child]
      if (time < childTime || (time === childTime && tie < ties[child])) break
      times[i] = childTime
      ties[i] = ties[child]
      slots[i] = slots[child]
      i = child
    }
    if (last > 0) {
      times[i] = time
      ties[i] = tie
      slots[i] = slot
    }
    return top
  }

  /** Drops every event. */
  clear(): void {
    this.times.fill(Infinity)
    this.size = 0
  }

  private grow(): void {
    const capacity = this.slots.length * 2
    const times = new Float64Array(capacity + 1).fill(Infinity)
    times.set(this.times.subarray(0, this.size))
    this.times = times
    const ties = new Float64Array(capacity)
    ties.set(this.ties)
    this.ties = ties
    const slots = new Int32Array(capacity)
    slots.set(this.slots)
    this.slots = slots
  }
}
