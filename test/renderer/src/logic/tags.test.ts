import { describe, expect, it } from 'vitest'
import { parseTags } from '../../../../renderer/src/logic/tags'

describe('parseTags', () => {
  it('trims, drops empties and duplicates, keeps order', () => {
    expect(parseTags(' paper, fig2 ,,paper, jumbo ')).toEqual(['paper', 'fig2', 'jumbo'])
    expect(parseTags('')).toEqual([])
  })
})
