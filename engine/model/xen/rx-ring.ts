import { NET_RX_RING_SIZE } from './slots'

/**
 * The shared netif RX ring between netback (dom0) and netfront (guest), as four free-running
 * indices (Linux 2.6.18-xen include/xen/interface/io/ring.h):
 * - `requestsProduced` (req_prod): buffers netfront has posted;
 * - `requestsReserved` (netback's rx_req_cons_peek): requests netback has reserved for queued skbs;
 * - `responsesProduced` (rsp_prod): slots netback has filled and pushed;
 * - `responsesConsumed` (rsp_cons): slots netfront has taken.
 */
export class NetifRxRing {
  requestsProduced = 0
  requestsReserved = 0
  responsesProduced = 0
  responsesConsumed = 0

  /** Posted requests netback has not reserved yet. */
  get freeRequests(): number {
    return this.requestsProduced - this.requestsReserved
  }

  /**
   * netbk_queue_full(): fewer than `needed` posted requests, or the response side of the ring
   * would overrun.
   */
  isFull(needed: number): boolean {
    return (
      this.requestsProduced - this.requestsReserved < needed ||
      this.responsesProduced + NET_RX_RING_SIZE - this.requestsReserved < needed
    )
  }

  /** Buffers posted by netfront and not yet returned to it by a response. */
  get postedOutstanding(): number {
    return this.requestsProduced - this.responsesConsumed
  }
}
