import { contextBridge, ipcRenderer } from 'electron'

/** Invokes a channel in the main process and resolves with its answer. */
export type InvokeChannel = (channel: string, ...args: unknown[]) => Promise<unknown>

/**
 * Builds the object the renderer sees as `window.api`: one function per contract method, each a
 * single `invoke` on that method's channel. Only the listed methods exist, so the renderer can
 * never reach `ipcRenderer` or pick a channel itself (Electron security checklist item 20
 * "Do not expose Electron APIs to untrusted web content").
 */
export function buildApiProxy<Method extends string>(
  methods: readonly Method[],
  channelOf: (method: Method) => string,
  invoke: InvokeChannel,
): Record<Method, (...args: unknown[]) => Promise<unknown>> {
  const api = {} as Record<Method, (...args: unknown[]) => Promise<unknown>>
  for (const method of methods) {
    const channel = channelOf(method)
    api[method] = (...args: unknown[]) => invoke(channel, ...args)
  }
  return Object.freeze(api)
}

/** Exposes the contract's methods to the renderer as `window.api` through the context bridge. */
export function exposeApi<Method extends string>(
  methods: readonly Method[],
  channelOf: (method: Method) => string,
): void {
  const api = buildApiProxy(methods, channelOf, (channel, ...args) => ipcRenderer.invoke(channel, ...args))
  contextBridge.exposeInMainWorld('api', api)
}
