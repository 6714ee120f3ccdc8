import { describe, expect, it } from 'vitest'
import {
  defaultXField,
  exploreHint,
  fieldLabel,
  pooledFields,
  variedFields,
} from '../../../../renderer/src/logic/explore-axes'
import { categoryChartData, type HintRun } from '../../../../renderer/src/logic/preset-chart'
import { overridesText, runPointLabel } from '../../../../renderer/src/logic/run-label'

/** A run of a two-axis parameter sweep: NIC moderation x netfront's ring target, two configurations. */
function run(config: 'xen' | 'vlro', itr: number, target: number, throughput: number): HintRun {
  return {
    config,
    env: 'direct-2009',
    mtu: 1500,
    messageSize: 16384,
    jbb: 'off',
    spec: { params: { 'nic.interruptRateHz': itr, 'xen.netfront.rxTarget': target, 'tcp.sack': 1 } },
    metrics: { throughputMbps: throughput },
  }
}

const sweep: HintRun[] = []
for (const config of ['xen', 'vlro'] as const)
  for (const itr of [20000, 4000])
    for (const target of [32, 256])
      sweep.push(run(config, itr, target, itr / 100 + target + (config === 'vlro' ? 1 : 0)))

describe('explore axes', () => {
  it('finds what varies: configuration and the two swept parameters, not a constant override', () => {
    const varied = variedFields(sweep)
    expect(varied).toEqual(['config', 'param:nic.interruptRateHz', 'param:xen.netfront.rxTarget'])
    expect(defaultXField(varied)).toBe('param:nic.interruptRateHz')
    expect(defaultXField(['config', 'messageSize'])).toBe('messageSize')
    expect(defaultXField([])).toBeNull()
  })
  it('puts a parameter on x in numeric order and splits series by every other varied axis', () => {
    const varied = variedFields(sweep)
    const hint = exploreHint(varied, 'param:nic.interruptRateHz', 'rest', 'throughputMbps', () => 'Hz')
    expect(hint.xLabel).toBe('nic.interruptRateHz (Hz)')
    expect(hint.kind).toBe('line')
    const data = categoryChartData(sweep, hint, 'throughputMbps')
    expect(data.labels).toEqual(['4000', '20000'])
    expect(data.series.map((line) => line.key)).toEqual([
      'config=xen · xen.netfront.rxTarget=32',
      'config=xen · xen.netfront.rxTarget=256',
      'config=vlro · xen.netfront.rxTarget=32',
      'config=vlro · xen.netfront.rxTarget=256',
    ])
    expect(data.series[3].values.map((value) => value?.mean)).toEqual([40 + 256 + 1, 200 + 256 + 1])
    expect(pooledFields(varied, 'param:nic.interruptRateHz', 'rest')).toEqual([])
  })
  it('pools what is neither on x nor in the series, and says so', () => {
    const varied = variedFields(sweep)
    const hint = exploreHint(varied, 'param:xen.netfront.rxTarget', 'config', 'throughputMbps')
    const data = categoryChartData(sweep, hint, 'throughputMbps')
    expect(data.series.map((line) => line.key)).toEqual(['xen', 'vlro'])
    expect(data.series[0].values[0]?.count).toBe(2)
    expect(pooledFields(varied, 'param:xen.netfront.rxTarget', 'config')).toEqual([
      'param:nic.interruptRateHz',
    ])
    const all = categoryChartData(
      sweep,
      exploreHint(varied, 'config', 'none', 'throughputMbps'),
      'throughputMbps',
    )
    expect(all.series.map((line) => line.key)).toEqual([''])
    expect(all.series[0].values.map((value) => value?.count)).toEqual([4, 4])
  })
  it('names spec fields in words and runs by their overrides', () => {
    expect(fieldLabel('messageSize')).toBe('Message size (bytes)')
    expect(fieldLabel('param:tcp.sack')).toBe('tcp.sack')
    const labelled = { ...sweep[0], seed: 1 }
    expect(overridesText(labelled)).toBe('nic.interruptRateHz=20000 · tcp.sack=1 · xen.netfront.rxTarget=32')
    expect(runPointLabel(labelled)).toMatch(/seed 1, nic\.interruptRateHz=20000 · tcp\.sack=1/)
    expect(runPointLabel({ ...labelled, spec: { params: {} } })).toBe(
      'xen MTU 1500, 16384 B, SPECjbb off, seed 1',
    )
  })
})
