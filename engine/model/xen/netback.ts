import type { Kernel, ReceiverHost, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import { IdQueue } from '../native/id-queue'
import { ETHERNET_HEADER_BYTES, type PacketPool } from '../net/packet'
import type { NetifRxRing } from './rx-ring'
import {
  MAX_REQUIRED_RX_SLOTS,
  MAX_SKB_FRAGS,
  NET_RX_RING_SIZE,
  E1000_HEAD_OFFSET_BYTES,
  slotsForPacket,
} from './slots'
import { TransferMode } from './xen-params'

/** Costs of netback's receive tasklet and the hypervisor work it triggers, in cycles. */
export interface NetbackCosts {
  mode: TransferMode
  queueLength: number
  /** Per tasklet batch (multicall), hypervisor. */
  batchCycles: number
  /** Copy mode: per GNTTABOP_copy op and per byte, hypervisor. */
  copyOpCycles: number
  copyByteCycles: number
  /** netbk_copy_skb in dom0: per packet and per byte. */
  dom0CopyPacketCycles: number
  dom0CopyByteCycles: number
  /** Flip mode: per page transferred and per batch TLB flush, hypervisor. */
  transferPageCycles: number
  tlbFlushCycles: number
  /** EVTCHNOP_send paid by dom0 when it notifies the guest. */
  eventSendCycles: number
  /** dom0's handler of the guest's event on the rx ring (netif_be_int). */
  wakeHandlerCycles: number
  dom0Ipc: number
  hypervisorIpc: number
}

/** Where a batch's responses go. */
export interface NetbackReceiver {
  /**
   * Responses for `count` skbs were pushed (ids in `responses`). Returns true when the push must
   * not raise an event: the guest's `rsp_event` was not passed (it is polling, or an event it has
   * not yet handled is outstanding).
   */
  onResponses(count: number): boolean
  /** Event handler when netback notifies the guest. */
  readonly onEvent: (arg: number) => void
}

/**
 * Netback's receive side (Linux 2.6.18-xen drivers/xen/netback/netback.c, notes 3.1): the vif
 * qdisc of `tx_queue_len` packets, netif_be_start_xmit (reserve ring slots, stop the queue when
 * fewer than MAX_SKB_FRAGS + 2 requests remain), the global rx_queue and the net_rx_action tasklet
 * that batches up to ~238 slots into one multicall and sends at most one event per batch.
 */
export class Netback {
  /** Packets whose responses were pushed, in order, for netfront to take (id, slots, pages). */
  readonly responses = new IdQueue(512)
  readonly responseSlots = new IdQueue(512)
  readonly responsePages = new IdQueue(512)
  /** Set by the assembly: the guest side. */
  receiver: NetbackReceiver | null = null

  private readonly qdisc = new IdQueue(64)
  private readonly rxQueue = new IdQueue(512)
  private readonly rxQueueSlots = new IdQueue(512)
  private readonly rxQueuePages = new IdQueue(512)
  private readonly rxQueueDom0Bytes = new IdQueue(512)
  private readonly rxQueueBytes = new IdQueue(512)
  private readonly batch = new IdQueue(256)
  private readonly batchSlots = new IdQueue(256)
  private readonly batchPages = new IdQueue(256)
  private isStopped = false
  private isTaskletPending = false
  private isWakePending = false
  private readonly counts = {
    skbsIn: 0,
    qdiscDrops: 0,
    noRequestDrops: 0,
    queueStops: 0,
    batches: 0,
    slots: 0,
    pages: 0,
    dom0Copies: 0,
    eventsToGuest: 0,
    wakeEvents: 0,
  }
  private readonly dom0DoneBound = (): void => {}
  private readonly batchDoneBound = (count: number): void => this.batchDone(count)
  private readonly wakeBound = (): void => this.onRequestsPosted()

  constructor(
    private readonly host: ReceiverHost,
    private readonly dom0: Kernel,
    private readonly guest: Kernel,
    /** The packet store (netfront reads the packets it takes from the ring). */
    readonly pool: PacketPool,
    private readonly ring: NetifRxRing,
    private readonly costs: NetbackCosts,
    private readonly stages: {
      dom0Tasklet: StageId
      hypervisorBatch: StageId
      guestIrq: StageId
      dom0Wake: StageId
    },
    private readonly guestIrqCycles: number,
    private readonly guestIpc: number,
  ) {}

  /** dev_queue_xmit on vifX.0 from the bridge (dom0 softirq). Ownership passes. */
  transmit(skbId: number): void {
    this.counts.skbsIn++
    if (this.isStopped || this.qdisc.length > 0) {
      if (this.qdisc.length >= this.costs.queueLength) {
        this.counts.qdiscDrops++
        this.pool.free(skbId)
        return
      }
      this.qdisc.push(skbId)
      return
    }
    this.startXmit(skbId)
  }

  /** True while the vif queue is stopped waiting for rx requests. */
  get isQueueStopped(): boolean {
    return this.isStopped
  }

  /** Schedules the rx tasklet if skbs are waiting (called after each dom0 poll). */
  kick(): void {
    if (!this.isTaskletPending && this.rxQueue.length > 0) this.postBatch()
  }

  /**
   * netfront pushed requests (RING_PUSH_REQUESTS_AND_CHECK_NOTIFY): when netback stopped its queue
   * it armed req_event, so the push raises an event and dom0's netif_be_int wakes the queue.
   * The guest pays the EVTCHNOP_send in its own poll item.
   */
  requestsPosted(): void {
    if (!this.isStopped || this.isWakePending || this.ring.isFull(MAX_REQUIRED_RX_SLOTS)) return
    this.isWakePending = true
    this.counts.wakeEvents++
    const cycles = this.costs.wakeHandlerCycles
    this.host.notify(this.dom0, this.stages.dom0Wake, cycles, cycles * this.costs.dom0Ipc, this.wakeBound, 0)
  }

  private startXmit(skbId: number): void {
    const pool = this.pool
    // Only a GSO skb (gso_size set) travels as head + frags + extra slot; a linear one is sized by length.
    const gsoSegments = pool.gsoSize[skbId] > 0 ? pool.segments[skbId] : 1
    const plan = slotsForPacket(pool.frameBytes[skbId], this.costs.mode, E1000_HEAD_OFFSET_BYTES, gsoSegments)
    if (this.ring.freeRequests < plan.ringSlots) {
      this.counts.noRequestDrops++
      pool.free(skbId)
      return
    }
    this.ring.requestsReserved += plan.ringSlots
    this.rxQueue.push(skbId)
    this.rxQueueSlots.push(plan.ringSlots)
    this.rxQueuePages.push(plan.dataPages)
    this.rxQueueDom0Bytes.push(plan.dom0CopyBytes)
    this.rxQueueBytes.push(pool.frameBytes[skbId] + ETHERNET_HEADER_BYTES)
    if (this.ring.isFull(MAX_REQUIRED_RX_SLOTS)) {
      this.isStopped = true
      this.counts.queueStops++
    }
  }

  /** netif_be_int: the guest posted requests; wake the queue and drain the qdisc. */
  private onRequestsPosted(): void {
    this.isWakePending = false
    if (!this.isStopped || this.ring.isFull(MAX_REQUIRED_RX_SLOTS)) return
    this.isStopped = false
    while (!this.isStopped && this.qdisc.length > 0) this.startXmit(this.qdisc.shift())
    this.kick()
  }

  /** net_rx_action: dequeue up to a ring's worth of slots, one multicall, then responses. */
  private postBatch(): void {
    const costs = this.costs
    let slots = 0
    let pages = 0
    let bytes = 0
    let dom0Cycles = 0
    let count = 0
    while (this.rxQueue.length > 0) {
      const skb = this.rxQueue.shift()
      const skbSlots = this.rxQueueSlots.shift()
      const skbPages = this.rxQueuePages.shift()
      const dom0Bytes = this.rxQueueDom0Bytes.shift()
      bytes += this.rxQueueBytes.shift()
      if (dom0Bytes > 0) {
        dom0Cycles += costs.dom0CopyPacketCycles + dom0Bytes * costs.dom0CopyByteCycles
        this.counts.dom0Copies++
      }
      this.batch.push(skb)
      this.batchSlots.push(skbSlots)
      this.batchPages.push(skbPages)
      slots += skbSlots
      pages += skbPages
      count++
      if (slots + MAX_SKB_FRAGS >= NET_RX_RING_SIZE) break
    }
    this.isTaskletPending = true
    this.counts.batches++
    this.counts.slots += slots
    this.counts.pages += pages
    if (dom0Cycles > 0) {
      this.dom0.post(
        WorkLevel.SoftIrq,
        this.stages.dom0Tasklet,
        dom0Cycles,
        dom0Cycles * costs.dom0Ipc,
        this.dom0DoneBound,
        0,
      )
    }
    let hypervisorCycles = costs.batchCycles + costs.eventSendCycles
    if (costs.mode === TransferMode.Copy)
      hypervisorCycles += slots * costs.copyOpCycles + bytes * costs.copyByteCycles
    else hypervisorCycles += pages * costs.transferPageCycles + costs.tlbFlushCycles
    this.dom0.post(
      WorkLevel.SoftIrq,
      this.stages.hypervisorBatch,
      hypervisorCycles,
      hypervisorCycles * costs.hypervisorIpc,
      this.batchDoneBound,
      count,
    )
  }

  private batchDone(count: number): void {
    let slots = 0
    for (let i = 0; i < count; i++) {
      const skbSlots = this.batchSlots.shift()
      slots += skbSlots
      this.responses.push(this.batch.shift())
      this.responseSlots.push(skbSlots)
      this.responsePages.push(this.batchPages.shift())
    }
    this.ring.responsesProduced += slots
    const receiver = this.receiver
    if (receiver && !receiver.onResponses(count)) {
      // RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: at most one event per batch, and none unless the push
      // passed the guest's rsp_event (the guest re-arms it only when its poll finds no more work).
      this.counts.eventsToGuest++
      const cycles = this.guestIrqCycles
      this.host.notify(this.guest, this.stages.guestIrq, cycles, cycles * this.guestIpc, receiver.onEvent, 0)
    }
    this.isTaskletPending = false
    this.kick()
  }

  /** Mechanism counters. */
  counters(): Record<string, number> {
    const c = this.counts
    return {
      'netback.skbsIn': c.skbsIn,
      'netback.qdiscDrops': c.qdiscDrops,
      'netback.noRequestDrops': c.noRequestDrops,
      'netback.queueStops': c.queueStops,
      'netback.batches': c.batches,
      'netback.slots': c.slots,
      'netback.pages': c.pages,
      'netback.dom0Copies': c.dom0Copies,
      'netback.eventsToGuest': c.eventsToGuest,
      'netback.wakeEvents': c.wakeEvents,
      'netback.queued': this.qdisc.length + this.rxQueue.length + this.batch.length,
    }
  }

  /** Packets held by netback (qdisc, rx_queue, batch in flight): for conservation checks. */
  get packetsHeld(): number {
    return this.qdisc.length + this.rxQueue.length + this.batch.length + this.responses.length
  }

  /** Zeroes the counters (state is kept). */
  resetWindow(): void {
    for (const key of Object.keys(this.counts) as (keyof typeof this.counts)[]) this.counts[key] = 0
  }
}
