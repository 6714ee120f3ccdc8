/**
 * Composition root of the Electron main process: create the services with their collaborators,
 * then the Electron adapters around them. Logic lives in the services (plain Node, tested without
 * Electron) and in the thin adapters under `main/electron/`; this file only wires.
 */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { APP_ENTRY_URL } from './electron/app-scheme'
import { showAboutDialog } from './electron/dialogs'
import { createElectronFileDialogs } from './electron/file-dialogs'
import { forwardLabApiEvents, registerLabApiIpc } from './electron/lab-api-ipc'
import { buildMenuTemplate, installApplicationMenu } from './electron/menu'
import { registerAppProtocol, registerAppSchemePrivileges } from './electron/protocol'
import { isTrustedRendererUrl, rendererDevServerUrl } from './electron/trusted-sender'
import { denyAllPermissions } from './electron/web-contents-security'
import { createMainWindow } from './electron/window'
import { defaultRunStorePath } from './platform/data-dir'
import { createApiDispatcher } from './services/api-dispatcher'
import { openLabRuntime } from './services/lab-runtime'
import { electronEngineWorkerEntry } from './workers/electron-worker-entry'

const PRODUCT_NAME = 'LRO Lab Bench'
const DESCRIPTION =
  'A packet-level lab bench for Large Receive Offload in Xen paravirtualized guests (after Oi & Nakajima, ICCET 2009).'

/** Set by `electron-vite dev` only; packaged builds ignore it and load app://bench/index.html. */
const devServerUrl = rendererDevServerUrl(app.isPackaged, process.env)
const isDevelopment = !app.isPackaged
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const rendererDir = join(import.meta.dirname, '../renderer')

// Must happen before 'ready' (Electron rejects privileged schemes registered later).
registerAppSchemePrivileges()

// One instance owns the data folder (SQLite in WAL mode); a second launch focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | undefined
  const disposers: (() => void)[] = []

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) {
        mainWindow.restore()
      }
      mainWindow.focus()
    }
  })

  app.on('window-all-closed', () => {
    app.quit()
  })

  app.on('will-quit', () => {
    for (const dispose of disposers.splice(0).reverse()) {
      dispose()
    }
  })

  app.whenReady().then(
    () => {
      // --- services (plain Node, no electron): store -> worker pool -> services ---
      const runtime = openLabRuntime({
        dbPath: defaultRunStorePath(),
        workerEntry: electronEngineWorkerEntry(),
        host: {
          appVersion: app.getVersion(),
          mode: 'electron',
          electronVersion: process.versions.electron ?? null,
        },
        dialogs: createElectronFileDialogs(() => mainWindow),
      })
      disposers.push(() => void runtime.close())
      const dispatch = createApiDispatcher({
        handlers: runtime.services.handlers,
        isTrustedCaller: (caller) => isTrustedRendererUrl(caller.url, devServerUrl),
      })

      // --- electron adapters ---
      denyAllPermissions(session.defaultSession)
      registerAppProtocol(session.defaultSession, rendererDir)
      disposers.push(registerLabApiIpc(ipcMain, dispatch))
      disposers.push(forwardLabApiEvents(runtime.services.events, () => mainWindow?.webContents))

      const window = createMainWindow({
        preloadPath,
        rendererUrl: devServerUrl ?? APP_ENTRY_URL,
        title: PRODUCT_NAME,
      })
      mainWindow = window
      window.on('closed', () => {
        mainWindow = undefined
      })

      installApplicationMenu(
        buildMenuTemplate({
          productName: PRODUCT_NAME,
          isDevelopment,
          isMac: process.platform === 'darwin',
          actions: {
            // The archive service opens the file dialogs itself; failures are shown, never swallowed.
            importArchive: () => {
              Promise.resolve()
                .then(() => runtime.services.handlers.importArchive({}))
                .catch((error: unknown) => console.error(`${PRODUCT_NAME}: import failed:`, error))
            },
            exportArchive: () => {
              Promise.resolve()
                .then(() => runtime.services.handlers.exportArchive({}))
                .catch((error: unknown) => console.error(`${PRODUCT_NAME}: export failed:`, error))
            },
            showAbout: () => {
              showAboutDialog(window, {
                productName: PRODUCT_NAME,
                version: app.getVersion(),
                description: DESCRIPTION,
              }).catch((error: unknown) => console.error(`${PRODUCT_NAME}: About dialog failed:`, error))
            },
          },
        }),
      )
    },
    (error: unknown) => {
      console.error(`${PRODUCT_NAME}: startup failed:`, error)
      app.exit(1)
    },
  )
}
