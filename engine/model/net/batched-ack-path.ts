import { IdQueue } from '../native/id-queue'
import type { Nic } from './net-api'

/**
 * The batching shared by the native and the Xen ACK paths. ACKs produced while a batch is open
 * (inside one poll's TCP processing) are collected and posted as one unit of work when it closes;
 * an ACK outside a batch is posted at once. The subclass posts the work (`postBatch`); its last
 * completion calls `sentBound`, which hands the ACKs to the NIC in the order they were produced.
 * PERF: the queue is a typed-array ring and the callbacks are pre-bound: nothing allocates per ACK.
 */
export abstract class BatchedAckPath {
  private readonly queue = new IdQueue(64)
  private unposted = 0
  private isBatchOpen = false
  private acks = 0
  /** Completion callback of the posted work: transmits `count` queued ACKs. */
  protected readonly sentBound = (count: number): void => this.sent(count)
  /** Pre-bound entry for `TcpReceiver.onAck`. */
  readonly onAck = (ackId: number): void => {
    this.queue.push(ackId)
    this.unposted++
    if (!this.isBatchOpen) this.flush()
  }

  constructor(private readonly nic: Nic) {}

  /** Collects ACKs until `closeBatch` (called around a poll's TCP processing). */
  openBatch(): void {
    this.isBatchOpen = true
  }

  /** Posts one unit of work for the ACKs collected since `openBatch`. */
  closeBatch(): void {
    this.isBatchOpen = false
    this.flush()
  }

  /** ACKs handed to the NIC. */
  get acksSent(): number {
    return this.acks
  }

  /** Zeroes the counter. */
  resetWindow(): void {
    this.acks = 0
  }

  /** Posts the work for `count` (> 0) collected ACKs; its completion must call `sentBound(count)`. */
  protected abstract postBatch(count: number): void

  private flush(): void {
    const count = this.unposted
    if (count === 0) return
    this.unposted = 0
    this.postBatch(count)
  }

  private sent(count: number): void {
    for (let i = 0; i < count; i++) this.nic.transmit(this.queue.shift())
    this.acks += count
  }
}
