import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv, { type ValidateFunction } from 'ajv'
import { load } from 'js-yaml'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * electron-builder.yml is validated against electron-builder's own JSON schema
 * (`app-builder-lib/scheme.json`) with the ajv options electron-builder itself uses
 * (app-builder-lib/out/util/config/schemaValidator.js: allErrors, verbose, coerceTypes, strict off),
 * because packaging only runs on a networked machine and a typo would otherwise surface there.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const schemaPath = `${repoRoot}node_modules/app-builder-lib/scheme.json`
const configPath = `${repoRoot}electron-builder.yml`

let validate: ValidateFunction
let config: Record<string, unknown>

beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false })
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object)
  config = load(readFileSync(configPath, 'utf8')) as Record<string, unknown>
})

/** Validates a copy (coerceTypes mutates its input) and returns ajv's errors. */
function schemaErrors(candidate: unknown): string[] {
  const isValid = validate(structuredClone(candidate))
  return isValid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
}

describe('electron-builder.yml', () => {
  it('matches the electron-builder JSON schema', () => {
    expect(schemaErrors(config)).toEqual([])
  })

  it('is rejected by the schema when a top-level key is misspelt', () => {
    const { asar, ...rest } = config
    expect(schemaErrors({ ...rest, asr: asar })).not.toEqual([])
  })

  it('is rejected by the schema when a nested key is misspelt', () => {
    const fuses = config.electronFuses as Record<string, unknown>
    expect(schemaErrors({ ...config, electronFuses: { ...fuses, runAsNodee: false } })).not.toEqual([])
  })

  it('names the app and packs the built bundles into an asar with native modules unpacked', () => {
    expect(config.appId).toBe('org.lrolabbench.app')
    expect(config.productName).toBe('LRO Lab Bench')
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']))
    expect(config.npmRebuild).toBe(true)
    expect((config.directories as Record<string, unknown>).output).toBe('release')
  })

  it('sets the Electron fuses recommended by the security checklist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('targets Linux, Windows and macOS installers', () => {
    const linux = config.linux as { target: string[]; category: string }
    const win = config.win as { target: string[] }
    const mac = config.mac as { target: string[]; category: string }
    expect(linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(linux.category).toBe('Science')
    expect(win.target).toContain('nsis')
    expect(mac.target).toContain('dmg')
    expect(mac.category).toMatch(/^public\.app-category\./)
  })
})
