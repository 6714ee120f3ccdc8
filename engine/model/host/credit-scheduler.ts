import type { RandomStream } from '../../kernel/rng'
import { Priority, type Simulation } from '../../kernel/simulation'
import type { CpuQueue, QueuePlacement } from './cpu-queue'
import type { PhysicalCpu } from './physical-cpu'

/**
 * Credit-scheduler priorities, as in xen/common/sched_credit.c (larger runs first):
 * CSCHED_PRI_TS_BOOST 0, CSCHED_PRI_TS_UNDER -1, CSCHED_PRI_TS_OVER -2, CSCHED_PRI_IDLE -64.
 */
export const CreditPriority = { Boost: 0, Under: -1, Over: -2, Idle: -64 } as const
export type CreditPriority = (typeof CreditPriority)[keyof typeof CreditPriority]

/** CSCHED_CREDITS_PER_TICK. */
const CREDITS_PER_TICK = 100

/** Scheduler settings (from the `xen.sched.*` parameters). */
export interface CreditSchedulerConfig {
  tickNs: number
  /** Mean delay of the tick handler, which re-arms the ticker from its own NOW(). */
  tickLatencyNs: number
  /** CSCHED_TICKS_PER_TSLICE = CSCHED_TICKS_PER_ACCT. */
  ticksPerSlice: number
}

/** Settings of one domain's (single) vCPU. */
export interface VcpuConfig {
  name: string
  domainId: number
  weight: number
  /** Percent of one CPU; 0 = uncapped. */
  capPercent: number
  /** pCPU the vCPU is pinned to, -1 for any. */
  pinCpu: number
}

/** Mechanism counters of the credit scheduler. */
export interface CreditCounters {
  boosts: number
  tickDemotions: number
  preemptions: number
  vcpuBlocks: number
  vcpuWakes: number
  accountingPeriods: number
  parks: number
  steals: number
}

/** A domain's virtual CPU: the credit scheduler's unit (struct csched_vcpu). */
export class Vcpu {
  credit = 0
  priority: CreditPriority = CreditPriority.Under
  /** On the active list (earning credit). */
  isActive = false
  isParked = false
  isBlocked = true
  isOnRunQueue = false
  /** pCPU it last ran on or is queued on. */
  processor: number
  /** pCPU it runs on now, -1 when not running. */
  runningOn = -1
  queue!: CpuQueue

  constructor(readonly config: VcpuConfig) {
    this.processor = config.pinCpu >= 0 ? config.pinCpu : 0
  }

  /** May run on pCPU `cpu` (affinity). */
  allows(cpu: number): boolean {
    return this.config.pinCpu < 0 || this.config.pinCpu === cpu
  }
}

/**
 * The Xen 3.x credit scheduler (xen/common/sched_credit.c; notes section 6): per-pCPU run queues
 * ordered by priority and FIFO within a priority; a tick per pCPU debiting the running vCPU and
 * ending its BOOST; credit accounting on the master pCPU every slice; BOOST on wake from blocked
 * when UNDER; preemption (tickle) only by strictly higher priority; stealing of strictly higher
 * priority work by a pCPU whose own best is OVER or idle.
 */
export class CreditScheduler implements QueuePlacement {
  readonly counters: CreditCounters = {
    boosts: 0,
    tickDemotions: 0,
    preemptions: 0,
    vcpuBlocks: 0,
    vcpuWakes: 0,
    accountingPeriods: 0,
    parks: 0,
    steals: 0,
  }
  readonly vcpus: Vcpu[] = []
  private readonly runQueues: Vcpu[][]
  private readonly currents: (Vcpu | null)[]
  private readonly rescheduleRequested: boolean[]
  private readonly sliceTokens: number[]
  private readonly scheduleHandlers: number[]
  private readonly sliceHandlers: number[]
  private readonly tickHandler: number
  private tickCount = 0
  private readonly tickRandom: RandomStream
  private readonly creditsPerAccounting: number

  constructor(
    private readonly sim: Simulation,
    private readonly cpus: readonly PhysicalCpu[],
    private readonly config: CreditSchedulerConfig,
  ) {
    this.runQueues = cpus.map(() => [])
    this.currents = cpus.map(() => null)
    this.rescheduleRequested = cpus.map(() => false)
    this.sliceTokens = cpus.map(() => 0)
    this.creditsPerAccounting = CREDITS_PER_TICK * config.ticksPerSlice
    this.scheduleHandlers = cpus.map((cpu) => sim.register(`xen.schedule.cpu${cpu.index}`, () => this.schedule(cpu.index)))
    this.sliceHandlers = cpus.map((cpu) =>
      sim.register(`xen.slice.cpu${cpu.index}`, (token) => {
        if (token === this.sliceTokens[cpu.index]) this.requestReschedule(cpu.index)
      }),
    )
    // All pCPU tickers share one phase: one event per tick serves every pCPU in index order.
    this.tickHandler = sim.register('xen.tick', () => this.tick())
    this.tickRandom = sim.stream('xen.tick')
    sim.schedule(this.nextTickDelayNs(), this.tickHandler)
    // Every pCPU makes a first scheduling decision at boot (idle ones then poll every slice).
    for (const cpu of cpus) this.requestReschedule(cpu.index)
  }

  /** Adds a domain's vCPU; its run queue must be attached with `attach`. */
  addVcpu(config: VcpuConfig): Vcpu {
    if (config.pinCpu >= this.cpus.length) throw new RangeError(`${config.name}: pinned to missing pCPU ${config.pinCpu}`)
    // Run queues find their vCPU by domain id, so ids are the order of creation.
    if (config.domainId !== this.vcpus.length) throw new RangeError(`${config.name}: domain id must be ${this.vcpus.length}`)
    const vcpu = new Vcpu(config)
    this.vcpus.push(vcpu)
    return vcpu
  }

  /** The vCPU running on pCPU `cpu`, null when idle. */
  currentOn(cpu: number): Vcpu | null {
    return this.currents[cpu]
  }

  private vcpuOf(queue: CpuQueue): Vcpu {
    return this.vcpus[queue.domainId]
  }

  onWorkWhileOffCpu(queue: CpuQueue): void {
    this.wake(this.vcpuOf(queue))
  }

  onIdle(queue: CpuQueue, cpu: PhysicalCpu): void {
    // do_block: the vCPU has nothing to do; the pCPU reschedules (see `schedule`).
    void queue
    this.requestReschedule(cpu.index)
  }

  /** csched_vcpu_wake: a blocked vCPU got an event. */
  wake(vcpu: Vcpu): void {
    if (!vcpu.isBlocked) return
    vcpu.isBlocked = false
    this.counters.vcpuWakes++
    if (vcpu.isParked || vcpu.runningOn >= 0 || vcpu.isOnRunQueue) return
    this.makeRunnable(vcpu)
  }

  private makeRunnable(vcpu: Vcpu): void {
    // "If the vcpu is UNDER ... boost it": only a vCPU waking from blocked gets here.
    if (vcpu.priority === CreditPriority.Under) {
      vcpu.priority = CreditPriority.Boost
      this.counters.boosts++
    }
    this.insert(vcpu.processor, vcpu)
    this.tickle(vcpu.processor, vcpu)
  }

  /** __runq_insert: after every vCPU of the same or higher priority (FIFO within a priority). */
  private insert(cpu: number, vcpu: Vcpu): void {
    const queue = this.runQueues[cpu]
    let position = queue.length
    for (let i = 0; i < queue.length; i++) {
      if (vcpu.priority > queue[i].priority) {
        position = i
        break
      }
    }
    queue.splice(position, 0, vcpu)
    vcpu.isOnRunQueue = true
    vcpu.processor = cpu
  }

  private remove(vcpu: Vcpu): void {
    const queue = this.runQueues[vcpu.processor]
    const index = queue.indexOf(vcpu)
    if (index >= 0) queue.splice(index, 1)
    vcpu.isOnRunQueue = false
  }

  /** __runq_tickle: preempt only for strictly higher priority; let idle pCPUs come and steal. */
  private tickle(cpu: number, vcpu: Vcpu): void {
    const current = this.currents[cpu]
    if (current === null) {
      this.requestReschedule(cpu)
      return
    }
    if (vcpu.priority > current.priority) {
      this.counters.preemptions++
      this.requestReschedule(cpu)
    }
    for (let other = 0; other < this.cpus.length; other++) {
      if (other !== cpu && this.currents[other] === null && vcpu.allows(other)) this.requestReschedule(other)
    }
  }

  /** Raises SCHEDULE_SOFTIRQ on a pCPU: the decision runs at once, before same-time work. */
  private requestReschedule(cpu: number): void {
    if (this.rescheduleRequested[cpu]) return
    this.rescheduleRequested[cpu] = true
    this.sim.schedule(0, this.scheduleHandlers[cpu], 0, Priority.Urgent)
  }

  private isRunnable(vcpu: Vcpu): boolean {
    return !vcpu.isParked && vcpu.queue.hasWork
  }

  /** csched_schedule. */
  private schedule(cpu: number): void {
    this.rescheduleRequested[cpu] = false
    const current = this.currents[cpu]
    if (current !== null) {
      if (this.isRunnable(current)) this.insert(cpu, current)
      else if (!current.isParked && !current.isBlocked) {
        current.isBlocked = true
        this.counters.vcpuBlocks++
      }
    }
    let next: Vcpu | null = this.runQueues[cpu][0] ?? null
    if (next === null || next.priority <= CreditPriority.Over) {
      next = this.steal(cpu, next === null ? CreditPriority.Idle : next.priority) ?? next
    }
    if (next !== null) this.remove(next)
    if (current !== null && current !== next) {
      current.runningOn = -1
      current.queue.cpu = null
    }
    this.currents[cpu] = next
    const physical = this.cpus[cpu]
    if (next !== null) {
      next.processor = cpu
      next.runningOn = cpu
      next.queue.cpu = physical
    }
    // Xen 3.x returns a 30 ms slice for the idle vCPU too, so an idle pCPU looks for work to steal
    // at least every slice even if nobody tickles it.
    this.sliceTokens[cpu]++
    this.sim.schedule(this.config.tickNs * this.config.ticksPerSlice, this.sliceHandlers[cpu], this.sliceTokens[cpu])
    physical.setOwner(next === null ? null : next.queue)
  }

  /** csched_load_balance: take strictly higher-priority queued work from a busy peer. */
  private steal(cpu: number, abovePriority: number): Vcpu | null {
    const count = this.cpus.length
    for (let step = 1; step < count; step++) {
      const peer = (cpu + step) % count
      if (this.currents[peer] === null) continue
      for (const candidate of this.runQueues[peer]) {
        if (candidate.priority <= abovePriority) break
        if (candidate.allows(cpu)) {
          this.counters.steals++
          return candidate
        }
      }
    }
    return null
  }

  /** csched_tick on every pCPU, then csched_acct on the master every slice. */
  private tick(): void {
    for (let cpu = 0; cpu < this.cpus.length; cpu++) {
      const current = this.currents[cpu]
      if (current === null) continue
      // csched_vcpu_acct: a BOOSTed vCPU caught running is consuming real CPU: back to UNDER.
      if (current.priority === CreditPriority.Boost) {
        current.priority = CreditPriority.Under
        this.counters.tickDemotions++
      }
      current.credit -= CREDITS_PER_TICK
      if (!current.isActive) current.isActive = true
    }
    this.tickCount++
    if (this.tickCount % this.config.ticksPerSlice === 0) this.account()
    this.sim.schedule(this.nextTickDelayNs(), this.tickHandler)
  }

  /**
   * csched_tick re-arms with set_timer(NOW() + tick) when its softirq runs, a little after the
   * timer interrupt, so the tick drifts against other periodic sources. Without the drift a 10 ms
   * tick would stay phase-locked to a NIC's 125 us interrupt timer (80 periods exactly) and always
   * sample the same point of the packet cycle, so whether I/O vCPUs are ever caught BOOSTed would
   * be an accident of the starting phase.
   */
  private nextTickDelayNs(): number {
    const latency = this.config.tickLatencyNs
    return this.config.tickNs + (latency > 0 ? this.tickRandom.exponential(latency) : 0)
  }

  /** csched_acct: share the period's credit among active domains by weight, clip, park, unpark. */
  private account(): void {
    this.counters.accountingPeriods++
    const active = this.vcpus.filter((vcpu) => vcpu.isActive)
    if (active.length === 0) return
    const shares = this.fairShares(active)
    const clip = this.creditsPerAccounting
    for (let i = 0; i < active.length; i++) {
      const vcpu = active[i]
      vcpu.credit += shares[i]
      if (vcpu.credit < 0) {
        vcpu.priority = CreditPriority.Over
        const capCredits = capCreditsOf(vcpu, clip)
        if (capCredits > 0 && vcpu.credit < -capCredits && !vcpu.isParked) this.park(vcpu)
        if (vcpu.credit < -clip) vcpu.credit = -clip
      } else {
        vcpu.priority = CreditPriority.Under
        if (vcpu.isParked) this.unpark(vcpu)
        if (vcpu.credit > clip) {
          // __csched_vcpu_acct_stop_locked: not using its share; stop earning.
          vcpu.isActive = false
          vcpu.credit = 0
        }
      }
    }
    // csched_runq_sort: priorities changed, keep each run queue ordered (stable: FIFO kept).
    for (const queue of this.runQueues) queue.sort((a, b) => b.priority - a.priority)
  }

  /**
   * Credit per active vCPU this period: the period's total (300 per pCPU) in proportion to weight,
   * no more than one vCPU can burn (credit_peak) or the cap allows; what a limited domain cannot
   * take goes to the others (credit_balance / credit_xtra), by water-filling.
   */
  private fairShares(active: Vcpu[]): number[] {
    const shares = active.map(() => 0)
    const limits = active.map((vcpu) => {
      const capCredits = capCreditsOf(vcpu, this.creditsPerAccounting)
      return capCredits > 0 ? Math.min(capCredits, this.creditsPerAccounting) : this.creditsPerAccounting
    })
    let left = this.creditsPerAccounting * this.cpus.length
    let open = active.map((_, i) => i)
    while (open.length > 0 && left > 1e-9) {
      const weightTotal = open.reduce((sum, i) => sum + active[i].config.weight, 0)
      const stillOpen: number[] = []
      let given = 0
      for (const i of open) {
        const offer = (left * active[i].config.weight) / weightTotal
        const room = limits[i] - shares[i]
        if (offer >= room) {
          shares[i] += room
          given += room
        } else {
          shares[i] += offer
          given += offer
          stillOpen.push(i)
        }
      }
      left -= given
      if (stillOpen.length === open.length) break
      open = stillOpen
    }
    return shares.map((share) => Math.ceil(share))
  }

  private park(vcpu: Vcpu): void {
    // vcpu_pause_nosync: off the run queue, or descheduled if running.
    vcpu.isParked = true
    this.counters.parks++
    if (vcpu.isOnRunQueue) this.remove(vcpu)
    if (vcpu.runningOn >= 0) this.requestReschedule(vcpu.runningOn)
  }

  private unpark(vcpu: Vcpu): void {
    // The PARKED flag is cleared before vcpu_unpause -> vcpu_wake, so an UNDER vCPU is boosted.
    vcpu.isParked = false
    if (vcpu.runningOn < 0 && !vcpu.isOnRunQueue && vcpu.queue.hasWork) {
      vcpu.isBlocked = false
      this.makeRunnable(vcpu)
    }
  }
}

/** credit_cap: ((cap * CSCHED_CREDITS_PER_ACCT) + 99) / 100, 0 when uncapped. */
function capCreditsOf(vcpu: Vcpu, creditsPerAccounting: number): number {
  const cap = vcpu.config.capPercent
  return cap > 0 ? Math.floor((cap * creditsPerAccounting + 99) / 100) : 0
}
