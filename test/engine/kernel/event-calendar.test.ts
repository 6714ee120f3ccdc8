import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventCalendar, type PoppedEvent } from '../../../engine/kernel/event-calendar'

interface ReferenceEvent {
  time: number
  priority: number
  seq: number
}

function byKey(a: ReferenceEvent, b: ReferenceEvent): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq
}

/** A calendar and a plain list side by side; `popBoth` checks the calendar against the sorted list. */
function pairedQueues(calendar: EventCalendar) {
  const reference: ReferenceEvent[] = []
  const out: PoppedEvent = { time: 0, seq: 0, handler: 0, arg: 0 }
  let seq = 0
  return {
    reference,
    push(time: number, priority: number): void {
      calendar.push(time, priority, seq, seq % 13, seq * 0.5)
      reference.push({ time, priority, seq })
      seq++
    },
    popBoth(): ReferenceEvent | undefined {
      reference.sort(byKey)
      const expected = reference.shift()
      expect(calendar.pop(out)).toBe(expected !== undefined)
      if (expected !== undefined) {
        expect(out.time).toBe(expected.time)
        expect(out.seq).toBe(expected.seq)
        expect(out.handler).toBe(expected.seq % 13)
        expect(out.arg).toBe(expected.seq * 0.5)
      }
      expect(calendar.size).toBe(reference.length)
      return expected
    },
  }
}

/** Event times: many equal ones, near and far ones (past any window), and +Infinity. */
const eventTime = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 400_000_000_000 }) },
  { weight: 1, arbitrary: fc.constant(Infinity) },
)

describe('EventCalendar', () => {
  it('pops in (time, priority, sequence) order for any interleaving of pushes and pops', () => {
    // Times in any order (also earlier than events already popped), growth past the initial
    // capacity, and width reviews after every few pops so that the window is rebuilt often.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ time: eventTime, priority: fc.integer({ min: 0, max: 1 }), popAfter: fc.boolean() }),
          {
            maxLength: 300,
          },
        ),
        fc.integer({ min: 1, max: 64 }),
        (operations, reviewInterval) => {
          const calendar = new EventCalendar(4, reviewInterval)
          const queues = pairedQueues(calendar)
          for (const operation of operations) {
            queues.push(operation.time, operation.priority)
            if (operation.popAfter) queues.popBoth()
          }
          while (queues.reference.length > 0) queues.popBoth()
          expect(calendar.pop({ time: 0, seq: 0, handler: 0, arg: 0 })).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps the order when every handler schedules from the current time on (the kernel pattern)', () => {
    // Like Simulation.step: take the earliest event, then schedule 0-3 events at or after its time,
    // with delays from equal-time to far-future timers.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            delays: fc.array(
              fc.oneof(
                fc.integer({ min: 0, max: 40 }),
                fc.integer({ min: 0, max: 20_000 }),
                fc.integer({ min: 0, max: 600_000 }),
                fc.integer({ min: 0, max: 2_000_000 }),
                fc.integer({ min: 0, max: 200_000_000 }),
                fc.constant(0),
              ),
              { maxLength: 3 },
            ),
            priority: fc.integer({ min: 0, max: 1 }),
          }),
          { maxLength: 400 },
        ),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 40 }),
        // Reviews after every few pops (frequent rebuilds), or never (the starting width stays).
        fc.oneof(fc.integer({ min: 1, max: 32 }), fc.constant(1_000_000)),
        (steps, initialTimes, reviewInterval) => {
          const calendar = new EventCalendar(4, reviewInterval)
          const queues = pairedQueues(calendar)
          for (const time of initialTimes) queues.push(time, 1)
          for (const step of steps) {
            queues.reference.sort(byKey)
            const expected = queues.reference.shift()
            const slot = calendar.takeRoot()
            if (expected === undefined) {
              expect(slot).toBe(-1)
              break
            }
            expect(calendar.takenTime).toBe(expected.time)
            expect(calendar.slotHandlers[slot]).toBe(expected.seq % 13)
            expect(calendar.slotArgs[slot]).toBe(expected.seq * 0.5)
            expect(calendar.size).toBe(queues.reference.length)
            for (const delay of step.delays) queues.push(expected.time + delay, step.priority)
            calendar.settle()
          }
          while (queues.reference.length > 0) queues.popBoth()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('adapts the bucket width both ways and keeps the order through the rebuilds', () => {
    const calendar = new EventCalendar(4, 16)
    const queues = pairedQueues(calendar)
    // Sparse phase: events 10 us apart, so the width must grow well past 1 ns.
    for (let i = 0; i < 200; i++) queues.push(i * 10_000, 1)
    for (let i = 0; i < 150; i++) {
      const popped = queues.popBoth()
      if (popped !== undefined) queues.push(popped.time + 2_000_000, 1)
    }
    const sparseWidth = calendar.bucketWidth
    expect(sparseWidth).toBeGreaterThan(64)
    // Dense phase: events out of order within a few ns (inserts walk the lists), so it must shrink.
    let state = 12345
    const now = (): number => calendar.takenTime
    for (let i = 0; i < 4000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      queues.push(now() + (state % 7), state % 2)
      if (i % 2 === 1) queues.popBoth()
    }
    expect(calendar.bucketWidth).toBeLessThan(sparseWidth)
    while (queues.reference.length > 0) queues.popBoth()
  })

  it('moves far events into the window as it slides over them, before later events added there', () => {
    // The starting window is 4096 buckets of 64 ns (262 144 ns); no width review in this test.
    for (const farTime of [262_144, 300_000, 450_000]) {
      const calendar = new EventCalendar(4, 1_000_000)
      const queues = pairedQueues(calendar)
      queues.push(0, 1)
      queues.push(farTime, 1)
      queues.push(200_000, 1)
      queues.popBoth()
      queues.popBoth()
      // The window now reaches past farTime: an event just after it must still come second.
      queues.push(farTime + 1, 1)
      queues.push(farTime, 0)
      while (queues.reference.length > 0) queues.popBoth()
    }
  })

  it('takeRootNotAfter refuses later events without moving the window', () => {
    const calendar = new EventCalendar(4)
    calendar.push(10, 1, 0, 1, 0)
    calendar.push(5_000_000_000, 1, 1, 2, 0)
    expect(calendar.slotHandlers[calendar.takeRootNotAfter(100)]).toBe(1)
    // Nothing due by 1000: the far event stays, and an event at 20 still comes out first.
    expect(calendar.takeRootNotAfter(1000)).toBe(-1)
    calendar.push(20, 1, 2, 3, 0)
    calendar.push(20, 0, 3, 4, 0)
    expect(calendar.peekTime()).toBe(20)
    expect(calendar.slotHandlers[calendar.takeRootNotAfter(1000)]).toBe(4)
    expect(calendar.slotHandlers[calendar.takeRootNotAfter(1000)]).toBe(3)
    expect(calendar.takeRootNotAfter(1000)).toBe(-1)
    expect(calendar.peekTime()).toBe(5_000_000_000)
    expect(calendar.slotHandlers[calendar.takeRootNotAfter(5_000_000_000)]).toBe(2)
    expect(calendar.takeRootNotAfter(Infinity)).toBe(-1)
  })

  it('orders events at Infinity FIFO after every finite one', () => {
    const calendar = new EventCalendar(4)
    calendar.push(Infinity, 1, 0, 0, 0)
    calendar.push(3, 1, 1, 1, 0)
    calendar.push(Infinity, 1, 2, 2, 0)
    expect(calendar.slotHandlers[calendar.takeRoot()]).toBe(1)
    expect(calendar.size).toBe(2)
    expect(calendar.peekTime()).toBe(Infinity)
    const out: PoppedEvent = { time: 0, seq: 0, handler: 0, arg: 0 }
    expect(calendar.pop(out)).toBe(true)
    expect([out.time, out.seq]).toEqual([Infinity, 0])
    expect(calendar.pop(out)).toBe(true)
    expect([out.time, out.seq]).toEqual([Infinity, 2])
    expect(calendar.pop(out)).toBe(false)
  })

  it('reports Infinity as the next time when empty, and clear empties it', () => {
    const calendar = new EventCalendar(2)
    expect(calendar.peekTime()).toBe(Infinity)
    for (let i = 0; i < 10; i++) calendar.push(10 - i, 1, i, 0, 0)
    calendar.push(9e9, 1, 10, 0, 0)
    expect(calendar.peekTime()).toBe(1)
    calendar.clear()
    expect(calendar.size).toBe(0)
    expect(calendar.peekTime()).toBe(Infinity)
    calendar.push(5, 1, 0, 0, 0)
    expect(calendar.peekTime()).toBe(5)
    expect(calendar.size).toBe(1)
  })
})
