import { describe, expect, it } from 'vitest'
import type { RunProgress, RunSeries } from '../../../engine/results/run-result'
import { ProgressPacer, decimateSeries } from '../../../main/services/progress-decimation'

function series(times: number[]): RunSeries {
  return {
    intervalS: 0.01,
    timeS: times,
    throughputMbps: times.map((time) => time * 10),
    cpu: { guest: times.map((time) => time / 100) },
    cwndSegments: times.map(() => 4),
    lroRate: times.map(() => null),
  }
}

function progressAt(fraction: number, times: number[]): RunProgress {
  return { fraction, simTimeS: fraction, events: Math.round(fraction * 1000), samples: series(times) }
}

describe('decimateSeries', () => {
  it('keeps a short series as it is', () => {
    const short = series([0, 1, 2])
    expect(decimateSeries(short, 500)).toBe(short)
  })

  it('keeps at most the cap, evenly spread, including the first and last sample, in every array', () => {
    const times = Array.from({ length: 10_001 }, (_, index) => index)
    const decimated = decimateSeries(series(times), 500)
    expect(decimated.timeS).toHaveLength(500)
    expect(decimated.timeS[0]).toBe(0)
    expect(decimated.timeS.at(-1)).toBe(10_000)
    expect(decimated.throughputMbps).toEqual(decimated.timeS.map((time) => time * 10))
    expect(decimated.cpu.guest).toEqual(decimated.timeS.map((time) => time / 100))
    const gaps = decimated.timeS.slice(1).map((time, index) => time - decimated.timeS[index])
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1)
  })
})

describe('ProgressPacer', () => {
  it('forwards at most one batch per interval per run, merging the points in between', () => {
    let nowMs = 0
    const emitted: { runId: string; progress: RunProgress }[] = []
    const pacer = new ProgressPacer({
      clock: { now: () => nowMs },
      minIntervalMs: 50,
      emit: (runId, progress) => emitted.push({ runId, progress }),
    })
    pacer.push('a', progressAt(0.1, [0, 1]))
    nowMs = 10
    pacer.push('a', progressAt(0.2, [2, 3]))
    pacer.push('b', progressAt(0.5, [0]))
    nowMs = 30
    pacer.push('a', progressAt(0.3, [4]))
    expect(emitted.map((entry) => entry.runId)).toEqual(['a', 'b'])
    nowMs = 60
    pacer.push('a', progressAt(0.4, [5]))
    expect(emitted).toHaveLength(3)
    expect(emitted[2].progress.fraction).toBe(0.4)
    expect(emitted[2].progress.samples.timeS).toEqual([2, 3, 4, 5])
  })

  it('flushes what is pending when a run ends and drops it when a run is abandoned', () => {
    const emitted: RunProgress[] = []
    const pacer = new ProgressPacer({
      clock: { now: () => 0 },
      minIntervalMs: 50,
      emit: (_runId, progress) => emitted.push(progress),
    })
    pacer.push('a', progressAt(0.1, [0]))
    pacer.push('a', progressAt(0.2, [1]))
    pacer.push('b', progressAt(0.1, [0]))
    pacer.push('b', progressAt(0.2, [1]))
    pacer.flush('a')
    pacer.drop('b')
    pacer.flush('b')
    expect(emitted.map((progress) => progress.samples.timeS)).toEqual([[0], [0], [1]])
  })

  it('caps the points of a merged batch', () => {
    const emitted: RunProgress[] = []
    const pacer = new ProgressPacer({
      clock: { now: () => 0 },
      maxPointsPerSeries: 100,
      emit: (_runId, progress) => emitted.push(progress),
    })
    pacer.push('a', progressAt(0, [0]))
    for (let batch = 0; batch < 50; batch += 1) {
      pacer.push(
        'a',
        progressAt(
          batch / 50,
          Array.from({ length: 10 }, (_, index) => batch * 10 + index),
        ),
      )
    }
    pacer.flush('a')
    expect(emitted).toHaveLength(2)
    expect(emitted[1].samples.timeS).toHaveLength(100)
    expect(emitted[1].samples.timeS.at(-1)).toBe(499)
  })
})
