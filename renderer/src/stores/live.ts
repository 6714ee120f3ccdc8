import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import type { ExperimentRecord, ProgressBatch, RunChangeEvent, RunSummary } from '../../../main/contract/api'
import { describeApiError, labApi } from '../api/lab-api'
import { createFrameCoalescer } from '../logic/frame-coalescer'
import { LiveSeriesBuffer } from '../logic/live-buffer'
import { applyProgress, applyRunChange, RecentEvents } from '../logic/run-state'

/** Where a window keeps the id of the experiment it watches, so a reload watches it again. */
const WATCHED_KEY = 'labbench.liveExperimentId'

function rememberWatched(experimentId: string): void {
  try {
    sessionStorage.setItem(WATCHED_KEY, experimentId)
  } catch {
    // Storage can be disabled (private mode); a reload then falls back to the active experiment.
  }
}

/**
 * The experiment being watched live. Events can arrive hundreds of times a second during a sweep,
 * so run states and series live in plain (non-reactive) maps; one `version` ref, bumped at most once
 * per animation frame, tells the view and the charts to redraw.
 */
export const useLiveStore = defineStore('live', () => {
  /** The watched experiment. */
  const experiment = shallowRef<ExperimentRecord | null>(null)
  /** Bumped (once per frame at most) when runs, progress or series changed. */
  const version = ref(0)
  const error = ref<string | null>(null)
  const isCancelling = ref(false)

  // PERF: plain maps and a raw buffer, outside Vue reactivity (STYLE.md "Reactive Chart instances").
  const runsById = markRaw(new Map<string, RunSummary>())
  const runOrder: string[] = markRaw([])
  const buffer = markRaw(new LiveSeriesBuffer())
  // Status events of every experiment, kept briefly: runs can finish before `watch()` has its list.
  const recentRunChanges = markRaw(new RecentEvents<RunChangeEvent>())
  /**
   * Bumped (once per frame at most) only when a run's status or metrics changed: the figure charts
   * follow this one, so progress batches (many per second) do not redraw them.
   */
  const resultsVersion = ref(0)
  let hasResultChange = false
  const bump = createFrameCoalescer(() => {
    version.value++
    if (hasResultChange) {
      hasResultChange = false
      resultsVersion.value++
    }
  })
  // PERF: a results-only version halves redraws during a sweep (software-rendered canvases cost
  // ~5-15 ms each in headless Chromium, measured by test/e2e/renderer-flow.test.ts).
  function bumpResults(): void {
    hasResultChange = true
    bump.request()
  }
  let unsubscribers: (() => void)[] = []

  /** Subscribes to the API's events (idempotent). */
  function connect(): void {
    if (unsubscribers.length > 0) return
    const api = labApi()
    unsubscribers = [
      api.onDidProgress(onProgress),
      api.onDidRunChange(onRunChange),
      api.onDidExperimentChange((event) => {
        if (event.experimentId !== experiment.value?.id) return
        if (event.experiment) experiment.value = event.experiment
        bump.request()
      }),
    ]
  }

  /** Unsubscribes from the API's events. */
  function disconnect(): void {
    for (const unsubscribe of unsubscribers) unsubscribe()
    unsubscribers = []
  }

  /** Starts watching an experiment: loads its runs, then follows events. */
  async function watch(experimentId: string): Promise<void> {
    connect()
    error.value = null
    rememberWatched(experimentId)
    try {
      const api = labApi()
      const [record, page] = await Promise.all([
        api.getExperiment({ experimentId }),
        api.listRuns({ experimentId, sort: 'created', order: 'asc', limit: 10_000 }),
      ])
      experiment.value = record
      runsById.clear()
      runOrder.length = 0
      buffer.clear()
      for (const run of page.items) {
        runsById.set(run.id, run)
        runOrder.push(run.id)
      }
      // Replay what happened while the list was on its way (never moves a run backwards).
      for (const event of recentRunChanges.of(experimentId)) {
        const run = runsById.get(event.runId)
        if (run) applyRunChange(run, event)
      }
      bumpResults()
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /**
   * After a reload: watches the experiment this window watched before (kept in sessionStorage),
   * else the newest experiment that still has work queued or running. Does nothing when already
   * watching one.
   */
  async function restore(): Promise<void> {
    if (experiment.value) return
    try {
      const remembered = sessionStorage.getItem(WATCHED_KEY)
      if (remembered) {
        await watch(remembered)
        if (experiment.value) return
        error.value = null
      }
      const page = await labApi().listExperiments({ limit: 20 })
      const active = page.items.find((record) => record.runCounts.running + record.runCounts.queued > 0)
      if (active) await watch(active.id)
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  const seriesRequests = new Set<string>()
  /**
   * Reads a finished run's stored series into the buffer, once: runs that finished before the
   * view was open (or before a reload) sent no progress batches to this window.
   */
  async function loadStoredSeries(runId: string): Promise<void> {
    if (buffer.get(runId) || seriesRequests.has(runId)) return
    seriesRequests.add(runId)
    try {
      const detail = await labApi().getRun({ runId, withSeries: true })
      if (detail.result?.series && !buffer.get(runId)) {
        buffer.append(runId, detail.result.series)
        bump.request()
      }
    } catch (caught) {
      error.value = describeApiError(caught)
    } finally {
      seriesRequests.delete(runId)
    }
  }

  function onProgress(batch: ProgressBatch): void {
    const run = runsById.get(batch.runId)
    if (!run) return
    applyProgress(run, batch.fraction)
    buffer.append(batch.runId, batch.samples)
    bump.request()
  }

  function onRunChange(event: RunChangeEvent): void {
    recentRunChanges.add(event)
    const run = runsById.get(event.runId)
    if (run && applyRunChange(run, event)) bumpResults()
  }

  /** Cancels the watched experiment's unfinished runs. */
  async function cancel(): Promise<void> {
    if (!experiment.value) return
    isCancelling.value = true
    try {
      await labApi().cancelExperiment({ experimentId: experiment.value.id })
    } catch (caught) {
      error.value = describeApiError(caught)
    } finally {
      isCancelling.value = false
    }
  }

  /**
   * The watched runs in creation order (read after `version` changes). Each call returns fresh
   * shallow copies: the records are mutated in place outside reactivity, and a child component
   * handed the same object would see unchanged props and skip its update.
   */
  function runs(): RunSummary[] {
    const copies: RunSummary[] = []
    for (const id of runOrder) {
      const run = runsById.get(id)
      if (run) copies.push({ ...run })
    }
    return copies
  }

  /** Counts per status and the overall fraction done, recomputed per frame. */
  const progress = computed(() => {
    void version.value
    let done = 0
    let running = 0
    let failed = 0
    let fractionSum = 0
    for (const run of runsById.values()) {
      if (run.status === 'done') done++
      else if (run.status === 'running') running++
      else if (run.status === 'failed' || run.status === 'cancelled' || run.status === 'interrupted') failed++
      fractionSum += run.status === 'done' ? 1 : run.status === 'running' ? run.progress : 0
    }
    const total = runsById.size
    return {
      total,
      done,
      running,
      failed,
      fraction: total === 0 ? 0 : fractionSum / total,
      isFinished: total > 0 && done + failed === total,
    }
  })

  return {
    experiment,
    version,
    resultsVersion,
    error,
    isCancelling,
    buffer,
    connect,
    disconnect,
    watch,
    restore,
    loadStoredSeries,
    cancel,
    runs,
    progress,
  }
})
