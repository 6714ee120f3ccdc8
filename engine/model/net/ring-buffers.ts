/**
 * Fixed-capacity FIFO rings over typed arrays, for queues on the per-packet path (no allocation
 * after construction). `push` on a full ring grows it by doubling, so capacity is a hint.
 * Integer ids (packet ids, slot counts) use `IdQueue` (../native/id-queue): one id ring only.
 */

/** A FIFO of doubles (times, sequence numbers). */
export class FloatRing {
  private items: Float64Array
  private head = 0
  private count = 0

  constructor(initialCapacity: number) {
    this.items = new Float64Array(Math.max(4, initialCapacity | 0))
  }

  /** Number of items held. */
  get size(): number {
    return this.count
  }

  /** Appends at the tail. */
  push(value: number): void {
    if (this.count === this.items.length) this.grow()
    this.items[(this.head + this.count) % this.items.length] = value
    this.count++
  }

  /** The oldest item; only valid when size > 0. */
  peek(): number {
    return this.items[this.head]
  }

  /** The item `index` places after the oldest; only valid when index < size. */
  at(index: number): number {
    return this.items[(this.head + index) % this.items.length]
  }

  /** The newest item; only valid when size > 0. */
  peekLast(): number {
    return this.items[(this.head + this.count - 1) % this.items.length]
  }

  /** Removes and returns the oldest item; only valid when size > 0. */
  shift(): number {
    const value = this.items[this.head]
    this.head = (this.head + 1) % this.items.length
    this.count--
    return value
  }

  /** Removes every item. */
  clear(): void {
    this.head = 0
    this.count = 0
  }

  private grow(): void {
    const grown = new Float64Array(this.items.length * 2)
    for (let i = 0; i < this.count; i++) grown[i] = this.items[(this.head + i) % this.items.length]
    this.items = grown
    this.head = 0
  }
}
