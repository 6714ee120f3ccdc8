/**
 * The retransmission timeout of the TCP sender: Jacobson/Karels smoothing of RTT samples (RFC 6298)
 * with Linux's floor on the variance term (2.6.18 tcp_rtt_estimator keeps mdev_max >= TCP_RTO_MIN,
 * so rto ~ srtt + max(4 rttvar, 200 ms)), exponential backoff on timeouts, capped at TCP_RTO_MAX.
 */
import { defineParams, type ParamValues } from '../../params/define'

/** Parameters of the retransmission timer. */
export const retransmitTimeoutParams = defineParams([
  {
    id: 'tcp.rtoMinNs',
    unit: 'ns',
    default: 200e6,
    min: 1e6,
    max: 10e9,
    help: 'Floor of the RTT-variance term of the retransmission timeout (TCP_RTO_MIN).',
    provenance: 'source',
    source: 'Linux 2.6.18 include/net/tcp.h TCP_RTO_MIN = HZ/5; tcp_rtt_estimator mdev_max >= TCP_RTO_MIN',
    group: 'TCP sender',
  },
  {
    id: 'tcp.rtoInitialNs',
    unit: 'ns',
    default: 3e9,
    min: 1e6,
    max: 60e9,
    help: 'Retransmission timeout before the first RTT sample (TCP_TIMEOUT_INIT).',
    provenance: 'source',
    source: 'Linux 2.6.18 include/net/tcp.h TCP_TIMEOUT_INIT = 3 s',
    group: 'TCP sender',
  },
])

/** TCP_RTO_MAX. */
const RTO_MAX_NS = 120e9

/** RTT smoothing and the RTO with backoff. */
export class RetransmitTimeout {
  private srtt = 0
  private rttVar = 0
  private rto: number
  private readonly rtoMinNs: number

  constructor(params: ParamValues) {
    this.rtoMinNs = params['tcp.rtoMinNs']
    this.rto = params['tcp.rtoInitialNs']
  }

  /** The current timeout (with any backoff), ns. */
  get timeoutNs(): number {
    return this.rto
  }

  /** Smoothed RTT, ns (0 before the first sample). */
  get smoothedRttNs(): number {
    return this.srtt
  }

  /** Adds an RTT sample (Karn's rule is the caller's: never a retransmitted segment). */
  addSample(sampleNs: number): void {
    if (this.srtt === 0) {
      this.srtt = sampleNs
      this.rttVar = sampleNs / 2
    } else {
      this.rttVar = 0.75 * this.rttVar + 0.25 * Math.abs(this.srtt - sampleNs)
      this.srtt = 0.875 * this.srtt + 0.125 * sampleNs
    }
  }

  /** An ACK of new data ends any backoff (icsk_backoff = 0 in tcp_ack): back to the estimate. */
  resetBackoff(): void {
    if (this.srtt > 0) this.rto = Math.min(RTO_MAX_NS, this.srtt + Math.max(4 * this.rttVar, this.rtoMinNs))
  }

  /** A timeout doubles the RTO (icsk_backoff++). */
  backOff(): void {
    this.rto = Math.min(this.rto * 2, RTO_MAX_NS)
  }
}
