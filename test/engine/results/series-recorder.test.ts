import { describe, expect, it } from 'vitest'
import { CONTEXTS } from '../../../engine/results/run-result'
import { SeriesRecorder } from '../../../engine/results/series-recorder'

function busy(kernelSeconds: number): Float64Array {
  const values = new Float64Array(CONTEXTS.length)
  values[CONTEXTS.indexOf('kernel')] = kernelSeconds
  return values
}

describe('SeriesRecorder', () => {
  it('converts bytes and busy seconds into rates and leaves idle contexts out', () => {
    const recorder = new SeriesRecorder(0.1, 4)
    recorder.record({
      timeS: 0.1,
      deliveredBytes: 12_500_000,
      intervalS: 0.1,
      busySecondsByContext: busy(0.05),
      cwndSegments: 10,
      lroIn: 0,
      lroOut: 0,
      hasLro: false,
    })
    recorder.record({
      timeS: 0.2,
      deliveredBytes: 0,
      intervalS: 0.1,
      busySecondsByContext: busy(0),
      cwndSegments: 12,
      lroIn: 30,
      lroOut: 10,
      hasLro: true,
    })
    const series = recorder.slice()
    expect(series.throughputMbps).toEqual([1000, 0])
    expect(series.cpu.kernel).toEqual([0.5, 0])
    expect(series.cpu.guest).toBeUndefined()
    expect(series.lroRate).toEqual([null, 3])
    expect(recorder.slice(1).timeS).toEqual([0.2])
  })

  it('never grows beyond its preallocated capacity', () => {
    const recorder = new SeriesRecorder(1, 2)
    for (let i = 0; i < 5; i++) {
      recorder.record({
        timeS: i,
        deliveredBytes: 1,
        intervalS: 1,
        busySecondsByContext: busy(0),
        cwndSegments: 1,
        lroIn: 0,
        lroOut: 0,
        hasLro: false,
      })
    }
    expect(recorder.length).toBe(2)
  })
})
