import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { parameterRegistry } from '../../../../../engine/params/registry'
import DesignAdvancedPanel from '../../../../../renderer/src/components/design/DesignAdvancedPanel.vue'
import { useCatalogStore } from '../../../../../renderer/src/stores/catalog'
import { useDesignStore } from '../../../../../renderer/src/stores/design'
import { fakeParameter, installFakeLabApi } from '../../../support/fake-lab-api'

// A real engine parameter, so the engine's own schema judges the override.
const [realId, realSpec] =
  [...parameterRegistry.entries()].find(([, spec]) => spec.max < Number.MAX_SAFE_INTEGER / 10) ??
  [...parameterRegistry.entries()][0]

describe('DesignAdvancedPanel.vue', () => {
  beforeEach(() => {
    installFakeLabApi()
    setActivePinia(createPinia())
    const catalog = useCatalogStore()
    catalog.parameters = [
      fakeParameter(realId, realSpec.group, {
        unit: realSpec.unit,
        min: realSpec.min,
        max: realSpec.max,
        default: realSpec.default,
        help: realSpec.help,
      }),
      fakeParameter('zz.other', 'Zeta group'),
    ]
  })

  it('groups parameters and shows unit, range and meaning', () => {
    const wrapper = mount(DesignAdvancedPanel)
    const groups = wrapper.findAll('details.design-advanced-group > summary').map((summary) => summary.text())
    expect(groups).toEqual([`${realSpec.group} (1)`, 'Zeta group (1)'].sort((a, b) => a.localeCompare(b)))
    expect(wrapper.text()).toContain(realSpec.help)
    expect(wrapper.text()).toContain(realSpec.unit)
  })

  it('validates an override with the engine schema and shows the error next to it', async () => {
    const wrapper = mount(DesignAdvancedPanel)
    const input = wrapper.get(`#param-${realId.replace(/[^a-zA-Z0-9_-]/g, '_')}`)
    await input.setValue(String(realSpec.max * 10 + 10))
    const store = useDesignStore()
    expect(store.expansion.isValid).toBe(false)
    expect(wrapper.text()).toContain('is outside')
    await input.setValue(String(realSpec.default))
    expect(store.expansion.isValid).toBe(true)
    expect(store.design.overrides[realId]).toBe(String(realSpec.default))
  })

  it('reports an override id the engine does not know', async () => {
    const wrapper = mount(DesignAdvancedPanel)
    await wrapper.get('#param-zz_other').setValue('5')
    expect(wrapper.text()).toContain('unknown parameter id "zz.other"')
  })

  it('filters by search text', async () => {
    const wrapper = mount(DesignAdvancedPanel)
    await wrapper.get('#param-search').setValue('zeta')
    expect(wrapper.findAll('details.design-advanced-group')).toHaveLength(1)
  })
})
