import type { RandomStream } from '../../kernel/rng'
import type { Simulation } from '../../kernel/simulation'
import type { CostLedger, JbbWorkload, Kernel, StageId, Thread } from '../host/host-api'
import { thinkTimeForLoad } from './think-time'

/** How hard SPECjbb runs: unthrottled, or throttled to a load share of one CPU when alone. */
export type JbbLoad = 'max' | number

/** SPECjbb settings (from the `jbb.*` parameters and the run spec). */
export interface JbbConfig {
  warehouses: number
  transactionCycles: number
  ipc: number
  clockHz: number
  load: JbbLoad
}

/**
 * SPECjbb2005: W warehouse threads, each looping over transactions of fixed CPU cost followed by an
 * exponentially distributed think time (none at 'max'). Under Xen the threads run in the SPECjbb
 * guest, so when all think its vCPU blocks and wakes with BOOST, like an I/O domain.
 */
export class SpecJbb implements JbbWorkload {
  /** Mean think time in ns (0 when unthrottled). */
  readonly thinkNs: number
  private completed = 0
  private windowStartNs = 0
  private readonly threads: Thread[] = []
  private readonly stage: StageId
  private readonly instructions: number
  private readonly random: RandomStream
  private readonly thinkHandler: number
  private readonly onTransactionDoneBound: (warehouse: number) => void

  constructor(
    private readonly sim: Simulation,
    kernel: Kernel,
    ledger: CostLedger,
    private readonly config: JbbConfig,
  ) {
    const transactionNs = (config.transactionCycles / config.clockHz) * 1e9
    this.thinkNs = config.load === 'max' ? 0 : thinkTimeForLoad(config.load, config.warehouses, transactionNs)
    this.stage = ledger.stage('jbb', 'jbb.transaction')
    this.instructions = config.transactionCycles * config.ipc
    this.random = sim.stream('jbb')
    this.onTransactionDoneBound = (warehouse) => this.onTransactionDone(warehouse)
    this.thinkHandler = sim.register('jbb.thinkDone', (warehouse) => this.startTransaction(warehouse))
    for (let warehouse = 0; warehouse < config.warehouses; warehouse++) {
      // The measured runs follow SPECjbb's ramp-up: warehouses have been computing, not sleeping.
      this.threads.push(kernel.createThread(`jbb.warehouse${warehouse}`, 'jbb', { startsAsleep: false }))
      // Throttled clients start thinking, so they do not all arrive at t = 0.
      if (this.thinkNs > 0) this.sim.schedule(this.random.exponential(this.thinkNs), this.thinkHandler, warehouse)
      else this.startTransaction(warehouse)
    }
  }

  get transactions(): number {
    return this.completed
  }

  /** Transactions per simulated second since the window started (the bops score). */
  score(): number {
    const windowNs = this.sim.now - this.windowStartNs
    return windowNs > 0 ? (this.completed * 1e9) / windowNs : 0
  }

  resetWindow(): void {
    this.completed = 0
    this.windowStartNs = this.sim.now
  }

  private startTransaction(warehouse: number): void {
    this.threads[warehouse].post(this.stage, this.config.transactionCycles, this.instructions, this.onTransactionDoneBound, warehouse)
  }

  private onTransactionDone(warehouse: number): void {
    this.completed++
    if (this.thinkNs > 0) this.sim.schedule(this.random.exponential(this.thinkNs), this.thinkHandler, warehouse)
    else this.startTransaction(warehouse)
  }
}
