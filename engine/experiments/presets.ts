import { expandReplications } from '../results/replicate'
import type { Configuration, RunSpecInput } from './spec'

/**
 * The paper's experiments as data (Oi & Nakajima, ICCET 2009): Table I, Figures 2-6, and the split
 * MTU design the paper proposes as its next step. The app's preset picker and the CLI's `sweep
 * --preset` both expand these into run specs; the chart hints tell the renderer what to plot.
 */

/** Options every preset accepts. */
export interface PresetExpandOptions {
  /** Measured simulated seconds per point (default: the spec schema's 2 s). */
  durationS?: number
  /** Simulated warm-up seconds per point. */
  warmupS?: number
  /** Runs per point with seeds seedBase, seedBase + 1, ... (default 1). */
  replications?: number
  /** First seed (default 1). */
  seedBase?: number
}

/** A run-spec field a chart can put on an axis or split series by. */
export type PresetField = 'config' | 'env' | 'mtu' | 'guestMtu' | 'messageSize' | 'jbb'

/** A result metric a chart can plot. */
export type PresetMetric = 'throughputMbps' | 'clk' | 'inst' | 'lroRate' | 'specjbbScore'

/** How the renderer should draw a preset's results. */
export interface PresetChartHints {
  /** `line` for sweeps, `bar` for a handful of configurations. */
  kind: 'line' | 'bar'
  /** Spec field on the x axis. */
  xField: PresetField
  /** Axis scale: `log2` for message sizes, `category` for configurations and loads. */
  xScale: 'log2' | 'linear' | 'category'
  xLabel: string
  /** Spec field that splits the series (one line or bar colour per value). */
  seriesField: PresetField
  /** Metrics to plot, one chart each, the first being the headline. */
  metrics: readonly PresetMetric[]
}

/** One of the paper's experiments. */
export interface ExperimentPreset {
  id: string
  title: string
  /** What the paper shows, and what to look for. */
  description: string
  /** Where in the paper. */
  paperReference: string
  /** The run specs, replications included. */
  expand(options?: PresetExpandOptions): RunSpecInput[]
  chart: PresetChartHints
}

/** The paper's four configurations. */
export const PAPER_CONFIGURATIONS: readonly Configuration[] = ['linux', 'xen', 'plro', 'vlro']

/** Message sizes of Figures 2-4: powers of two from 64 B to 16 KB. */
export const FIGURE_MESSAGE_SIZES: readonly number[] = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]

/** MTUs of the 2009 test bed: standard, a page-fitting jumbo, and one whose frames cross a page. */
export const PAPER_MTUS: readonly number[] = [1500, 4000, 4500]

/** SPECjbb loads of Figure 6: none, throttled (CPU share it would use alone) to unthrottled. */
export const FIGURE_6_LOADS: readonly ('off' | 'max' | number)[] = ['off', 0.2, 0.4, 0.6, 0.8, 'max']

/** Page-sized MTUs inside Xen for the split-MTU what-if (4000 fits a frame in one 4 KB page). */
export const SPLIT_GUEST_MTUS: readonly number[] = [4000]

function finish(points: RunSpecInput[], options: PresetExpandOptions = {}): RunSpecInput[] {
  const timed = points.map((point) => {
    const spec: RunSpecInput = { ...point }
    if (options.durationS !== undefined) spec.durationS = options.durationS
    if (options.warmupS !== undefined) spec.warmupS = options.warmupS
    return spec
  })
  return expandReplications(timed, options.replications ?? 1, options.seedBase ?? 1)
}

function messageSizeSweep(mtu: number): (options?: PresetExpandOptions) => RunSpecInput[] {
  return (options) =>
    finish(
      PAPER_CONFIGURATIONS.flatMap((config) =>
        FIGURE_MESSAGE_SIZES.map((messageSize) => ({
          config,
          env: 'direct-2009' as const,
          mtu,
          messageSize,
        })),
      ),
      options,
    )
}

const sweepChart: PresetChartHints = {
  kind: 'line',
  xField: 'messageSize',
  xScale: 'log2',
  xLabel: 'message size (bytes)',
  seriesField: 'config',
  metrics: ['throughputMbps', 'lroRate', 'clk'],
}

/** Every preset, in the paper's order. */
export const PRESETS: readonly ExperimentPreset[] = [
  {
    id: 'table1',
    title: 'Table I: the four configurations on the 2008 test bed',
    description:
      'Throughput, receiver cycles and instructions per 10 GB, and LRO rate of native Linux, Xen, pLRO and vLRO at MTU 1500 ' +
      'through a switch, 16 KB messages (netperf default). The paper finds pLRO cheaper than Xen but no faster, and vLRO ' +
      'about 22% faster at slightly higher cost: the ACK rate, not receiver CPU, sets throughput here.',
    paperReference: 'Oi & Nakajima 2009, Table I (from Hatori & Oi, VPACT 2008)',
    expand: (options) =>
      finish(
        PAPER_CONFIGURATIONS.map((config) => ({
          config,
          env: 'switched-2008' as const,
          mtu: 1500,
          messageSize: 16384,
        })),
        options,
      ),
    chart: {
      kind: 'bar',
      xField: 'config',
      xScale: 'category',
      xLabel: 'configuration',
      seriesField: 'env',
      metrics: ['throughputMbps', 'clk', 'inst', 'lroRate'],
    },
  },
  {
    id: 'fig2',
    title: 'Figure 2: throughput against message size, MTU 1500',
    description:
      'netperf TCP_STREAM from 64 B to 16 KB messages on the 2009 cross-cable test bed. Small messages are sender-bound; ' +
      'from 256 B up the curves are flat, with vLRO about 12% and pLRO about 5% above Xen and native Linux on top.',
    paperReference: 'Oi & Nakajima 2009, Figure 2',
    expand: messageSizeSweep(1500),
    chart: sweepChart,
  },
  {
    id: 'fig3',
    title: 'Figure 3: throughput against message size, MTU 4000',
    description:
      'As Figure 2 with 4000-byte jumbo frames, which still fit one 4 KB page: fewer packets per byte, so native Linux ' +
      'gains up to 15% and the Xen configurations close part of the gap.',
    paperReference: 'Oi & Nakajima 2009, Figure 3',
    expand: messageSizeSweep(4000),
    chart: sweepChart,
  },
  {
    id: 'fig4',
    title: 'Figure 4: throughput against message size, MTU 4500',
    description:
      'As Figure 2 with 4500-byte frames, which cross a 4 KB page: netback must copy the head in dom0 and each packet ' +
      'takes two slots, so Xen gains less from the larger MTU than native Linux does.',
    paperReference: 'Oi & Nakajima 2009, Figure 4',
    expand: messageSizeSweep(4500),
    chart: sweepChart,
  },
  {
    id: 'fig5',
    title: 'Figure 5: LRO rate in the physical and the virtual NIC',
    description:
      'Packets per aggregate at each LRO point for MTU 1500, 4000 and 4500 (16 KB messages). Aggregation depth is set by ' +
      'how many packets one poll sees: a dom0 NIC poll sees few (pLRO up to about 2.7), a netfront poll sees a whole ' +
      'netback batch (vLRO higher).',
    paperReference: 'Oi & Nakajima 2009, Figure 5',
    expand: (options) =>
      finish(
        (['plro', 'vlro'] as const).flatMap((config) =>
          PAPER_MTUS.map((mtu) => ({ config, env: 'direct-2009' as const, mtu, messageSize: 16384 })),
        ),
        options,
      ),
    chart: {
      kind: 'bar',
      xField: 'mtu',
      xScale: 'category',
      xLabel: 'MTU (bytes)',
      seriesField: 'config',
      metrics: ['lroRate', 'throughputMbps'],
    },
  },
  {
    id: 'fig6',
    title: 'Figure 6: consolidation with SPECjbb on the same CPU',
    description:
      'The receiver guest shares the physical CPU with a SPECjbb guest (4 warehouses) whose load is swept from off and ' +
      'lightly throttled to unthrottled; 1 KB messages, MTU 1500. Under CPU contention the cheaper path wins: the paper ' +
      'reports LRO gains of up to 8% (pLRO) and 14% (vLRO) over Xen, and the SPECjbb score each configuration leaves.',
    paperReference: 'Oi & Nakajima 2009, Figure 6 and abstract',
    expand: (options) =>
      finish(
        PAPER_CONFIGURATIONS.flatMap((config) =>
          FIGURE_6_LOADS.map((jbb) => ({
            config,
            env: 'direct-2009' as const,
            mtu: 1500,
            messageSize: 1024,
            jbb,
          })),
        ),
        options,
      ),
    chart: {
      kind: 'line',
      xField: 'jbb',
      xScale: 'category',
      xLabel: 'SPECjbb load (CPU share alone; max = unthrottled)',
      seriesField: 'config',
      metrics: ['throughputMbps', 'specjbbScore'],
    },
  },
  {
    id: 'split-mtu',
    title: 'What-if: split MTU (1500 on the wire, page-sized inside Xen)',
    description:
      "The paper's proposed next step: keep the standard 1500-byte MTU on the physical network, aggregate with pLRO in " +
      "dom0, and run Xen's internal network (bridge, netback, netfront) at a page-sized MTU, so each aggregate crosses " +
      'to the guest in few slots. Compared with plain Xen, pLRO and vLRO at MTU 1500; 16 KB messages.',
    paperReference: 'Oi & Nakajima 2009, Section V (future work)',
    expand: (options) =>
      finish(
        [
          ...(['xen', 'plro', 'vlro'] as const).map((config) => ({
            config,
            env: 'direct-2009' as const,
            mtu: 1500,
            messageSize: 16384,
          })),
          ...SPLIT_GUEST_MTUS.map((guestMtu) => ({
            config: 'plro' as const,
            env: 'direct-2009' as const,
            mtu: 1500,
            guestMtu,
            messageSize: 16384,
          })),
        ],
        options,
      ),
    chart: {
      kind: 'bar',
      xField: 'config',
      xScale: 'category',
      xLabel: 'configuration',
      seriesField: 'guestMtu',
      metrics: ['throughputMbps', 'clk', 'lroRate'],
    },
  },
]

/** The preset with this id, or undefined. */
export function presetById(id: string): ExperimentPreset | undefined {
  return PRESETS.find((preset) => preset.id === id)
}
