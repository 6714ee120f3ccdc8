import type { Theme } from '../logic/palette'

/** Axis and grid colors of the current theme, read from the CSS variables of `styles/app.css`. */
export interface ChartThemeColors {
  theme: Theme
  text: string
  grid: string
}

/** The theme the system asks for (prefers-color-scheme). */
export function currentTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light'
}

/** Reads the chart colors of the current theme from the document's CSS variables. */
export function chartThemeColors(): ChartThemeColors {
  const theme = currentTheme()
  const style = getComputedStyle(document.documentElement)
  return {
    theme,
    text: style.getPropertyValue('--chart-text').trim() || (theme === 'dark' ? '#c9ced8' : '#3a3f4a'),
    grid: style.getPropertyValue('--chart-grid').trim() || 'rgba(128, 128, 128, 0.15)',
  }
}

/** Calls `listener` whenever the system theme changes; returns the unsubscribe function. */
export function onDidChangeTheme(listener: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined
  const query = matchMedia('(prefers-color-scheme: dark)')
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}
