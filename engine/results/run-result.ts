/**
 * What one run produces (ENGINE.md section 3). Plain JSON-safe data: it crosses worker and IPC
 * boundaries and is stored as is.
 */

import type { RunBounds } from './run-bounds'

/** Who a cycle is charged to. */
export const CONTEXTS = ['hypervisor', 'dom0', 'guest', 'jbb', 'kernel', 'netserver'] as const
export type ContextName = (typeof CONTEXTS)[number]

/** Per-stage cost, like the breakdown of Santos et al. (2008). */
export interface StageCost {
  /** Context the stage runs in. */
  context: ContextName
  /** Stage name, e.g. `netback.batch`, `guest.tcp`. */
  stage: string
  /** Cycles per packet received on the wire during measurement. */
  cyclesPerPacket: number
  /** Instructions per packet received on the wire during measurement. */
  instructionsPerPacket: number
  /** Share of all receiver cycles in the window. */
  share: number
}

/** Time series sampled at a fixed simulated interval, for live charts. */
export interface RunSeries {
  intervalS: number
  /** Sample times, simulated seconds since the start (warm-up included). */
  timeS: number[]
  throughputMbps: number[]
  /** Busy share of the receiver's CPUs per context, 0..1 of one CPU, per sample. */
  cpu: Partial<Record<ContextName, number[]>>
  /** Sender congestion window, segments. */
  cwndSegments: number[]
  /** LRO rate in the sample interval (null values when no LRO point). */
  lroRate: (number | null)[]
}

/** The result of one run. */
export interface RunResult {
  /** Goodput delivered to netserver's recv() in the measurement window, 10^6 bit/s. */
  throughputMbps: number
  /** 95% confidence half-width on throughput (batch means), Mb/s; null with too few batches. */
  throughputCi95: number | null
  /** Packets entering the LRO point / packets it hands up; null without LRO. */
  lroRate: number | null
  /** LRO rate at each LRO point when both run (pvlro). */
  lroRates: { plro: number | null; vlro: number | null }
  /** Receiver cycles per 10^10 bytes delivered, in units of 10^10 (Table I's CLK). */
  clk: number
  /** Receiver instructions per 10^10 bytes delivered, in units of 10^10 (Table I's INST). */
  inst: number
  /** CPU busy share per context (0..1 of one CPU) and per physical CPU. */
  cpu: { byContext: Partial<Record<ContextName, number>>; byCpu: number[]; total: number }
  /**
   * What bound the run: shares of the window each resource was saturated or each limit held the
   * sender, and the one that explains it. Absent in results stored before it existed.
   */
  bounds?: RunBounds
  /** Per-stage breakdown, largest first. */
  stages: StageCost[]
  /** SPECjbb transactions per second over the window; null when SPECjbb is off. */
  specjbbScore: number | null
  /** Mechanism counters over the measurement window (frames, interrupts, polls, batches, ...). */
  counters: Record<string, number>
  series: RunSeries
  /** Events the kernel processed. */
  events: number
  /** Simulated seconds, warm-up included. */
  simSeconds: number
  /** Wall-clock milliseconds the run took (the only non-deterministic field). */
  wallMs: number
  /** True when the run stopped early because the confidence interval was tight enough. */
  stoppedEarly: boolean
}

/** A progress report, sampled (never per event). */
export interface RunProgress {
  /** Fraction of simulated time done, 0..1. */
  fraction: number
  simTimeS: number
  events: number
  /** Samples recorded since the previous report (same shape as RunSeries, only the new points). */
  samples: RunSeries
}
