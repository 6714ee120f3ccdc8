/**
 * Receive interrupt moderation of an Intel 8254x/8257x (e1000) NIC, as the Linux 2.6.18 e1000
 * driver programs it (e1000_configure_rx: RDTR = RxIntDelay; for mac_type >= 82540 also
 * RADV = RxAbsIntDelay and ITR = 1e9 / (InterruptThrottleRate x 256 ns)), plus NAPI masking.
 *
 * - RDTR (packet timer, 1.024 us units): restarted by every received frame; the receive cause
 *   (RXT0) is set when it expires, i.e. after a gap of RDTR without frames. RDTR = 0 (the driver
 *   default) sets the cause at once for every frame.
 * - RADV (absolute timer, 1.024 us units): started by the first frame after an interrupt, never
 *   restarted; bounds the RDTR delay. "Useful only if RxIntDelay is non-zero" (e1000 README).
 * - ITR: a set cause is signalled no earlier than the minimum interval after the previous
 *   interrupt ("InterruptThrottleRate takes precedence over ... RxAbsIntDelay", e1000 README).
 * - RXDMT0: the cause is set at once when the ring is half full (e1000_setup_rctl sets
 *   E1000_RCTL_RDMTS_HALF), so long delays cannot overrun the ring.
 * - NAPI: the interrupt handler masks interrupts (IMC) until the poll re-enables them (IMS);
 *   the timers keep running meanwhile and a cause set during the mask fires at unmask time.
 * The timers are cleared when the interrupt is raised (82571+: CTRL_EXT.INT_TIMER_CLR, set by
 * e1000_configure_rx "Reset delay timers after every interrupt"; the 8254x behaves alike for a
 * cause that has fired).
 */
import type { Simulation } from '../../kernel/simulation'
import { LazyTimer } from './lazy-timer'

/** e1000 delay registers count in units of 1.024 us. */
export const E1000_DELAY_UNIT_NS = 1024

/** The moderation settings, in nanoseconds (0 disables a mechanism). */
export interface InterruptModerationSettings {
  /** ITR minimum interval between interrupts; 0 = no throttling. */
  minGapNs: number
  /** RDTR packet timer; 0 = a cause per frame at once. */
  packetDelayNs: number
  /** RADV absolute timer; 0 = off. Has an effect only with packetDelayNs > 0. */
  absoluteDelayNs: number
}

/** Converts the driver's module parameters into moderation settings. */
export function moderationSettings(
  interruptRateHz: number,
  rxIntDelayUnits: number,
  rxAbsIntDelayUnits: number,
): InterruptModerationSettings {
  return {
    minGapNs: interruptRateHz > 0 ? 1e9 / interruptRateHz : 0,
    packetDelayNs: rxIntDelayUnits * E1000_DELAY_UNIT_NS,
    absoluteDelayNs: rxAbsIntDelayUnits * E1000_DELAY_UNIT_NS,
  }
}

/** The interrupt logic of one receive queue: decides when `onInterrupt` is raised. */
export class ReceiveInterruptModeration {
  private readonly timer: LazyTimer
  /** When the receive cause is (or will be) set; Infinity while no cause is pending. */
  private causeAtNs = Infinity
  /** RADV expiry; Infinity while the absolute timer is not running. */
  private absoluteDeadlineNs = Infinity
  private lastInterruptNs = -Infinity
  private isMaskedNow = false
  private interruptCount = 0
  /** A copy: the ITR interval changes at run time under the dynamic throttle. */
  private readonly settings: InterruptModerationSettings

  constructor(
    private readonly sim: Simulation,
    name: string,
    settings: InterruptModerationSettings,
    /** True while received frames wait for the driver. */
    private readonly hasPendingWork: () => boolean,
    /** Raises the interrupt; the source stays masked until `unmask()`. */
    private readonly onInterrupt: () => void,
  ) {
    this.settings = { ...settings }
    this.timer = new LazyTimer(sim, name, () => this.fire())
  }

  /** True between an interrupt and `unmask()`. */
  get isMasked(): boolean {
    return this.isMaskedNow
  }

  /** Interrupts raised since construction or the last `resetCount()`. */
  get interrupts(): number {
    return this.interruptCount
  }

  /**
   * Reprograms the ITR minimum interval (the dynamic throttle writes the ITR register at the end of
   * every NAPI episode); it applies from the next interrupt on.
   */
  setMinGapNs(minGapNs: number): void {
    this.settings.minGapNs = minGapNs
  }

  /** Zeroes the interrupt count (end of warm-up). */
  resetCount(): void {
    this.interruptCount = 0
  }

  /**
   * A frame was stored in the ring. `isRingHalfFull` sets the cause at once (RXDMT0).
   */
  frameArrived(isRingHalfFull: boolean): void {
    const now = this.sim.now
    const { packetDelayNs, absoluteDelayNs } = this.settings
    if (packetDelayNs <= 0 || isRingHalfFull) {
      if (now < this.causeAtNs) this.causeAtNs = now
    } else if (this.causeAtNs > now) {
      // RDTR restarts with every frame; RADV runs from the first frame and caps it.
      if (absoluteDelayNs > 0 && this.absoluteDeadlineNs === Infinity) {
        this.absoluteDeadlineNs = now + absoluteDelayNs
      }
      this.causeAtNs = Math.min(now + packetDelayNs, this.absoluteDeadlineNs)
    }
    this.schedule()
  }

  /** The driver re-enables interrupts at the end of its poll (e1000_irq_enable). */
  unmask(): void {
    this.isMaskedNow = false
    if (!this.hasPendingWork()) {
      // The poll took the frames whose timers were running: their interrupt would find nothing.
      this.clearTimers()
      return
    }
    // Frames the poll left behind (quota) have no running timer: signal them as soon as allowed.
    if (this.causeAtNs === Infinity) this.causeAtNs = this.sim.now
    this.schedule()
  }

  private schedule(): void {
    if (this.isMaskedNow || this.causeAtNs === Infinity) return
    const now = this.sim.now
    const atNs = Math.max(now, this.causeAtNs, this.lastInterruptNs + this.settings.minGapNs)
    if (this.timer.isArmed && this.timer.expiresAt === Math.round(atNs)) return
    this.timer.arm(Math.ceil(atNs - now))
  }

  private fire(): void {
    if (this.isMaskedNow) return
    if (!this.hasPendingWork()) {
      this.clearTimers()
      return
    }
    const now = this.sim.now
    // The cause may have moved later (RDTR restarted by a frame after the timer was armed).
    if (now < this.causeAtNs) {
      this.schedule()
      return
    }
    this.isMaskedNow = true
    this.lastInterruptNs = now
    this.clearTimers()
    this.interruptCount++
    this.onInterrupt()
  }

  private clearTimers(): void {
    this.causeAtNs = Infinity
    this.absoluteDeadlineNs = Infinity
  }
}
