import { NS_PER_S, SimCancelledError, Simulation } from '../kernel/simulation'
import { createReceiverHost } from '../model/host/create-host'
import type { ReceiverHost } from '../model/host/host-api'
import type { CounterSource } from '../model/net/net-api'
import { environmentParams } from '../model/net/environment'
import { splitScoped } from '../params/environment-scoped'
import { NativeReceivePath } from '../model/native/native-receive-path'
import { XenReceivePath } from '../model/xen/xen-receive-path'
import { resolveParams } from '../params/registry'
import { defaultParameterSet } from '../params/sets/default'
import { BatchAccumulator } from '../results/batch-means'
import { assembleResult } from '../results/assemble-result'
import type { RunProgress, RunResult } from '../results/run-result'
import { CONTEXTS } from '../results/run-result'
import { SeriesRecorder } from '../results/series-recorder'
import { assembleNetwork, type AssembledNetwork } from './assemble-network'
import { isXenConfiguration, type RunSpec } from './spec'

/** Options of `runExperiment`. */
export interface RunOptions {
  /**
   * The named parameter set the spec refers to (values by id), already looked up by the caller;
   * the spec's own overrides are applied on top. Defaults to the built-in calibrated set.
   */
  paramSet?: Readonly<Record<string, number>>
  /** Sampled progress (a few times per simulated sample interval at most). */
  onProgress?: (progress: RunProgress) => void
  /** Polled every few thousand events; true stops the run with SimCancelledError. */
  isCancelled?: () => boolean
  /**
   * A wall clock in milliseconds (e.g. `performance.now`), used only to fill `wallMs`. The engine
   * never reads a clock itself, so without it `wallMs` is 0 and results are fully deterministic.
   */
  now?: () => number
}

/** Batches over the measurement window for the confidence interval (Law & Kelton suggest 10-30). */
const BATCH_COUNT = 20
/** Batches that must complete before an early stop is considered. */
const MIN_BATCHES_FOR_EARLY_STOP = 5

/** Everything a run is made of, for the measurement loop. */
interface Assembly {
  sim: Simulation
  host: ReceiverHost
  net: AssembledNetwork
  path: NativeReceivePath | XenReceivePath
  sources: CounterSource[]
}

function assemble(spec: RunSpec, params: Record<string, number>): Assembly {
  const sim = new Simulation(spec.seed)
  const isXen = isXenConfiguration(spec.config)
  const host = createReceiverHost(sim, params, { isXen, jbb: spec.jbb })
  const internalMtu = spec.guestMtu ?? spec.mtu
  const net = assembleNetwork(sim, params, {
    config: spec.config,
    mtu: spec.mtu,
    messageSize: spec.messageSize,
    internalMtu,
  })
  const path = isXen
    ? new XenReceivePath({
        sim,
        host,
        pool: net.pool,
        nic: net.nic,
        tcp: net.tcp,
        plro: net.plro,
        vlro: net.vlro,
        params,
        mssBytes: net.mssBytes,
        guestMtu: spec.guestMtu ?? null,
        vifMtu: internalMtu,
      })
    : new NativeReceivePath({ host, nic: net.nic, tcp: net.tcp, lro: null, params, mssBytes: net.mssBytes })
  const sources: CounterSource[] = [net.sender, net.forward, net.reverse, net.nic, net.tcp, path]
  if (net.plro) sources.push(net.plro)
  if (net.vlro) sources.push(net.vlro)
  return { sim, host, net, path, sources }
}

/**
 * Resolves the run's parameters: registry defaults <- named set <- environment (its test bed) <-
 * the set's values scoped to this environment (`ENV:id`) <- spec overrides.
 */
export function resolveRunParams(
  spec: RunSpec,
  paramSet?: Readonly<Record<string, number>>,
): Record<string, number> {
  const { shared, scoped } = splitScoped(paramSet ?? defaultParameterSet.values, spec.env)
  return resolveParams(shared, environmentParams(spec.env), scoped, spec.params)
}

/**
 * Most samples one run's time series keeps. A long run at a fine interval (3600 s at 1 ms is 3.6 M
 * samples per series, some 270 MB stored and a 445 MB response) samples coarser instead.
 */
export const MAX_SERIES_SAMPLES = 10_000

/** The sampling interval a run uses: the spec's, widened so the series stays within the cap. */
export function seriesIntervalS(spec: Pick<RunSpec, 'sampleIntervalS' | 'warmupS' | 'durationS'>): number {
  return Math.max(spec.sampleIntervalS, (spec.warmupS + spec.durationS) / MAX_SERIES_SAMPLES)
}

/** Runs one experiment point synchronously (call it from a worker thread in the app). */
export function runExperiment(spec: RunSpec, options: RunOptions = {}): RunResult {
  const wallStart = options.now?.() ?? 0
  const params = resolveRunParams(spec, options.paramSet)
  const { sim, host, net, sources } = assemble(spec, params)
  const warmupNs = Math.round(spec.warmupS * NS_PER_S)
  const durationNs = Math.round(spec.durationS * NS_PER_S)
  const endNs = warmupNs + durationNs
  const intervalS = seriesIntervalS(spec)
  const intervalNs = Math.round(intervalS * NS_PER_S)
  const series = new SeriesRecorder(intervalS, Math.ceil(endNs / intervalNs) + 2)
  const batchNs = durationNs / BATCH_COUNT
  const batches = new BatchAccumulator(BATCH_COUNT)
  const lroIn = (): number => (net.plro ? net.plro.packetsIn : net.vlro ? net.vlro.packetsIn : 0)
  const lroOut = (): number => (net.vlro ? net.vlro.packetsOut : net.plro ? net.plro.packetsOut : 0)
  const hasLro = net.plro !== null || net.vlro !== null

  // Sampling state: cumulative readings at the previous sample.
  const busySeconds = new Float64Array(CONTEXTS.length)
  const previousBusySeconds = new Float64Array(CONTEXTS.length)
  const busyDelta = new Float64Array(CONTEXTS.length)
  let windowStartNs = 0
  let previousSampleNs = 0
  let previousDelivered = 0
  let previousLroIn = 0
  let previousLroOut = 0
  let reportedSamples = 0

  const takeSample = (): void => {
    const nowNs = sim.now
    const utilization = host.utilization().byContext
    const windowS = (nowNs - windowStartNs) / NS_PER_S
    for (let c = 0; c < CONTEXTS.length; c++) {
      busySeconds[c] = (utilization[CONTEXTS[c]] ?? 0) * windowS
      busyDelta[c] = Math.max(0, busySeconds[c] - previousBusySeconds[c])
      previousBusySeconds[c] = busySeconds[c]
    }
    const delivered = net.tcp.bytesDelivered
    const inNow = lroIn()
    const outNow = lroOut()
    series.record({
      timeS: nowNs / NS_PER_S,
      deliveredBytes: delivered - previousDelivered,
      intervalS: (nowNs - previousSampleNs) / NS_PER_S,
      busySecondsByContext: busyDelta,
      cwndSegments: net.sender.cwndSegments,
      lroIn: inNow - previousLroIn,
      lroOut: outNow - previousLroOut,
      hasLro,
    })
    previousSampleNs = nowNs
    previousDelivered = delivered
    previousLroIn = inNow
    previousLroOut = outNow
  }

  const report = (): void => {
    if (!options.onProgress) return
    options.onProgress({
      fraction: Math.min(1, sim.now / endNs),
      simTimeS: sim.now / NS_PER_S,
      events: sim.eventsProcessed,
      samples: series.slice(reportedSamples),
    })
    reportedSamples = series.length
  }

  const runUntil = (targetNs: number): void => {
    // The kernel polls every few thousand events; a chunk may hold fewer, so check here too.
    if (options.isCancelled?.()) throw new SimCancelledError(sim.now)
    if (targetNs > sim.now) sim.run({ until: targetNs, isCancelled: options.isCancelled })
  }

  net.sender.start()

  // Warm-up, sampled like the rest so the live chart shows the ramp.
  let nextSampleNs = intervalNs
  while (nextSampleNs <= warmupNs) {
    runUntil(nextSampleNs)
    takeSample()
    report()
    nextSampleNs += intervalNs
  }
  runUntil(warmupNs)

  // Measurement window: every counter restarts here.
  host.resetWindow()
  for (const source of sources) source.resetWindow()
  windowStartNs = sim.now
  previousBusySeconds.fill(0)
  const deliveredAtStart = net.tcp.bytesDelivered

  let batchStartDelivered = deliveredAtStart
  let nextBatchNs = warmupNs + batchNs
  let stoppedEarly = false
  let measuredEndNs = endNs
  while (sim.now < endNs) {
    const targetNs = Math.min(nextSampleNs, Math.round(nextBatchNs), endNs)
    runUntil(targetNs)
    if (sim.now >= Math.round(nextBatchNs) - 0.5 && batches.count < BATCH_COUNT) {
      const delivered = net.tcp.bytesDelivered
      batches.add(((delivered - batchStartDelivered) * 8) / (batchNs / NS_PER_S) / 1e6)
      batchStartDelivered = delivered
      nextBatchNs += batchNs
      if (spec.stopAtRelativeCi !== undefined && batches.count >= MIN_BATCHES_FOR_EARLY_STOP) {
        const { mean, halfWidth95 } = batches.interval()
        if (halfWidth95 !== null && mean > 0 && halfWidth95 / mean < spec.stopAtRelativeCi) {
          stoppedEarly = true
          measuredEndNs = sim.now
        }
      }
    }
    if (sim.now >= nextSampleNs || sim.now >= endNs || stoppedEarly) {
      takeSample()
      report()
      nextSampleNs += intervalNs
    }
    if (stoppedEarly) break
  }

  const interval = batches.interval()
  return assembleResult({
    host,
    net,
    sources,
    series: series.slice(),
    measuredSeconds: (measuredEndNs - warmupNs) / NS_PER_S,
    deliveredBytes: net.tcp.bytesDelivered - deliveredAtStart,
    throughputCi95: interval.halfWidth95,
    events: sim.eventsProcessed,
    simSeconds: sim.now / NS_PER_S,
    wallMs: options.now ? options.now() - wallStart : 0,
    stoppedEarly,
    livePackets: net.pool.liveCount,
    wireRateBps: params['wire.rateBps'],
  })
}
