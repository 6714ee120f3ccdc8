import type { ContextName } from '../../results/run-result'
import type { Kernel, StageId, Thread, ThreadOptions, WorkCallback, WorkLevel } from './host-api'
import type { CpuQueue } from './cpu-queue'

/**
 * A Linux kernel instance over one or more per-CPU run queues. Interrupts and softirqs go to the
 * first queue (natively CPU 0, the NIC's IRQ affinity; under Xen the only vCPU). A new thread goes
 * to the queue with the fewest threads (ties: the lowest CPU), a simple stand-in for fork balancing.
 */
export class LinuxKernel implements Kernel {
  constructor(
    readonly name: string,
    readonly queues: readonly CpuQueue[],
  ) {
    if (queues.length === 0) throw new RangeError(`Kernel ${name} needs at least one run queue`)
  }

  post(level: WorkLevel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    this.queues[0].postLevel(level, stage, cycles, instructions, done, arg)
  }

  createThread(name: string, context: ContextName, options: ThreadOptions = {}): Thread {
    let target = this.queues[0]
    for (const queue of this.queues) if (queue.threadCount < target.threadCount) target = queue
    return target.createThread(name, context, options.startsAsleep ?? true)
  }

  get isBusy(): boolean {
    for (const queue of this.queues) {
      if (queue.hasWork) return true
      if (queue.cpu !== null && queue.cpu.owner === queue && queue.cpu.isRunningOwnerItem) return true
    }
    return false
  }
}
