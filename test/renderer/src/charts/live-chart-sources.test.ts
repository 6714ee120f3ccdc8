import { describe, expect, it } from 'vitest'
import { presetFigureSource, throughputSweepSource } from '../../../../renderer/src/charts/live-chart-sources'
import type { ChartHint } from '../../../../renderer/src/logic/preset-chart'
import { aboveWireNote, seriesRunInfo, warmupBands } from '../../../../renderer/src/logic/series-run-info'
import { fakeRun } from '../../support/fake-lab-api'

const figure6: ChartHint = {
  kind: 'line',
  xField: 'jbb',
  seriesField: 'config',
  xLabel: 'SPECjbb load',
  metrics: ['throughputMbps'],
}

function run(id: string, config: 'xen' | 'vlro', jbb: 'off' | number, seed: number, mbps: number) {
  const base = fakeRun(id)
  return fakeRun(id, {
    config,
    jbb,
    seed,
    spec: { ...base.spec, config, jbb, seed },
    metrics: { ...base.metrics!, throughputMbps: mbps },
  })
}

const paperXen = {
  id: 'T',
  env: 'direct-2009' as const,
  config: 'xen' as const,
  mtu: 1500,
  throughputMbps: 566,
}

describe('preset figure sources', () => {
  it('draws the 95% interval of replicated points as error bars, none for a single run', () => {
    const runs = [
      run('a', 'xen', 'off', 1, 700),
      run('b', 'xen', 'off', 2, 720),
      run('c', 'xen', 0.5, 1, 600),
    ]
    const source = presetFigureSource(
      () => runs,
      () => figure6,
      'throughputMbps',
    )
    const [xen] = source.build('light').datasets
    expect(xen.type).toBe('lineWithErrorBars')
    const [off, loaded] = xen.data as { y: number; yMin: number; yMax: number }[]
    // Two replicates 700 and 720: mean 710, half-width t(0.975, 1) x s / sqrt(2) = 12.706 x 14.142 / 1.414.
    expect(off.y).toBe(710)
    expect(off.yMax - off.y).toBeCloseTo(127.06, 1)
    expect(off.y - off.yMin).toBeCloseTo(127.06, 1)
    expect(loaded).toEqual({ y: 600, yMin: 600, yMax: 600 })
  })

  it("says the paper's markers stop at SPECjbb off when runs are loaded, and names coinciding lines", () => {
    const runs = [
      run('a', 'xen', 'off', 1, 700),
      run('b', 'vlro', 'off', 1, 701),
      run('c', 'xen', 0.5, 1, 600),
      run('d', 'vlro', 0.5, 1, 602),
    ]
    const notes = presetFigureSource(
      () => runs,
      () => figure6,
      'throughputMbps',
      [paperXen],
    ).notes!()
    expect(notes).toHaveLength(2)
    expect(notes[0]).toMatch(/^xen and vlro lie within 1 % of the axis/)
    expect(notes[1]).toMatch(/for SPECjbb off only/)
    const unloaded = runs.filter((candidate) => candidate.jbb === 'off')
    expect(
      presetFigureSource(
        () => unloaded,
        () => figure6,
        'throughputMbps',
        [paperXen],
      ).notes!(),
    ).toEqual([expect.stringMatching(/^xen and vlro/)])
  })

  it('names overlapping sweep lines', () => {
    const runs = [run('a', 'xen', 'off', 1, 700), run('b', 'vlro', 'off', 1, 900)]
    expect(throughputSweepSource(() => runs).notes!()).toEqual([])
    runs[1].metrics!.throughputMbps = 703
    expect(throughputSweepSource(() => runs).notes!()[0]).toMatch(/xen @ 1500 and vlro @ 1500/)
  })
})

describe('time series facts', () => {
  it('shades the warm-up and reads the wire rate from the run', () => {
    const info = seriesRunInfo({ warmupS: 0.5, params: {} })
    expect(info).toEqual({ warmupS: 0.5, wireMbps: 1000 })
    expect(seriesRunInfo({ warmupS: 0, params: { 'wire.rateBps': 1e10 } }).wireMbps).toBe(10_000)
    expect(warmupBands(info)).toEqual([{ from: 0, to: 0.5, label: 'warm-up (not measured)' }])
    expect(warmupBands({ warmupS: 0, wireMbps: 1000 })).toEqual([])
  })

  it('explains samples above the wire and stays silent below it', () => {
    const info = { warmupS: 0, wireMbps: 1000 }
    expect(aboveWireNote([{ x: 0.001, y: 940 }], info)).toEqual([])
    const [note] = aboveWireNote(
      [
        { x: 0.001, y: 0 },
        { x: 0.002, y: 11883.7 },
      ],
      info,
    )
    expect(note).toMatch(/^1 sample\(s\) exceed the 1000 Mb\/s wire \(up to 11884 Mb\/s\)/)
    expect(note).toMatch(/waited for the CPU/)
  })
})
