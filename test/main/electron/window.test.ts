import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeEvent, type FakeEmitter, type FakeWebContents } from './fake-electron'

const created = vi.hoisted(() => ({ windows: [] as unknown[] }))

vi.mock('electron', async () => {
  // vi.mock is hoisted above the imports, so the fakes are loaded inside the factory.
  const { FakeEmitter, FakeWebContents } = await import('./fake-electron')
  class BrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents()
    readonly loadedUrls: string[] = []
    isShown = false
    constructor(readonly options: Record<string, unknown>) {
      super()
      created.windows.push(this)
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url)
      return Promise.resolve()
    }
    show(): void {
      this.isShown = true
    }
  }
  return { BrowserWindow }
})

const { createMainWindow, secureWebPreferences } = await import('../../../main/electron/window')

interface CreatedWindow extends FakeEmitter {
  options: { webPreferences: Record<string, unknown>; show: boolean }
  webContents: FakeWebContents
  loadedUrls: string[]
  isShown: boolean
}

function openWindow(): CreatedWindow {
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    rendererUrl: 'app://bench/index.html',
    title: 'T',
  })
  return created.windows.at(-1) as CreatedWindow
}

describe('createMainWindow', () => {
  beforeEach(() => {
    created.windows.length = 0
  })

  it('isolates and sandboxes the renderer with Node off and web security on', () => {
    const { webPreferences } = openWindow().options
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('uses exactly the secure preferences', () => {
    expect(openWindow().options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'))
  })

  it('loads the renderer URL and shows the window only once it is ready', () => {
    const window = openWindow()
    expect(window.loadedUrls).toEqual(['app://bench/index.html'])
    expect(window.options.show).toBe(false)
    expect(window.isShown).toBe(false)
    window.emit('ready-to-show')
    expect(window.isShown).toBe(true)
  })

  it('refuses navigation away from the page', () => {
    const { webContents } = openWindow()
    const event = fakeEvent()
    webContents.emit('will-navigate', event, 'https://example.com/')
    expect(event.isDefaultPrevented).toBe(true)
  })

  it('refuses redirects and webview attachment', () => {
    const { webContents } = openWindow()
    const redirect = fakeEvent()
    const webview = fakeEvent()
    webContents.emit('will-redirect', redirect, 'https://example.com/')
    webContents.emit('will-attach-webview', webview, {}, {})
    expect(redirect.isDefaultPrevented).toBe(true)
    expect(webview.isDefaultPrevented).toBe(true)
  })

  it('denies window.open', () => {
    const { webContents } = openWindow()
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(webContents.windowOpenHandler?.({ url: 'app://bench/index.html' })).toEqual({ action: 'deny' })
  })
})
