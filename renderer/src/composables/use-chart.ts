import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import type { Chart as ChartInstance } from 'chart.js'
import { buildChartConfig, type ChartSource } from '../charts/chart-config'
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
    // PERF: 'none' skips animation bookkeeping; one update per frame at most.
    chart.update('none')
    markPointCount(chart.canvas, data.datasets)
  })

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
    markPointCount(canvas.value, config.data.datasets)
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
 * Exposes how many points a chart draws as `data-point-count` on its canvas: the canvas itself is
 * opaque to the end-to-end tests and to assistive tooling, the attribute is not.
 */
function markPointCount(canvas: HTMLCanvasElement, datasets: readonly { data: readonly unknown[] }[]): void {
  let count = 0
  for (const dataset of datasets)
    for (const point of dataset.data) if (point !== null && point !== undefined) count++
  canvas.dataset.pointCount = String(count)
}
