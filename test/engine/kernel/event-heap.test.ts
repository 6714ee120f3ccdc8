import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventHeap, type PoppedEvent } from '../../../engine/kernel/event-heap'

describe('EventHeap', () => {
  it('pops in (time, priority, sequence) order for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 50 }), priority: fc.integer({ min: 0, max: 1 }), popAfter: fc.boolean() }), {
          maxLength: 300,
        }),
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
