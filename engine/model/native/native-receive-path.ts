import type { ReceiverHost } from '../host/host-api'
import type { Lro, Nic, TcpReceiver } from '../net/net-api'
import { param } from './cost'
import { NapiPoller } from './napi-poller'
import { NativeAckPath } from './native-ack-path'
import { Netserver } from './netserver'

/** What the native receive path is wired to. */
export interface NativePathDeps {
  host: ReceiverHost
  nic: Nic
  tcp: TcpReceiver
  /** LRO in the native driver (not one of the paper's configurations; null normally). */
  lro: Lro | null
  params: Readonly<Record<string, number>>
  mssBytes: number
}

/**
 * Native Linux 2.6.18 receive path on `host.receiverKernel`: NIC interrupt -> hard IRQ -> NAPI poll
 * in softirq (driver per frame, IP/TCP per skb) -> TCP receiver -> socket -> netserver thread's
 * recv() -> ACKs transmitted by softirq work back through the NIC.
 */
export class NativeReceivePath {
  private readonly poller: NapiPoller
  private readonly acks: NativeAckPath
  private readonly netserver: Netserver

  constructor(deps: NativePathDeps) {
    const { host, nic, tcp, lro, params } = deps
    const kernel = host.receiverKernel
    const ledger = host.ledger
    const ipc = param(params, 'ipc.kernel')
    this.poller = new NapiPoller(
      host,
      kernel,
      nic,
      lro,
      {
        irqCycles: param(params, 'linux.irq.cycles'),
        pollCycles: param(params, 'linux.napi.pollCycles'),
        frameCycles: param(params, 'linux.driver.rxFrameCycles'),
        lroSegmentCycles: lro ? param(params, 'xen.plro.segmentCycles') : 0,
        lroCopyByteCycles: param(params, 'xen.plro.copyByteCycles'),
        lroCopyByteInstructions: param(params, 'xen.plro.copyByteInstructions'),
        skbCycles: param(params, 'linux.tcp.rxSkbCycles'),
        weight: param(params, 'linux.napi.weight'),
        budget: param(params, 'linux.napi.budget'),
        ipc,
      },
      ledger.stage('kernel', 'linux.irq'),
      ledger.stage('kernel', 'linux.napi+tcp'),
      'native',
    )
    this.acks = new NativeAckPath(
      kernel,
      nic,
      ledger.stage('kernel', 'linux.ack.tx'),
      param(params, 'linux.ack.txCycles'),
      ipc,
    )
    tcp.onAck = this.acks.onAck
    this.netserver = new Netserver(
      kernel.createThread('netserver', 'netserver'),
      tcp,
      {
        callCycles: param(params, 'linux.recv.callCycles'),
        skbCycles: param(params, 'linux.recv.skbCycles'),
        byteCycles: param(params, 'linux.copy.userByteCycles'),
        recvSizeBytes: param(params, 'linux.recv.sizeBytes'),
        mssBytes: deps.mssBytes,
        ipc,
      },
      ledger.stage('netserver', 'recv.copy'),
    )
    this.poller.deliver = (skbId) => {
      tcp.onSegment(skbId)
    }
    this.poller.beforeDeliver = () => this.acks.openBatch()
    this.poller.afterPoll = () => {
      this.acks.closeBatch()
      this.netserver.onDataQueued()
    }
  }

  /** Mechanism counters of the path. */
  counters(): Record<string, number> {
    return {
      ...this.poller.counters(),
      'native.acksSent': this.acks.acksSent,
      'native.recvCalls': this.netserver.recvCalls,
    }
  }

  /** Zeroes the counters (state is kept). */
  resetWindow(): void {
    this.poller.resetWindow()
    this.acks.resetWindow()
    this.netserver.resetWindow()
  }
}
