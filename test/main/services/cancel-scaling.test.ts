import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLabHarness, type LabHarness } from '../contract/lab-harness'
import { SCRIPTED_SEEDS } from '../workers/fixtures/scripted-worker'
import { shortSpec } from '../contract/contract-suite'

describe('cancelling a large experiment', () => {
  let harness: LabHarness | undefined
  afterEach(async () => {
    await harness?.close()
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
