import { describe, expect, it } from 'vitest'
import { LiveSeriesBuffer } from '../../../../renderer/src/logic/live-buffer'

function samples(times: number[]) {
  return {
    intervalS: 0.05,
    timeS: times,
    throughputMbps: times.map((time) => time * 100),
    cpu: { guest: times.map(() => 0.5) },
    cwndSegments: times.map(() => 10),
    lroRate: times.map(() => 2),
  }
}

describe('LiveSeriesBuffer', () => {
  it('appends batches per run and bumps its version', () => {
    const buffer = new LiveSeriesBuffer()
    buffer.append('a', samples([0.05, 0.1]))
    buffer.append('a', samples([0.15]))
    const series = buffer.get('a')
    expect(series?.throughput.map((point) => point.x)).toEqual([0.05, 0.1, 0.15])
    expect(series?.cpu.get('guest')?.[0]).toEqual({ x: 0.05, y: 50 })
    expect(series?.lroRate).toHaveLength(3)
    expect(buffer.version).toBe(2)
  })
  it('ignores samples that are not newer than the last one (a repeated batch)', () => {
    const buffer = new LiveSeriesBuffer()
    buffer.append('a', samples([0.05, 0.1]))
    buffer.append('a', samples([0.1, 0.15]))
    expect(buffer.get('a')?.throughput.map((point) => point.x)).toEqual([0.05, 0.1, 0.15])
  })
  it('bounds memory by dropping the oldest half', () => {
    const buffer = new LiveSeriesBuffer(10)
    buffer.append('a', samples(Array.from({ length: 11 }, (_, index) => index + 1)))
    const xs = buffer.get('a')?.throughput.map((point) => point.x) ?? []
    expect(xs.length).toBeLessThanOrEqual(10)
    expect(xs[xs.length - 1]).toBe(11)
  })
  it('forgets runs', () => {
    const buffer = new LiveSeriesBuffer()
    buffer.append('a', samples([1]))
    buffer.delete('a')
    expect(buffer.get('a')).toBeUndefined()
    expect(buffer.runIds()).toEqual([])
  })
})
