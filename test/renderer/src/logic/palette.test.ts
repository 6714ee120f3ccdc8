import { describe, expect, it } from 'vitest'
import { CONFIGURATIONS } from '../../../../engine/experiments/spec'
import {
  configurationColor,
  extraColor,
  seriesColor,
  withAlpha,
} from '../../../../renderer/src/logic/palette'

describe('palette', () => {
  it('gives every configuration its own color in each theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      const colors = CONFIGURATIONS.map((config) => configurationColor(config, theme))
      expect(new Set(colors).size).toBe(CONFIGURATIONS.length)
      for (const color of colors) expect(color).toMatch(/^#[0-9A-F]{6}$/i)
    }
  })
  it('colors a configuration key like the configuration and other keys stably', () => {
    expect(seriesColor('vlro', 'dark')).toBe(configurationColor('vlro', 'dark'))
    expect(seriesColor('dom0')).toBe(seriesColor('dom0'))
    expect(extraColor(-1)).toBe(extraColor(9))
  })
  it('adds alpha', () => {
    expect(withAlpha('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)')
  })
})
