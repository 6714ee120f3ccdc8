import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import CompareMetricTable from '../../../../../renderer/src/components/compare/CompareMetricTable.vue'
import { groupReplicates } from '../../../../../renderer/src/logic/replicate-groups'
import { fakeRun } from '../../../support/fake-lab-api'

describe('CompareMetricTable.vue', () => {
  const runs = [
    fakeRun('a'),
    fakeRun('b', {
      seed: 2,
      metrics: {
        throughputMbps: 520,
        throughputCi95: null,
        lroRate: null,
        clk: 9,
        inst: 7,
        specjbbScore: null,
      },
    }),
    fakeRun('c', {
      config: 'vlro',
      metrics: {
        throughputMbps: 612,
        throughputCi95: null,
        lroRate: 4.5,
        clk: 10,
        inst: 8,
        specjbbScore: null,
      },
    }),
  ]
  const groups = groupReplicates(runs)

  it('shows replicate means with intervals and percent deltas to the baseline group', () => {
    const wrapper = mount(CompareMetricTable, { props: { groups, baselineKey: groups[0].key } })
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('510.0 ±')
    expect(rows[1].text()).toContain('612.0')
    expect(rows[1].text()).toContain('(+20.0 %)')
  })

  it('emits pin when another group is chosen as baseline', async () => {
    const wrapper = mount(CompareMetricTable, { props: { groups, baselineKey: groups[0].key } })
    await wrapper.findAll('input[type="radio"]')[1].setValue(true)
    expect(wrapper.emitted('pin')?.[0]?.[0]).toMatchObject({ key: groups[1].key })
  })
})
