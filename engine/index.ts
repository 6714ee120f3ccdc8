/**
 * The engine's only public entry. Pure TypeScript: no Node, Electron or DOM imports, so it runs in
 * worker threads, the CLI, tests and (its schemas and presets) the renderer.
 */
export { ENGINE_VERSION } from './version'
export { Simulation, Timer, SimInvariantError, SimCancelledError, NS_PER_S } from './kernel/simulation'
export { RandomStream } from './kernel/rng'
export type { ParamSpec, ParamValues, Provenance } from './params/define'
export { parameterRegistry, defaultValues, resolveParams } from './params/registry'
export {
  RunSpecSchema,
  parseRunSpec,
  CONFIGURATIONS,
  ENVIRONMENTS,
  isXenConfiguration,
  type RunSpec,
  type RunSpecInput,
  type Configuration,
  type Environment,
  type SpecIssue,
} from './experiments/spec'
export { runExperiment, resolveRunParams, type RunOptions } from './experiments/run-experiment'
export { defaultParameterSet, type NamedParameterSet } from './params/sets/default'
export type { RunResult, RunProgress, RunSeries, StageCost, ContextName } from './results/run-result'
export { CONTEXTS } from './results/run-result'
