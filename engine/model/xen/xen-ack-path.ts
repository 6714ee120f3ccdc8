import type { Kernel, ReceiverHost, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import { BatchedAckPath } from '../net/batched-ack-path'
import type { Nic } from '../net/net-api'

/** Costs of one guest ACK's trip to the wire, in cycles. */
export interface XenAckCosts {
  /** Guest: tcp_send_ack + netfront TX request (grant the page) per ACK. */
  guestCycles: number
  /** Guest: EVTCHNOP_send to dom0 per flush. */
  eventSendCycles: number
  /** dom0: netif_be_int handler per event. */
  dom0IrqCycles: number
  /** dom0 per netback TX batch (net_tx_action). */
  dom0BatchCycles: number
  /** dom0 per ACK: skb build, 64-byte copy, bridge, NIC transmit. */
  dom0Cycles: number
  /** Hypervisor per ACK: grant map + unmap. */
  grantMapCycles: number
  guestIpc: number
  dom0Ipc: number
  hypervisorIpc: number
}

/**
 * ACKs from the guest's TCP back to the wire (notes 3.1 step 8): guest TCP -> netfront TX -> event
 * to dom0 -> netback TX (grant map, skb build, bridge, NIC transmit; unmap batched) -> NIC. ACKs
 * produced inside one netfront poll share one guest item, one event and one netback batch.
 */
export class XenAckPath extends BatchedAckPath {
  private readonly counts = { events: 0, batches: 0 }
  private readonly guestDoneBound = (count: number): void => this.guestDone(count)
  private readonly dom0IrqBound = (count: number): void => this.dom0Irq(count)
  private readonly noOpBound = (): void => {}

  constructor(
    private readonly host: ReceiverHost,
    private readonly guest: Kernel,
    private readonly dom0: Kernel,
    nic: Nic,
    private readonly costs: XenAckCosts,
    private readonly stages: { guestTx: StageId; dom0Irq: StageId; dom0Tx: StageId; hypervisorMap: StageId },
  ) {
    super(nic)
  }

  /** The guest's TX work for the collected ACKs, then one event to dom0. */
  protected override postBatch(count: number): void {
    const cycles = count * this.costs.guestCycles + this.costs.eventSendCycles
    this.guest.post(
      WorkLevel.SoftIrq,
      this.stages.guestTx,
      cycles,
      cycles * this.costs.guestIpc,
      this.guestDoneBound,
      count,
    )
  }

  private guestDone(count: number): void {
    this.counts.events++
    const cycles = this.costs.dom0IrqCycles
    this.host.notify(
      this.dom0,
      this.stages.dom0Irq,
      cycles,
      cycles * this.costs.dom0Ipc,
      this.dom0IrqBound,
      count,
    )
  }

  private dom0Irq(count: number): void {
    const costs = this.costs
    this.counts.batches++
    const dom0Cycles = costs.dom0BatchCycles + count * costs.dom0Cycles
    this.dom0.post(
      WorkLevel.SoftIrq,
      this.stages.dom0Tx,
      dom0Cycles,
      dom0Cycles * costs.dom0Ipc,
      this.noOpBound,
      0,
    )
    const mapCycles = count * costs.grantMapCycles
    this.dom0.post(
      WorkLevel.SoftIrq,
      this.stages.hypervisorMap,
      mapCycles,
      mapCycles * costs.hypervisorIpc,
      this.sentBound,
      count,
    )
  }

  /** Mechanism counters. */
  counters(): Record<string, number> {
    return {
      'xenAck.acksSent': this.acksSent,
      'xenAck.eventsToDom0': this.counts.events,
      'xenAck.netbackTxBatches': this.counts.batches,
    }
  }

  /** Zeroes the counters. */
  override resetWindow(): void {
    super.resetWindow()
    this.counts.events = 0
    this.counts.batches = 0
  }
}
