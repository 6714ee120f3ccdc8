/**
 * Frame-time figures from the page's Performance API: requestAnimationFrame deltas and long tasks
 * (PerformanceObserver 'longtask'). Recorded for docs/BENCHMARKS.md, never asserted as timings.
 */

/** Installed into the page before any script runs (Playwright `addInitScript`). */
export const PERF_INIT_SCRIPT = `
(() => {
  const state = { frames: [], longTasks: [], isRecording: false, last: 0 }
  const loop = (time) => {
    if (!state.isRecording) return
    if (state.last > 0) state.frames.push(time - state.last)
    state.last = time
    requestAnimationFrame(loop)
  }
  window.__labPerf = {
    start() {
      state.frames = []
      state.longTasks = []
      state.last = 0
      state.isRecording = true
      requestAnimationFrame(loop)
    },
    stop() {
      state.isRecording = false
      return { frames: state.frames.slice(), longTasks: state.longTasks.slice() }
    },
  }
  try {
    new PerformanceObserver((list) => {
      if (!state.isRecording) return
      for (const entry of list.getEntries()) state.longTasks.push(entry.duration)
    }).observe({ type: 'longtask', buffered: false })
  } catch {
    // longtask is Chromium-only; frame deltas still work elsewhere.
  }
})()
`

/** What the page recorded. */
export interface RecordedFrames {
  frames: number[]
  longTasks: number[]
}

/** Summary of frame deltas, milliseconds. */
export interface FrameStats {
  frameCount: number
  meanMs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  /** Frames slower than 50 ms (visible jank). */
  framesOver50Ms: number
  longTaskCount: number
  longTaskTotalMs: number
  longTaskMaxMs: number
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]
}

/** Summarizes recorded frames. */
export function summarizeFrames(recorded: RecordedFrames): FrameStats {
  const sorted = [...recorded.frames].sort((left, right) => left - right)
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    frameCount: sorted.length,
    meanMs: sorted.length ? total / sorted.length : 0,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    framesOver50Ms: sorted.filter((value) => value > 50).length,
    longTaskCount: recorded.longTasks.length,
    longTaskTotalMs: recorded.longTasks.reduce((sum, value) => sum + value, 0),
    longTaskMaxMs: recorded.longTasks.length ? Math.max(...recorded.longTasks) : 0,
  }
}

/** One Markdown table row of frame stats. */
export function frameStatsRow(label: string, stats: FrameStats): string {
  const f = (value: number): string => value.toFixed(1)
  return `| ${label} | ${stats.frameCount} | ${f(stats.meanMs)} | ${f(stats.p50Ms)} | ${f(stats.p95Ms)} | ${f(stats.p99Ms)} | ${f(stats.maxMs)} | ${stats.framesOver50Ms} | ${stats.longTaskCount} (${f(stats.longTaskTotalMs)} ms total, max ${f(stats.longTaskMaxMs)}) |`
}

/** Header of the frame stats table. */
export const FRAME_STATS_HEADER = [
  '| Scenario | Frames | Mean (ms) | p50 | p95 | p99 | Max | Frames > 50 ms | Long tasks |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
].join('\n')
