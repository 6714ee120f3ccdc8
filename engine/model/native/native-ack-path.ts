import type { Kernel, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import type { Nic } from '../net/net-api'
import { IdQueue } from './id-queue'

/**
 * Native ACK transmission: tcp_send_ack, qdisc and e1000 xmit in softirq (or process) context.
 * ACKs produced while a batch is open (inside one poll's completion) share one work item; each
 * costs `cyclesPerAck`. Completion hands the frames to the NIC in order.
 */
export class NativeAckPath {
  private readonly queue = new IdQueue(64)
  private unposted = 0
  private isBatchOpen = false
  private acks = 0
  private readonly sentBound = (count: number): void => this.sent(count)
  /** Pre-bound entry for `TcpReceiver.onAck`. */
  readonly onAck = (ackId: number): void => {
    this.queue.push(ackId)
    this.unposted++
    if (!this.isBatchOpen) this.flush()
  }

  constructor(
    private readonly kernel: Kernel,
    private readonly nic: Nic,
    private readonly stage: StageId,
    private readonly cyclesPerAck: number,
    private readonly ipc: number,
  ) {}

  /** Collects ACKs until `closeBatch` (called around a poll's TCP processing). */
  openBatch(): void {
    this.isBatchOpen = true
  }

  /** Posts one work item for the ACKs collected since `openBatch`. */
  closeBatch(): void {
    this.isBatchOpen = false
    this.flush()
  }

  private flush(): void {
    const count = this.unposted
    if (count === 0) return
    this.unposted = 0
    const cycles = count * this.cyclesPerAck
    this.kernel.post(WorkLevel.SoftIrq, this.stage, cycles, cycles * this.ipc, this.sentBound, count)
  }

  private sent(count: number): void {
    for (let i = 0; i < count; i++) this.nic.transmit(this.queue.shift())
    this.acks += count
  }

  /** ACKs handed to the NIC. */
  get acksSent(): number {
    return this.acks
  }

  /** Zeroes the counter. */
  resetWindow(): void {
    this.acks = 0
  }
}
