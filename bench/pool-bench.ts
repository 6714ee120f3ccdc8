/**
 * Job pool benchmark (`npx tsx bench/pool-bench.ts`, or `benchPool()` from `bench/index.ts`):
 * 1. a sweep of 40 short engine runs on 1 thread vs 2 threads: wall time ratio (target <= 0.6 on two
 *    cores) and process CPU seconds per wall second (how many cores were kept busy);
 * 2. with such a sweep running through the real services (store, pool, progress events), the
 *    latency of `listRuns` through the API dispatcher: p50 / p95 / worst (target p95 < 50 ms).
 * The machine is shared, so the CPU figures are given alongside the wall-clock ones.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { CONFIGURATIONS, parseRunSpec, type RunSpec } from '../engine/experiments/spec'
import { createApiDispatcher } from '../main/services/api-dispatcher'
import { openLabRuntime } from '../main/services/lab-runtime'
import { JobPool } from '../main/workers/job-pool'
import { runBatch } from '../main/workers/run-batch'
import { nodeEngineWorkerEntry } from '../main/workers/worker-entry'

/** Options of `benchPool`. */
export interface PoolBenchOptions {
  runCount?: number
  durationS?: number
  warmupS?: number
  /** Interval between API probes during the sweep, ms. */
  probeIntervalMs?: number
}

/** One sweep's timing. */
export interface SweepTiming {
  threads: number
  wallMs: number
  cpuMs: number
  /** CPU seconds per wall second: about the number of cores kept busy. */
  busyCores: number
  /** Sum of the runs' own wall times over the sweep's wall time: runs in flight on average. */
  runsInFlight: number
  failedRuns: number
}

/** What `benchPool` measured. */
export interface PoolBenchFigures {
  runCount: number
  spec: string
  serial: SweepTiming
  parallel: SweepTiming
  /** parallel wall / serial wall (target <= 0.6 with two cores). */
  wallRatio: number
  listRuns: { probes: number; p50Ms: number; p95Ms: number; maxMs: number; storedRuns: number }
  machine: { cores: number; loadAverage: number }
}

function sweepSpecs(count: number, durationS: number, warmupS: number): RunSpec[] {
  // The four configurations of the paper in turn (pvlro is a what-if beyond it).
  const configs = CONFIGURATIONS.filter((config) => config !== 'pvlro')
  return Array.from({ length: count }, (_, index) => {
    const parsed = parseRunSpec({
      config: configs[index % configs.length],
      durationS,
      warmupS,
      seed: 1 + index,
    })
    if (!parsed.ok)
      throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
    return parsed.spec
  })
}

async function timeSweep(specs: RunSpec[], threads: number): Promise<SweepTiming> {
  const pool = new JobPool({ entry: nodeEngineWorkerEntry(), threadCount: threads })
  try {
    // Start the threads first (loading the TypeScript engine takes a while per thread): the
    // figure of interest is how well runs spread over the threads, not thread start-up.
    await runBatch(pool, sweepSpecs(threads * 2, 0.01, 0))
    const cpuBefore = process.cpuUsage()
    const startedMs = performance.now()
    const outcomes = await runBatch(pool, specs)
    const wallMs = performance.now() - startedMs
    const cpu = process.cpuUsage(cpuBefore)
    const cpuMs = (cpu.user + cpu.system) / 1000
    return {
      threads,
      wallMs,
      cpuMs,
      busyCores: cpuMs / wallMs,
      runsInFlight:
        outcomes.reduce((sum, outcome) => sum + (outcome.status === 'done' ? outcome.result.wallMs : 0), 0) /
        wallMs,
      failedRuns: outcomes.filter((outcome) => outcome.status !== 'done').length,
    }
  } finally {
    await pool.close()
  }
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]
}

async function probeListRunsDuringSweep(
  specs: RunSpec[],
  probeIntervalMs: number,
): Promise<PoolBenchFigures['listRuns']> {
  const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-pool-bench-'))
  const runtime = openLabRuntime({
    dbPath: join(directory, 'runs.sqlite'),
    threadCount: 2,
    host: { appVersion: 'bench', mode: 'browser', electronVersion: null },
  })
  try {
    const dispatch = createApiDispatcher({ handlers: runtime.services.handlers })
    // Progress events are consumed as a window would, so their cost is part of the picture.
    let progressBatches = 0
    const subscription = runtime.services.events.onDidProgress(() => (progressBatches += 1))
    const started = runtime.services.runs.startExperiment({ name: 'pool bench', specs })
    const settled = runtime.services.runs.whenExperimentSettled(started.experimentId)
    let isSettled = false
    void settled.then(() => (isSettled = true))
    const latenciesMs: number[] = []
    while (!isSettled) {
      const startedMs = performance.now()
      const response = await dispatch('listRuns', { limit: 100 })
      latenciesMs.push(performance.now() - startedMs)
      if (!response.ok) throw new Error(response.error.message)
      await new Promise((resolve) => setTimeout(resolve, probeIntervalMs))
    }
    await settled
    subscription.dispose()
    const sorted = [...latenciesMs].sort((left, right) => left - right)
    return {
      probes: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted.at(-1) ?? Number.NaN,
      storedRuns: runtime.store.listRuns({ status: 'done', limit: 1 }).total,
    }
  } finally {
    await runtime.close()
    rmSync(directory, { recursive: true, force: true })
  }
}

/** Runs the pool benchmark. */
export async function benchPool(options: PoolBenchOptions = {}): Promise<PoolBenchFigures> {
  const runCount = options.runCount ?? 40
  // Runs of ~0.2-0.3 s wall each: long enough that worker start-up (tsx transpiling the engine
  // once per thread) does not dominate, as it does with the 0.5 s specs used at first (ratio 0.81).
  const durationS = options.durationS ?? 2
  const warmupS = options.warmupS ?? 0.02
  const specs = sweepSpecs(runCount, durationS, warmupS)
  const serial = await timeSweep(specs, 1)
  const parallel = await timeSweep(specs, 2)
  const listRuns = await probeListRunsDuringSweep(specs, options.probeIntervalMs ?? 25)
  return {
    runCount,
    spec: `linux/xen/plro/vlro in turn, warm-up ${warmupS} s + ${durationS} s measured, seeds 1..${runCount}`,
    serial,
    parallel,
    wallRatio: parallel.wallMs / serial.wallMs,
    listRuns,
    machine: { cores: availableParallelism(), loadAverage: loadavg()[0] },
  }
}

/** The figures as Markdown lines (for the console and docs/BENCHMARKS.md). */
export function formatPoolBench(figures: PoolBenchFigures): string {
  const row = (timing: SweepTiming): string =>
    `| ${timing.threads} | ${(timing.wallMs / 1000).toFixed(2)} s | ${(timing.cpuMs / 1000).toFixed(2)} s | ` +
    `${timing.busyCores.toFixed(2)} | ${timing.runsInFlight.toFixed(2)} | ${timing.failedRuns} |`
  return [
    `${figures.runCount} runs (${figures.spec}); ${figures.machine.cores} cores, load average ${figures.machine.loadAverage.toFixed(1)}.`,
    '',
    '| threads | wall | process CPU | busy cores (CPU/wall) | runs in flight | failed |',
    '| ------- | ---- | ----------- | --------------------- | -------------- | ------ |',
    row(figures.serial),
    row(figures.parallel),
    '',
    `Wall-time ratio 2 threads / 1 thread: ${figures.wallRatio.toFixed(2)} (target <= 0.6).`,
    '',
    `listRuns (page of 100) through the API dispatcher during a ${figures.runCount}-run sweep on 2 threads: ` +
      `p50 ${figures.listRuns.p50Ms.toFixed(1)} ms, p95 ${figures.listRuns.p95Ms.toFixed(1)} ms, worst ${figures.listRuns.maxMs.toFixed(1)} ms ` +
      `over ${figures.listRuns.probes} probes (target p95 < 50 ms); ${figures.listRuns.storedRuns} runs stored.`,
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchPool().then(
    (figures) => console.log(formatPoolBench(figures)),
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
