/**
 * Creates charts one per animation frame instead of all at once: a view with six charts built in
 * one task blocked the page for ~300 ms (a long task measured by the end-to-end tests), while one
 * chart per frame keeps every task short and the view interactive while it fills in.
 */
export class ChartCreationQueue {
  private readonly pending: (() => void)[] = []
  private isScheduled = false

  /** @param schedule a requestAnimationFrame-like scheduler (injected for tests). */
  constructor(
    private readonly schedule: (callback: () => void) => unknown = (callback) =>
      requestAnimationFrame(() => callback()),
  ) {}

  /** Queues a creation; returns a function that cancels it if it has not run yet. */
  enqueue(create: () => void): () => void {
    this.pending.push(create)
    this.scheduleNext()
    return () => {
      const index = this.pending.indexOf(create)
      if (index >= 0) this.pending.splice(index, 1)
    }
  }

  /** Creations still waiting. */
  get size(): number {
    return this.pending.length
  }

  private scheduleNext(): void {
    if (this.isScheduled || this.pending.length === 0) return
    this.isScheduled = true
    this.schedule(() => {
      this.isScheduled = false
      this.pending.shift()?.()
      this.scheduleNext()
    })
  }
}

/** The renderer's one queue (a UI scheduler, shared by every chart on the page). */
export const chartCreationQueue = new ChartCreationQueue()
