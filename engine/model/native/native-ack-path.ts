import type { Kernel, StageId } from '../host/host-api'
import { WorkLevel } from '../host/host-api'
import { BatchedAckPath } from '../net/batched-ack-path'
import type { Nic } from '../net/net-api'

/**
 * Native ACK transmission: tcp_send_ack, qdisc and e1000 xmit in softirq (or process) context.
 * ACKs produced while a batch is open (inside one poll's completion) share one work item; each
 * costs `cyclesPerAck`. Completion hands the frames to the NIC in order.
 */
export class NativeAckPath extends BatchedAckPath {
  constructor(
    private readonly kernel: Kernel,
    nic: Nic,
    private readonly stage: StageId,
    private readonly cyclesPerAck: number,
    private readonly ipc: number,
  ) {
    super(nic)
  }

  protected override postBatch(count: number): void {
    const cycles = count * this.cyclesPerAck
    this.kernel.post(WorkLevel.SoftIrq, this.stage, cycles, cycles * this.ipc, this.sentBound, count)
  }
}
