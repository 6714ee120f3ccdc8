import { describe, expect, it } from 'vitest'
import { IdQueue } from '../../../../engine/model/native/id-queue'

describe('IdQueue', () => {
  it('is FIFO across growth and wrap-around', () => {
    const queue = new IdQueue(4)
    for (let i = 0; i < 3; i++) queue.push(i)
    expect(queue.shift()).toBe(0)
    for (let i = 3; i < 20; i++) queue.push(i)
    const out: number[] = []
    while (queue.length > 0) out.push(queue.shift())
    expect(out).toEqual(Array.from({ length: 19 }, (_, i) => i + 1))
  })

  it('refuses to shift when empty', () => {
    expect(() => new IdQueue().shift()).toThrow(/empty/)
  })
})
