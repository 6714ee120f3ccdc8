import { describe, expect, it } from 'vitest'
import {
  buildParameterRows,
  filterRows,
  formatSpecValue,
} from '../../../../renderer/src/logic/parameter-diff'

const base = {
  config: 'xen',
  env: 'direct-2009',
  mtu: 1500,
  messageSize: 16384,
  jbb: 'off',
  durationS: 2,
  warmupS: 0.5,
  seed: 1,
  paramSet: 'default',
  sampleIntervalS: 0.05,
}

describe('buildParameterRows', () => {
  it('marks exactly the rows whose values differ', () => {
    const rows = buildParameterRows([base, { ...base, config: 'vlro', seed: 2 }])
    const different = rows.filter((row) => row.isDifferent).map((row) => row.key)
    expect(different).toEqual(['config', 'seed'])
  })
  it('shows the registry default for a run that does not override a parameter', () => {
    const rows = buildParameterRows(
      [{ ...base, params: { 'nic.ringSize': 512 } }, base],
      (id) => (id === 'nic.ringSize' ? 256 : undefined),
      () => 'packets',
    )
    const row = rows.find((candidate) => candidate.key === 'params.nic.ringSize')
    expect(row).toMatchObject({ label: 'nic.ringSize (packets)', values: ['512', '256'], isDifferent: true })
  })
  it('shows the guest MTU as the physical MTU when unset', () => {
    const rows = buildParameterRows([base, { ...base, guestMtu: 4096 }])
    expect(rows.find((row) => row.key === 'guestMtu')).toMatchObject({
      values: ['1500', '4096'],
      isDifferent: true,
    })
  })
})

describe('filterRows', () => {
  it('keeps everything unless differences only is on', () => {
    const rows = buildParameterRows([base, { ...base, mtu: 4000 }])
    expect(filterRows(rows, false)).toHaveLength(rows.length)
    expect(filterRows(rows, true).map((row) => row.key)).toEqual(['mtu', 'guestMtu'])
  })
})

describe('formatSpecValue', () => {
  it('trims float noise and shows absent values', () => {
    expect(formatSpecValue(0.1 + 0.2)).toBe('0.3')
    expect(formatSpecValue(undefined)).toBe('—')
    expect(formatSpecValue('max')).toBe('max')
  })
})
