import { BrowserWindow, type WebPreferences } from 'electron'
import { hardenWebContents } from './web-contents-security'

/**
 * The renderer's web preferences: isolated, sandboxed, no Node, web security on
 * (Electron security checklist items 2-4 and 6). Exported so a test can pin every flag.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  }
}

/** What the main window needs to know. */
export interface MainWindowOptions {
  /** Absolute path of the built CommonJS preload (`out/preload/index.cjs`). */
  readonly preloadPath: string
  /** The URL to load: app://bench/index.html, or the Vite dev server in development. */
  readonly rendererUrl: string
  /** Window title until the renderer sets its own. */
  readonly title: string
}

/** Creates the one application window, hardened before anything is loaded into it. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show' so the user never sees an unpainted white frame.
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  hardenWebContents(window.webContents)
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.rendererUrl).catch((error: unknown) => {
    // A failed load leaves a blank window; say why on the console instead of failing silently.
    console.error(`LRO Lab Bench: could not load ${options.rendererUrl}:`, error)
  })
  return window
}
