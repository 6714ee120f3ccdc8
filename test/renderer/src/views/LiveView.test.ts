import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useLiveStore } from '../../../../renderer/src/stores/live'
import LiveView from '../../../../renderer/src/views/LiveView.vue'
import { fakeRun, installFakeLabApi, settle } from '../../support/fake-lab-api'

// Charts need a canvas, which happy-dom lacks: the panel is stubbed and only its props are checked.
const stubs = {
  ChartPanel: {
    props: ['title', 'version', 'source'],
    template: '<div class="chart-stub">{{ title }}</div>',
  },
}

describe('LiveView.vue', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      setTimeout(() => callback(0), 0),
    )
  })

  it('draws the preset figure its chart hint asks for, plus the running run over time', async () => {
    installFakeLabApi({
      getExperiment: async () => ({
        id: 'e1',
        name: 'Table I',
        preset: 'table1',
        notes: '',
        tags: [],
        createdMs: 0,
        runCounts: { queued: 0, running: 0, done: 2, failed: 0, cancelled: 0, interrupted: 0 },
      }),
      listRuns: async () => ({ items: [fakeRun('r1'), fakeRun('r2', { config: 'vlro' })], total: 2 }),
    })
    setActivePinia(createPinia())
    await useLiveStore().watch('e1')
    const wrapper = mount(LiveView, { global: { stubs } })
    await settle()
    const titles = wrapper.findAll('.chart-stub').map((chart) => chart.text())
    expect(titles[0]).toBe('Table I: Throughput (Mb/s)')
    expect(titles.some((title) => title.startsWith('Throughput over time'))).toBe(true)
    expect(titles).not.toContain('Throughput vs SPECjbb score')
    expect(wrapper.findAll('[data-testid="live-results"] tbody tr')).toHaveLength(2)
  })

  it('falls back to the sweep charts for a hand-made experiment with SPECjbb load', async () => {
    installFakeLabApi({
      listRuns: async () => ({ items: [fakeRun('r1', { jbb: 0.5, config: 'plro' })], total: 1 }),
    })
    setActivePinia(createPinia())
    await useLiveStore().watch('new')
    const wrapper = mount(LiveView, { global: { stubs } })
    await settle()
    const titles = wrapper.findAll('.chart-stub').map((chart) => chart.text())
    expect(titles).toContain('Throughput vs message size')
    expect(titles).toContain('LRO rate vs message size')
    expect(titles).toContain('Throughput vs SPECjbb score')
  })

  it('points to Design when nothing is watched', () => {
    installFakeLabApi()
    setActivePinia(createPinia())
    const wrapper = mount(LiveView, { global: { stubs } })
    expect(wrapper.text()).toContain('Nothing is running')
  })
})
