/**
 * The I/O bus between a host's memory and its NIC, as one DMA engine that serves the NIC's
 * transmit and receive DMA in order. Every frame costs a fixed DMA overhead (descriptor fetch,
 * the read or write round trips of the bus, descriptor write-back) plus its bytes at the bus's
 * effective rate. A transmitted frame can start on the wire only once its DMA is done (the e1000
 * moves a whole frame into its TX FIFO first), while the next frame's DMA overlaps the current
 * frame's serialisation.
 *
 * Why it matters: a 2008 on-board GbE NIC on a shared 32-bit PCI bus (133 MB/s peak, about
 * 90-110 MB/s for NIC DMA in practice) cannot keep the wire full; and because the bus is shared by
 * both directions, every ACK the host receives takes bus time from the data it sends. Fewer ACKs
 * (deeper LRO at the receiver) then give the sender more frames per second. On PCI Express the
 * per-frame overhead is the read latency of the descriptor and the data, which amortises over
 * larger frames (jumbo MTUs). With `sender.nic.busBytesPerS` = 0 the bus is not modelled.
 */
import { NS_PER_S } from '../../kernel/simulation'
import { defineParams, type ParamValues } from '../../params/define'

/** Parameters of the sender NIC's bus. */
export const nicBusParams = defineParams([
  {
    id: 'sender.nic.busBytesPerS',
    unit: 'bytes/s',
    default: 0,
    min: 0,
    max: 1e11,
    help: "Effective DMA rate of the sender NIC's bus for frame data, shared by transmit and receive (0 = bus not modelled).",
    provenance: 'assumed',
    source:
      'PCI 32-bit/33 MHz: 133 MB/s peak; PCIe 1.x x1: 250 MB/s per direction before TLP overhead; set per test bed (engine/model/net/testbeds.ts)',
    group: 'Sender NIC bus',
  },
  {
    id: 'sender.nic.dmaTxFrameNs',
    unit: 'ns',
    default: 0,
    min: 0,
    max: 100000,
    help: 'Bus time per transmitted frame beyond its bytes: descriptor fetch, data read latency, descriptor write-back.',
    provenance: 'assumed',
    source: 'set per test bed (engine/model/net/testbeds.ts)',
    group: 'Sender NIC bus',
  },
  {
    id: 'sender.nic.dmaRxFrameNs',
    unit: 'ns',
    default: 0,
    min: 0,
    max: 100000,
    help: 'Bus time per received frame (an ACK) beyond its bytes: descriptor fetch, frame write, descriptor write-back.',
    provenance: 'assumed',
    source: 'set per test bed (engine/model/net/testbeds.ts)',
    group: 'Sender NIC bus',
  },
])

/** One NIC's DMA engine: a FIFO server on the bus timeline. */
export class NicBus {
  /** False when the bus is not modelled (every transfer is instantaneous). */
  readonly isModelled: boolean
  private readonly nsPerByte: number
  private readonly txFrameNs: number
  private readonly rxFrameNs: number
  private freeAtNs = 0
  private busyNs = 0
  private transfers = 0

  constructor(params: ParamValues) {
    const rate = params['sender.nic.busBytesPerS']
    this.isModelled = rate > 0
    this.nsPerByte = this.isModelled ? NS_PER_S / rate : 0
    this.txFrameNs = params['sender.nic.dmaTxFrameNs']
    this.rxFrameNs = params['sender.nic.dmaRxFrameNs']
  }

  /** Reserves the bus to read a frame of `frameBytes` for transmission; returns when it is in the NIC. */
  transmitDma(nowNs: number, frameBytes: number): number {
    return this.reserve(nowNs, this.txFrameNs + frameBytes * this.nsPerByte)
  }

  /** Reserves the bus to write a received frame to memory; returns when the host can see it. */
  receiveDma(nowNs: number, frameBytes: number): number {
    return this.reserve(nowNs, this.rxFrameNs + frameBytes * this.nsPerByte)
  }

  /** Share of `elapsedNs` the bus was busy since the last reset. */
  utilization(elapsedNs: number): number {
    return elapsedNs > 0 ? Math.min(1, this.busyNs / elapsedNs) : 0
  }

  counters(): Record<string, number> {
    return { 'sender.nic.busBusyNs': this.busyNs, 'sender.nic.busTransfers': this.transfers }
  }

  resetWindow(): void {
    this.busyNs = 0
    this.transfers = 0
  }

  private reserve(nowNs: number, durationNs: number): number {
    if (!this.isModelled) return nowNs
    const startNs = this.freeAtNs > nowNs ? this.freeAtNs : nowNs
    this.freeAtNs = startNs + durationNs
    this.busyNs += durationNs
    this.transfers++
    return this.freeAtNs
  }
}
