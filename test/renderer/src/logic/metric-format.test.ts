import { describe, expect, it } from 'vitest'
import { formatMetric } from '../../../../renderer/src/logic/metric-format'

describe('formatMetric', () => {
  it('rounds to the given decimals, two by default', () => {
    expect(formatMetric(941.478, 1)).toBe('941.5')
    expect(formatMetric(1.005)).toBe((1.005).toFixed(2))
    expect(formatMetric(0)).toBe('0.00')
  })

  it('shows a dash for a missing value', () => {
    expect(formatMetric(null)).toBe('—')
    expect(formatMetric(undefined, 0)).toBe('—')
  })
})
