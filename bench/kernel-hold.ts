/**
 * The classic hold model (Vaucher & Duval 1975; Jones 1986) on the DES kernel: N events pending;
 * each event, when it fires, schedules one more after an exponential delay drawn from the kernel's
 * RNG. It measures the event list and dispatch loop alone, without any model work.
 *
 * Run alone: `npx tsx bench/kernel-hold.ts`; `bench/index.ts` calls `benchHoldModel`.
 *
 * Where an event's time goes (2026-11-25, ns per event, CPU time, separate harnesses, load 2-3):
 * with the binary heap the kernel had until then, the heap alone 70-90, the exponential draw alone
 * about 19 (`Math.log` is about 16 of it), heap + draw in one loop 115-130 (the new time sits at
 * the end of the draw's latency chain and the sift-down starts from it), plus about 10 for
 * `Simulation.step` / `schedule` / dispatch. The calendar queue that replaced it
 * (engine/kernel/event-calendar.ts) costs 53-60 ns alone and 93-100 with the draw in the same
 * harness, and needs no sift from the drawn time. The draw itself is now a ziggurat
 * (engine/kernel/exponential-ziggurat.ts) instead of `-mean * log(1 - u)`: draws alone 78-83 M/s
 * against about 50, the hold model 10.4-12.5 M events/s against 8.6-10.7 (docs/BENCHMARKS.md).
 * PERF, tried and dropped (measured, no gain): the RNG state in an Int32Array instead of four
 * fields (same 12-13 ns per draw); a JS port of fdlibm's log bit-identical to `Math.log` on every
 * input the RNG can produce (35-37 ns against 25-27 for the built-in); a branch-free
 * `Math.round` (it costs about 2 ns); `Simulation.run` instead of a `step` loop (same rate).
 */
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { Simulation } from '../engine/kernel/simulation'

/** Result of one hold-model measurement. */
export interface HoldModelResult {
  /** Events per second of CPU time used by this process (fair on a shared, oversubscribed box). */
  eventsPerSecond: number
  /** Events per second of wall-clock time (what an idle machine would show). */
  wallEventsPerSecond: number
  events: number
  pendingEvents: number
  wallMs: number
  cpuMs: number
  /**
   * The same hold loop on a bare binary heap of times (no tie-break, payload, dispatch or RNG; a
   * plain pop then push with a branch per level), per CPU second: a reference to read
   * `eventsPerSecond` against (the kernel's event list is a calendar queue now, see
   * engine/kernel/event-calendar.ts; this is what a minimal O(log n) list costs on the machine).
   */
  bareHeapEventsPerSecond: number
  /**
   * Exponential draws from the kernel RNG alone per CPU second (the part of every hold event that
   * is not the event list: `Math.log` dominates it).
   */
  exponentialDrawsPerSecond: number
}

/** Options of `benchHoldModel`. */
export interface HoldModelOptions {
  /** Pending events held in the list (the hold model's N). */
  pendingEvents?: number
  /** Events to process in the timed part. */
  events?: number
  /** Mean of the exponential hold time, ns. */
  meanDelayNs?: number
}

/** Runs the hold model (after a warm-up of the same length) and reports the measured event rate. */
export function benchHoldModel(options: HoldModelOptions = {}): HoldModelResult {
  const pendingEvents = options.pendingEvents ?? 1000
  const events = options.events ?? 5_000_000
  const meanDelayNs = options.meanDelayNs ?? 1000
  const sim = new Simulation(42)
  const random = sim.stream('hold')
  const hold = sim.register('hold', () => {
    sim.schedule(random.exponential(meanDelayNs), hold)
  })
  for (let i = 0; i < pendingEvents; i++) sim.schedule(random.exponential(meanDelayNs), hold)
  // Warm-up: let the JIT compile the hot path and the heap reach its steady shape.
  for (let i = 0; i < events; i++) sim.step()
  const startMs = performance.now()
  const startCpu = process.cpuUsage()
  for (let i = 0; i < events; i++) sim.step()
  const cpu = process.cpuUsage(startCpu)
  const wallMs = performance.now() - startMs
  const cpuMs = (cpu.user + cpu.system) / 1000
  return {
    bareHeapEventsPerSecond: measureBareHeap(pendingEvents, events, meanDelayNs),
    exponentialDrawsPerSecond: measureExponentialDraws(events, meanDelayNs),
    eventsPerSecond: events / (cpuMs / 1000),
    wallEventsPerSecond: events / (wallMs / 1000),
    events,
    pendingEvents,
    wallMs,
    cpuMs,
  }
}

/** Exponential draws alone (after a warm-up of the same length), per CPU second. */
function measureExponentialDraws(draws: number, meanDelayNs: number): number {
  const random = new Simulation(11).stream('draws')
  let sum = 0
  for (let i = 0; i < draws; i++) sum += random.exponential(meanDelayNs)
  const start = process.cpuUsage()
  for (let i = 0; i < draws; i++) sum += random.exponential(meanDelayNs)
  const cpu = process.cpuUsage(start)
  // Using the sum keeps the draws from being optimised away.
  if (!(sum > 0)) throw new Error('exponential draws summed to a non-positive value')
  return draws / ((cpu.user + cpu.system) / 1e6)
}

/** Hold model on a bare binary min-heap of times, with delays drawn beforehand. */
function measureBareHeap(pendingEvents: number, events: number, meanDelayNs: number): number {
  const random = new Simulation(7).stream('bare')
  const delays = new Float64Array(1 << 16)
  for (let i = 0; i < delays.length; i++) delays[i] = Math.round(random.exponential(meanDelayNs))
  const times = new Float64Array(pendingEvents + 1)
  let count = 0
  const push = (time: number): void => {
    let i = count++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (time >= times[parent]) break
      times[i] = times[parent]
      i = parent
    }
    times[i] = time
  }
  const pop = (): number => {
    const top = times[0]
    const last = --count
    const time = times[last]
    let i = 0
    const half = last >> 1
    while (i < half) {
      let child = 2 * i + 1
      if (child + 1 < last && times[child + 1] < times[child]) child++
      if (time <= times[child]) break
      times[i] = times[child]
      i = child
    }
    times[i] = time
    return top
  }
  for (let i = 0; i < pendingEvents; i++) push(delays[i])
  const start = process.cpuUsage()
  for (let i = 0; i < events; i++) push(pop() + delays[i & 0xffff])
  const cpu = process.cpuUsage(start)
  return events / ((cpu.user + cpu.system) / 1e6)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = benchHoldModel()
  console.log(
    `hold model N=${result.pendingEvents}: ${(result.eventsPerSecond / 1e6).toFixed(2)} M events/s of CPU time, ` +
      `${(result.wallEventsPerSecond / 1e6).toFixed(2)} M/s wall (${result.events} events, ` +
      `${result.cpuMs.toFixed(0)} ms CPU, ${result.wallMs.toFixed(0)} ms wall); ` +
      `bare heap reference on this machine ${(result.bareHeapEventsPerSecond / 1e6).toFixed(2)} M/s, ` +
      `exponential draws alone ${(result.exponentialDrawsPerSecond / 1e6).toFixed(2)} M/s (CPU)`,
  )
}
