import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_SACK_BLOCKS, PacketPool, mssForMtu } from '../../../../engine/model/net/packet'

describe('PacketPool', () => {
  it('tracks live packets through any sequence of allocations and frees, growing as needed', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 400 }), (operations) => {
        const pool = new PacketPool(16)
        const live: number[] = []
        for (const isAlloc of operations) {
          if (isAlloc || live.length === 0) {
            const id = pool.alloc()
            expect(live).not.toContain(id)
            pool.seq[id] = id * 10
            live.push(id)
          } else {
            const id = live.splice(live.length >> 1, 1)[0]
            expect(pool.seq[id]).toBe(id * 10)
            pool.free(id)
          }
          expect(pool.liveCount).toBe(live.length)
        }
        for (const id of live) expect(pool.isLive(id)).toBe(true)
      }),
    )
  })

  it('zeroes every field of a reused packet', () => {
    const pool = new PacketPool(16)
    const id = pool.alloc()
    pool.seq[id] = 5
    pool.payloadBytes[id] = 1448
    pool.flags[id] = 3
    pool.gsoSize[id] = 1448
    pool.free(id)
    const again = pool.alloc()
    expect(again).toBe(id)
    expect([pool.seq[again], pool.payloadBytes[again], pool.flags[again], pool.gsoSize[again]]).toEqual([
      0, 0, 0, 0,
    ])
  })

  it('keeps field values when it grows', () => {
    const pool = new PacketPool(16)
    const ids = Array.from({ length: 100 }, (_, i) => {
      const id = pool.alloc()
      pool.ackSeq[id] = i + 0.5
      return id
    })
    expect(pool.capacity).toBeGreaterThanOrEqual(100)
    ids.forEach((id, i) => expect(pool.ackSeq[id]).toBe(i + 0.5))
  })

  it('keeps SACK blocks when it grows and clears the block count of a reused packet', () => {
    const pool = new PacketPool(16)
    const ids = Array.from({ length: 100 }, (_, i) => {
      const id = pool.alloc()
      pool.sackCount[id] = MAX_SACK_BLOCKS
      for (let b = 0; b < MAX_SACK_BLOCKS; b++) {
        pool.sackStarts[id * MAX_SACK_BLOCKS + b] = i * 10 + b
        pool.sackEnds[id * MAX_SACK_BLOCKS + b] = i * 10 + b + 0.5
      }
      return id
    })
    expect(pool.sackStarts.length).toBe(pool.capacity * MAX_SACK_BLOCKS)
    ids.forEach((id, i) => {
      expect(pool.sackCount[id]).toBe(MAX_SACK_BLOCKS)
      expect(pool.sackStarts[id * MAX_SACK_BLOCKS + 2]).toBe(i * 10 + 2)
      expect(pool.sackEnds[id * MAX_SACK_BLOCKS + 2]).toBe(i * 10 + 2.5)
    })
    pool.free(ids[7])
    expect(pool.sackCount[pool.alloc()]).toBe(0)
  })

  it('rejects a double free', () => {
    const pool = new PacketPool(16)
    const id = pool.alloc()
    pool.free(id)
    expect(() => pool.free(id)).toThrow(/not a live packet/)
  })

  it('derives the MSS with timestamps from the MTU', () => {
    expect(mssForMtu(1500)).toBe(1448)
    expect(mssForMtu(9000)).toBe(8948)
  })
})
