import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ComparisonViewRecord, RunDetail } from '../../../main/contract/api'
import { describeApiError, labApi } from '../api/lab-api'
import { groupReplicates } from '../logic/replicate-groups'

/**
 * The comparison: two or more runs (or whole experiments), a pinned baseline, the differences-only
 * toggle. Run details (with series) are immutable once loaded: kept in a shallowRef.
 */
export const useCompareStore = defineStore('compare', () => {
  /** Compared runs, with results and series. */
  const runs = shallowRef<RunDetail[]>([])
  /** The run the deltas are taken against. */
  const baselineRunId = ref<string | null>(null)
  const isDifferencesOnly = ref(true)
  const isLoading = ref(false)
  const error = ref<string | null>(null)

  /** Replicate groups of the compared runs. */
  const groups = computed(() => groupReplicates(runs.value))
  /** The key of the group holding the baseline run. */
  const baselineGroupKey = computed(
    () =>
      groups.value.find((group) => group.runIds.includes(baselineRunId.value ?? ''))?.key ??
      groups.value[0]?.key ??
      null,
  )

  /** Loads the given runs (details with series) and pins the first as baseline if none is. */
  async function compareRuns(runIds: string[]): Promise<void> {
    isLoading.value = true
    error.value = null
    try {
      const api = labApi()
      const details = await Promise.all(
        [...new Set(runIds)].map((runId) => api.getRun({ runId, withSeries: true })),
      )
      runs.value = details
      if (!details.some((run) => run.id === baselineRunId.value)) baselineRunId.value = details[0]?.id ?? null
    } catch (caught) {
      error.value = describeApiError(caught)
    } finally {
      isLoading.value = false
    }
  }

  /** Compares every finished run of the given experiments. */
  async function compareExperiments(experimentIds: string[]): Promise<void> {
    try {
      const api = labApi()
      const pages = await Promise.all(
        experimentIds.map((experimentId) =>
          api.listRuns({ experimentId, status: 'done', sort: 'created', order: 'asc', limit: 500 }),
        ),
      )
      await compareRuns(pages.flatMap((page) => page.items.map((run) => run.id)))
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Saved comparison views (runs, baseline, options), newest as the API lists them. */
  const views = shallowRef<ComparisonViewRecord[]>([])

  /** Loads the saved views. */
  async function loadViews(): Promise<void> {
    try {
      views.value = await labApi().listViews()
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Saves the current comparison under a name. */
  async function saveView(name: string): Promise<void> {
    try {
      await labApi().saveView({
        name,
        runIds: runs.value.map((run) => run.id),
        baselineRunId: baselineRunId.value,
        options: { isDifferencesOnly: isDifferencesOnly.value },
      })
      await loadViews()
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Opens a saved view: its runs, baseline and options. */
  async function openView(view: ComparisonViewRecord): Promise<void> {
    baselineRunId.value = view.baselineRunId
    if (typeof view.options.isDifferencesOnly === 'boolean')
      isDifferencesOnly.value = view.options.isDifferencesOnly
    await compareRuns(view.runIds)
  }

  /** Pins a run as the baseline. */
  function pinBaseline(runId: string): void {
    baselineRunId.value = runId
  }

  /** Removes a run from the comparison. */
  function remove(runId: string): void {
    runs.value = runs.value.filter((run) => run.id !== runId)
    if (baselineRunId.value === runId) baselineRunId.value = runs.value[0]?.id ?? null
  }

  return {
    runs,
    baselineRunId,
    isDifferencesOnly,
    isLoading,
    error,
    groups,
    baselineGroupKey,
    views,
    compareRuns,
    compareExperiments,
    pinBaseline,
    remove,
    loadViews,
    saveView,
    openView,
  }
})
