/**
 * The contract's method and event names and the IPC channels derived from them, without any
 * schema: the preload imports only this (and `errors.ts`), so its bundle stays free of zod and the
 * engine. `api.ts` checks at compile time that these lists cover `LabApi` exactly.
 */
import type { ApiEventName, ApiMethodName } from './api'

/** Every event name, in a fixed order (transports subscribe generically from this list). */
export const API_EVENTS = [
  'onDidProgress',
  'onDidRunChange',
  'onDidExperimentChange',
  'onDidCalibrationChange',
] as const satisfies readonly ApiEventName[]

/** Every method name, in a fixed order (transports register handlers generically from this list). */
export const API_METHODS = [
  'getVersion',
  'ping',
  'listPresets',
  'expandPreset',
  'validateSpec',
  'getParameterRegistry',
  'startExperiment',
  'cancelExperiment',
  'listExperiments',
  'getExperiment',
  'listRuns',
  'getRun',
  'tagRun',
  'noteRun',
  'tagExperiment',
  'noteExperiment',
  'deleteExperiment',
  'deleteRun',
  'rerun',
  'compareRuns',
  'listParameterSets',
  'getParameterSet',
  'saveParameterSet',
  'deleteParameterSet',
  'listViews',
  'saveView',
  'deleteView',
  'exportArchive',
  'importArchive',
  'exportCsv',
  'startCalibration',
  'cancelCalibration',
  'listCalibrations',
] as const satisfies readonly ApiMethodName[]

/** True when `name` is one of the contract's methods (checks untrusted input, e.g. a URL path). */
export function isApiMethodName(name: string): name is ApiMethodName {
  return (API_METHODS as readonly string[]).includes(name)
}

/** True when `name` is one of the contract's events. */
export function isApiEventName(name: string): name is ApiEventName {
  return (API_EVENTS as readonly string[]).includes(name)
}

/** IPC channel of a method; the only place channel strings are built. */
export function methodChannel(method: ApiMethodName): string {
  return `labbench:call:${method}`
}

/** IPC channel the main process sends every event on (`ApiEventMessage`). */
export const EVENT_CHANNEL = 'labbench:event'
