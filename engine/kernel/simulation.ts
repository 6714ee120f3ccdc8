import { EventCalendar } from './event-calendar'
import { RandomStream } from './rng'

/** Simulated time in integer nanoseconds (exact in a double for ~104 days). */
export type SimTime = number

/** Nanoseconds per second, for unit conversions at the edges. */
export const NS_PER_S = 1_000_000_000

/**
 * Event priorities at equal time. `Urgent` is for interrupts that must be seen before ordinary work
 * scheduled at the same instant; everything else is `Normal`.
 */
export const Priority = { Urgent: 0, Normal: 1 } as const
export type Priority = (typeof Priority)[keyof typeof Priority]

/** An event callback. It receives the numeric argument given when the event was scheduled. */
export type EventHandler = (arg: number) => void

/** Identifies a handler registered with `Simulation.register`. */
export type HandlerId = number

/** Thrown when a model detects a broken invariant; carries the simulated time and component. */
export class SimInvariantError extends Error {
  constructor(
    readonly timeNs: SimTime,
    readonly component: string,
    message: string,
  ) {
    super(`[t=${timeNs} ns] ${component}: ${message}`)
    this.name = 'SimInvariantError'
  }
}

/** Thrown by `run` when the cancellation check reports true. */
export class SimCancelledError extends Error {
  constructor(readonly timeNs: SimTime) {
    super(`simulation cancelled at t=${timeNs} ns`)
    this.name = 'SimCancelledError'
  }
}

/** Options of `Simulation.run`. */
export interface RunOptions {
  /** Process every event with time <= until, then stop with the clock at `until`. */
  until: SimTime
  /** Polled every `checkEvery` events; returning true aborts with SimCancelledError. */
  isCancelled?: () => boolean
  /** Called every `checkEvery` events with the current time (sampled, never per event). */
  onCheck?: (nowNs: SimTime) => void
  /** How many events between checks; default 4096. */
  checkEvery?: number
}

/**
 * The discrete-event kernel: a clock, a heap and a counter, as in SimPy. Handlers are registered once
 * (bound methods of components) and events carry a handler id and a numeric argument, so the hot
 * path schedules without allocating.
 */
export class Simulation {
  private clock: SimTime = 0
  private sequence = 0
  private processed = 0
  private readonly queue = new EventCalendar(4096)
  private readonly handlers: EventHandler[] = []
  private readonly handlerNames: string[] = []

  constructor(readonly seed: number) {}

  /** The current simulated time in nanoseconds. */
  get now(): SimTime {
    return this.clock
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.processed
  }

  /** The sequence number the next scheduled event will receive. */
  get nextSequence(): number {
    return this.sequence
  }

  /** Events waiting in the future event list. */
  get pending(): number {
    return this.queue.size
  }

  /** Registers a handler once; the returned id is what events carry. */
  register(name: string, handler: EventHandler): HandlerId {
    this.handlers.push(handler)
    this.handlerNames.push(name)
    return this.handlers.length - 1
  }

  /** Name given to a handler at registration (for error messages and traces). */
  handlerName(id: HandlerId): string {
    return this.handlerNames[id] ?? `#${id}`
  }

  /**
   * Schedules `handler(arg)` after `delayNs` (rounded to whole nanoseconds). Returns the event's
   * sequence number, which `Timer` uses to recognise stale events.
   */
  schedule(delayNs: number, handler: HandlerId, arg = 0, priority: Priority = Priority.Normal): number {
    if (!(delayNs >= 0)) {
      throw new RangeError(`Negative or invalid delay ${delayNs} ns for ${this.handlerName(handler)}`)
    }
    const seq = this.sequence++
    this.queue.push(this.clock + Math.round(delayNs), priority, seq, handler, arg)
    return seq
  }

  /** Schedules at an absolute time, which must not lie in the past. */
  scheduleAt(timeNs: SimTime, handler: HandlerId, arg = 0, priority: Priority = Priority.Normal): number {
    return this.schedule(timeNs - this.clock, handler, arg, priority)
  }

  /** A named random stream derived from the run seed. */
  stream(name: string): RandomStream {
    return new RandomStream(this.seed, name)
  }

  /** Pops and dispatches one event. Returns false when nothing is scheduled. */
  step(): boolean {
    const queue = this.queue
    const slot = queue.takeRoot()
    if (slot < 0) return false
    // PERF: written out here rather than calling `dispatch`, which V8 may not inline (the hold
    // model's handler, `schedule` and the RNG draw already fill its inlining budget).
    this.clock = queue.takenTime
    this.processed++
    this.handlers[queue.slotHandlers[slot]](queue.slotArgs[slot])
    return true
  }

  /** Runs until the given time (inclusive), polling cancellation and reporting progress. */
  run(options: RunOptions): void {
    const { until, isCancelled, onCheck } = options
    if (!(until > this.clock)) {
      throw new RangeError(`run(until=${until}) must be later than now (${this.clock})`)
    }
    const checkEvery = options.checkEvery ?? 4096
    let countdown = checkEvery
    const queue = this.queue
    for (let slot = queue.takeRootNotAfter(until); slot >= 0; slot = queue.takeRootNotAfter(until)) {
      this.dispatch(slot)
      if (--countdown === 0) {
        countdown = checkEvery
        if (isCancelled?.()) throw new SimCancelledError(this.clock)
        onCheck?.(this.clock)
      }
    }
    this.clock = until
  }

  /** Advances the clock to a taken event and calls its handler. */
  private dispatch(slot: number): void {
    const queue = this.queue
    this.clock = queue.takenTime
    this.processed++
    // PERF: handler and argument read straight from the queue's payload arrays (no record written
    // per event; they stay valid until the handler's first `schedule`, see event-calendar.ts).
    this.handlers[queue.slotHandlers[slot]](queue.slotArgs[slot])
  }
}

/**
 * A restartable one-shot timer (RTO, delayed ACK, interrupt throttle). Re-arming supersedes the
 * previous expiry: stale heap entries are recognised by their sequence number and ignored, which is
 * cheaper than deleting from the heap.
 */
export class Timer {
  private armedSeq = -1
  private expiryNs: SimTime = Infinity
  private readonly handlerId: HandlerId

  constructor(
    private readonly sim: Simulation,
    name: string,
    private readonly onExpire: () => void,
  ) {
    this.handlerId = sim.register(name, (seq) => this.fire(seq))
  }

  /** True while an expiry is pending. */
  get isArmed(): boolean {
    return this.armedSeq >= 0
  }

  /** Absolute expiry time, Infinity when disarmed. */
  get expiresAt(): SimTime {
    return this.expiryNs
  }

  /** Arms (or re-arms) the timer to fire after `delayNs`. */
  arm(delayNs: number): void {
    this.expiryNs = this.sim.now + Math.round(delayNs)
    // The event's argument is its own sequence number; `schedule` returns the same value.
    this.armedSeq = this.sim.schedule(delayNs, this.handlerId, this.sim.nextSequence)
  }

  /** Cancels a pending expiry. */
  disarm(): void {
    this.armedSeq = -1
    this.expiryNs = Infinity
  }

  private fire(seq: number): void {
    if (seq !== this.armedSeq) return
    this.armedSeq = -1
    this.expiryNs = Infinity
    this.onExpire()
  }
}
