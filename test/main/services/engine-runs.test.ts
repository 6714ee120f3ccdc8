import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressBatch, RunChangeEvent } from '../../../main/contract/api'
import { createLabHarness, type LabHarness } from '../contract/lab-harness'

/** Real engine runs on the real pool and store: short runs only (0.05-0.2 simulated seconds). */
describe('RunService with the engine worker', () => {
  let harness: LabHarness

  beforeAll(() => {
    harness = createLabHarness({ worker: 'engine', threadCount: 2, cancelGraceMs: 5_000 })
  })

  afterAll(async () => {
    await harness?.close()
  })

  it('runs short engine runs to stored results, streaming progress with series points', async () => {
    const { runs, history } = harness.services
    const progress: ProgressBatch[] = []
    const changes: RunChangeEvent[] = []
    const subscriptions = [
      runs.onDidProgress((batch) => progress.push(batch)),
      runs.onDidRunChange((change) => changes.push(change)),
    ]
    const started = runs.startExperiment({
      name: 'engine smoke',
      specs: [
        { config: 'linux', durationS: 0.1, warmupS: 0.02, seed: 1 },
        { config: 'vlro', durationS: 0.1, warmupS: 0.02, seed: 1 },
      ],
    })
    await runs.whenExperimentSettled(started.experimentId)
    subscriptions.forEach((subscription) => subscription.dispose())
    for (const runId of started.runIds) {
      const run = history.getRun(runId)
      expect(run.status, run.error ?? '').toBe('done')
      expect(run.result?.throughputMbps).toBeGreaterThan(0)
      expect(run.result?.series.timeS.length).toBeGreaterThan(0)
      const runProgress = progress.filter((batch) => batch.runId === runId)
      expect(runProgress.length).toBeGreaterThan(0)
      const fractions = runProgress.map((batch) => batch.fraction)
      expect(fractions).toEqual([...fractions].sort((left, right) => left - right))
      expect(changes.filter((change) => change.runId === runId).map((change) => change.status)).toEqual([
        'running',
        'done',
      ])
    }
    // The stored result of the same seed and spec is reproducible bit for bit (but wall time).
    const rerun = runs.rerun({ runIds: [started.runIds[0]] })
    await runs.whenExperimentSettled(rerun.experimentId)
    const [first, second] = [history.getRun(started.runIds[0]).result, history.getRun(rerun.runIds[0]).result]
    expect({ ...second, wallMs: 0 }).toEqual({ ...first, wallMs: 0 })
  })

  it('cancels a long engine run cooperatively once it is running', async () => {
    const { runs, history } = harness.services
    let isRunning!: () => void
    const running = new Promise<void>((resolve) => (isRunning = resolve))
    const subscription = runs.onDidProgress(() => isRunning())
    const started = runs.startExperiment({
      name: 'long run',
      specs: [{ config: 'xen', durationS: 600, warmupS: 0.02, seed: 2 }],
    })
    await running
    subscription.dispose()
    expect(runs.cancelExperiment(started.experimentId).cancelledRuns).toBe(1)
    await runs.whenExperimentSettled(started.experimentId)
    const run = history.getRun(started.runIds[0])
    expect(run.status).toBe('cancelled')
    expect(run.result).toBeNull()
  })
})
