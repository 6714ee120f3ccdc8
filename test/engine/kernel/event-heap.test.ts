import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventHeap, type PoppedEvent } from '../../../engine/kernel/event-heap'

describe('EventHeap', () => {
  it('pops in (time, priority, sequence) order for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.integer({ min: 0, max: 50 }),
            priority: fc.integer({ min: 0, max: 1 }),
            popAfter: fc.boolean(),
          }),
          {
            maxLength: 300,
          },
        ),
        (operations) => {
          const heap = new EventHeap(4)
          const reference: { time: number; priority: number; seq: number }[] = []
          const out: PoppedEvent = { time: 0, seq: 0, handler: 0, arg: 0 }
          let seq = 0
          const popBoth = () => {
            reference.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
            const expected = reference.shift()
            expect(heap.pop(out)).toBe(expected !== undefined)
            if (expected !== undefined) {
              expect(out.time).toBe(expected.time)
              expect(out.seq).toBe(expected.seq)
              expect(out.handler).toBe(expected.seq % 13)
              expect(out.arg).toBe(expected.seq * 0.5)
            }
          }
          for (const operation of operations) {
            heap.push(operation.time, operation.priority, seq, seq % 13, seq * 0.5)
            reference.push({ time: operation.time, priority: operation.priority, seq })
            seq++
            if (operation.popAfter) popBoth()
          }
          while (reference.length > 0) popBoth()
          expect(heap.size).toBe(0)
          expect(heap.pop(out)).toBe(false)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('keeps (time, priority, sequence) order when a taken root is replaced by the next push', () => {
    // The kernel's step: take the root, let the handler schedule 0-3 events (the first one replaces
    // the root in place), then settle. Checked against a sorted reference list.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            delays: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3 }),
            priority: fc.integer({ min: 0, max: 1 }),
          }),
          {
            maxLength: 200,
          },
        ),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 40 }),
        (steps, initialTimes) => {
          const heap = new EventHeap(4)
          const reference: { time: number; priority: number; seq: number }[] = []
          let seq = 0
          const pushBoth = (time: number, priority: number) => {
            heap.push(time, priority, seq, seq % 7, seq * 0.25)
            reference.push({ time, priority, seq })
            seq++
          }
          for (const time of initialTimes) pushBoth(time, 1)
          for (const step of steps) {
            reference.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
            const expected = reference.shift()
            const slot = heap.takeRoot()
            if (expected === undefined) {
              expect(slot).toBe(-1)
              break
            }
            expect(heap.takenTime).toBe(expected.time)
            expect(heap.slotHandlers[slot]).toBe(expected.seq % 7)
            expect(heap.slotArgs[slot]).toBe(expected.seq * 0.25)
            expect(heap.size).toBe(reference.length)
            for (const delay of step.delays) pushBoth(expected.time + delay, step.priority)
            heap.settle()
            expect(heap.size).toBe(reference.length)
          }
          const out: PoppedEvent = { time: 0, seq: 0, handler: 0, arg: 0 }
          reference.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
          for (const expected of reference) {
            expect(heap.pop(out)).toBe(true)
            expect([out.time, out.seq]).toEqual([expected.time, expected.seq])
          }
          expect(heap.pop(out)).toBe(false)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('settles a taken root lazily when peeked, and orders events at Infinity FIFO', () => {
    const heap = new EventHeap(4)
    heap.push(Infinity, 1, 0, 0, 0)
    heap.push(3, 1, 1, 1, 0)
    heap.push(Infinity, 1, 2, 2, 0)
    expect(heap.slotHandlers[heap.takeRoot()]).toBe(1)
    expect(heap.size).toBe(2)
    expect(heap.peekTime()).toBe(Infinity)
    const out: PoppedEvent = { time: 0, seq: 0, handler: 0, arg: 0 }
    expect(heap.pop(out)).toBe(true)
    expect(out.seq).toBe(0)
    expect(heap.pop(out)).toBe(true)
    expect(out.seq).toBe(2)
    expect(heap.pop(out)).toBe(false)
  })

  it('reports Infinity as the next time when empty, and clear empties it', () => {
    const heap = new EventHeap(2)
    expect(heap.peekTime()).toBe(Infinity)
    for (let i = 0; i < 10; i++) heap.push(10 - i, 1, i, 0, 0)
    expect(heap.peekTime()).toBe(1)
    heap.clear()
    expect(heap.size).toBe(0)
    heap.push(5, 1, 0, 0, 0)
    expect(heap.peekTime()).toBe(5)
  })
})
