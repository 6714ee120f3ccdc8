import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import type { Chart as ChartInstance } from 'chart.js'
import { bandAnnotations, buildChartConfig, type ChartSource } from '../charts/chart-config'
import { Chart, registerCharts } from '../charts/chart-setup'
import { chartCreationQueue } from '../charts/creation-queue'
import { chartThemeColors, currentTheme, onDidChangeTheme } from '../charts/chart-theme'
import type { ZoomGroup } from '../charts/zoom-sync'
import { createFrameCoalescer } from '../logic/frame-coalescer'

/**
 * Owns one Chart.js instance on a canvas. The instance lives in a plain closure variable, never in
 * Vue state: a reactive proxy around a Chart overflows the stack on update() (chartjs/Chart.js#8970).
 * Data changes are signalled by `version`; redraws are coalesced to one per animation frame.
 */
export function useChart(
  canvas: Ref<HTMLCanvasElement | null>,
  source: () => ChartSource,
  version: () => number,
  zoomGroup?: () => ZoomGroup | undefined,
): { getChart: () => ChartInstance | null; resetZoom: () => void } {
  let chart: ChartInstance | null = null
  let removeFromGroup: (() => void) | null = null

  /** False while the canvas is scrolled out of view (or hidden by KeepAlive). */
  let isVisible = true
  /** Data changed while the chart was out of view: redraw when it comes back. */
  let isStale = false
  let visibilityObserver: IntersectionObserver | null = null

  const redraw = createFrameCoalescer(() => {
    if (!chart) return
    // PERF: charts below the fold do not redraw during a sweep; software-rendered canvases cost
    // several ms each (docs/BENCHMARKS.md, Renderer). They catch up when scrolled into view.
    if (!isVisible) {
      isStale = true
      return
    }
    isStale = false
    // currentTheme() reads matchMedia only: getComputedStyle per frame showed up in profiles.
    const data = source().build(currentTheme())
    chart.data.labels = data.labels
    chart.data.datasets = data.datasets
    const bands = source().xBands?.() ?? []
    const bandsKey = JSON.stringify(bands)
    if (bandsKey !== lastBandsKey && chart.options.plugins?.annotation) {
      lastBandsKey = bandsKey
      // PERF: theme colors read the computed style; only when the bands changed.
      chart.options.plugins.annotation.annotations = bandAnnotations(bands, chartThemeColors())
    }
    // PERF: 'none' skips animation bookkeeping; one update per frame at most.
    chart.update('none')
    markChartFacts(chart)
  })
  let lastBandsKey = ''

  function create(): void {
    if (!canvas.value) return
    if (chart) destroy()
    registerCharts()
    const config = buildChartConfig(source(), chartThemeColors())
    const group = zoomGroup?.()
    if (group && config.options?.plugins?.zoom) {
      const zoom = config.options.plugins.zoom
      if (zoom.zoom) zoom.zoom.onZoomComplete = ({ chart: zoomed }) => group.propagate(zoomed)
      if (zoom.pan) zoom.pan.onPanComplete = ({ chart: panned }) => group.propagate(panned)
    }
    chart = new Chart(canvas.value, config)
    lastBandsKey = JSON.stringify(source().xBands?.() ?? [])
    markChartFacts(chart)
    removeFromGroup = group ? group.add(chart) : null
  }

  function destroy(): void {
    removeFromGroup?.()
    removeFromGroup = null
    chart?.destroy()
    chart = null
  }

  let stopTheme: (() => void) | null = null
  let cancelCreation: (() => void) | null = null
  onMounted(() => {
    cancelCreation = chartCreationQueue.enqueue(() => {
      cancelCreation = null
      create()
    })
    if (typeof IntersectionObserver === 'function' && canvas.value) {
      visibilityObserver = new IntersectionObserver((entries) => {
        isVisible = entries.some((entry) => entry.isIntersecting)
        if (isVisible && isStale) redraw.request()
      })
      visibilityObserver.observe(canvas.value)
    }
    // Colors of axes and series depend on the theme: rebuild the chart when it changes.
    stopTheme = onDidChangeTheme(() => {
      destroy()
      create()
    })
  })
  watch(version, () => redraw.request())
  watch(source, () => {
    // Not created yet: the queued creation will read the new source.
    if (!chart) return
    destroy()
    create()
  })
  onBeforeUnmount(() => {
    cancelCreation?.()
    visibilityObserver?.disconnect()
    stopTheme?.()
    destroy()
  })

  return {
    getChart: () => chart,
    resetZoom: () => chart?.resetZoom('none'),
  }
}

/**
 * Exposes what a chart draws as attributes of its canvas, which is opaque to the end-to-end tests
 * and to assistive tooling: points (`data-point-count`), points with a 95% interval drawn as an
 * error bar (`data-error-bar-count`), the x tick labels (`data-x-ticks`, `|`-separated) and the
 * shaded x ranges (`data-x-bands`).
 */
function markChartFacts(chart: ChartInstance): void {
  let points = 0
  let errorBars = 0
  for (const dataset of chart.data.datasets) {
    for (const point of dataset.data as unknown[]) {
      if (point === null || point === undefined) continue
      if (typeof point === 'object' && Number.isNaN((point as { y?: unknown }).y)) continue
      points++
      const bar = point as { yMin?: unknown; yMax?: unknown }
      if (typeof bar.yMin === 'number' && typeof bar.yMax === 'number' && bar.yMax > bar.yMin) errorBars++
    }
  }
  const canvas = chart.canvas
  canvas.dataset.pointCount = String(points)
  canvas.dataset.errorBarCount = String(errorBars)
  canvas.dataset.xTicks = (chart.scales.x?.ticks ?? []).map((tick) => String(tick.label ?? '')).join('|')
  const annotations = chart.options.plugins?.annotation?.annotations
  canvas.dataset.xBands = (Array.isArray(annotations) ? annotations : [])
    .map((box) => {
      const label = 'label' in box ? (box.label as { content?: unknown } | undefined) : undefined
      return `${String(box.xMin)}-${String(box.xMax)} ${String(label?.content ?? '')}`
    })
    .join('|')
}
