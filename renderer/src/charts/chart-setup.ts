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
import zoomPlugin from 'chartjs-plugin-zoom'

/**
 * Registers the Chart.js pieces the app uses, once (tree-shaken imports instead of `chart.js/auto`,
 * which would pull every controller into the bundle).
 */
let isRegistered = false

/** Registers controllers, scales and plugins (decimation, zoom). Safe to call repeatedly. */
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
  )
  isRegistered = true
}

export { Chart }
