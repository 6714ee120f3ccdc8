import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { KeepAlive, defineComponent, h } from 'vue'
import HistoryView from '../../../../renderer/src/views/HistoryView.vue'
import { fakeRun, installFakeLabApi, settle, type FakeLabApi } from '../../support/fake-lab-api'

// HistoryView refreshes on activation (it lives in a KeepAlive in the app shell).
const Host = defineComponent({ render: () => h(KeepAlive, null, [h(HistoryView)]) })

describe('HistoryView.vue', () => {
  let api: FakeLabApi
  beforeEach(() => {
    api = installFakeLabApi({
      listRuns: (async () => ({
        items: [
          fakeRun('r1'),
          fakeRun('r2', { config: 'vlro', experimentId: 'e2', experimentName: 'Second' }),
        ],
        total: 120,
      })) as FakeLabApi['listRuns'],
      listExperiments: (async () => ({
        items: [
          {
            id: 'e1',
            name: 'Experiment 1',
            preset: null,
            notes: '',
            tags: [],
            createdMs: 0,
            runCounts: { queued: 0, running: 0, done: 1, failed: 0, cancelled: 0, interrupted: 0 },
            analysis: null,
          },
        ],
        total: 1,
      })) as FakeLabApi['listExperiments'],
    })
    setActivePinia(createPinia())
  })

  it('lists a page of runs with paging over the server-side total', async () => {
    const wrapper = mount(Host)
    await settle()
    expect(wrapper.findAll('[data-testid="history-table"] tbody tr[data-run-id]')).toHaveLength(2)
    expect(wrapper.get('[data-testid="page-info"]').text()).toContain('of 120')
  })

  it('asks for confirmation before deleting an experiment', async () => {
    const wrapper = mount(Host)
    await settle()
    await wrapper.get('button[aria-label="Delete experiment Experiment 1"]').trigger('click')
    expect(api.deleteExperiment).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Delete experiment Experiment 1')
    await wrapper.get('[data-testid="confirm-delete"]').trigger('click')
    await settle()
    expect(api.deleteExperiment).toHaveBeenCalledWith({ experimentId: 'e1' })
  })

  it('deletes only the run whose row asks, after confirmation', async () => {
    const wrapper = mount(Host)
    await settle()
    const rowDelete = wrapper.get('[data-testid="history-table"] tr[data-run-id="r1"] button.is-danger')
    await rowDelete.trigger('click')
    expect(wrapper.get('#confirm-text').text()).toMatch(/Its experiment and other runs stay/)
    await wrapper.get('[data-testid="confirm-delete"]').trigger('click')
    await settle()
    expect(api.deleteRun).toHaveBeenCalledWith({ runId: 'r1' })
    expect(api.deleteExperiment).not.toHaveBeenCalled()
  })

  it('saves a tag edited in place', async () => {
    const wrapper = mount(Host)
    await settle()
    const input = wrapper.get('input[aria-label="Tags of run r1"]')
    await input.setValue('baseline')
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(api.tagRun).toHaveBeenCalledWith({ runId: 'r1', tags: ['baseline'] })
  })

  it('enables Compare once two runs are selected', async () => {
    const wrapper = mount(Host)
    await settle()
    const compare = wrapper.get('[data-testid="compare-selected"]')
    expect(compare.attributes('disabled')).toBeDefined()
    for (const box of wrapper.findAll('tbody input[type="checkbox"]')) await box.setValue(true)
    expect(compare.attributes('disabled')).toBeUndefined()
  })
})
