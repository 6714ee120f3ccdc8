import { describe, expect, it } from 'vitest'
import { COST_METRIC_LABELS } from '../../../../engine/results/metric-names'
import { HINT_METRIC_LABELS } from '../../../../renderer/src/logic/preset-chart'
import { GROUP_METRIC_LABELS } from '../../../../renderer/src/logic/replicate-groups'

describe('the cost metrics have one name and unit everywhere', () => {
  it('labels CLK and INST the same in chart axes and comparison tables, with their unit', () => {
    for (const metric of ['clk', 'inst'] as const) {
      expect(HINT_METRIC_LABELS[metric]).toBe(COST_METRIC_LABELS[metric])
      expect(GROUP_METRIC_LABELS[metric]).toBe(COST_METRIC_LABELS[metric])
      expect(COST_METRIC_LABELS[metric]).toMatch(/per 10\^10 B\)$/)
    }
  })
})
