import { afterEach, describe, expect, it } from 'vitest'
import type { RunSpec } from '../../../engine/experiments/spec'
import type { RunProgress } from '../../../engine/results/run-result'
import { JobPool, defaultThreadCount, type JobPoolOptions } from '../../../main/workers/job-pool'
import { typeScriptWorkerEntry } from '../../../main/workers/worker-entry'
import type { ScriptedBehaviour } from './fixtures/scripted-worker'

const scriptedEntry = typeScriptWorkerEntry(new URL('./fixtures/scripted-worker.ts', import.meta.url))

function scriptedSpec(behaviour: ScriptedBehaviour, seed = 1): RunSpec {
  return { behaviour, seed } as unknown as RunSpec
}

const pools: JobPool[] = []
function createPool(options: Partial<JobPoolOptions> = {}): JobPool {
  const pool = new JobPool({ entry: scriptedEntry, threadCount: 2, cancelGraceMs: 200, ...options })
  pools.push(pool)
  return pool
}

/** Resolves once `onStarted` has fired for a job. */
function startedSignal(): { onStarted: () => void; started: Promise<void> } {
  let resolve!: () => void
  const started = new Promise<void>((done) => (resolve = done))
  return { onStarted: resolve, started }
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

describe('JobPool', () => {
  it('leaves at least one core to the main thread and never goes below one thread', () => {
    expect(defaultThreadCount()).toBeGreaterThanOrEqual(1)
    expect(new JobPool({ entry: scriptedEntry, threadCount: 0 }).threadCount).toBe(1)
  })

  it('runs a job and streams its progress over the port in order', async () => {
    const pool = createPool()
    const progress: RunProgress[] = []
    let startedCount = 0
    const handle = pool.submit({
      spec: scriptedSpec('succeed', 42),
      onStarted: () => (startedCount += 1),
      onProgress: (report) => progress.push(report),
    })
    const outcome = await handle.outcome
    expect(outcome.status).toBe('done')
    if (outcome.status === 'done') expect(outcome.result.throughputMbps).toBe(42)
    expect(startedCount).toBe(1)
    // Progress travels on its own port, yet all of it arrives, in order, before the outcome.
    expect(progress.map((report) => report.events)).toEqual([10, 20, 30])
  })

  it('fails only the run whose worker throws, with the error text, and keeps serving', async () => {
    const pool = createPool()
    const [bad, good] = [
      pool.submit({ spec: scriptedSpec('throw', 7) }),
      pool.submit({ spec: scriptedSpec('succeed', 8) }),
    ]
    expect(await bad.outcome).toEqual({ status: 'failed', error: 'scripted failure for seed 7' })
    expect((await good.outcome).status).toBe('done')
    expect((await pool.submit({ spec: scriptedSpec('succeed', 9) }).outcome).status).toBe('done')
  })

  it('fails a run whose worker exceeds its memory limit, then runs the next one', async () => {
    const pool = createPool({ maxOldGenerationSizeMb: 32 })
    const outcome = await pool.submit({ spec: scriptedSpec('exhaust-memory') }).outcome
    expect(outcome.status).toBe('failed')
    if (outcome.status === 'failed') expect(outcome.error).toMatch(/memory/i)
    expect((await pool.submit({ spec: scriptedSpec('succeed', 3) }).outcome).status).toBe('done')
  })

  it('fails a run whose worker exits the thread', async () => {
    const pool = createPool()
    const outcome = await pool.submit({ spec: scriptedSpec('exit-process') }).outcome
    expect(outcome.status).toBe('failed')
    expect((await pool.submit({ spec: scriptedSpec('succeed', 3) }).outcome).status).toBe('done')
  })

  it('stops a running job cooperatively through the shared flag', async () => {
    const pool = createPool({ cancelGraceMs: 60_000 })
    const signal = startedSignal()
    const handle = pool.submit({ spec: scriptedSpec('wait-for-cancel'), onStarted: signal.onStarted })
    await signal.started
    handle.cancel()
    // The grace period is a minute: resolving at all proves the worker honoured the flag.
    expect(await handle.outcome).toEqual({ status: 'cancelled' })
  })

  it('terminates a runaway job that ignores the flag after the grace period', async () => {
    const pool = createPool({ cancelGraceMs: 100 })
    const signal = startedSignal()
    const handle = pool.submit({ spec: scriptedSpec('ignore-cancel'), onStarted: signal.onStarted })
    await signal.started
    handle.cancel()
    expect(await handle.outcome).toEqual({ status: 'cancelled' })
    expect((await pool.submit({ spec: scriptedSpec('succeed', 5) }).outcome).status).toBe('done')
  })

  it('runs jobs on separate threads at the same time and queues the rest', async () => {
    const pool = createPool({ threadCount: 2, cancelGraceMs: 60_000 })
    const first = startedSignal()
    const second = startedSignal()
    let thirdStarted = false
    const handles = [
      pool.submit({ spec: scriptedSpec('wait-for-cancel'), onStarted: first.onStarted }),
      pool.submit({ spec: scriptedSpec('wait-for-cancel'), onStarted: second.onStarted }),
    ]
    const queued = pool.submit({ spec: scriptedSpec('succeed'), onStarted: () => (thirdStarted = true) })
    // Both blocking jobs run at once (they only end when cancelled), so two threads are busy.
    await Promise.all([first.started, second.started])
    expect(thirdStarted).toBe(false)
    expect(pool.queuedCount).toBe(1)
    queued.cancel()
    expect(await queued.outcome).toEqual({ status: 'cancelled' })
    expect(thirdStarted).toBe(false)
    for (const handle of handles) handle.cancel()
    expect(
      (await Promise.all(handles.map((handle) => handle.outcome))).map((outcome) => outcome.status),
    ).toEqual(['cancelled', 'cancelled'])
  })

  it('cancels every run when closed', async () => {
    const pool = createPool({ cancelGraceMs: 60_000 })
    const signal = startedSignal()
    const running = pool.submit({ spec: scriptedSpec('wait-for-cancel'), onStarted: signal.onStarted })
    await signal.started
    await pool.close()
    expect(await running.outcome).toEqual({ status: 'cancelled' })
    expect(await pool.submit({ spec: scriptedSpec('succeed') }).outcome).toEqual({ status: 'cancelled' })
  })
})
