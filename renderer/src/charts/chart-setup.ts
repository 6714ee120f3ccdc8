import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js'
import annotationPlugin from 'chartjs-plugin-annotation'
import {
  BarWithErrorBar,
  BarWithErrorBarsController,
  LineWithErrorBarsController,
  PointWithErrorBar,
} from 'chartjs-chart-error-bars'
import zoomPlugin from 'chartjs-plugin-zoom'

/**
 * Registers the Chart.js pieces the app uses, once (tree-shaken imports instead of `chart.js/auto`,
 * which would pull every controller into the bundle).
 */
let isRegistered = false

/**
 * Registers controllers, scales and plugins (decimation, zoom, error bars for 95% intervals,
 * annotations for shaded x ranges such as the warm-up). Safe to call repeatedly.
 */
export function registerCharts(): void {
  if (isRegistered) return
  Chart.register(
    LineController,
    ScatterController,
    BarController,
    LineElement,
    PointElement,
    BarElement,
    LinearScale,
    LogarithmicScale,
    CategoryScale,
    Decimation,
    Filler,
    Legend,
    Title,
    Tooltip,
    zoomPlugin,
    BarWithErrorBarsController,
    BarWithErrorBar,
    LineWithErrorBarsController,
    PointWithErrorBar,
    annotationPlugin,
  )
  isRegistered = true
}

export { Chart }
