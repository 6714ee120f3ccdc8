import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
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
})
