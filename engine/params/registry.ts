import type { ParamSpec, ParamValues } from './define'
import { hostCpuParams, xenSchedulerParams } from '../model/host/host-params'
import { jbbParams } from '../model/jbb/jbb-params'
import { nativePathParams } from '../model/native/native-params'
import { xenPathParams } from '../model/xen/xen-params'
import { networkParamLists } from '../model/net/network'
import { lroParams } from '../model/lro/inet-lro'

/**
 * Collects every component's parameter declarations. Components declare their parameters in their
 * own files (`export const xParams = defineParams([...])`); add each list here.
 */
const declarations: readonly (readonly ParamSpec[])[] = [hostCpuParams, xenSchedulerParams, jbbParams, nativePathParams, xenPathParams, ...networkParamLists, lroParams]

/** Every parameter, by id. */
export const parameterRegistry: ReadonlyMap<string, ParamSpec> = buildRegistry(declarations)

/** The defaults of every registered parameter. */
export function defaultValues(): Record<string, number> {
  const values: Record<string, number> = {}
  for (const [id, spec] of parameterRegistry) values[id] = spec.default
  return values
}

/** Resolves a full assignment: defaults, then a named set, then per-run overrides. */
export function resolveParams(...layers: ParamValues[]): Record<string, number> {
  const values = defaultValues()
  for (const layer of layers) Object.assign(values, layer)
  return values
}

function buildRegistry(lists: readonly (readonly ParamSpec[])[]): Map<string, ParamSpec> {
  const registry = new Map<string, ParamSpec>()
  for (const list of lists) {
    for (const spec of list) {
      if (registry.has(spec.id)) throw new Error(`Parameter ${spec.id} is declared twice`)
      registry.set(spec.id, spec)
    }
  }
  return registry
}
