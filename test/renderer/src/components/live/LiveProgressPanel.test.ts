import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import LiveProgressPanel from '../../../../../renderer/src/components/live/LiveProgressPanel.vue'
import { useLiveStore } from '../../../../../renderer/src/stores/live'
import { fakeRun, installFakeLabApi, settle, type FakeLabApi } from '../../../support/fake-lab-api'

describe('LiveProgressPanel.vue', () => {
  let api: FakeLabApi
  beforeEach(() => {
    // Frames run immediately so the coalesced version bump is visible to the test.
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      setTimeout(() => callback(0), 0),
    )
    api = installFakeLabApi({
      listRuns: (async () => ({
        items: [
          fakeRun('r1', { status: 'queued', progress: 0, metrics: null }),
          fakeRun('r2', { status: 'queued', progress: 0, metrics: null }),
        ],
        total: 2,
      })) as FakeLabApi['listRuns'],
    })
    setActivePinia(createPinia())
  })

  it('follows progress and status events into the overall and per-run bars', async () => {
    const live = useLiveStore()
    await live.watch('new')
    const wrapper = mount(LiveProgressPanel)
    await settle()
    expect(wrapper.text()).toContain('0 of 2 runs done')
    api.emitProgress({
      runId: 'r1',
      experimentId: 'new',
      fraction: 0.5,
      simTimeS: 0.1,
      events: 10,
      samples: {
        intervalS: 0.05,
        timeS: [0.05],
        throughputMbps: [300],
        cpu: { guest: [0.2] },
        cwndSegments: [4],
        lroRate: [null],
      },
    })
    await settle()
    expect(wrapper.findAll('.live-run-bars li')).toHaveLength(1)
    expect(live.buffer.get('r1')?.throughput).toEqual([{ x: 0.05, y: 300 }])
    api.emitRunChange({
      runId: 'r1',
      experimentId: 'new',
      status: 'done',
      error: null,
      metrics: fakeRun('r1').metrics,
      wallMs: 10,
    })
    await settle()
    expect(wrapper.text()).toContain('1 of 2 runs done')
    expect(wrapper.get('[data-testid="overall-progress"]').attributes('value')).toBe('0.5')
  })

  it('cancels the watched experiment', async () => {
    const live = useLiveStore()
    await live.watch('new')
    const wrapper = mount(LiveProgressPanel)
    await settle()
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(api.cancelExperiment).toHaveBeenCalledWith({ experimentId: 'new' })
  })
})
