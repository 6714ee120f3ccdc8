import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useCompareStore } from '../../../../renderer/src/stores/compare'
import { fakeRun, installFakeLabApi, type FakeLabApi } from '../../support/fake-lab-api'

describe('useCompareStore', () => {
  let api: FakeLabApi
  beforeEach(() => {
    api = installFakeLabApi({
      getRun: (async ({ runId }: { runId: string }) => ({
        ...fakeRun(runId, { config: runId === 'b' ? 'vlro' : 'xen', seed: runId === 'c' ? 2 : 1 }),
        result: null,
      })) as FakeLabApi['getRun'],
    })
    setActivePinia(createPinia())
  })

  it('loads each run once, pins the first as baseline and groups replicates', async () => {
    const store = useCompareStore()
    await store.compareRuns(['a', 'b', 'c', 'a'])
    expect(store.runs.map((run) => run.id)).toEqual(['a', 'b', 'c'])
    expect(store.baselineRunId).toBe('a')
    expect(store.groups.map((group) => group.runIds)).toEqual([['a', 'c'], ['b']])
    store.pinBaseline('b')
    expect(store.baselineGroupKey).toBe(store.groups[1].key)
  })

  it('moves the baseline when its run is removed', async () => {
    const store = useCompareStore()
    await store.compareRuns(['a', 'b'])
    store.remove('a')
    expect(store.baselineRunId).toBe('b')
  })

  it('compares the finished runs of an experiment', async () => {
    const store = useCompareStore()
    await store.compareExperiments(['e1'])
    expect(api.listRuns).toHaveBeenCalledWith(expect.objectContaining({ experimentId: 'e1', status: 'done' }))
    expect(store.runs.map((run) => run.id)).toEqual(['r1'])
  })

  it('reports an API failure as text', async () => {
    api.getRun = (async () => {
      throw { code: 'NOT_FOUND', message: 'run "x" does not exist' }
    }) as FakeLabApi['getRun']
    const store = useCompareStore()
    await store.compareRuns(['x'])
    expect(store.error).toBe('Not found: run "x" does not exist')
  })

  it('saves the comparison as a view and reopens it with its baseline and options', async () => {
    const saved = {
      id: 'v1',
      name: 'pLRO vs vLRO',
      runIds: ['a', 'b'],
      baselineRunId: 'b',
      options: { isDifferencesOnly: false },
      createdMs: 0,
    }
    api.saveView = vi.fn(async () => saved) as unknown as FakeLabApi['saveView']
    api.listViews = vi.fn(async () => [saved]) as unknown as FakeLabApi['listViews']
    const store = useCompareStore()
    await store.compareRuns(['a', 'b'])
    store.pinBaseline('b')
    store.isDifferencesOnly = false
    await store.saveView('pLRO vs vLRO')
    expect(api.saveView).toHaveBeenCalledWith({
      name: 'pLRO vs vLRO',
      runIds: ['a', 'b'],
      baselineRunId: 'b',
      options: { isDifferencesOnly: false },
    })
    expect(store.views).toEqual([saved])
    const fresh = useCompareStore()
    fresh.isDifferencesOnly = true
    await fresh.openView(saved)
    expect(fresh.baselineRunId).toBe('b')
    expect(fresh.isDifferencesOnly).toBe(false)
    expect(fresh.runs.map((run) => run.id)).toEqual(['a', 'b'])
  })
})
