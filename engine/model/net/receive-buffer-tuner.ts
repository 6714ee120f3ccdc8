/**
 * Receive-buffer autotuning after Linux 2.6.18 tcp_input.c: the receiver estimates its RTT from
 * echoed timestamps (tcp_rcv_rtt_measure_ts, in timestamp ticks) and, once per RTT, sets the space
 * it wants to twice the bytes the application read in that RTT (tcp_rcv_space_adjust), growing
 * sk_rcvbuf toward tcp_rmem[2] in units of the truesize it assumes for an MSS skb, and moving the
 * window clamp with it.
 */
import { defineParams, type ParamValues } from '../../params/define'
import { rcvmemForMss } from './skb-truesize'

/** Parameters of receive-buffer autotuning. */
export const receiveBufferTunerParams = defineParams([
  {
    id: 'tcp.rcvbufMaxBytes',
    unit: 'bytes',
    default: 4194304,
    min: 4096,
    max: 268435456,
    isInteger: true,
    help: 'Upper limit of receive-buffer autotuning (tcp_rmem[2]).',
    provenance: 'source',
    source:
      'Linux 2.6.18 net/ipv4/tcp.c tcp_init: sysctl_tcp_rmem[2] up to 4 MB on machines with enough memory',
    group: 'TCP receiver',
  },
  {
    id: 'tcp.rcvbufAutotune',
    unit: 'bool',
    default: 1,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'fixed buffer', 1: 'autotuning' },
    help: 'Receive-buffer autotuning (tcp_moderate_rcvbuf): grow sk_rcvbuf to twice the bytes read per RTT.',
    provenance: 'source',
    source: 'Linux 2.6.18 net/ipv4/tcp_input.c tcp_rcv_space_adjust; sysctl_tcp_moderate_rcvbuf = 1',
    group: 'TCP receiver',
  },
])

/** The autotuning state of one socket. */
export class ReceiveBufferTuner {
  /** True when tcp_moderate_rcvbuf is on. */
  readonly isEnabled: boolean
  /** tcp_rmem[2]. */
  readonly maxBytes: number
  private rttTicks = 0
  private spaceBytes = 0
  private copiedMark = 0
  private markTicks = 0
  private readonly advWinScale: number

  constructor(params: ParamValues, initialRcvbufBytes: number, advWinScale: number) {
    this.isEnabled = params['tcp.rcvbufAutotune'] === 1
    this.maxBytes = Math.max(params['tcp.rcvbufMaxBytes'], initialRcvbufBytes)
    this.advWinScale = advWinScale
  }

  /** The receiver's RTT estimate, ticks (0 before a sample). */
  get rttEstimateTicks(): number {
    return this.rttTicks
  }

  /** tcp_rcv_rtt_measure_ts: a sample from a full-sized segment's timestamp echo. */
  measureRtt(nowTicks: number, tsecr: number, lengthBytes: number, rcvMssBytes: number): void {
    if (!this.isEnabled || tsecr <= 0 || lengthBytes < rcvMssBytes) return
    const sample = Math.max(1, nowTicks - tsecr)
    this.rttTicks = this.rttTicks === 0 ? sample : Math.min(this.rttTicks, sample) * 0.875 + sample * 0.125
  }

  /**
   * tcp_rcv_space_adjust, called after each recv(): once per receiver RTT estimate, the space it
   * wants is twice the bytes read in that RTT; when that grows past what it had, sk_rcvbuf becomes
   * space / advmss skbs of `rcvmem` (the truesize it assumes for an MSS skb) and the window clamp
   * becomes the space itself. Returns the new buffer and clamp, or null when nothing changes.
   */
  adjust(
    nowTicks: number,
    deliveredBytes: number,
    rcvbufBytes: number,
    advMss: number,
  ): { rcvbufBytes: number; windowClampBytes: number } | null {
    if (!this.isEnabled) return null
    if (this.markTicks === 0) {
      this.markTicks = nowTicks
      this.copiedMark = deliveredBytes
      return null
    }
    if (this.rttTicks === 0 || nowTicks - this.markTicks < this.rttTicks) return null
    let changed: { rcvbufBytes: number; windowClampBytes: number } | null = null
    const space = Math.max(this.spaceBytes, 2 * (deliveredBytes - this.copiedMark))
    if (space > this.spaceBytes) {
      this.spaceBytes = space
      const rcvmem = rcvmemForMss(advMss, this.advWinScale)
      const wanted = Math.min(Math.max(1, Math.floor(space / advMss)) * rcvmem, this.maxBytes)
      if (wanted > rcvbufBytes) changed = { rcvbufBytes: wanted, windowClampBytes: space }
    }
    this.copiedMark = deliveredBytes
    this.markTicks = nowTicks
    return changed
  }
}
