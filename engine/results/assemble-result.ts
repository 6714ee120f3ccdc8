import type { AssembledNetwork } from '../experiments/assemble-network'
import type { ReceiverHost } from '../model/host/host-api'
import type { CounterSource, Lro } from '../model/net/net-api'
import type { RunResult, RunSeries, StageCost } from './run-result'
import { runBounds } from './run-bounds'

/** The readings a finished run's result is built from. */
export interface ResultInputs {
  host: ReceiverHost
  net: AssembledNetwork
  sources: CounterSource[]
  series: RunSeries
  measuredSeconds: number
  /** Bytes copied to netserver by recv() in the measurement window. */
  deliveredBytes: number
  throughputCi95: number | null
  events: number
  simSeconds: number
  wallMs: number
  stoppedEarly: boolean
  /** Packets alive in the pool at the end (in flight somewhere). */
  livePackets: number
  /** Link rate of the wire, bit/s (for the wire's busy share). */
  wireRateBps: number
}

function rate(lro: Lro | null): number | null {
  if (!lro || lro.packetsOut === 0) return null
  return lro.packetsIn / lro.packetsOut
}

/**
 * Builds the `RunResult` from the models' window counters. CLK and INST follow Table I: receiver
 * cycles (instructions) per 10^10 bytes delivered, in units of 10^10, i.e. per byte. They count the
 * network receive work (hypervisor, dom0, guest, kernel, netserver) and leave out SPECjbb's own
 * transactions, which are not part of the transfer.
 */
export function assembleResult(inputs: ResultInputs): RunResult {
  const { host, net, measuredSeconds, deliveredBytes } = inputs
  const entries = host.ledger.entries()
  let cycles = 0
  let instructions = 0
  let allCycles = 0
  for (const entry of entries) {
    allCycles += entry.cycles
    if (entry.context === 'jbb') continue
    cycles += entry.cycles
    instructions += entry.instructions
  }
  const counters: Record<string, number> = {}
  for (const source of inputs.sources) Object.assign(counters, source.counters())
  Object.assign(counters, host.counters())
  const wirePackets = counters['nic.framesReceived'] ?? 0
  counters['flow.bytesDelivered'] = deliveredBytes
  counters['flow.bytesDeliveredTotal'] = net.tcp.bytesDelivered
  counters['flow.bytesQueued'] = net.tcp.bytesQueued
  counters['flow.bytesAckedTotal'] = net.sender.bytesAcked
  counters['flow.rcvNxtTotal'] = net.tcp.nextExpectedSeq
  counters['flow.livePackets'] = inputs.livePackets

  const stages: StageCost[] = entries
    .filter((entry) => entry.cycles > 0 || entry.instructions > 0)
    .map((entry) => ({
      context: entry.context,
      stage: entry.stage,
      cyclesPerPacket: wirePackets > 0 ? entry.cycles / wirePackets : 0,
      instructionsPerPacket: wirePackets > 0 ? entry.instructions / wirePackets : 0,
      share: allCycles > 0 ? entry.cycles / allCycles : 0,
    }))
    .sort((a, b) => b.cyclesPerPacket - a.cyclesPerPacket || (a.stage < b.stage ? -1 : 1))

  const plroRate = rate(net.plro)
  const vlroRate = rate(net.vlro)
  let lroRate: number | null = null
  if (net.plro && net.vlro) {
    // Both placements: wire packets into pLRO per skb handed up by vLRO.
    lroRate = net.vlro.packetsOut > 0 ? net.plro.packetsIn / net.vlro.packetsOut : null
  } else {
    lroRate = plroRate ?? vlroRate
  }
  const jbb = host.jbb
  const cpu = host.utilization()
  const bounds = runBounds({
    counters,
    cpu,
    measuredSeconds,
    wireRateBps: inputs.wireRateBps,
    wireBytes: counters['wire.forward.wireBytes'] ?? 0,
  })
  return {
    throughputMbps: measuredSeconds > 0 ? (deliveredBytes * 8) / measuredSeconds / 1e6 : 0,
    throughputCi95: inputs.throughputCi95,
    lroRate,
    lroRates: { plro: plroRate, vlro: vlroRate },
    clk: deliveredBytes > 0 ? cycles / deliveredBytes : 0,
    inst: deliveredBytes > 0 ? instructions / deliveredBytes : 0,
    cpu,
    bounds,
    stages,
    specjbbScore: jbb ? jbb.transactions / measuredSeconds : null,
    counters,
    series: inputs.series,
    events: inputs.events,
    simSeconds: inputs.simSeconds,
    wallMs: inputs.wallMs,
    stoppedEarly: inputs.stoppedEarly,
  }
}
