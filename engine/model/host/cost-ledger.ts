import { CONTEXTS, type ContextName } from '../../results/run-result'
import type { CostLedger, StageId } from './host-api'

/**
 * Cycle and instruction totals per stage, in typed arrays indexed by stage id. Stages are declared
 * once at construction (`stage`), so charging per packet is two array additions.
 */
export class TypedCostLedger implements CostLedger {
  private readonly stageIds = new Map<string, StageId>()
  private readonly stageNames: string[] = []
  private contexts = new Uint8Array(32)
  private cycles = new Float64Array(32)
  private instructions = new Float64Array(32)

  /** Number of declared stages. */
  get stageCount(): number {
    return this.stageNames.length
  }

  stage(context: ContextName, name: string): StageId {
    const key = `${context}\u0000${name}`
    const existing = this.stageIds.get(key)
    if (existing !== undefined) return existing
    const contextIndex = CONTEXTS.indexOf(context)
    if (contextIndex < 0) throw new RangeError(`Unknown context ${context}`)
    const id = this.stageNames.length
    if (id === this.cycles.length) this.grow()
    this.stageNames.push(name)
    this.contexts[id] = contextIndex
    this.stageIds.set(key, id)
    return id
  }

  /** Index in `CONTEXTS` of the context a stage is charged to. */
  contextIndexOf(stage: StageId): number {
    return this.contexts[stage]
  }

  charge(stage: StageId, cycles: number, instructions: number): void {
    this.cycles[stage] += cycles
    this.instructions[stage] += instructions
  }

  resetWindow(): void {
    this.cycles.fill(0)
    this.instructions.fill(0)
  }

  totals(): { cycles: number; instructions: number } {
    let cycles = 0
    let instructions = 0
    for (let id = 0; id < this.stageNames.length; id++) {
      cycles += this.cycles[id]
      instructions += this.instructions[id]
    }
    return { cycles, instructions }
  }

  entries(): { context: ContextName; stage: string; cycles: number; instructions: number }[] {
    return this.stageNames.map((stage, id) => ({
      context: CONTEXTS[this.contexts[id]],
      stage,
      cycles: this.cycles[id],
      instructions: this.instructions[id],
    }))
  }

  private grow(): void {
    const capacity = this.cycles.length * 2
    const contexts = new Uint8Array(capacity)
    contexts.set(this.contexts)
    const cycles = new Float64Array(capacity)
    cycles.set(this.cycles)
    const instructions = new Float64Array(capacity)
    instructions.set(this.instructions)
    this.contexts = contexts
    this.cycles = cycles
    this.instructions = instructions
  }
}
