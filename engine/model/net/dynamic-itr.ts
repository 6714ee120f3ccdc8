/**
 * The e1000 driver's adaptive interrupt throttling (e1000 7.3.x, the driver of the RHEL 5 / CentOS 5
 * 2.6.18 kernels that shipped with Xen 3.1; mainline from about 2.6.20): InterruptThrottleRate = 1
 * (dynamic) or 3 (dynamic conservative, the 7.3.x default, `DEFAULT_ITR 3`), starting at 20,000
 * interrupts/s (`e1000_check_options`).
 *
 * After every NAPI episode (`e1000_clean`, just before `e1000_irq_enable`), `e1000_set_itr` classes
 * the traffic the episode handled (bytes and packets counted since the interrupt, which zeroed them
 * in `e1000_intr`) with `e1000_update_itr`, once for receive and once for transmit, and programs
 * the ITR of the bulkier class: lowest_latency 70,000/s, low_latency 20,000/s, bulk_latency
 * 4,000/s. Conservative mode never uses lowest_latency. A rise in rate is taken in steps of a
 * quarter of the target ("bias the interrupt rate towards Bulk").
 *
 * For a 1 GbE stream of 1514-byte frames this is bistable: at 20,000/s an episode sees 2-4 frames
 * (under 10,000 bytes) and stays low_latency; at 4,000/s it sees 11-20 (6,000-25,000 bytes) and
 * stays bulk. Frames above 2,000 bytes (jumbo MTUs) go to bulk from low_latency at once.
 */

/** e1000.h `enum latency_range`. */
export const LatencyRange = { Lowest: 0, Low: 1, Bulk: 2 } as const
export type LatencyRange = (typeof LatencyRange)[keyof typeof LatencyRange]

/** `InterruptThrottleRate` modes this model knows, as the module parameter spells them. */
export const ThrottleMode = { Fixed: 0, Dynamic: 1, DynamicConservative: 3 } as const
export type ThrottleMode = (typeof ThrottleMode)[keyof typeof ThrottleMode]

/** Interrupts per second of each latency range (`e1000_set_itr`). */
const RATE_HZ_OF_RANGE: readonly number[] = [70_000, 20_000, 4_000]

/** The rate a dynamic mode starts from (`e1000_check_options`: `adapter->itr = 20000`). */
export const DYNAMIC_START_RATE_HZ = 20_000

/** `e1000_update_itr`: the next latency range from one episode's packets and bytes. */
export function nextLatencyRange(current: LatencyRange, packets: number, bytes: number): LatencyRange {
  if (packets === 0) return current
  const bytesPerPacket = Math.floor(bytes / packets)
  switch (current) {
    case LatencyRange.Lowest:
      if (bytesPerPacket > 8000) return LatencyRange.Bulk
      if (packets < 5 && bytes > 512) return LatencyRange.Low
      return current
    case LatencyRange.Low:
      if (bytes > 10_000) {
        // "this if handles the TSO accounting"
        if (bytesPerPacket > 8000) return LatencyRange.Bulk
        if (packets < 10 || bytesPerPacket > 1200) return LatencyRange.Bulk
        if (packets > 35) return LatencyRange.Lowest
        return current
      }
      if (bytesPerPacket > 2000) return LatencyRange.Bulk
      if (packets <= 2 && bytes < 512) return LatencyRange.Lowest
      return current
    case LatencyRange.Bulk:
      if (bytes > 25_000) return packets > 35 ? LatencyRange.Low : current
      if (bytes < 6000) return LatencyRange.Low
      return current
  }
}

/** One NIC's adaptive throttle: count an episode's traffic, then ask for the next rate. */
export class DynamicInterruptThrottle {
  private rxRange: LatencyRange = LatencyRange.Lowest
  private txRange: LatencyRange = LatencyRange.Lowest
  private rateHz = DYNAMIC_START_RATE_HZ
  private rxPackets = 0
  private rxBytes = 0
  private txPackets = 0
  private txBytes = 0
  private readonly episodesInRange = [0, 0, 0]

  constructor(private readonly mode: Exclude<ThrottleMode, 0>) {}

  /** The programmed rate, interrupts per second. */
  get interruptRateHz(): number {
    return this.rateHz
  }

  /** Episodes that ended in each latency range (lowest, low, bulk), since the last reset. */
  get episodesByRange(): readonly number[] {
    return this.episodesInRange
  }

  /** A received frame cleaned in this episode (`total_rx_bytes` counts it without the FCS). */
  countReceived(frameBytes: number): void {
    this.rxPackets++
    this.rxBytes += frameBytes
  }

  /**
   * A transmitted frame. Its completion is cleaned (and counted) by the next NAPI poll, so frames
   * sent between episodes count in the next one.
   */
  countTransmitted(frameBytes: number): void {
    this.txPackets++
    this.txBytes += frameBytes
  }

  /** `e1000_set_itr` at the end of the episode; returns the rate now programmed. */
  endEpisode(): number {
    const conservative = this.mode === ThrottleMode.DynamicConservative
    this.txRange = nextLatencyRange(this.txRange, this.txPackets, this.txBytes)
    if (conservative && this.txRange === LatencyRange.Lowest) this.txRange = LatencyRange.Low
    this.rxRange = nextLatencyRange(this.rxRange, this.rxPackets, this.rxBytes)
    if (conservative && this.rxRange === LatencyRange.Lowest) this.rxRange = LatencyRange.Low
    const range = Math.max(this.rxRange, this.txRange)
    this.episodesInRange[range]++
    // The interrupt zeroes the tallies (e1000_intr); nothing is cleaned between episodes.
    this.rxPackets = 0
    this.rxBytes = 0
    this.txPackets = 0
    this.txBytes = 0
    const target = RATE_HZ_OF_RANGE[range]
    if (target !== this.rateHz) {
      this.rateHz = target > this.rateHz ? Math.min(this.rateHz + (target >> 2), target) : target
    }
    return this.rateHz
  }

  /** Zeroes the per-range episode counts (end of warm-up); the state is kept. */
  resetCounts(): void {
    this.episodesInRange.fill(0)
  }
}

/** Ethernet header bytes the driver counts in a received frame's length (FCS stripped). */
export { ETHERNET_HEADER_BYTES } from './packet'

/** The throttle for an `InterruptThrottleRate` mode parameter: null for a fixed rate. */
export function throttleFor(mode: number): DynamicInterruptThrottle | null {
  if (mode === ThrottleMode.Dynamic || mode === ThrottleMode.DynamicConservative) {
    return new DynamicInterruptThrottle(mode)
  }
  if (mode === ThrottleMode.Fixed) return null
  throw new RangeError(
    `interrupt throttle mode ${mode} is not 0 (fixed), 1 (dynamic) or 3 (dynamic conservative)`,
  )
}

/** Counters of a throttle: episodes per latency range and the rate programmed now. */
export function throttleCounters(prefix: string, throttle: DynamicInterruptThrottle): Record<string, number> {
  const [lowest, low, bulk] = throttle.episodesByRange
  return {
    [`${prefix}.itr.lowestLatencyEpisodes`]: lowest,
    [`${prefix}.itr.lowLatencyEpisodes`]: low,
    [`${prefix}.itr.bulkLatencyEpisodes`]: bulk,
    [`${prefix}.itr.rateHz`]: throttle.interruptRateHz,
  }
}
