import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENGINE_VERSION } from '../../../engine/version'
import { APPLICATION_ID, MIGRATIONS } from '../../../main/store/schema'
import { RunStore, StoreOpenError, parameterSetHash } from '../../../main/store/run-store'
import { makeResult, makeSpec } from './helpers/fixtures'

let directory: string
let dbPath: string
let store: RunStore

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'lrolab-store-'))
  dbPath = join(directory, 'runs.sqlite')
  store = RunStore.open(dbPath)
})

afterEach(() => {
  store.close()
  rmSync(directory, { recursive: true, force: true })
})

describe('RunStore: opening', () => {
  it('stamps the application id, schema version and WAL mode', () => {
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.openReport.previousSchemaVersion).toBe(0)
    expect(store.openReport.backupPath).toBeNull()
  })

  it('creates a missing data folder on first start', () => {
    const nested = RunStore.open(join(directory, 'first', 'start', 'runs.sqlite'))
    expect(existsSync(join(directory, 'first', 'start', 'runs.sqlite'))).toBe(true)
    nested.close()
  })

  it('refuses a SQLite file of another application', () => {
    const other = join(directory, 'other.sqlite')
    const foreign = new Database(other)
    foreign.exec('CREATE TABLE notes (text TEXT)')
    foreign.close()
    expect(() => RunStore.open(other)).toThrow(StoreOpenError)
    expect(() => RunStore.open(other)).toThrow(/not an LRO Lab Bench database/)
  })

  it('refuses a file that is not SQLite, leaving it as it was', () => {
    const text = join(directory, 'notes.txt')
    writeFileSync(text, 'not a database at all, just text that is long enough to look like a header\n')
    expect(() => RunStore.open(text)).toThrow(/not a SQLite file/)
    expect(readFileSync(text, 'utf8')).toMatch(/^not a database/)
  })

  it('refuses a schema newer than this build', () => {
    store.close()
    const raw = new Database(dbPath)
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    raw.close()
    expect(() => RunStore.open(dbPath)).toThrow(/newer than this build/)
  })

  it('backs up an existing database before migrating it and keeps its rows', () => {
    const { experimentId } = store.createExperiment({ name: 'before upgrade', specs: [makeSpec()] })
    store.close()
    const upgrade = [
      ...MIGRATIONS,
      { description: 'test column', sql: `ALTER TABLE experiments ADD COLUMN extra TEXT` },
    ]
    store = RunStore.open(dbPath, { migrations: upgrade })
    const current = MIGRATIONS.length
    expect(store.openReport.previousSchemaVersion).toBe(current)
    expect(store.openReport.backupPath).toBe(`${dbPath}.bak-v${current}`)
    expect(existsSync(`${dbPath}.bak-v${current}`)).toBe(true)
    expect(store.getExperiment(experimentId)?.name).toBe('before upgrade')
    const backup = new Database(`${dbPath}.bak-v${current}`, { readonly: true })
    expect(backup.pragma('user_version', { simple: true })).toBe(current)
    expect((backup.prepare('SELECT name FROM experiments').get() as { name: string }).name).toBe(
      'before upgrade',
    )
    backup.close()
  })

  it('rolls a failing migration back entirely', () => {
    store.close()
    const broken = [
      ...MIGRATIONS,
      { description: 'broken', sql: `CREATE TABLE extra (a); SELECT * FROM missing;` },
    ]
    expect(() => RunStore.open(dbPath, { migrations: broken })).toThrow()
    store = RunStore.open(dbPath)
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(store.db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'`).get()).toEqual({
      n: 0,
    })
  })

  it('marks runs left queued or running by a crash as interrupted, keeping finished ones', () => {
    const { runIds } = store.createExperiment({ name: 'sweep', specs: [makeSpec(), makeSpec(), makeSpec()] })
    store.storeResult(runIds[0], makeResult())
    store.markRunning(runIds[1])
    store.close()
    store = RunStore.open(dbPath)
    expect(store.openReport.interruptedRuns).toBe(2)
    expect(store.getRun(runIds[0])?.status).toBe('done')
    expect(store.getRun(runIds[1])?.status).toBe('interrupted')
    expect(store.getRun(runIds[2])?.status).toBe('interrupted')
    expect(store.getRun(runIds[1])?.error).toMatch(/running/)
  })

  it('leaves live runs alone when opened with recoverInterrupted false', () => {
    const { runIds } = store.createExperiment({ name: 'live', specs: [makeSpec()] })
    store.markRunning(runIds[0])
    const reader = RunStore.open(dbPath, { recoverInterrupted: false })
    expect(reader.getRun(runIds[0])?.status).toBe('running')
    reader.close()
  })
})

describe('RunStore: run life cycle', () => {
  it('creates an experiment with queued runs carrying the searchable columns', () => {
    const spec = makeSpec({
      config: 'vlro',
      mtu: 9000,
      messageSize: 4096,
      jbb: 0.5,
      seed: 7,
      params: { b: 2, a: 1 },
    })
    const { experimentId, runIds } = store.createExperiment({
      name: 'Figure 3',
      preset: 'fig3',
      tags: ['paper'],
      specs: [spec],
    })
    const run = store.getRun(runIds[0])
    expect(run).toMatchObject({
      experimentId,
      experimentName: 'Figure 3',
      status: 'queued',
      config: 'vlro',
      mtu: 9000,
      messageSize: 4096,
      jbb: 0.5,
      seed: 7,
      engineVersion: ENGINE_VERSION,
      paramSetHash: parameterSetHash({ a: 1, b: 2 }),
      metrics: null,
      result: null,
    })
    expect(run?.spec).toEqual(spec)
    expect(store.getExperiment(experimentId)).toMatchObject({ preset: 'fig3', tags: ['paper'] })
    expect(store.getExperiment(experimentId)?.runCounts.queued).toBe(1)
  })

  it('round-trips a finished result with its time series exactly', () => {
    const { runIds } = store.createExperiment({ name: 'one', specs: [makeSpec()] })
    expect(store.markRunning(runIds[0], 1000)).toBe(true)
    store.recordProgress(runIds[0], 0.5)
    expect(store.getRun(runIds[0])?.progress).toBe(0.5)
    const result = makeResult(500, 3)
    store.storeResult(runIds[0], result, 5000)
    const run = store.getRun(runIds[0])
    expect(run?.status).toBe('done')
    expect(run?.progress).toBe(1)
    expect(run?.startedMs).toBe(1000)
    expect(run?.finishedMs).toBe(5000)
    expect(run?.result).toEqual(result)
    expect(run?.metrics?.throughputMbps).toBe(result.throughputMbps)
  })

  it('keeps what bound a run with its result', () => {
    const { runIds } = store.createExperiment({ name: 'bound', specs: [makeSpec()] })
    store.markRunning(runIds[0], 1000)
    const result = {
      ...makeResult(10, 1),
      bounds: {
        shares: {
          senderCpu: 0.1,
          senderBus: 1,
          wire: 0.7,
          receiverCpu: 0.3,
          sendBuffer: 0,
          receiveWindow: 0,
          congestionWindow: 0,
          transmitQueue: 1,
        },
        limiter: 'senderBus' as const,
        explanation: "Bound by the sender NIC's bus (100 % of the time).",
      },
    }
    store.storeResult(runIds[0], result, 2000)
    expect(store.getRun(runIds[0])?.result?.bounds).toEqual(result.bounds)
  })

  it('refuses a second result for a finished run and keeps the first', () => {
    const { runIds } = store.createExperiment({ name: 'one', specs: [makeSpec()] })
    store.storeResult(runIds[0], makeResult(10, 1))
    expect(() => store.storeResult(runIds[0], makeResult(10, 2))).toThrow(/not queued or running/)
    expect(store.getRun(runIds[0])?.result?.throughputMbps).toBe(makeResult(10, 1).throughputMbps)
  })

  it('records failures and cancellation, and cancelled runs cannot start', () => {
    const { experimentId, runIds } = store.createExperiment({
      name: 'c',
      specs: [makeSpec(), makeSpec(), makeSpec()],
    })
    store.markRunning(runIds[0])
    expect(store.markFailed(runIds[0], 'worker crashed: "boom"')).toBe(true)
    expect(store.cancelExperiment(experimentId)).toBe(2)
    expect(store.markRunning(runIds[1])).toBe(false)
    expect(store.getRun(runIds[0])).toMatchObject({ status: 'failed', error: 'worker crashed: "boom"' })
    expect(store.getExperiment(experimentId)?.runCounts).toMatchObject({ failed: 1, cancelled: 2, queued: 0 })
  })

  it('deletes an experiment with its runs, results, series and tags', () => {
    const { experimentId, runIds } = store.createExperiment({
      name: 'gone',
      tags: ['x'],
      specs: [makeSpec()],
    })
    store.storeResult(runIds[0], makeResult())
    store.tags.add({ kind: 'run', id: runIds[0] }, ['y'])
    expect(store.deleteExperiment(experimentId)).toBe(true)
    for (const table of ['runs', 'results', 'run_series', 'run_tags', 'experiment_tags']) {
      expect(store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
  })

  it('reruns an experiment as queued copies of its specs', () => {
    const specs = [makeSpec({ seed: 1 }), makeSpec({ seed: 2, config: 'xen' })]
    const original = store.createExperiment({ name: 'orig', preset: 'table1', tags: ['t'], specs })
    store.storeResult(original.runIds[0], makeResult())
    const rerun = store.rerunExperiment(original.experimentId)
    expect(rerun.runIds).toHaveLength(2)
    expect(store.getExperiment(rerun.experimentId)).toMatchObject({
      name: 'orig (rerun)',
      preset: 'table1',
      tags: ['t'],
    })
    expect(store.getRuns(rerun.runIds).map((run) => [run.status, run.spec])).toEqual([
      ['queued', specs[0]],
      ['queued', specs[1]],
    ])
    expect(store.rerunSpecs([original.runIds[1]])).toEqual([specs[1]])
  })

  it('resolves runs and experiments by id or unique prefix', () => {
    const { experimentId, runIds } = store.createExperiment({ name: 'p', specs: [makeSpec()] })
    expect(store.resolveTarget(runIds[0])).toEqual({ kind: 'run', id: runIds[0] })
    expect(store.resolveTarget(experimentId.slice(0, 8))).toEqual({ kind: 'experiment', id: experimentId })
    expect(store.resolveTarget('zzzzzzzz')).toBeNull()
  })
})

describe('RunStore: hostile text', () => {
  const awkward = [
    `Robert'); DROP TABLE runs;--`,
    `"quoted" and 'single'`,
    `50% of _all_ \\ paths`,
    'Durchsatz über 9000 — 日本語 ✓ 🚀',
    'line one\nline two\r\n\ttab',
  ]

  it('round-trips names, notes and tags exactly', () => {
    for (const text of awkward) {
      const { experimentId, runIds } = store.createExperiment({
        name: text,
        notes: text,
        tags: [text],
        specs: [makeSpec()],
      })
      store.tags.setNotes({ kind: 'run', id: runIds[0] }, text)
      store.tags.add({ kind: 'run', id: runIds[0] }, [text])
      const experiment = store.getExperiment(experimentId)
      expect(experiment).toMatchObject({ name: text, notes: text, tags: [text.trim()] })
      expect(store.getRun(runIds[0])).toMatchObject({ notes: text, tags: [text.trim()] })
      expect(store.listRuns({ tag: text.trim() }).items.map((run) => run.id)).toEqual([runIds[0]])
    }
    expect(store.listRuns().total).toBe(awkward.length)
  })

  it('matches LIKE wildcards in text search literally', () => {
    store.createExperiment({ name: '50% of _all_', specs: [makeSpec()] })
    store.createExperiment({ name: '50 of all', specs: [makeSpec()] })
    expect(store.listRuns({ text: '50%' }).items.map((run) => run.experimentName)).toEqual(['50% of _all_'])
    expect(store.listRuns({ text: '_all_' }).total).toBe(1)
  })
})

describe('RunStore: listing', () => {
  beforeEach(() => {
    let clock = 1_000
    const configs = ['linux', 'xen', 'plro', 'vlro'] as const
    for (let index = 0; index < 12; index += 1) {
      const { experimentId, runIds } = store.createExperiment({
        name: `exp ${index}`,
        notes: index === 5 ? 'needle in notes' : '',
        tags: index % 4 === 0 ? ['baseline'] : [],
        createdMs: (clock += 10),
        specs: [
          makeSpec({
            config: configs[index % 4],
            mtu: index % 2 === 0 ? 1500 : 9000,
            messageSize: 1024 * (index + 1),
            params: index < 6 ? { 'nic.interruptRateHz': 4000 * (1 + (index % 2)), 'tcp.sack': 0 } : {},
          }),
        ],
      })
      if (index % 3 === 0) store.storeResult(runIds[0], makeResult(5, index + 1))
      if (index === 7) store.tags.add({ kind: 'run', id: runIds[0] }, ['run-only'])
      void experimentId
    }
  })

  it('filters by configuration, MTU, message size, status, tag and text in SQL', () => {
    expect(store.listRuns({ config: 'xen' }).items.every((run) => run.config === 'xen')).toBe(true)
    expect(store.listRuns({ config: 'xen' }).total).toBe(3)
    expect(store.listRuns({ config: ['xen', 'linux'], mtu: 9000 }).total).toBe(3)
    expect(store.listRuns({ messageSize: 3072 }).items.map((run) => run.experimentName)).toEqual(['exp 2'])
    expect(store.listRuns({ status: 'done' }).total).toBe(4)
    expect(store.listRuns({ tag: 'baseline' }).total).toBe(3)
    expect(store.listRuns({ tag: 'run-only' }).items.map((run) => run.experimentName)).toEqual(['exp 7'])
    expect(store.listRuns({ text: 'NEEDLE' }).items.map((run) => run.experimentName)).toEqual(['exp 5'])
    expect(store.listRuns({ text: 'run-only' }).total).toBe(1)
  })

  it('filters by the value of an overridden parameter (a swept axis), dotted ids read as one key', () => {
    const names = (params: Record<string, number>) =>
      store.listRuns({ params, sort: 'experiment', order: 'asc' }).items.map((run) => run.experimentName)
    expect(names({ 'nic.interruptRateHz': 8000 })).toEqual(['exp 1', 'exp 3', 'exp 5'])
    expect(names({ 'nic.interruptRateHz': 4000, 'tcp.sack': 0 })).toEqual(['exp 0', 'exp 2', 'exp 4'])
    expect(names({ 'nic.interruptRateHz': 4000, 'tcp.sack': 1 })).toEqual([])
    expect(names({ 'xen.netfront.rxTarget': 64 })).toEqual([])
  })

  it('sorts and pages with a stable total', () => {
    const newestFirst = store.listRuns({ limit: 5 })
    expect(newestFirst.total).toBe(12)
    expect(newestFirst.items.map((run) => run.experimentName)).toEqual([
      'exp 11',
      'exp 10',
      'exp 9',
      'exp 8',
      'exp 7',
    ])
    const second = store.listRuns({ limit: 5, offset: 5 })
    expect(second.items[0].experimentName).toBe('exp 6')
    const byThroughput = store.listRuns({ sort: 'throughput', order: 'desc' }).items
    const throughputs = byThroughput.map((run) => run.metrics?.throughputMbps ?? null)
    expect(throughputs.slice(0, 4)).toEqual([910, 907, 904, 901])
    expect(throughputs.slice(4).every((value) => value === null)).toBe(true)
    const acrossBoundary = store.listRuns({ sort: 'throughput', order: 'desc', limit: 3, offset: 3 }).items
    expect(acrossBoundary.map((run) => run.metrics?.throughputMbps ?? null)).toEqual([901, null, null])
    const ascending = store.listRuns({ sort: 'throughput', order: 'asc', limit: 5 }).items
    expect(ascending.map((run) => run.metrics?.throughputMbps ?? null)).toEqual([901, 904, 907, 910, null])
    const pages = [0, 5, 10].flatMap((offset) =>
      store.listRuns({ sort: 'lroRate', limit: 5, offset }).items.map((run) => run.id),
    )
    expect(new Set(pages).size).toBe(12)
    const byMessage = store.listRuns({ sort: 'messageSize' }).items.map((run) => run.messageSize)
    expect(byMessage).toEqual([...byMessage].sort((a, b) => a - b))
  })

  it('rejects an unknown sort key instead of splicing it into SQL', () => {
    expect(() => store.listRuns({ sort: 'mtu; DROP TABLE runs' as never })).toThrow(/unknown sort key/)
  })

  it('lists experiments with tag and text filters', () => {
    expect(store.listExperiments().total).toBe(12)
    expect(store.listExperiments({ tag: 'baseline' }).items.map((experiment) => experiment.name)).toEqual([
      'exp 8',
      'exp 4',
      'exp 0',
    ])
    expect(store.listExperiments({ text: 'needle' }).total).toBe(1)
  })
})

describe('RunStore: library', () => {
  it('saves, replaces, lists and deletes parameter sets', () => {
    store.library.saveParameterSet({
      name: 'fitted',
      values: { 'netback.batchSize': 64 },
      provenance: { source: 'fit' },
    })
    store.library.saveParameterSet({ name: 'fitted', values: { 'netback.batchSize': 32 } })
    expect(store.library.getParameterSet('fitted')).toMatchObject({
      values: { 'netback.batchSize': 32 },
      provenance: {},
    })
    expect(store.library.listParameterSets().map((set) => set.name)).toEqual(['fitted'])
    expect(store.library.deleteParameterSet('fitted')).toBe(true)
    expect(store.library.getParameterSet('fitted')).toBeNull()
  })

  it('saves comparison views with a baseline among the runs', () => {
    const { runIds } = store.createExperiment({ name: 'v', specs: [makeSpec(), makeSpec()] })
    const view = store.library.saveComparisonView({
      name: 'A vs B',
      runIds,
      baselineRunId: runIds[0],
      options: { diffOnly: true },
    })
    expect(store.library.getComparisonView(view.id)).toMatchObject({
      runIds,
      baselineRunId: runIds[0],
      options: { diffOnly: true },
    })
    expect(() =>
      store.library.saveComparisonView({ name: 'bad', runIds: [runIds[0]], baselineRunId: runIds[1] }),
    ).toThrow(/baseline/)
    expect(store.library.listComparisonViews()).toHaveLength(1)
    expect(store.library.deleteComparisonView(view.id)).toBe(true)
  })
})

describe('RunStore ownership between processes', () => {
  it('leaves running runs alone while another live process owns the store, and recovers them after', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-owner-'))
    const dbPath = join(directory, 'runs.sqlite')
    const first = RunStore.open(dbPath)
    const { runIds } = first.createExperiment({ name: 'live elsewhere', specs: [makeSpec(), makeSpec()] })
    first.markRunning(runIds[0])
    first.close()
    // Another process (here a sleeping child) owns the store, as an app or a CLI sweep would.
    const other = spawn('sleep', ['30'])
    writeFileSync(`${dbPath}.owner`, `${other.pid}\n`)
    try {
      const second = RunStore.open(dbPath)
      expect(second.openReport.isOwner).toBe(false)
      expect(second.openReport.interruptedRuns).toBe(0)
      expect(second.getRun(runIds[0])?.status).toBe('running')
      second.close()
    } finally {
      other.kill()
      await new Promise((resolve) => other.once('exit', resolve))
    }
    // The owner is gone: the next process takes over and recovers what it left.
    const third = RunStore.open(dbPath)
    expect(third.openReport.isOwner).toBe(true)
    expect(third.openReport.interruptedRuns).toBe(2)
    third.close()
    expect(existsSync(`${dbPath}.owner`)).toBe(false)
    rmSync(directory, { recursive: true, force: true })
  })
})
