import type { Simulation } from '../../kernel/simulation'
import type { ContextName } from '../../results/run-result'
import type { StageId, Thread, WorkCallback } from './host-api'
import { WorkLevel } from './host-api'
import type { CpuOwner, PhysicalCpu } from './physical-cpu'
import { WorkRing } from './work-ring'

/** Linux 2.6.18 scheduler settings shared by the run queues of one host. */
export interface LinuxSchedulerConfig {
  /** DEF_TIMESLICE of a nice-0 task. */
  timesliceNs: number
  /** Whether a waking task with a better dynamic priority preempts the current one. */
  wakeupPreempt: boolean
}

/** Hooks of whoever places the run queue on CPUs: native Linux, or a Xen vCPU. */
export interface QueuePlacement {
  /** Work arrived while the queue holds no CPU (Xen: wake the blocked vCPU). */
  onWorkWhileOffCpu(queue: CpuQueue): void
  /** The queue holds a CPU but has no work (Xen: the vCPU blocks). */
  onIdle(queue: CpuQueue, cpu: PhysicalCpu): void
}

/** Counters of the Linux schedulers of a host. */
export interface LinuxCounters {
  threadSwitches: number
  wakeupPreemptions: number
  softirqPreemptions: number
}

/** MAX_BONUS in 2.6.18 sched.c: dynamic priority spans +-5 around the static priority. */
const MAX_BONUS = 10
/** INTERACTIVE_SLEEP for nice 0: (MAX_BONUS / 2 + INTERACTIVE_DELTA + 1) / MAX_BONUS of MAX_SLEEP_AVG. */
const INTERACTIVE_SLEEP_SHARE = 0.8
/** One jiffy at HZ = 1000. */
const JIFFY_NS = 1_000_000

/**
 * A kernel's run state on one CPU: hard-IRQ and softirq FIFOs, and the runnable threads. The
 * highest non-empty level runs; threads are time-shared in the manner of Linux 2.6.18's O(1)
 * scheduler (kernel/sched.c): the current thread keeps the CPU until it sleeps, its time slice ends
 * (then round robin), or a waking thread with a better dynamic priority (sleep_avg bonus,
 * effective_prio) preempts it.
 */
export class CpuQueue implements CpuOwner {
  /** The physical CPU running this queue now (natively fixed; Xen: while the vCPU is scheduled). */
  cpu: PhysicalCpu | null = null
  readonly hardIrq = new WorkRing(64)
  readonly softIrq = new WorkRing(64)
  /** Runnable threads (the current one included), in round-robin order. */
  private readonly runnable: LinuxThread[] = []
  private current: LinuxThread | null = null
  private runningLevel: WorkLevel = WorkLevel.Thread
  /** Threads created on this queue (for placement). */
  threadCount = 0

  constructor(
    readonly name: string,
    readonly domainId: number,
    private readonly sim: Simulation,
    private readonly config: LinuxSchedulerConfig,
    private readonly placement: QueuePlacement,
    private readonly counters: LinuxCounters,
  ) {}

  /** True when any level or thread has work. */
  get hasWork(): boolean {
    return !this.hardIrq.isEmpty || !this.softIrq.isEmpty || this.runnable.length > 0
  }

  /** Posts kernel work at a level; an interrupt level preempts a running thread item. */
  postLevel(level: WorkLevel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    const ring = level === WorkLevel.HardIrq ? this.hardIrq : level === WorkLevel.SoftIrq ? this.softIrq : null
    if (ring === null) throw new RangeError('Kernel.post takes HardIrq or SoftIrq; thread work goes to Thread.post')
    ring.push(stage, cycles, instructions, done, arg)
    const cpu = this.cpu
    if (cpu === null) this.placement.onWorkWhileOffCpu(this)
    else if (cpu.owner === this && cpu.isRunningOwnerItem && this.runningLevel === WorkLevel.Thread) {
      // Softirqs and interrupts preempt processes (irq_exit -> do_softirq runs before returning).
      this.counters.softirqPreemptions++
      cpu.preemptOwnerItem()
    } else cpu.kick()
  }

  /** Creates a thread on this queue. */
  createThread(name: string, context: ContextName, startsAsleep: boolean): LinuxThread {
    this.threadCount++
    const thread = new LinuxThread(name, context, this, this.sim, startsAsleep)
    thread.sliceLeftNs = this.config.timesliceNs
    return thread
  }

  /** A sleeping thread got work: it joins the run queue and may preempt the current thread. */
  wake(thread: LinuxThread): void {
    const now = this.sim.now
    const maxSleepAvgNs = this.config.timesliceNs * MAX_BONUS
    // recalc_task_prio: a long sleep (over INTERACTIVE_SLEEP) lifts sleep_avg to that ceiling only,
    // so one long sleep cannot give the best priority; shorter sleeps add up.
    const interactiveSleepNs = maxSleepAvgNs * INTERACTIVE_SLEEP_SHARE - JIFFY_NS
    const sleptNs = now - thread.sleepStartNs
    if (sleptNs > interactiveSleepNs && thread.sleepAvgNs < interactiveSleepNs) thread.sleepAvgNs = interactiveSleepNs
    else thread.sleepAvgNs = Math.min(maxSleepAvgNs, thread.sleepAvgNs + sleptNs)
    thread.isSleeping = false
    this.runnable.push(thread)
    const current = this.current
    const cpu = this.cpu
    if (current !== null && this.config.wakeupPreempt && this.priority(thread) < this.priority(current)) {
      // TASK_PREEMPTS_CURR: resched the current task; the woken one runs next.
      this.counters.wakeupPreemptions++
      if (cpu !== null && cpu.owner === this && this.runningLevel === WorkLevel.Thread) cpu.interruptOwnerItem()
      this.current = thread
      this.counters.threadSwitches++
    }
    if (cpu === null) this.placement.onWorkWhileOffCpu(this)
    else cpu.kick()
  }

  nextRing(): WorkRing | null {
    if (!this.hardIrq.isEmpty) {
      this.runningLevel = WorkLevel.HardIrq
      return this.hardIrq
    }
    if (!this.softIrq.isEmpty) {
      this.runningLevel = WorkLevel.SoftIrq
      return this.softIrq
    }
    let current = this.current
    if (current !== null && current.ring.isEmpty) {
      current.isSleeping = true
      current.sleepStartNs = this.sim.now
      this.runnable.splice(this.runnable.indexOf(current), 1)
      current = null
    } else if (current !== null && current.sliceLeftNs <= 0) {
      // Time slice used up: refill it and go to the back of the round robin.
      current.sliceLeftNs = this.config.timesliceNs
      this.runnable.splice(this.runnable.indexOf(current), 1)
      this.runnable.push(current)
      current = null
    }
    if (current === null) {
      current = this.pickBest()
      if (current !== this.current && current !== null) this.counters.threadSwitches++
      this.current = current
    }
    if (current === null) return null
    this.runningLevel = WorkLevel.Thread
    return current.ring
  }

  onRan(ring: WorkRing, elapsedNs: number): void {
    const current = this.current
    if (current === null || ring !== current.ring) return
    current.sliceLeftNs -= elapsedNs
    // schedule(): run_time /= CURRENT_BONUS, so interactive tasks lose their bonus slowly.
    const currentBonus = Math.floor((current.sleepAvgNs * MAX_BONUS) / (this.config.timesliceNs * MAX_BONUS))
    current.sleepAvgNs = Math.max(0, current.sleepAvgNs - elapsedNs / Math.max(1, currentBonus))
  }

  onIdle(cpu: PhysicalCpu): void {
    this.placement.onIdle(this, cpu)
  }

  /** Dynamic priority as in effective_prio: 120 minus a bonus of -5..+5 from sleep_avg. */
  private priority(thread: LinuxThread): number {
    const maxSleepAvgNs = this.config.timesliceNs * MAX_BONUS
    const bonus = Math.floor((thread.sleepAvgNs * MAX_BONUS) / maxSleepAvgNs) - MAX_BONUS / 2
    return 120 - Math.min(MAX_BONUS / 2, bonus)
  }

  private pickBest(): LinuxThread | null {
    let best: LinuxThread | null = null
    let bestPriority = Infinity
    for (const thread of this.runnable) {
      const priority = this.priority(thread)
      if (priority < bestPriority) {
        best = thread
        bestPriority = priority
      }
    }
    return best
  }
}

/** A thread of a Linux kernel (netserver, a SPECjbb warehouse). */
export class LinuxThread implements Thread {
  readonly ring = new WorkRing(16)
  isSleeping = true
  sleepStartNs: number
  /** sleep_avg of 2.6.18: grows while sleeping, shrinks while running. */
  sleepAvgNs = 0
  sliceLeftNs: number

  constructor(
    readonly name: string,
    readonly context: ContextName,
    readonly queue: CpuQueue,
    sim: Simulation,
    startsAsleep: boolean,
  ) {
    // A thread that has slept long before the run (netserver in accept()) wakes as a long sleeper;
    // one that has been computing (SPECjbb after ramp-up) starts with no sleep credit.
    this.sleepStartNs = startsAsleep ? sim.now - Number.MAX_SAFE_INTEGER : sim.now
    this.sliceLeftNs = Infinity
  }

  get isRunnable(): boolean {
    return !this.ring.isEmpty
  }

  post(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    this.ring.push(stage, cycles, instructions, done, arg)
    if (this.isSleeping) this.queue.wake(this)
  }
}
