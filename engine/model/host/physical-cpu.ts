import type { Simulation } from '../../kernel/simulation'
import type { TypedCostLedger } from './cost-ledger'
import type { StageId, WorkCallback } from './host-api'
import { WorkRing } from './work-ring'

/**
 * What a physical CPU runs: natively a kernel's per-CPU run queue, under Xen the run queue of the
 * vCPU the credit scheduler put on this pCPU.
 */
export interface CpuOwner {
  /** Domain the owner belongs to (0 natively); a change of domain costs a switch under Xen. */
  readonly domainId: number
  /** The ring whose head item should run next, or null when the owner has no work. */
  nextRing(): WorkRing | null
  /** The CPU ran the head of `ring` for `elapsedNs` (it completed or was interrupted). */
  onRan(ring: WorkRing, elapsedNs: number): void
  /** The owner holds the CPU but has no work (Xen: the vCPU blocks). */
  onIdle(cpu: PhysicalCpu): void
}

/** Cache interference between SPECjbb and network work on one CPU (ENGINE.md: CPI inflation). */
export interface InterferenceConfig {
  /** Extra share of cycles (0.15 = 15% more) of work run shortly after the other kind. */
  inflation: number
  /** How long the other kind's cache footprint lingers. */
  windowNs: number
  /** Index in CONTEXTS of SPECjbb's context. */
  jbbContext: number
}

/** Executed-cycle accounting shared by all CPUs of a host (per context, for utilization). */
export interface CpuAccounting {
  cyclesByContext: Float64Array
}

/**
 * One physical CPU executing work items as timed segments. A segment runs the head item of a ring;
 * it ends with a completion event, or earlier when the CPU is taken away (interrupt), in which case
 * the executed part is charged and the rest stays at the ring's head.
 *
 * Hypervisor work on this pCPU (physical interrupt handling, domain switches) has its own ring,
 * which is served before the owner and interrupts the owner's item.
 */
export class PhysicalCpu {
  /** The current owner (null: idle under Xen). */
  owner: CpuOwner | null = null
  /** Busy nanoseconds in the current window. */
  busyNs = 0
  /** Domain switches (owner changes between domains) in the current window. */
  domainSwitches = 0
  private readonly hypervisorRing = new WorkRing(8)
  private segmentRing: WorkRing | null = null
  private segmentFromOwner = false
  private segmentStartNs = 0
  private segmentFactor = 1
  private segmentContext = 0
  private token = 0
  private inCompletion = false
  private lastDomain = -1
  private lastJbbNs = -Infinity
  private lastNetNs = -Infinity
  private readonly completeHandler: number
  private readonly nsPerCycle: number

  constructor(
    readonly index: number,
    private readonly sim: Simulation,
    private readonly ledger: TypedCostLedger,
    private readonly accounting: CpuAccounting,
    readonly clockHz: number,
    private readonly interference: InterferenceConfig,
    private readonly switchCost: { stage: StageId; cycles: number; instructions: number },
  ) {
    this.nsPerCycle = 1e9 / clockHz
    this.completeHandler = sim.register(`cpu${index}.complete`, (token) => this.complete(token))
  }

  /** True while a segment of the owner's work (not hypervisor work) is executing. */
  get isRunningOwnerItem(): boolean {
    return this.segmentRing !== null && this.segmentFromOwner
  }

  /** True while any segment executes. */
  get isExecuting(): boolean {
    return this.segmentRing !== null
  }

  /** Starts work if the CPU is idle (called when work arrives for the owner). */
  kick(): void {
    if (this.segmentRing === null && !this.inCompletion) this.dispatch()
  }

  /** Stops the owner's running item (it resumes later) and re-dispatches: softirq over a thread. */
  preemptOwnerItem(): void {
    if (this.isRunningOwnerItem) this.interrupt()
    this.kick()
  }

  /** Stops the owner's running item without re-dispatching (the caller changes what runs next). */
  interruptOwnerItem(): void {
    if (this.isRunningOwnerItem) this.interrupt()
  }

  /**
   * Hypervisor work on this pCPU (a physical interrupt): it interrupts the owner's item at once and
   * runs before it; the interrupted item resumes afterwards.
   */
  postHypervisor(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    this.hypervisorRing.push(stage, cycles, instructions, done, arg)
    this.preemptOwnerItem()
  }

  /** Gives the CPU to another owner (Xen scheduling); a change of domain first runs a switch. */
  setOwner(owner: CpuOwner | null): void {
    if (owner === this.owner) {
      this.kick()
      return
    }
    if (this.isRunningOwnerItem) this.interrupt()
    this.owner = owner
    if (owner !== null && owner.domainId !== this.lastDomain) {
      if (this.lastDomain >= 0) {
        this.domainSwitches++
        if (this.switchCost.cycles > 0) {
          this.hypervisorRing.push(this.switchCost.stage, this.switchCost.cycles, this.switchCost.instructions, noop, 0)
        }
      }
      this.lastDomain = owner.domainId
    }
    this.kick()
  }

  /**
   * Charges the executed part of the running segment and restarts its clock, keeping the pending
   * completion: called at the end of warm-up so the window holds only in-window work.
   */
  checkpoint(): void {
    const ring = this.segmentRing
    if (ring === null) return
    this.chargeExecutedPart(ring, this.sim.now - this.segmentStartNs)
    this.segmentStartNs = this.sim.now
  }

  private dispatch(): void {
    if (!this.hypervisorRing.isEmpty) {
      this.start(this.hypervisorRing, false)
      return
    }
    const owner = this.owner
    if (owner === null) return
    const ring = owner.nextRing()
    if (ring !== null) this.start(ring, true)
    else owner.onIdle(this)
  }

  private start(ring: WorkRing, fromOwner: boolean): void {
    const now = this.sim.now
    const stage = ring.headStage
    const context = this.ledger.contextIndexOf(stage)
    this.segmentFactor = stage === this.switchCost.stage ? 1 : this.interferenceFactor(context, now)
    this.segmentRing = ring
    this.segmentFromOwner = fromOwner
    this.segmentStartNs = now
    this.segmentContext = context
    const durationNs = Math.round(ring.headCycles * this.segmentFactor * this.nsPerCycle)
    this.sim.schedule(durationNs, this.completeHandler, ++this.token)
  }

  /**
   * Work run shortly after the other kind on this CPU finds its caches and TLB filled by the other's
   * footprint: SPECjbb's 4 warehouses hold about 4 x 25 MB of Java objects (SPEC whitepaper), far
   * beyond a 4 MB L2, so network work after SPECjbb misses, and SPECjbb after network work refills.
   */
  private interferenceFactor(context: number, now: number): number {
    const config = this.interference
    if (config.inflation === 0) return 1
    const otherLastNs = context === config.jbbContext ? this.lastNetNs : this.lastJbbNs
    return now - otherLastNs < config.windowNs ? 1 + config.inflation : 1
  }

  private complete(token: number): void {
    if (token !== this.token) return
    const ring = this.segmentRing as WorkRing
    const now = this.sim.now
    const elapsedNs = now - this.segmentStartNs
    const cycles = ring.headCycles * this.segmentFactor
    const stage = ring.headStage
    const done = ring.headCallback
    const arg = ring.headArg
    this.account(stage, elapsedNs, cycles, ring.headInstructions)
    ring.shift()
    this.segmentRing = null
    if (this.segmentFromOwner && this.owner !== null) this.owner.onRan(ring, elapsedNs)
    this.inCompletion = true
    try {
      done(arg)
    } finally {
      this.inCompletion = false
    }
    this.dispatch()
  }

  private interrupt(): void {
    const ring = this.segmentRing as WorkRing
    const elapsedNs = this.sim.now - this.segmentStartNs
    this.chargeExecutedPart(ring, elapsedNs)
    this.segmentRing = null
    this.token++
    if (this.segmentFromOwner && this.owner !== null) this.owner.onRan(ring, elapsedNs)
  }

  private chargeExecutedPart(ring: WorkRing, elapsedNs: number): void {
    const remaining = ring.headCycles * this.segmentFactor
    const executed = Math.min(remaining, elapsedNs / this.nsPerCycle)
    ring.headCycles = Math.max(0, (remaining - executed) / this.segmentFactor)
    this.account(ring.headStage, elapsedNs, executed, 0)
  }

  private account(stage: StageId, elapsedNs: number, cycles: number, instructions: number): void {
    this.busyNs += elapsedNs
    this.accounting.cyclesByContext[this.segmentContext] += cycles
    this.ledger.charge(stage, cycles, instructions)
    // A domain switch is neither kind of work: its refill cost is its own parameter.
    if (stage === this.switchCost.stage) return
    if (this.segmentContext === this.interference.jbbContext) this.lastJbbNs = this.sim.now
    else this.lastNetNs = this.sim.now
  }
}

function noop(): void {}
