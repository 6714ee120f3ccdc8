import { describe, expect, it } from 'vitest'
import { SackBlocks } from '../../../../engine/model/net/sack-blocks'

function blocksOf(list: SackBlocks): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < list.size; i++) out.push([list.startAt(i), list.endAt(i)])
  return out
}

describe('SackBlocks (tcp_sack_new_ofo_skb, tcp_sack_remove)', () => {
  it('puts a new island first and forgets the oldest beyond 4', () => {
    const list = new SackBlocks()
    for (const start of [10, 30, 50, 70, 90]) list.add(start, start + 5)
    expect(blocksOf(list)).toEqual([
      [90, 95],
      [70, 75],
      [50, 55],
      [30, 35],
    ])
  })

  it('extends a touched block, rotates it to the front and merges the blocks it now reaches', () => {
    const list = new SackBlocks()
    list.add(10, 20)
    list.add(30, 40)
    list.add(50, 60)
    list.add(20, 30)
    expect(blocksOf(list)).toEqual([
      [10, 40],
      [50, 60],
    ])
    list.add(55, 58)
    expect(blocksOf(list)).toEqual([
      [50, 60],
      [10, 40],
    ])
  })

  it('removes the blocks rcv_nxt has reached and keeps the others in order', () => {
    const list = new SackBlocks()
    list.add(50, 60)
    list.add(10, 20)
    list.add(30, 40)
    list.removeBelow(30)
    expect(blocksOf(list)).toEqual([[50, 60]])
    list.clear()
    expect(list.size).toBe(0)
  })
})
