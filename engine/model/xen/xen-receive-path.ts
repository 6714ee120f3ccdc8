import type { Simulation } from '../../kernel/simulation'
import type { VlroFlushPolicy } from '../lro/inet-lro'
import type { ReceiverHost } from '../host/host-api'
import { param } from '../native/cost'
import { NapiPoller } from '../native/napi-poller'
import { Netserver } from '../native/netserver'
import type { Lro, Nic, TcpReceiver } from '../net/net-api'
import type { PacketPool } from '../net/packet'
import { InternalMtuSplitter } from './internal-mtu'
import { Netback } from './netback'
import { Netfront } from './netfront'
import { NetifRxRing } from './rx-ring'
import { XenAckPath } from './xen-ack-path'
import type { TransferMode } from './xen-params'

/** What the Xen receive path is wired to. */
export interface XenPathDeps {
  sim: Simulation
  host: ReceiverHost
  pool: PacketPool
  nic: Nic
  tcp: TcpReceiver
  /** LRO in dom0's e1000 driver (pLRO), or null. */
  plro: Lro | null
  /** LRO in the guest's netfront (vLRO), or null. */
  vlro: Lro | null
  params: Readonly<Record<string, number>>
  mssBytes: number
  /** Internal-network MTU when it differs from the physical one (split-MTU what-if), else null. */
  guestMtu: number | null
  /** MTU of the guest's vif in dom0 (the internal MTU): the bridge's limit for non-GSO frames. */
  vifMtu: number
}

/**
 * The Xen 3.1 PV receive path (notes section 3): physical IRQ -> dom0 e1000 NAPI poll [pLRO] ->
 * bridge -> netback (vif qdisc, ring slots, batched multicall, one event per batch) -> netfront poll
 * [vLRO] -> guest IP/TCP -> socket -> netserver in the guest; guest ACKs go back through netfront TX,
 * an event, netback TX, the bridge and the NIC.
 */
export class XenReceivePath {
  private readonly poller: NapiPoller
  private readonly netback: Netback
  private readonly netfront: Netfront
  private readonly acks: XenAckPath
  private readonly netserver: Netserver
  private readonly splitter: InternalMtuSplitter | null
  private bridgeOversizeDrops = 0

  constructor(deps: XenPathDeps) {
    const { sim, host, pool, nic, tcp, plro, vlro, params } = deps
    const ledger = host.ledger
    const dom0 = host.driverKernel
    const guest = host.receiverKernel
    const dom0Ipc = param(params, 'ipc.dom0')
    const guestIpc = param(params, 'ipc.guest')
    const hypervisorIpc = param(params, 'xen.hypervisorIpc')
    const mode = param(params, 'xen.netback.transferMode') as TransferMode
    const eventSendCycles = param(params, 'xen.evtchn.sendCycles')
    const irqCycles = param(params, 'linux.irq.cycles') + param(params, 'xen.irq.dom0ExtraCycles')

    this.poller = new NapiPoller(
      host,
      dom0,
      nic,
      plro,
      {
        irqCycles,
        pollCycles: param(params, 'linux.napi.pollCycles'),
        frameCycles: param(params, 'linux.driver.rxFrameCycles'),
        lroSegmentCycles: plro ? param(params, 'xen.plro.segmentCycles') : 0,
        lroCopyByteCycles: param(params, 'xen.plro.copyByteCycles'),
        lroCopyByteInstructions: param(params, 'xen.plro.copyByteInstructions'),
        skbCycles: param(params, 'xen.bridge.skbCycles') + param(params, 'xen.netback.skbCycles'),
        weight: param(params, 'linux.napi.weight'),
        budget: param(params, 'linux.napi.budget'),
        ipc: dom0Ipc,
      },
      ledger.stage('dom0', 'dom0.irq'),
      ledger.stage('dom0', 'dom0.e1000+bridge+netback'),
      'dom0',
    )
    const ring = new NetifRxRing()
    this.netback = new Netback(
      host,
      dom0,
      guest,
      pool,
      ring,
      {
        mode,
        queueLength: param(params, 'xen.netback.queueLength'),
        batchCycles: param(params, 'xen.netback.batchCycles'),
        copyOpCycles: param(params, 'xen.grant.copyOpCycles'),
        copyByteCycles: param(params, 'xen.grant.copyByteCycles'),
        dom0CopyPacketCycles: param(params, 'xen.flip.dom0CopyPacketCycles'),
        dom0CopyByteCycles: param(params, 'xen.flip.dom0CopyByteCycles'),
        transferPageCycles: param(params, 'xen.flip.transferPageCycles'),
        tlbFlushCycles: param(params, 'xen.flip.tlbFlushCycles'),
        eventSendCycles,
        wakeHandlerCycles: param(params, 'xen.irq.dom0ExtraCycles'),
        dom0Ipc,
        hypervisorIpc,
      },
      {
        dom0Tasklet: ledger.stage('dom0', 'netback.copy'),
        hypervisorBatch: ledger.stage('hypervisor', 'xen.grant+multicall'),
        guestIrq: ledger.stage('guest', 'netfront.irq'),
        dom0Wake: ledger.stage('dom0', 'netback.wake'),
      },
      param(params, 'xen.irq.dom0ExtraCycles'),
      guestIpc,
    )
    this.netfront = new Netfront(
      guest,
      this.netback,
      ring,
      vlro,
      {
        mode,
        quota: param(params, 'xen.netfront.quota'),
        pollCycles: param(params, 'xen.netfront.pollCycles'),
        responseCycles: param(params, 'xen.netfront.responseCycles'),
        extraSlotCycles: param(params, 'xen.netfront.extraSlotCycles'),
        remapPollCycles: param(params, 'xen.flip.guestRemapPollCycles'),
        pagePerFlipCycles: param(params, 'xen.flip.guestPageCycles'),
        refillCycles: param(params, 'xen.netfront.refillCycles'),
        lroSegmentCycles: vlro ? param(params, 'xen.vlro.segmentCycles') : 0,
        tcpSkbCycles: param(params, 'linux.tcp.rxSkbCycles'),
        eventSendCycles,
        ipc: guestIpc,
        // rx_min_target = RX_DFL_MIN_TARGET (64) by default; 8 is only the floor sysfs allows.
        minTarget: param(params, 'xen.netfront.rxTarget'),
        maxTarget: 256,
      },
      ledger.stage('guest', 'netfront+tcp'),
      param(params, 'xen.netfront.rxTarget'),
      {
        policy: param(params, 'lro.vlro.flushPolicy') as VlroFlushPolicy,
        timeoutNs: param(params, 'lro.vlro.flushTimeoutNs'),
        sim,
      },
    )
    this.netback.receiver = this.netfront
    this.acks = new XenAckPath(
      host,
      guest,
      dom0,
      nic,
      {
        guestCycles: param(params, 'xen.ack.guestCycles'),
        eventSendCycles,
        dom0IrqCycles: param(params, 'xen.irq.dom0ExtraCycles'),
        dom0BatchCycles: param(params, 'xen.ack.batchCycles'),
        dom0Cycles: param(params, 'xen.ack.dom0Cycles'),
        grantMapCycles: param(params, 'xen.ack.grantMapCycles'),
        guestIpc,
        dom0Ipc,
        hypervisorIpc,
      },
      {
        guestTx: ledger.stage('guest', 'guest.ack+netfront.tx'),
        dom0Irq: ledger.stage('dom0', 'netback.tx.irq'),
        dom0Tx: ledger.stage('dom0', 'netback.tx+bridge'),
        hypervisorMap: ledger.stage('hypervisor', 'xen.grant.map'),
      },
    )
    tcp.onAck = this.acks.onAck
    this.netserver = new Netserver(
      guest.createThread('netserver', 'netserver'),
      tcp,
      {
        callCycles: param(params, 'linux.recv.callCycles'),
        skbCycles: param(params, 'linux.recv.skbCycles'),
        byteCycles: param(params, 'linux.copy.userByteCycles') * param(params, 'xen.guest.copyColdFactor'),
        recvSizeBytes: param(params, 'linux.recv.sizeBytes'),
        mssBytes: deps.mssBytes,
        ipc: guestIpc,
      },
      ledger.stage('netserver', 'recv.copy'),
    )

    const netback = this.netback
    const vifMtu = deps.vifMtu
    const toNetback = (skbId: number): void => {
      // br_dev_queue_push_xmit (2.6.18): "drop mtu oversized packets except gso". A pLRO aggregate
      // reaches the guest only if it carries gso_size.
      if (pool.gsoSize[skbId] === 0 && pool.frameBytes[skbId] > vifMtu) {
        this.bridgeOversizeDrops++
        pool.free(skbId)
        return
      }
      netback.transmit(skbId)
    }
    const splitter =
      deps.guestMtu !== null ? new InternalMtuSplitter(pool, deps.guestMtu, deps.mssBytes) : null
    this.splitter = splitter
    this.poller.deliver = splitter ? (skbId) => splitter.split(skbId, toNetback) : toNetback
    this.poller.afterPoll = () => netback.kick()
    this.netfront.beforeDeliver = () => this.acks.openBatch()
    this.netfront.deliver = (skbId) => {
      tcp.onSegment(skbId)
    }
    this.netfront.afterPoll = () => {
      this.acks.closeBatch()
      this.netserver.onDataQueued()
    }
  }

  /** Packets inside the Xen path (netback queues, netfront staging): for conservation checks. */
  get packetsHeld(): number {
    return this.netback.packetsHeld + this.netfront.packetsHeld
  }

  /** Mechanism counters of the path. */
  counters(): Record<string, number> {
    return {
      ...this.poller.counters(),
      ...this.netback.counters(),
      ...this.netfront.counters(),
      ...this.acks.counters(),
      'xen.recvCalls': this.netserver.recvCalls,
      'bridge.oversizeDrops': this.bridgeOversizeDrops,
      ...(this.splitter ? { 'xen.internalMtuChunks': this.splitter.chunksOut } : {}),
    }
  }

  /** Zeroes the counters (state is kept). */
  resetWindow(): void {
    this.bridgeOversizeDrops = 0
    this.poller.resetWindow()
    this.netback.resetWindow()
    this.netfront.resetWindow()
    this.acks.resetWindow()
    this.netserver.resetWindow()
    this.splitter?.resetWindow()
  }
}
