/**
 * Run store benchmarks (issue 6): list the first filtered page of 10,000 runs, store a finished
 * run with a 10,000-sample series, export and re-import 1,000 runs; plus the measurement behind
 * the series layout (Float64 blob per series vs one row per sample).
 *
 * Run alone: `npx tsx bench/store-bench.ts`; `bench/index.ts` calls `benchStore`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import type { RunSpec } from '../engine/experiments/spec'
import type { RunResult } from '../engine/results/run-result'
import { RunStore } from '../main/store/run-store'

/** Median and worst of repeated timings, milliseconds. */
export interface Timing {
  medianMs: number
  /** 90th percentile: the WAL auto-checkpoint lands in a few of the samples. */
  p90Ms: number
  maxMs: number
  /** Median CPU time of this process (user + system), ms: what an unloaded machine would show. */
  cpuMedianMs: number
  repeats: number
}

/** Figures from `benchStore`. */
export interface StoreBenchResult {
  /** First page (100) of 10,000 stored runs, per filter. Target < 50 ms. */
  listFirstPage: { storedRuns: number; byConfig: Timing; byTag: Timing; byText: Timing; unfiltered: Timing }
  /** `storeResult` of a run with a 10,000-sample series (6 series). Target < 20 ms. */
  storeRun10kSamples: Timing
  /** Reading that run back with `getRun`. */
  readRun10kSamples: Timing
  /** Same series stored as one row per sample (the rejected layout), for comparison. */
  rowPerSample: { storeMs: Timing; readMs: Timing; bytesPerSample: number }
  blobBytesPerSample: number
  /** Export of 1,000 runs (1,000-sample series each) and import into an empty store. Target < 5 s total. */
  archive1000Runs: {
    runs: number
    samplesPerRun: number
    exportMs: number
    importMs: number
    totalMs: number
  }
}

const CONFIGS = ['linux', 'xen', 'plro', 'vlro', 'pvlro'] as const

function spec(index: number): RunSpec {
  return {
    config: CONFIGS[index % CONFIGS.length],
    env: 'direct-2009',
    mtu: index % 2 === 0 ? 1500 : 9000,
    messageSize: 1024 * (1 + (index % 16)),
    jbb: 'off',
    durationS: 2,
    warmupS: 0.5,
    seed: index,
    paramSet: 'default',
    params: { 'xen.netfront.quota': 64 },
    sampleIntervalS: 0.05,
  }
}

function result(samples: number, seed: number): RunResult {
  const timeS = Array.from({ length: samples }, (_, index) => (index + 1) * 0.05)
  return {
    throughputMbps: 800 + (seed % 200),
    throughputCi95: 2.5,
    lroRate: 1 + (seed % 10) / 10,
    lroRates: { plro: 1.2, vlro: null },
    clk: 2 + (seed % 7) / 10,
    inst: 1.1,
    cpu: { byContext: { dom0: 0.4, guest: 0.3, hypervisor: 0.1 }, byCpu: [0.5, 0.3], total: 0.8 },
    stages: [
      {
        context: 'dom0',
        stage: 'netback.batch',
        cyclesPerPacket: 1200,
        instructionsPerPacket: 800,
        share: 0.3,
      },
    ],
    specjbbScore: null,
    counters: { frames: 100_000 + seed, interrupts: 500 },
    series: {
      intervalS: 0.05,
      timeS,
      throughputMbps: timeS.map((time) => 900 + Math.sin(time)),
      cpu: { dom0: timeS.map(() => 0.4), guest: timeS.map((time) => 0.3 + time / 1e4) },
      cwndSegments: timeS.map((_, index) => 10 + (index % 50)),
      lroRate: timeS.map((_, index) => 1 + (index % 7) / 10),
    },
    events: 1_000_000,
    simSeconds: 2.5,
    wallMs: 900,
    stoppedEarly: false,
  }
}

function time(repeats: number, work: (repeat: number) => void): Timing {
  const wallSamples: number[] = []
  const cpuSamples: number[] = []
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    work(repeat)
    wallSamples.push(performance.now() - start)
    const cpu = process.cpuUsage(cpuStart)
    cpuSamples.push((cpu.user + cpu.system) / 1000)
  }
  const median = (samples: number[]): number =>
    [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]
  wallSamples.sort((a, b) => a - b)
  return {
    medianMs: wallSamples[Math.floor(wallSamples.length / 2)],
    p90Ms: wallSamples[Math.min(wallSamples.length - 1, Math.floor(wallSamples.length * 0.9))],
    maxMs: wallSamples[wallSamples.length - 1],
    cpuMedianMs: median(cpuSamples),
    repeats,
  }
}

/** Fills `store` with `experiments` × `runsPerExperiment` done runs, each with a short series. */
function fill(store: RunStore, experiments: number, runsPerExperiment: number, samples: number): void {
  for (let experiment = 0; experiment < experiments; experiment += 1) {
    store.transaction(() => {
      const specs = Array.from({ length: runsPerExperiment }, (_, index) =>
        spec(experiment * runsPerExperiment + index),
      )
      const { runIds } = store.createExperiment({
        name: `sweep ${experiment}`,
        notes: experiment === 3 ? 'the needle experiment' : 'routine sweep',
        tags: experiment % 5 === 0 ? ['paper'] : ['scratch'],
        specs,
      })
      runIds.forEach((runId, index) =>
        store.storeResult(runId, result(samples, experiment * runsPerExperiment + index)),
      )
    })
  }
}

function rowPerSampleComparison(store: RunStore, samples: number): StoreBenchResult['rowPerSample'] {
  store.db.exec(`CREATE TABLE bench_series_rows (
    run_id TEXT NOT NULL, sample INTEGER NOT NULL, time_s REAL, throughput_mbps REAL, cwnd_segments REAL,
    lro_rate REAL, cpu_dom0 REAL, cpu_guest REAL, PRIMARY KEY (run_id, sample)) WITHOUT ROWID`)
  const insert = store.db.prepare(`INSERT INTO bench_series_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const series = result(samples, 1).series
  const storeMs = time(10, (repeat) => {
    store.transaction(() => {
      for (let index = 0; index < samples; index += 1) {
        insert.run(
          `run-${repeat}`,
          index,
          series.timeS[index],
          series.throughputMbps[index],
          series.cwndSegments[index],
          series.lroRate[index],
          series.cpu.dom0?.[index],
          series.cpu.guest?.[index],
        )
      }
    })
  })
  const select = store.db.prepare(`SELECT * FROM bench_series_rows WHERE run_id = ? ORDER BY sample`)
  const readMs = time(10, (repeat) => {
    select.all(`run-${repeat}`)
  })
  const pages = store.db.prepare(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'bench_series_rows'`)
  let bytesPerSample = Number.NaN
  try {
    bytesPerSample = (pages.get() as { bytes: number }).bytes / (samples * 10)
  } catch {
    // dbstat is optional in SQLite builds; the figure is then left out.
  }
  store.db.exec(`DROP TABLE bench_series_rows`)
  return { storeMs, readMs, bytesPerSample }
}

/** Runs every store benchmark in a temporary folder and returns the figures. */
export function benchStore(): StoreBenchResult {
  const directory = mkdtempSync(join(tmpdir(), 'lrolab-store-bench-'))
  try {
    const store = RunStore.open(join(directory, 'bench.sqlite'))
    fill(store, 10, 1000, 20)
    // The app checkpoints after a 1 s pause in writes; the synchronous fill never pauses.
    store.checkpoint()
    const storedRuns = store.listRuns({ limit: 1 }).total
    const listFirstPage = {
      storedRuns,
      byConfig: time(20, () => store.listRuns({ config: 'plro', mtu: 9000, limit: 100 })),
      byTag: time(20, () => store.listRuns({ tag: 'paper', limit: 100 })),
      byText: time(20, () => store.listRuns({ text: 'needle', limit: 100 })),
      unfiltered: time(20, () => store.listRuns({ limit: 100 })),
    }

    const big = result(10_000, 7)
    const { runIds } = store.createExperiment({
      name: 'big series',
      specs: Array.from({ length: 20 }, (_, i) => spec(i)),
    })
    const storeRun10kSamples = time(20, (repeat) => store.storeResult(runIds[repeat], big))
    const readRun10kSamples = time(20, (repeat) => store.getRun(runIds[repeat]))
    const blobBytes = store.db
      .prepare(`SELECT sum(length(samples)) AS bytes FROM run_series WHERE run_id = ?`)
      .get(runIds[0]) as { bytes: number }
    const rowPerSample = rowPerSampleComparison(store, 10_000)
    store.close()

    const source = RunStore.open(join(directory, 'source.sqlite'))
    fill(source, 4, 250, 1000)
    const archivePath = join(directory, 'runs.lrolab')
    let start = performance.now()
    const exported = source.exportArchive(archivePath)
    const exportMs = performance.now() - start
    source.close()
    const target = RunStore.open(join(directory, 'target.sqlite'))
    start = performance.now()
    target.importArchive(archivePath)
    const importMs = performance.now() - start
    target.close()

    return {
      listFirstPage,
      storeRun10kSamples,
      readRun10kSamples,
      rowPerSample,
      blobBytesPerSample: blobBytes.bytes / 10_000,
      archive1000Runs: {
        runs: exported.runs,
        samplesPerRun: 1000,
        exportMs,
        importMs,
        totalMs: exportMs + importMs,
      },
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(benchStore(), null, 2))
}
