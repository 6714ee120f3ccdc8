import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import DesignView from '../../../../renderer/src/views/DesignView.vue'
import { useNavigationStore } from '../../../../renderer/src/stores/navigation'
import { installFakeLabApi, settle, type FakeLabApi } from '../../support/fake-lab-api'

describe('DesignView.vue', () => {
  let api: FakeLabApi
  beforeEach(() => {
    api = installFakeLabApi()
    setActivePinia(createPinia())
  })

  it('loads a preset, shows the run count, and starts it as the preset with overrides', async () => {
    const wrapper = mount(DesignView)
    await settle()
    await wrapper.get('[data-testid="preset-select"]').setValue('table1')
    await wrapper.get('[data-testid="load-preset"]').trigger('click')
    await settle()
    expect(api.expandPreset).toHaveBeenCalledWith({ presetId: 'table1' })
    expect(wrapper.get('[data-testid="run-count"]').text()).toBe('4')
    await wrapper.get('[data-testid="duration"]').setValue('0.2')
    await wrapper.get('[data-testid="start"]').trigger('click')
    await settle()
    expect(api.startExperiment).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Table I',
        presetId: 'table1',
        overrides: expect.objectContaining({ durationS: 0.2 }),
        replications: 1,
      }),
    )
    expect(useNavigationStore().view).toBe('live')
  })

  it('keeps the preset link while the grid is edited back to the preset, drops it while it differs', async () => {
    const wrapper = mount(DesignView)
    await settle()
    await wrapper.get('[data-testid="preset-select"]').setValue('table1')
    await wrapper.get('[data-testid="load-preset"]').trigger('click')
    await settle()
    const mtus = wrapper.get('#design-mtus')
    const original = (mtus.element as HTMLInputElement).value
    await mtus.setValue(`${original}, 4000`)
    await wrapper.get('[data-testid="start"]').trigger('click')
    await settle()
    expect(api.startExperiment).toHaveBeenLastCalledWith(expect.not.objectContaining({ presetId: 'table1' }))
    await mtus.setValue(original)
    await wrapper.get('[data-testid="config-xen"]').setValue(false)
    await wrapper.get('[data-testid="config-xen"]').setValue(true)
    await wrapper.get('[data-testid="start"]').trigger('click')
    await settle()
    expect(api.startExperiment).toHaveBeenLastCalledWith(expect.objectContaining({ presetId: 'table1' }))
  })

  it('disables Start while the design is invalid and says how many problems remain', async () => {
    const wrapper = mount(DesignView)
    await settle()
    await wrapper.get('[data-testid="duration"]').setValue('-1')
    expect(wrapper.get('[data-testid="start"]').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('problem(s) to fix')
    expect(api.startExperiment).not.toHaveBeenCalled()
  })

  it('shows the service error when starting is refused', async () => {
    api.startExperiment = (async () => {
      throw { code: 'VALIDATION', message: 'specs.0.mtu: too small' }
    }) as FakeLabApi['startExperiment']
    const wrapper = mount(DesignView)
    await settle()
    await wrapper.get('[data-testid="start"]').trigger('click')
    await settle()
    expect(wrapper.text()).toContain('Invalid input: specs.0.mtu: too small')
  })
})
