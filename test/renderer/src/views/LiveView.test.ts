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
        analysis: null,
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

  it('names runs by their SPECjbb load and shows the last finished run of a finished experiment', async () => {
    const series = {
      intervalS: 0.05,
      timeS: [0.05, 0.1],
      throughputMbps: [700, 710],
      cpu: {},
      cwndSegments: [10, 10],
      lroRate: [null, null],
    }
    const api = installFakeLabApi({
      listRuns: async () => ({
        items: [fakeRun('r1', { jbb: 'off' }), fakeRun('r2', { jbb: 0.25 })],
        total: 2,
      }),
      getRun: vi.fn(async ({ runId }: { runId: string }) => ({
        ...fakeRun(runId),
        result: { series } as never,
      })),
    })
    setActivePinia(createPinia())
    const live = useLiveStore()
    await live.watch('e1')
    const wrapper = mount(LiveView, { global: { stubs } })
    await settle()
    const options = wrapper.findAll('#series-run option').map((option) => option.text())
    expect(options).toContain('xen MTU 1500, 16384 B, SPECjbb off, seed 1 (done)')
    expect(options).toContain('xen MTU 1500, 16384 B, SPECjbb 25%, seed 1 (done)')
    const titles = wrapper.findAll('.chart-stub').map((chart) => chart.text())
    expect(titles).toContain('Throughput over time: xen MTU 1500, 16384 B, SPECjbb 25%, seed 1')
    expect(api.getRun).toHaveBeenCalledWith({ runId: 'r2', withSeries: true })
    expect(live.buffer.get('r2')?.throughput).toEqual([
      { x: 0.05, y: 700 },
      { x: 0.1, y: 710 },
    ])
  })

  it('watches the same experiment again after a reload, else the one still running', async () => {
    const running = {
      id: 'e7',
      name: 'still running',
      preset: null,
      notes: '',
      tags: [],
      createdMs: 0,
      runCounts: { queued: 3, running: 1, done: 0, failed: 0, cancelled: 0, interrupted: 0 },
      analysis: null,
    }
    const finished = { ...running, id: 'e8', runCounts: { ...running.runCounts, queued: 0, running: 0 } }
    const api = {
      listExperiments: async () => ({ items: [finished, running], total: 2 }),
      getExperiment: async ({ experimentId }: { experimentId: string }) => ({ ...running, id: experimentId }),
    }
    installFakeLabApi(api)
    setActivePinia(createPinia())
    await useLiveStore().watch('e1')
    // A reload: a fresh store in the same window session.
    setActivePinia(createPinia())
    const reloaded = useLiveStore()
    await reloaded.restore()
    expect(reloaded.experiment?.id).toBe('e1')

    sessionStorage.clear()
    setActivePinia(createPinia())
    const fresh = useLiveStore()
    await fresh.restore()
    expect(fresh.experiment?.id).toBe('e7')
  })

  it('points to Design when nothing is watched', () => {
    installFakeLabApi()
    setActivePinia(createPinia())
    const wrapper = mount(LiveView, { global: { stubs } })
    expect(wrapper.text()).toContain('Nothing is running')
  })
})
