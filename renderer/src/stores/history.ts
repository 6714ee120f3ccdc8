import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type {
  ExperimentRecord,
  RunFilter,
  RunSortKey,
  RunStatus,
  RunSummary,
} from '../../../main/contract/api'
import type { Configuration } from '../../../engine/experiments/spec'
import { parseParameterValue } from '../../../engine/experiments/parameter-axes'
import { describeApiError, labApi } from '../api/lab-api'
import { downloadBase64 } from '../charts/chart-export'

/** The history filters the toolbar edits (empty string = no filter). */
export interface HistoryFilters {
  text: string
  config: Configuration | ''
  mtu: string
  messageSize: string
  tag: string
  status: RunStatus | ''
  /** `ID=VALUE`: runs that set a parameter (a swept axis) to that value. */
  param: string
}

/** The parameter filter parsed: empty, a value, or why it is not applied. */
function parseParamFilter(text: string): { id: string; value: number } | { problem: string } | null {
  if (text.trim() === '') return null
  try {
    return parseParameterValue(text)
  } catch (error) {
    return { problem: (error as Error).message }
  }
}

/** Why the parameter filter is not applied, or null when it is empty or valid. */
export function paramFilterProblem(text: string): string | null {
  const parsed = parseParamFilter(text)
  return parsed && 'problem' in parsed ? parsed.problem : null
}

/** Builds the API's run filter from the toolbar state (paging and sorting in SQL, server side). */
export function toRunFilter(
  filters: HistoryFilters,
  sort: RunSortKey,
  order: 'asc' | 'desc',
  pageSize: number,
  pageIndex: number,
): RunFilter {
  const filter: RunFilter = { sort, order, limit: pageSize, offset: pageIndex * pageSize }
  if (filters.text.trim()) filter.text = filters.text.trim()
  if (filters.config) filter.config = filters.config
  if (filters.mtu.trim() && Number.isFinite(Number(filters.mtu))) filter.mtu = Number(filters.mtu)
  if (filters.messageSize.trim() && Number.isFinite(Number(filters.messageSize)))
    filter.messageSize = Number(filters.messageSize)
  if (filters.tag.trim()) filter.tag = filters.tag.trim()
  if (filters.status) filter.status = filters.status
  const param = parseParamFilter(filters.param)
  if (param && 'id' in param) filter.params = { [param.id]: param.value }
  return filter
}

/** Every stored run: one page at a time, filtered and sorted by the store, editable in place. */
export const useHistoryStore = defineStore('history', () => {
  const filters = reactive<HistoryFilters>({
    text: '',
    config: '',
    mtu: '',
    messageSize: '',
    tag: '',
    status: '',
    param: '',
  })
  const sort = ref<RunSortKey>('created')
  const order = ref<'asc' | 'desc'>('desc')
  const pageSize = ref(50)
  const pageIndex = ref(0)
  /** The current page (replaced whole: shallowRef). */
  const rows = shallowRef<RunSummary[]>([])
  const total = ref(0)
  const isLoading = ref(false)
  const error = ref<string | null>(null)
  const message = ref<string | null>(null)
  /** Runs ticked for comparison or export, by id (kept across pages). */
  const selectedIds = ref<string[]>([])
  /** Wall milliseconds of the last page load (shown, and read by the benchmark). */
  const lastLoadMs = ref<number | null>(null)
  let loadSequence = 0
  /** The most recent experiments (first page). */
  const experiments = shallowRef<ExperimentRecord[]>([])
  const experimentTotal = ref(0)

  /** Loads the most recent experiments, filtered by the text filter. */
  async function loadExperiments(limit = 20): Promise<void> {
    try {
      const text = filters.text.trim()
      const page = await labApi().listExperiments(text ? { text, limit } : { limit })
      experiments.value = page.items
      experimentTotal.value = page.total
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Replaces an experiment's tags. */
  async function setExperimentTags(experimentId: string, tags: string[]): Promise<void> {
    try {
      const updated = await labApi().tagExperiment({ experimentId, tags })
      experiments.value = experiments.value.map((item) => (item.id === experimentId ? updated : item))
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Replaces an experiment's notes. */
  async function setExperimentNotes(experimentId: string, notes: string): Promise<void> {
    try {
      const updated = await labApi().noteExperiment({ experimentId, notes })
      experiments.value = experiments.value.map((item) => (item.id === experimentId ? updated : item))
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Loads the current page; a slower earlier load never overwrites a newer one. */
  async function load(): Promise<void> {
    const sequence = ++loadSequence
    isLoading.value = true
    error.value = null
    const startedMs = performance.now()
    try {
      const page = await labApi().listRuns(
        toRunFilter(filters, sort.value, order.value, pageSize.value, pageIndex.value),
      )
      if (sequence !== loadSequence) return
      rows.value = page.items
      total.value = page.total
      lastLoadMs.value = performance.now() - startedMs
    } catch (caught) {
      if (sequence === loadSequence) error.value = describeApiError(caught)
    } finally {
      if (sequence === loadSequence) isLoading.value = false
    }
  }

  /** Applies changed filters: back to the first page. */
  function applyFilters(): Promise<void> {
    pageIndex.value = 0
    void loadExperiments()
    return load()
  }

  /** Sorts by a column; clicking the sorted column again flips the order. */
  function sortBy(key: RunSortKey): Promise<void> {
    if (sort.value === key) order.value = order.value === 'asc' ? 'desc' : 'asc'
    else {
      sort.value = key
      order.value = key === 'created' || key === 'started' || key === 'finished' ? 'desc' : 'asc'
    }
    pageIndex.value = 0
    return load()
  }

  /** Goes to a page (0-based), clamped to the existing pages. */
  function goToPage(index: number): Promise<void> {
    const last = Math.max(0, Math.ceil(total.value / pageSize.value) - 1)
    pageIndex.value = Math.min(Math.max(0, index), last)
    return load()
  }

  function replaceRow(updated: RunSummary): void {
    rows.value = rows.value.map((row) => (row.id === updated.id ? updated : row))
  }

  /** Replaces a run's tags. */
  async function setTags(runId: string, tags: string[]): Promise<void> {
    try {
      replaceRow(await labApi().tagRun({ runId, tags }))
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Replaces a run's notes. */
  async function setNotes(runId: string, notes: string): Promise<void> {
    try {
      replaceRow(await labApi().noteRun({ runId, notes }))
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Deletes one run; its experiment and the other runs stay (the view asks for confirmation first). */
  async function deleteRun(runId: string): Promise<void> {
    try {
      await labApi().deleteRun({ runId })
      message.value = 'Deleted 1 run.'
      selectedIds.value = selectedIds.value.filter((id) => id !== runId)
      await Promise.all([load(), loadExperiments()])
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Deletes an experiment with all its runs (the view asks for confirmation first). */
  async function deleteExperiment(experimentId: string): Promise<void> {
    try {
      const report = await labApi().deleteExperiment({ experimentId })
      message.value = `Deleted ${report.deletedRuns} run(s).`
      selectedIds.value = selectedIds.value.filter(
        (id) => rows.value.find((row) => row.id === id)?.experimentId !== experimentId,
      )
      await Promise.all([load(), loadExperiments()])
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Re-runs the given runs (or a whole experiment) as a new experiment; resolves to its id. */
  async function rerun(runIds: string[], experimentId?: string): Promise<string | null> {
    try {
      const started = await labApi().rerun(experimentId ? { experimentId } : { runIds })
      return started.experimentId
    } catch (caught) {
      error.value = describeApiError(caught)
      return null
    }
  }

  /** Exports the experiments of the selected runs (or everything) as an archive. */
  async function exportArchive(): Promise<void> {
    try {
      const experimentIds = [
        ...new Set(
          rows.value.filter((row) => selectedIds.value.includes(row.id)).map((row) => row.experimentId),
        ),
      ]
      const result = await labApi().exportArchive(experimentIds.length > 0 ? { experimentIds } : {})
      if (result.kind === 'download') downloadBase64(result.bytesBase64, result.fileName, result.mimeType)
      if (result.kind !== 'cancelled')
        message.value = `Exported ${result.experiments} experiment(s), ${result.runs} run(s).`
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Exports the selected runs (or every run matching the filters) as CSV. */
  async function exportCsv(): Promise<void> {
    try {
      const request =
        selectedIds.value.length > 0
          ? { runIds: [...selectedIds.value] }
          : { filter: { ...toRunFilter(filters, sort.value, order.value, 10_000, 0), offset: 0 } }
      const result = await labApi().exportCsv(request)
      if (result.kind === 'download') downloadBase64(result.bytesBase64, result.fileName, result.mimeType)
      if (result.kind !== 'cancelled') message.value = `Exported ${result.rows} row(s) as CSV.`
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Imports an archive the user picked (browser mode sends its bytes; Electron may open a dialog). */
  async function importArchive(file: File | null): Promise<void> {
    try {
      const request = file ? { bytesBase64: await fileToBase64(file), fileName: file.name } : {}
      const result = await labApi().importArchive(request)
      if (result.kind === 'imported') {
        message.value = `Imported ${result.added.experiments} experiment(s) and ${result.added.runs} run(s); skipped ${result.skipped.runs} existing run(s).`
        await Promise.all([load(), loadExperiments()])
      }
    } catch (caught) {
      error.value = describeApiError(caught)
    }
  }

  /** Ticks or unticks a run. */
  function toggleSelected(runId: string): void {
    selectedIds.value = selectedIds.value.includes(runId)
      ? selectedIds.value.filter((id) => id !== runId)
      : [...selectedIds.value, runId]
  }

  return {
    filters,
    sort,
    order,
    pageSize,
    pageIndex,
    rows,
    total,
    isLoading,
    error,
    message,
    selectedIds,
    lastLoadMs,
    experiments,
    experimentTotal,
    load,
    loadExperiments,
    setExperimentTags,
    setExperimentNotes,
    applyFilters,
    sortBy,
    goToPage,
    setTags,
    setNotes,
    deleteExperiment,
    deleteRun,
    rerun,
    exportArchive,
    exportCsv,
    importArchive,
    toggleSelected,
  }
})

/** Reads a file as base64 (chunked: String.fromCharCode on a whole archive overflows the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunkSize = 0x8000
  for (let index = 0; index < bytes.length; index += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunkSize))
  }
  return btoa(binary)
}
