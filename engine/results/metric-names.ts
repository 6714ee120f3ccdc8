/**
 * One name and unit for the paper's cost metrics, wherever they are shown (tables, charts, CSV
 * headers): Table I's CLK and INST, per "10 GB" read as 10^10 bytes delivered, in units of 10^10.
 */

/** Short labels with the unit. */
export const COST_METRIC_LABELS = {
  clk: 'CLK (10^10 cycles per 10^10 B)',
  inst: 'INST (10^10 instructions per 10^10 B)',
} as const

/** One-line meanings for tooltips. */
export const COST_METRIC_DESCRIPTIONS = {
  clk: "Receiver cycles per 10^10 bytes delivered to netserver, in units of 10^10 (Table I's CLK per 10 GB)",
  inst: "Receiver instructions per 10^10 bytes delivered to netserver, in units of 10^10 (Table I's INST per 10 GB)",
} as const
