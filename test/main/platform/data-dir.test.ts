import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirectory, defaultRunStorePath } from '../../../main/platform/data-dir'

describe('data directory', () => {
  const home = '/home/ada'

  it('honours LROLAB_DATA_DIR on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(dataDirectory({ platform, env: { LROLAB_DATA_DIR: '/data/x' }, home })).toBe('/data/x')
    }
  })

  it('uses XDG_DATA_HOME or ~/.local/share on Linux', () => {
    expect(dataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: '/xdg' }, home })).toBe(
      join('/xdg', 'LRO Lab Bench'),
    )
    expect(dataDirectory({ platform: 'linux', env: {}, home })).toBe(
      join(home, '.local', 'share', 'LRO Lab Bench'),
    )
  })

  it('uses %APPDATA% on Windows and Application Support on macOS', () => {
    expect(
      dataDirectory({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home }),
    ).toBe(join('C:\\Users\\ada\\AppData\\Roaming', 'LRO Lab Bench'))
    expect(dataDirectory({ platform: 'darwin', env: {}, home })).toBe(
      join(home, 'Library', 'Application Support', 'LRO Lab Bench'),
    )
  })

  it('puts the run store inside it', () => {
    expect(defaultRunStorePath({ platform: 'linux', env: { LROLAB_DATA_DIR: '/d' }, home })).toBe(
      join('/d', 'runs.sqlite'),
    )
  })
})
