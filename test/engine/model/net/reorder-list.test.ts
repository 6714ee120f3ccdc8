import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ReorderList } from '../../../../engine/model/net/reorder-list'

describe('ReorderList', () => {
  it('holds the union of inserted ranges and drains exactly the contiguous prefix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 20 })), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 150 }),
        (ranges, drainAt) => {
          const list = new ReorderList(1000)
          const held = new Set<number>()
          for (const [start, length] of ranges) {
            expect(list.insert(start, start + length)).toBe(true)
            for (let byte = start; byte < start + length; byte++) held.add(byte)
          }
          expect(list.bytes).toBe(held.size)
          let expectedNext = drainAt
          while (held.has(expectedNext)) expectedNext++
          const next = list.drainFrom(drainAt)
          expect(next).toBe(expectedNext)
          // Everything at or beyond the first gap stays; everything before it was drained.
          const beyond = [...held].filter((byte) => byte >= next)
          expect(list.bytes).toBe(beyond.length)
        },
      ),
    )
  })

  it('drops a range that needs a new slot when full, but still merges into existing ones', () => {
    const list = new ReorderList(2)
    expect(list.insert(10, 20)).toBe(true)
    expect(list.insert(30, 40)).toBe(true)
    expect(list.insert(50, 60)).toBe(false)
    expect(list.insert(20, 30)).toBe(true)
    expect(list.size).toBe(1)
    expect(list.bytes).toBe(30)
    expect(list.drainFrom(10)).toBe(40)
    expect(list.size).toBe(0)
    expect(list.bytes).toBe(0)
  })
})
