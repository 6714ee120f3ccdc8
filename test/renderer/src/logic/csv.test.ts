import { describe, expect, it } from 'vitest'
import { chartToCsv, csvField, toCsv } from '../../../../renderer/src/logic/csv'

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
    expect(csvField(1.5)).toBe('1.5')
  })
  it('writes header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['x', 'y'],
        [
          [1, 'a'],
          [2, null],
        ],
      ),
    ).toBe('x,y\r\n1,a\r\n2,\r\n')
  })
  it('writes chart series in long form', () => {
    const text = chartToCsv('mtu', 'mbps', [
      { label: 'xen', points: [{ x: 1500, y: 500 }] },
      { label: 'vlro', points: [{ x: 1500, y: 600 }] },
    ])
    expect(text.split('\r\n')).toEqual(['series,mtu,mbps', 'xen,1500,500', 'vlro,1500,600', ''])
  })
})
