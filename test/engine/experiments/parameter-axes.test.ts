import { describe, expect, it } from 'vitest'
import { crossWithAxes, parseParameterAxis } from '../../../engine/experiments/parameter-axes'
import { parameterRegistry } from '../../../engine/params/registry'

// Real registry parameters: the guest kernel's time slice (ns, 1 ms to 1 s) and Xen's ticks per slice.
const nsSpec = parameterRegistry.get('linux.sched.timesliceNs')!

describe('parameter axes', () => {
  it('reads lists with units and inclusive ranges with a point count', () => {
    expect(parseParameterAxis(`${nsSpec.id}=10ms, 20 ms,30000000`)).toEqual({
      id: nsSpec.id,
      values: [1e7, 2e7, 3e7],
    })
    expect(parseParameterAxis('xen.sched.ticksPerSlice=1..30/4').values).toEqual([1, 11, 20, 30])
    expect(parseParameterAxis(`${nsSpec.id}=10ms..50ms/5`).values).toEqual([1e7, 2e7, 3e7, 4e7, 5e7])
  })

  it('refuses unknown ids, bad units, values outside the declared range and one-point ranges', () => {
    expect(() => parseParameterAxis('no.such=1')).toThrow('unknown parameter id "no.such"')
    expect(() => parseParameterAxis(`${nsSpec.id}=10 parsecs`)).toThrow(/does not fit this parameter/)
    expect(() => parseParameterAxis(`${nsSpec.id}=-5`)).toThrow(/is outside/)
    expect(() => parseParameterAxis(`${nsSpec.id}=1ms..2ms/1`)).toThrow(/2 to 1000 points/)
    expect(() => parseParameterAxis('justtext')).toThrow(/not ID=VALUES/)
  })

  it('crosses every input with every combination, axis values winning over overrides', () => {
    const crossed = crossWithAxes(
      [
        { config: 'xen', params: { a: 1 } },
        { config: 'vlro', params: {} },
      ],
      [
        { id: 'a', values: [10, 20] },
        { id: 'b', values: [1, 2, 3] },
      ],
    )
    expect(crossed).toHaveLength(12)
    expect(crossed[0]).toEqual({ config: 'xen', params: { a: 10, b: 1 } })
    expect(crossed[5]).toEqual({ config: 'xen', params: { a: 20, b: 3 } })
    expect(crossed[6]).toEqual({ config: 'vlro', params: { a: 10, b: 1 } })
  })
})
