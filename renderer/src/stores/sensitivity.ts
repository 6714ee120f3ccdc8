import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { describeApiError, labApi } from '../api/lab-api'
import {
  checkSensitivityDesign,
  defaultSensitivityDesign,
  type SensitivityDesign,
} from '../logic/sensitivity-design'

/** The sensitivity analysis being designed, its check, and starting it as an experiment. */
export const useSensitivityStore = defineStore('sensitivity', () => {
  const design = ref<SensitivityDesign>(defaultSensitivityDesign())
  /** Planned with the engine's own planner as the user types. */
  const check = computed(() => checkSensitivityDesign(design.value))
  const isStarting = ref(false)
  const startError = ref<string | null>(null)

  /** Starts the analysis; resolves to the experiment id, or null when refused. */
  async function start(): Promise<string | null> {
    const request = check.value.request
    if (!request) return null
    isStarting.value = true
    startError.value = null
    try {
      const started = await labApi().startExperiment({ name: design.value.name.trim(), sensitivity: request })
      return started.experimentId
    } catch (error) {
      startError.value = describeApiError(error)
      return null
    } finally {
      isStarting.value = false
    }
  }

  return { design, check, isStarting, startError, start }
})
