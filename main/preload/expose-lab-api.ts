/**
 * Exposes the lab API as `window.api`: the generic client proxy (built from the contract's method
 * and event lists) over `ipcRenderer.invoke` and the event channel. Only the contract's functions
 * cross the context bridge; errors are encoded for the bridge (it keeps only `message`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiEventMessage, ApiMethodName, ApiResponse } from '../contract/api'
import { EVENT_CHANNEL, methodChannel } from '../contract/api-names'
import { createLabApiClient, errorForBridge } from '../contract/client-proxy'

/** Builds the proxy over IPC and exposes it as `window.api`. */
export function exposeLabApi(): void {
  const api = createLabApiClient({
    invoke: (method, payload) =>
      ipcRenderer.invoke(methodChannel(method as ApiMethodName), payload) as Promise<ApiResponse>,
    subscribe: (listener) => {
      const onMessage = (_event: IpcRendererEvent, message: ApiEventMessage): void => listener(message)
      ipcRenderer.on(EVENT_CHANNEL, onMessage)
      return () => ipcRenderer.removeListener(EVENT_CHANNEL, onMessage)
    },
    toThrown: errorForBridge,
  })
  contextBridge.exposeInMainWorld('api', api)
}
