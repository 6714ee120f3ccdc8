import { parseRunSpec, type RunSpec, type RunSpecInput } from '../../../engine/experiments/spec'
import { runExperiment } from '../../../engine/experiments/run-experiment'
import type { RunResult } from '../../../engine/results/run-result'

/** A validated short run spec for tests (short simulated durations keep each file fast). */
export function shortSpec(input: Partial<RunSpecInput>): RunSpec {
  const parsed = parseRunSpec({ durationS: 0.2, warmupS: 0.05, sampleIntervalS: 0.02, ...input })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.spec
}

/** Runs a short spec. */
export function runShort(input: Partial<RunSpecInput>): RunResult {
  return runExperiment(shortSpec(input))
}

/** Wire frames received per ACK the receiver sent. */
export function acksPerSegment(result: RunResult): number {
  return result.counters['tcp.receiver.acks'] / result.counters['nic.framesReceived']
}
