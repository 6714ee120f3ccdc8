/**
 * `npm run bench`: the engine's speed and memory figures (recorded in docs/BENCHMARKS.md).
 * - the bare DES kernel (hold model, E1's `bench/kernel-hold.ts`);
 * - representative model runs: events/s, simulated seconds per wall second, peak heap, and the
 *   model's overhead over the bare kernel as a ratio of event rates;
 * - a memory check: a 5 s and a 60 s run of the same spec must peak at about the same heap.
 * Rates are also given per CPU second, which is fairer on a shared, oversubscribed machine.
 */
import { cpus } from 'node:os'
import process from 'node:process'
import { benchHoldModel } from './kernel-hold'
import { benchMemory, benchModelRuns, formatRow, TABLE_HEADER } from './model-bench'
import { benchPool, formatPoolBench } from './pool-bench'
import { benchStore } from './store-bench'

async function main(): Promise<void> {
  const cpu = cpus()
  console.log(`# LRO Lab Bench benchmarks`)
  console.log(`machine: ${cpu.length} CPUs, ${cpu[0]?.model ?? 'unknown'}; node ${process.version}`)
  console.log('')

  const hold = benchHoldModel()
  console.log('## DES kernel (hold model, 1000 pending events)')
  console.log(
    `${(hold.wallEventsPerSecond / 1e6).toFixed(2)} M events/s wall, ${(hold.eventsPerSecond / 1e6).toFixed(2)} M events/s CPU` +
      ` (bare-heap reference ${(hold.bareHeapEventsPerSecond / 1e6).toFixed(2)} M/s CPU)`,
  )
  console.log('')

  console.log('## Model runs (switched-2008, 0.5 s warm-up + 5 s measured)')
  console.log(TABLE_HEADER)
  const runs = benchModelRuns()
  for (const figures of runs) console.log(formatRow(figures))
  console.log('')
  console.log(
    'Model overhead over the bare kernel (hold-model events/s per CPU over model events/s per CPU):',
  )
  for (const figures of runs) {
    console.log(
      `  ${figures.label}: ${(hold.eventsPerSecond / figures.eventsPerCpuSecond).toFixed(1)}x per event`,
    )
  }
  const native = runs[0]
  const xen = runs[1]
  console.log('')
  console.log(
    `targets: native MTU 1500 >= 5 sim-s per wall-s: ${native.simSecondsPerWallSecond.toFixed(2)} (CPU ${native.simSecondsPerCpuSecond.toFixed(2)}); ` +
      `xen 1 KB >= 3: ${xen.simSecondsPerWallSecond.toFixed(2)} (CPU ${xen.simSecondsPerCpuSecond.toFixed(2)})`,
  )
  console.log('')

  console.log('## Memory: 5 s vs 60 s run (xen, MTU 1500, 16 KB)')
  const memory = benchMemory('xen')
  console.log(TABLE_HEADER)
  console.log(formatRow(memory.shortRun))
  console.log(formatRow(memory.longRun))
  console.log(
    `peak heap ratio 60 s / 5 s: ${memory.heapRatio.toFixed(2)}; peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
  )
  console.log('')

  console.log('## Run store (bench/store-bench.ts)')
  console.log(
    JSON.stringify(
      benchStore(),
      (_key, value: unknown) => (typeof value === 'number' ? Number(value.toFixed(2)) : value),
      2,
    ),
  )
  console.log('')

  console.log('## Job pool (bench/pool-bench.ts): 40-run sweep, 1 vs 2 threads, API latency')
  console.log(formatPoolBench(await benchPool()))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
