import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// semver ships with npm's own tooling in node_modules (electron-builder's dependency); untyped here.
const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, superset: string, options?: { includePrerelease?: boolean }): boolean
  validRange(range: string): string | null
}

const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as { name?: string; engines?: { node?: string } }

/** The engines.node ranges of every installed package, by package name. */
function installedEngineRanges(): Map<string, string> {
  const ranges = new Map<string, string>()
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue
      const path = join(directory, entry.name)
      if (entry.name.startsWith('@')) {
        visit(path)
        continue
      }
      try {
        const manifest = readJson(join(path, 'package.json'))
        const range = manifest.engines?.node
        if (manifest.name && typeof range === 'string' && semver.validRange(range))
          ranges.set(manifest.name, range)
      } catch {
        // Deliberately skipped: a folder without a readable package.json is not a package.
      }
    }
  }
  visit('node_modules')
  return ranges
}

describe('the stated Node requirement', () => {
  it('is a range every installed package accepts, so users on it install without EBADENGINE', () => {
    const ours = readJson('package.json').engines?.node
    expect(ours).toBe('^22.22.2 || ^24.15.0 || ^26.0.0')
    const refusing = [...installedEngineRanges()].filter(([, range]) => !semver.subset(ours as string, range))
    expect(refusing).toEqual([])
  })

  it('is what the README says', () => {
    expect(readFileSync('README.md', 'utf8')).toMatch(
      /Requires Node\.js 24 LTS \(24\.15 or newer; 22\.22\+ and 26 work too\)/,
    )
  })
})
