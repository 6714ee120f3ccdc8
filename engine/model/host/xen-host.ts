import type { Simulation } from '../../kernel/simulation'
import type { ContextName } from '../../results/run-result'
import { CpuQueue } from './cpu-queue'
import { CreditScheduler, type Vcpu } from './credit-scheduler'
import type { CostLedger, JbbWorkload, Kernel, ReceiverHost, StageId, WorkCallback } from './host-api'
import { WorkLevel } from './host-api'
import { HostMachine, readParam } from './host-machine'
import { LinuxKernel } from './linux-kernel'
import { WorkRing } from './work-ring'

/** Domain ids, in creation order (the credit scheduler indexes vCPUs by them). */
export const DomainId = { Dom0: 0, Guest: 1, Jbb: 2 } as const

/**
 * A Xen 3.x host: the hypervisor with the credit scheduler over P pCPUs, and single-vCPU domains
 * dom0 (driver domain), the receiver guest and optionally the SPECjbb guest, each running its own
 * Linux kernel on its vCPU.
 */
export class XenHost implements ReceiverHost {
  readonly isXen = true
  readonly machine: HostMachine
  readonly scheduler: CreditScheduler
  readonly dom0: LinuxKernel
  readonly guest: LinuxKernel
  readonly jbbDomain: LinuxKernel | null
  jbb: JbbWorkload | null = null
  private readonly kernelVcpus = new Map<Kernel, Vcpu>()
  private readonly pendingIrqs = new WorkRing(16)
  private readonly irqStage: StageId
  private readonly upcallStage: StageId
  private readonly irqCycles: number
  private readonly irqInstructions: number
  private readonly upcallCycles: number
  private readonly upcallInstructions: number
  private readonly irqCpu: number
  private readonly onIrqHandledBound: WorkCallback

  constructor(sim: Simulation, params: Readonly<Record<string, number>>, hasJbb: boolean) {
    this.machine = new HostMachine(sim, params, hasJbb)
    this.scheduler = new CreditScheduler(sim, this.machine.cpus, {
      tickNs: readParam(params, 'xen.sched.tickNs'),
      tickLatencyNs: readParam(params, 'xen.sched.tickLatencyNs'),
      ticksPerSlice: readParam(params, 'xen.sched.ticksPerSlice'),
    })
    const domain = (domainId: number, name: string, suffix: string): LinuxKernel => {
      const vcpu = this.scheduler.addVcpu({
        name,
        domainId,
        weight: readParam(params, `xen.sched.weight${suffix}`),
        capPercent: readParam(params, `xen.sched.cap${suffix}`),
        pinCpu: readParam(params, `xen.sched.pin${suffix}Cpu`),
      })
      const queue = new CpuQueue(`${name}.vcpu0`, domainId, sim, this.machine.linuxConfig, this.scheduler, this.machine.linuxCounters)
      vcpu.queue = queue
      const kernel = new LinuxKernel(name, [queue])
      this.kernelVcpus.set(kernel, vcpu)
      return kernel
    }
    this.dom0 = domain(DomainId.Dom0, 'dom0', 'Dom0')
    this.guest = domain(DomainId.Guest, 'guest', 'Guest')
    this.jbbDomain = hasJbb ? domain(DomainId.Jbb, 'jbb', 'Jbb') : null
    const ledger = this.machine.ledger
    const hypervisorIpc = readParam(params, 'xen.hypervisorIpc')
    this.irqStage = ledger.stage('hypervisor', 'xen.irq')
    this.upcallStage = ledger.stage('hypervisor', 'xen.upcall')
    this.irqCycles = readParam(params, 'xen.irq.hypervisorCycles')
    this.irqInstructions = this.irqCycles * hypervisorIpc
    this.upcallCycles = readParam(params, 'xen.evtchn.upcallCycles')
    this.upcallInstructions = this.upcallCycles * hypervisorIpc
    // The NIC's interrupt is routed to the pCPU dom0 is pinned to, else pCPU 0.
    this.irqCpu = Math.max(0, readParam(params, 'xen.sched.pinDom0Cpu'))
    this.onIrqHandledBound = () => this.onIrqHandled()
  }

  get ledger(): CostLedger {
    return this.machine.ledger
  }

  get driverKernel(): Kernel {
    return this.dom0
  }

  get receiverKernel(): Kernel {
    return this.guest
  }

  /** The kernel SPECjbb's threads run in (its own guest); null without SPECjbb. */
  get jbbKernel(): Kernel | null {
    return this.jbbDomain
  }

  /** The vCPU of a domain's kernel (for tests and traces). */
  vcpuOf(kernel: Kernel): Vcpu {
    const vcpu = this.kernelVcpus.get(kernel)
    if (vcpu === undefined) throw new RangeError(`${kernel.name} is not a domain of this host`)
    return vcpu
  }

  raisePhysicalIrq(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    // do_IRQ runs in the hypervisor at once on the interrupted pCPU, then pirq -> event channel.
    this.pendingIrqs.push(stage, cycles, instructions, done, arg)
    this.machine.cpus[this.irqCpu].postHypervisor(this.irqStage, this.irqCycles, this.irqInstructions, this.onIrqHandledBound, 0)
  }

  notify(target: Kernel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    this.vcpuOf(target)
    this.deliverUpcall(target, stage, cycles, instructions, done, arg)
  }

  utilization(): { byContext: Partial<Record<ContextName, number>>; byCpu: number[]; total: number } {
    return this.machine.utilization()
  }

  resetWindow(): void {
    this.machine.resetWindow()
    const counters = this.scheduler.counters
    for (const key of Object.keys(counters) as (keyof typeof counters)[]) counters[key] = 0
    this.jbb?.resetWindow()
  }

  counters(): Record<string, number> {
    return { ...this.machine.counters(), ...this.scheduler.counters }
  }

  private onIrqHandled(): void {
    const ring = this.pendingIrqs
    const stage = ring.headStage
    const cycles = ring.headCycles
    const instructions = ring.headInstructions
    const done = ring.headCallback
    const arg = ring.headArg
    ring.shift()
    this.deliverUpcall(this.dom0, stage, cycles, instructions, done, arg)
  }

  /**
   * evtchn_set_pending + the upcall: the hypervisor's delivery runs on the target vCPU first
   * (charged to `hypervisor`), then the handler; posting wakes the vCPU (BOOST if it was blocked).
   */
  private deliverUpcall(target: Kernel, stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number): void {
    if (this.upcallCycles > 0) target.post(WorkLevel.HardIrq, this.upcallStage, this.upcallCycles, this.upcallInstructions, noop, 0)
    target.post(WorkLevel.HardIrq, stage, cycles, instructions, done, arg)
  }
}

function noop(): void {}
