import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { FakeSession } from './fake-electron'

const recorded = vi.hoisted(() => ({ privileged: [] as unknown[] }))

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      recorded.privileged.push(...schemes)
    },
  },
}))

const { registerAppProtocol, registerAppSchemePrivileges } = await import('../../../main/electron/protocol')
const { CONTENT_SECURITY_POLICY } = await import('../../../main/electron/app-scheme')

const rendererDir = mkdtempSync(join(tmpdir(), 'labbench-protocol-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="app"></div>')

afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true })
})

describe('registerAppSchemePrivileges', () => {
  it('registers app:// as a standard, secure scheme that supports fetch', () => {
    registerAppSchemePrivileges()
    expect(recorded.privileged).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ])
  })
})

describe('registerAppProtocol', () => {
  const session = new FakeSession()
  registerAppProtocol(session as never, rendererDir)
  const handler = session.protocolHandlers.get('app')

  it('handles the app scheme on the given session', () => {
    expect(handler).toBeTypeOf('function')
  })

  it('serves files from the renderer folder with the strict CSP header', async () => {
    const response = await handler!(new Request('app://bench/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toContain('id="app"')
  })

  it('refuses to serve outside the renderer folder', async () => {
    const response = await handler!(new Request('app://bench/..%2f..%2f..%2fetc/passwd'))
    expect(response.status).toBe(403)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })
})
