/**
 * A FIFO of integer ids (packet ids, slot counts) in a growable ring of Int32Array.
 * PERF: pushing and shifting allocate nothing once the ring has reached its working size.
 */
export class IdQueue {
  private items: Int32Array
  private head = 0
  private count = 0

  constructor(initialCapacity = 64) {
    this.items = new Int32Array(Math.max(4, initialCapacity))
  }

  /** Number of queued ids. */
  get length(): number {
    return this.count
  }

  /** Appends an id at the tail. */
  push(id: number): void {
    if (this.count === this.items.length) this.grow()
    this.items[(this.head + this.count) % this.items.length] = id
    this.count++
  }

  /** Removes and returns the id at the head; throws when empty (a bookkeeping bug). */
  shift(): number {
    if (this.count === 0) throw new Error('IdQueue.shift on an empty queue')
    const id = this.items[this.head]
    this.head = (this.head + 1) % this.items.length
    this.count--
    return id
  }

  /** The id at position `index` from the head, without removing it. */
  peek(index = 0): number {
    if (index >= this.count) throw new RangeError(`IdQueue.peek(${index}) beyond length ${this.count}`)
    return this.items[(this.head + index) % this.items.length]
  }

  private grow(): void {
    const grown = new Int32Array(this.items.length * 2)
    for (let i = 0; i < this.count; i++) grown[i] = this.items[(this.head + i) % this.items.length]
    this.items = grown
    this.head = 0
  }
}
