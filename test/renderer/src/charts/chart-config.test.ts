import { describe, expect, it } from 'vitest'
import { buildChartConfig, type ChartSource } from '../../../../renderer/src/charts/chart-config'
import { sweepDatasets } from '../../../../renderer/src/charts/datasets'
import { fileSlug } from '../../../../renderer/src/charts/chart-export'
import { configurationColor } from '../../../../renderer/src/logic/palette'

const colors = { theme: 'dark' as const, text: '#eee', grid: '#333' }

/** Reads a dotted path of a nested options object. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value)
}

describe('buildChartConfig', () => {
  const source: ChartSource = {
    kind: 'line',
    xLabel: 'Message size (bytes)',
    yLabel: 'Throughput (Mb/s)',
    xType: 'logarithmic',
    build: () => ({ datasets: [] }),
    csv: () => '',
  }

  it('applies the Chart.js performance rules to line charts', () => {
    const options = buildChartConfig(source, colors).options
    expect(at(options, 'animation')).toBe(false)
    expect(at(options, 'parsing')).toBe(false)
    expect(at(options, 'normalized')).toBe(true)
    expect(at(options, 'plugins.decimation.enabled')).toBe(true)
    expect(at(options, 'plugins.zoom.zoom.mode')).toBe('x')
  })

  it('labels both axes with units in the theme text color', () => {
    const options = buildChartConfig(source, colors).options
    expect(at(options, 'scales.x')).toMatchObject({
      type: 'logarithmic',
      title: { text: 'Message size (bytes)', color: '#eee' },
    })
    expect(at(options, 'scales.y.title.text')).toBe('Throughput (Mb/s)')
  })

  it('uses categories and stacking for stacked bars, without zoom', () => {
    const options = buildChartConfig({ ...source, kind: 'bar', isStacked: true }, colors).options
    expect(at(options, 'scales.x')).toMatchObject({ type: 'category', stacked: true })
    expect(at(options, 'plugins.zoom')).toBeUndefined()
  })
})

describe('sweepDatasets', () => {
  it('colors each configuration from the palette and adds a band only for replicated points', () => {
    const datasets = sweepDatasets(
      [
        { key: 'xen', label: 'xen', config: 'xen', points: [{ x: 1, y: 2, yLow: 1, yHigh: 3, count: 2 }] },
        { key: 'vlro', label: 'vlro', config: 'vlro', points: [{ x: 1, y: 2, yLow: 2, yHigh: 2, count: 1 }] },
      ],
      'light',
    )
    expect(datasets.map((dataset) => dataset.label)).toEqual([
      'xen',
      'xen (95% band)',
      'xen low (95% band)',
      'vlro',
    ])
    expect((datasets[3] as { borderColor: string }).borderColor).toBe(configurationColor('vlro', 'light'))
  })
})

describe('fileSlug', () => {
  it('makes file-name-safe names', () => {
    expect(fileSlug('Throughput vs message size')).toBe('throughput-vs-message-size')
    expect(fileSlug('***')).toBe('chart')
  })

  const source: ChartSource = {
    kind: 'line',
    xLabel: 'Message size (bytes)',
    yLabel: 'Throughput (Mb/s)',
    xType: 'logarithmic',
    build: () => ({ datasets: [] }),
    csv: () => '',
  }

  it('puts log-axis ticks at the swept values and widens a single value around itself', () => {
    const x = at(buildChartConfig(source, colors).options, 'scales.x') as {
      afterDataLimits(scale: unknown): void
      afterBuildTicks(scale: unknown): void
    }
    const scale = {
      min: 16384,
      max: 16384,
      ticks: [] as { value: number }[],
      chart: { data: { datasets: [{ data: [{ x: 16384, y: 700 }] }, { data: [{ x: 16384, y: 690 }] }] } },
    }
    x.afterDataLimits(scale)
    x.afterBuildTicks(scale)
    expect([scale.min, scale.max]).toEqual([8192, 32768])
    expect(scale.ticks).toEqual([{ value: 16384 }])
    scale.chart.data.datasets[0].data.push({ x: 64, y: 100 }, { x: 1024, y: 500 })
    x.afterBuildTicks(scale)
    expect(scale.ticks).toEqual([{ value: 64 }, { value: 1024 }, { value: 16384 }])
    const ticks = (x as unknown as { ticks: { callback(value: number): string } }).ticks
    expect(ticks.callback(16384)).toBe('16,384')
  })

  it('shades the x ranges a source names with the annotation plugin', () => {
    const shaded = { ...source, xBands: () => [{ from: 0, to: 0.5, label: 'warm-up (not measured)' }] }
    expect(at(buildChartConfig(shaded, colors).options, 'plugins.annotation.annotations')).toEqual([
      expect.objectContaining({
        type: 'box',
        xMin: 0,
        xMax: 0.5,
        label: expect.objectContaining({ content: 'warm-up (not measured)' }),
      }),
    ])
  })
})
