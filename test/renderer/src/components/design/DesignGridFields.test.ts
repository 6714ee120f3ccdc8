import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import DesignGridFields from '../../../../../renderer/src/components/design/DesignGridFields.vue'
import { useDesignStore } from '../../../../../renderer/src/stores/design'
import { installFakeLabApi } from '../../../support/fake-lab-api'

describe('DesignGridFields.vue', () => {
  beforeEach(() => {
    installFakeLabApi()
    setActivePinia(createPinia())
  })

  it('labels every input', () => {
    const wrapper = mount(DesignGridFields)
    for (const input of wrapper.findAll('input, select')) {
      const id = input.attributes('id')
      const hasLabel =
        (id && wrapper.find(`label[for="${id}"]`).exists()) || input.element.closest('label') !== null
      expect(hasLabel, `input ${id ?? input.html()} has a label`).toBe(true)
    }
  })

  it('shows the schema error next to the MTU field as the user types', async () => {
    const wrapper = mount(DesignGridFields)
    const mtu = wrapper.get('#design-mtus')
    await mtu.setValue('1500, 100')
    expect(mtu.attributes('aria-invalid')).toBe('true')
    expect(mtu.attributes('aria-describedby')).toBe('error-mtusText')
    expect(wrapper.get('#error-mtusText').text()).toMatch(/576|small|>=|greater/i)
    await mtu.setValue('1500, 4000')
    expect(mtu.attributes('aria-invalid')).toBe('false')
    expect(wrapper.find('#error-mtusText').exists()).toBe(false)
  })

  it('explains the chosen test bed and names its identified facts', async () => {
    const wrapper = mount(DesignGridFields)
    await wrapper.get('#design-env').setValue('switched-2008')
    const help = wrapper.get('[data-testid="env-help"]').text()
    expect(help).toMatch(/store-and-forward switch/)
    expect(help).toMatch(/sender\.nic\.busBytesPerS/)
    await wrapper.get('#design-env').setValue('direct-2009')
    expect(wrapper.get('[data-testid="env-help"]').text()).toMatch(/cross cable/)
  })

  it('names a token that is not a number', async () => {
    const wrapper = mount(DesignGridFields)
    await wrapper.get('#design-message-sizes').setValue('64, lots')
    expect(wrapper.get('#error-messageSizesText').text()).toBe('"lots" is not a size in bytes')
  })

  it('toggles configurations and detaches the design from its preset', async () => {
    const store = useDesignStore()
    store.design.presetId = 'table1'
    store.design.fixedPoints = []
    const wrapper = mount(DesignGridFields)
    await wrapper.get('[data-testid="config-linux"]').setValue(true)
    expect(store.design.configs).toEqual(['linux', 'xen', 'vlro'])
    expect(store.design.presetId).toBeNull()
    await wrapper.get('[data-testid="config-linux"]').setValue(false)
    await wrapper.get('[data-testid="config-xen"]').setValue(false)
    await wrapper.get('[data-testid="config-vlro"]').setValue(false)
    expect(wrapper.get('#error-configs').text()).toBe('choose at least one configuration')
  })
})
