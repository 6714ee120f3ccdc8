/**
 * Model benchmarks: representative runs through `runExperiment`, reporting events per second,
 * simulated seconds per wall (and CPU) second and heap use, plus a memory check that a long run's
 * heap stays flat (preallocated series, pooled packets, no per-packet allocation).
 *
 * Run alone: `npx tsx bench/model-bench.ts`; `bench/index.ts` calls `benchModelRuns` and `benchMemory`.
 */
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { runExperiment } from '../engine/experiments/run-experiment'
import { parseRunSpec, type RunSpecInput } from '../engine/experiments/spec'

/** One measured run. */
export interface ModelRunFigures {
  label: string
  events: number
  simSeconds: number
  wallMs: number
  cpuMs: number
  eventsPerWallSecond: number
  eventsPerCpuSecond: number
  simSecondsPerWallSecond: number
  simSecondsPerCpuSecond: number
  peakHeapMb: number
  throughputMbps: number
}

/** The representative runs of docs/BENCHMARKS.md. */
export const REPRESENTATIVE_RUNS: { label: string; spec: RunSpecInput }[] = [
  { label: 'linux MTU 1500, 16 KB', spec: { config: 'linux', mtu: 1500, messageSize: 16_384 } },
  { label: 'xen MTU 1500, 1 KB', spec: { config: 'xen', mtu: 1500, messageSize: 1024 } },
  { label: 'vlro MTU 1500, 16 KB', spec: { config: 'vlro', mtu: 1500, messageSize: 16_384 } },
  { label: 'plro MTU 1500, 16 KB', spec: { config: 'plro', mtu: 1500, messageSize: 16_384 } },
]

/** Runs one spec and measures it. Heap is sampled at each progress report. */
export function measureRun(label: string, input: RunSpecInput): ModelRunFigures {
  const parsed = parseRunSpec({ env: 'switched-2008', warmupS: 0.5, durationS: 5, ...input })
  if (!parsed.ok) throw new Error(`bad bench spec ${label}: ${JSON.stringify(parsed.issues)}`)
  let peakHeap = process.memoryUsage().heapUsed
  const startCpu = process.cpuUsage()
  const result = runExperiment(parsed.spec, {
    now: () => performance.now(),
    onProgress: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
    },
  })
  const cpu = process.cpuUsage(startCpu)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return {
    label,
    events: result.events,
    simSeconds: result.simSeconds,
    wallMs: result.wallMs,
    cpuMs,
    eventsPerWallSecond: result.events / (result.wallMs / 1000),
    eventsPerCpuSecond: result.events / (cpuMs / 1000),
    simSecondsPerWallSecond: result.simSeconds / (result.wallMs / 1000),
    simSecondsPerCpuSecond: result.simSeconds / (cpuMs / 1000),
    peakHeapMb: peakHeap / 1048576,
    throughputMbps: result.throughputMbps,
  }
}

/** Measures every representative run (after one short JIT warm-up run). */
export function benchModelRuns(): ModelRunFigures[] {
  measureRun('warm-up', { config: 'pvlro', durationS: 1, warmupS: 0.1 })
  return REPRESENTATIVE_RUNS.map(({ label, spec }) => measureRun(label, spec))
}

/** Heap of a short and a long run of the same spec: the long one must not grow with run length. */
export interface MemoryCheck {
  shortRun: ModelRunFigures
  longRun: ModelRunFigures
  /** Peak heap of the long run over the short one. */
  heapRatio: number
}

/** The 5 s vs 60 s memory check. */
export function benchMemory(config: RunSpecInput['config'] = 'xen'): MemoryCheck {
  const shortRun = measureRun(`${config} 5 s`, { config, durationS: 5, warmupS: 0.5 })
  const longRun = measureRun(`${config} 60 s`, { config, durationS: 60, warmupS: 0.5 })
  return { shortRun, longRun, heapRatio: longRun.peakHeapMb / shortRun.peakHeapMb }
}

/** Formats figures as a markdown table row. */
export function formatRow(figures: ModelRunFigures): string {
  const f = (value: number, digits = 1): string => value.toFixed(digits)
  return `| ${figures.label} | ${f(figures.eventsPerWallSecond / 1e6, 2)} M | ${f(figures.eventsPerCpuSecond / 1e6, 2)} M | ${f(figures.simSecondsPerWallSecond, 2)} | ${f(figures.simSecondsPerCpuSecond, 2)} | ${f(figures.peakHeapMb)} MB | ${f(figures.throughputMbps)} |`
}

/** Header of `formatRow`'s table. */
export const TABLE_HEADER = [
  '| run | events/s (wall) | events/s (CPU) | sim-s per wall-s | sim-s per CPU-s | peak heap | Mb/s |',
  '|---|---|---|---|---|---|---|',
].join('\n')

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(TABLE_HEADER)
  for (const figures of benchModelRuns()) console.log(formatRow(figures))
}
