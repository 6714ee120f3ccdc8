import { describe, expect, it } from 'vitest'
import { countOverrides, groupParameters, rangeText } from '../../../../renderer/src/logic/parameter-groups'

const parameter = (id: string, group: string, help = 'meaning') => ({
  id,
  group,
  help,
  unit: 'cycles',
  default: 1,
  min: 0,
  max: 10,
})

describe('groupParameters', () => {
  it('groups by group name, sorted, ids sorted inside', () => {
    const groups = groupParameters([
      parameter('b.y', 'Xen netback'),
      parameter('a.x', 'NIC'),
      parameter('b.a', 'Xen netback'),
    ])
    expect(groups.map((group) => group.group)).toEqual(['NIC', 'Xen netback'])
    expect(groups[1].parameters.map((entry) => entry.id)).toEqual(['b.a', 'b.y'])
  })
  it('filters by id, group or meaning, ignoring case', () => {
    const list = [
      parameter('nic.ring', 'NIC', 'descriptors'),
      parameter('xen.batch', 'Xen', 'grant copy batch'),
    ]
    expect(groupParameters(list, 'GRANT').map((group) => group.group)).toEqual(['Xen'])
    expect(groupParameters(list, 'nic')).toHaveLength(1)
  })
})

describe('rangeText and countOverrides', () => {
  it('formats ranges with units and counts non-empty overrides', () => {
    expect(rangeText(parameter('a', 'g'))).toBe('0 … 10 cycles')
    expect(rangeText({ ...parameter('a', 'g'), max: 1e9 })).toBe('0 … 1.00e+9 cycles')
    expect(countOverrides({ a: '1', b: ' ', c: '2us' })).toBe(2)
  })
})
