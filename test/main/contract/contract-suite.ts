/**
 * The API contract suite, run unchanged over every transport (in-memory proxy + dispatcher, and
 * browser mode's HTTP + WebSocket): the same calls must give the same answers and errors.
 * Runs use the scripted worker (its seeds select failures), so this suite does not depend on the
 * engine's speed; `engine-runs.test.ts` covers real engine runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExperimentRecord, LabApi, ProgressBatch, RunChangeEvent } from '../../../main/contract/api'
import { appErrorOf } from '../../../main/contract/client-proxy'
import { SCRIPTED_SEEDS } from '../workers/fixtures/scripted-worker'
import { createLabHarness, type LabHarness } from './lab-harness'

/** Connects a client to the harness's services over some transport. */
export type ConnectTransport = (harness: LabHarness) => Promise<{ api: LabApi; close(): Promise<void> }>

/** A short spec that passes the engine's schema; the scripted worker keys off its seed. */
export function shortSpec(seed: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { config: 'linux', durationS: 0.1, warmupS: 0.02, seed, ...overrides }
}

/** Polls `read` until `isDone` holds (or throws after `limitMs`, a safety net, not a timing claim). */
export async function eventually<T>(
  read: () => Promise<T> | T,
  isDone: (value: T) => boolean,
  limitMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const value = await read()
    if (isDone(value)) return value
    if (Date.now() > deadline)
      throw new Error(`condition not reached; last value ${JSON.stringify(value).slice(0, 500)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function isSettled(experiment: ExperimentRecord): boolean {
  return experiment.runCounts.queued === 0 && experiment.runCounts.running === 0
}

/** The rejection of a call, as `{ code, message, details }` (fails the test if it resolves). */
export async function rejectionOf(call: Promise<unknown>): Promise<ReturnType<typeof appErrorOf>> {
  try {
    await call
  } catch (error) {
    return appErrorOf(error)
  }
  throw new Error('expected the call to be rejected, but it resolved')
}

const HUGE = 'x'.repeat(300_000)
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/**
 * Bad requests: [method, payload, field the error must name]. Every one must be rejected as
 * VALIDATION naming the field, and write nothing.
 */
const BAD_REQUESTS: [keyof LabApi, unknown, string][] = [
  ['startExperiment', {}, 'name'],
  ['startExperiment', { name: 42, specs: [shortSpec(1)] }, 'name'],
  ['startExperiment', { name: HUGE, specs: [shortSpec(1)] }, 'name'],
  ['startExperiment', { name: 'x' }, 'specs'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1)], presetId: 'fig2' }, 'presetId'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1, { mtu: -5 })] }, 'specs.0.mtu'],
  [
    'startExperiment',
    { name: 'x', specs: [shortSpec(1), shortSpec(1, { durationS: 'long' })] },
    'specs.1.durationS',
  ],
  ['startExperiment', { name: 'x', specs: [shortSpec(1, { durationS: null })] }, 'specs.0.durationS'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1, { paramSet: 'no-such-set' })] }, 'specs.0.paramSet'],
  [
    'startExperiment',
    { name: 'x', specs: [shortSpec(1, { params: { 'no.such.param': 1 } })] },
    'specs.0.params.no.such.param',
  ],
  ['startExperiment', { name: 'x', specs: [shortSpec(1)], replications: -1 }, 'replications'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1)], replications: 1.5 }, 'replications'],
  ['startExperiment', { name: 'x', presetId: 'fig2', overrides: { durationS: -1 } }, 'overrides.durationS'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1)], tags: [HUGE] }, 'tags.0'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1)], surprise: true }, '(request)'],
  // 101 specs x 200 replications = 20,200 runs: over the per-experiment cap, refused before storing.
  [
    'startExperiment',
    { name: 'x', specs: Array.from({ length: 101 }, () => shortSpec(1)), replications: 200 },
    'replications',
  ],
  ['startExperiment', { name: 'x', presetId: 'fig2', replications: 600 }, 'replications'],
  ['startExperiment', { name: 'x', sensitivity: { params: ['no.such.param'] } }, 'sensitivity'],
  ['startExperiment', { name: 'x', sensitivity: { params: ['tcp.sack'] }, replications: 2 }, 'replications'],
  [
    'startExperiment',
    { name: 'x', specs: [shortSpec(1)], sensitivity: { params: ['tcp.sack'] } },
    'sensitivity',
  ],
  ['cancelExperiment', {}, 'experimentId'],
  ['cancelExperiment', { experimentId: 7 }, 'experimentId'],
  ['listRuns', { limit: -1 }, 'limit'],
  ['listRuns', { limit: Number.NaN }, 'limit'],
  ['startExperiment', { name: 'x', specs: [shortSpec(1, { warmupS: Number.NaN })] }, 'specs.0.warmupS'],
  [
    'startExperiment',
    { name: 'x', specs: [shortSpec(1, { durationS: Number.POSITIVE_INFINITY })] },
    'specs.0.durationS',
  ],
  ['listRuns', { limit: 'many' }, 'limit'],
  ['listRuns', { offset: 0.5 }, 'offset'],
  ['listRuns', { sort: 'DROP TABLE runs' }, 'sort'],
  ['listRuns', { status: 'exploded' }, 'status'],
  ['listExperiments', { text: HUGE }, 'text'],
  ['getRun', { runId: '' }, 'runId'],
  ['getRun', { runId: HUGE }, 'runId'],
  ['getRun', {}, 'runId'],
  ['getRun', { runId: UNKNOWN_ID, withSeries: 'yes' }, 'withSeries'],
  ['tagRun', { runId: UNKNOWN_ID }, 'tags'],
  ['tagRun', { runId: UNKNOWN_ID, tags: 'solo' }, 'tags'],
  ['noteRun', { runId: UNKNOWN_ID, notes: HUGE }, 'notes'],
  ['compareRuns', { runIds: [] }, 'runIds'],
  ['rerun', {}, 'runIds'],
  ['saveParameterSet', { name: 'fit', values: { x: 'high' } }, 'values.x'],
  ['saveParameterSet', { name: '', values: {} }, 'name'],
  ['saveView', { name: 'v', runIds: 'all' }, 'runIds'],
  ['importArchive', { bytesBase64: '***not base64***' }, 'bytesBase64'],
  ['expandPreset', { presetId: 'fig2', overrides: { seed: -3 } }, 'overrides.seed'],
  ['getVersion', { unexpected: 1 }, '(request)'],
]

/** Defines the suite for one transport. */
export function defineContractSuite(transportName: string, connect: ConnectTransport): void {
  describe(`LabApi over ${transportName}`, () => {
    let harness: LabHarness
    let api: LabApi
    let closeTransport: () => Promise<void>

    beforeAll(async () => {
      harness = createLabHarness({ worker: 'scripted', threadCount: 2 })
      const connection = await connect(harness)
      api = connection.api
      closeTransport = connection.close
    })

    afterAll(async () => {
      await closeTransport?.()
      await harness?.close()
    })

    async function settled(experimentId: string): Promise<ExperimentRecord> {
      return eventually(() => api.getExperiment({ experimentId }), isSettled)
    }

    it('answers the catalog calls with data from the engine', async () => {
      expect((await api.ping()).pong).toBe(true)
      const version = await api.getVersion()
      expect(version.appVersion).toBe('0.0.0-test')
      expect(version.engineVersion).toMatch(/\S/)
      const presets = await api.listPresets()
      expect(presets.map((preset) => preset.id)).toContain('fig2')
      const fig2 = presets.find((preset) => preset.id === 'fig2')
      const specs = await api.expandPreset({ presetId: 'fig2', overrides: { durationS: 0.1 } })
      expect(specs).toHaveLength(fig2?.runCount ?? -1)
      expect(specs.every((spec) => spec.durationS === 0.1)).toBe(true)
      const registry = await api.getParameterRegistry()
      for (const parameter of registry) {
        expect(parameter.min).toBeLessThanOrEqual(parameter.default)
        expect(parameter.default).toBeLessThanOrEqual(parameter.max)
      }
    })

    it('validates a spec, naming each bad field, without rejecting', async () => {
      const good = await api.validateSpec({ spec: shortSpec(3) })
      expect(good.ok).toBe(true)
      const bad = await api.validateSpec({ spec: shortSpec(3, { mtu: 'big', config: 'bsd' }) })
      expect(bad.ok).toBe(false)
      if (!bad.ok) expect(bad.issues.map((issue) => issue.path).sort()).toEqual(['config', 'mtu'])
    })

    it('plans a sensitivity analysis into its runs and keeps the request with the experiment', async () => {
      const started = await api.startExperiment({
        name: 'what drives vLRO',
        sensitivity: {
          params: ['nic.interruptRateHz', 'lro.vlro.maxAggr'],
          trajectories: 2,
          durationS: 0.05,
          warmupS: 0.01,
          seed: 7,
        },
      })
      // Morris: r (k + 1) = 2 x 3 points.
      expect(started.runIds).toHaveLength(6)
      const experiment = await settled(started.experimentId)
      expect(experiment.analysis).toMatchObject({ method: 'morris', metric: 'throughputMbps', seed: 7 })
      const runs = (await api.listRuns({ experimentId: started.experimentId })).items
      expect(runs.every((run) => run.config === 'vlro' && run.seed === 7)).toBe(true)
      expect(new Set(runs.map((run) => run.spec.params['nic.interruptRateHz'])).size).toBeGreaterThan(1)
      const rerun = await api.rerun({ experimentId: started.experimentId })
      expect((await settled(rerun.experimentId)).analysis).toEqual(experiment.analysis)
    })

    const badRequestCases = BAD_REQUESTS.map(([method, payload, field], index) => ({
      index: index + 1,
      method,
      payload,
      field,
    }))
    it.each(badRequestCases)(
      'rejects bad request #$index to $method as VALIDATION naming $field, writing nothing',
      async ({ method, payload, field }) => {
        const before = harness.rowCounts()
        const call = (api[method] as (request: unknown) => Promise<unknown>)(payload)
        const error = await rejectionOf(call)
        expect(error.code).toBe('VALIDATION')
        expect(error.message).toContain(field)
        const issues = (error.details as { issues: { path: string }[] }).issues
        expect(issues.map((issue) => issue.path)).toContain(field)
        expect(harness.rowCounts()).toEqual(before)
      },
    )

    it('answers unknown ids with NOT_FOUND and writes nothing', async () => {
      const before = harness.rowCounts()
      const calls: Promise<unknown>[] = [
        api.getRun({ runId: UNKNOWN_ID }),
        api.getExperiment({ experimentId: UNKNOWN_ID }),
        api.cancelExperiment({ experimentId: UNKNOWN_ID }),
        api.deleteExperiment({ experimentId: UNKNOWN_ID }),
        api.deleteRun({ runId: UNKNOWN_ID }),
        api.tagRun({ runId: UNKNOWN_ID, tags: ['a'] }),
        api.noteExperiment({ experimentId: UNKNOWN_ID, notes: 'n' }),
        api.compareRuns({ runIds: [UNKNOWN_ID] }),
        api.rerun({ runIds: [UNKNOWN_ID] }),
        api.getParameterSet({ name: 'nothing-here' }),
        api.deleteView({ id: UNKNOWN_ID }),
        api.expandPreset({ presetId: 'fig99' }),
        api.startExperiment({ name: 'x', presetId: 'fig99' }),
        api.exportArchive({ experimentIds: [UNKNOWN_ID] }),
      ]
      for (const call of calls) expect((await rejectionOf(call)).code).toBe('NOT_FOUND')
      expect(harness.rowCounts()).toEqual(before)
    })

    it('runs an experiment: stores every result and streams progress and status changes', async () => {
      const progress: ProgressBatch[] = []
      const changes: RunChangeEvent[] = []
      const stopProgress = api.onDidProgress((batch) => progress.push(batch))
      const stopChanges = api.onDidRunChange((change) => changes.push(change))
      const started = await api.startExperiment({
        name: 'three short runs',
        specs: [shortSpec(11), shortSpec(12)],
        replications: 2,
        tags: ['smoke'],
      })
      expect(started.runIds).toHaveLength(4)
      const experiment = await settled(started.experimentId)
      expect(experiment.runCounts.done).toBe(4)
      expect(experiment.tags).toEqual(['smoke'])
      const runs = await api.listRuns({ experimentId: started.experimentId, sort: 'created', order: 'asc' })
      expect(runs.total).toBe(4)
      // Replications are consecutive with seeds seed, seed + 1; the scripted worker echoes the seed.
      const seeds = [...runs.items].sort((left, right) => left.ordinal - right.ordinal).map((run) => run.seed)
      expect(seeds).toEqual([11, 12, 12, 13])
      for (const run of runs.items) expect(run.metrics?.throughputMbps).toBe(run.seed)
      await eventually(
        () =>
          changes.filter((change) => change.experimentId === started.experimentId && change.status === 'done')
            .length,
        (count) => count === 4,
      )
      expect(
        progress.some(
          (batch) => batch.experimentId === started.experimentId && batch.samples.timeS.length > 0,
        ),
      ).toBe(true)
      stopProgress()
      stopChanges()
      const detail = await api.getRun({ runId: started.runIds[0] })
      expect(detail.result?.series.timeS.length).toBeGreaterThan(0)
      const slim = await api.getRun({ runId: started.runIds[0], withSeries: false })
      expect(slim.result?.series.timeS).toEqual([])
      expect(slim.result?.throughputMbps).toBe(detail.result?.throughputMbps)
    })

    it('fails only the run whose worker throws, keeping its error text', async () => {
      const started = await api.startExperiment({
        name: 'one bad apple',
        specs: [shortSpec(21), shortSpec(SCRIPTED_SEEDS.throw), shortSpec(22)],
      })
      const experiment = await settled(started.experimentId)
      expect(experiment.runCounts).toMatchObject({ done: 2, failed: 1 })
      const failed = await api.getRun({ runId: started.runIds[1] })
      expect(failed.status).toBe('failed')
      expect(failed.error).toContain(`scripted failure for seed ${SCRIPTED_SEEDS.throw}`)
    })

    it('cancels a sweep midway: finished runs stay stored, the rest are cancelled', async () => {
      const blocking = shortSpec(SCRIPTED_SEEDS['wait-for-cancel'])
      const kinds: string[] = []
      const statuses: string[] = []
      const stopExperimentEvents = api.onDidExperimentChange((change) => kinds.push(change.kind))
      const stopRunEvents = api.onDidRunChange((change) => statuses.push(`${change.runId}:${change.status}`))
      const started = await api.startExperiment({
        name: 'cancelled sweep',
        specs: [shortSpec(31), shortSpec(32), blocking, blocking, blocking, blocking],
      })
      // Two threads: both blocking runs on the threads, the other two queued behind them.
      await eventually(
        () => api.getExperiment({ experimentId: started.experimentId }),
        (experiment) => experiment.runCounts.done === 2 && experiment.runCounts.running === 2,
      )
      const report = await api.cancelExperiment({ experimentId: started.experimentId })
      expect(report.cancelledRuns).toBe(4)
      const experiment = await settled(started.experimentId)
      expect(experiment.runCounts).toMatchObject({ done: 2, cancelled: 4, failed: 0 })
      const finished = await api.getRun({ runId: started.runIds[0] })
      expect(finished.result?.throughputMbps).toBe(31)
      // Once the workers have let go, listeners heard one 'finished' and one 'cancelled' per run.
      await harness.services.runs.whenExperimentSettled(started.experimentId)
      await api.ping()
      stopExperimentEvents()
      stopRunEvents()
      expect(kinds.filter((kind) => kind === 'finished')).toHaveLength(1)
      for (const runId of started.runIds.slice(2)) {
        expect(statuses.filter((status) => status === `${runId}:cancelled`)).toHaveLength(1)
      }
    })

    it('tags, annotates, compares, reruns and deletes', async () => {
      const started = await api.startExperiment({
        name: 'history',
        specs: [shortSpec(41), shortSpec(42, { mtu: 4000 })],
      })
      await settled(started.experimentId)
      const [first, second] = started.runIds
      expect((await api.tagRun({ runId: first, tags: ['baseline', 'baseline', 'a'] })).tags).toEqual([
        'baseline',
        'a',
      ])
      expect((await api.noteRun({ runId: first, notes: 'looks right' })).notes).toBe('looks right')
      expect((await api.tagExperiment({ experimentId: started.experimentId, tags: ['h'] })).tags).toEqual([
        'h',
      ])
      expect((await api.listRuns({ tag: 'baseline' })).items.map((run) => run.id)).toEqual([first])
      const comparison = await api.compareRuns({ runIds: [first, second] })
      expect(comparison.baselineRunId).toBe(first)
      const mtuRow = comparison.params.find((row) => row.id === 'spec.mtu')
      expect(mtuRow).toMatchObject({ values: [1500, 4000], isDifferent: true })
      expect(comparison.params.find((row) => row.id === 'spec.config')?.isDifferent).toBe(false)
      const throughput = comparison.metrics.find((row) => row.metric === 'throughputMbps')
      expect(throughput?.deltas).toEqual([0, 1])
      // A stored spec this engine refuses (written by hand or another build) is named, not rerun.
      const stored = harness.store.db.prepare(`SELECT spec_json FROM runs WHERE id = ?`).get(second) as {
        spec_json: string
      }
      harness.store.db
        .prepare(`UPDATE runs SET spec_json = json_set(spec_json, '$.durationS', 1000000) WHERE id = ?`)
        .run(second)
      const refusedRerun = await rejectionOf(api.rerun({ runIds: [second] }))
      expect(refusedRerun.code).toBe('VALIDATION')
      expect(refusedRerun.message).toMatch(/spec\.durationS/)
      harness.store.db.prepare(`UPDATE runs SET spec_json = ? WHERE id = ?`).run(stored.spec_json, second)
      const rerun = await api.rerun({ experimentId: started.experimentId })
      expect(rerun.runIds).toHaveLength(2)
      const rerunExperiment = await settled(rerun.experimentId)
      expect(rerunExperiment.name).toBe('history (rerun)')
      expect(rerunExperiment.runCounts.done).toBe(2)
      // Deleting one run keeps its experiment and the other run.
      expect(await api.deleteRun({ runId: rerun.runIds[0] })).toEqual({ deletedRuns: 1 })
      expect((await rejectionOf(api.getRun({ runId: rerun.runIds[0] }))).code).toBe('NOT_FOUND')
      expect((await api.getExperiment({ experimentId: rerun.experimentId })).runCounts.done).toBe(1)
      expect(await api.deleteExperiment({ experimentId: rerun.experimentId })).toEqual({ deletedRuns: 1 })
      expect((await rejectionOf(api.getExperiment({ experimentId: rerun.experimentId }))).code).toBe(
        'NOT_FOUND',
      )
    })

    it('stores parameter sets and saved views, refusing out-of-range values', async () => {
      const registry = await api.getParameterRegistry()
      const sets = await api.listParameterSets()
      expect(sets[0].name).toBe('default')
      const refused = await rejectionOf(api.saveParameterSet({ name: 'fit', values: { 'no.such.param': 1 } }))
      expect(refused.code).toBe('VALIDATION')
      expect(refused.message).toContain('values.no.such.param')
      // A value outside an enumerated parameter's declared choices is refused as --set refuses it.
      const badChoice = await rejectionOf(
        api.saveParameterSet({ name: 'fit', values: { 'nic.interruptThrottleMode': 2 } }),
      )
      expect(badChoice.code).toBe('VALIDATION')
      expect(badChoice.message).toMatch(/nic\.interruptThrottleMode must be one of 0 \(fixed/)
      expect((await rejectionOf(api.saveParameterSet({ name: 'default', values: {} }))).code).toBe('CONFLICT')
      const values = Object.fromEntries(
        registry.slice(0, 2).map((parameter) => [parameter.id, parameter.max]),
      )
      const saved = await api.saveParameterSet({ name: 'my fit', values, provenance: { by: 'test' } })
      expect(saved.values).toEqual(values)
      expect((await api.getParameterSet({ name: 'my fit' })).provenance).toEqual({ by: 'test' })
      const started = await api.startExperiment({
        name: 'with set',
        specs: [shortSpec(51, { paramSet: 'my fit' })],
      })
      expect((await settled(started.experimentId)).runCounts.done).toBe(1)
      const view = await api.saveView({
        name: 'pair',
        runIds: started.runIds,
        baselineRunId: started.runIds[0],
      })
      expect((await api.listViews()).map((entry) => entry.id)).toContain(view.id)
      await api.deleteView({ id: view.id })
      await api.deleteParameterSet({ name: 'my fit' })
      expect((await rejectionOf(api.getParameterSet({ name: 'my fit' }))).code).toBe('NOT_FOUND')
    })

    it('exports an archive and CSV as bytes and refuses a foreign archive', async () => {
      const started = await api.startExperiment({ name: 'archived', specs: [shortSpec(61)] })
      await settled(started.experimentId)
      const archive = await api.exportArchive({ experimentIds: [started.experimentId] })
      expect(archive).toMatchObject({ kind: 'download', experiments: 1, runs: 1 })
      if (archive.kind !== 'download') throw new Error('expected a download')
      expect(Buffer.from(archive.bytesBase64, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3')
      // Importing our own export adds nothing new (same ids) but is accepted.
      const imported = await api.importArchive({
        bytesBase64: archive.bytesBase64,
        fileName: archive.fileName,
      })
      expect(imported).toMatchObject({ kind: 'imported', added: { runs: 0 }, skipped: { runs: 1 } })
      const before = harness.rowCounts()
      const foreign = await rejectionOf(
        api.importArchive({ bytesBase64: Buffer.from('not a database').toString('base64') }),
      )
      expect(foreign.code).toBe('IMPORT_REJECTED')
      expect(harness.rowCounts()).toEqual(before)
      const csv = await api.exportCsv({ runIds: started.runIds })
      expect(csv).toMatchObject({ kind: 'download', rows: 1, mimeType: 'text/csv' })
      if (csv.kind === 'download')
        expect(Buffer.from(csv.bytesBase64, 'base64').toString()).toContain(started.runIds[0])
    })

    it('runs a calibration job in the background and saves the fit as a parameter set', async () => {
      const registry = await api.getParameterRegistry()
      // Prefer a parameter meant to be fitted; any continuous one exercises the machinery.
      const freeId = (
        registry.find(
          (parameter) =>
            parameter.provenance === 'fitted' && !parameter.isInteger && parameter.max > parameter.min,
        ) ??
        registry.find(
          (parameter) => !parameter.isInteger && parameter.default > 0 && parameter.max > parameter.min,
        )
      )?.id
      if (!freeId) throw new Error('the registry has no fitted parameter to calibrate')
      const badFree = await rejectionOf(
        api.startCalibration({ freeParameterIds: ['no.such.param'], saveAs: 'fit' }),
      )
      expect(badFree).toMatchObject({ code: 'VALIDATION' })
      expect(badFree.message).toContain('freeParameterIds')
      const badTargets = await rejectionOf(
        api.startCalibration({ freeParameterIds: [freeId], saveAs: 'fit', targets: { targets: 'none' } }),
      )
      expect(badTargets.message).toContain('targets')
      expect(
        (await rejectionOf(api.startCalibration({ freeParameterIds: [freeId], saveAs: 'default' }))).code,
      ).toBe('CONFLICT')
      const seen: string[] = []
      const stop = api.onDidCalibrationChange((job) => seen.push(job.status))
      const { jobId } = await api.startCalibration({
        freeParameterIds: [freeId],
        saveAs: 'app fit',
        maxIterations: 3,
        durationS: 0.05,
      })
      const finished = await eventually(
        async () => (await api.listCalibrations()).find((job) => job.jobId === jobId),
        (job) => job !== undefined && job.status !== 'running',
      )
      expect(finished, finished?.error ?? '').toMatchObject({ status: 'done', saveAs: 'app fit' })
      expect(finished?.iterations).toBeGreaterThan(0)
      const saved = await api.getParameterSet({ name: 'app fit' })
      expect(saved.provenance).toMatchObject({ fittedBy: 'app calibration', free: [freeId] })
      expect(saved.values[freeId]).toBe(finished?.bestValues[freeId])
      await eventually(
        () => seen,
        (statuses) => statuses.includes('done'),
      )
      stop()
      const long = await api.startCalibration({
        freeParameterIds: [freeId],
        saveAs: 'never saved',
        maxIterations: 10_000,
        durationS: 0.05,
      })
      await api.cancelCalibration({ jobId: long.jobId })
      const cancelled = await eventually(
        async () => (await api.listCalibrations()).find((job) => job.jobId === long.jobId),
        (job) => job !== undefined && job.status !== 'running',
      )
      expect(cancelled?.status).toBe('cancelled')
      expect((await rejectionOf(api.getParameterSet({ name: 'never saved' }))).code).toBe('NOT_FOUND')
      await api.deleteParameterSet({ name: 'app fit' })
    })

    it('delivers experiment events to every subscriber until it unsubscribes', async () => {
      const seenByFirst: string[] = []
      const seenBySecond: string[] = []
      const stopFirst = api.onDidExperimentChange((change) => seenByFirst.push(change.kind))
      const stopSecond = api.onDidExperimentChange((change) => seenBySecond.push(change.kind))
      const started = await api.startExperiment({ name: 'events', specs: [shortSpec(71)] })
      await settled(started.experimentId)
      await eventually(
        () => seenByFirst,
        (kinds) => kinds.includes('finished'),
      )
      stopFirst()
      const countAfterStop = seenByFirst.length
      await api.deleteExperiment({ experimentId: started.experimentId })
      await eventually(
        () => seenBySecond,
        (kinds) => kinds.includes('deleted'),
      )
      expect(seenByFirst).toHaveLength(countAfterStop)
      expect(seenBySecond[0]).toBe('created')
      stopSecond()
    })
  })
}
