/**
 * A one-shot timer for deadlines that move often (the RTO restarted by every ACK, the delayed-ACK
 * timer armed and cancelled every two segments). PERF: re-arming only records the new deadline;
 * one heap event stays pending and, when it comes due early, re-schedules itself for the recorded
 * deadline, the way Linux's sk_reset_timer leaves the timer wheel mostly alone. Compared with
 * `Timer`, a restart costs no heap push and leaves no stale entry behind.
 */
import type { HandlerId, Simulation, SimTime } from '../../kernel/simulation'

/** A restartable one-shot timer with lazy re-scheduling. */
export class LazyTimer {
  private deadlineNs: SimTime = Infinity
  /** Time of the pending heap event, Infinity when none is pending. */
  private pendingEventNs: SimTime = Infinity
  private readonly handlerId: HandlerId

  constructor(
    private readonly sim: Simulation,
    name: string,
    private readonly onExpire: () => void,
  ) {
    this.handlerId = sim.register(name, () => this.wake())
  }

  /** True while an expiry is pending. */
  get isArmed(): boolean {
    return this.deadlineNs !== Infinity
  }

  /** Absolute expiry time, Infinity when disarmed. */
  get expiresAt(): SimTime {
    return this.deadlineNs
  }

  /** Arms (or re-arms) the timer to fire after `delayNs`. */
  arm(delayNs: number): void {
    this.deadlineNs = this.sim.now + Math.round(delayNs)
    if (this.deadlineNs < this.pendingEventNs) {
      // An earlier deadline than the pending event: schedule another event (the later one will
      // find nothing to do, or a later deadline, when it runs).
      this.pendingEventNs = this.deadlineNs
      this.sim.scheduleAt(this.deadlineNs, this.handlerId)
    }
  }

  /** Cancels the pending expiry. */
  disarm(): void {
    this.deadlineNs = Infinity
  }

  private wake(): void {
    const now = this.sim.now
    if (now < this.pendingEventNs) return // superseded by an earlier event that already ran
    this.pendingEventNs = Infinity
    if (this.deadlineNs === Infinity) return
    if (now < this.deadlineNs) {
      this.pendingEventNs = this.deadlineNs
      this.sim.scheduleAt(this.deadlineNs, this.handlerId)
      return
    }
    this.deadlineNs = Infinity
    this.onExpire()
  }
}
