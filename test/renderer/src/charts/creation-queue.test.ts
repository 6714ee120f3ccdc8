import { describe, expect, it } from 'vitest'
import { ChartCreationQueue } from '../../../../renderer/src/charts/creation-queue'

describe('ChartCreationQueue', () => {
  it('runs one creation per frame, in order, and lets a pending one be cancelled', () => {
    const frames: (() => void)[] = []
    const queue = new ChartCreationQueue((callback) => frames.push(callback))
    const created: string[] = []
    queue.enqueue(() => created.push('a'))
    const cancelB = queue.enqueue(() => created.push('b'))
    queue.enqueue(() => created.push('c'))
    expect(frames).toHaveLength(1)
    frames.shift()?.()
    expect(created).toEqual(['a'])
    cancelB()
    frames.shift()?.()
    expect(created).toEqual(['a', 'c'])
    expect(queue.size).toBe(0)
    expect(frames).toHaveLength(0)
  })
})
