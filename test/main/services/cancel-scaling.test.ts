import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLabHarness, type LabHarness } from '../contract/lab-harness'
import { SCRIPTED_SEEDS } from '../workers/fixtures/scripted-worker'
import { shortSpec } from '../contract/contract-suite'

describe('cancelling a large experiment', () => {
  let harness: LabHarness | undefined
  afterEach(async () => {
    await harness?.close()
  })

  it('hands the pool a few runs per thread at a time, not the whole experiment at once', async () => {
    harness = createLabHarness({ worker: 'scripted', threadCount: 2, cancelGraceMs: 100 })
    const runs = harness.services.runs
    const submissions = vi.spyOn(harness.pool, 'submit')
    const specs = Array.from({ length: 2000 }, () => shortSpec(SCRIPTED_SEEDS['wait-for-cancel']))
    const started = runs.startExperiment({ name: 'many', specs })
    // Two threads x two: four runs in the pool; the other 1996 wait in the service, still queued.
    expect(submissions).toHaveBeenCalledTimes(4)
    expect(runs.activeRunCount).toBe(2000)
    expect(harness.store.getExperiment(started.experimentId)?.runCounts.queued).toBeGreaterThanOrEqual(1996)
    runs.cancelExperiment(started.experimentId)
    await runs.whenExperimentSettled(started.experimentId)
    expect(submissions).toHaveBeenCalledTimes(4)
    expect(runs.activeRunCount).toBe(0)
    expect(harness.store.getExperiment(started.experimentId)?.runCounts.cancelled).toBe(2000)
  })

  it('runs every run of a larger experiment through the few pool slots', async () => {
    harness = createLabHarness({ worker: 'scripted', threadCount: 2 })
    const runs = harness.services.runs
    const specs = Array.from({ length: 30 }, (_, index) => shortSpec(100 + index))
    const started = runs.startExperiment({ name: 'thirty', specs })
    await runs.whenExperimentSettled(started.experimentId)
    expect(harness.store.getExperiment(started.experimentId)?.runCounts.done).toBe(30)
  })

  it('re-reads the experiment a constant number of times, not once per cancelled run', async () => {
    harness = createLabHarness({ worker: 'scripted', threadCount: 1, cancelGraceMs: 100 })
    const runs = harness.services.runs
    const specs = Array.from({ length: 300 }, () => shortSpec(SCRIPTED_SEEDS['wait-for-cancel']))
    const started = runs.startExperiment({ name: 'big', specs })
    const reads = vi.spyOn(harness.store, 'getExperiment')
    runs.cancelExperiment(started.experimentId)
    await runs.whenExperimentSettled(started.experimentId)
    // One check and one announcement in cancelExperiment; none per settled run.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(5)
    expect(harness.store.getExperiment(started.experimentId)?.runCounts.cancelled).toBe(300)
  })
})
