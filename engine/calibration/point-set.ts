import { parseRunSpec, type RunSpec, type RunSpecInput } from '../experiments/spec'
import { specKey } from '../experiments/spec-key'
import type { RunResult } from '../results/run-result'
import type { BatchRunner } from './runner'

/**
 * The distinct simulation points a validation or calibration pass needs. Targets and rules ask for
 * points by spec; identical specs share one run (Table I's linux point serves the throughput target
 * and the clk ratios; the 1 KB MTU 1500 points serve Figure 2 and the flatness rule).
 */
export class PointSet {
  private readonly points = new Map<string, { spec: RunSpec; result?: RunResult }>()

  /** Registers a point (idempotent); throws when the spec is invalid. */
  add(input: RunSpecInput): void {
    const spec = parsePoint(input)
    const key = specKey(spec)
    if (!this.points.has(key)) this.points.set(key, { spec })
  }

  /** Number of distinct points. */
  get size(): number {
    return this.points.size
  }

  /** Every distinct spec, in the order first added. */
  specs(): RunSpec[] {
    return [...this.points.values()].map((point) => point.spec)
  }

  /** Runs every point without a result yet. */
  async runPending(runner: BatchRunner, onPointDone?: (done: number, total: number) => void): Promise<void> {
    const pending = [...this.points.values()].filter((point) => point.result === undefined)
    let done = 0
    const results = await runner(
      pending.map((point) => point.spec),
      () => onPointDone?.(++done, pending.length),
    )
    if (results.length !== pending.length) {
      throw new Error(`runner returned ${results.length} results for ${pending.length} points`)
    }
    pending.forEach((point, index) => {
      point.result = results[index]
    })
  }

  /** The result of a registered, already-run point. */
  result(input: RunSpecInput): RunResult {
    const key = specKey(parsePoint(input))
    const result = this.points.get(key)?.result
    if (!result) throw new Error(`no result for point ${key}`)
    return result
  }
}

function parsePoint(input: RunSpecInput): RunSpec {
  const parsed = parseRunSpec(input)
  if (!parsed.ok) {
    throw new Error(
      `invalid point spec: ${parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    )
  }
  return parsed.spec
}
