/**
 * Wall time as a collaborator, so services stamp runs and pace progress without reading the
 * system clock directly and tests can be deterministic.
 */

/** A source of wall-clock time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() }
