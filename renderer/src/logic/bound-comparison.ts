/**
 * Why one run differs from another, from what bound each (the engine's `RunBounds`) and the ACK
 * rate that moves a bus- or CPU-bound sender: "vLRO is faster here because ...".
 */
import { BOUND_RESOURCE_NAMES, type BoundShares, type RunBounds } from '../../../engine/results/run-bounds'
import type { RunResult } from '../../../engine/results/run-result'

/** What bound the run, as a phrase ("the sender NIC's bus"). */
export function limiterLabel(bounds: RunBounds | undefined): string {
  return bounds ? BOUND_RESOURCE_NAMES[bounds.limiter] : 'not recorded'
}

/** ACKs the receiver sent per wire frame it received (null when unknown). */
export function acksPerFrame(result: RunResult): number | null {
  const acks = result.counters['tcp.receiver.acks']
  const frames = result.counters['nic.framesReceived']
  return acks !== undefined && frames ? acks / frames : null
}

const ACK_SENSITIVE: ReadonlySet<keyof BoundShares | 'latency'> = new Set(['senderBus', 'senderCpu'])

/**
 * One sentence: how `run` compares with `baseline` in throughput and why, named by the bound.
 * `runName` and `baselineName` are how the sentence refers to them.
 */
export function explainDifference(
  run: RunResult,
  baseline: RunResult,
  runName: string,
  baselineName: string,
): string {
  const delta = baseline.throughputMbps > 0 ? run.throughputMbps / baseline.throughputMbps - 1 : 0
  const direction = Math.abs(delta) < 0.01 ? 'as fast as' : delta > 0 ? 'faster than' : 'slower than'
  const head = `${runName} is ${direction} ${baselineName}${Math.abs(delta) < 0.01 ? '' : ` (${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)} %)`}`
  if (!run.bounds || !baseline.bounds) return `${head}; what bound the runs was not recorded.`
  if (run.bounds.limiter !== baseline.bounds.limiter) {
    return `${head}: it is bound by ${limiterLabel(run.bounds)}, ${baselineName} by ${limiterLabel(baseline.bounds)}.`
  }
  const limiter = run.bounds.limiter
  const runAcks = acksPerFrame(run)
  const baseAcks = acksPerFrame(baseline)
  if (
    ACK_SENSITIVE.has(limiter) &&
    runAcks !== null &&
    baseAcks !== null &&
    Math.abs(runAcks - baseAcks) > 0.02
  ) {
    return (
      `${head} because both are bound by ${limiterLabel(run.bounds)} and ${runName} sends ` +
      `${runAcks.toFixed(2)} ACKs per frame against ${baseAcks.toFixed(2)}: every ACK takes sender time from data.`
    )
  }
  return `${head}; both are bound by ${limiterLabel(run.bounds)}.`
}
