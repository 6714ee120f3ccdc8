import { describe, expect, it } from 'vitest'
import {
  defaultDesign,
  designFromSpecs,
  estimateWallSeconds,
  expandDesign,
  fieldOfIssue,
  formatDuration,
  gridSignature,
  parseJbbList,
  parseSizeList,
  toStartRequest,
} from '../../../../renderer/src/logic/experiment-design'

describe('parseSizeList', () => {
  it('reads comma and space separated sizes with K suffixes, without duplicates', () => {
    expect(parseSizeList('64, 1K 16384,64')).toEqual({ values: [64, 1024, 16384], errors: [] })
  })
  it('names the token that is not a size', () => {
    expect(parseSizeList('1500, abc').errors).toEqual(['"abc" is not a size in bytes'])
  })
  it('asks for a value when the list is empty', () => {
    expect(parseSizeList('  ').errors).toHaveLength(1)
  })
})

describe('parseJbbList', () => {
  it('accepts off, max, shares and percentages', () => {
    expect(parseJbbList('off, 25%, 0.5, max').values).toEqual(['off', 0.25, 0.5, 'max'])
  })
  it('rejects anything else', () => {
    expect(parseJbbList('lots').errors[0]).toContain('"lots"')
  })
})

describe('expandDesign', () => {
  it('expands the cross product of the axes times replications, with consecutive seeds', () => {
    const design = {
      ...defaultDesign(),
      configs: ['xen', 'vlro'] as const,
      mtusText: '1500, 4000',
      messageSizesText: '256, 16K',
      replications: 3,
      firstSeed: 7,
    }
    const expansion = expandDesign({ ...design, configs: [...design.configs] })
    expect(expansion.isValid).toBe(true)
    expect(expansion.runCount).toBe(2 * 2 * 2 * 3)
    expect(expansion.specs).toHaveLength(24)
    expect(expansion.pointSpecs).toHaveLength(8)
    expect(new Set(expansion.specs.map((spec) => spec.seed))).toEqual(new Set([7, 8, 9]))
  })

  it('reports the engine schema errors next to the form field that caused them', () => {
    const expansion = expandDesign({ ...defaultDesign(), mtusText: '100' })
    expect(expansion.isValid).toBe(false)
    expect(expansion.errors.mtusText?.length).toBeGreaterThan(0)
    expect(expansion.specs).toEqual([])
  })

  it('names every problem of the form at once, in words with the value given', () => {
    const expansion = expandDesign({
      ...defaultDesign(),
      durationS: -1,
      warmupS: 'abc',
      mtusText: '1500, 100',
      jbbLevelsText: '150%',
      messageSizesText: '0',
      replications: 0,
      firstSeed: -3,
    })
    expect(expansion.errors).toEqual({
      durationS: ['duration must be more than 0 s, got -1 s'],
      warmupS: ['"abc" is not a number'],
      mtusText: ['MTU must be at least 576 bytes, got 100 bytes'],
      jbbLevelsText: ['SPECjbb load must be below 100 %, got 150 % (off for none, max for unthrottled)'],
      messageSizesText: ['message size must be at least 1 byte, got 0 bytes'],
      replications: ['replications must be a whole number from 1 to 1000'],
      firstSeed: ['seed must be at least 0, got -3'],
    })
  })

  it('flags a non-numeric duration and a zero duration', () => {
    expect(expandDesign({ ...defaultDesign(), durationS: 'soon' }).errors.durationS).toEqual([
      '"soon" is not a number',
    ])
    expect(expandDesign({ ...defaultDesign(), durationS: 0 }).errors.durationS?.length).toBeGreaterThan(0)
  })

  it('requires a configuration and a name', () => {
    const expansion = expandDesign({ ...defaultDesign(), configs: [], name: ' ' })
    expect(Object.keys(expansion.errors).sort()).toEqual(['configs', 'name'])
  })

  it('rejects fractional replications', () => {
    expect(expandDesign({ ...defaultDesign(), replications: 1.5 }).errors.replications).toBeDefined()
  })

  it('keeps guestMtu off linux runs (the schema forbids it there)', () => {
    const expansion = expandDesign({ ...defaultDesign(), configs: ['linux', 'plro'], guestMtuText: '4096' })
    expect(expansion.isValid).toBe(true)
    expect(expansion.specs.find((spec) => spec.config === 'linux')?.guestMtu).toBeUndefined()
    expect(expansion.specs.find((spec) => spec.config === 'plro')?.guestMtu).toBe(4096)
  })

  it('refuses absurdly large grids instead of expanding them', () => {
    const expansion = expandDesign({
      ...defaultDesign(),
      replications: 1000,
      messageSizesText: Array.from({ length: 30 }, (_, i) => 64 + i).join(','),
    })
    expect(expansion.isValid).toBe(false)
    expect(expansion.runCount).toBe(2 * 30 * 1000)
  })
})

describe('fieldOfIssue', () => {
  it('maps spec paths to form fields', () => {
    expect(fieldOfIssue('mtu')).toBe('mtusText')
    expect(fieldOfIssue('messageSize')).toBe('messageSizesText')
    expect(fieldOfIssue('params.xen.netback.batchCycles')).toBe('params.xen.netback.batchCycles')
    expect(fieldOfIssue('durationS')).toBe('durationS')
  })
})

describe('designFromSpecs', () => {
  it('recovers the axes of a full cross product', () => {
    const specs = ['xen', 'vlro'].flatMap((config) =>
      [64, 1024].map((messageSize) => ({
        config: config as 'xen' | 'vlro',
        messageSize,
        mtu: 1500,
        durationS: 1,
      })),
    )
    const design = designFromSpecs('Figure 2', 'fig2', specs)
    expect(design.configs).toEqual(['xen', 'vlro'])
    expect(design.messageSizesText).toBe('64, 1024')
    expect(design.fixedPoints).toBeNull()
    expect(expandDesign(design).runCount).toBe(4)
  })

  it('keeps the listed points of a grid that is not a cross product', () => {
    const specs = [
      { config: 'plro' as const, mtu: 1500, guestMtu: 4096 },
      { config: 'vlro' as const, mtu: 4000 },
    ]
    const design = designFromSpecs('Split MTU', 'split-mtu', specs)
    expect(design.fixedPoints).toHaveLength(2)
    expect(expandDesign(design).runCount).toBe(2)
  })
})

describe('toStartRequest', () => {
  it('sends an untouched preset as the preset with overrides', () => {
    const design = { ...defaultDesign(), presetId: 'table1', durationS: 0.2, replications: 2 }
    const request = toStartRequest(design, expandDesign(design))
    expect(request.presetId).toBe('table1')
    expect(request.specs).toBeUndefined()
    expect(request.overrides?.durationS).toBe(0.2)
    expect(request.replications).toBe(2)
  })
  it('sends a hand-made design as explicit specs of one replication', () => {
    const design = { ...defaultDesign(), replications: 3 }
    const request = toStartRequest(design, expandDesign(design))
    expect(request.presetId).toBeUndefined()
    expect(request.specs).toHaveLength(2)
    expect(request.replications).toBe(3)
  })
})

describe('parameter axes', () => {
  const twoAxes = () => ({
    ...defaultDesign(),
    configs: ['xen', 'vlro'] as ('xen' | 'vlro')[],
    overrides: { 'nic.interruptRateHz': '5000', 'tcp.sack': '0' },
    parameterAxes: [
      { id: 'nic.interruptRateHz', valuesText: '4000, 20000' },
      { id: 'xen.netfront.rxTarget', valuesText: '32..256/3' },
    ],
  })
  it('crosses every grid point with every combination, the axis winning over an override', () => {
    const expansion = expandDesign(twoAxes())
    expect(expansion.errors).toEqual({})
    expect(expansion.runCount).toBe(2 * 2 * 3)
    const combos = expansion.specs.map(
      (spec) =>
        `${spec.config} ${spec.params['nic.interruptRateHz']} ${spec.params['xen.netfront.rxTarget']}`,
    )
    expect(combos.slice(0, 6)).toEqual([
      'xen 4000 32',
      'xen 4000 144',
      'xen 4000 256',
      'xen 20000 32',
      'xen 20000 144',
      'xen 20000 256',
    ])
    expect(new Set(combos).size).toBe(12)
    expect(expansion.specs.every((spec) => spec.params['tcp.sack'] === 0)).toBe(true)
  })
  it("checks each axis against its parameter's declared range, on that axis's field", () => {
    const design = twoAxes()
    design.parameterAxes[1].valuesText = '4, 64'
    const expansion = expandDesign(design)
    expect(expansion.isValid).toBe(false)
    expect(expansion.errors['axes.1']?.[0]).toMatch(/xen\.netfront\.rxTarget/)
    expect(expansion.errors['axes.0']).toBeUndefined()
  })
  it('refuses an unknown unit, a missing parameter and the same parameter twice', () => {
    const design = {
      ...defaultDesign(),
      parameterAxes: [
        { id: 'nic.interruptRateHz', valuesText: '4 parsecs' },
        { id: '', valuesText: '1, 2' },
        { id: 'nic.interruptRateHz', valuesText: '4000' },
        { id: '', valuesText: '' },
      ],
    }
    const { errors } = expandDesign(design)
    expect(Object.keys(errors).sort()).toEqual(['axes.0', 'axes.1', 'axes.2'])
    expect(errors['axes.1']).toEqual(['choose a parameter'])
    expect(errors['axes.2']?.[0]).toContain('already an axis')
  })
  it('makes a preset with an axis a custom experiment sent as explicit specs', () => {
    const design = { ...twoAxes(), presetId: 'table1' }
    const request = toStartRequest(design, expandDesign(design))
    expect(request.presetId).toBeUndefined()
    expect(request.specs).toHaveLength(12)
    expect(gridSignature(design)).not.toBe(gridSignature({ ...design, parameterAxes: [] }))
  })
})

describe('estimateWallSeconds', () => {
  it('shares the work among workers but never beats the longest run', () => {
    const specs = [
      { durationS: 2, warmupS: 0 },
      { durationS: 2, warmupS: 0 },
      { durationS: 10, warmupS: 0 },
    ]
    expect(estimateWallSeconds(specs, 1, 1)).toBe(14)
    expect(estimateWallSeconds(specs, 1, 4)).toBe(10)
    expect(estimateWallSeconds([], 1, 4)).toBe(0)
  })
})

describe('formatDuration', () => {
  it('uses seconds, minutes and hours', () => {
    expect(formatDuration(0.2)).toBe('< 1 s')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(200)).toBe('3 min 20 s')
    expect(formatDuration(7500)).toBe('2 h 5 min')
  })
})
