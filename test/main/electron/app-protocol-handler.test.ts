import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppProtocolHandler } from '../../../main/electron/app-protocol-handler'
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/app-scheme'

const root = resolve('/srv/labbench/out/renderer')
const files = new Map<string, string>([
  [join(root, 'index.html'), '<!doctype html><div id="app"></div>'],
  [join(root, 'assets', 'main.js'), 'console.log(1)'],
])

/** Serves the in-memory bundle above; unknown paths fail like fs.readFile does. */
async function readFromMemory(filePath: string): Promise<Uint8Array> {
  const text = files.get(filePath)
  if (text === undefined) {
    throw Object.assign(new Error(`ENOENT: ${filePath}`), { code: 'ENOENT' })
  }
  return new TextEncoder().encode(text)
}

const handle = createAppProtocolHandler(root, readFromMemory)

describe('createAppProtocolHandler', () => {
  it('serves a bundle file with its content type and the CSP header', async () => {
    const response = await handle(new Request('app://bench/assets/main.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('serves index.html for the origin', async () => {
    const response = await handle(new Request('app://bench/'))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('id="app"')
  })

  it('refuses path traversal with 403 and still sends the CSP header', async () => {
    const response = await handle(new Request('app://bench/assets/..%2f..%2f..%2fetc/passwd'))
    expect(response.status).toBe(403)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('answers 404 for a file that is not in the bundle', async () => {
    const response = await handle(new Request('app://bench/missing.js'))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('answers 500 when reading fails for another reason', async () => {
    const failing = createAppProtocolHandler(root, async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
    })
    expect((await failing(new Request('app://bench/index.html'))).status).toBe(500)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://bench/index.html', { method: 'POST', body: 'x' }))
    expect(response.status).toBe(405)
  })

  it('answers HEAD without a body', async () => {
    const response = await handle(new Request('app://bench/index.html', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})
