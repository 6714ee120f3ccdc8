import { describe, expect, it, vi } from 'vitest'
import { FakeSession } from './fake-electron'

// The module under test only imports electron types; the mock keeps that true if it ever changes.
vi.mock('electron', () => ({}))

const { denyAllPermissions } = await import('../../../main/electron/web-contents-security')

describe('denyAllPermissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission request',
    (permission) => {
      const session = new FakeSession()
      denyAllPermissions(session as never)
      const callback = vi.fn()
      session.permissionRequestHandler?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
    },
  )

  it('answers every permission check with false', () => {
    const session = new FakeSession()
    denyAllPermissions(session as never)
    expect(session.permissionCheckHandler?.({}, 'media', 'app://bench', {})).toBe(false)
  })
})
