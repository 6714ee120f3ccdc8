/**
 * What the engine offers, read-only: versions, presets, spec validation and the parameter
 * registry. No state; the renderer builds its forms and preset picker from these answers.
 */
import { PRESETS } from '../../engine/experiments/presets'
import { parseRunSpec, type RunSpec } from '../../engine/experiments/spec'
import { parameterRegistry } from '../../engine/params/registry'
import { ENGINE_VERSION } from '../../engine/version'
import type {
  ApiMode,
  AppVersionInfo,
  ParameterInfo,
  PingResult,
  PresetInfo,
  PresetOverrides,
  SpecValidation,
} from '../contract/api'
import type { Clock } from './clock'
import { expandPresetInputs, parseSpecInputs, requirePreset } from './experiment-plan'

/** Host facts the catalog reports in `getVersion`. */
export interface HostInfo {
  appVersion: string
  mode: ApiMode
  /** Electron's version, or null outside Electron. */
  electronVersion: string | null
}

/** Versions, presets, spec validation and the parameter registry. */
export class CatalogService {
  constructor(
    private readonly host: HostInfo,
    private readonly clock: Clock,
  ) {}

  getVersion(): AppVersionInfo {
    return {
      appVersion: this.host.appVersion,
      engineVersion: ENGINE_VERSION,
      mode: this.host.mode,
      nodeVersion: process.versions.node,
      electronVersion: this.host.electronVersion,
    }
  }

  ping(): PingResult {
    return { pong: true, timeMs: this.clock.now() }
  }

  listPresets(): PresetInfo[] {
    return PRESETS.map((preset) => ({
      id: preset.id,
      title: preset.title,
      description: preset.description,
      paperReference: preset.paperReference,
      runCount: preset.expand().length,
      chart: preset.chart,
    }))
  }

  /** The validated specs of one replication of a preset, with overrides applied. */
  expandPreset(presetId: string, overrides?: PresetOverrides): RunSpec[] {
    return parseSpecInputs(expandPresetInputs(requirePreset(presetId), overrides), 'overrides')
  }

  validateSpec(spec: unknown): SpecValidation {
    return parseRunSpec(spec)
  }

  getParameterRegistry(): ParameterInfo[] {
    return [...parameterRegistry.values()].map((spec) => ({
      id: spec.id,
      unit: spec.unit,
      default: spec.default,
      min: spec.min,
      max: spec.max,
      isInteger: spec.isInteger ?? false,
      choices: spec.choices ? { ...spec.choices } : null,
      help: spec.help,
      group: spec.group,
      provenance: spec.provenance,
      source: spec.source ?? null,
      deprecated: spec.deprecated ?? null,
    }))
  }
}
