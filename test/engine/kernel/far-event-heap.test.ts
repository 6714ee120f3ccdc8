import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FarEventHeap } from '../../../engine/kernel/far-event-heap'

describe('FarEventHeap', () => {
  it('pops slots in (time, tie) order for any interleaving, growing past its capacity', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(Infinity)),
            priority: fc.integer({ min: 0, max: 1 }),
            popAfter: fc.boolean(),
          }),
          { maxLength: 300 },
        ),
        (operations) => {
          const heap = new FarEventHeap(4)
          const reference: { time: number; tie: number; slot: number }[] = []
          const popBoth = (): void => {
            reference.sort((a, b) => a.time - b.time || a.tie - b.tie)
            const expected = reference.shift()
            if (expected === undefined) return
            expect(heap.minTime()).toBe(expected.time)
            expect(heap.pop()).toBe(expected.slot)
          }
          operations.forEach((operation, slot) => {
            const tie = operation.priority * 2 ** 52 + slot
            heap.push(operation.time, tie, slot)
            reference.push({ time: operation.time, tie, slot })
            if (operation.popAfter) popBoth()
          })
          while (reference.length > 0) popBoth()
          expect(heap.size).toBe(0)
          expect(heap.minTime()).toBe(Infinity)
        },
      ),
      { numRuns: 200 },
    )
  })
})
