import type { StageId, Thread } from '../host/host-api'
import type { TcpReceiver } from '../net/net-api'

/** Costs of netserver's recv() loop. */
export interface RecvCosts {
  /** Fixed cost per recv() call. */
  callCycles: number
  /** Per skb's worth of data (one MSS) taken off the socket queue. */
  skbCycles: number
  /** copy_to_user per byte (already multiplied by any cache-cold factor). */
  byteCycles: number
  /** recv() size, bytes (netperf -M). */
  recvSizeBytes: number
  /** MSS, bytes: converts bytes into skbs freed. */
  mssBytes: number
  ipc: number
}

/**
 * netperf's netserver in TCP_STREAM: a thread looping on recv(). It blocks when the socket queue is
 * empty and is woken by data arrival (`onDataQueued`); each call copies what is queued, up to the
 * recv size, as tcp_recvmsg does with SO_RCVLOWAT = 1. One work item per recv() call.
 */
export class Netserver {
  private isCallPending = false
  private calls = 0
  private readonly callDoneBound = (bytes: number): void => this.callDone(bytes)

  constructor(
    private readonly thread: Thread,
    private readonly tcp: TcpReceiver,
    private readonly costs: RecvCosts,
    private readonly stage: StageId,
  ) {}

  /** The stack queued data on the socket: wake netserver if it is blocked in recv(). */
  onDataQueued(): void {
    if (!this.isCallPending && this.tcp.bytesQueued > 0) this.startCall()
  }

  private startCall(): void {
    const costs = this.costs
    const bytes = Math.min(costs.recvSizeBytes, this.tcp.bytesQueued)
    const cycles =
      costs.callCycles + Math.ceil(bytes / costs.mssBytes) * costs.skbCycles + bytes * costs.byteCycles
    this.isCallPending = true
    this.thread.post(this.stage, cycles, cycles * costs.ipc, this.callDoneBound, bytes)
  }

  private callDone(bytes: number): void {
    this.calls++
    this.tcp.recvCopy(bytes)
    this.isCallPending = false
    if (this.tcp.bytesQueued > 0) this.startCall()
  }

  /** recv() calls completed. */
  get recvCalls(): number {
    return this.calls
  }

  /** Zeroes the call counter. */
  resetWindow(): void {
    this.calls = 0
  }
}
