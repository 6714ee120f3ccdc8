import type { Chart } from 'chart.js'

/**
 * Synchronized zoom for overlaid comparison charts: zooming or panning one chart's x axis applies
 * the same range to every other chart of the group (chartjs-plugin-zoom's onZoomComplete hook).
 */
export class ZoomGroup {
  private readonly charts = new Set<Chart>()
  private isApplying = false

  /** Adds a chart; returns the function that removes it. */
  add(chart: Chart): () => void {
    this.charts.add(chart)
    return () => this.charts.delete(chart)
  }

  /** Applies `source`'s x range to the other charts (called from the zoom plugin's hooks). */
  propagate(source: Chart): void {
    if (this.isApplying) return
    const scale = source.scales.x
    if (!scale) return
    this.isApplying = true
    try {
      for (const chart of this.charts) {
        if (chart === source) continue
        chart.zoomScale('x', { min: scale.min, max: scale.max }, 'none')
      }
    } finally {
      this.isApplying = false
    }
  }

  /** Resets the zoom of every chart in the group. */
  reset(): void {
    this.isApplying = true
    try {
      for (const chart of this.charts) chart.resetZoom('none')
    } finally {
      this.isApplying = false
    }
  }
}
