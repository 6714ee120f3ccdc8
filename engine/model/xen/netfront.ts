import type { Kernel, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import { IdQueue } from '../native/id-queue'
import type { Simulation } from '../../kernel/simulation'
import { VlroFlushPolicy } from '../lro/inet-lro'
import { LazyTimer } from '../net/lazy-timer'
import { netfrontTruesize } from '../net/skb-truesize'
import type { Lro } from '../net/net-api'
import type { Netback, NetbackReceiver } from './netback'
import type { NetifRxRing } from './rx-ring'
import { NET_RX_RING_SIZE } from './slots'
import { TransferMode } from './xen-params'

/** Costs of netfront's poll in the guest, in cycles. */
export interface NetfrontCosts {
  mode: TransferMode
  quota: number
  pollCycles: number
  responseCycles: number
  extraSlotCycles: number
  /** Flip mode: remap multicall per poll and per page. */
  remapPollCycles: number
  pagePerFlipCycles: number
  refillCycles: number
  /** vLRO per packet offered (0 without vLRO). */
  lroSegmentCycles: number
  /** Guest IP + TCP per skb handed up. */
  tcpSkbCycles: number
  /** EVTCHNOP_send when a refill must wake netback. */
  eventSendCycles: number
  ipc: number
  /** netfront rx_target bounds: RX_MIN_TARGET, RX_MAX_TARGET. */
  minTarget: number
  maxTarget: number
}

/** How vLRO decides to hand up what it holds when a poll ends (`lro.vlro.flushPolicy`). */
export interface VlroHold {
  policy: VlroFlushPolicy
  timeoutNs: number
  sim: Simulation
}

/**
 * Netfront's receive side in the guest (Linux 2.6.18-xen drivers/xen/netfront/netfront.c, notes
 * 3.1 step 5): the event upcall schedules NAPI; `netif_poll` takes up to `quota` packets' responses,
 * copies each head, reassembles multi-slot packets, hands them to vLRO (flushAll at the end of the
 * poll) and the guest stack, refills rx buffers in batches of at least half the target (adapting
 * the target), and re-arms the event only when the poll finds no more responses.
 *
 * Event suppression (xen/include/public/io/ring.h): netback raises an event only when a push passes
 * `rsp_event`, and netfront moves `rsp_event` past its consumer index only in
 * RING_FINAL_CHECK_FOR_RESPONSES when a poll completes with no more work. So after one event, every
 * batch netback pushes before the guest has polled and gone idle raises none, and the guest's next
 * poll takes all of them (`netif_poll` reads `rsp_prod` once, at its start).
 */
export class Netfront implements NetbackReceiver {
  /** Called once per skb when its poll completes (the guest IP/TCP stage); ownership passes. */
  deliver: (skbId: number) => void = () => {}
  /** Called around a poll's delivery, to batch the ACKs it produces. */
  beforeDeliver: () => void = () => {}
  afterPoll: () => void = () => {}
  readonly onEvent = (): void => {
    this.events++
    if (!this.isPolling) this.startPoll()
  }

  private readonly staged = new IdQueue(256)
  private stagedCount = 0
  private isPolling = false
  /** `rsp_event` lies just past the consumer index: the next push raises an event. */
  private isEventArmed = true
  /** Packets of each pushed netback batch not yet taken by a poll (head first). */
  private readonly batchPacketsLeft = new IdQueue(64)
  private headBatchPacketsLeft = 0
  private rxTarget: number
  private pendingRefill = 0
  private readonly pollDoneBound = (skbs: number): void => this.pollDone(skbs)
  private readonly timerFlushDoneBound = (skbs: number): void => this.timerFlushDone(skbs)
  /** vLRO hold timer (null with the poll-end policy or without vLRO). */
  private readonly holdTimer: LazyTimer | null
  private readonly holdPolicy: VlroFlushPolicy
  private readonly holdTimeoutNs: number
  /** The hold timer expired while a poll ran: flush when it completes. */
  private isTimerFlushDue = false
  private readonly counts = {
    polls: 0,
    packets: 0,
    skbs: 0,
    refills: 0,
    batchesTaken: 0,
    maxBatchesPerPoll: 0,
  }
  private events = 0

  constructor(
    private readonly guest: Kernel,
    private readonly netback: Netback,
    private readonly ring: NetifRxRing,
    private readonly lro: Lro | null,
    private readonly costs: NetfrontCosts,
    private readonly pollStage: StageId,
    initialTarget: number,
    hold: VlroHold | null = null,
  ) {
    this.holdPolicy = hold && lro ? hold.policy : VlroFlushPolicy.PollEnd
    this.holdTimeoutNs = hold ? hold.timeoutNs : 0
    this.holdTimer =
      hold && lro && this.holdPolicy !== VlroFlushPolicy.PollEnd
        ? new LazyTimer(hold.sim, 'netfront.vlro.hold', () => this.onHoldTimer())
        : null
    this.rxTarget = initialTarget
    ring.requestsProduced = initialTarget
    if (lro) lro.onOutput = (id) => this.stage(id)
  }

  /**
   * Called by netback after pushing a batch of `count` packets' responses; true when the push does
   * not pass `rsp_event` (no event): the guest polls, or has an event it has not handled yet.
   */
  onResponses(count: number): boolean {
    if (this.headBatchPacketsLeft === 0 && this.batchPacketsLeft.length === 0)
      this.headBatchPacketsLeft = count
    else this.batchPacketsLeft.push(count)
    if (!this.isEventArmed) return true
    this.isEventArmed = false
    return false
  }

  /** Takes `packets` responses off the per-batch tallies; returns how many batches they came from. */
  private takeFromBatches(packets: number): number {
    let batches = 0
    let left = packets
    while (left > 0) {
      if (this.headBatchPacketsLeft === 0) this.headBatchPacketsLeft = this.batchPacketsLeft.shift()
      const taken = Math.min(left, this.headBatchPacketsLeft)
      this.headBatchPacketsLeft -= taken
      left -= taken
      batches++
    }
    return batches
  }

  private stage(skbId: number): void {
    this.staged.push(skbId)
    this.stagedCount++
  }

  private startPoll(): void {
    const costs = this.costs
    const netback = this.netback
    this.isPolling = true
    const packets = Math.min(costs.quota, netback.responses.length)
    let extraSlots = 0
    let pages = 0
    let slots = 0
    this.stagedCount = 0
    const lro = this.lro
    const pool = netback.pool
    for (let i = 0; i < packets; i++) {
      const skb = netback.responses.shift()
      // netfront allocates its own skb (head copy + the granted page as a fragment).
      pool.truesize[skb] = netfrontTruesize(pool.frameBytes[skb])
      const skbSlots = netback.responseSlots.shift()
      slots += skbSlots
      extraSlots += skbSlots - 1
      pages += netback.responsePages.shift()
      if (lro) lro.receive(skb)
      else this.stage(skb)
    }
    if (lro) this.endPollLro(lro, packets)
    const batches = this.takeFromBatches(packets)
    this.counts.batchesTaken += batches
    if (batches > this.counts.maxBatchesPerPoll) this.counts.maxBatchesPerPoll = batches
    this.ring.responsesConsumed += slots
    // "If we get a callback with very few responses, reduce fill target."
    if (this.ring.requestsProduced - this.ring.responsesProduced > (3 * this.rxTarget) / 4) {
      this.rxTarget = Math.max(costs.minTarget, this.rxTarget - 1)
    }
    let cycles =
      costs.pollCycles +
      packets * costs.responseCycles +
      extraSlots * costs.extraSlotCycles +
      (lro ? packets * costs.lroSegmentCycles : 0) +
      this.stagedCount * costs.tcpSkbCycles
    if (costs.mode === TransferMode.Flip && packets > 0) {
      cycles += costs.remapPollCycles + pages * costs.pagePerFlipCycles
    }
    // network_alloc_rx_buffers: push only when at least half the target can be posted.
    const room = Math.min(
      this.rxTarget - this.ring.postedOutstanding,
      NET_RX_RING_SIZE - this.ring.postedOutstanding,
    )
    this.pendingRefill = room >= this.rxTarget / 2 ? room : 0
    if (this.pendingRefill > 0) cycles += costs.refillCycles
    if (this.pendingRefill > 0 && netback.isQueueStopped) cycles += costs.eventSendCycles
    this.counts.polls++
    this.counts.packets += packets
    this.counts.skbs += this.stagedCount
    this.guest.post(
      WorkLevel.SoftIrq,
      this.pollStage,
      cycles,
      cycles * costs.ipc,
      this.pollDoneBound,
      this.stagedCount,
    )
  }

  /**
   * inet_lro practice flushes at the end of every poll. The hold policies keep open aggregates
   * across polls and arm the hold timer instead: from the latest segment (idle) or from the first
   * segment held (age).
   */
  private endPollLro(lro: Lro, packets: number): void {
    const timer = this.holdTimer
    if (timer === null || this.isTimerFlushDue) {
      this.isTimerFlushDue = false
      lro.flushAll()
      return
    }
    if (lro.openSessions === 0) {
      timer.disarm()
      return
    }
    if (this.holdPolicy === VlroFlushPolicy.IdleTimer) {
      if (packets > 0) timer.arm(this.holdTimeoutNs)
    } else if (!timer.isArmed) {
      timer.arm(this.holdTimeoutNs)
    }
  }

  private onHoldTimer(): void {
    if (this.isPolling) {
      this.isTimerFlushDue = true
      return
    }
    this.startTimerFlush()
  }

  /** The hold timer's flush runs in the guest's softirq like a poll with no responses. */
  private startTimerFlush(): void {
    const lro = this.lro
    if (lro === null || lro.openSessions === 0) return
    this.isPolling = true
    this.stagedCount = 0
    lro.flushAllOnTimer()
    const costs = this.costs
    const cycles = costs.pollCycles + this.stagedCount * costs.tcpSkbCycles
    this.guest.post(
      WorkLevel.SoftIrq,
      this.pollStage,
      cycles,
      cycles * costs.ipc,
      this.timerFlushDoneBound,
      this.stagedCount,
    )
  }

  private timerFlushDone(skbs: number): void {
    this.beforeDeliver()
    for (let i = 0; i < skbs; i++) this.deliver(this.staged.shift())
    this.afterPoll()
    if (this.netback.responses.length > 0) this.startPoll()
    else this.isPolling = false
  }

  private pollDone(skbs: number): void {
    this.beforeDeliver()
    for (let i = 0; i < skbs; i++) this.deliver(this.staged.shift())
    this.afterPoll()
    if (this.pendingRefill > 0) {
      this.ring.requestsProduced += this.pendingRefill
      this.pendingRefill = 0
      this.counts.refills++
      // "Adjust our fill target if we risked running out of buffers."
      if (this.ring.requestsProduced - this.ring.responsesProduced < this.rxTarget / 4) {
        this.rxTarget = Math.min(this.costs.maxTarget, this.rxTarget * 2)
      }
      this.netback.requestsPosted()
    }
    // RING_FINAL_CHECK_FOR_RESPONSES: keep polling while responses are waiting (more_to_do: NAPI
    // polls again without an event); otherwise re-arm rsp_event and complete.
    if (this.netback.responses.length > 0) this.startPoll()
    else {
      this.isPolling = false
      this.isEventArmed = true
      if (this.isTimerFlushDue) {
        this.isTimerFlushDue = false
        this.startTimerFlush()
      }
    }
  }

  /** Packets taken from the ring and not yet handed to the guest stack. */
  get packetsHeld(): number {
    return this.staged.length
  }

  /** Mechanism counters. */
  counters(): Record<string, number> {
    return {
      'netfront.events': this.events,
      'netfront.polls': this.counts.polls,
      'netfront.packets': this.counts.packets,
      'netfront.skbs': this.counts.skbs,
      'netfront.refills': this.counts.refills,
      // Netback batches each poll took responses from (summed), and the most in one poll: polls
      // see several batches only when the guest falls behind dom0.
      'netfront.batchesTaken': this.counts.batchesTaken,
      'netfront.maxBatchesPerPoll': this.counts.maxBatchesPerPoll,
      'netfront.rxTarget': this.rxTarget,
    }
  }

  /** Zeroes the counters (state is kept). */
  resetWindow(): void {
    this.counts.polls = 0
    this.counts.packets = 0
    this.counts.skbs = 0
    this.counts.refills = 0
    this.counts.batchesTaken = 0
    this.counts.maxBatchesPerPoll = 0
    this.events = 0
  }
}
