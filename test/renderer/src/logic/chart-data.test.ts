import { describe, expect, it } from 'vitest'
import {
  jbbAsNumber,
  lroRateSeries,
  stageBreakdown,
  sweepSeries,
  throughputVersusScore,
  timeSeriesLines,
  type ChartableRun,
} from '../../../../renderer/src/logic/chart-data'

function run(
  partial: Partial<ChartableRun> & { throughput?: number; lro?: number | null; score?: number | null },
): ChartableRun {
  return {
    id: Math.random().toString(36),
    config: partial.config ?? 'xen',
    mtu: partial.mtu ?? 1500,
    messageSize: partial.messageSize ?? 16384,
    jbb: partial.jbb ?? 'off',
    metrics:
      partial.metrics === null
        ? null
        : {
            throughputMbps: partial.throughput ?? 500,
            lroRate: partial.lro ?? null,
            clk: 9,
            inst: 7,
            specjbbScore: partial.score ?? null,
          },
  }
}

describe('sweepSeries', () => {
  it('folds replicates into a mean with an interval and sorts points by x', () => {
    const runs = [
      run({ messageSize: 1024, throughput: 600 }),
      run({ messageSize: 64, throughput: 100 }),
      run({ messageSize: 1024, throughput: 620 }),
      run({ config: 'vlro', messageSize: 64, throughput: 150 }),
    ]
    const series = sweepSeries(runs, 'messageSize', 'throughputMbps')
    expect(series.map((line) => line.key)).toEqual(['xen', 'vlro'])
    const xen = series[0]
    expect(xen.points.map((point) => point.x)).toEqual([64, 1024])
    expect(xen.points[1]).toMatchObject({ y: 610, count: 2 })
    expect(xen.points[1].yHigh).toBeGreaterThan(610)
    expect(xen.points[0].yLow).toBe(100)
  })
  it('splits by configuration and MTU when asked, and skips unfinished runs', () => {
    const runs = [run({ mtu: 1500 }), run({ mtu: 4000 }), run({ metrics: null })]
    expect(sweepSeries(runs, 'messageSize', 'throughputMbps', 'config-mtu').map((line) => line.key)).toEqual([
      'xen @ 1500',
      'xen @ 4000',
    ])
  })
})

describe('throughputVersusScore', () => {
  it('puts the mean SPECjbb score of each load level on x', () => {
    const runs = [
      run({ jbb: 0.5, score: 5000, throughput: 400 }),
      run({ jbb: 0.5, score: 5200, throughput: 420 }),
      run({ jbb: 'max', score: 9000, throughput: 200 }),
      run({ jbb: 'off', score: null, throughput: 600 }),
    ]
    const [xen] = throughputVersusScore(runs)
    expect(xen.points.map((point) => [point.x, point.y])).toEqual([
      [5100, 410],
      [9000, 200],
    ])
  })
})

describe('lroRateSeries', () => {
  it('keeps only runs with an LRO point', () => {
    const series = lroRateSeries([run({ config: 'xen' }), run({ config: 'vlro', lro: 3.5 })])
    expect(series).toHaveLength(1)
    expect(series[0].points[0].y).toBe(3.5)
  })
})

describe('jbbAsNumber', () => {
  it('maps off to 0 and max to 1', () => {
    expect([jbbAsNumber('off'), jbbAsNumber(0.3), jbbAsNumber('max')]).toEqual([0, 0.3, 1])
  })
})

describe('timeSeriesLines', () => {
  it('pairs times with values and turns CPU shares into percent', () => {
    const lines = timeSeriesLines({
      intervalS: 0.1,
      timeS: [0.1, 0.2],
      throughputMbps: [10, 20],
      cpu: { dom0: [0.5, 0.25] },
      cwndSegments: [1, 2],
      lroRate: [null, null],
    })
    expect(lines.throughput.points).toEqual([
      { x: 0.1, y: 10 },
      { x: 0.2, y: 20 },
    ])
    expect(lines.cpu[0]).toMatchObject({
      key: 'dom0',
      points: [
        { x: 0.1, y: 50 },
        { x: 0.2, y: 25 },
      ],
    })
  })
})

describe('stageBreakdown', () => {
  const stage = (name: string, cycles: number) => ({
    context: 'dom0' as const,
    stage: name,
    cyclesPerPacket: cycles,
    instructionsPerPacket: 1,
    share: 0,
  })
  it('averages replicates per bar and folds small stages into other', () => {
    const breakdown = stageBreakdown(
      [
        {
          label: 'xen',
          runs: [{ stages: [stage('a', 100), stage('b', 10), stage('c', 1)] }, { stages: [stage('a', 200)] }],
        },
        { label: 'vlro', runs: [{ stages: [stage('b', 50), stage('c', 2)] }] },
      ],
      2,
    )
    expect(breakdown.labels).toEqual(['xen', 'vlro'])
    expect(breakdown.stages.map((entry) => entry.stage)).toEqual(['dom0: a', 'dom0: b', 'other'])
    expect(breakdown.stages[0].values).toEqual([150, 0])
    expect(breakdown.stages[1].values).toEqual([5, 50])
    expect(breakdown.stages[2].values).toEqual([0.5, 2])
  })
})
