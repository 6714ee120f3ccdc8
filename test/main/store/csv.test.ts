import { describe, expect, it } from 'vitest'
import { csvField, csvRecord, seriesCsv } from '../../../main/store/csv'
import { RunStore } from '../../../main/store/run-store'
import { makeResult, makeSpec } from './helpers/fixtures'

/** A small RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (character === '"') quoted = false
      else field += character
    } else if (character === '"') quoted = true
    else if (character === ',') {
      record.push(field)
      field = ''
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      index += 1
    } else field += character
  }
  return records
}

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n')
  })

  it('exports the run table with awkward text intact', () => {
    const store = RunStore.open(':memory:')
    const name = 'exp, "quoted"\nüber'
    const { runIds } = store.createExperiment({ name, specs: [makeSpec({ config: 'xen' }), makeSpec()] })
    store.storeResult(runIds[0], makeResult(3, 1))
    store.tags.setNotes({ kind: 'run', id: runIds[0] }, 'note; with, comma')
    const records = parseCsv(store.runsCsv({ config: 'xen' }))
    store.close()
    expect(records).toHaveLength(2)
    const row = Object.fromEntries(records[0].map((column, index) => [column, records[1][index]]))
    expect(row).toMatchObject({
      run_id: runIds[0],
      experiment: name,
      config: 'xen',
      status: 'done',
      throughput_mbps: String(makeResult(3, 1).throughputMbps),
      notes: 'note; with, comma',
    })
  })

  it('exports a time series, one record per sample with empty cells for null', () => {
    const { series } = makeResult(4, 1)
    const records = parseCsv(seriesCsv(series))
    expect(records[0]).toEqual([
      'time_s',
      'throughput_mbps',
      'cwnd_segments',
      'lro_rate',
      'cpu_dom0',
      'cpu_guest',
    ])
    expect(records).toHaveLength(5)
    expect(records[1][3]).toBe('')
    expect(Number(records[2][0])).toBe(series.timeS[1])
    expect(Number(records[2][3])).toBe(series.lroRate[1])
  })
})
