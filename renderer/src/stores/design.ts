import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { StartExperimentRequest } from '../../../main/contract/api'
import { describeApiError, labApi } from '../api/lab-api'
import {
  defaultDesign,
  designFromSpecs,
  estimateWallSeconds,
  expandDesign,
  gridSignature,
  toStartRequest,
  type ExperimentDesign,
} from '../logic/experiment-design'
import { useCatalogStore } from './catalog'

/** The experiment being designed, its validation, and starting it. */
export const useDesignStore = defineStore('design', () => {
  const catalog = useCatalogStore()
  /** The form's model. */
  const design = ref<ExperimentDesign>(defaultDesign())
  /** Expansion into validated specs; recomputed as the user types. */
  const expansion = computed(() => expandDesign(design.value))
  /** Estimated wall time in seconds for the whole design. */
  const estimatedSeconds = computed(() =>
    estimateWallSeconds(expansion.value.specs, catalog.wallSecondsPerSimSecond, catalog.workerCount),
  )
  const isStarting = ref(false)
  const startError = ref<string | null>(null)
  const presetError = ref<string | null>(null)
  /** The grid of the last loaded preset: editing a field back to it restores the link. */
  let presetOrigin: (Pick<ExperimentDesign, 'presetId' | 'fixedPoints'> & { signature: string }) | null = null

  /** Loads a preset's grid into the form. */
  async function applyPreset(presetId: string): Promise<void> {
    presetError.value = null
    try {
      const specs = await labApi().expandPreset({ presetId })
      const preset = catalog.presets.find((candidate) => candidate.id === presetId)
      design.value = designFromSpecs(preset?.title ?? presetId, presetId, specs)
      presetOrigin = {
        presetId,
        fixedPoints: design.value.fixedPoints,
        signature: gridSignature(design.value),
      }
    } catch (error) {
      presetError.value = describeApiError(error)
    }
  }

  /** Starts a blank hand-made design. */
  function reset(): void {
    design.value = defaultDesign()
    presetOrigin = null
  }

  /**
   * Follows a grid edit: a grid that differs from the loaded preset's is no longer the preset's own
   * figure (sent as explicit specs, no paper markers); one edited back to it is again.
   */
  function syncPresetLink(): void {
    const origin = presetOrigin
    const isPresetGrid = origin !== null && gridSignature(design.value) === origin.signature
    design.value.presetId = isPresetGrid ? origin.presetId : null
    design.value.fixedPoints = isPresetGrid ? origin.fixedPoints : null
  }

  /** Starts the experiment; resolves to its id, or null when refused. */
  async function start(): Promise<string | null> {
    if (!expansion.value.isValid) return null
    isStarting.value = true
    startError.value = null
    try {
      const request = toStartRequest(design.value, expansion.value) as StartExperimentRequest
      const started = await labApi().startExperiment(request)
      return started.experimentId
    } catch (error) {
      startError.value = describeApiError(error)
      return null
    } finally {
      isStarting.value = false
    }
  }

  return {
    design,
    expansion,
    estimatedSeconds,
    isStarting,
    startError,
    presetError,
    applyPreset,
    reset,
    syncPresetLink,
    start,
  }
})
