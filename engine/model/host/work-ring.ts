import type { StageId, WorkCallback } from './host-api'

/**
 * A FIFO of work items stored as parallel typed arrays (struct of arrays) in a ring, one per kernel
 * level and one per thread.
 *
 * PERF: posting and completing an item allocates nothing; the arrays double when full. The head
 * item's `cycles` is its REMAINING nominal cost, so an item interrupted when its processor is taken
 * away resumes where it stopped.
 */
export class WorkRing {
  private cycles: Float64Array
  private instructions: Float64Array
  private stages: Int32Array
  private args: Float64Array
  private callbacks: (WorkCallback | null)[]
  private head = 0
  private count = 0

  constructor(initialCapacity = 16) {
    this.cycles = new Float64Array(initialCapacity)
    this.instructions = new Float64Array(initialCapacity)
    this.stages = new Int32Array(initialCapacity)
    this.args = new Float64Array(initialCapacity)
    this.callbacks = new Array<WorkCallback | null>(initialCapacity).fill(null)
  }

  /** Items queued, the head included. */
  get size(): number {
    return this.count
  }

  get isEmpty(): boolean {
    return this.count === 0
  }

  /** Appends an item at the tail. */
  push(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    if (this.count === this.cycles.length) this.grow()
    const capacity = this.cycles.length
    const slot = (this.head + this.count) % capacity
    this.cycles[slot] = cycles
    this.instructions[slot] = instructions
    this.stages[slot] = stage
    this.args[slot] = arg
    this.callbacks[slot] = done
    this.count++
  }

  /** Remaining nominal cycles of the head item. */
  get headCycles(): number {
    return this.cycles[this.head]
  }

  set headCycles(value: number) {
    this.cycles[this.head] = value
  }

  get headInstructions(): number {
    return this.instructions[this.head]
  }

  get headStage(): StageId {
    return this.stages[this.head]
  }

  get headArg(): number {
    return this.args[this.head]
  }

  get headCallback(): WorkCallback {
    return this.callbacks[this.head] as WorkCallback
  }

  /** Drops the head item (after reading it). */
  shift(): void {
    this.callbacks[this.head] = null
    this.head = (this.head + 1) % this.cycles.length
    this.count--
  }

  private grow(): void {
    const oldCapacity = this.cycles.length
    const capacity = oldCapacity * 2
    const cycles = new Float64Array(capacity)
    const instructions = new Float64Array(capacity)
    const stages = new Int32Array(capacity)
    const args = new Float64Array(capacity)
    const callbacks = new Array<WorkCallback | null>(capacity).fill(null)
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % oldCapacity
      cycles[i] = this.cycles[from]
      instructions[i] = this.instructions[from]
      stages[i] = this.stages[from]
      args[i] = this.args[from]
      callbacks[i] = this.callbacks[from]
    }
    this.cycles = cycles
    this.instructions = instructions
    this.stages = stages
    this.args = args
    this.callbacks = callbacks
    this.head = 0
  }
}
