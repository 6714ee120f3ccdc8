import { vi } from 'vitest'
import type { LabApi, ParameterInfo, PresetInfo, RunSummary } from '../../../main/contract/api'

/**
 * A `window.api` double for component tests: every method is a vi.fn with a plausible answer, so a
 * test overrides only what it checks. Events are recorded so tests can emit them.
 */
export interface FakeLabApi extends LabApi {
  emitRunChange: Parameters<LabApi['onDidRunChange']>[0]
  emitProgress: Parameters<LabApi['onDidProgress']>[0]
}

/** A parameter as the registry would list it. */
export function fakeParameter(id: string, group: string, extra: Partial<ParameterInfo> = {}): ParameterInfo {
  return {
    id,
    unit: 'cycles',
    default: 100,
    min: 0,
    max: 1000,
    isInteger: false,
    choices: null,
    help: `meaning of ${id}`,
    group,
    provenance: 'assumed',
    source: null,
    deprecated: null,
    ...extra,
  }
}

/** A stored run summary with sensible defaults. */
export function fakeRun(id: string, extra: Partial<RunSummary> = {}): RunSummary {
  const spec = {
    config: 'xen',
    env: 'direct-2009',
    mtu: 1500,
    messageSize: 16384,
    jbb: 'off',
    durationS: 1,
    warmupS: 0.5,
    seed: 1,
    paramSet: 'default',
    params: {},
    sampleIntervalS: 0.05,
  } as RunSummary['spec']
  return {
    id,
    experimentId: 'e1',
    experimentName: 'Experiment 1',
    ordinal: 0,
    spec,
    config: spec.config,
    env: spec.env,
    mtu: spec.mtu,
    messageSize: spec.messageSize,
    jbb: spec.jbb,
    seed: 1,
    paramSetName: 'default',
    paramSetHash: 'hash',
    engineVersion: '0.1.0',
    status: 'done',
    progress: 1,
    error: null,
    notes: '',
    tags: [],
    startedMs: 0,
    finishedMs: 1000,
    wallMs: 1000,
    metrics: {
      throughputMbps: 500,
      throughputCi95: null,
      lroRate: null,
      clk: 9,
      inst: 7,
      specjbbScore: null,
    },
    ...extra,
  }
}

const presets: PresetInfo[] = [
  {
    id: 'table1',
    title: 'Table I',
    description: 'Four configurations, switched network',
    paperReference: 'Table I',
    runCount: 4,
    chart: {
      kind: 'bar',
      xField: 'config',
      xScale: 'category',
      xLabel: 'Configuration',
      seriesField: 'config',
      metrics: ['throughputMbps'],
    },
  },
]

/** Builds the fake and installs it as `window.api`. */
export function installFakeLabApi(overrides: Partial<LabApi> = {}): FakeLabApi {
  let runListener: FakeLabApi['emitRunChange'] = () => undefined
  let progressListener: FakeLabApi['emitProgress'] = () => undefined
  const api = {
    getVersion: vi.fn(),
    ping: vi.fn(),
    listPresets: vi.fn(async () => presets),
    expandPreset: vi.fn(async () =>
      ['linux', 'xen', 'plro', 'vlro'].map((config) => ({
        ...fakeRun('x').spec,
        config,
        env: 'switched-2008',
      })),
    ),
    validateSpec: vi.fn(),
    getParameterRegistry: vi.fn(async () => [
      fakeParameter('nic.ringSize', 'NIC', { unit: 'packets', isInteger: true }),
    ]),
    startExperiment: vi.fn(async () => ({ experimentId: 'new', runIds: ['r1'] })),
    cancelExperiment: vi.fn(async () => ({ cancelledRuns: 1 })),
    listExperiments: vi.fn(async () => ({ items: [], total: 0 })),
    getExperiment: vi.fn(async () => ({
      id: 'new',
      name: 'New',
      preset: null,
      notes: '',
      tags: [],
      createdMs: 0,
      runCounts: { queued: 1, running: 0, done: 0, failed: 0, cancelled: 0, interrupted: 0 },
      analysis: null,
    })),
    listRuns: vi.fn(async () => ({ items: [fakeRun('r1')], total: 1 })),
    getRun: vi.fn(async ({ runId }: { runId: string }) => ({ ...fakeRun(runId), result: null })),
    tagRun: vi.fn(async ({ runId, tags }: { runId: string; tags: string[] }) => fakeRun(runId, { tags })),
    noteRun: vi.fn(async ({ runId, notes }: { runId: string; notes: string }) => fakeRun(runId, { notes })),
    tagExperiment: vi.fn(),
    noteExperiment: vi.fn(),
    deleteExperiment: vi.fn(async () => ({ deletedRuns: 1 })),
    deleteRun: vi.fn(async () => ({ deletedRuns: 1 })),
    rerun: vi.fn(async () => ({ experimentId: 'rerun', runIds: [] })),
    compareRuns: vi.fn(),
    listParameterSets: vi.fn(async () => []),
    getParameterSet: vi.fn(),
    saveParameterSet: vi.fn(),
    deleteParameterSet: vi.fn(),
    listViews: vi.fn(async () => []),
    saveView: vi.fn(),
    deleteView: vi.fn(),
    exportArchive: vi.fn(async () => ({ kind: 'cancelled' as const, experiments: 0, runs: 0 })),
    importArchive: vi.fn(async () => ({ kind: 'cancelled' as const })),
    exportCsv: vi.fn(async () => ({ kind: 'cancelled' as const, rows: 0 })),
    startCalibration: vi.fn(),
    cancelCalibration: vi.fn(),
    listCalibrations: vi.fn(async () => []),
    onDidProgress: vi.fn((listener: FakeLabApi['emitProgress']) => {
      progressListener = listener
      return () => undefined
    }),
    onDidRunChange: vi.fn((listener: FakeLabApi['emitRunChange']) => {
      runListener = listener
      return () => undefined
    }),
    onDidExperimentChange: vi.fn(() => () => undefined),
    onDidCalibrationChange: vi.fn(() => () => undefined),
    emitRunChange: (event: Parameters<FakeLabApi['emitRunChange']>[0]) => runListener(event),
    emitProgress: (batch: Parameters<FakeLabApi['emitProgress']>[0]) => progressListener(batch),
    ...overrides,
  } as unknown as FakeLabApi
  window.api = api
  return api
}

/** Resolves after pending promises and Vue updates settle. */
export async function settle(): Promise<void> {
  for (let index = 0; index < 5; index++) await new Promise((resolve) => setTimeout(resolve, 0))
}
