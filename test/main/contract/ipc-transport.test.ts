import { vi } from 'vitest'
import type { LabApi } from '../../../main/contract/api'
import { forwardLabApiEvents, registerLabApiIpc } from '../../../main/electron/lab-api-ipc'
import { isTrustedRendererUrl } from '../../../main/electron/trusted-sender'
import { exposeLabApi } from '../../../main/preload/expose-lab-api'
import { createApiDispatcher } from '../../../main/services/api-dispatcher'
import { defineContractSuite } from './contract-suite'

/**
 * Electron's IPC simulated in one process: `ipcMain.handle` handlers are called by the mocked
 * `ipcRenderer.invoke` with a frame URL, and `webContents.send` reaches `ipcRenderer.on`
 * listeners; every message is structured-cloned as Electron does. This exercises the real
 * adapter (`lab-api-ipc.ts`) and the real preload (`expose-lab-api.ts`).
 */
const fakeElectron = vi.hoisted(() => {
  type Handler = (event: { senderFrame: { url: string } }, payload: unknown) => unknown
  const handlers = new Map<string, Handler>()
  const rendererListeners = new Map<string, Set<(event: unknown, message: unknown) => void>>()
  const state = { frameUrl: 'app://bench/index.html', exposed: new Map<string, unknown>() }
  return {
    state,
    handlers,
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    webContents: {
      isDestroyed: () => false,
      send: (channel: string, message: unknown) => {
        for (const listener of rendererListeners.get(channel) ?? []) listener({}, structuredClone(message))
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        const handler = handlers.get(channel)
        if (!handler) throw new Error(`No handler registered for '${channel}'`)
        return structuredClone(
          await handler({ senderFrame: { url: state.frameUrl } }, structuredClone(payload)),
        )
      },
      on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
        const set = rendererListeners.get(channel) ?? new Set()
        rendererListeners.set(channel, set)
        set.add(listener)
      },
      removeListener: (channel: string, listener: (event: unknown, message: unknown) => void) => {
        rendererListeners.get(channel)?.delete(listener)
      },
    },
  }
})

vi.mock('electron', () => ({
  ipcRenderer: fakeElectron.ipcRenderer,
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => fakeElectron.state.exposed.set(key, value),
  },
}))

defineContractSuite('Electron IPC (adapter + preload, electron mocked)', async (harness) => {
  const dispatch = createApiDispatcher({
    handlers: harness.services.handlers,
    isTrustedCaller: (caller) => isTrustedRendererUrl(caller.url),
  })
  const unregister = registerLabApiIpc(fakeElectron.ipcMain as never, dispatch)
  const stopEvents = forwardLabApiEvents(harness.services.events, () => fakeElectron.webContents as never)
  exposeLabApi()
  const api = fakeElectron.state.exposed.get('api') as LabApi
  // A frame from another origin is refused before any service runs.
  fakeElectron.state.frameUrl = 'https://evil.example/'
  const refusal = await api.ping().then(
    () => 'answered',
    (error: Error) => error.message,
  )
  fakeElectron.state.frameUrl = 'app://bench/index.html'
  if (!refusal.includes('"code":"FORBIDDEN"'))
    throw new Error(`an untrusted frame was not refused: ${refusal}`)
  return {
    api,
    close: async () => {
      stopEvents()
      unregister()
      if (fakeElectron.handlers.size !== 0) throw new Error('IPC handlers were left registered')
    },
  }
})
