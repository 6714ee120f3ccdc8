import { describe, expect, it } from 'vitest'
import { WorkRing } from '../../../../engine/model/host/work-ring'

describe('WorkRing', () => {
  it('keeps FIFO order and every field across wrap-around and growth', () => {
    const ring = new WorkRing(2)
    const seen: number[] = []
    const callback = (arg: number): void => void seen.push(arg)
    let next = 0
    let expected = 0
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < (round % 5) + 1; i++, next++) ring.push(next % 7, next * 10, next * 3, callback, next)
      for (let i = 0; i < (round % 3) + 1 && !ring.isEmpty; i++, expected++) {
        expect(ring.headStage).toBe(expected % 7)
        expect(ring.headCycles).toBe(expected * 10)
        expect(ring.headInstructions).toBe(expected * 3)
        ring.headCallback(ring.headArg)
        ring.shift()
      }
    }
    expect(ring.size).toBe(next - expected)
    expect(seen).toEqual(Array.from({ length: expected }, (_, i) => i))
  })

  it('lets the head item keep its remaining cycles', () => {
    const ring = new WorkRing()
    ring.push(0, 1000, 500, () => undefined, 0)
    ring.headCycles = 400
    expect(ring.headCycles).toBe(400)
    expect(ring.headInstructions).toBe(500)
  })
})
