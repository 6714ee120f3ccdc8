import { describe, expect, it } from 'vitest'
import { FIGURE_MESSAGE_SIZES, PRESETS, presetById } from '../../../engine/experiments/presets'
import { parseRunSpec, type RunSpec } from '../../../engine/experiments/spec'
import { specKey } from '../../../engine/experiments/spec-key'

function parsedSpecs(id: string, options = {}): RunSpec[] {
  const preset = presetById(id)
  if (!preset) throw new Error(`no preset ${id}`)
  return preset.expand(options).map((input) => {
    const parsed = parseRunSpec(input)
    if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.issues)}`)
    return parsed.spec
  })
}

describe('presets', () => {
  it('has the paper experiments with unique ids', () => {
    expect(PRESETS.map((preset) => preset.id)).toEqual([
      'table1',
      'fig2',
      'fig3',
      'fig4',
      'fig5',
      'fig6',
      'split-mtu',
    ])
  })

  it.each(PRESETS.map((preset) => preset.id))(
    '%s expands to valid, distinct specs with usable chart hints',
    (id) => {
      const preset = presetById(id)!
      const specs = parsedSpecs(id)
      expect(specs.length).toBeGreaterThan(0)
      expect(new Set(specs.map((spec) => specKey(spec))).size).toBe(specs.length)
      expect(preset.title.length).toBeGreaterThan(10)
      expect(preset.description.length).toBeGreaterThan(40)
      expect(preset.chart.metrics.length).toBeGreaterThan(0)
      // The x field and the series field must actually vary (or be the single config of a bar chart).
      const xValues = new Set(specs.map((spec) => String(spec[preset.chart.xField])))
      expect(xValues.size).toBeGreaterThan(1)
    },
  )

  it('table1: four configurations on the switched 2008 bed at MTU 1500 and 16 KB', () => {
    const specs = parsedSpecs('table1')
    expect(specs.map((spec) => spec.config)).toEqual(['linux', 'xen', 'plro', 'vlro'])
    for (const spec of specs) {
      expect(spec.env).toBe('switched-2008')
      expect(spec.mtu).toBe(1500)
      expect(spec.messageSize).toBe(16384)
    }
  })

  it.each([
    ['fig2', 1500],
    ['fig3', 4000],
    ['fig4', 4500],
  ] as const)('%s: four configurations times 64 B..16 KB at MTU %i on the 2009 bed', (id, mtu) => {
    const specs = parsedSpecs(id)
    expect(specs).toHaveLength(4 * 9)
    expect(FIGURE_MESSAGE_SIZES).toEqual([64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384])
    expect(new Set(specs.map((spec) => spec.messageSize))).toEqual(new Set(FIGURE_MESSAGE_SIZES))
    for (const spec of specs) {
      expect(spec.mtu).toBe(mtu)
      expect(spec.env).toBe('direct-2009')
    }
  })

  it('fig5: pLRO and vLRO at the three MTUs', () => {
    const specs = parsedSpecs('fig5')
    expect(specs.map((spec) => `${spec.config}@${spec.mtu}`).sort()).toEqual(
      ['plro@1500', 'plro@4000', 'plro@4500', 'vlro@1500', 'vlro@4000', 'vlro@4500'].sort(),
    )
  })

  it('fig6: four configurations, 1 KB, MTU 1500, SPECjbb from off to unthrottled', () => {
    const specs = parsedSpecs('fig6')
    expect(specs).toHaveLength(4 * 6)
    expect(new Set(specs.map((spec) => spec.jbb))).toEqual(new Set(['off', 0.2, 0.4, 0.6, 0.8, 'max']))
    for (const spec of specs) {
      expect(spec.messageSize).toBe(1024)
      expect(spec.mtu).toBe(1500)
    }
  })

  it('split-mtu: a page-sized guest MTU behind pLRO beside the plain configurations at MTU 1500', () => {
    const specs = parsedSpecs('split-mtu')
    const split = specs.filter((spec) => spec.guestMtu !== undefined)
    expect(split.length).toBeGreaterThan(0)
    for (const spec of split) {
      expect(spec.config).toBe('plro')
      expect(spec.guestMtu).toBeGreaterThanOrEqual(4000)
      expect(spec.guestMtu).toBeLessThanOrEqual(4096)
    }
    expect(specs.every((spec) => spec.mtu === 1500)).toBe(true)
    expect(new Set(specs.filter((spec) => spec.guestMtu === undefined).map((spec) => spec.config))).toEqual(
      new Set(['xen', 'plro', 'vlro']),
    )
  })

  it('applies duration, warm-up and replications with consecutive seeds', () => {
    const specs = parsedSpecs('table1', { durationS: 0.5, warmupS: 0.1, replications: 3, seedBase: 10 })
    expect(specs).toHaveLength(12)
    expect(specs.filter((spec) => spec.config === 'vlro').map((spec) => spec.seed)).toEqual([10, 11, 12])
    expect(specs.every((spec) => spec.durationS === 0.5 && spec.warmupS === 0.1)).toBe(true)
  })
})
