import { describe, expect, it } from 'vitest'
import { overlapNote, overlappingPairs } from '../../../../renderer/src/logic/series-overlap'

const line = (label: string, ys: (number | null)[]) => ({
  label,
  points: ys.map((y, x) => (y === null ? null : { x, y })),
})

describe('series overlap', () => {
  it('pairs series within 1 % of the axis at every shared x, and only those', () => {
    const series = [
      line('xen', [700, 705, 710]),
      line('plro', [702, 709, 712]),
      line('vlro', [700, 780, 790]),
      line('linux', [null, null, null]),
    ]
    // Axis span 790: tolerance 7.9 Mb/s. xen-plro differ by at most 4; vlro leaves them at x = 1.
    expect(overlappingPairs(series)).toEqual([['xen', 'plro']])
    expect(overlapNote(series)).toMatch(/^xen and plro lie within 1 % of the axis/)
  })

  it('says nothing when series share no x or stand apart', () => {
    expect(overlapNote([line('a', [1, null]), line('b', [null, 1])])).toBeNull()
    expect(overlapNote([line('a', [100, 200]), line('b', [150, 250])])).toBeNull()
  })
})
