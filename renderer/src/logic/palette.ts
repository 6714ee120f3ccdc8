import type { Configuration } from '../../../engine/experiments/spec'

/**
 * The one palette of the app: every chart, legend and badge takes a configuration's color from
 * here, so `vlro` is the same color in the live view, history and comparisons. Okabe-Ito hues,
 * chosen because they stay distinguishable for the common color-vision deficiencies.
 */
export type Theme = 'light' | 'dark'

const CONFIGURATION_COLORS: Readonly<Record<Configuration, Readonly<Record<Theme, string>>>> = {
  linux: { light: '#0072B2', dark: '#56B4E9' },
  xen: { light: '#D55E00', dark: '#F0884A' },
  plro: { light: '#009E73', dark: '#2FCB9C' },
  vlro: { light: '#A1468A', dark: '#CC79A7' },
  pvlro: { light: '#B07800', dark: '#E69F00' },
}

/** Colors for series that are not a configuration (contexts, MTUs, runs beyond the palette). */
const EXTRA_COLORS: Readonly<Record<Theme, readonly string[]>> = {
  light: [
    '#4D4D4D',
    '#7A5195',
    '#EF5675',
    '#2F4B7C',
    '#8C6D31',
    '#3B9AB2',
    '#6B8E23',
    '#C05780',
    '#1F78B4',
    '#A65628',
  ],
  dark: [
    '#BDBDBD',
    '#B58AD1',
    '#FF8FA6',
    '#7DA0D8',
    '#D9B66F',
    '#78C8DA',
    '#A9C96B',
    '#E58FB5',
    '#6FB3E6',
    '#D99066',
  ],
}

/** The color of a configuration in the given theme. */
export function configurationColor(config: Configuration, theme: Theme = 'light'): string {
  return CONFIGURATION_COLORS[config][theme]
}

/** A stable color for the index-th series that is not a configuration. */
export function extraColor(index: number, theme: Theme = 'light'): string {
  const colors = EXTRA_COLORS[theme]
  return colors[((index % colors.length) + colors.length) % colors.length]
}

/** Color for an arbitrary series key: a configuration's own color, else a stable extra color. */
export function seriesColor(key: string, theme: Theme = 'light'): string {
  if (key in CONFIGURATION_COLORS) return configurationColor(key as Configuration, theme)
  let hash = 0
  for (let index = 0; index < key.length; index++) hash = (hash * 31 + key.charCodeAt(index)) | 0
  return extraColor(Math.abs(hash), theme)
}

/** The same color with an alpha channel, for fills and interval bands. */
export function withAlpha(hexColor: string, alpha: number): string {
  const value = hexColor.replace('#', '')
  const red = parseInt(value.slice(0, 2), 16)
  const green = parseInt(value.slice(2, 4), 16)
  const blue = parseInt(value.slice(4, 6), 16)
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`
}
