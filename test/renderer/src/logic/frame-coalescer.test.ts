import { describe, expect, it } from 'vitest'
import { createFrameCoalescer } from '../../../../renderer/src/logic/frame-coalescer'

describe('createFrameCoalescer', () => {
  it('flushes once per frame however many requests arrive', () => {
    const frames: (() => void)[] = []
    let flushes = 0
    const coalescer = createFrameCoalescer(
      () => flushes++,
      (callback) => frames.push(callback),
    )
    for (let index = 0; index < 100; index++) coalescer.request()
    expect(frames).toHaveLength(1)
    expect(coalescer.isPending).toBe(true)
    frames.shift()?.()
    expect(flushes).toBe(1)
    coalescer.request()
    expect(frames).toHaveLength(1)
  })
})
