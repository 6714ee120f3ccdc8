import { describe, expect, it } from 'vitest'
import {
  categoryChartData,
  categoryReferences,
  compareCategories,
  fieldValue,
  type ChartHint,
  type HintRun,
} from '../../../../renderer/src/logic/preset-chart'
import type { ReferenceTarget } from '../../../../renderer/src/logic/reference-markers'

function run(
  config: HintRun['config'],
  extra: Partial<HintRun> = {},
  throughput: number | null = 500,
): HintRun {
  return {
    config,
    env: 'direct-2009',
    mtu: 1500,
    messageSize: 16384,
    jbb: 'off',
    spec: {},
    metrics:
      throughput === null ? null : { throughputMbps: throughput, lroRate: config === 'vlro' ? 4 : null },
    ...extra,
  }
}

const table1: ChartHint = {
  kind: 'bar',
  xField: 'config',
  seriesField: 'env',
  xLabel: 'configuration',
  metrics: ['throughputMbps'],
}
const fig6: ChartHint = {
  kind: 'line',
  xField: 'jbb',
  seriesField: 'config',
  xLabel: 'load',
  metrics: ['throughputMbps'],
}

describe('categoryChartData', () => {
  it('puts configurations on x in paper order with one series per environment', () => {
    const data = categoryChartData(
      [run('vlro', {}, 600), run('linux', {}, 700), run('vlro', {}, 620)],
      table1,
      'throughputMbps',
    )
    expect(data.labels).toEqual(['linux', 'vlro'])
    expect(data.labelConfigs).toEqual(['linux', 'vlro'])
    expect(data.series).toHaveLength(1)
    expect(data.series[0].values.map((value) => value?.mean)).toEqual([700, 610])
    expect(data.series[0].values[1]?.count).toBe(2)
  })
  it('orders SPECjbb loads off first and max last, and leaves unfinished points empty', () => {
    const runs = [
      run('xen', { jbb: 'max' }),
      run('xen', { jbb: 0.4 }),
      run('xen', { jbb: 'off' }, null),
      run('vlro', { jbb: 'off' }),
    ]
    const data = categoryChartData(runs, fig6, 'throughputMbps')
    expect(data.labels).toEqual(['off', '0.4', 'max'])
    const xen = data.series.find((line) => line.key === 'xen')
    expect(xen?.config).toBe('xen')
    expect(xen?.values.map((value) => value?.mean ?? null)).toEqual([null, 500, 500])
  })
  it('drops series with no value for the metric (no LRO rate for xen)', () => {
    const data = categoryChartData([run('xen'), run('vlro')], { ...fig6, xField: 'mtu' }, 'lroRate')
    expect(data.series.map((line) => line.key)).toEqual(['vlro'])
  })
})

describe('fieldValue and compareCategories', () => {
  it('falls back to the MTU for an unset guest MTU and sorts numbers numerically', () => {
    expect(fieldValue(run('plro'), 'guestMtu')).toBe('1500')
    expect(fieldValue(run('plro', { spec: { guestMtu: 4000 } }), 'guestMtu')).toBe('4000')
    expect(['4500', '1500', '4000'].sort((a, b) => compareCategories('mtu', a, b))).toEqual([
      '1500',
      '4000',
      '4500',
    ])
  })
})

describe('categoryReferences', () => {
  const targets: ReferenceTarget[] = [
    { id: 'a', env: 'switched-2008', config: 'xen', mtu: 1500, throughputMbps: 505.4, clk: 9.71 },
    { id: 'b', env: 'switched-2008', config: 'vlro', mtu: 1500, throughputMbps: 615.3, lroRate: 4.92 },
  ]
  const switched = { env: 'switched-2008' as const }
  it('puts the published value under each matching category', () => {
    const runs = [run('linux', switched), run('xen', switched), run('vlro', switched)]
    const references = categoryReferences(runs, table1, 'throughputMbps', targets)
    expect(references).toEqual([{ key: 'switched-2008', config: null, values: [null, 505.4, 615.3] }])
  })
  it('leaves out metrics and runs without a published value', () => {
    expect(categoryReferences([run('xen', switched)], table1, 'lroRate', targets)).toEqual([])
    expect(categoryReferences([run('xen')], table1, 'throughputMbps', targets)).toEqual([])
    expect(categoryReferences([run('xen', switched)], table1, 'specjbbScore', targets)).toEqual([])
  })
})
