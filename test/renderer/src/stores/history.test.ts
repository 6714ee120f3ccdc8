import { describe, expect, it } from 'vitest'
import { fileToBase64, paramFilterProblem, toRunFilter } from '../../../../renderer/src/stores/history'

describe('toRunFilter', () => {
  const empty = {
    text: '',
    config: '' as const,
    mtu: '',
    messageSize: '',
    tag: '',
    status: '' as const,
    param: '',
  }
  it('pages with limit and offset and leaves empty filters out', () => {
    expect(toRunFilter(empty, 'created', 'desc', 50, 3)).toEqual({
      sort: 'created',
      order: 'desc',
      limit: 50,
      offset: 150,
    })
  })
  it('converts numeric filters and ignores non-numbers', () => {
    const filter = toRunFilter(
      {
        ...empty,
        config: 'vlro',
        mtu: '4000',
        messageSize: 'abc',
        text: ' fig ',
        tag: 'paper',
        status: 'done',
      },
      'mtu',
      'asc',
      10,
      0,
    )
    expect(filter).toMatchObject({ config: 'vlro', mtu: 4000, text: 'fig', tag: 'paper', status: 'done' })
    expect(filter.messageSize).toBeUndefined()
  })
  it('filters by one parameter value with its unit, and leaves a bad one out with its reason', () => {
    const filter = toRunFilter({ ...empty, param: 'tcp.delayedAckNs=40ms' }, 'created', 'desc', 10, 0)
    expect(filter.params).toEqual({ 'tcp.delayedAckNs': 40e6 })
    expect(paramFilterProblem('nic.interruptRateHz=4000, 8000')).toMatch(/one value/)
    expect(paramFilterProblem('no.such=1')).toMatch(/unknown parameter/)
    expect(toRunFilter({ ...empty, param: 'no.such=1' }, 'created', 'desc', 10, 0).params).toBeUndefined()
  })
})

describe('fileToBase64', () => {
  it('encodes bytes, also beyond one chunk', async () => {
    const bytes = new Uint8Array(70_000).map((_, index) => index % 251)
    const text = await fileToBase64(new Blob([bytes]))
    const decoded = Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
    expect(decoded).toEqual(bytes)
  })
})
