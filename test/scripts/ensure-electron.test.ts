import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureElectronBinary, hasElectronBinary } from '../../scripts/ensure-electron'

describe('ensure-electron (npm start)', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
  const electronDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lro-labbench-electron-'))
    dirs.push(dir)
    return dir
  }
  /** What Electron's install.js leaves behind when it succeeds. */
  const install = (dir: string) => {
    mkdirSync(join(dir, 'dist'), { recursive: true })
    writeFileSync(join(dir, 'dist', 'electron'), '')
    writeFileSync(join(dir, 'path.txt'), 'electron')
  }

  it('runs the installer when path.txt is missing, and not again once the binary is there', () => {
    const dir = electronDir()
    const calls: string[] = []
    const outcome = ensureElectronBinary(dir, (script) => {
      calls.push(script)
      install(dir)
      return 0
    })
    expect(outcome).toBe('installed')
    expect(calls).toEqual([join(dir, 'install.js')])
    expect(ensureElectronBinary(dir, () => 1)).toBe('present')
    expect(hasElectronBinary(dir)).toBe(true)
  })

  it('reports failure when the download fails (no path.txt written)', () => {
    expect(ensureElectronBinary(electronDir(), () => 1)).toBe('failed')
  })
})
