import { defineStore } from 'pinia'
import { shallowRef, ref } from 'vue'
import type { ParameterInfo, PresetInfo } from '../../../main/contract/api'
import { describeApiError, labApi } from '../api/lab-api'

/**
 * What the services know that forms need: the paper's presets and the engine's parameter registry
 * (loaded once), and the wall-time rate used to estimate how long a design will take.
 */
export const useCatalogStore = defineStore('catalog', () => {
  /** The paper's experiments. */
  const presets = shallowRef<PresetInfo[]>([])
  /** Every engine parameter (immutable: shallowRef, replaced whole). */
  const parameters = shallowRef<ParameterInfo[]>([])
  /**
   * Wall seconds per simulated second of one run, measured from recently finished runs; a
   * conservative guess until one has finished.
   */
  const wallSecondsPerSimSecond = ref(2)
  /** Worker threads running in parallel (the pool's size; assumed until known). */
  const workerCount = ref(Math.max(1, (navigator.hardwareConcurrency || 2) - 1))
  const loadError = ref<string | null>(null)
  let loading: Promise<void> | null = null

  /** Loads presets, parameters and the rate estimate (once; later calls share the first load). */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const api = labApi()
        const [presetList, parameterList] = await Promise.all([api.listPresets(), api.getParameterRegistry()])
        presets.value = presetList
        parameters.value = parameterList
        await refreshRate()
      } catch (error) {
        loadError.value = describeApiError(error)
      }
    })()
    return loading
  }

  /** Re-measures the wall-time rate from the last finished runs. */
  async function refreshRate(): Promise<void> {
    const page = await labApi().listRuns({ status: 'done', sort: 'finished', order: 'desc', limit: 20 })
    const rates = page.items
      .filter((run) => run.wallMs !== null && run.wallMs > 0)
      .map((run) => (run.wallMs as number) / 1000 / (run.spec.durationS + run.spec.warmupS))
      .sort((left, right) => left - right)
    if (rates.length > 0) wallSecondsPerSimSecond.value = rates[Math.floor(rates.length / 2)]
  }

  /** The parameter with the given id, if registered. */
  function parameter(id: string): ParameterInfo | undefined {
    return parameters.value.find((candidate) => candidate.id === id)
  }

  return {
    presets,
    parameters,
    wallSecondsPerSimSecond,
    workerCount,
    loadError,
    load,
    refreshRate,
    parameter,
  }
})
