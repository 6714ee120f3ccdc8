import type { Simulation } from '../../kernel/simulation'
import type { ContextName } from '../../results/run-result'
import { CpuQueue, type QueuePlacement } from './cpu-queue'
import type { CostLedger, JbbWorkload, Kernel, ReceiverHost, StageId, WorkCallback } from './host-api'
import { WorkLevel } from './host-api'
import { HostMachine } from './host-machine'
import { LinuxKernel } from './linux-kernel'

/** Natively every run queue owns its CPU for good: nothing to wake, nothing to block. */
const fixedPlacement: QueuePlacement = {
  onWorkWhileOffCpu(): void {},
  onIdle(): void {},
}

/**
 * Native Linux on P physical CPUs: one kernel with a run queue per CPU. Hard IRQs and softirqs run
 * on CPU 0 (the NIC's IRQ affinity) and preempt threads there.
 */
export class NativeHost implements ReceiverHost {
  readonly isXen = false
  readonly machine: HostMachine
  readonly kernel: LinuxKernel
  jbb: JbbWorkload | null = null

  constructor(sim: Simulation, params: Readonly<Record<string, number>>, hasJbb: boolean) {
    this.machine = new HostMachine(sim, params, hasJbb)
    const queues = this.machine.cpus.map((cpu) => {
      const queue = new CpuQueue(`linux.cpu${cpu.index}`, 0, sim, this.machine.linuxConfig, fixedPlacement, this.machine.linuxCounters)
      queue.cpu = cpu
      cpu.setOwner(queue)
      return queue
    })
    this.kernel = new LinuxKernel('linux', queues)
  }

  get ledger(): CostLedger {
    return this.machine.ledger
  }

  get driverKernel(): Kernel {
    return this.kernel
  }

  get receiverKernel(): Kernel {
    return this.kernel
  }

  /** The kernel SPECjbb's threads run in (the same Linux). */
  get jbbKernel(): Kernel {
    return this.kernel
  }

  raisePhysicalIrq(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    this.kernel.post(WorkLevel.HardIrq, stage, cycles, instructions, done, arg)
  }

  notify(): void {
    throw new Error('notify: event channels exist only under Xen')
  }

  utilization(): { byContext: Partial<Record<ContextName, number>>; byCpu: number[]; total: number } {
    return this.machine.utilization()
  }

  resetWindow(): void {
    this.machine.resetWindow()
    this.jbb?.resetWindow()
  }

  counters(): Record<string, number> {
    return this.machine.counters()
  }
}
