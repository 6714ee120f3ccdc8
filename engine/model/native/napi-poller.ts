import type { Kernel, ReceiverHost, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import type { Lro, Nic } from '../net/net-api'
import { IdQueue } from './id-queue'

/** Costs of one driver NAPI poll, in cycles (instructions = cycles x ipc). */
export interface NapiCosts {
  /** Hard IRQ handler per interrupt (the host adds its own hypervisor share under Xen). */
  irqCycles: number
  /** Fixed cost of one poll. */
  pollCycles: number
  /** Per frame taken from the ring. */
  frameCycles: number
  /** Per segment offered to LRO (0 without LRO). */
  lroSegmentCycles: number
  /** Per byte LRO copies to build a linear aggregate (memcpy of DMA-cold data). */
  lroCopyByteCycles: number
  /**
   * Instructions per byte of that copy: a string move retires few instructions for many cycles,
   * so it is charged apart from `ipc`.
   */
  lroCopyByteInstructions: number
  /** Per skb handed up by the poll (after LRO): IP/TCP natively, bridge + netback under Xen. */
  skbCycles: number
  /** dev->weight: frames per poll. */
  weight: number
  /** netdev_budget: frames per softirq before it yields. */
  budget: number
  /** Instructions per cycle of this kernel's code. */
  ipc: number
}

/**
 * The NIC driver's interrupt and NAPI poll (Linux 2.6.18 net_rx_action + e1000_clean), natively or
 * in dom0. One work item per poll: when the poll starts it takes up to `weight` frames from the
 * ring and runs them through LRO (flushAll at the end of the poll, as drivers do), so the item's
 * cost is known; when the item completes the resulting skbs go to `deliver`. Interrupts are
 * re-enabled when a poll finds the ring drained (work < weight), as netif_rx_complete does.
 */
export class NapiPoller {
  /** Called once per skb when its poll completes; ownership passes. */
  deliver: (skbId: number) => void = () => {}
  /** Called before the skbs of a completed poll are delivered (open batches here). */
  beforeDeliver: () => void = () => {}
  /** Called after the skbs of a poll were delivered (flush batched follow-up work here). */
  afterPoll: () => void = () => {}

  private readonly frames: Int32Array
  private readonly staged = new IdQueue(256)
  private framesThisSoftirq = 0
  private stagingSkbs = 0
  private polls = 0
  private interrupts = 0
  private framesTaken = 0
  private skbsOut = 0
  private budgetYields = 0
  private readonly onIrqBound = (): void => this.onIrq()
  private readonly afterIrqBound = (): void => this.startPoll()
  private readonly pollDoneBound = (count: number): void => this.pollDone(count)

  constructor(
    private readonly host: ReceiverHost,
    private readonly kernel: Kernel,
    private readonly nic: Nic,
    private readonly lro: Lro | null,
    private readonly costs: NapiCosts,
    private readonly irqStage: StageId,
    private readonly pollStage: StageId,
    private readonly counterPrefix: string,
  ) {
    this.frames = new Int32Array(costs.weight)
    nic.onInterrupt = this.onIrqBound
    if (lro) lro.onOutput = (id) => this.stage(id)
  }

  private onIrq(): void {
    this.interrupts++
    const cycles = this.costs.irqCycles
    this.host.raisePhysicalIrq(this.irqStage, cycles, cycles * this.costs.ipc, this.afterIrqBound, 0)
  }

  private stage(skbId: number): void {
    this.staged.push(skbId)
    this.stagingSkbs++
  }

  /** netif_rx_schedule -> NET_RX softirq: take a poll's worth of frames and post the poll item. */
  private startPoll(): void {
    const costs = this.costs
    const taken = this.nic.takeFrames(costs.weight, this.frames)
    this.stagingSkbs = 0
    const lro = this.lro
    for (let i = 0; i < taken; i++) {
      if (lro) lro.receive(this.frames[i])
      else this.stage(this.frames[i])
    }
    if (lro) lro.flushAll()
    const skbs = this.stagingSkbs
    this.polls++
    this.framesTaken += taken
    this.skbsOut += skbs
    const copiedBytes = lro ? lro.takeCopiedBytes() : 0
    const cycles =
      costs.pollCycles +
      taken * costs.frameCycles +
      (lro ? taken * costs.lroSegmentCycles : 0) +
      skbs * costs.skbCycles
    // The poll's taken count rides in the upper bits so completion knows whether weight was used up.
    this.kernel.post(
      WorkLevel.SoftIrq,
      this.pollStage,
      cycles + copiedBytes * costs.lroCopyByteCycles,
      cycles * costs.ipc + copiedBytes * costs.lroCopyByteInstructions,
      this.pollDoneBound,
      skbs * 4096 + taken,
    )
  }

  private pollDone(packed: number): void {
    const taken = packed % 4096
    const skbs = (packed - taken) / 4096
    this.beforeDeliver()
    for (let i = 0; i < skbs; i++) this.deliver(this.staged.shift())
    this.afterPoll()
    this.framesThisSoftirq += taken
    if (taken === this.costs.weight && this.nic.pendingFrames > 0) {
      if (this.framesThisSoftirq >= this.costs.budget) {
        // net_rx_action ran out of budget: it re-raises the softirq (ksoftirqd) and keeps polling.
        this.budgetYields++
        this.framesThisSoftirq = 0
      }
      this.startPoll()
      return
    }
    this.framesThisSoftirq = 0
    this.nic.enableInterrupts()
  }

  /** Counters of the driver poll loop. */
  counters(): Record<string, number> {
    const p = this.counterPrefix
    return {
      [`${p}.interrupts`]: this.interrupts,
      [`${p}.polls`]: this.polls,
      [`${p}.frames`]: this.framesTaken,
      [`${p}.skbs`]: this.skbsOut,
      [`${p}.budgetYields`]: this.budgetYields,
    }
  }

  /** Zeroes the counters (state is kept). */
  resetWindow(): void {
    this.polls = 0
    this.interrupts = 0
    this.framesTaken = 0
    this.skbsOut = 0
    this.budgetYields = 0
  }
}
