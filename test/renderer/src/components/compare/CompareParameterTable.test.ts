import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import CompareParameterTable from '../../../../../renderer/src/components/compare/CompareParameterTable.vue'
import { fakeRun, installFakeLabApi } from '../../../support/fake-lab-api'

describe('CompareParameterTable.vue', () => {
  beforeEach(() => {
    installFakeLabApi()
    setActivePinia(createPinia())
  })

  const xen = { ...fakeRun('a'), result: null }
  const vlro = {
    ...fakeRun('b', { config: 'vlro', spec: { ...fakeRun('b').spec, config: 'vlro' } }),
    result: null,
  }

  it('shows only differing rows when differences only is on, all rows when off', async () => {
    const wrapper = mount(CompareParameterTable, {
      props: { runs: [xen, vlro], baselineRunId: 'a', differencesOnly: true },
    })
    expect(wrapper.findAll('tbody tr').map((row) => row.attributes('data-row'))).toEqual(['config'])
    await wrapper.setProps({ differencesOnly: false })
    expect(wrapper.findAll('tbody tr').length).toBeGreaterThan(5)
  })

  it('emits the toggle through v-model and marks the baseline column', async () => {
    const wrapper = mount(CompareParameterTable, {
      props: { runs: [xen, vlro], baselineRunId: 'a', differencesOnly: true },
    })
    await wrapper.get('[data-testid="differences-only"]').setValue(false)
    expect(wrapper.emitted('update:differencesOnly')?.[0]).toEqual([false])
    expect(wrapper.find('th.baseline').text()).toContain('(baseline)')
  })

  it('says so when the runs are identical', () => {
    const wrapper = mount(CompareParameterTable, {
      props: { runs: [xen, { ...xen, id: 'c' }], baselineRunId: 'a', differencesOnly: true },
    })
    expect(wrapper.text()).toContain('identical parameters')
  })
})
