import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppAssetPath,
} from '../../../main/electron/app-scheme'

const root = resolve('/srv/labbench/out/renderer')

describe('resolveAppAssetPath', () => {
  it('maps app://bench paths to files under the root', () => {
    expect(resolveAppAssetPath(root, 'app://bench/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppAssetPath(root, 'app://bench/assets/index-abc.js')).toBe(
      join(root, 'assets', 'index-abc.js'),
    )
    expect(resolveAppAssetPath(root, 'app://bench/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'))
  })

  it('serves index.html for the origin and for directories', () => {
    expect(resolveAppAssetPath(root, 'app://bench/')).toBe(join(root, 'index.html'))
    expect(resolveAppAssetPath(root, 'app://bench')).toBe(join(root, 'index.html'))
    expect(resolveAppAssetPath(root, 'app://bench/docs/')).toBe(join(root, 'docs', 'index.html'))
  })

  it('ignores query strings and fragments', () => {
    expect(resolveAppAssetPath(root, 'app://bench/index.html?run=3#chart')).toBe(join(root, 'index.html'))
  })

  it.each([
    'app://bench/../secret.txt',
    'app://bench/%2e%2e/secret.txt',
    'app://bench/%2E%2E/%2E%2E/etc/passwd',
    'app://bench/assets/..%2f..%2f..%2fetc/passwd',
    'app://bench/..%5c..%5cwindows%5cwin.ini',
    'app://bench/assets%5c..%5c..%5csecret',
    'app://bench/%2fetc%2fpasswd/..%2f..%2f..',
    'app://bench/index.html%00.png',
    'app://bench/%E0%A4%A',
  ])('refuses the traversal or malformed path %s', (url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull()
  })

  it('never returns a path outside the root, even for encoded absolute paths', () => {
    for (const url of ['app://bench//etc/passwd', 'app://bench/%2Fetc%2Fpasswd']) {
      const resolved = resolveAppAssetPath(root, url)
      expect(resolved === null || resolved.startsWith(`${root}/`)).toBe(true)
    }
  })

  it.each([
    'app://evil/index.html',
    'app://bench.evil/index.html',
    'file:///etc/passwd',
    'https://bench/index.html',
    'not a url',
  ])('refuses other origins: %s', (url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull()
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name, values] as const
    }),
  )

  it('allows scripts, styles and connections only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })

  it('forbids plugins, base rewriting and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
  })
})

describe('contentTypeFor', () => {
  it('knows the file types a Vite build emits', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/)
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/)
    expect(contentTypeFor('/x/a.css')).toMatch(/^text\/css/)
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream')
  })

  it('has an entry URL on the app origin', () => {
    expect(APP_ENTRY_URL).toBe('app://bench/index.html')
  })
})
