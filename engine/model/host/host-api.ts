/**
 * The seam between the receiver host's execution model (processors, kernels, threads, the Linux
 * and Xen credit schedulers, SPECjbb, cost accounting: `engine/model/host/`) and the network models
 * that post work onto it (sender, TCP, wire, NIC, native and Xen receive paths, LRO:
 * `engine/model/net/`, `engine/model/xen/`).
 *
 * Work is posted as coarse items (one per poll, per batch, per recv() call), each with a cycle and
 * instruction cost computed by the network model, a stage for accounting, and a completion callback.
 * Callbacks are pre-bound methods taking one numeric argument, so posting allocates nothing.
 */
import type { ContextName } from '../../results/run-result'

/** Completion callback of a work item; `arg` is what was posted with it. */
export type WorkCallback = (arg: number) => void

/** Identifies an accounting stage (a context plus a stage name), from `CostLedger.stage`. */
export type StageId = number

/**
 * Execution levels inside one kernel, highest first. A kernel always runs its highest non-empty
 * level; within a level, FIFO. Threads (level `Thread`) are time-shared by the kernel's scheduler.
 * Work at a level never preempts a running item of the same kernel mid-way (items are short), but
 * an interrupt-level item is started before the next softirq or thread item.
 */
export const WorkLevel = { HardIrq: 0, SoftIrq: 1, Thread: 2 } as const
export type WorkLevel = (typeof WorkLevel)[keyof typeof WorkLevel]

/** Cycle and instruction accounting per stage and context, with a measurement window. */
export interface CostLedger {
  /** Declares (or looks up) a stage charged to `context`; call at construction, not per packet. */
  stage(context: ContextName, name: string): StageId
  /** Charges directly (for costs that are not executed as work items, e.g. sender-side). */
  charge(stage: StageId, cycles: number, instructions: number): void
  /** Zeroes every counter: called when the warm-up ends. */
  resetWindow(): void
  /** Totals in the current window. */
  totals(): { cycles: number; instructions: number }
  /** Per-stage totals in the current window. */
  entries(): { context: ContextName; stage: string; cycles: number; instructions: number }[]
}

/**
 * An operating-system instance: native Linux, dom0's kernel, or the receiver guest's kernel. It runs
 * on a processor (a physical CPU natively, a vCPU under Xen) whenever it has work; when all its
 * levels are empty and no thread is runnable it blocks (a vCPU blocks in the hypervisor).
 */
export interface Kernel {
  readonly name: string
  /**
   * Posts kernel work at `level` (HardIrq or SoftIrq). `cycles` is the nominal cost; the execution
   * model may inflate it (cache interference, CPI) but charges instructions unchanged.
   */
  post(level: WorkLevel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void
  /** Creates a thread of this kernel (netserver, a SPECjbb warehouse). */
  createThread(name: string, context: ContextName, options?: ThreadOptions): Thread
  /** True while the kernel has the CPU or runnable work. */
  readonly isBusy: boolean
}

/** How a thread starts. */
export interface ThreadOptions {
  /**
   * True (the default) for a thread that has slept long before the run (netserver waiting in
   * accept()): its first wake gets the interactive sleep credit of Linux 2.6.18. False for a thread
   * that has been computing for long (SPECjbb after its ramp-up): it starts with no sleep credit.
   */
  startsAsleep?: boolean
}

/** A process or kernel thread, time-shared with the kernel's other threads. */
export interface Thread {
  readonly name: string
  /** Queues work for this thread; the thread becomes runnable if it was blocked. */
  post(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void
  /** True while the thread has queued work. */
  readonly isRunnable: boolean
}

/** The SPECjbb workload (W warehouse threads) running in its own guest or as native processes. */
export interface JbbWorkload {
  /** Transactions completed in the current window. */
  readonly transactions: number
  /** Transactions per simulated second over the current window: the SPECjbb score (bops). */
  score(): number
  resetWindow(): void
}

/** The receiver machine, as seen by the network models. */
export interface ReceiverHost {
  readonly ledger: CostLedger
  readonly isXen: boolean
  /** The kernel that owns the physical NIC: native Linux, or dom0 under Xen. */
  readonly driverKernel: Kernel
  /** The kernel whose TCP stack and netserver receive the stream: native Linux, or the guest. */
  readonly receiverKernel: Kernel
  /** Null when SPECjbb is off. */
  readonly jbb: JbbWorkload | null
  /**
   * Raises a physical interrupt from the NIC: natively a hard IRQ in the kernel; under Xen the
   * hypervisor's IRQ handling (charged to `hypervisor`) then an event-channel upcall into dom0,
   * waking dom0's vCPU (BOOST if it was blocked). `done(arg)` runs in the driver kernel at HardIrq.
   */
  raisePhysicalIrq(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void
  /**
   * Xen only: an event-channel notification from one domain's kernel to another's (netback to
   * netfront or back). The sender pays the hypercall in its own current work item (include it in
   * that item's cost); the target kernel gets an upcall at HardIrq running `done(arg)`, and its vCPU
   * wakes (BOOST if blocked, per the credit scheduler).
   */
  notify(target: Kernel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void
  /** Busy share per context and per CPU in the current window (0..1 of one CPU). */
  utilization(): { byContext: Partial<Record<ContextName, number>>; byCpu: number[]; total: number }
  /** Zeroes utilization, ledger and workload counters: called when warm-up ends. */
  resetWindow(): void
  /** Mechanism counters of the host (domain switches, boosts, preemptions, ...). */
  counters(): Record<string, number>
}
