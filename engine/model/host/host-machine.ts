import type { Simulation } from '../../kernel/simulation'
import { CONTEXTS, type ContextName } from '../../results/run-result'
import { TypedCostLedger } from './cost-ledger'
import type { LinuxCounters, LinuxSchedulerConfig } from './cpu-queue'
import { hostCpuParams, xenSchedulerParams } from './host-params'
import { PhysicalCpu, type CpuAccounting, type InterferenceConfig } from './physical-cpu'
import { jbbParams } from '../jbb/jbb-params'

/** Reads a parameter, falling back to its declared default when the caller's set lacks it. */
export function readParam(params: Readonly<Record<string, number>>, id: string): number {
  const value = params[id]
  if (value !== undefined) return value
  for (const list of [hostCpuParams, xenSchedulerParams, jbbParams] as const) {
    for (const spec of list) if (spec.id === id) return spec.default
  }
  throw new RangeError(`Unknown parameter ${id}`)
}

/**
 * The hardware of the receiver and its accounting: P physical CPUs, the cost ledger, executed
 * cycles per context and the measurement window. Native and Xen hosts build on it.
 */
export class HostMachine {
  readonly ledger = new TypedCostLedger()
  readonly accounting: CpuAccounting = { cyclesByContext: new Float64Array(CONTEXTS.length) }
  readonly cpus: PhysicalCpu[]
  readonly clockHz: number
  readonly linuxConfig: LinuxSchedulerConfig
  readonly linuxCounters: LinuxCounters = { threadSwitches: 0, wakeupPreemptions: 0, softirqPreemptions: 0 }
  private windowStartNs = 0

  constructor(
    readonly sim: Simulation,
    params: Readonly<Record<string, number>>,
    hasJbb: boolean,
  ) {
    const cpuCount = readParam(params, 'host.cpu.count')
    if (!(Number.isInteger(cpuCount) && cpuCount >= 1)) throw new RangeError(`host.cpu.count ${cpuCount} must be >= 1`)
    this.clockHz = readParam(params, 'host.cpu.clockHz')
    this.linuxConfig = {
      timesliceNs: readParam(params, 'linux.sched.timesliceNs'),
      wakeupPreempt: readParam(params, 'linux.sched.wakeupPreempt') !== 0,
    }
    const interference: InterferenceConfig = {
      inflation: hasJbb ? readParam(params, 'jbb.cacheInterference') : 0,
      windowNs: readParam(params, 'jbb.cacheWindowNs'),
      jbbContext: CONTEXTS.indexOf('jbb'),
    }
    const switchCycles = readParam(params, 'xen.sched.switchCycles')
    const switchCost = {
      stage: this.ledger.stage('hypervisor', 'xen.switch'),
      cycles: switchCycles,
      instructions: switchCycles * readParam(params, 'xen.sched.switchIpc'),
    }
    this.cpus = []
    for (let index = 0; index < cpuCount; index++) {
      this.cpus.push(new PhysicalCpu(index, sim, this.ledger, this.accounting, this.clockHz, interference, switchCost))
    }
  }

  /** Length of the current window in nanoseconds. */
  get windowNs(): number {
    return this.sim.now - this.windowStartNs
  }

  /** Busy share per context and per CPU since the window started. */
  utilization(): { byContext: Partial<Record<ContextName, number>>; byCpu: number[]; total: number } {
    const windowNs = this.windowNs
    const cycleCapacity = (this.clockHz * windowNs) / 1e9
    const byContext: Partial<Record<ContextName, number>> = {}
    let total = 0
    CONTEXTS.forEach((context, index) => {
      const cycles = this.accounting.cyclesByContext[index]
      if (cycles > 0) {
        const share = cycleCapacity > 0 ? cycles / cycleCapacity : 0
        byContext[context] = share
        total += share
      }
    })
    const byCpu = this.cpus.map((cpu) => (windowNs > 0 ? cpu.busyNs / windowNs : 0))
    return { byContext, byCpu, total }
  }

  /** Zeroes the ledger and the utilization counters; running segments are split at now. */
  resetWindow(): void {
    for (const cpu of this.cpus) cpu.checkpoint()
    this.ledger.resetWindow()
    this.accounting.cyclesByContext.fill(0)
    for (const cpu of this.cpus) {
      cpu.busyNs = 0
      cpu.domainSwitches = 0
    }
    this.linuxCounters.threadSwitches = 0
    this.linuxCounters.wakeupPreemptions = 0
    this.linuxCounters.softirqPreemptions = 0
    this.windowStartNs = this.sim.now
  }

  /** Counters common to both hosts: idle time per CPU and the Linux schedulers'. */
  counters(): Record<string, number> {
    const result: Record<string, number> = { ...this.linuxCounters }
    const windowNs = this.windowNs
    let switches = 0
    this.cpus.forEach((cpu, index) => {
      result[`cpu${index}.idleNs`] = Math.max(0, windowNs - cpu.busyNs)
      switches += cpu.domainSwitches
    })
    result.domainSwitches = switches
    return result
  }
}
