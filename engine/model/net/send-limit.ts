/**
 * What holds the sender back, moment by moment, integrated over time: the raw material of a
 * run's "what bound it" analysis (`engine/results/run-bounds.ts`). The TCP sender says why its
 * last transmit stopped; the sending host adds whether the application is blocked on its socket
 * buffer.
 */

/** Why TCP stopped sending (tcp_write_xmit's tests, in order). */
export const SendStop = {
  /** Everything written has been sent: the application (or its send buffer) is the limit. */
  NoData: 0,
  /** Packets in flight reached cwnd (tcp_cwnd_test). */
  Cwnd: 1,
  /** The next segment would pass the receiver's advertised window (tcp_snd_wnd_test). */
  Rwnd: 2,
  /** A sub-MSS segment waits for Nagle (tcp_nagle_test). */
  Nagle: 3,
  /** The NIC's transmit queue is full (the wire or the NIC's bus is the limit). */
  TxQueue: 4,
} as const
export type SendStop = (typeof SendStop)[keyof typeof SendStop]

/** The combined sender states whose time is accounted. */
export const SEND_LIMIT_STATES = ['sendingApp', 'sndbufFull', 'cwnd', 'rwnd', 'nagle', 'txQueue'] as const
export type SendLimitState = (typeof SEND_LIMIT_STATES)[number]

/** Integrates the time spent in each send-limit state. */
export class SendLimitTracker {
  private readonly timeNs = new Float64Array(SEND_LIMIT_STATES.length)
  private state = 0
  private sinceNs = 0

  /** Records the state from now on: TCP's stop reason and whether the application is blocked. */
  update(nowNs: number, stop: SendStop, isAppBlocked: boolean): void {
    let state: number
    if (stop === SendStop.NoData) state = isAppBlocked ? 1 : 0
    else state = stop + 1
    if (state === this.state) return
    this.timeNs[this.state] += nowNs - this.sinceNs
    this.state = state
    this.sinceNs = nowNs
  }

  /** Nanoseconds per state since the last reset, up to `nowNs`, as counters `sender.limit.<state>Ns`. */
  counters(nowNs: number): Record<string, number> {
    const values: Record<string, number> = {}
    for (let state = 0; state < SEND_LIMIT_STATES.length; state++) {
      const open = state === this.state ? nowNs - this.sinceNs : 0
      values[`sender.limit.${SEND_LIMIT_STATES[state]}Ns`] = this.timeNs[state] + open
    }
    return values
  }

  resetWindow(nowNs: number): void {
    this.timeNs.fill(0)
    this.sinceNs = nowNs
  }
}
