import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl, rendererDevServerUrl } from '../../../main/electron/trusted-sender'

describe('isTrustedRendererUrl', () => {
  it.each(['app://bench/index.html', 'app://bench/', 'app://bench', 'app://bench/index.html#/runs/3'])(
    'trusts our renderer at %s',
    (url) => {
      expect(isTrustedRendererUrl(url)).toBe(true)
    },
  )

  it.each([
    undefined,
    '',
    'app://bench.evil/index.html',
    'app://benchmark/index.html',
    'app://evil/index.html',
    'https://example.com/',
    'file:///app/out/renderer/index.html',
    'about:blank',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedRendererUrl(url)).toBe(false)
  })

  it('trusts the dev server origin only when a dev server is in use', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})

describe('rendererDevServerUrl', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged build and uses it only in development', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example:5173' }
    expect(rendererDevServerUrl(true, env)).toBeUndefined()
    expect(rendererDevServerUrl(false, env)).toBe('http://evil.example:5173')
    expect(rendererDevServerUrl(false, {})).toBeUndefined()
  })
})
